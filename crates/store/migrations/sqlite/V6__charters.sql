-- Versioned charters (codes of conduct, rules of life); members and requests
-- record the version accepted.
CREATE TABLE community_charters (
    community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    text TEXT NOT NULL,
    published_by INTEGER NOT NULL,
    published_at INTEGER NOT NULL,
    PRIMARY KEY (community_id, version)
) STRICT;
ALTER TABLE community_members ADD COLUMN charter_version INTEGER;
ALTER TABLE join_requests ADD COLUMN charter_version INTEGER;
