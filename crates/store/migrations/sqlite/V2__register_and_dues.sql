-- Enumerated values (category, status, method, policy) have no CHECK: SQLite
-- cannot change a CHECK without rebuilding the table, and the store refuses
-- an unknown value when it reads it back.

ALTER TABLE association ADD COLUMN membership_policy TEXT NOT NULL DEFAULT 'both';

CREATE TABLE organisations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    category TEXT NOT NULL,
    website TEXT,
    logo_url TEXT,
    description TEXT NOT NULL DEFAULT '',
    size INTEGER CHECK (size >= 0),
    created_at INTEGER NOT NULL
) STRICT;

-- expertise and languages hold one tag per line; the empty string is no tag.
ALTER TABLE accounts ADD COLUMN job_title TEXT NOT NULL DEFAULT '';
ALTER TABLE accounts ADD COLUMN employer_organisation_id INTEGER
    REFERENCES organisations (id) ON DELETE SET NULL;
ALTER TABLE accounts ADD COLUMN employer_other TEXT NOT NULL DEFAULT '';
ALTER TABLE accounts ADD COLUMN bio TEXT NOT NULL DEFAULT '';
ALTER TABLE accounts ADD COLUMN expertise TEXT NOT NULL DEFAULT '';
ALTER TABLE accounts ADD COLUMN languages TEXT NOT NULL DEFAULT '';
ALTER TABLE accounts ADD COLUMN public_profile INTEGER NOT NULL DEFAULT 0
    CHECK (public_profile IN (0, 1));
ALTER TABLE accounts ADD COLUMN profile_reviewed_at INTEGER;
CREATE INDEX accounts_employer ON accounts (employer_organisation_id);

CREATE TABLE affiliations (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    representative INTEGER NOT NULL DEFAULT 0 CHECK (representative IN (0, 1)),
    since INTEGER NOT NULL,
    PRIMARY KEY (account_id, organisation_id)
) STRICT;
CREATE INDEX affiliations_organisation ON affiliations (organisation_id);
-- An organisation has at most one representative.
CREATE UNIQUE INDEX affiliations_representative ON affiliations (organisation_id)
    WHERE representative = 1;

-- prices is a JSON array of {"min_size", "amount"}; services one per line.
CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    period TEXT NOT NULL,
    holder_kind TEXT NOT NULL,
    currency TEXT NOT NULL,
    prices TEXT NOT NULL,
    services TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE memberships (
    id INTEGER PRIMARY KEY,
    holder_account_id INTEGER REFERENCES accounts (id) ON DELETE CASCADE,
    holder_organisation_id INTEGER REFERENCES organisations (id) ON DELETE CASCADE,
    plan_id INTEGER NOT NULL REFERENCES plans (id),
    status TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    CHECK ((holder_account_id IS NULL) <> (holder_organisation_id IS NULL))
) STRICT;
CREATE INDEX memberships_account ON memberships (holder_account_id);
CREATE INDEX memberships_organisation ON memberships (holder_organisation_id);
CREATE INDEX memberships_plan ON memberships (plan_id);

-- Dates are YYYY-MM-DD, so that text order is date order.
CREATE TABLE membership_periods (
    id INTEGER PRIMARY KEY,
    membership_id INTEGER NOT NULL REFERENCES memberships (id) ON DELETE CASCADE,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    amount_due INTEGER NOT NULL CHECK (amount_due >= 0),
    CHECK (starts_on <= ends_on),
    -- The target of payments' foreign key, which ties a payment's period to
    -- its membership.
    UNIQUE (membership_id, id)
) STRICT;

-- recorded_by has no foreign key: a payment outlives the treasurer.
CREATE TABLE payments (
    id INTEGER PRIMARY KEY,
    membership_id INTEGER NOT NULL REFERENCES memberships (id) ON DELETE CASCADE,
    period_id INTEGER NOT NULL,
    amount INTEGER NOT NULL CHECK (amount >= 0),
    paid_on TEXT NOT NULL,
    method TEXT NOT NULL,
    reference TEXT NOT NULL DEFAULT '',
    recorded_by INTEGER,
    recorded_at INTEGER NOT NULL,
    FOREIGN KEY (membership_id, period_id)
        REFERENCES membership_periods (membership_id, id) ON DELETE CASCADE
) STRICT;
CREATE INDEX payments_membership ON payments (membership_id, period_id);
