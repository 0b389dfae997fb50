-- Arrivals are announced in rounds: a member whose arrival is to be told
-- waits with 0 until a round's job claims them with its own id; NULL for
-- everyone else (founders, appointed people, imported members).
ALTER TABLE community_members ADD COLUMN arrival_job BIGINT;
-- Only the members who came through an announced arrival are in it.
CREATE INDEX community_members_arrivals ON community_members (community_id, arrival_job)
    WHERE arrival_job IS NOT NULL;
