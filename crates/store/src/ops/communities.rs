//! Communities: their fields and roles, their members, and the requests to
//! join them.

use std::collections::HashMap;

use cercle_core::accounts::account::AccountId;
use cercle_core::accounts::audit::AuditAction;
use cercle_core::communities::community::{
    AccessPolicy, Answer, Channel, Charter, Community, CommunityFields, CommunityId, CommunityKind,
    CommunityMember, CommunityRole, Eligibility, Engagement, Interview, JoinRequest, JoinRequestId,
    Permission, Permissions, ProfileCard, RequestStatus, Slug, default_roles,
};
use cercle_core::communities::store::BrokenRule;
use cercle_core::communities::store::CommunityList;
use cercle_core::communities::store::CommunityListing;
use cercle_core::communities::store::CommunitySave;
use cercle_core::communities::store::Departure;
use cercle_core::communities::store::ExcludedPerson;
use cercle_core::communities::store::Exclusion;
use cercle_core::communities::store::Holding;
use cercle_core::communities::store::JoinDecision;
use cercle_core::communities::store::ListingOrder;
use cercle_core::communities::store::NewCommunityMember;
use cercle_core::communities::store::NewJoinRequest;
use cercle_core::communities::store::OpenTo;
use cercle_core::communities::store::SeenCommunities;
use cercle_core::kernel::store::StoreError;
use cercle_core::kernel::store::StoreResult;
use cercle_core::kernel::time::Timestamp;
use cercle_core::kernel::visibility::Visibility;
use cercle_core::notify::notification::Notices;

use crate::ops::notify::write_notices;
use crate::ops::{Audit, audit, changed, decode, one};
use crate::sql::{Param, Row, Sql};

pub(crate) mod arrival;
pub(crate) mod joining;

/// The role everyone accepted through a request takes.
const MEMBER_ROLE: &str = "member";

/// A member's new roles, and who gives them.
#[derive(Debug, Clone)]
pub(crate) struct RolesAssignment {
    pub(crate) community: CommunityId,
    pub(crate) account: AccountId,
    pub(crate) roles: Vec<String>,
    pub(crate) by: AccountId,
    pub(crate) at: Timestamp,
}

/// A request withdrawn by the person who made it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RequestWithdrawal {
    pub(crate) request: JoinRequestId,
    pub(crate) account: AccountId,
    pub(crate) at: Timestamp,
}

/// Seeds the default roles in the same transaction, so that a community
/// never exists without them.
pub(crate) async fn create_community(
    db: &impl Sql,
    save: &CommunitySave,
) -> StoreResult<CommunityId> {
    let columns = Columns::of(&save.fields)?;
    let row = one(
        db,
        "INSERT INTO communities \
         (slug, name, kind, theme, description, objectives, cadence, channels, visibility, \
         access, adherents_only, organisation_in_good_standing, individuals_only, \
         active_contributor_days, card, vouches_required, questions, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) \
         RETURNING id",
        &columns.params(save.at.0),
    )
    .await?;
    let id = CommunityId(row.int(0)?);
    for (position, role) in (0_i64..).zip(default_roles()) {
        let permissions = role.permissions;
        db.execute(
            "INSERT INTO community_roles \
             (community_id, key, review_requests, announce, manage_content, moderate, \
             manage_roles, manage_events, referent, position) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            &[
                id.0.into(),
                role.key.as_str().into(),
                i64::from(permissions.review_requests).into(),
                i64::from(permissions.announce).into(),
                i64::from(permissions.manage_content).into(),
                i64::from(permissions.moderate).into(),
                i64::from(permissions.manage_roles).into(),
                i64::from(permissions.manage_events).into(),
                i64::from(role.referent).into(),
                position.into(),
            ],
        )
        .await?;
    }
    audit(db, community_audit(id, save, AuditAction::CommunityCreated)).await?;
    Ok(id)
}

pub(crate) async fn update_community(
    db: &impl Sql,
    id: CommunityId,
    save: &CommunitySave,
) -> StoreResult<()> {
    let columns = Columns::of(&save.fields)?;
    changed(
        db,
        "UPDATE communities SET slug = $1, name = $2, kind = $3, theme = $4, \
         description = $5, objectives = $6, cadence = $7, channels = $8, visibility = $9, \
         access = $10, adherents_only = $11, organisation_in_good_standing = $12, \
         individuals_only = $13, active_contributor_days = $14, card = $15, \
         vouches_required = $16, questions = $17 WHERE id = $18",
        &columns.params(id.0),
    )
    .await?;
    audit(db, community_audit(id, save, AuditAction::CommunityUpdated)).await
}

/// The columns of a community's fields, as stored.
struct Columns<'a> {
    fields: &'a CommunityFields,
    objectives: String,
    channels: String,
    card: Option<String>,
    questions: String,
}

impl<'a> Columns<'a> {
    fn of(fields: &'a CommunityFields) -> StoreResult<Self> {
        let json = |error: serde_json::Error| StoreError::Other(Box::new(error));
        Ok(Self {
            fields,
            objectives: fields.objectives.join("\n"),
            questions: fields.questions.join("\n"),
            channels: serde_json::to_string(&fields.channels).map_err(json)?,
            card: fields
                .card
                .as_ref()
                .map(serde_json::to_string)
                .transpose()
                .map_err(json)?,
        })
    }

    /// `$1…$15` in the order of [`COMMUNITY_COLUMNS`], the vouches required
    /// and the questions as `$16` and `$17`, then `last` as `$18`.
    fn params(&self, last: i64) -> Vec<Param<'_>> {
        let fields = self.fields;
        let eligibility = fields.eligibility;
        vec![
            fields.slug.as_str().into(),
            fields.name.as_str().into(),
            fields.kind.as_str().into(),
            fields.theme.as_str().into(),
            fields.description.as_str().into(),
            self.objectives.as_str().into(),
            fields.cadence.as_str().into(),
            self.channels.as_str().into(),
            fields.visibility.as_str().into(),
            fields.access.as_str().into(),
            i64::from(eligibility.adherents_only).into(),
            i64::from(eligibility.organisation_in_good_standing).into(),
            i64::from(eligibility.individuals_only).into(),
            eligibility.active_contributor_days.map(i64::from).into(),
            self.card.as_deref().into(),
            i64::from(fields.vouches_required).into(),
            self.questions.as_str().into(),
            last.into(),
        ]
    }
}

/// The member count is the one the writes keep on the row, so that reading
/// a community never counts its members.
const COMMUNITY_COLUMNS: &str = "SELECT slug, name, kind, theme, description, objectives, \
     cadence, channels, visibility, access, adherents_only, organisation_in_good_standing, \
     individuals_only, active_contributor_days, card, id, created_at, member_count, \
     vouches_required, questions FROM communities";

pub(crate) async fn community(db: &impl Sql, id: CommunityId) -> StoreResult<Community> {
    let row = one(
        db,
        &format!("{COMMUNITY_COLUMNS} WHERE id = $1"),
        &[id.0.into()],
    )
    .await?;
    read_community(&row)
}

pub(crate) async fn community_by_slug(db: &impl Sql, slug: &str) -> StoreResult<Community> {
    let row = one(
        db,
        &format!("{COMMUNITY_COLUMNS} WHERE slug = $1"),
        &[slug.into()],
    )
    .await?;
    read_community(&row)
}

pub(crate) async fn communities(db: &impl Sql) -> StoreResult<Vec<Community>> {
    db.query(&format!("{COMMUNITY_COLUMNS} ORDER BY name, id"), &[])
        .await?
        .iter()
        .map(read_community)
        .collect()
}

/// The `WHERE` clause of a list of communities and its parameters, built
/// together so that each placeholder is bound exactly once.
#[derive(Default)]
pub(crate) struct Filter<'a> {
    pub(crate) conditions: Vec<String>,
    pub(crate) params: Vec<Param<'a>>,
}

impl<'a> Filter<'a> {
    /// Binds `param` and answers its placeholder.
    pub(crate) fn bind(&mut self, param: Param<'a>) -> String {
        self.params.push(param);
        format!("${}", self.params.len())
    }

    pub(crate) fn placeholders(&mut self, params: impl IntoIterator<Item = Param<'a>>) -> String {
        params
            .into_iter()
            .map(|param| self.bind(param))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The communities `seen` names: of its visibilities, or with `member`
    /// among their members. Nothing to add when every visibility is seen.
    fn seen(&mut self, seen: &SeenCommunities) {
        if let Some(condition) = self.seen_condition(seen) {
            self.conditions.push(condition);
        }
    }

    /// The condition [`Filter::seen`] adds, on the row of `communities`;
    /// none when every visibility is seen.
    pub(crate) fn seen_condition(&mut self, seen: &SeenCommunities) -> Option<String> {
        if Visibility::ALL
            .iter()
            .all(|v| seen.visibilities.contains(v))
        {
            return None;
        }
        let mut either = Vec::new();
        if !seen.visibilities.is_empty() {
            let list = self.placeholders(seen.visibilities.iter().map(|v| v.as_str().into()));
            either.push(format!("communities.visibility IN ({list})"));
        }
        if let Some(member) = seen.member {
            let account = self.bind(member.0.into());
            either.push(format!(
                "EXISTS (SELECT 1 FROM community_members WHERE \
                 community_members.community_id = communities.id \
                 AND community_members.account_id = {account})"
            ));
        }
        Some(if either.is_empty() {
            "0 = 1".to_owned()
        } else {
            format!("({})", either.join(" OR "))
        })
    }

    /// The communities someone could join now, from the rule columns and
    /// the facts about them.
    fn open_to(&mut self, open: &'a OpenTo) {
        let access = self.placeholders(open.access.iter().map(|a| a.as_str().into()));
        self.conditions
            .push(format!("communities.access IN ({access})"));
        let met = open.met;
        for (column, meets) in [
            ("adherents_only", met.adherents_only),
            (
                "organisation_in_good_standing",
                met.organisation_in_good_standing,
            ),
            ("individuals_only", met.individuals_only),
        ] {
            if !meets {
                self.conditions.push(format!("communities.{column} = 0"));
            }
        }
        let contributor = match met.days_since_contribution {
            Some(days) => format!(
                "(communities.active_contributor_days IS NULL \
                 OR communities.active_contributor_days >= {})",
                self.bind(days.into())
            ),
            None => "communities.active_contributor_days IS NULL".to_owned(),
        };
        self.conditions.push(contributor);
        if let Some(account) = open.account {
            let account = self.bind(account.0.into());
            for table in ["community_members", "community_exclusions"] {
                self.conditions.push(format!(
                    "NOT EXISTS (SELECT 1 FROM {table} WHERE {table}.community_id = communities.id \
                     AND {table}.account_id = {account})"
                ));
            }
        }
    }

    pub(crate) fn sql(&self) -> String {
        if self.conditions.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.conditions.join(" AND "))
        }
    }
}

/// One page and the total, in two queries: the count walks the same
/// condition without reading the rows.
pub(crate) async fn list_communities<S: Sql>(
    db: &S,
    listing: &CommunityListing,
) -> StoreResult<CommunityList> {
    let search = S::prefix_search(&listing.words);
    let mut filter = Filter::default();
    filter.seen(&listing.seen);
    if !listing.kinds.is_empty() {
        let kinds = filter.placeholders(listing.kinds.iter().map(|k| k.as_str().into()));
        filter
            .conditions
            .push(format!("communities.kind IN ({kinds})"));
    }
    if let Some(theme) = &listing.theme {
        let theme = filter.bind(theme.as_str().into());
        filter
            .conditions
            .push(format!("communities.theme = {theme}"));
    }
    if !listing.words.is_empty() {
        let text = filter.bind(search.as_str().into());
        filter
            .conditions
            .push(S::COMMUNITY_TEXT_MATCH.replace("$TEXT", &text));
    }
    if let Some(open) = &listing.open_to {
        filter.open_to(open);
    }
    let condition = filter.sql();
    let total = one(
        db,
        &format!("SELECT COUNT(*) FROM communities{condition}"),
        &filter.params,
    )
    .await?
    .int(0)?;
    let order = match listing.order {
        ListingOrder::Name => "communities.name, communities.id",
        ListingOrder::MostMembers => {
            "communities.member_count DESC, communities.name, communities.id"
        }
    };
    let offset = i64::try_from(listing.offset).map_err(|e| StoreError::Other(Box::new(e)))?;
    let limit = filter.bind(i64::from(listing.limit).into());
    let offset = filter.bind(offset.into());
    let communities = db
        .query(
            &format!(
                "{COMMUNITY_COLUMNS}{condition} ORDER BY {order} LIMIT {limit} OFFSET {offset}"
            ),
            &filter.params,
        )
        .await?
        .iter()
        .map(read_community)
        .collect::<StoreResult<_>>()?;
    Ok(CommunityList {
        communities,
        total: u64::try_from(total).map_err(|e| StoreError::Other(Box::new(e)))?,
    })
}

pub(crate) async fn community_themes(
    db: &impl Sql,
    seen: &SeenCommunities,
) -> StoreResult<Vec<String>> {
    let mut filter = Filter::default();
    filter.seen(seen);
    filter.conditions.push("communities.theme <> ''".to_owned());
    db.query(
        &format!(
            "SELECT DISTINCT communities.theme FROM communities{} ORDER BY communities.theme",
            filter.sql()
        ),
        &filter.params,
    )
    .await?
    .iter()
    .map(|row| row.text(0))
    .collect()
}

fn read_community(row: &Row) -> StoreResult<Community> {
    let objectives = row.text(5)?;
    let card = row
        .optional_text(14)?
        .map(|card| {
            decode(
                "communities.card",
                serde_json::from_str::<ProfileCard>(&card),
            )
        })
        .transpose()?;
    let active_contributor_days = row
        .optional_int(13)?
        .map(|days| decode("communities.active_contributor_days", u32::try_from(days)))
        .transpose()?;
    Ok(Community {
        id: CommunityId(row.int(15)?),
        fields: CommunityFields {
            slug: decode("communities.slug", Slug::parse(&row.text(0)?))?,
            name: row.text(1)?,
            kind: decode("communities.kind", CommunityKind::parse(&row.text(2)?))?,
            theme: row.text(3)?,
            description: row.text(4)?,
            objectives: objectives.lines().map(str::to_owned).collect(),
            cadence: row.text(6)?,
            channels: decode(
                "communities.channels",
                serde_json::from_str::<Vec<Channel>>(&row.text(7)?),
            )?,
            visibility: decode("communities.visibility", Visibility::parse(&row.text(8)?))?,
            access: decode("communities.access", AccessPolicy::parse(&row.text(9)?))?,
            vouches_required: decode("communities.vouches_required", u8::try_from(row.int(18)?))?,
            questions: row.text(19)?.lines().map(str::to_owned).collect(),
            eligibility: Eligibility {
                adherents_only: row.int(10)? != 0,
                organisation_in_good_standing: row.int(11)? != 0,
                individuals_only: row.int(12)? != 0,
                active_contributor_days,
            },
            card,
        },
        members: row.int(17)?,
        created_at: Timestamp(row.int(16)?),
    })
}

/// In the order they were created.
pub(crate) async fn community_roles(
    db: &impl Sql,
    id: CommunityId,
) -> StoreResult<Vec<CommunityRole>> {
    db.query(
        "SELECT key, review_requests, announce, manage_content, moderate, manage_roles, \
         referent, manage_events FROM community_roles WHERE community_id = $1 ORDER BY position",
        &[id.0.into()],
    )
    .await?
    .iter()
    .map(|row| {
        Ok(CommunityRole {
            key: row.text(0)?,
            permissions: Permissions {
                review_requests: row.int(1)? != 0,
                announce: row.int(2)? != 0,
                manage_content: row.int(3)? != 0,
                moderate: row.int(4)? != 0,
                manage_roles: row.int(5)? != 0,
                manage_events: row.int(7)? != 0,
            },
            referent: row.int(6)? != 0,
        })
    })
    .collect()
}

/// Which members a read loads.
#[derive(Debug, Clone, Copy)]
enum Members {
    /// Those of a community, by name.
    Of(CommunityId),
    /// An account's place in each of its communities, by community name.
    Account(AccountId),
    /// One account's place in one community.
    One(CommunityId, AccountId),
    /// A page of a community's members, the newest first.
    Page {
        community: CommunityId,
        limit: u32,
        offset: u64,
    },
    /// Those of a community none of whose roles grants a permission, by name.
    Plain(CommunityId),
}

pub(crate) async fn community_members(
    db: &impl Sql,
    id: CommunityId,
) -> StoreResult<Vec<CommunityMember>> {
    members_only(read_members(db, Members::Of(id)).await?)
}

pub(crate) async fn communities_of(
    db: &impl Sql,
    account: AccountId,
) -> StoreResult<Vec<(CommunityId, CommunityMember)>> {
    read_members(db, Members::Account(account)).await
}

/// A primary key lookup.
pub(crate) async fn community_member(
    db: &impl Sql,
    community: CommunityId,
    account: AccountId,
) -> StoreResult<Option<CommunityMember>> {
    Ok(members_only(read_members(db, Members::One(community, account)).await?)?.pop())
}

/// A walk of `community_members_joined`, `limit` rows after `offset`.
pub(crate) async fn community_members_page(
    db: &impl Sql,
    page: &MembersPage,
) -> StoreResult<Vec<CommunityMember>> {
    members_only(
        read_members(
            db,
            Members::Page {
                community: page.community,
                limit: page.limit,
                offset: page.offset,
            },
        )
        .await?,
    )
}

pub(crate) async fn plain_community_members(
    db: &impl Sql,
    community: CommunityId,
) -> StoreResult<Vec<CommunityMember>> {
    members_only(read_members(db, Members::Plain(community)).await?)
}

/// A page of a community's members, carried as one value to a reader.
#[derive(Debug, Clone, Copy)]
pub(crate) struct MembersPage {
    pub(crate) community: CommunityId,
    pub(crate) limit: u32,
    pub(crate) offset: u64,
}

fn members_only(members: Vec<(CommunityId, CommunityMember)>) -> StoreResult<Vec<CommunityMember>> {
    Ok(members.into_iter().map(|(_, member)| member).collect())
}

/// The primary key's index alone, without reading the rows.
pub(crate) async fn community_member_ids(
    db: &impl Sql,
    community: CommunityId,
) -> StoreResult<Vec<AccountId>> {
    db.query(
        "SELECT account_id FROM community_members WHERE community_id = $1 ORDER BY account_id",
        &[community.0.into()],
    )
    .await?
    .iter()
    .map(|row| Ok(AccountId(row.int(0)?)))
    .collect()
}

/// From the community's few roles to their holders through
/// `community_member_roles_role`, never through every member.
pub(crate) async fn community_holders(
    db: &impl Sql,
    community: CommunityId,
    holding: &Holding,
) -> StoreResult<Vec<AccountId>> {
    let mut params: Vec<Param<'_>> = vec![community.0.into()];
    let condition = match holding {
        Holding::Permission(permission) => format!("r.{} = 1", permission_column(*permission)),
        Holding::Roles(keys) => {
            let list = keys
                .iter()
                .map(|key| {
                    params.push(key.as_str().into());
                    format!("${}", params.len())
                })
                .collect::<Vec<_>>()
                .join(", ");
            format!("r.key IN ({list})")
        }
    };
    // Sorted here rather than in SQL: an `ORDER BY` of the account lets
    // SQLite walk every member of the community in account order instead of
    // the few holders of the roles through `community_member_roles_role`.
    let mut holders = db
        .query(
            &format!(
                "SELECT mr.account_id FROM community_roles r \
                 JOIN community_member_roles mr \
                 ON mr.community_id = r.community_id AND mr.role_key = r.key \
                 WHERE r.community_id = $1 AND {condition}"
            ),
            &params,
        )
        .await?
        .iter()
        .map(|row| Ok(AccountId(row.int(0)?)))
        .collect::<StoreResult<Vec<_>>>()?;
    holders.sort_unstable();
    holders.dedup();
    Ok(holders)
}

fn permission_column(permission: Permission) -> &'static str {
    match permission {
        Permission::ReviewRequests => "review_requests",
        Permission::Announce => "announce",
        Permission::ManageContent => "manage_content",
        Permission::Moderate => "moderate",
        Permission::ManageRoles => "manage_roles",
        Permission::ManageEvents => "manage_events",
    }
}

/// Like [`community_holders`], from the referent roles.
pub(crate) async fn community_referents(
    db: &impl Sql,
    community: CommunityId,
) -> StoreResult<Vec<(String, String)>> {
    db.query(
        "SELECT a.display_name, r.key FROM community_roles r \
         JOIN community_member_roles mr \
         ON mr.community_id = r.community_id AND mr.role_key = r.key \
         JOIN accounts a ON a.id = mr.account_id \
         WHERE r.community_id = $1 AND r.referent = 1 \
         ORDER BY a.display_name, a.id, r.position",
        &[community.0.into()],
    )
    .await?
    .iter()
    .map(|row| Ok((row.text(0)?, row.text(1)?)))
    .collect()
}

/// A primary key lookup.
pub(crate) async fn is_excluded(
    db: &impl Sql,
    community: CommunityId,
    account: AccountId,
) -> StoreResult<bool> {
    Ok(!db
        .query(
            "SELECT 1 FROM community_exclusions WHERE community_id = $1 AND account_id = $2",
            &[community.0.into(), account.0.into()],
        )
        .await?
        .is_empty())
}

/// Two queries whatever the number of members: the members, then all their
/// roles in the order of the community's roles, grouped here.
async fn read_members(
    db: &impl Sql,
    which: Members,
) -> StoreResult<Vec<(CommunityId, CommunityMember)>> {
    let by_name = "ORDER BY accounts.display_name, accounts.id";
    let (condition, order, params): (&str, String, Vec<Param<'_>>) = match which {
        Members::Of(id) => ("m.community_id = $1", by_name.to_owned(), vec![id.0.into()]),
        Members::Account(account) => (
            "m.account_id = $1",
            "ORDER BY communities.name, communities.id".to_owned(),
            vec![account.0.into()],
        ),
        Members::One(community, account) => (
            "m.community_id = $1 AND m.account_id = $2",
            String::new(),
            vec![community.0.into(), account.0.into()],
        ),
        Members::Page {
            community,
            limit,
            offset,
        } => (
            "m.community_id = $1",
            "ORDER BY m.joined_at DESC, m.account_id LIMIT $2 OFFSET $3".to_owned(),
            vec![
                community.0.into(),
                i64::from(limit).into(),
                i64::try_from(offset)
                    .map_err(|e| StoreError::Other(Box::new(e)))?
                    .into(),
            ],
        ),
        Members::Plain(community) => (
            "m.community_id = $1 AND NOT EXISTS (SELECT 1 FROM community_member_roles mr \
             JOIN community_roles r ON r.community_id = mr.community_id AND r.key = mr.role_key \
             WHERE mr.community_id = m.community_id AND mr.account_id = m.account_id \
             AND (r.review_requests = 1 OR r.announce = 1 OR r.manage_content = 1 \
             OR r.moderate = 1 OR r.manage_roles = 1 OR r.manage_events = 1))",
            by_name.to_owned(),
            vec![community.0.into()],
        ),
    };
    let rows = db
        .query(
            &format!(
                "SELECT m.community_id, m.account_id, accounts.display_name, m.engagement, \
                 m.joined_at, m.charter_version \
                 FROM community_members m \
                 JOIN accounts ON accounts.id = m.account_id \
                 JOIN communities ON communities.id = m.community_id \
                 WHERE {condition} {order}"
            ),
            &params,
        )
        .await?;
    let mut roles = if rows.is_empty() {
        HashMap::new()
    } else {
        member_roles(db, which, &rows).await?
    };
    rows.iter()
        .map(|row| {
            let (community, account) = (row.int(0)?, row.int(1)?);
            Ok((
                CommunityId(community),
                CommunityMember {
                    account: AccountId(account),
                    display_name: row.text(2)?,
                    roles: roles.remove(&(community, account)).unwrap_or_default(),
                    engagement: decode(
                        "community_members.engagement",
                        Engagement::parse(&row.text(3)?),
                    )?,
                    joined_at: Timestamp(row.int(4)?),
                    charter_version: row.optional_int(5)?,
                },
            ))
        })
        .collect()
}

/// The roles of the members `rows` read, in the order of the community's
/// roles, by `(community, account)`.
async fn member_roles(
    db: &impl Sql,
    which: Members,
    rows: &[Row],
) -> StoreResult<HashMap<(i64, i64), Vec<String>>> {
    let (condition, params): (String, Vec<Param<'_>>) = match which {
        Members::Of(id) | Members::Plain(id) => {
            ("mr.community_id = $1".to_owned(), vec![id.0.into()])
        }
        Members::Account(account) => ("mr.account_id = $1".to_owned(), vec![account.0.into()]),
        Members::One(community, account) => (
            "mr.community_id = $1 AND mr.account_id = $2".to_owned(),
            vec![community.0.into(), account.0.into()],
        ),
        Members::Page { community, .. } => {
            let mut params: Vec<Param<'_>> = vec![community.0.into()];
            for row in rows {
                params.push(row.int(1)?.into());
            }
            let list = (2..=params.len())
                .map(|n| format!("${n}"))
                .collect::<Vec<_>>()
                .join(", ");
            (
                format!("mr.community_id = $1 AND mr.account_id IN ({list})"),
                params,
            )
        }
    };
    let mut roles: HashMap<(i64, i64), Vec<String>> = HashMap::new();
    for row in &db
        .query(
            &format!(
                "SELECT mr.community_id, mr.account_id, mr.role_key \
                 FROM community_member_roles mr \
                 JOIN community_roles r ON r.community_id = mr.community_id AND r.key = mr.role_key \
                 WHERE {condition} ORDER BY r.position"
            ),
            &params,
        )
        .await?
    {
        roles
            .entry((row.int(0)?, row.int(1)?))
            .or_default()
            .push(row.text(2)?);
    }
    Ok(roles)
}

/// [`StoreError::NotFound`] for an unknown community, account or role.
pub(crate) async fn add_community_member(
    db: &impl Sql,
    member: &NewCommunityMember,
) -> StoreResult<()> {
    db.execute(
        "INSERT INTO community_members \
         (community_id, account_id, engagement, joined_at, charter_version, arrival_job) \
         VALUES ($1, $2, $3, $4, $5, $6)",
        &[
            member.community.0.into(),
            member.account.0.into(),
            member.engagement.as_str().into(),
            member.at.0.into(),
            member.charter_version.into(),
            awaited_arrival(&member.announcements).into(),
        ],
    )
    .await?;
    count_members(db, member.community, 1).await?;
    give_role(db, member.community, member.account, &member.role).await?;
    write_notices(db, &member.announcements).await?;
    audit(
        db,
        member_audit(
            member.community,
            member.account,
            member.by,
            member.at,
            AuditAction::CommunityJoined,
        ),
    )
    .await
}

/// [`StoreError::NotFound`] when the account is not a member or a role is
/// not one of the community's; nothing is changed then.
pub(crate) async fn set_community_roles(
    db: &impl Sql,
    assignment: &RolesAssignment,
) -> StoreResult<()> {
    let (community, account) = (assignment.community, assignment.account);
    // Checked first: a member given no role would otherwise pass unnoticed.
    one(
        db,
        "SELECT account_id FROM community_members WHERE community_id = $1 AND account_id = $2",
        &[community.0.into(), account.0.into()],
    )
    .await?;
    db.execute(
        "DELETE FROM community_member_roles WHERE community_id = $1 AND account_id = $2",
        &[community.0.into(), account.0.into()],
    )
    .await?;
    for role in &assignment.roles {
        give_role(db, community, account, role).await?;
    }
    audit(
        db,
        member_audit(
            community,
            account,
            assignment.by,
            assignment.at,
            AuditAction::CommunityRolesChanged,
        ),
    )
    .await
}

pub(crate) async fn remove_community_member(
    db: &impl Sql,
    departure: &Departure,
) -> StoreResult<()> {
    changed(
        db,
        "DELETE FROM community_members WHERE community_id = $1 AND account_id = $2",
        &[departure.community.0.into(), departure.account.0.into()],
    )
    .await?;
    count_members(db, departure.community, -1).await?;
    write_notices(db, &departure.notices).await?;
    audit(
        db,
        member_audit(
            departure.community,
            departure.account,
            departure.account,
            departure.at,
            AuditAction::CommunityLeft,
        ),
    )
    .await
}

pub(crate) async fn exclude_from_community(
    db: &impl Sql,
    exclusion: &Exclusion,
) -> StoreResult<()> {
    let (community, account) = (exclusion.community.0, exclusion.account.0);
    changed(
        db,
        "DELETE FROM community_members WHERE community_id = $1 AND account_id = $2",
        &[community.into(), account.into()],
    )
    .await?;
    count_members(db, exclusion.community, -1).await?;
    db.execute(
        "UPDATE join_requests SET status = $3 WHERE community_id = $1 AND account_id = $2 AND status = $4",
        &[
            community.into(),
            account.into(),
            RequestStatus::Withdrawn.as_str().into(),
            RequestStatus::Pending.as_str().into(),
        ],
    )
    .await?;
    db.execute(
        "INSERT INTO community_exclusions \
         (community_id, account_id, reason, excluded_by, excluded_at, charter_version, rule_number) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (community_id, account_id) DO UPDATE SET reason = $3, excluded_by = $4, \
         excluded_at = $5, charter_version = $6, rule_number = $7",
        &[
            community.into(),
            account.into(),
            exclusion.reason.as_str().into(),
            exclusion.by.0.into(),
            exclusion.at.0.into(),
            exclusion.rule.map(|r| r.charter_version).into(),
            exclusion.rule.map(|r| i64::from(r.number)).into(),
        ],
    )
    .await?;
    write_notices(db, &exclusion.notice).await?;
    audit(
        db,
        member_audit(
            exclusion.community,
            exclusion.account,
            exclusion.by,
            exclusion.at,
            AuditAction::CommunityExclusion,
        ),
    )
    .await
}

pub(crate) async fn readmit_to_community(
    db: &impl Sql,
    readmission: &Readmission,
) -> StoreResult<()> {
    changed(
        db,
        "DELETE FROM community_exclusions WHERE community_id = $1 AND account_id = $2",
        &[readmission.community.0.into(), readmission.account.0.into()],
    )
    .await?;
    audit(
        db,
        member_audit(
            readmission.community,
            readmission.account,
            readmission.by,
            readmission.at,
            AuditAction::CommunityReadmission,
        ),
    )
    .await
}

pub(crate) async fn community_exclusions(
    db: &impl Sql,
    community: CommunityId,
) -> StoreResult<Vec<ExcludedPerson>> {
    let rows = db
        .query(
            "SELECT e.account_id, a.display_name, e.reason, e.excluded_at, e.charter_version, \
             e.rule_number \
             FROM community_exclusions e JOIN accounts a ON a.id = e.account_id \
             WHERE e.community_id = $1 ORDER BY e.excluded_at DESC, e.account_id",
            &[community.0.into()],
        )
        .await?;
    rows.iter()
        .map(|row| {
            Ok(ExcludedPerson {
                account: AccountId(row.int(0)?),
                display_name: row.text(1)?,
                reason: row.text(2)?,
                rule: match (row.optional_int(4)?, row.optional_int(5)?) {
                    (Some(charter_version), Some(number)) => Some(BrokenRule {
                        charter_version,
                        number: decode("community_exclusions.rule_number", u32::try_from(number))?,
                    }),
                    _ => None,
                },
                at: Timestamp(row.int(3)?),
            })
        })
        .collect()
}

pub(crate) async fn set_engagement(db: &impl Sql, change: &EngagementChange) -> StoreResult<()> {
    changed(
        db,
        "UPDATE community_members SET engagement = $3 WHERE community_id = $1 AND account_id = $2",
        &[
            change.community.0.into(),
            change.account.0.into(),
            change.engagement.as_str().into(),
        ],
    )
    .await
}

/// A member's new engagement, carried as one value to the writer thread.
#[derive(Debug, Clone, Copy)]
pub(crate) struct EngagementChange {
    pub(crate) community: CommunityId,
    pub(crate) account: AccountId,
    pub(crate) engagement: Engagement,
}

/// Publishes the next version: one more than the latest.
pub(crate) async fn publish_charter(
    db: &impl Sql,
    publication: &CharterPublication,
) -> StoreResult<i64> {
    let row = one(
        db,
        "INSERT INTO community_charters (community_id, version, text, published_by, published_at) \
         SELECT $1, COALESCE(MAX(version), 0) + 1, $2, $3, $4 FROM community_charters WHERE community_id = $1 \
         RETURNING version",
        &[
            publication.community.0.into(),
            publication.text.as_str().into(),
            publication.by.0.into(),
            publication.at.0.into(),
        ],
    )
    .await?;
    let version = row.int(0)?;
    audit(
        db,
        Audit {
            at: publication.at,
            actor: Some(publication.by),
            action: AuditAction::CharterPublished,
            subject: format!("community:{}/charter:{version}", publication.community.0),
        },
    )
    .await?;
    Ok(version)
}

pub(crate) async fn charter(db: &impl Sql, community: CommunityId) -> StoreResult<Option<Charter>> {
    let rows = db
        .query(
            "SELECT version, text, published_at FROM community_charters \
             WHERE community_id = $1 ORDER BY version DESC LIMIT 1",
            &[community.0.into()],
        )
        .await?;
    rows.first()
        .map(|row| {
            Ok(Charter {
                version: row.int(0)?,
                text: row.text(1)?,
                published_at: Timestamp(row.int(2)?),
            })
        })
        .transpose()
}

pub(crate) async fn accept_charter(
    db: &impl Sql,
    acceptance: &CharterAcceptance,
) -> StoreResult<()> {
    changed(
        db,
        "UPDATE community_members SET charter_version = $3 WHERE community_id = $1 AND account_id = $2",
        &[acceptance.community.0.into(), acceptance.account.0.into(), acceptance.version.into()],
    )
    .await?;
    audit(
        db,
        member_audit(
            acceptance.community,
            acceptance.account,
            acceptance.account,
            acceptance.at,
            AuditAction::CharterAccepted,
        ),
    )
    .await
}

/// A charter publication, carried as one value to the writer thread.
#[derive(Debug, Clone)]
pub(crate) struct CharterPublication {
    pub(crate) community: CommunityId,
    pub(crate) text: String,
    pub(crate) by: AccountId,
    pub(crate) at: Timestamp,
}

/// A member's acceptance of a charter version.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CharterAcceptance {
    pub(crate) community: CommunityId,
    pub(crate) account: AccountId,
    pub(crate) version: i64,
    pub(crate) at: Timestamp,
}

/// A lifted exclusion, carried as one value to the writer thread.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Readmission {
    pub(crate) community: CommunityId,
    pub(crate) account: AccountId,
    pub(crate) by: AccountId,
    pub(crate) at: Timestamp,
}

/// Keeps `communities.member_count` exact: called in the transaction of
/// every change to the community's members, once per member added (`1`)
/// or removed (`-1`).
async fn count_members(db: &impl Sql, community: CommunityId, change: i64) -> StoreResult<()> {
    changed(
        db,
        "UPDATE communities SET member_count = member_count + $2 WHERE id = $1",
        &[community.0.into(), change.into()],
    )
    .await
}

/// Giving a role twice is harmless; an unknown role breaks the foreign key,
/// which reads as [`StoreError::NotFound`].
async fn give_role(
    db: &impl Sql,
    community: CommunityId,
    account: AccountId,
    role: &str,
) -> StoreResult<()> {
    db.execute(
        "INSERT INTO community_member_roles (community_id, account_id, role_key) \
         VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        &[community.0.into(), account.0.into(), role.into()],
    )
    .await
    .map(drop)
}

pub(crate) async fn create_join_request(
    db: &impl Sql,
    request: &NewJoinRequest,
) -> StoreResult<JoinRequestId> {
    let answers = serde_json::to_string(&request.answers)
        .map_err(|error| StoreError::Other(Box::new(error)))?;
    let row = one(
        db,
        "INSERT INTO join_requests \
         (community_id, account_id, motivation, engagement, status, created_at, charter_version, \
         answers) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        &[
            request.community.0.into(),
            request.account.0.into(),
            request.motivation.as_str().into(),
            request.engagement.as_str().into(),
            RequestStatus::Pending.as_str().into(),
            request.at.0.into(),
            request.charter_version.into(),
            answers.as_str().into(),
        ],
    )
    .await?;
    let id = JoinRequestId(row.int(0)?);
    write_notices(db, &request.notices).await?;
    audit(
        db,
        request_audit(id, request.account, request.at, AuditAction::JoinRequested),
    )
    .await?;
    Ok(id)
}

/// Which requests a read loads.
#[derive(Debug, Clone, Copy)]
enum Requests {
    One(JoinRequestId),
    /// The pending requests of a community, oldest first.
    PendingFor(CommunityId),
    /// Every request of an account, newest first.
    Of(AccountId),
    /// An account's pending request to a community, through the partial
    /// unique index on pending requests, which the planners match only
    /// against the status written as a literal.
    PendingOf(CommunityId, AccountId),
}

pub(crate) async fn join_request(db: &impl Sql, id: JoinRequestId) -> StoreResult<JoinRequest> {
    read_requests(db, Requests::One(id))
        .await?
        .pop()
        .ok_or(StoreError::NotFound)
}

pub(crate) async fn pending_join_requests(
    db: &impl Sql,
    id: CommunityId,
) -> StoreResult<Vec<JoinRequest>> {
    read_requests(db, Requests::PendingFor(id)).await
}

pub(crate) async fn count_pending_join_requests(
    db: &impl Sql,
    id: CommunityId,
) -> StoreResult<u64> {
    let count = one(
        db,
        "SELECT COUNT(*) FROM join_requests WHERE community_id = $1 AND status = $2",
        &[id.0.into(), RequestStatus::Pending.as_str().into()],
    )
    .await?
    .int(0)?;
    u64::try_from(count).map_err(|error| StoreError::Other(Box::new(error)))
}

pub(crate) async fn join_requests_of(
    db: &impl Sql,
    account: AccountId,
) -> StoreResult<Vec<JoinRequest>> {
    read_requests(db, Requests::Of(account)).await
}

pub(crate) async fn pending_join_request(
    db: &impl Sql,
    community: CommunityId,
    account: AccountId,
) -> StoreResult<Option<JoinRequest>> {
    Ok(read_requests(db, Requests::PendingOf(community, account))
        .await?
        .pop())
}

async fn read_requests(db: &impl Sql, which: Requests) -> StoreResult<Vec<JoinRequest>> {
    let pending = RequestStatus::Pending.as_str();
    let (condition, params): (&str, Vec<Param<'_>>) = match which {
        Requests::One(id) => ("join_requests.id = $1", vec![id.0.into()]),
        Requests::PendingFor(id) => (
            "join_requests.community_id = $1 AND join_requests.status = $2 \
             ORDER BY join_requests.created_at, join_requests.id",
            vec![id.0.into(), pending.into()],
        ),
        Requests::PendingOf(community, account) => (
            "join_requests.community_id = $1 AND join_requests.account_id = $2 \
             AND join_requests.status = 'pending'",
            vec![community.0.into(), account.0.into()],
        ),
        Requests::Of(account) => (
            "join_requests.account_id = $1 \
             ORDER BY join_requests.created_at DESC, join_requests.id DESC",
            vec![account.0.into()],
        ),
    };
    let rows = db
        .query(
            &format!(
                "SELECT join_requests.id, join_requests.community_id, communities.name, \
                 join_requests.account_id, accounts.display_name, join_requests.motivation, \
                 join_requests.engagement, join_requests.status, join_requests.created_at, \
                 join_requests.reason, join_requests.decided_by, join_requests.charter_version, \
                 join_requests.answers, join_requests.interview_on, join_requests.interview_notes, \
                 join_requests.interviewed_by, interviewers.display_name \
                 FROM join_requests \
                 JOIN communities ON communities.id = join_requests.community_id \
                 JOIN accounts ON accounts.id = join_requests.account_id \
                 LEFT JOIN accounts interviewers ON interviewers.id = join_requests.interviewed_by \
                 WHERE {condition}"
            ),
            &params,
        )
        .await?;
    let mut requests = Vec::with_capacity(rows.len());
    for row in &rows {
        let id = JoinRequestId(row.int(0)?);
        let interview = match row.optional_int(15)? {
            Some(by) => Some(Interview {
                held_on: crate::ops::register::dues::read_date(
                    "join_requests.interview_on",
                    row,
                    13,
                )?,
                notes: row.optional_text(14)?.unwrap_or_default(),
                by: AccountId(by),
                by_name: row.optional_text(16)?.unwrap_or_default(),
            }),
            None => None,
        };
        requests.push(JoinRequest {
            id,
            community: CommunityId(row.int(1)?),
            community_name: row.text(2)?,
            account: AccountId(row.int(3)?),
            display_name: row.text(4)?,
            motivation: row.text(5)?,
            engagement: decode("join_requests.engagement", Engagement::parse(&row.text(6)?))?,
            status: decode("join_requests.status", RequestStatus::parse(&row.text(7)?))?,
            created_at: Timestamp(row.int(8)?),
            reason: row.text(9)?,
            decided_by: row.optional_int(10)?.map(AccountId),
            charter_version: row.optional_int(11)?,
            answers: decode(
                "join_requests.answers",
                serde_json::from_str::<Vec<Answer>>(&row.text(12)?),
            )?,
            interview,
            vouchers: crate::ops::communities::joining::vouchers(db, id).await?,
        });
    }
    Ok(requests)
}

pub(crate) async fn withdraw_join_request(
    db: &impl Sql,
    withdrawal: RequestWithdrawal,
) -> StoreResult<()> {
    changed(
        db,
        "UPDATE join_requests SET status = $3 \
         WHERE id = $1 AND account_id = $2 AND status = $4",
        &[
            withdrawal.request.0.into(),
            withdrawal.account.0.into(),
            RequestStatus::Withdrawn.as_str().into(),
            RequestStatus::Pending.as_str().into(),
        ],
    )
    .await?;
    audit(
        db,
        request_audit(
            withdrawal.request,
            withdrawal.account,
            withdrawal.at,
            AuditAction::JoinRequestWithdrawn,
        ),
    )
    .await
}

/// The decision is written first, guarded by the pending status, so that of
/// two concurrent decisions the second finds nothing pending and writes
/// nothing. A requester who became a member meanwhile stays as they are:
/// no second arrival is announced or audited.
pub(crate) async fn decide_join_request(db: &impl Sql, decision: &JoinDecision) -> StoreResult<()> {
    let id = decision.request;
    let (status, action) = if decision.accept {
        (RequestStatus::Accepted, AuditAction::JoinAccepted)
    } else {
        (RequestStatus::Refused, AuditAction::JoinRefused)
    };
    let decided = db
        .query(
            "UPDATE join_requests SET status = $2, reason = $3, decided_by = $4, \
             decided_at = $5 WHERE id = $1 AND status = $6 \
             RETURNING community_id, account_id, engagement, charter_version",
            &[
                id.0.into(),
                status.as_str().into(),
                decision.reason.as_str().into(),
                decision.by.0.into(),
                decision.at.0.into(),
                RequestStatus::Pending.as_str().into(),
            ],
        )
        .await?;
    let Some(row) = decided.first() else {
        // Told apart so that an unknown request is not a conflict.
        one(
            db,
            "SELECT id FROM join_requests WHERE id = $1",
            &[id.0.into()],
        )
        .await?;
        return Err(StoreError::Conflict);
    };
    let (community, account) = (CommunityId(row.int(0)?), AccountId(row.int(1)?));
    let engagement = row.text(2)?;
    let charter_version = row.optional_int(3)?;
    write_notices(db, &decision.notice).await?;
    audit(db, request_audit(id, decision.by, decision.at, action)).await?;
    if !decision.accept {
        return Ok(());
    }
    let joined = db
        .execute(
            "INSERT INTO community_members \
             (community_id, account_id, engagement, joined_at, charter_version, arrival_job) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
            &[
                community.0.into(),
                account.0.into(),
                engagement.as_str().into(),
                decision.at.0.into(),
                charter_version.into(),
                awaited_arrival(&decision.announcements).into(),
            ],
        )
        .await?;
    if joined == 0 {
        return Ok(());
    }
    count_members(db, community, 1).await?;
    give_role(db, community, account, MEMBER_ROLE).await?;
    write_notices(db, &decision.announcements).await?;
    audit(
        db,
        member_audit(
            community,
            account,
            decision.by,
            decision.at,
            AuditAction::CommunityJoined,
        ),
    )
    .await
}

/// `community_members.arrival_job` of a new member: 0, waiting for the next
/// round of arrivals, when `announcements` announce the arrival; NULL
/// otherwise.
fn awaited_arrival(announcements: &Notices) -> Option<i64> {
    cercle_core::communities::arrival::announces_arrival(announcements).then_some(0)
}

fn community_audit(id: CommunityId, save: &CommunitySave, action: AuditAction) -> Audit {
    Audit {
        at: save.at,
        actor: Some(save.by),
        action,
        subject: format!("community:{}", id.0),
    }
}

pub(super) fn member_audit(
    community: CommunityId,
    account: AccountId,
    by: AccountId,
    at: Timestamp,
    action: AuditAction,
) -> Audit {
    Audit {
        at,
        actor: Some(by),
        action,
        subject: format!("community:{}/account:{account}", community.0),
    }
}

pub(super) fn request_audit(
    id: JoinRequestId,
    by: AccountId,
    at: Timestamp,
    action: AuditAction,
) -> Audit {
    Audit {
        at,
        actor: Some(by),
        action,
        subject: format!("join_request:{}", id.0),
    }
}
