-- Kinds have no CHECK, as in V2 to V4 and as on SQLite: the store refuses an
-- unknown value when it reads it back.

-- In-app notifications, written in the recipient's language when sent; link
-- is a path on the instance.
CREATE TABLE notifications (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    link TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    read_at BIGINT
);
CREATE INDEX notifications_account ON notifications (account_id, created_at);

-- Whether a person also wants each kind by email; a kind without a row is on.
CREATE TABLE notification_preferences (
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    email BIGINT NOT NULL CHECK (email IN (0, 1)),
    PRIMARY KEY (account_id, kind)
);
CREATE INDEX notification_preferences_kind ON notification_preferences (kind, email);

-- A community's one incoming webhook. updated_by has no foreign key: the
-- setting outlives the person who made it, as decisions do in V4.
CREATE TABLE community_webhooks (
    community_id BIGINT PRIMARY KEY REFERENCES communities (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    url TEXT NOT NULL,
    updated_by BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
