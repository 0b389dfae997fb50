-- The next page of a community's members in account order (the primary key's
-- order, so the page is read from the index whatever the community's size),
-- each with their opt-out of emails of kind $4 when they made one: $1 the
-- community, $2 the last account of the previous page (0 for the first),
-- $3 the page's size, $5 the round of arrivals whose newcomers are left out
-- (NULL for none; cast so that PostgreSQL knows its type).
SELECT
    accounts.id,
    accounts.email,
    accounts.language,
    notification_preferences.account_id
FROM community_members
JOIN accounts ON accounts.id = community_members.account_id
LEFT JOIN notification_preferences
    ON notification_preferences.account_id = community_members.account_id
    AND notification_preferences.kind = $4
    AND notification_preferences.email = 0
WHERE community_members.community_id = $1
    AND community_members.account_id > $2
    AND (community_members.arrival_job IS NULL OR CAST($5 AS BIGINT) IS NULL
        OR community_members.arrival_job <> $5)
ORDER BY community_members.account_id
LIMIT $3
