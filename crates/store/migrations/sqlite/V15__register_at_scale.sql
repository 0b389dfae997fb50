-- The register of people is read a page at a time, by name.
CREATE INDEX accounts_name ON accounts (display_name, id);
-- The memberships are listed a page at a time, newest first.
CREATE INDEX memberships_newest ON memberships (created_at, id);
