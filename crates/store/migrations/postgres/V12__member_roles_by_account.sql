-- A person's roles across their communities (their home page, their
-- communities' list) are read by account: without this index that read
-- scanned every community's roles.
CREATE INDEX community_member_roles_account ON community_member_roles (account_id);
