-- Governance (seeds 000, 001, 002 and 004): the association's bodies and
-- their mandates, and its general assemblies with their frozen roll,
-- proxies, agenda, ballots and minutes.

-- Whether a plan's holders vote in general assemblies: supporting or
-- honorary members are on the roll without a vote. Every plan made before
-- voted.
ALTER TABLE plans ADD COLUMN votes INTEGER NOT NULL DEFAULT 1 CHECK (votes IN (0, 1));

-- The statutes as an administrator saved them, in one row; until then
-- there is none, and the store answers the defaults.
CREATE TABLE governance_statutes (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    notice_days INTEGER NOT NULL CHECK (notice_days >= 0),
    proxy_cap INTEGER NOT NULL CHECK (proxy_cap >= 0),
    ordinary_quorum_percent INTEGER NOT NULL
        CHECK (ordinary_quorum_percent BETWEEN 0 AND 100),
    extraordinary_quorum_percent INTEGER NOT NULL
        CHECK (extraordinary_quorum_percent BETWEEN 0 AND 100),
    abstentions_count INTEGER NOT NULL CHECK (abstentions_count IN (0, 1)),
    updated_at INTEGER NOT NULL
) STRICT;

-- AUTOINCREMENT, so that the id of a removed body or mandate, which the
-- audit log names, is never given to another. kind and seat have no CHECK,
-- as the other enumerated values: the store refuses an unknown value when
-- it reads it back.
CREATE TABLE governance_bodies (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;

-- Ended mandates stay, so that the governance page tells who sat before;
-- ends_on is the last day, NULL while it is not known.
CREATE TABLE governance_mandates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    body_id INTEGER NOT NULL REFERENCES governance_bodies (id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    seat TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT,
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX governance_mandates_body ON governance_mandates (body_id);
-- Whether someone holds a seat now (the secretary who writes the minutes)
-- is read by account, and a deleted account's mandates go with it.
CREATE INDEX governance_mandates_account ON governance_mandates (account_id);

-- state is draft, convened, open or closed. roll_on is the day the roll was
-- frozen as of, roll_size how many people it holds. The quorum columns are
-- what the chair recorded on opening, NULL before. roll_version is bumped by
-- every write that changes who carries whose vote (a proxy, a presence, the
-- opening), so that such writes take the assembly's row one after the other
-- and no holder ever carries more proxies than the statutes allow.
CREATE TABLE assemblies (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    starts_at INTEGER NOT NULL,
    time_zone TEXT NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    details TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT 'draft',
    convened_at INTEGER,
    roll_on TEXT,
    roll_size INTEGER NOT NULL DEFAULT 0,
    opened_at INTEGER,
    quorum_voting INTEGER,
    quorum_present INTEGER,
    quorum_represented INTEGER,
    quorum_needed INTEGER,
    closed_at INTEGER,
    roll_version INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;
-- Assemblies are listed the latest first.
CREATE INDEX assemblies_latest ON assemblies (starts_at, id);

-- The roll frozen at the convocation: class is the plan that put someone on
-- it, '' for the team invited without being members, who do not vote.
-- presence is in_person or online, NULL while absent; proxy_holder_id is
-- whom they gave their vote to.
CREATE TABLE assembly_roll (
    assembly_id INTEGER NOT NULL REFERENCES assemblies (id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    class TEXT NOT NULL,
    voting INTEGER NOT NULL CHECK (voting IN (0, 1)),
    presence TEXT,
    proxy_holder_id INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    PRIMARY KEY (assembly_id, account_id),
    CHECK (proxy_holder_id IS NULL OR proxy_holder_id <> account_id)
) STRICT;
-- The proxies a holder carries are counted under the assembly's row.
CREATE INDEX assembly_roll_proxies ON assembly_roll (assembly_id, proxy_holder_id);
-- A member's assemblies are those whose roll holds them, and a deleted
-- account leaves every roll.
CREATE INDEX assembly_roll_account ON assembly_roll (account_id);
-- A deleted holder's proxies are cleared through this one.
CREATE INDEX assembly_roll_holder ON assembly_roll (proxy_holder_id);

-- An agenda item, with the resolution it puts to the vote when resolution
-- (its text) is not NULL: its majority and ballot (open or secret), the
-- window of a written consultation (opens_at, closes_at), when the chair
-- opened and closed it, and the count recorded on closing.
CREATE TABLE assembly_items (
    id INTEGER PRIMARY KEY,
    assembly_id INTEGER NOT NULL REFERENCES assemblies (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position > 0),
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    resolution TEXT,
    majority TEXT,
    ballot TEXT,
    opens_at INTEGER,
    closes_at INTEGER,
    opened_at INTEGER,
    closed_at INTEGER,
    tally_for INTEGER,
    tally_against INTEGER,
    tally_abstain INTEGER,
    tally_eligible INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (assembly_id, position),
    CHECK (resolution IS NULL OR (majority IS NOT NULL AND ballot IS NOT NULL))
) STRICT;

-- Who voted in a ballot, so that nobody votes twice: account_id is the
-- voice, cast_by who cast it (the voice itself or its proxy holder). choice
-- is kept for an open ballot only, whose roll-call shows it; for a secret
-- one it stays NULL and the choice only adds to ballot_counts. There is no
-- moment and, WITHOUT ROWID, no rowid either: rows are kept in key order,
-- so nothing tells in which order people voted, which the counters'
-- changes could otherwise be lined up with.
CREATE TABLE ballot_voters (
    item_id INTEGER NOT NULL REFERENCES assembly_items (id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    cast_by INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    choice TEXT,
    PRIMARY KEY (item_id, account_id)
) STRICT, WITHOUT ROWID;
-- A deleted account's rows are found by these.
CREATE INDEX ballot_voters_account ON ballot_voters (account_id);
CREATE INDEX ballot_voters_cast_by ON ballot_voters (cast_by);

-- A secret ballot's count: one counter per choice, which a vote adds one
-- to.
CREATE TABLE ballot_counts (
    item_id INTEGER NOT NULL REFERENCES assembly_items (id) ON DELETE CASCADE,
    choice TEXT NOT NULL,
    votes INTEGER NOT NULL CHECK (votes >= 0),
    PRIMARY KEY (item_id, choice)
) STRICT, WITHOUT ROWID;

-- The hashes of a secret ballot's receipts, with neither the voter nor the
-- choice, so that a voter can check their ballot was counted.
CREATE TABLE ballot_receipts (
    item_id INTEGER NOT NULL REFERENCES assembly_items (id) ON DELETE CASCADE,
    receipt_hash TEXT NOT NULL,
    PRIMARY KEY (item_id, receipt_hash)
) STRICT, WITHOUT ROWID;

-- The minutes, drafted when the assembly closes. approved_by has no
-- foreign key and approver_name is the name as it stood: approved minutes
-- are a record that outlives the secretary's account.
CREATE TABLE assembly_minutes (
    assembly_id INTEGER PRIMARY KEY REFERENCES assemblies (id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    approved_at INTEGER,
    approved_by INTEGER,
    approver_name TEXT
) STRICT;
