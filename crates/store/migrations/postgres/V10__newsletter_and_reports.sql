-- The newsletter's mailing lists, their subscriptions by double opt-in, the
-- issues sent and their unsubscribe links; and the private security reports.

-- name is shown as written, except for the lists Cercle creates, which the
-- locale files name in each language.
CREATE TABLE mailing_lists (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
INSERT INTO mailing_lists (slug, name, created_at) VALUES ('general', 'General newsletter', 0);

-- One row per address and list. Pending until confirmed_at is set, ended
-- once unsubscribed_at is. confirm_hash is the SHA-256 of the confirmation
-- link's secret, shared by the lists one request asked for, and cleared
-- when used.
CREATE TABLE newsletter_subscriptions (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    list_id BIGINT NOT NULL REFERENCES mailing_lists (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    language TEXT NOT NULL CHECK (language IN ('fr', 'en')),
    confirm_hash TEXT,
    confirm_expires_at BIGINT,
    created_at BIGINT NOT NULL,
    confirmed_at BIGINT,
    unsubscribed_at BIGINT,
    UNIQUE (list_id, email)
);
CREATE INDEX newsletter_subscriptions_confirm ON newsletter_subscriptions (confirm_hash);

-- sent_by has no foreign key: an issue outlives the account that sent it.
CREATE TABLE newsletter_issues (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    list_id BIGINT NOT NULL REFERENCES mailing_lists (id) ON DELETE CASCADE,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    sent_by BIGINT NOT NULL,
    sent_at BIGINT NOT NULL,
    recipients BIGINT NOT NULL
);

-- hash is the SHA-256 of the secret in one email's unsubscribe link.
CREATE TABLE newsletter_unsubscribe_links (
    hash TEXT PRIMARY KEY,
    subscription_id BIGINT NOT NULL REFERENCES newsletter_subscriptions (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL
);
CREATE INDEX newsletter_unsubscribe_links_subscription ON newsletter_unsubscribe_links (subscription_id);

-- States have no CHECK, as kinds in V2 to V8: the store refuses an unknown
-- value when it reads it back. updated_by has no foreign key, as sent_by.
CREATE TABLE security_reports (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reporter_name TEXT NOT NULL,
    reporter_email TEXT NOT NULL,
    description TEXT NOT NULL,
    affected_version TEXT NOT NULL,
    language TEXT NOT NULL CHECK (language IN ('fr', 'en')),
    state TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    updated_at BIGINT,
    updated_by BIGINT
);
