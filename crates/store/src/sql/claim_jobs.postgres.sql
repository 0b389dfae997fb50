-- SKIP LOCKED lets concurrent workers each lease different jobs instead of
-- waiting on the rows another worker is claiming.
WITH due AS (
    SELECT id
    FROM jobs
    WHERE done_at IS NULL
        AND failed_at IS NULL
        AND run_at <= $1
        AND (leased_until IS NULL OR leased_until <= $1)
    ORDER BY run_at, id
    LIMIT $3
    FOR UPDATE SKIP LOCKED
)
UPDATE jobs
SET leased_until = $2, attempts = jobs.attempts + 1
FROM due
WHERE jobs.id = due.id
RETURNING jobs.id, jobs.key, jobs.payload, jobs.attempts, jobs.run_at
