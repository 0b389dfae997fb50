-- Versioned charters (codes of conduct, rules of life); members and requests
-- record the version accepted.
CREATE TABLE community_charters (
    community_id BIGINT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    version BIGINT NOT NULL,
    text TEXT NOT NULL,
    published_by BIGINT NOT NULL,
    published_at BIGINT NOT NULL,
    PRIMARY KEY (community_id, version)
);
ALTER TABLE community_members ADD COLUMN charter_version BIGINT;
ALTER TABLE join_requests ADD COLUMN charter_version BIGINT;
