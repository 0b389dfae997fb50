//! The member's home: what a signed-in person finds on landing, gathered in
//! one place and only ever about themselves.
//!
//! Their communities (with their role, engagement, and why their access is
//! suspended if it is), their requests to join and where each stands, their
//! membership and dues with the reason in words, what waits for their review
//! when they review, their latest notifications, and their preferences.
//! Every part is asked of [`policy::check`] as the pages of each part ask it.

use crate::accounts::account::Account;
use crate::accounts::flows::{FlowError, signed_in};
use crate::accounts::policy::{self, Action, Actor};
use crate::admission::{Application, ApplicationStatus};
use crate::communities::community::{
    AccessPolicy, Community, CommunityMember, EligibilityFacts, Engagement, JoinRequest,
    JoinRequestId, Permissions, RequestStatus, check_eligibility,
};
use crate::communities::flows::{facts_of, holds};
use crate::kernel::association::Language;
use crate::kernel::date::{Amount, Currency, Date};
use crate::kernel::flow::Context;
use crate::kernel::time::Timestamp;
use crate::notify::notification::{EmailPreferences, Notification};
use crate::register::dues::{Adherence, Membership, MembershipId, Standing, adherence};
use crate::register::membership::HeldMemberships;
use crate::site::security::ReportState;
use crate::store::Store;

/// How many notifications the home shows: the newest.
pub const NOTIFICATIONS: u32 = 5;

/// How many answered requests the home shows besides the pending ones.
const ANSWERED_REQUESTS: usize = 3;

/// Everything the home page shows, about its reader alone.
#[derive(Debug, Clone)]
pub struct MemberHome {
    pub account: Account,
    pub communities: Vec<MyCommunity>,
    /// Pending requests, then the latest answered ones; newest first.
    pub requests: Vec<MyRequest>,
    pub adherence: Adherence,
    /// The memberships the reader holds or is affiliated through.
    pub memberships: Vec<MyMembership>,
    /// The reader's own applications waiting for the bureau.
    pub applications: Vec<Application>,
    /// The communities whose requests the reader reviews, with how many wait.
    pub reviews: Vec<(Community, u64)>,
    /// Applications waiting for the bureau, for its members.
    pub bureau_pending: Option<usize>,
    /// New security reports, for the security contacts and administrators.
    pub security_new: Option<usize>,
    pub notifications: Vec<Notification>,
    pub unread: i64,
    pub email_preferences: EmailPreferences,
}

/// A community the reader belongs to.
#[derive(Debug, Clone)]
pub struct MyCommunity {
    pub community: Community,
    /// The keys of the reader's roles in it.
    pub roles: Vec<String>,
    pub engagement: Engagement,
    /// Why the reader's access is suspended; empty when it is not.
    pub suspended: Vec<String>,
}

/// One of the reader's requests to join.
#[derive(Debug, Clone)]
pub struct MyRequest {
    pub id: JoinRequestId,
    pub community: Community,
    pub status: RequestStatus,
    pub progress: Progress,
    pub created_at: Timestamp,
    /// The reviewer's message, once answered.
    pub reason: String,
}

/// Where a pending request stands, in the community's way of joining.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    AwaitingReview,
    /// Co-optation: how many members vouched, of how many needed.
    Vouches {
        have: usize,
        need: u8,
    },
    /// An application waits for its interview, then for the decision.
    AwaitingInterview,
    Interviewed,
    Answered,
}

/// A membership with its standing in words, and what is owed on it today.
#[derive(Debug, Clone)]
pub struct MyMembership {
    pub id: MembershipId,
    pub holder_name: String,
    pub plan_name: String,
    pub standing: String,
    pub owed: Option<(Amount, Currency)>,
}

/// Assembles the reader's home, in `language`, as of `today`.
pub async fn home(
    ctx: &Context<'_, dyn Store>,
    actor: Actor<'_>,
    language: Language,
) -> Result<MemberHome, FlowError> {
    policy::check(actor, Action::ReadOwnAccount)?;
    let account = signed_in(actor)?;
    // Read once: the communities' rules and the membership part both ask.
    let held = HeldMemberships::of(&ctx.with(ctx.store), account.id).await?;
    let mut facts: Option<EligibilityFacts> = None;
    let mut communities = Vec::new();
    let mut reviews = Vec::new();
    for (id, me) in ctx.store.communities_of(account.id).await? {
        let community = ctx.store.community(id).await?;
        let roles = ctx.store.community_roles(id).await?;
        let appointed = holds(&roles, Some(&me), |p| *p != Permissions::default());
        let rules = community.fields.eligibility;
        let suspended = if rules.has_rules() && !appointed {
            // The facts are the same for every community: gathered once.
            let known = match facts.take() {
                Some(known) => known,
                None => facts_of(&ctx.with(ctx.store), account, &held).await?,
            };
            let reasons = check_eligibility(&rules, &known, language)
                .err()
                .unwrap_or_default();
            facts = Some(known);
            reasons
        } else {
            Vec::new()
        };
        let reviewer = holds(&roles, Some(&me), |p| p.review_requests);
        if reviewer && policy::check(actor, Action::ReviewJoinRequests { reviewer }).is_ok() {
            let waiting = ctx.store.count_pending_join_requests(id).await?;
            reviews.push((community.clone(), waiting));
        }
        communities.push(mine(community, me, suspended));
    }
    let through = held.through_organisations();
    let memberships = match policy::check(actor, Action::ViewMembership { concerned: true }) {
        Ok(()) => held
            .own
            .iter()
            .chain(&through)
            .map(|m| my_membership(m, ctx.today(), language))
            .collect(),
        Err(_) => Vec::new(),
    };
    let bureau_pending = match policy::check(actor, Action::ExamineApplications) {
        Ok(()) => Some(
            ctx.store
                .applications()
                .await?
                .iter()
                .filter(|a| a.status == ApplicationStatus::Pending)
                .count(),
        ),
        Err(_) => None,
    };
    let security_new = match policy::check(actor, Action::ReadSecurityReports) {
        Ok(()) => Some(
            ctx.store
                .security_reports()
                .await?
                .iter()
                .filter(|r| r.state == ReportState::New)
                .count(),
        ),
        Err(_) => None,
    };
    Ok(MemberHome {
        account: account.clone(),
        communities,
        requests: requests(ctx, account).await?,
        adherence: adherence(
            account.display_name.as_str(),
            &held.own,
            &through,
            ctx.today(),
            language,
        ),
        memberships,
        applications: ctx
            .store
            .applications_of(account.id)
            .await?
            .into_iter()
            .filter(|a| a.status == ApplicationStatus::Pending)
            .collect(),
        reviews,
        bureau_pending,
        security_new,
        notifications: ctx.store.notifications(account.id, NOTIFICATIONS).await?,
        unread: ctx.store.unread_notifications(account.id).await?,
        email_preferences: ctx.store.email_preferences(account.id).await?,
    })
}

fn mine(community: Community, me: CommunityMember, suspended: Vec<String>) -> MyCommunity {
    MyCommunity {
        community,
        roles: me.roles,
        engagement: me.engagement,
        suspended,
    }
}

fn my_membership(membership: &Membership, today: Date, language: Language) -> MyMembership {
    let standing = membership.standing(today);
    let owed = match standing {
        Standing::Unpaid { .. } => membership
            .periods
            .iter()
            .find(|p| p.starts_on <= today && today <= p.ends_on)
            .map(|period| {
                let paid = membership.paid_for(period.id);
                (
                    Amount(period.amount_due.0 - paid.0),
                    membership.currency.clone(),
                )
            }),
        _ => None,
    };
    MyMembership {
        id: membership.id,
        holder_name: membership.holder_name.clone(),
        plan_name: membership.plan_name.clone(),
        standing: standing.reason(&membership.holder_name, language),
        owed,
    }
}

/// The pending requests, then the latest answered ones; withdrawn ones are
/// the reader's own doing and are left out.
async fn requests(
    ctx: &Context<'_, dyn Store>,
    account: &Account,
) -> Result<Vec<MyRequest>, FlowError> {
    let all = ctx.store.join_requests_of(account.id).await?;
    let pending = all.iter().filter(|r| r.status == RequestStatus::Pending);
    let answered = all
        .iter()
        .filter(|r| matches!(r.status, RequestStatus::Accepted | RequestStatus::Refused))
        .take(ANSWERED_REQUESTS);
    let mut shown = Vec::new();
    for request in pending.chain(answered) {
        let community = ctx.store.community(request.community).await?;
        shown.push(MyRequest {
            id: request.id,
            progress: progress(request, &community),
            status: request.status,
            created_at: request.created_at,
            reason: request.reason.clone(),
            community,
        });
    }
    Ok(shown)
}

fn progress(request: &JoinRequest, community: &Community) -> Progress {
    if request.status != RequestStatus::Pending {
        return Progress::Answered;
    }
    match community.fields.access {
        AccessPolicy::Cooptation => Progress::Vouches {
            have: request.vouchers.len(),
            need: community.fields.vouches_required,
        },
        AccessPolicy::Application if request.interview.is_none() => Progress::AwaitingInterview,
        AccessPolicy::Application => Progress::Interviewed,
        _ => Progress::AwaitingReview,
    }
}
