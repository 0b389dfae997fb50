-- The directory, the home page and community pages read at the scale of a
-- million people: counts kept on the community row, full-text search, and
-- the indexes the paged queries walk.

-- member_count is kept exact by the store operations that add and remove
-- members, in their transaction; a bulk loader writing community_members
-- directly must set it too.
ALTER TABLE communities ADD COLUMN member_count INTEGER NOT NULL DEFAULT 0
    CHECK (member_count >= 0);
UPDATE communities SET member_count =
    (SELECT COUNT(*) FROM community_members WHERE community_id = communities.id);

-- The directory's search over name, theme and description. The index holds
-- no copy of the text (external content), and the triggers keep it in step
-- with every write to communities, whoever makes it.
CREATE VIRTUAL TABLE communities_fts USING fts5(
    name, theme, description,
    content = 'communities', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO communities_fts (communities_fts) VALUES ('rebuild');
CREATE TRIGGER communities_fts_insert AFTER INSERT ON communities BEGIN
    INSERT INTO communities_fts (rowid, name, theme, description)
        VALUES (new.id, new.name, new.theme, new.description);
END;
CREATE TRIGGER communities_fts_delete AFTER DELETE ON communities BEGIN
    INSERT INTO communities_fts (communities_fts, rowid, name, theme, description)
        VALUES ('delete', old.id, old.name, old.theme, old.description);
END;
-- Only the searched columns: a join, which changes member_count, leaves the
-- index alone.
CREATE TRIGGER communities_fts_update AFTER UPDATE OF name, theme, description ON communities
BEGIN
    INSERT INTO communities_fts (communities_fts, rowid, name, theme, description)
        VALUES ('delete', old.id, old.name, old.theme, old.description);
    INSERT INTO communities_fts (rowid, name, theme, description)
        VALUES (new.id, new.name, new.theme, new.description);
END;

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
