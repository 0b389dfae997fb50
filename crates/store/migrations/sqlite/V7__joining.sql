-- Co-optation, applications with an interview, invitations, and exclusions
-- tied to a numbered rule of the charter.

-- questions is one per line; answers the JSON of the question/answer pairs,
-- read back by the store alone.
ALTER TABLE communities ADD COLUMN vouches_required INTEGER NOT NULL DEFAULT 2
    CHECK (vouches_required BETWEEN 1 AND 20);
ALTER TABLE communities ADD COLUMN questions TEXT NOT NULL DEFAULT '';
ALTER TABLE join_requests ADD COLUMN answers TEXT NOT NULL DEFAULT '[]';
ALTER TABLE join_requests ADD COLUMN interview_on TEXT;
ALTER TABLE join_requests ADD COLUMN interview_notes TEXT;
ALTER TABLE join_requests ADD COLUMN interviewed_by INTEGER;

-- voucher_id has no foreign key to the membership: a vouch outlives the
-- voucher's later departure.
CREATE TABLE join_request_vouches (
    request_id INTEGER NOT NULL REFERENCES join_requests (id) ON DELETE CASCADE,
    voucher_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    vouched_at INTEGER NOT NULL,
    PRIMARY KEY (request_id, voucher_id)
) STRICT;

-- token_hash is the SHA-256 of the link's secret.
CREATE TABLE community_invitations (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    invited_by INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER,
    used_by INTEGER,
    revoked_at INTEGER
) STRICT;
CREATE INDEX community_invitations_community ON community_invitations (community_id);

ALTER TABLE community_exclusions ADD COLUMN charter_version INTEGER;
ALTER TABLE community_exclusions ADD COLUMN rule_number INTEGER;
