//! What people do in the association's governance: administrators keep
//! its bodies, mandates and statutes; the bureau prepares, convenes, opens
//! and closes general assemblies and runs their ballots; the people of the
//! roll give proxies and vote; the secretary writes the minutes.
//!
//! Whether an assembly exists for someone is decided here alone: the bureau
//! sees every one, the people of its frozen roll see it once convened, and
//! to anyone else it answers as if it did not exist.

use std::collections::{BTreeMap, BTreeSet};

use crate::accounts::account::AccountId;
use crate::accounts::flows::{FlowError, signed_in};
use crate::accounts::policy::{self, Action, Actor};
use crate::accounts::secret::TokenHash;
use crate::communities::flows::{CommunityView, hidden};
use crate::communities::store::Holding;
use crate::governance::assembly::{
    AgendaItem, Assembly, AssemblyId, AssemblyInput, AssemblyState, ItemId, ItemInput, Presence,
    Quorum, RollEntry, Statutes, StatutesInput,
};
use crate::governance::ballot::{
    BallotKind, BallotState, Choice, Outcome, Tally, decide, normalise_receipt, receipt_code,
};
use crate::governance::body::{Body, BodyId, BodyInput, MandateId, Seat};
use crate::governance::convocation::ConvocationBatch;
use crate::governance::minutes::{self, Minutes};
use crate::governance::store::{
    AssemblyClosing, AssemblyListing, AssemblyOpening, AssemblySave, BodySave, Convocation,
    ItemSave, MandateEnd, MandateSave, MinutesSave, PresenceSave, ProxySave, RollPage, Storage,
    Voice, VoteSave,
};
use crate::kernel::date::Date;
use crate::kernel::flow::Context;
use crate::kernel::paging::PageNumber;
use crate::kernel::store::{Listed, StoreError};
use crate::kernel::time::Timestamp;
use crate::kernel::validation::ValidationError;

/// How many assemblies, or people of a roll, a page lists.
pub const PAGE_SIZE: u32 = 50;

/// How long before an assembly starts its people may check in online.
pub const CHECK_IN_BEFORE_SECONDS: i64 = 3600;

/// The public governance page: every body with who sits where, since when,
/// and who sat before, beside what the site's editors wrote of the bodies
/// Cercle holds no mandates of (a scientific council of outside experts,
/// say) and the governing communities' own pages.
#[derive(Debug, Clone)]
pub struct GovernancePage {
    pub bodies: Vec<Body>,
    /// The communities each seat holder sponsors (seed 002: a community's
    /// sponsor sits on the board), as far as the reader may see them, as
    /// `(slug, name)`.
    pub sponsored: BTreeMap<AccountId, Vec<(String, String)>>,
    pub written: crate::site::outreach::Governance,
    pub today: Date,
    pub can_manage: bool,
}

pub async fn governance(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
) -> Result<GovernancePage, FlowError> {
    let bodies = ctx.store.bodies().await?;
    let today = ctx.today();
    let mut sponsored = BTreeMap::new();
    let holders: BTreeSet<AccountId> = bodies
        .iter()
        .flat_map(|body| body.current(today).map(|m| m.account))
        .collect();
    for account in holders {
        let mut communities = Vec::new();
        for (id, place) in ctx.store.communities_of(account).await? {
            if !place.roles.iter().any(|role| role == SPONSOR) {
                continue;
            }
            let community = ctx.store.community(id).await?;
            // The page is public: a community shows only when the reader
            // would see it without belonging to it.
            let visibility = community.fields.visibility;
            if policy::check(
                actor,
                Action::ViewCommunity {
                    visibility,
                    member: false,
                },
            )
            .is_ok()
            {
                communities.push((
                    community.fields.slug.as_str().to_owned(),
                    community.fields.name.clone(),
                ));
            }
        }
        if !communities.is_empty() {
            sponsored.insert(account, communities);
        }
    }
    Ok(GovernancePage {
        bodies,
        sponsored,
        written: crate::site::outreach::governance(&ctx.with(ctx.store)).await?,
        today,
        can_manage: policy::check(actor, Action::ManageGovernance).is_ok(),
    })
}

/// The role of a community that links it to the board (seed 002).
const SPONSOR: &str = "sponsor";

/// A community's sponsor who holds a seat now, for the community's page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SponsorSeat {
    pub name: String,
    pub body: BodyId,
    pub body_name: String,
    pub seat: Seat,
}

/// The seats the community's sponsors hold now; `view` is the page the
/// actor was allowed to see, so nothing here is shown to anyone else.
pub async fn sponsor_seats(
    ctx: &Context<'_, dyn Storage>,
    view: &CommunityView,
) -> Result<Vec<SponsorSeat>, FlowError> {
    let sponsors = ctx
        .store
        .community_holders(view.community.id, &Holding::Roles(vec![SPONSOR.to_owned()]))
        .await?;
    if sponsors.is_empty() {
        return Ok(Vec::new());
    }
    let today = ctx.today();
    Ok(ctx
        .store
        .bodies()
        .await?
        .iter()
        .flat_map(|body| {
            body.current(today)
                .filter(|m| sponsors.contains(&m.account))
                .map(|m| SponsorSeat {
                    name: m.name.clone(),
                    body: body.id,
                    body_name: body.fields.name.clone(),
                    seat: m.seat,
                })
        })
        .collect())
}

/// One body, for its administration page.
pub async fn body(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: BodyId,
) -> Result<Body, FlowError> {
    policy::check(actor, Action::ReadGovernance).map_err(hidden)?;
    ctx.store
        .bodies()
        .await?
        .into_iter()
        .find(|body| body.id == id)
        .ok_or(FlowError::NotFound)
}

/// Whether the actor may open the form of a new body.
pub fn body_form(actor: Actor<'_>) -> Result<(), FlowError> {
    manager(actor).map(drop)
}

pub async fn create_body(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    input: &BodyInput,
) -> Result<BodyId, FlowError> {
    let by = manager(actor)?;
    let fields = input.parse().map_err(FlowError::Invalid)?;
    Ok(ctx
        .store
        .create_body(&BodySave {
            fields,
            by,
            at: ctx.now,
        })
        .await?)
}

pub async fn update_body(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: BodyId,
    input: &BodyInput,
) -> Result<(), FlowError> {
    let by = manager(actor)?;
    let fields = input.parse().map_err(FlowError::Invalid)?;
    Ok(ctx
        .store
        .update_body(
            id,
            &BodySave {
                fields,
                by,
                at: ctx.now,
            },
        )
        .await?)
}

pub async fn remove_body(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: BodyId,
) -> Result<(), FlowError> {
    let by = manager(actor)?;
    Ok(ctx.store.remove_body(id, by, ctx.now).await?)
}

/// Seats someone, found by their address, in the body.
pub async fn add_mandate(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    body: BodyId,
    input: &crate::governance::body::MandateInput,
) -> Result<MandateId, FlowError> {
    let by = manager(actor)?;
    let fields = input.parse().map_err(FlowError::Invalid)?;
    let account = match ctx.store.account_by_email(&fields.email).await {
        Ok(account) => account,
        Err(StoreError::NotFound) => return Err(FlowError::field("email", "error-mandate-person")),
        Err(other) => return Err(other.into()),
    };
    Ok(ctx
        .store
        .add_mandate(&MandateSave {
            body,
            account: account.id,
            seat: fields.seat,
            starts_on: fields.starts_on,
            ends_on: fields.ends_on,
            by,
            at: ctx.now,
        })
        .await?)
}

/// Ends a mandate on the day given, today when none is.
pub async fn end_mandate(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    mandate: MandateId,
    on: &str,
) -> Result<(), FlowError> {
    let by = manager(actor)?;
    let on = if on.trim().is_empty() {
        ctx.today()
    } else {
        Date::parse(on).map_err(|_| FlowError::field("ends_on", "error-mandate-date"))?
    };
    Ok(ctx
        .store
        .end_mandate(&MandateEnd {
            mandate,
            on,
            by,
            at: ctx.now,
        })
        .await?)
}

pub async fn statutes(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
) -> Result<Statutes, FlowError> {
    policy::check(actor, Action::ReadGovernance).map_err(hidden)?;
    Ok(ctx.store.statutes().await?)
}

pub async fn set_statutes(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    input: &StatutesInput,
) -> Result<Statutes, FlowError> {
    let by = manager(actor)?;
    let statutes = input.parse().map_err(FlowError::Invalid)?;
    ctx.store.set_statutes(&statutes, by, ctx.now).await?;
    Ok(statutes)
}

/// The assemblies the actor may see, the latest first.
#[derive(Debug, Clone)]
pub struct AssemblyList {
    pub assemblies: Listed<Assembly>,
    pub page: PageNumber,
    pub can_manage: bool,
}

pub async fn assemblies(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    page: PageNumber,
) -> Result<AssemblyList, FlowError> {
    let account = signed_in(actor)?;
    // Those who see every assembly see drafts too; the others see the
    // assemblies they were convened to.
    let sees_all = policy::check(
        actor,
        Action::ViewAssembly {
            on_roll: false,
            convened: false,
        },
    )
    .is_ok();
    let assemblies = ctx
        .store
        .assemblies(&AssemblyListing {
            on_roll: (!sees_all).then_some(account.id),
            limit: PAGE_SIZE,
            offset: page.offset(PAGE_SIZE),
        })
        .await?;
    Ok(AssemblyList {
        assemblies,
        page,
        can_manage: policy::check(actor, Action::ManageAssemblies).is_ok(),
    })
}

/// An agenda item as the actor may see it.
#[derive(Debug, Clone)]
pub struct ItemView {
    pub item: AgendaItem,
    pub state: Option<BallotState>,
    /// The count, once the ballot is closed: never before.
    pub result: Option<(Tally, Outcome)>,
    /// The roll-call of an open ballot, once closed.
    pub roll_call: Vec<(String, Choice)>,
    /// The voices the actor carries while the ballot is open.
    pub voices: Vec<Voice>,
    pub can_open: bool,
    pub can_close: bool,
}

/// An assembly as the actor may see it, with what they may do.
#[derive(Debug, Clone)]
pub struct AssemblyView {
    pub assembly: Assembly,
    pub statutes: Statutes,
    pub agenda: Vec<ItemView>,
    /// The last moment it may be convened.
    pub convene_by: Timestamp,
    /// The actor's line of the roll.
    pub mine: Option<RollEntry>,
    /// How the quorum stands now (once convened), or stood at the opening.
    pub quorum: Option<Quorum>,
    pub can_manage: bool,
    pub can_edit: bool,
    pub can_convene: bool,
    pub can_give_proxy: bool,
    pub can_check_in: bool,
    pub can_write_minutes: bool,
    /// Approved minutes for the roll; the draft too for their writers.
    pub minutes: Option<Minutes>,
}

pub async fn view(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: AssemblyId,
) -> Result<AssemblyView, FlowError> {
    let (assembly, mine) = seen(ctx, actor, id).await?;
    let statutes = ctx.store.statutes().await?;
    let can_manage = policy::check(actor, Action::ManageAssemblies).is_ok();
    let secretary = is_secretary(ctx, actor).await?;
    let can_write_minutes = policy::check(actor, Action::WriteMinutes { secretary }).is_ok();
    let state = assembly.state;
    let quorum = match state {
        AssemblyState::Draft => None,
        AssemblyState::Convened => Some(quorum_now(ctx, &assembly, &statutes).await?),
        AssemblyState::Open | AssemblyState::Closed => assembly.quorum,
    };
    let mut agenda = Vec::new();
    for item in ctx.store.agenda(id).await? {
        agenda.push(item_view(ctx, actor, &assembly, &statutes, item, can_manage).await?);
    }
    let minutes = match ctx.store.minutes(id).await? {
        Some(minutes) if minutes.approved.is_some() || can_write_minutes => Some(minutes),
        _ => None,
    };
    let voting = mine.as_ref().is_some_and(|m| m.voting);
    let convene_by = statutes.convene_by(assembly.fields.starts_at);
    Ok(AssemblyView {
        can_edit: can_manage && state <= AssemblyState::Convened,
        can_convene: can_manage && state == AssemblyState::Draft,
        can_give_proxy: voting && state == AssemblyState::Convened,
        can_check_in: mine.as_ref().is_some_and(|m| m.presence.is_none())
            && check_in_open(&assembly, ctx.now),
        can_write_minutes: can_write_minutes && state == AssemblyState::Closed,
        assembly,
        statutes,
        agenda,
        convene_by,
        mine,
        quorum,
        can_manage,
        minutes,
    })
}

async fn item_view(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    assembly: &Assembly,
    statutes: &Statutes,
    item: AgendaItem,
    can_manage: bool,
) -> Result<ItemView, FlowError> {
    let Some(resolution) = &item.resolution else {
        return Ok(ItemView {
            item,
            state: None,
            result: None,
            roll_call: Vec::new(),
            voices: Vec::new(),
            can_open: false,
            can_close: false,
        });
    };
    let state = ballot_state(assembly, &item, ctx.now);
    let (result, roll_call) = if state == BallotState::Closed {
        let tally = match resolution.closed {
            Some((_, tally)) => tally,
            None => ctx.store.tally(item.id).await?,
        };
        let outcome = decide(resolution.majority, &tally, statutes.abstentions_count);
        let roll_call = match resolution.ballot {
            BallotKind::Open => ctx.store.roll_call(item.id).await?,
            BallotKind::Secret => Vec::new(),
        };
        (Some((tally, outcome)), roll_call)
    } else {
        (None, Vec::new())
    };
    let voices = match actor.account() {
        Some(account) if state == BallotState::Open => {
            ctx.store.voices(item.id, account.id).await?
        }
        _ => Vec::new(),
    };
    let chaired = resolution.opens_at.is_none();
    Ok(ItemView {
        can_open: can_manage
            && chaired
            && assembly.state == AssemblyState::Open
            && resolution.opened_at.is_none(),
        can_close: can_manage && state == BallotState::Open,
        state: Some(state),
        result,
        roll_call,
        voices,
        item,
    })
}

/// Whether the actor may open the form of a new assembly.
pub fn assembly_form(actor: Actor<'_>) -> Result<(), FlowError> {
    bureau(actor).map(drop)
}

pub async fn create_assembly(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    input: &AssemblyInput,
) -> Result<AssemblyId, FlowError> {
    let by = bureau(actor)?;
    let fields = input.parse().map_err(FlowError::Invalid)?;
    Ok(ctx
        .store
        .create_assembly(&AssemblySave {
            fields,
            by,
            at: ctx.now,
        })
        .await?)
}

/// Changes an assembly until it opens; once convened, it may not move
/// closer than the notice period allows.
pub async fn update_assembly(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: AssemblyId,
    input: &AssemblyInput,
) -> Result<(), FlowError> {
    let by = bureau(actor)?;
    let assembly = ctx.store.assembly(id).await?;
    let fields = input.parse().map_err(FlowError::Invalid)?;
    if let Some(convened) = assembly.convened_at {
        let statutes = ctx.store.statutes().await?;
        if statutes.convene_by(fields.starts_at) < convened {
            return Err(FlowError::field("date", "error-convocation-too-late"));
        }
    }
    match ctx
        .store
        .update_assembly(
            id,
            &AssemblySave {
                fields,
                by,
                at: ctx.now,
            },
        )
        .await
    {
        Err(StoreError::Conflict) => Err(FlowError::field("title", "error-assembly-started")),
        other => Ok(other?),
    }
}

/// Freezes the roll as it stands today and emails it the convocation;
/// refused when the notice the statutes ask for can no longer be given.
pub async fn convene(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: AssemblyId,
) -> Result<i64, FlowError> {
    let by = bureau(actor)?;
    let assembly = ctx.store.assembly(id).await?;
    let statutes = ctx.store.statutes().await?;
    if ctx.now > statutes.convene_by(assembly.fields.starts_at) {
        return Err(FlowError::field("convene", "error-convocation-too-late"));
    }
    match ctx
        .store
        .convene(&Convocation {
            assembly: id,
            roll_on: ctx.today(),
            job: ConvocationBatch::job(id, 0, ctx.now),
            by,
            at: ctx.now,
        })
        .await
    {
        Err(StoreError::Conflict) => Err(FlowError::field("convene", "error-already-convened")),
        other => Ok(other?),
    }
}

/// A page of the roll, for the bureau, who records attendance from it.
pub async fn roll(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: AssemblyId,
    search: &str,
    page: PageNumber,
) -> Result<(Assembly, Listed<RollEntry>), FlowError> {
    policy::check(actor, Action::ReadRoll).map_err(hidden)?;
    let assembly = ctx.store.assembly(id).await?;
    let search = search.trim();
    let roll = ctx
        .store
        .roll(&RollPage {
            assembly: id,
            search: (!search.is_empty()).then(|| search.to_owned()),
            limit: PAGE_SIZE,
            offset: page.offset(PAGE_SIZE),
        })
        .await?;
    Ok((assembly, roll))
}

/// The bureau records someone present, or absent with an empty presence.
pub async fn record_presence(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: AssemblyId,
    account: AccountId,
    presence: &str,
) -> Result<(), FlowError> {
    let by = bureau(actor)?;
    let assembly = ctx.store.assembly(id).await?;
    if !matches!(
        assembly.state,
        AssemblyState::Convened | AssemblyState::Open
    ) {
        return Err(FlowError::field("presence", "error-presence-closed"));
    }
    let presence = if presence.trim().is_empty() {
        None
    } else {
        Some(Presence::parse(presence).map_err(|e| FlowError::Invalid(vec![e]))?)
    };
    Ok(ctx
        .store
        .set_presence(&PresenceSave {
            assembly: id,
            account,
            presence,
            by,
            at: ctx.now,
        })
        .await?)
}

/// Someone of the roll says they attend online, from an hour before the
/// start until the assembly closes.
pub async fn check_in(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: AssemblyId,
) -> Result<(), FlowError> {
    let (assembly, mine) = seen(ctx, actor, id).await?;
    let account = taking_part(actor)?;
    if mine.is_none() {
        return Err(FlowError::field("presence", "error-not-on-roll"));
    }
    if !check_in_open(&assembly, ctx.now) {
        return Err(FlowError::field("presence", "error-presence-closed"));
    }
    Ok(ctx
        .store
        .set_presence(&PresenceSave {
            assembly: id,
            account,
            presence: Some(Presence::Online),
            by: account,
            at: ctx.now,
        })
        .await?)
}

/// Gives the actor's vote to the voting member with this address.
pub async fn give_proxy(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: AssemblyId,
    holder_email: &str,
) -> Result<(), FlowError> {
    let (assembly, _) = seen(ctx, actor, id).await?;
    let giver = taking_part(actor)?;
    let email = crate::kernel::email::EmailAddress::parse(holder_email)
        .map_err(|_| FlowError::field("holder", "error-proxy-holder"))?;
    let holder = match ctx.store.account_by_email(&email).await {
        Ok(holder) => holder.id,
        Err(StoreError::NotFound) => return Err(FlowError::field("holder", "error-proxy-holder")),
        Err(other) => return Err(other.into()),
    };
    let statutes = ctx.store.statutes().await?;
    ctx.store
        .give_proxy(&ProxySave {
            assembly: assembly.id,
            giver,
            holder,
            cap: statutes.proxy_cap,
            at: ctx.now,
        })
        .await?
        .map_err(|refusal| FlowError::field("holder", refusal.message()))
}

/// Takes back the actor's proxy, until the assembly opens.
pub async fn revoke_proxy(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: AssemblyId,
) -> Result<(), FlowError> {
    let (assembly, _) = seen(ctx, actor, id).await?;
    let giver = taking_part(actor)?;
    match ctx.store.revoke_proxy(assembly.id, giver, ctx.now).await {
        Err(StoreError::Conflict) => Err(FlowError::field("holder", "error-proxy-closed")),
        other => Ok(other?),
    }
}

/// The chair opens the assembly, recording the quorum as it stands.
pub async fn open(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: AssemblyId,
) -> Result<Quorum, FlowError> {
    let by = bureau(actor)?;
    let assembly = ctx.store.assembly(id).await?;
    let statutes = ctx.store.statutes().await?;
    let quorum = quorum_now(ctx, &assembly, &statutes).await?;
    match ctx
        .store
        .open_assembly(&AssemblyOpening {
            assembly: id,
            quorum,
            by,
            at: ctx.now,
        })
        .await
    {
        Err(StoreError::Conflict) => Err(FlowError::field("open", "error-assembly-not-convened")),
        other => other.map(|()| quorum).map_err(Into::into),
    }
}

/// The chair closes the assembly: its open ballots close with their
/// count, and the minutes are drafted from what happened.
pub async fn close(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: AssemblyId,
) -> Result<(), FlowError> {
    let by = bureau(actor)?;
    let assembly = ctx.store.assembly(id).await?;
    if assembly.state != AssemblyState::Open {
        return Err(FlowError::field("close", "error-assembly-not-open"));
    }
    for item in ctx.store.agenda(id).await? {
        if item.resolution.as_ref().is_some_and(|r| r.closed.is_none()) {
            match ctx.store.close_ballot(item.id, by, ctx.now).await {
                Ok(_) | Err(StoreError::Conflict) => {}
                Err(other) => return Err(other.into()),
            }
        }
    }
    let statutes = ctx.store.statutes().await?;
    let agenda = ctx.store.agenda(id).await?;
    let language = ctx
        .store
        .association()
        .await?
        .map_or(crate::kernel::association::Language::Fr, |association| {
            association.default_language
        });
    let draft = minutes::draft(&assembly, &agenda, statutes.abstentions_count, language);
    match ctx
        .store
        .close_assembly(&AssemblyClosing {
            assembly: id,
            minutes: draft,
            by,
            at: ctx.now,
        })
        .await
    {
        Err(StoreError::Conflict) => Err(FlowError::field("close", "error-assembly-not-open")),
        other => Ok(other?),
    }
}

pub async fn add_item(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: AssemblyId,
    input: &ItemInput,
) -> Result<ItemId, FlowError> {
    let by = bureau(actor)?;
    let assembly = ctx.store.assembly(id).await?;
    let fields = input
        .parse(&assembly.fields.zone)
        .map_err(FlowError::Invalid)?;
    match ctx
        .store
        .add_item(&ItemSave {
            assembly: id,
            fields,
            by,
            at: ctx.now,
        })
        .await
    {
        Err(StoreError::Conflict) => Err(FlowError::field("title", "error-assembly-closed")),
        other => Ok(other?),
    }
}

pub async fn update_item(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    assembly: AssemblyId,
    id: ItemId,
    input: &ItemInput,
) -> Result<AssemblyId, FlowError> {
    let by = bureau(actor)?;
    let item = item_of(ctx, assembly, id).await?;
    let assembly = ctx.store.assembly(item.assembly).await?;
    let fields = input
        .parse(&assembly.fields.zone)
        .map_err(FlowError::Invalid)?;
    match ctx
        .store
        .update_item(
            id,
            &ItemSave {
                assembly: assembly.id,
                fields,
                by,
                at: ctx.now,
            },
        )
        .await
    {
        Err(StoreError::Conflict) => Err(FlowError::field("title", "error-ballot-started")),
        other => other.map(|()| assembly.id).map_err(Into::into),
    }
}

/// The chair opens a ballot, in an open assembly whose quorum was reached.
pub async fn open_ballot(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    assembly: AssemblyId,
    id: ItemId,
) -> Result<AssemblyId, FlowError> {
    let by = bureau(actor)?;
    let item = item_of(ctx, assembly, id).await?;
    let assembly = ctx.store.assembly(item.assembly).await?;
    if assembly.state != AssemblyState::Open {
        return Err(FlowError::field("ballot", "error-assembly-not-open"));
    }
    if !assembly.quorum.is_some_and(|q| q.reached()) {
        return Err(FlowError::field("ballot", "error-quorum-missed"));
    }
    match ctx.store.open_ballot(id, by, ctx.now).await {
        Err(StoreError::Conflict) => Err(FlowError::field("ballot", "error-ballot-started")),
        other => other.map(|()| assembly.id).map_err(Into::into),
    }
}

pub async fn close_ballot(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    assembly: AssemblyId,
    id: ItemId,
) -> Result<(AssemblyId, Tally), FlowError> {
    let by = bureau(actor)?;
    let item = item_of(ctx, assembly, id).await?;
    let held = ctx.store.assembly(item.assembly).await?;
    // Only a ballot under way closes: one never opened keeps its vote.
    if ballot_state(&held, &item, ctx.now) != BallotState::Open {
        return Err(FlowError::field("ballot", "error-vote-not-open"));
    }
    match ctx.store.close_ballot(id, by, ctx.now).await {
        Err(StoreError::Conflict) => Err(FlowError::field("ballot", "error-vote-closed")),
        other => other
            .map(|tally| (item.assembly, tally))
            .map_err(Into::into),
    }
}

/// What a voter keeps of a vote: the receipt of a secret ballot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cast {
    pub assembly: AssemblyId,
    pub receipt: Option<String>,
}

/// Casts one voice, the actor's own or one whose proxy they carry, while
/// the ballot is open by the server's clock.
pub async fn vote(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    assembly: AssemblyId,
    id: ItemId,
    on_behalf: Option<AccountId>,
    choice: &str,
) -> Result<Cast, FlowError> {
    let item = item_of(ctx, assembly, id).await?;
    let (assembly, _) = seen(ctx, actor, item.assembly).await?;
    let voter = taking_part(actor)?;
    let choice = Choice::parse(choice).map_err(|e| FlowError::Invalid(vec![e]))?;
    let Some(resolution) = &item.resolution else {
        return Err(FlowError::field("choice", "error-vote-no-resolution"));
    };
    match ballot_state(&assembly, &item, ctx.now) {
        BallotState::Open => {}
        BallotState::Waiting => return Err(FlowError::field("choice", "error-vote-not-open")),
        BallotState::Closed => return Err(FlowError::field("choice", "error-vote-closed")),
    }
    let receipt = (resolution.ballot == BallotKind::Secret).then(receipt_code);
    ctx.store
        .cast_vote(&VoteSave {
            item: id,
            voter,
            on_behalf: on_behalf.unwrap_or(voter),
            choice,
            receipt: receipt
                .as_deref()
                .map(|code| TokenHash::of(code).as_str().to_owned()),
            at: ctx.now,
        })
        .await?
        .map_err(|refusal| FlowError::field("choice", refusal.message()))?;
    Ok(Cast {
        assembly: assembly.id,
        receipt,
    })
}

/// Whether the ballot with this receipt was counted.
pub async fn check_receipt(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    assembly: AssemblyId,
    id: ItemId,
    receipt: &str,
) -> Result<bool, FlowError> {
    let item = item_of(ctx, assembly, id).await?;
    seen(ctx, actor, item.assembly).await?;
    let code = normalise_receipt(receipt).map_err(|e| FlowError::Invalid(vec![e]))?;
    Ok(ctx
        .store
        .receipt_counted(id, TokenHash::of(&code).as_str())
        .await?)
}

/// The minutes, for those who may read them: the roll once approved, their
/// writers from the draft.
pub async fn read_minutes(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: AssemblyId,
) -> Result<(Assembly, Minutes, bool), FlowError> {
    let (assembly, _) = seen(ctx, actor, id).await?;
    let secretary = is_secretary(ctx, actor).await?;
    let writer = policy::check(actor, Action::WriteMinutes { secretary }).is_ok();
    match ctx.store.minutes(id).await? {
        Some(minutes) if minutes.approved.is_some() || writer => {
            let editable = writer && minutes.approved.is_none();
            Ok((assembly, minutes, editable))
        }
        _ => Err(FlowError::NotFound),
    }
}

/// The secretary saves the minutes' text and, when `approve`, approves
/// them, which publishes them to the roll.
pub async fn save_minutes(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: AssemblyId,
    text: &str,
    approve: bool,
) -> Result<(), FlowError> {
    let account = signed_in(actor)?;
    let (assembly, _) = seen(ctx, actor, id).await?;
    let secretary = is_secretary(ctx, actor).await?;
    policy::check(actor, Action::WriteMinutes { secretary }).map_err(hidden)?;
    // The minutes are of what happened: drafted when the assembly closes,
    // written from then on.
    if assembly.state != AssemblyState::Closed {
        return Err(FlowError::field("text", "error-minutes-not-closed"));
    }
    let text = crate::register::people::text(text, 100_000, "text")
        .and_then(|text| {
            if text.trim().is_empty() {
                Err(ValidationError::new("text", "error-minutes-empty"))
            } else {
                Ok(text)
            }
        })
        .map_err(|e| FlowError::Invalid(vec![e]))?;
    // The store approves the text it holds, so the text as sent is saved
    // first: approving never drops the last edits.
    let draft = MinutesSave {
        assembly: id,
        text,
        approve: false,
        by: account.id,
        at: ctx.now,
    };
    let approval = approve.then(|| MinutesSave {
        approve: true,
        ..draft.clone()
    });
    for save in std::iter::once(draft).chain(approval) {
        match ctx.store.save_minutes(&save).await {
            Err(StoreError::Conflict) => {
                return Err(FlowError::field("text", "error-minutes-approved"));
            }
            other => other?,
        }
    }
    Ok(())
}

/// The assembly as an iCalendar file, for those who may see it.
pub async fn calendar(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: AssemblyId,
) -> Result<String, FlowError> {
    let (assembly, _) = seen(ctx, actor, id).await?;
    Ok(crate::governance::calendar::assembly_calendar(
        &assembly,
        ctx.base_url,
    ))
}

/// An agenda item with its assembly, for the bureau's form that changes
/// it.
pub async fn edit_item(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    assembly: AssemblyId,
    id: ItemId,
) -> Result<(Assembly, AgendaItem), FlowError> {
    bureau(actor)?;
    let item = item_of(ctx, assembly, id).await?;
    Ok((ctx.store.assembly(item.assembly).await?, item))
}

/// The item, when it belongs to the assembly the address names.
async fn item_of(
    ctx: &Context<'_, dyn Storage>,
    assembly: AssemblyId,
    id: ItemId,
) -> Result<AgendaItem, FlowError> {
    let item = ctx.store.item(id).await?;
    if item.assembly == assembly {
        Ok(item)
    } else {
        Err(FlowError::NotFound)
    }
}

/// The assembly and the actor's line of its roll, if the actor may know
/// the assembly exists.
async fn seen(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: AssemblyId,
) -> Result<(Assembly, Option<RollEntry>), FlowError> {
    let account = signed_in(actor)?;
    let assembly = ctx.store.assembly(id).await?;
    let mine = ctx.store.roll_entry(id, account.id).await?;
    policy::check(
        actor,
        Action::ViewAssembly {
            on_roll: mine.is_some(),
            convened: assembly.state != AssemblyState::Draft,
        },
    )
    .map_err(hidden)?;
    Ok((assembly, mine))
}

fn manager(actor: Actor<'_>) -> Result<AccountId, FlowError> {
    let account = signed_in(actor)?;
    policy::check(actor, Action::ManageGovernance).map_err(hidden)?;
    Ok(account.id)
}

fn bureau(actor: Actor<'_>) -> Result<AccountId, FlowError> {
    let account = signed_in(actor)?;
    policy::check(actor, Action::ManageAssemblies).map_err(hidden)?;
    Ok(account.id)
}

fn taking_part(actor: Actor<'_>) -> Result<AccountId, FlowError> {
    let account = signed_in(actor)?;
    policy::check(actor, Action::TakePartInAssembly)?;
    Ok(account.id)
}

/// Whether the actor holds a secretary's seat in a body today.
async fn is_secretary(ctx: &Context<'_, dyn Storage>, actor: Actor<'_>) -> Result<bool, FlowError> {
    let Some(account) = actor.account() else {
        return Ok(false);
    };
    let today = ctx.today();
    Ok(ctx.store.bodies().await?.iter().any(|body| {
        body.current(today)
            .any(|m| m.account == account.id && m.seat == Seat::Secretary)
    }))
}

async fn quorum_now(
    ctx: &Context<'_, dyn Storage>,
    assembly: &Assembly,
    statutes: &Statutes,
) -> Result<Quorum, FlowError> {
    let mut quorum = ctx.store.quorum_now(assembly.id).await?;
    quorum.needed = statutes.quorum_needed(assembly.fields.kind, quorum.voting);
    Ok(quorum)
}

/// A ballot the chair opens and closes is open only while the assembly
/// is; a written consultation's window runs before it too.
fn ballot_state(assembly: &Assembly, item: &AgendaItem, now: Timestamp) -> BallotState {
    let Some(resolution) = &item.resolution else {
        return BallotState::Closed;
    };
    match (resolution.state(now), assembly.state) {
        (_, AssemblyState::Draft) => BallotState::Waiting,
        (BallotState::Open, AssemblyState::Closed) => BallotState::Closed,
        (BallotState::Open, AssemblyState::Convened) if resolution.opens_at.is_none() => {
            BallotState::Waiting
        }
        (state, _) => state,
    }
}

fn check_in_open(assembly: &Assembly, now: Timestamp) -> bool {
    match assembly.state {
        AssemblyState::Open => true,
        AssemblyState::Convened => now.0 >= assembly.fields.starts_at.0 - CHECK_IN_BEFORE_SECONDS,
        AssemblyState::Draft | AssemblyState::Closed => false,
    }
}
