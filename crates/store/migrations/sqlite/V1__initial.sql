CREATE TABLE association (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    default_language TEXT NOT NULL CHECK (default_language IN ('fr', 'en')),
    theme_colour TEXT NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    language TEXT NOT NULL CHECK (language IN ('fr', 'en')),
    email_confirmed_at INTEGER,
    created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE account_roles (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    PRIMARY KEY (account_id, role)
) STRICT;

CREATE TABLE email_tokens (
    hash TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('confirm_email', 'reset_password')),
    expires_at INTEGER NOT NULL,
    used_at INTEGER
) STRICT;
CREATE INDEX email_tokens_account ON email_tokens (account_id);

CREATE TABLE sessions (
    hash TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_account ON sessions (account_id);

CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    scope TEXT NOT NULL CHECK (scope IN ('read', 'read_write')),
    hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER
) STRICT;
CREATE INDEX api_tokens_account ON api_tokens (account_id);

CREATE TABLE jobs (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    payload TEXT NOT NULL,
    run_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    leased_until INTEGER,
    done_at INTEGER,
    failed_at INTEGER,
    last_error TEXT
) STRICT;
-- Workers look for due jobs by run_at among those neither done nor given up.
CREATE INDEX jobs_pending ON jobs (run_at, id) WHERE done_at IS NULL AND failed_at IS NULL;

-- actor_id has no foreign key: the log outlives the accounts it names.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    actor_id INTEGER,
    action TEXT NOT NULL,
    subject TEXT NOT NULL
) STRICT;
