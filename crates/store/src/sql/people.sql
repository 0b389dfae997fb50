-- One row per role, or a single row with a NULL role for an account without
-- any; an account's rows are consecutive.
SELECT
    accounts.id,
    accounts.display_name,
    accounts.email,
    accounts.public_profile,
    account_roles.role
FROM accounts
LEFT JOIN account_roles ON account_roles.account_id = accounts.id
ORDER BY accounts.display_name, accounts.id, account_roles.role
