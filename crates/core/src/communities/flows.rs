//! The community flows: the directory and pages each person may see,
//! creating and editing communities, joining (at once or on request, after
//! the eligibility rules), reviewing requests, and leaving.

use crate::accounts::account::{Account, AccountId, Role};
use crate::accounts::flows::{FlowError, signed_in};
use crate::accounts::policy::{self, Action, Actor, Denial};
use crate::communities::arrival::Arrival;
use crate::communities::community::{
    AccessPolicy, Answer, Charter, Community, CommunityId, CommunityInput, CommunityKind,
    CommunityMember, CommunityRole, EligibilityFacts, Engagement, JoinRequest, JoinRequestId,
    Permission, Permissions, RequestStatus, RulesMet, SearchText, check_eligibility,
};
use crate::communities::store::BrokenRule;
use crate::communities::store::CommunityListing;
use crate::communities::store::CommunitySave;
use crate::communities::store::Departure;
use crate::communities::store::ExcludedPerson;
use crate::communities::store::Exclusion;
use crate::communities::store::Holding;
use crate::communities::store::JoinDecision;
use crate::communities::store::ListingOrder;
use crate::communities::store::NewCommunityMember;
use crate::communities::store::NewJoinRequest;
use crate::communities::store::OpenTo;
use crate::communities::store::SeenCommunities;
use crate::communities::store::Storage;
use crate::kernel::flow::Context;
use crate::kernel::i18n::text_with;
use crate::kernel::job::NewJob;
use crate::kernel::mail::OutgoingEmail;
use crate::kernel::paging::PageNumber;
use crate::kernel::store::StoreError;
use crate::kernel::time::Timestamp;
use crate::kernel::validation::{ValidationError, keep};
use crate::kernel::visibility::Visibility;
use crate::notify::notification::{Event, Happening, Notices, Teller, tell};
use crate::register::membership::{HeldMemberships, adherence_of};

/// How many communities a page of the directory shows.
pub const DIRECTORY_PAGE_SIZE: u32 = 20;

/// The directory's filters as the query string sends them.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct DirectoryInput {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub theme: String,
    /// A checkbox: only the communities the actor could join now.
    #[serde(default)]
    pub open: Option<String>,
    #[serde(default)]
    pub page: String,
}

/// The directory's filters, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirectoryQuery {
    pub kind: Option<CommunityKind>,
    pub theme: Option<String>,
    pub text: SearchText,
    pub open_to_me: bool,
    pub page: PageNumber,
}

impl DirectoryQuery {
    pub fn parse(input: &DirectoryInput) -> Result<Self, Vec<ValidationError>> {
        let mut errors = Vec::new();
        let kind = match input.kind.trim() {
            "" => Some(None),
            kind => keep(&mut errors, CommunityKind::parse(kind)).map(Some),
        };
        let theme = keep(
            &mut errors,
            crate::register::people::text(&input.theme, 120, "theme"),
        );
        let text = keep(&mut errors, SearchText::parse(&input.q));
        let page = keep(&mut errors, PageNumber::parse("page", &input.page));
        match (kind, theme, text, page) {
            (Some(kind), Some(theme), Some(text), Some(page)) => Ok(Self {
                kind,
                theme: (!theme.is_empty()).then_some(theme),
                text,
                open_to_me: input.open.is_some(),
                page,
            }),
            _ => Err(errors),
        }
    }
}

/// A page of the directory.
#[derive(Debug, Clone)]
pub struct Directory {
    /// By name.
    pub communities: Vec<Community>,
    /// How many communities match, on every page.
    pub total: u64,
    pub page: PageNumber,
    pub pages: u32,
    /// The themes of the communities the actor may see, for the filter.
    pub themes: Vec<String>,
}

/// The communities the actor may know exist, one page of those matching
/// the query, by name.
pub async fn directory(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    query: &DirectoryQuery,
) -> Result<Directory, FlowError> {
    let seen = seen_by(actor);
    let open_to = if query.open_to_me {
        Some(open_to(ctx, actor).await?)
    } else {
        None
    };
    let list = ctx
        .store
        .list_communities(&CommunityListing {
            seen: seen.clone(),
            kinds: query.kind.into_iter().collect(),
            theme: query.theme.clone(),
            words: query.text.words().to_vec(),
            open_to,
            order: ListingOrder::Name,
            limit: DIRECTORY_PAGE_SIZE,
            offset: query.page.offset(DIRECTORY_PAGE_SIZE),
        })
        .await?;
    Ok(Directory {
        communities: list.communities,
        total: list.total,
        page: query.page,
        pages: PageNumber::count(list.total, DIRECTORY_PAGE_SIZE),
        themes: ctx.store.community_themes(&seen).await?,
    })
}

/// What the actor may see of the communities, from the policy module: the
/// visibilities it shows them without belonging, and, when some visibility
/// opens only to members, the communities they belong to.
pub(crate) fn seen_by(actor: Actor<'_>) -> SeenCommunities {
    let allows = |visibility: Visibility, member: bool| {
        policy::check(actor, Action::ViewCommunity { visibility, member }).is_ok()
    };
    let visibilities: Vec<Visibility> = Visibility::ALL
        .iter()
        .copied()
        .filter(|v| allows(*v, false))
        .collect();
    let member = actor
        .account()
        .filter(|_| {
            Visibility::ALL
                .iter()
                .any(|v| !visibilities.contains(v) && allows(*v, true))
        })
        .map(|account| account.id);
    SeenCommunities {
        visibilities,
        member,
    }
}

/// The communities the actor could join now: not in them nor excluded from
/// them, let in by their access policy (anything but invitation) and
/// meeting their eligibility rules, whose facts are gathered once. A
/// visitor could join, once signed up, those without rules.
async fn open_to(ctx: &Context<'_, dyn Storage>, actor: Actor<'_>) -> Result<OpenTo, FlowError> {
    let met = match actor.account() {
        Some(account) => RulesMet::of(&eligibility_facts(ctx, account).await?),
        None => RulesMet::default(),
    };
    Ok(OpenTo {
        account: actor.account().map(|a| a.id),
        access: AccessPolicy::ALL
            .iter()
            .copied()
            .filter(|a| *a != AccessPolicy::Invitation)
            .collect(),
        met,
    })
}

/// A community's page, as the actor may see it.
#[derive(Debug, Clone)]
pub struct CommunityView {
    pub community: Community,
    pub roles: Vec<CommunityRole>,
    /// Members, reviewers and administrators see who belongs, a page at a
    /// time through [`members`].
    pub members_visible: bool,
    /// The members holding a referent role, shown to all who see the page.
    pub referents: Vec<(String, String)>,
    /// The actor's place in it.
    pub me: Option<CommunityMember>,
    /// Why the actor, a member, no longer meets the community's rules (their
    /// association membership lapsed, say): until they do again, they have
    /// no more access than someone outside. Empty when they do.
    pub lapsed: Vec<String>,
    /// The actor's pending request.
    pub pending: Option<JoinRequest>,
    pub reviewer: bool,
    /// One of the actor's roles moderates.
    pub moderator: bool,
    /// The charter in force, if the community has one.
    pub charter: Option<Charter>,
    /// Whether the actor, a member, has yet to accept the charter in force.
    pub must_accept_charter: bool,
}

/// [`FlowError::NotFound`] when the actor may not know the community exists.
pub async fn view(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    slug: &str,
) -> Result<CommunityView, FlowError> {
    let community = match ctx.store.community_by_slug(slug).await {
        Ok(community) => community,
        Err(StoreError::NotFound) => return Err(FlowError::NotFound),
        Err(other) => return Err(other.into()),
    };
    view_of(ctx, actor, community).await
}

/// The same, of a community already read.
pub async fn view_of(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    community: Community,
) -> Result<CommunityView, FlowError> {
    let me = match actor.account() {
        Some(account) => ctx.store.community_member(community.id, account.id).await?,
        None => None,
    };
    let roles = ctx.store.community_roles(community.id).await?;
    // The rules bind those who came in as members; people given a role that
    // carries permissions (a staff facilitator, say) were appointed, and keep
    // their access.
    let appointed = holds(&roles, me.as_ref(), |p| *p != Permissions::default());
    let lapsed = match (&me, actor.account()) {
        (Some(_), Some(account)) if community.fields.eligibility.has_rules() && !appointed => {
            let facts = eligibility_facts(ctx, account).await?;
            check_eligibility(&community.fields.eligibility, &facts, account.language)
                .err()
                .unwrap_or_default()
        }
        _ => Vec::new(),
    };
    let active = me.as_ref().filter(|_| lapsed.is_empty());
    let visible = Action::ViewCommunity {
        visibility: community.fields.visibility,
        member: active.is_some(),
    };
    policy::check(actor, visible).map_err(hidden)?;
    let reviewer = may_review(&roles, active);
    let moderator = holds(&roles, active, |p| p.moderate);
    let referents = ctx.store.community_referents(community.id).await?;
    let pending = match actor.account() {
        Some(account) => {
            ctx.store
                .pending_join_request(community.id, account.id)
                .await?
        }
        None => None,
    };
    let admin = actor
        .account()
        .is_some_and(|a| a.has_role(Role::Administrator));
    let charter = ctx.store.charter(community.id).await?;
    let must_accept_charter = match (&me, &charter) {
        (Some(me), Some(charter)) => me
            .charter_version
            .is_none_or(|accepted| accepted < charter.version),
        _ => false,
    };
    let members_visible = active.is_some() || reviewer || admin;
    Ok(CommunityView {
        community,
        roles,
        members_visible,
        referents,
        me,
        lapsed,
        pending,
        reviewer,
        moderator,
        charter,
        must_accept_charter,
    })
}

/// How many members a page of a community's member list shows.
pub const MEMBERS_PAGE_SIZE: u32 = 50;

/// A page of a community's member list.
#[derive(Debug, Clone)]
pub struct MemberPage {
    /// The newest members first.
    pub members: Vec<CommunityMember>,
    pub total: i64,
    pub page: PageNumber,
    pub pages: u32,
}

/// One page of the members, for those the view lets see who belongs;
/// `None` for anyone else.
pub async fn members(
    ctx: &Context<'_, dyn Storage>,
    view: &CommunityView,
    page: PageNumber,
) -> Result<Option<MemberPage>, FlowError> {
    if !view.members_visible {
        return Ok(None);
    }
    let total = view.community.members;
    Ok(Some(MemberPage {
        members: ctx
            .store
            .community_members_page(
                view.community.id,
                MEMBERS_PAGE_SIZE,
                page.offset(MEMBERS_PAGE_SIZE),
            )
            .await?,
        total,
        page,
        pages: PageNumber::count(u64::try_from(total).unwrap_or(0), MEMBERS_PAGE_SIZE),
    }))
}

pub(crate) fn hidden(denial: Denial) -> FlowError {
    match denial {
        Denial::Hidden => FlowError::NotFound,
        other => FlowError::Denied(other),
    }
}

fn may_review(roles: &[CommunityRole], me: Option<&CommunityMember>) -> bool {
    holds(roles, me, |p| p.review_requests)
}

/// Whether one of the member's roles grants the permission `grants` picks.
pub(crate) fn holds(
    roles: &[CommunityRole],
    me: Option<&CommunityMember>,
    grants: impl Fn(&Permissions) -> bool,
) -> bool {
    me.is_some_and(|m| {
        m.roles.iter().any(|key| {
            roles
                .iter()
                .any(|r| &r.key == key && grants(&r.permissions))
        })
    })
}

pub async fn create(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    input: &CommunityInput,
) -> Result<CommunityId, FlowError> {
    policy::check(actor, Action::ManageCommunities)?;
    let by = signed_in(actor)?.id;
    let fields = input.parse().map_err(FlowError::Invalid)?;
    ctx.store
        .create_community(&CommunitySave {
            fields,
            by,
            at: ctx.now,
        })
        .await
        .map_err(|error| match error {
            StoreError::Conflict => FlowError::field("slug", "error-slug-taken"),
            other => other.into(),
        })
}

/// Replaces the description and rules of the community at `slug`, which
/// those who may not manage communities are not told exists.
pub async fn update(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    slug: &str,
    input: &CommunityInput,
) -> Result<(), FlowError> {
    policy::check(actor, Action::ManageCommunities)?;
    let by = signed_in(actor)?.id;
    let id = view(ctx, actor, slug).await?.community.id;
    let fields = input.parse().map_err(FlowError::Invalid)?;
    ctx.store
        .update_community(
            id,
            &CommunitySave {
                fields,
                by,
                at: ctx.now,
            },
        )
        .await
        .map_err(|error| match error {
            StoreError::Conflict => FlowError::field("slug", "error-slug-taken"),
            other => other.into(),
        })
}

/// The join form.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct JoinInput {
    #[serde(default)]
    pub motivation: String,
    #[serde(default)]
    pub engagement: String,
    /// The charter version shown to the person, and their tick accepting it.
    #[serde(default)]
    pub charter_version: String,
    #[serde(default)]
    pub accept_charter: Option<String>,
    /// An application's answers, in the order of the community's questions.
    #[serde(default)]
    pub answers: Vec<String>,
}

/// What came of asking to join.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JoinOutcome {
    Joined,
    Requested(JoinRequestId),
    /// Refused at once by the eligibility rules, each reason in words.
    Ineligible(Vec<String>),
}

/// Joins an open community at once, or asks the reviewers of one on request,
/// once the eligibility rules are met.
pub async fn join(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    slug: &str,
    input: &JoinInput,
) -> Result<JoinOutcome, FlowError> {
    policy::check(actor, Action::ChangeOwnAccount)?;
    let account = signed_in(actor)?;
    let view = view(ctx, actor, slug).await?;
    if view.me.is_some() {
        return Err(FlowError::field("motivation", "error-already-member"));
    }
    let engagement = match input.engagement.trim() {
        "" => Engagement::default(),
        value => Engagement::parse(value).map_err(|e| FlowError::Invalid(vec![e]))?,
    };
    let motivation = crate::register::people::text(&input.motivation, 4000, "motivation")
        .map_err(|e| FlowError::Invalid(vec![e]))?;
    let community = &view.community;
    if community.fields.access == AccessPolicy::Invitation {
        return Err(FlowError::field("motivation", "error-invitation-only"));
    }
    refuse_excluded(ctx, community.id, account.id).await?;
    let charter_version = accepted_charter(
        &view,
        &input.charter_version,
        input.accept_charter.as_deref(),
    )?;
    let answers = if community.fields.access == AccessPolicy::Application {
        answers(&community.fields.questions, &input.answers)?
    } else {
        Vec::new()
    };
    // Most communities set no rule, and then nobody's memberships need reading.
    if community.fields.eligibility.has_rules() {
        let facts = eligibility_facts(ctx, account).await?;
        let rules = &community.fields.eligibility;
        if let Err(reasons) = check_eligibility(rules, &facts, account.language) {
            return Ok(JoinOutcome::Ineligible(reasons));
        }
    }
    match community.fields.access {
        AccessPolicy::Invitation => Err(FlowError::field("motivation", "error-invitation-only")),
        AccessPolicy::Open => {
            let member = NewCommunityMember {
                community: community.id,
                account: account.id,
                role: "member".to_owned(),
                engagement,
                charter_version,
                announcements: announcements(ctx, &view, account).await?,
                by: account.id,
                at: ctx.now,
            };
            ctx.store.add_community_member(&member).await?;
            Ok(JoinOutcome::Joined)
        }
        AccessPolicy::Request | AccessPolicy::Cooptation | AccessPolicy::Application => {
            let reviewers = ctx
                .store
                .community_holders(
                    community.id,
                    &Holding::Permission(Permission::ReviewRequests),
                )
                .await?;
            let happening = Happening {
                event: Event::RequestWaiting {
                    requester: account.display_name.as_str(),
                },
                community: &community.fields.name,
                path: format!("/c/{}/requests", community.fields.slug.as_str()),
                key: format!(
                    "join-request:{}:{}:{}",
                    community.id.0, account.id, ctx.now.0
                ),
            };
            let request = NewJoinRequest {
                community: community.id,
                account: account.id,
                motivation,
                engagement,
                charter_version,
                answers,
                notices: tell(ctx, &happening, &reviewers).await?,
                at: ctx.now,
            };
            match ctx.store.create_join_request(&request).await {
                Ok(id) => Ok(JoinOutcome::Requested(id)),
                Err(StoreError::Conflict) => {
                    Err(FlowError::field("motivation", "error-request-pending"))
                }
                Err(other) => Err(other.into()),
            }
        }
    }
}

/// Refuses someone excluded from the community until they are readmitted.
pub(crate) async fn refuse_excluded(
    ctx: &Context<'_, dyn Storage>,
    community: CommunityId,
    account: AccountId,
) -> Result<(), FlowError> {
    if ctx.store.is_excluded(community, account).await? {
        return Err(FlowError::field("motivation", "error-excluded"));
    }
    Ok(())
}

/// The charter version the person accepted, which must be the one in force;
/// `None` when the community has no charter.
pub(crate) fn accepted_charter(
    view: &CommunityView,
    seen: &str,
    ticked: Option<&str>,
) -> Result<Option<i64>, FlowError> {
    match &view.charter {
        None => Ok(None),
        Some(charter) => {
            if ticked.is_none() || seen.trim().parse::<i64>().ok() != Some(charter.version) {
                return Err(FlowError::field("accept_charter", "error-charter"));
            }
            Ok(Some(charter.version))
        }
    }
}

/// Pairs each of the community's questions with its answer; every question
/// must be answered.
fn answers(questions: &[String], given: &[String]) -> Result<Vec<Answer>, FlowError> {
    let mut answers = Vec::with_capacity(questions.len());
    for (index, question) in questions.iter().enumerate() {
        let answer = given.get(index).map(String::as_str).unwrap_or_default();
        let answer = crate::register::people::text(answer, 4000, "answers")
            .map_err(|e| FlowError::Invalid(vec![e]))?;
        if answer.is_empty() {
            return Err(FlowError::field("answers", "error-answer-missing"));
        }
        answers.push(Answer {
            question: question.clone(),
            answer,
        });
    }
    Ok(answers)
}

/// Every fact the eligibility rules ask about, as of today.
pub async fn eligibility_facts(
    ctx: &Context<'_, dyn Storage>,
    account: &Account,
) -> Result<EligibilityFacts, StoreError> {
    let held = HeldMemberships::of(&ctx.with(ctx.store), account.id).await?;
    facts_of(ctx, account, &held).await
}

/// The same, from memberships the caller has already read.
pub async fn facts_of(
    ctx: &Context<'_, dyn Storage>,
    account: &Account,
    held: &HeldMemberships,
) -> Result<EligibilityFacts, StoreError> {
    let today = ctx.today();
    let organisations = held
        .through
        .iter()
        .filter_map(|(affiliation, memberships)| {
            let best = memberships
                .iter()
                .max_by_key(|m| m.standing(today).is_good())?;
            Some((affiliation.organisation_name.clone(), best.standing(today)))
        })
        .collect();
    let days_since_contribution = ctx
        .store
        .contributions_of(account.id)
        .await?
        .first()
        .map(|latest| latest.on.days_until(today));
    Ok(EligibilityFacts {
        adherence: held.adherence(account.display_name.as_str(), today, account.language),
        own_membership_good: held.own.iter().any(|m| m.standing(today).is_good()),
        organisations,
        days_since_contribution,
    })
}

/// The arrival told to every member of the community (seed 002): the job
/// of its first batch, which tells them in the app and by email as each
/// prefers (see [`crate::communities::arrival`]), and the post to the community's webhook,
/// in the association's language, when it has one.
pub(crate) async fn announcements(
    ctx: &Context<'_, dyn Storage>,
    view: &CommunityView,
    newcomer: &Account,
) -> Result<Notices, StoreError> {
    let community = &view.community;
    let arrival = Arrival::new(community, newcomer, ctx.now);
    let mut notices = Notices {
        notifications: Vec::new(),
        jobs: vec![arrival.job()],
    };
    if let Some(webhook) = ctx.store.community_webhook(community.id).await? {
        let language = ctx
            .store
            .association()
            .await?
            .map_or(crate::kernel::association::Language::Fr, |a| {
                a.default_language
            });
        notices
            .jobs
            .push(webhook.post(&arrival.happening(), Teller::from(ctx), language));
    }
    Ok(notices)
}

pub(crate) fn job(key: String, email: OutgoingEmail, now: Timestamp) -> NewJob {
    NewJob::new(key, email, now)
}

/// The path of a community's page.
pub(crate) fn page_of(community: &Community) -> String {
    format!("/c/{}", community.fields.slug.as_str())
}

/// Leaves a community in one click; its pilots and animators are told.
pub async fn leave(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    slug: &str,
) -> Result<(), FlowError> {
    policy::check(actor, Action::ChangeOwnAccount)?;
    let account = signed_in(actor)?;
    let view = view(ctx, actor, slug).await?;
    if view.me.is_none() {
        return Err(FlowError::NotFound);
    }
    let leaders: Vec<AccountId> = ctx
        .store
        .community_holders(
            view.community.id,
            &Holding::Roles(vec!["pilot".to_owned(), "animator".to_owned()]),
        )
        .await?
        .into_iter()
        .filter(|holder| *holder != account.id)
        .collect();
    let happening = Happening {
        event: Event::Departure {
            person: account.display_name.as_str(),
        },
        community: &view.community.fields.name,
        path: page_of(&view.community),
        key: format!(
            "departure:{}:{}:{}",
            view.community.id.0, account.id, ctx.now.0
        ),
    };
    let departure = Departure {
        community: view.community.id,
        account: account.id,
        notices: tell(ctx, &happening, &leaders).await?,
        at: ctx.now,
    };
    Ok(ctx.store.remove_community_member(&departure).await?)
}

/// A pending request with the eligibility explanation a reviewer reads.
#[derive(Debug, Clone)]
pub struct ReviewItem {
    pub request: JoinRequest,
    /// Empty when every rule is met today.
    pub concerns: Vec<String>,
    pub adherence: String,
}

/// What the reviewers of a community look at.
#[derive(Debug, Clone)]
pub struct ReviewQueue {
    pub view: CommunityView,
    /// Pending requests, oldest first.
    pub items: Vec<ReviewItem>,
    /// Members who no longer meet the rules, with why: their access is
    /// suspended until they do again (their dues are paid, say).
    pub lapsed: Vec<(CommunityMember, Vec<String>)>,
}

/// The review queue: pending requests, oldest first, and the members whose
/// membership lapsed.
pub async fn review_queue(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    slug: &str,
    language: crate::kernel::association::Language,
) -> Result<ReviewQueue, FlowError> {
    let view = view(ctx, actor, slug).await?;
    policy::check(
        actor,
        Action::ReviewJoinRequests {
            reviewer: view.reviewer,
        },
    )
    .map_err(hidden)?;
    let mut items = Vec::new();
    for request in ctx.store.pending_join_requests(view.community.id).await? {
        let person = ctx.store.account(request.account).await?;
        let facts = eligibility_facts(ctx, &person).await?;
        let concerns = check_eligibility(&view.community.fields.eligibility, &facts, language)
            .err()
            .unwrap_or_default();
        let adherence = adherence_of(&ctx.with(ctx.store), &person, language)
            .await?
            .reason;
        items.push(ReviewItem {
            request,
            concerns,
            adherence,
        });
    }
    let mut lapsed = Vec::new();
    let rules = &view.community.fields.eligibility;
    if rules.has_rules() {
        for member in ctx.store.plain_community_members(view.community.id).await? {
            let person = ctx.store.account(member.account).await?;
            let facts = eligibility_facts(ctx, &person).await?;
            if let Err(reasons) = check_eligibility(rules, &facts, language) {
                lapsed.push((member, reasons));
            }
        }
    }
    Ok(ReviewQueue {
        view,
        items,
        lapsed,
    })
}

/// The decision form.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct ReviewInput {
    /// `accept` or `refuse`.
    pub verdict: String,
    #[serde(default)]
    pub reason: String,
}

/// Accepts or refuses a pending request; the requester is told by email.
pub async fn review(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: JoinRequestId,
    input: &ReviewInput,
) -> Result<Community, FlowError> {
    let by = signed_in(actor)?.id;
    let request = ctx.store.join_request(id).await?;
    let view = view_of(ctx, actor, ctx.store.community(request.community).await?).await?;
    let community = &view.community;
    policy::check(
        actor,
        Action::ReviewJoinRequests {
            reviewer: view.reviewer,
        },
    )
    .map_err(hidden)?;
    if request.status != RequestStatus::Pending {
        return Err(FlowError::field("verdict", "error-request-decided"));
    }
    let reason = crate::register::people::text(&input.reason, 2000, "reason")
        .map_err(|e| FlowError::Invalid(vec![e]))?;
    let decision = match input.verdict.trim() {
        "accept"
            if community.fields.access == AccessPolicy::Application
                && request.interview.is_none() =>
        {
            return Err(FlowError::field("verdict", "error-interview-first"));
        }
        "accept" => acceptance(ctx, &view, &request, reason, by).await?,
        "refuse" if reason.is_empty() => {
            return Err(FlowError::field("reason", "error-refusal-reason"));
        }
        "refuse" => {
            let happening = Happening {
                event: Event::Refused { reason: &reason },
                community: &community.fields.name,
                path: page_of(community),
                key: format!("join-decision:{}", id.0),
            };
            let notice = tell(ctx, &happening, &[request.account]).await?;
            JoinDecision {
                request: id,
                accept: false,
                reason,
                notice,
                announcements: Notices::default(),
                by,
                at: ctx.now,
            }
        }
        _ => return Err(FlowError::field("verdict", "error-verdict")),
    };
    ctx.store
        .decide_join_request(&decision)
        .await
        .map_err(|error| match error {
            StoreError::Conflict => FlowError::field("verdict", "error-request-decided"),
            other => other.into(),
        })?;
    Ok(view.community)
}

/// The acceptance of a pending request, with the email telling the requester
/// and the arrival announcements, for the store to apply in one transaction.
pub(crate) async fn acceptance(
    ctx: &Context<'_, dyn Storage>,
    view: &CommunityView,
    request: &JoinRequest,
    message: String,
    by: AccountId,
) -> Result<JoinDecision, FlowError> {
    let requester = ctx.store.account(request.account).await?;
    let happening = Happening {
        event: Event::Accepted { message: &message },
        community: &view.community.fields.name,
        path: page_of(&view.community),
        key: format!("join-decision:{}", request.id.0),
    };
    let notice = tell(ctx, &happening, &[requester.id]).await?;
    Ok(JoinDecision {
        request: request.id,
        accept: true,
        reason: message,
        notice,
        announcements: announcements(ctx, view, &requester).await?,
        by,
        at: ctx.now,
    })
}

/// Withdraws one's own pending request; answers the community it was for.
///
/// Nothing is looked up before the actor is known to be signed in, so that
/// a visitor cannot tell requests that exist from requests that do not.
pub async fn withdraw(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: JoinRequestId,
) -> Result<Community, FlowError> {
    policy::check(actor, Action::ChangeOwnAccount)?;
    let account = signed_in(actor)?.id;
    let request = ctx.store.join_request(id).await?;
    ctx.store
        .withdraw_join_request(id, account, ctx.now)
        .await?;
    Ok(ctx.store.community(request.community).await?)
}

/// The appointment form: a person, by email, and the role they take.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct AppointmentInput {
    pub email: String,
    pub role: String,
}

/// Gives someone a role in a community, making them a member first if
/// needed: for administrators, and for the roles that manage roles.
pub async fn appoint(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    slug: &str,
    input: &AppointmentInput,
) -> Result<(), FlowError> {
    let by = signed_in(actor)?.id;
    let view = view(ctx, actor, slug).await?;
    let manages = holds(&view.roles, view.me.as_ref(), |p| p.manage_roles);
    policy::check(actor, Action::ManageCommunityRoles { manager: manages }).map_err(hidden)?;
    let email = crate::kernel::email::EmailAddress::parse(&input.email)
        .map_err(|e| FlowError::Invalid(vec![e]))?;
    let person = match ctx.store.account_by_email(&email).await {
        Ok(person) => person,
        Err(StoreError::NotFound) => return Err(FlowError::field("email", "error-no-such-person")),
        Err(other) => return Err(other.into()),
    };
    let role = input.role.trim();
    if !view.roles.iter().any(|r| r.key == role) {
        return Err(FlowError::field("role", "error-role"));
    }
    let current = ctx
        .store
        .community_member(view.community.id, person.id)
        .await?;
    if current.is_none() {
        let member = NewCommunityMember {
            community: view.community.id,
            account: person.id,
            role: role.to_owned(),
            engagement: Engagement::Regular,
            // Appointed, they are asked to accept the charter on their next visit.
            charter_version: None,
            announcements: announcements(ctx, &view, &person).await?,
            by,
            at: ctx.now,
        };
        return Ok(ctx.store.add_community_member(&member).await?);
    }
    let mut roles = current.map(|m| m.roles).unwrap_or_default();
    if !roles.iter().any(|r| r == role) {
        roles.push(role.to_owned());
    }
    Ok(ctx
        .store
        .set_community_roles(view.community.id, person.id, &roles, by, ctx.now)
        .await?)
}

/// The exclusion form: who, and which rule they broke.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct ExclusionInput {
    pub email: String,
    pub reason: String,
    /// The number of the charter's rule broken; required when the charter
    /// numbers its rules.
    #[serde(default)]
    pub rule: String,
}

/// Excludes a member for breaking the community's rules (seed 002): they lose
/// access at once, are told why, and cannot ask again until readmitted.
pub async fn exclude(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    slug: &str,
    input: &ExclusionInput,
) -> Result<(), FlowError> {
    let by = signed_in(actor)?.id;
    let view = view(ctx, actor, slug).await?;
    policy::check(
        actor,
        Action::ModerateCommunity {
            moderator: view.moderator,
        },
    )
    .map_err(hidden)?;
    let email = crate::kernel::email::EmailAddress::parse(&input.email)
        .map_err(|e| FlowError::Invalid(vec![e]))?;
    let reason = crate::register::people::text(&input.reason, 2000, "reason")
        .map_err(|e| FlowError::Invalid(vec![e]))?;
    if reason.is_empty() {
        return Err(FlowError::field("reason", "error-exclusion-reason"));
    }
    let rule = broken_rule(view.charter.as_ref(), &input.rule)?;
    let person = match ctx.store.account_by_email(&email).await {
        Ok(person) => person,
        Err(StoreError::NotFound) => return Err(FlowError::field("email", "error-not-a-member")),
        Err(other) => return Err(other.into()),
    };
    let told = match &rule {
        Some((_, text)) => text_with(
            person.language,
            "exclusion-rule-reason",
            &[("rule", text), ("reason", &reason)],
        ),
        None => reason.clone(),
    };
    let happening = Happening {
        event: Event::Excluded { reason: &told },
        community: &view.community.fields.name,
        path: page_of(&view.community),
        key: format!("excluded:{}:{}", view.community.id.0, ctx.now.0),
    };
    let notice = tell(ctx, &happening, &[person.id]).await?;
    let exclusion = Exclusion {
        community: view.community.id,
        account: person.id,
        reason,
        rule: rule.map(|(rule, _)| rule),
        notice,
        by,
        at: ctx.now,
    };
    ctx.store
        .exclude_from_community(&exclusion)
        .await
        .map_err(|error| match error {
            StoreError::NotFound => FlowError::field("email", "error-not-a-member"),
            other => other.into(),
        })
}

/// The rule named by the exclusion form, with its words as "2. …": required
/// when the charter in force numbers its rules, and one of them.
fn broken_rule(
    charter: Option<&Charter>,
    input: &str,
) -> Result<Option<(BrokenRule, String)>, FlowError> {
    let Some(charter) = charter else {
        return Ok(None);
    };
    let rules = charter.rules();
    if rules.is_empty() {
        return Ok(None);
    }
    let number = input.trim().parse::<u32>().ok();
    let rule = rules
        .into_iter()
        .find(|r| Some(r.number) == number)
        .ok_or_else(|| FlowError::field("rule", "error-exclusion-rule"))?;
    Ok(Some((
        BrokenRule {
            charter_version: charter.version,
            number: rule.number,
        },
        format!("{}. {}", rule.number, rule.text),
    )))
}

/// Lifts an exclusion, so that the person may ask to join again.
pub async fn readmit(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    slug: &str,
    account: AccountId,
) -> Result<(), FlowError> {
    let by = signed_in(actor)?.id;
    let view = view(ctx, actor, slug).await?;
    policy::check(
        actor,
        Action::ModerateCommunity {
            moderator: view.moderator,
        },
    )
    .map_err(hidden)?;
    Ok(ctx
        .store
        .readmit_to_community(view.community.id, account, by, ctx.now)
        .await?)
}

/// The people excluded from a community, for its moderators.
pub async fn exclusions(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    view: &CommunityView,
) -> Result<Option<Vec<ExcludedPerson>>, FlowError> {
    if policy::check(
        actor,
        Action::ModerateCommunity {
            moderator: view.moderator,
        },
    )
    .is_err()
    {
        return Ok(None);
    }
    Ok(Some(
        ctx.store.community_exclusions(view.community.id).await?,
    ))
}

/// Publishes a new version of the charter: for administrators and the roles
/// that manage content. Members are then asked to accept it again.
pub async fn publish_charter(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    slug: &str,
    text: &str,
) -> Result<i64, FlowError> {
    let by = signed_in(actor)?.id;
    let view = view(ctx, actor, slug).await?;
    let manages = holds(&view.roles, view.me.as_ref(), |p| p.manage_content);
    policy::check(actor, Action::ManageCommunityContent { manager: manages }).map_err(hidden)?;
    let text = crate::register::people::text(text, 50_000, "charter")
        .map_err(|e| FlowError::Invalid(vec![e]))?;
    if text.is_empty() {
        return Err(FlowError::field("charter", "error-charter-empty"));
    }
    Ok(ctx
        .store
        .publish_charter(view.community.id, &text, by, ctx.now)
        .await?)
}

/// A member accepts the charter in force, whose version they were shown.
pub async fn accept_charter(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    slug: &str,
    version: &str,
) -> Result<(), FlowError> {
    policy::check(actor, Action::ChangeOwnAccount)?;
    let account = signed_in(actor)?.id;
    let view = view(ctx, actor, slug).await?;
    let current = view.charter.as_ref().map(|c| c.version);
    if view.me.is_none() {
        return Err(FlowError::NotFound);
    }
    if current.is_none() || version.trim().parse::<i64>().ok() != current {
        return Err(FlowError::field("accept_charter", "error-charter"));
    }
    Ok(ctx
        .store
        .accept_charter(
            view.community.id,
            account,
            current.unwrap_or_default(),
            ctx.now,
        )
        .await?)
}

/// A member changes how much they take part: following the news, occasional
/// or regular contribution (seed 002).
pub async fn set_engagement(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    slug: &str,
    engagement: &str,
) -> Result<(), FlowError> {
    policy::check(actor, Action::ChangeOwnAccount)?;
    let account = signed_in(actor)?.id;
    let view = view(ctx, actor, slug).await?;
    if view.me.is_none() {
        return Err(FlowError::NotFound);
    }
    let engagement = Engagement::parse(engagement).map_err(|e| FlowError::Invalid(vec![e]))?;
    Ok(ctx
        .store
        .set_engagement(view.community.id, account, engagement)
        .await?)
}
