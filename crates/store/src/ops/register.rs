//! The register: profiles, the membership policy, organisations and
//! affiliations.

use cercle_core::accounts::account::{AccountId, DisplayName};
use cercle_core::accounts::audit::AuditAction;
use cercle_core::kernel::email::EmailAddress;
use cercle_core::kernel::store::Listed;
use cercle_core::kernel::store::StoreError;
use cercle_core::kernel::store::StoreResult;
use cercle_core::kernel::time::Timestamp;
use cercle_core::register::dues::MembershipPolicy;
use cercle_core::register::people::{
    Affiliation, Employer, Organisation, OrganisationCategory, OrganisationFields, OrganisationId,
    OrganisationName, Profile, ProfileDetails, WebAddress,
};
use cercle_core::register::store::NameSearch;
use cercle_core::register::store::NewAffiliation;
use cercle_core::register::store::OrganisationSave;
use cercle_core::register::store::PersonSummary;
use cercle_core::register::store::ProfileSave;

use crate::ops::{Audit, audit, changed, decode, one, roles};
use crate::sql::{Param, Row, Sql};

pub(crate) mod dues;
pub(crate) mod import;

/// An affiliation to end, and who ends it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Unaffiliation {
    pub(crate) account: AccountId,
    pub(crate) organisation: OrganisationId,
    pub(crate) by: AccountId,
    pub(crate) at: Timestamp,
}

/// The page of accounts is chosen first, then read with their roles, one
/// row per role.
pub(crate) async fn find_people(
    db: &impl Sql,
    search: &NameSearch,
) -> StoreResult<Listed<PersonSummary>> {
    let pattern = like_pattern(search);
    let page = NamePage::of(
        db,
        "accounts",
        &["display_name", "email"],
        pattern.as_deref(),
        search,
    )
    .await?;
    let rows = db
        .query(
            &format!(
                "SELECT accounts.id, accounts.display_name, accounts.email, \
                 accounts.public_profile, account_roles.role \
                 FROM accounts LEFT JOIN account_roles ON account_roles.account_id = accounts.id \
                 WHERE accounts.id IN (SELECT id FROM accounts {} \
                 ORDER BY display_name, id LIMIT {} OFFSET {}) \
                 ORDER BY accounts.display_name, accounts.id, account_roles.role",
                page.condition, page.limit, page.offset
            ),
            &page.params,
        )
        .await?;
    let mut people = Vec::new();
    // An account's rows are consecutive, one per role.
    for group in rows.chunk_by(|a, b| a.0.first() == b.0.first()) {
        let first = &group[0];
        let account = AccountId(first.int(0)?);
        people.push(PersonSummary {
            account,
            display_name: decode("accounts.display_name", DisplayName::parse(&first.text(1)?))?,
            email: decode("accounts.email", EmailAddress::parse(&first.text(2)?))?,
            roles: roles(account, group, 4)?,
            public: first.int(3)? != 0,
        });
    }
    Ok(Listed {
        items: people,
        total: page.total,
    })
}

/// What a search by name builds its queries from: the condition on the
/// table (`$1`, the pattern, against each searched column), how many rows
/// it matches in all, and the parameters of its page with their
/// placeholders.
struct NamePage<'a> {
    condition: String,
    params: Vec<Param<'a>>,
    limit: String,
    offset: String,
    total: u64,
}

impl<'a> NamePage<'a> {
    /// Counts the rows of `table` whose `columns` match `pattern` (all of
    /// them when there is none).
    async fn of(
        db: &impl Sql,
        table: &str,
        columns: &[&str],
        pattern: Option<&'a str>,
        search: &NameSearch,
    ) -> StoreResult<Self> {
        let (condition, mut params): (String, Vec<Param<'a>>) = match pattern {
            None => (String::new(), Vec::new()),
            Some(pattern) => {
                let matches: Vec<String> = columns
                    .iter()
                    .map(|column| format!("LOWER({column}) LIKE $1 ESCAPE '\\'"))
                    .collect();
                (
                    format!("WHERE {}", matches.join(" OR ")),
                    vec![pattern.into()],
                )
            }
        };
        let total = one(
            db,
            &format!("SELECT COUNT(*) FROM {table} {condition}"),
            &params,
        )
        .await?
        .int(0)?;
        let offset = i64::try_from(search.offset).map_err(|e| StoreError::Other(Box::new(e)))?;
        params.push(i64::from(search.limit).into());
        params.push(offset.into());
        Ok(Self {
            limit: format!("${}", params.len() - 1),
            offset: format!("${}", params.len()),
            condition,
            params,
            total: u64::try_from(total).map_err(|e| StoreError::Other(Box::new(e)))?,
        })
    }
}

/// The search's words as a `LIKE` pattern matching them anywhere, in any
/// case; `None` when there are none and everything is listed.
fn like_pattern(search: &NameSearch) -> Option<String> {
    let words = search.words.trim().to_lowercase();
    (!words.is_empty()).then(|| format!("%{}%", escape_like(&words)))
}

/// `words` matched literally by `LIKE … ESCAPE '\'`.
pub(in crate::ops) fn escape_like(words: &str) -> String {
    words
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

pub(crate) async fn profile(db: &impl Sql, account: AccountId) -> StoreResult<Profile> {
    let rows = db
        .query(include_str!("../sql/profile.sql"), &[account.0.into()])
        .await?;
    let first = rows.first().ok_or(StoreError::NotFound)?;
    let employer = match (first.optional_int(3)?, first.text(5)?) {
        (Some(id), _) => Employer::Organisation(OrganisationId(id), first.text(4)?),
        (None, other) if other.is_empty() => Employer::None,
        (None, other) => Employer::Other(other),
    };
    Ok(Profile {
        account: AccountId(first.int(0)?),
        display_name: decode("accounts.display_name", DisplayName::parse(&first.text(1)?))?,
        roles: roles(account, &rows, 11)?,
        details: ProfileDetails {
            job_title: first.text(2)?,
            employer,
            bio: first.text(6)?,
            expertise: split_lines(&first.text(7)?),
            languages: split_lines(&first.text(8)?),
            public: first.int(9)? != 0,
        },
        reviewed_at: first.optional_int(10)?.map(Timestamp),
    })
}

/// Saving is a review too, since the person saw their job and employer.
pub(crate) async fn save_profile(db: &impl Sql, save: &ProfileSave) -> StoreResult<()> {
    let details = &save.details;
    let (organisation, other) = match &details.employer {
        Employer::None => (None, ""),
        Employer::Organisation(id, _) => (Some(id.0), ""),
        Employer::Other(name) => (None, name.as_str()),
    };
    let (expertise, languages) = (details.expertise.join("\n"), details.languages.join("\n"));
    changed(
        db,
        "UPDATE accounts SET job_title = $2, employer_organisation_id = $3, employer_other = $4, \
         bio = $5, expertise = $6, languages = $7, public_profile = $8, profile_reviewed_at = $9 \
         WHERE id = $1",
        &[
            save.account.0.into(),
            details.job_title.as_str().into(),
            organisation.into(),
            other.into(),
            details.bio.as_str().into(),
            expertise.as_str().into(),
            languages.as_str().into(),
            i64::from(details.public).into(),
            save.at.0.into(),
        ],
    )
    .await?;
    audit(
        db,
        Audit::of_account(save.at, save.account, AuditAction::ProfileSaved),
    )
    .await
}

/// Not audited: nothing the register shows changes but the review date.
pub(crate) async fn confirm_profile_current(
    db: &impl Sql,
    account: AccountId,
    at: Timestamp,
) -> StoreResult<()> {
    changed(
        db,
        "UPDATE accounts SET profile_reviewed_at = $2 WHERE id = $1",
        &[account.0.into(), at.0.into()],
    )
    .await
}

/// The default policy before the instance is set up, as after.
pub(crate) async fn membership_policy(db: &impl Sql) -> StoreResult<MembershipPolicy> {
    let rows = db
        .query(
            "SELECT membership_policy FROM association WHERE id = 1",
            &[],
        )
        .await?;
    match rows.first() {
        Some(row) => decode(
            "association.membership_policy",
            MembershipPolicy::parse(&row.text(0)?),
        ),
        None => Ok(MembershipPolicy::default()),
    }
}

/// [`StoreError::NotFound`] before the instance is set up.
pub(crate) async fn set_membership_policy(
    db: &impl Sql,
    policy: MembershipPolicy,
    by: AccountId,
    at: Timestamp,
) -> StoreResult<()> {
    changed(
        db,
        "UPDATE association SET membership_policy = $1 WHERE id = 1",
        &[policy.as_str().into()],
    )
    .await?;
    audit(
        db,
        Audit {
            at,
            actor: Some(by),
            action: AuditAction::MembershipPolicyChanged,
            subject: "association".to_owned(),
        },
    )
    .await
}

pub(crate) async fn create_organisation(
    db: &impl Sql,
    save: &OrganisationSave,
) -> StoreResult<OrganisationId> {
    let id = insert_organisation(db, &save.fields, save.at).await?;
    audit(
        db,
        organisation_audit(save, id, AuditAction::OrganisationCreated),
    )
    .await?;
    Ok(id)
}

/// Without the audit entry: an import writes one entry for all its rows.
pub(super) async fn insert_organisation(
    db: &impl Sql,
    fields: &OrganisationFields,
    at: Timestamp,
) -> StoreResult<OrganisationId> {
    let row = one(
        db,
        "INSERT INTO organisations \
         (name, category, website, logo_url, description, size, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        &[
            fields.name.as_str().into(),
            fields.category.as_str().into(),
            fields.website.as_ref().map(WebAddress::as_str).into(),
            fields.logo_url.as_ref().map(WebAddress::as_str).into(),
            fields.description.as_str().into(),
            fields.size.map(i64::from).into(),
            at.0.into(),
        ],
    )
    .await?;
    Ok(OrganisationId(row.int(0)?))
}

pub(crate) async fn update_organisation(
    db: &impl Sql,
    id: OrganisationId,
    save: &OrganisationSave,
) -> StoreResult<()> {
    let fields = &save.fields;
    changed(
        db,
        "UPDATE organisations SET name = $2, category = $3, website = $4, logo_url = $5, \
         description = $6, size = $7 WHERE id = $1",
        &[
            id.0.into(),
            fields.name.as_str().into(),
            fields.category.as_str().into(),
            fields.website.as_ref().map(WebAddress::as_str).into(),
            fields.logo_url.as_ref().map(WebAddress::as_str).into(),
            fields.description.as_str().into(),
            fields.size.map(i64::from).into(),
        ],
    )
    .await?;
    audit(
        db,
        organisation_audit(save, id, AuditAction::OrganisationUpdated),
    )
    .await
}

pub(super) const ORGANISATION_COLUMNS: &str = "SELECT id, name, category, website, logo_url, description, size, created_at FROM organisations";

pub(crate) async fn organisation(db: &impl Sql, id: OrganisationId) -> StoreResult<Organisation> {
    let row = one(
        db,
        &format!("{ORGANISATION_COLUMNS} WHERE id = $1"),
        &[id.0.into()],
    )
    .await?;
    read_organisation(&row)
}

pub(crate) async fn find_organisations(
    db: &impl Sql,
    search: &NameSearch,
) -> StoreResult<Listed<Organisation>> {
    let pattern = like_pattern(search);
    let page = NamePage::of(db, "organisations", &["name"], pattern.as_deref(), search).await?;
    let organisations = db
        .query(
            &format!(
                "{ORGANISATION_COLUMNS} {} ORDER BY name, id LIMIT {} OFFSET {}",
                page.condition, page.limit, page.offset
            ),
            &page.params,
        )
        .await?
        .iter()
        .map(read_organisation)
        .collect::<StoreResult<_>>()?;
    Ok(Listed {
        items: organisations,
        total: page.total,
    })
}

pub(crate) async fn organisations(db: &impl Sql) -> StoreResult<Vec<Organisation>> {
    db.query(&format!("{ORGANISATION_COLUMNS} ORDER BY name, id"), &[])
        .await?
        .iter()
        .map(read_organisation)
        .collect()
}

const AFFILIATION_COLUMNS: &str = "SELECT affiliations.account_id, accounts.display_name, \
     affiliations.organisation_id, organisations.name, affiliations.representative \
     FROM affiliations \
     JOIN accounts ON accounts.id = affiliations.account_id \
     JOIN organisations ON organisations.id = affiliations.organisation_id";

pub(crate) async fn affiliations_of_organisation(
    db: &impl Sql,
    id: OrganisationId,
) -> StoreResult<Vec<Affiliation>> {
    let sql = format!(
        "{AFFILIATION_COLUMNS} WHERE affiliations.organisation_id = $1 \
         ORDER BY accounts.display_name, accounts.id"
    );
    db.query(&sql, &[id.0.into()])
        .await?
        .iter()
        .map(read_affiliation)
        .collect()
}

pub(crate) async fn affiliations_of_person(
    db: &impl Sql,
    account: AccountId,
) -> StoreResult<Vec<Affiliation>> {
    let sql = format!(
        "{AFFILIATION_COLUMNS} WHERE affiliations.account_id = $1 \
         ORDER BY organisations.name, organisations.id"
    );
    db.query(&sql, &[account.0.into()])
        .await?
        .iter()
        .map(read_affiliation)
        .collect()
}

/// An existing affiliation keeps the date it began.
pub(crate) async fn affiliate(db: &impl Sql, affiliation: &NewAffiliation) -> StoreResult<()> {
    let (account, organisation) = (affiliation.account, affiliation.organisation);
    // Cleared before the upsert, which the one-representative index would
    // otherwise refuse.
    if affiliation.representative {
        db.execute(
            "UPDATE affiliations SET representative = 0 \
             WHERE organisation_id = $1 AND account_id <> $2 AND representative = 1",
            &[organisation.0.into(), account.0.into()],
        )
        .await?;
    }
    db.execute(
        "INSERT INTO affiliations (account_id, organisation_id, representative, since) \
         VALUES ($1, $2, $3, $4) \
         ON CONFLICT (account_id, organisation_id) \
         DO UPDATE SET representative = excluded.representative",
        &[
            account.0.into(),
            organisation.0.into(),
            i64::from(affiliation.representative).into(),
            affiliation.at.0.into(),
        ],
    )
    .await?;
    audit(
        db,
        Audit {
            at: affiliation.at,
            actor: Some(affiliation.by),
            action: AuditAction::Affiliated,
            subject: affiliation_subject(organisation, account),
        },
    )
    .await
}

pub(crate) async fn unaffiliate(db: &impl Sql, end: Unaffiliation) -> StoreResult<()> {
    changed(
        db,
        "DELETE FROM affiliations WHERE account_id = $1 AND organisation_id = $2",
        &[end.account.0.into(), end.organisation.0.into()],
    )
    .await?;
    audit(
        db,
        Audit {
            at: end.at,
            actor: Some(end.by),
            action: AuditAction::Unaffiliated,
            subject: affiliation_subject(end.organisation, end.account),
        },
    )
    .await
}

pub(super) fn read_organisation(row: &Row) -> StoreResult<Organisation> {
    let address = |column, field| {
        row.optional_text(column)?
            .map(|address| decode("organisations address", WebAddress::parse(field, &address)))
            .transpose()
    };
    Ok(Organisation {
        id: OrganisationId(row.int(0)?),
        fields: OrganisationFields {
            name: decode("organisations.name", OrganisationName::parse(&row.text(1)?))?,
            category: decode(
                "organisations.category",
                OrganisationCategory::parse(&row.text(2)?),
            )?,
            website: address(3, "website")?,
            logo_url: address(4, "logo_url")?,
            description: row.text(5)?,
            size: row
                .optional_int(6)?
                .map(|size| decode("organisations.size", u32::try_from(size)))
                .transpose()?,
        },
        created_at: Timestamp(row.int(7)?),
    })
}

fn read_affiliation(row: &Row) -> StoreResult<Affiliation> {
    Ok(Affiliation {
        account: AccountId(row.int(0)?),
        person: row.text(1)?,
        organisation: OrganisationId(row.int(2)?),
        organisation_name: row.text(3)?,
        representative: row.int(4)? != 0,
    })
}

fn organisation_audit(save: &OrganisationSave, id: OrganisationId, action: AuditAction) -> Audit {
    Audit {
        at: save.at,
        actor: Some(save.by),
        action,
        subject: format!("organisation:{id}"),
    }
}

fn affiliation_subject(organisation: OrganisationId, account: AccountId) -> String {
    format!("organisation:{organisation}/account:{account}")
}

/// A list stored one item per line; the empty string is the empty list.
fn split_lines(stored: &str) -> Vec<String> {
    stored.lines().map(str::to_owned).collect()
}
