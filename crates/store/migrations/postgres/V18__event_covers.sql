-- An event's cover image, kept with the site's images and shown as far as
-- the event itself is.
ALTER TABLE events ADD COLUMN cover_image_id BIGINT REFERENCES site_images (id) ON DELETE SET NULL;
