-- One row per role, or a single row with a NULL role for an account without
-- any, so that the account and its roles are read in one snapshot.
SELECT
    accounts.id,
    accounts.email,
    accounts.display_name,
    accounts.language,
    accounts.created_at,
    account_roles.role
FROM accounts
LEFT JOIN account_roles ON account_roles.account_id = accounts.id
WHERE accounts.id = $1
ORDER BY account_roles.role
