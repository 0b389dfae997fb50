-- Marks a link token used and names its account, only while it is valid:
-- the WHERE clause makes a second use, or a use after expiry, match nothing.
UPDATE email_tokens
SET used_at = $3
WHERE hash = $1
    AND purpose = $2
    AND used_at IS NULL
    AND expires_at > $3
RETURNING account_id
