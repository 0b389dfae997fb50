-- The public site (seeds 000 and 001): its texts and settings, the entries
-- of its pages, uploaded images, and the adopters of "who uses it". Kinds
-- and sections have no CHECK, as in V2 to V8 and as on SQLite: the store
-- refuses an unknown value when it reads it back.

-- Images whose bytes were checked before they were written; content_type is
-- the type the bytes were recognised as, never the one the sender claimed.
CREATE TABLE site_images (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    content_type TEXT NOT NULL,
    width BIGINT NOT NULL CHECK (width > 0),
    height BIGINT NOT NULL CHECK (height > 0),
    data BYTEA NOT NULL,
    created_at BIGINT NOT NULL
);

-- The pages' Markdown texts, each in French and in English; a key without a
-- row is empty.
CREATE TABLE site_texts (
    key TEXT PRIMARY KEY,
    fr TEXT NOT NULL,
    en TEXT NOT NULL
);

-- The one row of settings; before its first save the defaults apply.
-- updated_by has no foreign key: the setting outlives the person who made it.
CREATE TABLE site_settings (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    free_participation BIGINT NOT NULL CHECK (free_participation IN (0, 1)),
    licence_name TEXT NOT NULL,
    licence_url TEXT,
    steering_email TEXT,
    logo_image_id BIGINT REFERENCES site_images (id) ON DELETE SET NULL,
    updated_by BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- The rows of the pages' lists: cards, highlights, bodies and their members,
-- contributors, help channels. A member's parent is their body. Dates are
-- YYYY-MM-DD, so that text order is date order.
CREATE TABLE site_entries (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    section TEXT NOT NULL,
    parent_id BIGINT REFERENCES site_entries (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    tag TEXT NOT NULL,
    title_fr TEXT NOT NULL,
    title_en TEXT NOT NULL,
    text_fr TEXT NOT NULL,
    text_en TEXT NOT NULL,
    link TEXT,
    starts_on TEXT,
    ends_on TEXT,
    updated_by BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX site_entries_section ON site_entries (section, position);
CREATE INDEX site_entries_parent ON site_entries (parent_id);

-- Organisations that asked to be listed, shown once a moderator approved
-- them; a refused one is deleted. contact_email is for the moderators only.
CREATE TABLE adopters (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name TEXT NOT NULL,
    category TEXT NOT NULL,
    text_fr TEXT NOT NULL,
    text_en TEXT NOT NULL,
    link TEXT,
    logo_image_id BIGINT REFERENCES site_images (id) ON DELETE SET NULL,
    contact_email TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved')),
    submitted_at BIGINT NOT NULL,
    decided_by BIGINT,
    decided_at BIGINT
);
CREATE INDEX adopters_status ON adopters (status, name);

-- Whether a member organisation agreed to be shown among the adopters.
ALTER TABLE organisations ADD COLUMN shown_as_adopter BIGINT NOT NULL DEFAULT 0
    CHECK (shown_as_adopter IN (0, 1));
