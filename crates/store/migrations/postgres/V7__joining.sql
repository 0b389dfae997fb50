-- Co-optation, applications with an interview, invitations, and exclusions
-- tied to a numbered rule of the charter.

-- questions is one per line; answers the JSON of the question/answer pairs,
-- read back by the store alone.
ALTER TABLE communities ADD COLUMN vouches_required BIGINT NOT NULL DEFAULT 2
    CHECK (vouches_required BETWEEN 1 AND 20);
ALTER TABLE communities ADD COLUMN questions TEXT NOT NULL DEFAULT '';
ALTER TABLE join_requests ADD COLUMN answers TEXT NOT NULL DEFAULT '[]';
ALTER TABLE join_requests ADD COLUMN interview_on TEXT;
ALTER TABLE join_requests ADD COLUMN interview_notes TEXT;
ALTER TABLE join_requests ADD COLUMN interviewed_by BIGINT;

-- voucher_id has no foreign key to the membership: a vouch outlives the
-- voucher's later departure.
CREATE TABLE join_request_vouches (
    request_id BIGINT NOT NULL REFERENCES join_requests (id) ON DELETE CASCADE,
    voucher_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    vouched_at BIGINT NOT NULL,
    PRIMARY KEY (request_id, voucher_id)
);

-- token_hash is the SHA-256 of the link's secret.
CREATE TABLE community_invitations (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    community_id BIGINT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    invited_by BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT,
    used_by BIGINT,
    revoked_at BIGINT
);
CREATE INDEX community_invitations_community ON community_invitations (community_id);

ALTER TABLE community_exclusions ADD COLUMN charter_version BIGINT;
ALTER TABLE community_exclusions ADD COLUMN rule_number BIGINT;
