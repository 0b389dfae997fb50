-- The members' part of an assembly's roll, frozen as it stands on the day
-- $2 (YYYY-MM-DD) for the assembly $1, in one statement whatever the size of
-- the register: each active membership whose period covering that day is
-- paid gives its holder, or for an organisation its representative, if it
-- has one. Someone holding several such memberships is on the roll once,
-- with the first of their plans by name as their class, and voting when any
-- of them votes. $1 is cast so that PostgreSQL knows its type.
INSERT INTO assembly_roll (assembly_id, account_id, class, voting)
SELECT CAST($1 AS BIGINT), standing.account_id, MIN(standing.class), MAX(standing.votes)
FROM (
    SELECT
        COALESCE(memberships.holder_account_id, affiliations.account_id) AS account_id,
        plans.name AS class,
        plans.votes AS votes
    FROM memberships
    JOIN plans ON plans.id = memberships.plan_id
    JOIN membership_periods
        ON membership_periods.membership_id = memberships.id
        AND membership_periods.starts_on <= $2
        AND membership_periods.ends_on >= $2
    LEFT JOIN affiliations
        ON affiliations.organisation_id = memberships.holder_organisation_id
        AND affiliations.representative = 1
    WHERE memberships.status = 'active'
        AND membership_periods.amount_due <= (
            SELECT COALESCE(SUM(payments.amount), 0)
            FROM payments
            WHERE payments.membership_id = memberships.id
                AND payments.period_id = membership_periods.id
        )
) AS standing
WHERE standing.account_id IS NOT NULL
GROUP BY standing.account_id
