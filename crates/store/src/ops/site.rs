//! The public site: its texts and settings, its entries, uploaded images,
//! adopters, and member organisations shown among them.

use cercle_core::accounts::account::AccountId;
use cercle_core::accounts::audit::AuditAction;
use cercle_core::kernel::date::Date;
use cercle_core::kernel::email::EmailAddress;
use cercle_core::kernel::image::{Image, ImageKind};
use cercle_core::kernel::store::StoreResult;
use cercle_core::kernel::time::Timestamp;
use cercle_core::register::people::{
    Organisation, OrganisationCategory, OrganisationName, WebAddress,
};
use cercle_core::site::pages::{
    Adopter, AdopterFields, AdopterId, AdopterStatus, AdopterVerdict, Bilingual, Entry,
    EntryFields, EntryId, ImageId, Licence, Link, Section, SiteSettings, Tag, TextKey,
};
use cercle_core::site::store::AdopterDecision;
use cercle_core::site::store::AdopterSubmission;
use cercle_core::site::store::EntryDeletion;
use cercle_core::site::store::EntrySave;
use cercle_core::site::store::LogoChange;
use cercle_core::site::store::ShowcaseChange;
use cercle_core::site::store::SiteSettingsSave;
use cercle_core::site::store::StoredImage;

use crate::ops::register::{ORGANISATION_COLUMNS, read_organisation};
use crate::ops::{Audit, audit, changed, decode, one};
use crate::sql::{Row, Sql};

pub(crate) mod security;

pub(crate) async fn site_settings(db: &impl Sql) -> StoreResult<SiteSettings> {
    let mut texts = Vec::new();
    for row in db.query("SELECT key, fr, en FROM site_texts", &[]).await? {
        let key = decode("site_texts.key", TextKey::parse(&row.text(0)?))?;
        texts.push((key, Bilingual::new(row.text(1)?, row.text(2)?)));
    }
    texts.sort_by_key(|(key, _)| TextKey::ALL.iter().position(|k| k == key));
    let rows = db
        .query(
            "SELECT free_participation, licence_name, licence_url, steering_email, logo_image_id \
             FROM site_settings WHERE id = 1",
            &[],
        )
        .await?;
    let Some(row) = rows.first() else {
        return Ok(SiteSettings {
            texts,
            ..SiteSettings::default()
        });
    };
    Ok(SiteSettings {
        texts,
        free_participation: row.int(0)? == 1,
        licence: Licence {
            name: row.text(1)?,
            url: row.optional_text(2)?.map(Link::from_stored),
        },
        steering_email: row
            .optional_text(3)?
            .map(|email| decode("site_settings.steering_email", EmailAddress::parse(&email)))
            .transpose()?,
        logo: row.optional_int(4)?.map(ImageId),
    })
}

pub(crate) async fn save_site_settings(db: &impl Sql, save: &SiteSettingsSave) -> StoreResult<()> {
    let settings = &save.settings;
    for (key, text) in &settings.texts {
        db.execute(
            "INSERT INTO site_texts (key, fr, en) VALUES ($1, $2, $3) \
             ON CONFLICT (key) DO UPDATE SET fr = $2, en = $3",
            &[
                key.as_str().into(),
                text.fr.as_str().into(),
                text.en.as_str().into(),
            ],
        )
        .await?;
    }
    db.execute(
        "INSERT INTO site_settings \
         (id, free_participation, licence_name, licence_url, steering_email, updated_by, updated_at) \
         VALUES (1, $1, $2, $3, $4, $5, $6) \
         ON CONFLICT (id) DO UPDATE SET free_participation = $1, licence_name = $2, \
         licence_url = $3, steering_email = $4, updated_by = $5, updated_at = $6",
        &[
            i64::from(settings.free_participation).into(),
            settings.licence.name.as_str().into(),
            settings.licence.url.as_ref().map(Link::as_str).into(),
            settings.steering_email.as_ref().map(EmailAddress::as_str).into(),
            save.by.0.into(),
            save.at.0.into(),
        ],
    )
    .await?;
    audit(
        db,
        site_audit(save.by, save.at, AuditAction::SiteSettingsSaved),
    )
    .await
}

/// The settings row is created with the defaults when the logo comes
/// before any other setting.
pub(crate) async fn set_site_logo(db: &impl Sql, change: &LogoChange) -> StoreResult<ImageId> {
    let image = insert_image(db, &change.image, change.at).await?;
    let previous = db
        .query("SELECT logo_image_id FROM site_settings WHERE id = 1", &[])
        .await?
        .first()
        .map(|row| row.optional_int(0))
        .transpose()?
        .flatten();
    let defaults = Licence::default();
    db.execute(
        "INSERT INTO site_settings \
         (id, free_participation, licence_name, licence_url, logo_image_id, updated_by, updated_at) \
         VALUES (1, 0, $1, $2, $3, $4, $5) \
         ON CONFLICT (id) DO UPDATE SET logo_image_id = $3, updated_by = $4, updated_at = $5",
        &[
            defaults.name.as_str().into(),
            defaults.url.as_ref().map(Link::as_str).into(),
            image.0.into(),
            change.by.0.into(),
            change.at.0.into(),
        ],
    )
    .await?;
    if let Some(previous) = previous {
        db.execute("DELETE FROM site_images WHERE id = $1", &[previous.into()])
            .await?;
    }
    audit(
        db,
        site_audit(change.by, change.at, AuditAction::SiteLogoChanged),
    )
    .await?;
    Ok(image)
}

pub(crate) async fn insert_image(
    db: &impl Sql,
    image: &Image,
    at: Timestamp,
) -> StoreResult<ImageId> {
    let row = one(
        db,
        "INSERT INTO site_images (content_type, width, height, data, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
        &[
            image.kind.content_type().into(),
            i64::from(image.width).into(),
            i64::from(image.height).into(),
            image.bytes.as_slice().into(),
            at.0.into(),
        ],
    )
    .await?;
    Ok(ImageId(row.int(0)?))
}

/// An image is public when it is the association's logo or an approved
/// adopter's.
pub(crate) async fn site_image(db: &impl Sql, id: ImageId) -> StoreResult<StoredImage> {
    let row = one(
        db,
        "SELECT content_type, data, \
         CASE WHEN EXISTS (SELECT 1 FROM site_settings WHERE logo_image_id = site_images.id) \
           OR EXISTS (SELECT 1 FROM adopters \
                      WHERE logo_image_id = site_images.id AND status = 'approved') \
         THEN 1 ELSE 0 END \
         FROM site_images WHERE id = $1",
        &[id.0.into()],
    )
    .await?;
    stored_image(&row, row.int(2)? == 1)
}

/// An image from a row whose first columns are its type and its bytes.
pub(crate) fn stored_image(row: &Row, public: bool) -> StoreResult<StoredImage> {
    Ok(StoredImage {
        kind: decode(
            "site_images.content_type",
            ImageKind::from_content_type(&row.text(0)?).ok_or("unknown image type"),
        )?,
        bytes: row.bytes(1)?,
        public,
    })
}

const ENTRY_COLUMNS: &str = "SELECT id, section, parent_id, position, tag, title_fr, title_en, \
     text_fr, text_en, link, starts_on, ends_on FROM site_entries";

pub(crate) async fn site_entries(db: &impl Sql, section: Section) -> StoreResult<Vec<Entry>> {
    db.query(
        &format!("{ENTRY_COLUMNS} WHERE section = $1 ORDER BY position, id"),
        &[section.as_str().into()],
    )
    .await?
    .iter()
    .map(read_entry)
    .collect()
}

fn read_entry(row: &Row) -> StoreResult<Entry> {
    let section = decode("site_entries.section", Section::parse(&row.text(1)?))?;
    let date = |column| {
        row.optional_text(column)?
            .map(|day| decode("site_entries date", Date::parse(&day)))
            .transpose()
    };
    Ok(Entry {
        id: EntryId(row.int(0)?),
        fields: EntryFields {
            section,
            parent: row.optional_int(2)?.map(EntryId),
            position: row.int(3)?,
            tag: decode("site_entries.tag", Tag::parse(section, &row.text(4)?))?,
            title: Bilingual::new(row.text(5)?, row.text(6)?),
            text: Bilingual::new(row.text(7)?, row.text(8)?),
            link: row.optional_text(9)?.map(Link::from_stored),
            starts_on: date(10)?,
            ends_on: date(11)?,
        },
    })
}

/// A member's body must be an entry of the bodies' section.
async fn check_parent(db: &impl Sql, fields: &EntryFields) -> StoreResult<()> {
    if let Some(parent) = fields.parent {
        one(
            db,
            "SELECT id FROM site_entries WHERE id = $1 AND section = $2",
            &[parent.0.into(), Section::Bodies.as_str().into()],
        )
        .await?;
    }
    Ok(())
}

pub(crate) async fn create_site_entry(db: &impl Sql, save: &EntrySave) -> StoreResult<EntryId> {
    let f = &save.fields;
    check_parent(db, f).await?;
    let starts_on = f.starts_on.map(|d| d.to_string());
    let ends_on = f.ends_on.map(|d| d.to_string());
    let row = one(
        db,
        "INSERT INTO site_entries (section, parent_id, position, tag, title_fr, title_en, \
         text_fr, text_en, link, starts_on, ends_on, updated_by, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
        &[
            f.section.as_str().into(),
            f.parent.map(|p| p.0).into(),
            f.position.into(),
            f.tag.as_str().into(),
            f.title.fr.as_str().into(),
            f.title.en.as_str().into(),
            f.text.fr.as_str().into(),
            f.text.en.as_str().into(),
            f.link.as_ref().map(Link::as_str).into(),
            starts_on.as_deref().into(),
            ends_on.as_deref().into(),
            save.by.0.into(),
            save.at.0.into(),
        ],
    )
    .await?;
    let id = EntryId(row.int(0)?);
    audit(db, entry_audit(save, id, AuditAction::SiteEntryCreated)).await?;
    Ok(id)
}

pub(crate) async fn update_site_entry(
    db: &impl Sql,
    id: EntryId,
    save: &EntrySave,
) -> StoreResult<()> {
    let f = &save.fields;
    check_parent(db, f).await?;
    let starts_on = f.starts_on.map(|d| d.to_string());
    let ends_on = f.ends_on.map(|d| d.to_string());
    changed(
        db,
        "UPDATE site_entries SET parent_id = $3, position = $4, tag = $5, title_fr = $6, \
         title_en = $7, text_fr = $8, text_en = $9, link = $10, starts_on = $11, ends_on = $12, \
         updated_by = $13, updated_at = $14 \
         WHERE id = $1 AND section = $2",
        &[
            id.0.into(),
            f.section.as_str().into(),
            f.parent.map(|p| p.0).into(),
            f.position.into(),
            f.tag.as_str().into(),
            f.title.fr.as_str().into(),
            f.title.en.as_str().into(),
            f.text.fr.as_str().into(),
            f.text.en.as_str().into(),
            f.link.as_ref().map(Link::as_str).into(),
            starts_on.as_deref().into(),
            ends_on.as_deref().into(),
            save.by.0.into(),
            save.at.0.into(),
        ],
    )
    .await?;
    audit(db, entry_audit(save, id, AuditAction::SiteEntryUpdated)).await
}

pub(crate) async fn delete_site_entry(db: &impl Sql, deletion: &EntryDeletion) -> StoreResult<()> {
    changed(
        db,
        "DELETE FROM site_entries WHERE id = $1 AND section = $2",
        &[deletion.entry.0.into(), deletion.section.as_str().into()],
    )
    .await?;
    audit(
        db,
        Audit {
            at: deletion.at,
            actor: Some(deletion.by),
            action: AuditAction::SiteEntryDeleted,
            subject: entry_subject(deletion.section, deletion.entry),
        },
    )
    .await
}

pub(crate) async fn submit_adopter(
    db: &impl Sql,
    submission: &AdopterSubmission,
) -> StoreResult<AdopterId> {
    let logo = match &submission.logo {
        Some(image) => Some(insert_image(db, image, submission.at).await?),
        None => None,
    };
    let f = &submission.fields;
    let row = one(
        db,
        "INSERT INTO adopters (name, category, text_fr, text_en, link, logo_image_id, \
         contact_email, status, submitted_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8) RETURNING id",
        &[
            f.name.as_str().into(),
            f.category.as_str().into(),
            f.text.fr.as_str().into(),
            f.text.en.as_str().into(),
            f.link.as_ref().map(WebAddress::as_str).into(),
            logo.map(|l| l.0).into(),
            f.contact.as_str().into(),
            submission.at.0.into(),
        ],
    )
    .await?;
    let id = AdopterId(row.int(0)?);
    audit(
        db,
        Audit {
            at: submission.at,
            actor: None,
            action: AuditAction::AdopterSubmitted,
            subject: adopter_subject(id),
        },
    )
    .await?;
    Ok(id)
}

pub(crate) async fn adopters(db: &impl Sql, status: AdopterStatus) -> StoreResult<Vec<Adopter>> {
    db.query(
        "SELECT id, name, category, text_fr, text_en, link, logo_image_id, contact_email, \
         status, submitted_at FROM adopters WHERE status = $1 ORDER BY name, id",
        &[status.as_str().into()],
    )
    .await?
    .iter()
    .map(|row| {
        Ok(Adopter {
            id: AdopterId(row.int(0)?),
            fields: AdopterFields {
                name: decode("adopters.name", OrganisationName::parse(&row.text(1)?))?,
                category: decode(
                    "adopters.category",
                    OrganisationCategory::parse(&row.text(2)?),
                )?,
                text: Bilingual::new(row.text(3)?, row.text(4)?),
                link: row
                    .optional_text(5)?
                    .map(|link| decode("adopters.link", WebAddress::parse("link", &link)))
                    .transpose()?,
                contact: decode("adopters.contact_email", EmailAddress::parse(&row.text(7)?))?,
            },
            logo: row.optional_int(6)?.map(ImageId),
            status: decode("adopters.status", AdopterStatus::parse(&row.text(8)?))?,
            submitted_at: Timestamp(row.int(9)?),
        })
    })
    .collect()
}

/// Approving shows the adopter; refusing or removing deletes it with its
/// logo, so that nothing of a refused submission stays behind.
pub(crate) async fn decide_adopter(db: &impl Sql, decision: &AdopterDecision) -> StoreResult<()> {
    let id = decision.adopter.0;
    let (status, action) = match decision.verdict {
        AdopterVerdict::Approve => (AdopterStatus::Pending, AuditAction::AdopterApproved),
        AdopterVerdict::Refuse => (AdopterStatus::Pending, AuditAction::AdopterRefused),
        AdopterVerdict::Remove => (AdopterStatus::Approved, AuditAction::AdopterRemoved),
    };
    let logo = one(
        db,
        "SELECT logo_image_id FROM adopters WHERE id = $1 AND status = $2",
        &[id.into(), status.as_str().into()],
    )
    .await?
    .optional_int(0)?;
    if decision.verdict == AdopterVerdict::Approve {
        db.execute(
            "UPDATE adopters SET status = 'approved', decided_by = $2, decided_at = $3 \
             WHERE id = $1",
            &[id.into(), decision.by.0.into(), decision.at.0.into()],
        )
        .await?;
    } else {
        db.execute("DELETE FROM adopters WHERE id = $1", &[id.into()])
            .await?;
        if let Some(logo) = logo {
            db.execute("DELETE FROM site_images WHERE id = $1", &[logo.into()])
                .await?;
        }
    }
    audit(
        db,
        Audit {
            at: decision.at,
            actor: Some(decision.by),
            action,
            subject: adopter_subject(decision.adopter),
        },
    )
    .await
}

pub(crate) async fn set_organisation_shown(
    db: &impl Sql,
    change: &ShowcaseChange,
) -> StoreResult<()> {
    changed(
        db,
        "UPDATE organisations SET shown_as_adopter = $2 WHERE id = $1",
        &[change.organisation.0.into(), i64::from(change.shown).into()],
    )
    .await?;
    audit(
        db,
        Audit {
            at: change.at,
            actor: Some(change.by),
            action: AuditAction::OrganisationShowcaseChanged,
            subject: format!(
                "organisation:{}/{}",
                change.organisation,
                if change.shown { "shown" } else { "hidden" }
            ),
        },
    )
    .await
}

pub(crate) async fn shown_organisations(db: &impl Sql) -> StoreResult<Vec<Organisation>> {
    db.query(
        &format!("{ORGANISATION_COLUMNS} WHERE shown_as_adopter = 1 ORDER BY name, id"),
        &[],
    )
    .await?
    .iter()
    .map(read_organisation)
    .collect()
}

fn site_audit(by: AccountId, at: Timestamp, action: AuditAction) -> Audit {
    Audit {
        at,
        actor: Some(by),
        action,
        subject: "site".to_owned(),
    }
}

fn entry_audit(save: &EntrySave, id: EntryId, action: AuditAction) -> Audit {
    Audit {
        at: save.at,
        actor: Some(save.by),
        action,
        subject: entry_subject(save.fields.section, id),
    }
}

fn entry_subject(section: Section, id: EntryId) -> String {
    format!("site_entry:{}/{}", section.as_str(), id.0)
}

fn adopter_subject(id: AdopterId) -> String {
    format!("adopter:{}", id.0)
}
