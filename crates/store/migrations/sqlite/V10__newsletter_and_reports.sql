-- The newsletter's mailing lists, their subscriptions by double opt-in, the
-- issues sent and their unsubscribe links; and the private security reports.

-- name is shown as written, except for the lists Cercle creates, which the
-- locale files name in each language.
CREATE TABLE mailing_lists (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
) STRICT;
INSERT INTO mailing_lists (slug, name, created_at) VALUES ('general', 'General newsletter', 0);

-- One row per address and list. Pending until confirmed_at is set, ended
-- once unsubscribed_at is. confirm_hash is the SHA-256 of the confirmation
-- link's secret, shared by the lists one request asked for, and cleared
-- when used.
CREATE TABLE newsletter_subscriptions (
    id INTEGER PRIMARY KEY,
    list_id INTEGER NOT NULL REFERENCES mailing_lists (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    language TEXT NOT NULL CHECK (language IN ('fr', 'en')),
    confirm_hash TEXT,
    confirm_expires_at INTEGER,
    created_at INTEGER NOT NULL,
    confirmed_at INTEGER,
    unsubscribed_at INTEGER,
    UNIQUE (list_id, email)
) STRICT;
CREATE INDEX newsletter_subscriptions_confirm ON newsletter_subscriptions (confirm_hash);

-- sent_by has no foreign key: an issue outlives the account that sent it.
CREATE TABLE newsletter_issues (
    id INTEGER PRIMARY KEY,
    list_id INTEGER NOT NULL REFERENCES mailing_lists (id) ON DELETE CASCADE,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    sent_by INTEGER NOT NULL,
    sent_at INTEGER NOT NULL,
    recipients INTEGER NOT NULL
) STRICT;

-- hash is the SHA-256 of the secret in one email's unsubscribe link.
CREATE TABLE newsletter_unsubscribe_links (
    hash TEXT PRIMARY KEY,
    subscription_id INTEGER NOT NULL REFERENCES newsletter_subscriptions (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX newsletter_unsubscribe_links_subscription ON newsletter_unsubscribe_links (subscription_id);

-- States have no CHECK, as kinds in V2 to V8: the store refuses an unknown
-- value when it reads it back. updated_by has no foreign key, as sent_by.
CREATE TABLE security_reports (
    id INTEGER PRIMARY KEY,
    reporter_name TEXT NOT NULL,
    reporter_email TEXT NOT NULL,
    description TEXT NOT NULL,
    affected_version TEXT NOT NULL,
    language TEXT NOT NULL CHECK (language IN ('fr', 'en')),
    state TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    updated_at INTEGER,
    updated_by INTEGER
) STRICT;
