-- Events (issue 12): a community's or the association's, with their
-- registrations and the waitlist the store promotes itself.

-- Organising events becomes a permission of its own, held by the roles
-- that already managed the community's content.
ALTER TABLE community_roles ADD COLUMN manage_events INTEGER NOT NULL DEFAULT 0
    CHECK (manage_events IN (0, 1));
UPDATE community_roles SET manage_events = manage_content;

-- Moments are UTC seconds; time_zone is the IANA zone the organisers wrote
-- them in, which pages and calendars show. community_id is NULL for the
-- association's own events. Formats and audiences have no CHECK, as the
-- communities' kinds: the store refuses an unknown value when it reads it.
-- seats_version is bumped by every write that decides a seat, so that such
-- writes take the event's row one after the other.
CREATE TABLE events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    community_id INTEGER REFERENCES communities (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    format TEXT NOT NULL,
    audience TEXT NOT NULL,
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL,
    time_zone TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    online_url TEXT,
    capacity INTEGER CHECK (capacity > 0),
    approval INTEGER NOT NULL DEFAULT 0 CHECK (approval IN (0, 1)),
    registration_opens_at INTEGER,
    registration_closes_at INTEGER,
    max_guests INTEGER NOT NULL DEFAULT 0 CHECK (max_guests >= 0),
    question TEXT NOT NULL DEFAULT '',
    organiser_id INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    cancelled_at INTEGER,
    -- An RFC 5545 rule (FREQ=WEEKLY;INTERVAL=2;UNTIL=…) repeating the event
    -- from its start, which is the first occurrence; NULL for a single
    -- event. series_ends_at is when the last occurrence ends, ends_at for a
    -- single event, so that a calendar finds a series by one comparison.
    recurrence TEXT,
    series_ends_at INTEGER NOT NULL,
    sequence INTEGER NOT NULL DEFAULT 0,
    seats_version INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CHECK (ends_at > starts_at)
);
-- The calendar reads events by when they end (upcoming) or start (a month),
-- across the association or in one community.
CREATE INDEX events_ends ON events (series_ends_at, starts_at, id);
CREATE INDEX events_starts ON events (starts_at, id);
CREATE INDEX events_community ON events (community_id, series_ends_at, starts_at);

-- One occurrence of a series cancelled (EXDATE) or moved (an override
-- with RECURRENCE-ID): occurrence is the start the rule gives it.
CREATE TABLE event_exceptions (
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    occurrence INTEGER NOT NULL,
    cancelled INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),
    starts_at INTEGER,
    ends_at INTEGER,
    PRIMARY KEY (event_id, occurrence),
    CHECK (cancelled = 1 OR (starts_at IS NOT NULL AND ends_at > starts_at))
);

-- The id is the arrival order the waitlist is promoted in: a registration
-- is inserted after its event's row is taken, and one made again after a
-- cancellation is a new row at the end of the queue. occurrence is 0 for a
-- single event and the start the rule gives an occurrence of a series:
-- registration, capacity and attendance are per occurrence.
CREATE TABLE event_registrations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    occurrence INTEGER NOT NULL DEFAULT 0,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    state TEXT NOT NULL,
    guests INTEGER NOT NULL DEFAULT 0 CHECK (guests >= 0),
    answer TEXT NOT NULL DEFAULT '',
    -- present, absent or excused, as the organisers recorded it, and when:
    -- a dated fact of participation.
    attendance TEXT,
    attendance_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (event_id, occurrence, account_id)
);
CREATE INDEX event_registrations_queue
    ON event_registrations (event_id, occurrence, state, id);
CREATE INDEX event_registrations_account ON event_registrations (account_id, event_id);

-- A person's calendar at a secret address, which calendar applications read
-- without signing in: only the address's hash is kept, and a new address
-- replaces the old one.
CREATE TABLE calendar_feeds (
    account_id INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
);
