-- Statuses and kinds have no CHECK, as in V2: the store refuses an unknown
-- value when it reads it back.

ALTER TABLE association ADD COLUMN decisions_outside_sessions INTEGER NOT NULL DEFAULT 0
    CHECK (decisions_outside_sessions IN (0, 1));
ALTER TABLE association ADD COLUMN contribution_inactivity_days INTEGER
    CHECK (contribution_inactivity_days >= 0);

-- created_by has no foreign key: a session's record outlives its author.
-- held_on is YYYY-MM-DD, so that text order is date order.
CREATE TABLE bureau_sessions (
    id INTEGER PRIMARY KEY,
    held_on TEXT NOT NULL,
    title TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    created_by INTEGER,
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX bureau_sessions_held_on ON bureau_sessions (held_on);

CREATE TABLE bureau_session_attendees (
    session_id INTEGER NOT NULL REFERENCES bureau_sessions (id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    PRIMARY KEY (session_id, account_id)
) STRICT;
CREATE INDEX bureau_session_attendees_account ON bureau_session_attendees (account_id);

-- session_id is the session whose agenda holds the application;
-- decided_in_session_id the one the decision was taken in, NULL when it was
-- taken outside sessions. decided_by has no foreign key: a decision outlives
-- the member of the bureau who took it.
CREATE TABLE applications (
    id INTEGER PRIMARY KEY,
    applicant_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    plan_id INTEGER NOT NULL REFERENCES plans (id),
    organisation_id INTEGER REFERENCES organisations (id) ON DELETE SET NULL,
    motivation TEXT NOT NULL,
    language TEXT NOT NULL,
    status TEXT NOT NULL,
    submitted_at INTEGER NOT NULL,
    session_id INTEGER REFERENCES bureau_sessions (id) ON DELETE SET NULL,
    decided_by INTEGER,
    decided_at INTEGER,
    decided_in_session_id INTEGER REFERENCES bureau_sessions (id) ON DELETE SET NULL,
    reason TEXT NOT NULL DEFAULT '',
    membership_id INTEGER REFERENCES memberships (id) ON DELETE SET NULL
) STRICT;
CREATE INDEX applications_applicant ON applications (applicant_id);
CREATE INDEX applications_session ON applications (session_id);
-- An applicant has at most one pending application.
CREATE UNIQUE INDEX applications_pending ON applications (applicant_id)
    WHERE status = 'pending';

-- recorded_by has no foreign key: a contribution outlives who recorded it.
CREATE TABLE contributions (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    on_date TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    recorded_by INTEGER,
    recorded_at INTEGER NOT NULL
) STRICT;
CREATE INDEX contributions_account ON contributions (account_id, on_date);
