-- Kinds, policies, engagements and statuses have no CHECK, as in V2 and V3
-- and as on SQLite: the store refuses an unknown value when it reads it back.

-- objectives is one per line; channels is the JSON of the channel list and
-- card that of the profile card, both read back by the store alone.
CREATE TABLE communities (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    theme TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    objectives TEXT NOT NULL DEFAULT '',
    cadence TEXT NOT NULL DEFAULT '',
    channels TEXT NOT NULL DEFAULT '[]',
    visibility TEXT NOT NULL,
    access TEXT NOT NULL,
    adherents_only BIGINT NOT NULL DEFAULT 0 CHECK (adherents_only IN (0, 1)),
    organisation_in_good_standing BIGINT NOT NULL DEFAULT 0
        CHECK (organisation_in_good_standing IN (0, 1)),
    individuals_only BIGINT NOT NULL DEFAULT 0 CHECK (individuals_only IN (0, 1)),
    active_contributor_days BIGINT CHECK (active_contributor_days >= 0),
    card TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX communities_name ON communities (name);

-- position orders a community's roles as they were created.
CREATE TABLE community_roles (
    community_id BIGINT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    review_requests BIGINT NOT NULL CHECK (review_requests IN (0, 1)),
    announce BIGINT NOT NULL CHECK (announce IN (0, 1)),
    manage_content BIGINT NOT NULL CHECK (manage_content IN (0, 1)),
    moderate BIGINT NOT NULL CHECK (moderate IN (0, 1)),
    manage_roles BIGINT NOT NULL CHECK (manage_roles IN (0, 1)),
    referent BIGINT NOT NULL CHECK (referent IN (0, 1)),
    position BIGINT NOT NULL,
    PRIMARY KEY (community_id, key)
);

CREATE TABLE community_members (
    community_id BIGINT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    engagement TEXT NOT NULL,
    joined_at BIGINT NOT NULL,
    PRIMARY KEY (community_id, account_id)
);
CREATE INDEX community_members_account ON community_members (account_id);

-- A member's roles go with the membership; a role must be one of the
-- community's own.
CREATE TABLE community_member_roles (
    community_id BIGINT NOT NULL,
    account_id BIGINT NOT NULL,
    role_key TEXT NOT NULL,
    PRIMARY KEY (community_id, account_id, role_key),
    FOREIGN KEY (community_id, account_id)
        REFERENCES community_members (community_id, account_id) ON DELETE CASCADE,
    FOREIGN KEY (community_id, role_key)
        REFERENCES community_roles (community_id, key) ON DELETE CASCADE
);
CREATE INDEX community_member_roles_role ON community_member_roles (community_id, role_key);

-- decided_by has no foreign key: a decision outlives the reviewer who took it.
CREATE TABLE join_requests (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    community_id BIGINT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    motivation TEXT NOT NULL,
    engagement TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    decided_by BIGINT,
    decided_at BIGINT
);
CREATE INDEX join_requests_community ON join_requests (community_id, status);
CREATE INDEX join_requests_account ON join_requests (account_id);
-- A person has at most one pending request to a community.
CREATE UNIQUE INDEX join_requests_pending ON join_requests (community_id, account_id)
    WHERE status = 'pending';
