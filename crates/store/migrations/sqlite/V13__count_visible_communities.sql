-- The home page and the directory count what a visitor may see of each
-- kind; this index answers the count alone, without reading the rows.
CREATE INDEX communities_visibility_kind ON communities (visibility, kind);
