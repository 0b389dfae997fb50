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
    sequence INTEGER NOT NULL DEFAULT 0,
    seats_version INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CHECK (ends_at > starts_at)
);
-- The calendar reads events by when they end (upcoming) or start (a month),
-- across the association or in one community.
CREATE INDEX events_ends ON events (ends_at, starts_at, id);
CREATE INDEX events_starts ON events (starts_at, id);
CREATE INDEX events_community ON events (community_id, ends_at, starts_at);

-- The id is the arrival order the waitlist is promoted in: a registration
-- is inserted after its event's row is taken, and one made again after a
-- cancellation is a new row at the end of the queue.
CREATE TABLE event_registrations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    state TEXT NOT NULL,
    guests INTEGER NOT NULL DEFAULT 0 CHECK (guests >= 0),
    answer TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (event_id, account_id)
);
CREATE INDEX event_registrations_queue ON event_registrations (event_id, state, id);
CREATE INDEX event_registrations_account ON event_registrations (account_id, event_id);
