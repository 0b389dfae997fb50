-- One row per role, or a single row with a NULL role for an account without
-- any, so that the profile and its roles are read in one snapshot.
SELECT
    accounts.id,
    accounts.display_name,
    accounts.job_title,
    accounts.employer_organisation_id,
    organisations.name,
    accounts.employer_other,
    accounts.bio,
    accounts.expertise,
    accounts.languages,
    accounts.public_profile,
    accounts.profile_reviewed_at,
    account_roles.role
FROM accounts
LEFT JOIN organisations ON organisations.id = accounts.employer_organisation_id
LEFT JOIN account_roles ON account_roles.account_id = accounts.id
WHERE accounts.id = $1
ORDER BY account_roles.role
