-- The writer connection is the only one that writes, so selecting the due
-- jobs and leasing them in one statement cannot race with another worker.
UPDATE jobs
SET leased_until = $2, attempts = attempts + 1
WHERE id IN (
    SELECT id
    FROM jobs
    WHERE done_at IS NULL
        AND failed_at IS NULL
        AND run_at <= $1
        AND (leased_until IS NULL OR leased_until <= $1)
    ORDER BY run_at, id
    LIMIT $3
)
RETURNING id, key, payload, attempts, run_at
