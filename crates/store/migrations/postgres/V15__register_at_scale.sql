-- The register of people is read a page at a time, by name, and searched
-- by part of a name or an email address from this index alone.
CREATE INDEX accounts_name ON accounts (display_name, id, email);
-- The memberships are listed a page at a time, newest first.
CREATE INDEX memberships_newest ON memberships (created_at, id);
