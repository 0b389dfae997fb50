-- Kinds have no CHECK, as in V2 to V4: the store refuses an unknown value
-- when it reads it back.

-- In-app notifications, written in the recipient's language when sent; link
-- is a path on the instance.
CREATE TABLE notifications (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    link TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    read_at INTEGER
) STRICT;
CREATE INDEX notifications_account ON notifications (account_id, created_at);

-- Whether a person also wants each kind by email; a kind without a row is on.
CREATE TABLE notification_preferences (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    email INTEGER NOT NULL CHECK (email IN (0, 1)),
    PRIMARY KEY (account_id, kind)
) STRICT;
CREATE INDEX notification_preferences_kind ON notification_preferences (kind, email);

-- A community's one incoming webhook. updated_by has no foreign key: the
-- setting outlives the person who made it, as decisions do in V4.
CREATE TABLE community_webhooks (
    community_id INTEGER PRIMARY KEY REFERENCES communities (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    url TEXT NOT NULL,
    updated_by INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;
