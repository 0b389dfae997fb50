-- The directory, the home page and community pages read at the scale of a
-- million people: counts kept on the community row, full-text search, and
-- the indexes the paged queries walk.

-- member_count is kept exact by the store operations that add and remove
-- members, in their transaction; a bulk loader writing community_members
-- directly must set it too.
ALTER TABLE communities ADD COLUMN member_count BIGINT NOT NULL DEFAULT 0
    CHECK (member_count >= 0);
UPDATE communities SET member_count =
    (SELECT COUNT(*) FROM community_members WHERE community_id = communities.id);

-- The directory's search over name, theme and description, computed by the
-- database on every write, whoever makes it. 'simple' neither stems nor
-- drops words, so that French and English names are found alike.
ALTER TABLE communities ADD COLUMN search tsvector GENERATED ALWAYS AS (
    to_tsvector('simple', name || ' ' || theme || ' ' || description)
) STORED;
CREATE INDEX communities_search ON communities USING GIN (search);

-- The directory pages by name then id, whoever reads it; visitors and kind
-- filters walk their own index in the same order.
DROP INDEX communities_name;
CREATE INDEX communities_name ON communities (name, id);
CREATE INDEX communities_visibility_name ON communities (visibility, name, id);
CREATE INDEX communities_kind_name ON communities (kind, name, id);
-- The themes filter reads the distinct themes of what a reader sees from
-- this index alone.
CREATE INDEX communities_theme ON communities (theme, visibility);
-- The home page: the public ones with the most members first.
CREATE INDEX communities_popular ON communities (visibility, member_count DESC, name, id);

-- A community page's member list, newest first, one page at a time.
CREATE INDEX community_members_joined ON community_members (community_id, joined_at DESC, account_id);

-- Who holds a role (the referents, the reviewers, the pilots), answered
-- from the index alone.
DROP INDEX community_member_roles_role;
CREATE INDEX community_member_roles_role ON community_member_roles (community_id, role_key, account_id);
