-- People excluded from a community for breaking its rules: they cannot ask
-- to join again until readmitted.
CREATE TABLE community_exclusions (
    community_id BIGINT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    excluded_by BIGINT NOT NULL,
    excluded_at BIGINT NOT NULL,
    PRIMARY KEY (community_id, account_id)
);
