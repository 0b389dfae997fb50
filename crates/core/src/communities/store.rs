//! What the communities need from storage: the communities, their members and roles, joining, the rules and charter, and arrivals told in rounds.
//!
//! Each method is one transaction: a change, the audit entry it writes and
//! the jobs it causes commit together or not at all.

use async_trait::async_trait;

use crate::kernel::store::StoreResult;

use crate::accounts::account::AccountId;
use crate::accounts::secret::TokenHash;
use crate::communities::community::{
    AccessPolicy, Answer, Charter, Community, CommunityFields, CommunityId, CommunityKind,
    CommunityMember, CommunityRole, Engagement, Invitation, InvitationId, JoinRequest,
    JoinRequestId, Permission, RulesMet,
};
use crate::communities::webhook::Webhook;
use crate::kernel::date::Date;
use crate::kernel::email::EmailAddress;
use crate::kernel::job::{JobId, NewJob};
use crate::kernel::time::Timestamp;
use crate::kernel::visibility::Visibility;
use crate::notify::notification::{Notices, NotificationKind, Recipient};

/// A community as created or edited.
#[derive(Debug, Clone)]
pub struct CommunitySave {
    pub fields: CommunityFields,
    pub by: AccountId,
    pub at: Timestamp,
}

/// The communities an actor may know exist, as the policy module decides:
/// those of the visibilities anyone like them sees, and those `member`
/// belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeenCommunities {
    pub visibilities: Vec<Visibility>,
    pub member: Option<AccountId>,
}

/// "Open to me": the communities someone could join now. Not those they
/// belong to or are excluded from (when signed in), only those whose access
/// policy is one of `access`, and none setting a rule they fail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenTo {
    pub account: Option<AccountId>,
    pub access: Vec<AccessPolicy>,
    pub met: RulesMet,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListingOrder {
    /// By name, then by creation.
    Name,
    /// The most members first, then by name.
    MostMembers,
}

/// One page of the communities a list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommunityListing {
    pub seen: SeenCommunities,
    /// Any kind when empty.
    pub kinds: Vec<CommunityKind>,
    /// The exact theme, when filtered on.
    pub theme: Option<String>,
    /// Words each starting a word of the name, theme or description.
    pub words: Vec<String>,
    pub open_to: Option<OpenTo>,
    pub order: ListingOrder,
    pub limit: u32,
    pub offset: u64,
}

/// A page of communities, and how many the whole list holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommunityList {
    pub communities: Vec<Community>,
    pub total: u64,
}

/// Whom a flow tells: the holders of a permission, or of named roles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Holding {
    Permission(Permission),
    Roles(Vec<String>),
}

/// Someone entering a community, with the role they take.
#[derive(Debug, Clone)]
pub struct NewCommunityMember {
    pub community: CommunityId,
    pub account: AccountId,
    pub role: String,
    pub engagement: Engagement,
    /// The charter version accepted on joining, when the community has one.
    pub charter_version: Option<i64>,
    /// The arrival told to the members, and posted to the webhook.
    pub announcements: Notices,
    pub by: AccountId,
    pub at: Timestamp,
}

/// Someone leaving a community; the pilots and animators are told.
#[derive(Debug, Clone)]
pub struct Departure {
    pub community: CommunityId,
    pub account: AccountId,
    pub notices: Notices,
    pub at: Timestamp,
}

#[derive(Debug, Clone)]
pub struct NewJoinRequest {
    pub community: CommunityId,
    pub account: AccountId,
    pub motivation: String,
    pub engagement: Engagement,
    /// The charter version accepted with the request; recorded as the
    /// member's once accepted.
    pub charter_version: Option<i64>,
    /// An application's answers to the community's questions.
    pub answers: Vec<Answer>,
    /// The request told to the community's reviewers.
    pub notices: Notices,
    pub at: Timestamp,
}

/// A member vouching for a pending request under co-optation. The store
/// applies `acceptance` in the same transaction once `required` members have
/// vouched, so that two last vouches cannot both accept.
#[derive(Debug, Clone)]
pub struct Vouch {
    pub request: JoinRequestId,
    pub by: AccountId,
    pub required: u8,
    pub acceptance: JoinDecision,
    pub at: Timestamp,
}

/// What a vouch led to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VouchOutcome {
    /// Counted; this many vouches so far.
    Counted(u8),
    /// The last vouch needed: the requester is a member.
    Accepted,
}

/// A reviewer's record of an applicant's interview.
#[derive(Debug, Clone)]
pub struct InterviewRecord {
    pub request: JoinRequestId,
    pub held_on: Date,
    pub notes: String,
    pub by: AccountId,
    pub at: Timestamp,
}

/// An invitation to join, sent by email; its link is a secret stored hashed.
#[derive(Debug, Clone)]
pub struct NewInvitation {
    pub community: CommunityId,
    pub email: EmailAddress,
    pub token: TokenHash,
    pub expires_at: Timestamp,
    /// The email carrying the link.
    pub notice: NewJob,
    pub by: AccountId,
    pub at: Timestamp,
}

/// An invitation taken up: used once, it makes the invitee a member.
#[derive(Debug, Clone)]
pub struct InvitationUse {
    pub invitation: InvitationId,
    pub member: NewCommunityMember,
}

/// A reviewer's decision on a pending request; on acceptance the requester
/// joins with the role `member`.
#[derive(Debug, Clone)]
pub struct JoinDecision {
    pub request: JoinRequestId,
    pub accept: bool,
    pub reason: String,
    /// The decision told to the requester.
    pub notice: Notices,
    /// On acceptance, the arrival, written only if the requester joins now.
    pub announcements: Notices,
    pub by: AccountId,
    pub at: Timestamp,
}

/// The next members of a community to tell of something, in account order
/// after `after`, at most `limit`, each with their email preference for `kind`.
#[derive(Debug, Clone, Copy)]
pub struct MemberPage {
    pub community: CommunityId,
    pub kind: NotificationKind,
    /// The last member of the previous page; `None` for the first page.
    pub after: Option<AccountId>,
    pub limit: std::num::NonZeroU32,
    /// The round of arrivals whose newcomers are left out, since they are
    /// not told of themselves.
    pub newcomers_of: Option<JobId>,
}

/// A round of arrival announcements, run by the job `job`, claiming every
/// member of `community` whose arrival waits to be told.
#[derive(Debug, Clone, Copy)]
pub struct ArrivalClaim {
    pub community: CommunityId,
    pub job: JobId,
    /// How many of the newcomers' names to read.
    pub named: u32,
}

/// The newcomers a round claimed: the first names in order of arrival, and
/// how many there are in all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Newcomers {
    pub names: Vec<String>,
    pub count: u64,
}

/// A job done, with what it tells written in the same transaction, so that
/// the work of a job retried after a crash is written once.
#[derive(Debug, Clone)]
pub struct JobCompletion {
    pub job: JobId,
    pub notices: Notices,
    pub at: Timestamp,
}

/// A member excluded from a community for breaking its rules (seed 002).
#[derive(Debug, Clone)]
pub struct Exclusion {
    pub community: CommunityId,
    pub account: AccountId,
    pub reason: String,
    /// The rule of the charter broken, when the charter numbers its rules.
    pub rule: Option<BrokenRule>,
    /// The exclusion told to the person, with the reason.
    pub notice: Notices,
    pub by: AccountId,
    pub at: Timestamp,
}

/// A numbered rule of a given charter version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BrokenRule {
    pub charter_version: i64,
    pub number: u32,
}

/// Someone excluded, as the moderators list them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExcludedPerson {
    pub account: AccountId,
    pub display_name: String,
    pub reason: String,
    pub rule: Option<BrokenRule>,
    pub at: Timestamp,
}

/// A community's webhook as set or replaced.
#[derive(Debug, Clone)]
pub struct WebhookSave {
    pub community: CommunityId,
    pub webhook: Webhook,
    pub by: AccountId,
    pub at: Timestamp,
}

#[async_trait]
pub trait CommunityStore: Send + Sync {
    /// Creates the community with the default roles of [`crate::communities::community::default_roles`];
    /// audited; [`StoreError::Conflict`] when the slug is taken.
    async fn create_community(&self, save: &CommunitySave) -> StoreResult<CommunityId>;

    /// Audited; [`StoreError::Conflict`] when the new slug is taken.
    async fn update_community(&self, id: CommunityId, save: &CommunitySave) -> StoreResult<()>;

    async fn community(&self, id: CommunityId) -> StoreResult<Community>;

    async fn community_by_slug(&self, slug: &str) -> StoreResult<Community>;

    /// Every community with its member count, by name.
    async fn communities(&self) -> StoreResult<Vec<Community>>;

    /// One page of the communities the listing selects, with their number.
    async fn list_communities(&self, listing: &CommunityListing) -> StoreResult<CommunityList>;

    /// The themes of the communities seen, each once, in order; none empty.
    async fn community_themes(&self, seen: &SeenCommunities) -> StoreResult<Vec<String>>;

    async fn community_roles(&self, id: CommunityId) -> StoreResult<Vec<CommunityRole>>;

    /// By name.
    async fn community_members(&self, id: CommunityId) -> StoreResult<Vec<CommunityMember>>;

    /// One account's place in a community, if it belongs.
    async fn community_member(
        &self,
        community: CommunityId,
        account: AccountId,
    ) -> StoreResult<Option<CommunityMember>>;

    /// The newest members first, `limit` of them after `offset`.
    async fn community_members_page(
        &self,
        community: CommunityId,
        limit: u32,
        offset: u64,
    ) -> StoreResult<Vec<CommunityMember>>;

    /// Every member's account, to tell them all of an arrival.
    async fn community_member_ids(&self, community: CommunityId) -> StoreResult<Vec<AccountId>>;

    /// The members holding the permission or roles, each once.
    async fn community_holders(
        &self,
        community: CommunityId,
        holding: &Holding,
    ) -> StoreResult<Vec<AccountId>>;

    /// The members none of whose roles grants a permission: those who came
    /// in as members, whom the eligibility rules bind. By name.
    async fn plain_community_members(
        &self,
        community: CommunityId,
    ) -> StoreResult<Vec<CommunityMember>>;

    /// `(name, role)` of the members holding a referent role, by name.
    async fn community_referents(
        &self,
        community: CommunityId,
    ) -> StoreResult<Vec<(String, String)>>;

    /// The communities `account` belongs to, with its place in each.
    async fn communities_of(
        &self,
        account: AccountId,
    ) -> StoreResult<Vec<(CommunityId, CommunityMember)>>;

    /// Adds the member and enqueues the announcements; audited;
    /// [`StoreError::Conflict`] when already a member.
    async fn add_community_member(&self, member: &NewCommunityMember) -> StoreResult<()>;

    /// Replaces the member's roles; audited.
    async fn set_community_roles(
        &self,
        id: CommunityId,
        account: AccountId,
        roles: &[String],
        by: AccountId,
        at: Timestamp,
    ) -> StoreResult<()>;

    /// Removes the member and enqueues the notices; audited;
    /// [`StoreError::NotFound`] when not a member.
    async fn remove_community_member(&self, departure: &Departure) -> StoreResult<()>;

    /// Changes how much a member takes part; [`StoreError::NotFound`] when not a member.
    async fn set_engagement(
        &self,
        community: CommunityId,
        account: AccountId,
        engagement: Engagement,
    ) -> StoreResult<()>;
}

#[async_trait]
pub trait JoiningStore: Send + Sync {
    /// Audited; [`StoreError::Conflict`] when the person has a pending request
    /// to this community.
    async fn create_join_request(&self, request: &NewJoinRequest) -> StoreResult<JoinRequestId>;

    async fn join_request(&self, id: JoinRequestId) -> StoreResult<JoinRequest>;

    /// The pending requests of a community, oldest first.
    async fn pending_join_requests(&self, id: CommunityId) -> StoreResult<Vec<JoinRequest>>;

    /// How many requests wait in the community, counted without reading them.
    async fn count_pending_join_requests(&self, id: CommunityId) -> StoreResult<u64>;

    /// Every request of `account`, newest first.
    async fn join_requests_of(&self, account: AccountId) -> StoreResult<Vec<JoinRequest>>;

    /// The account's pending request to the community, if any.
    async fn pending_join_request(
        &self,
        community: CommunityId,
        account: AccountId,
    ) -> StoreResult<Option<JoinRequest>>;

    /// Audited; [`StoreError::NotFound`] unless it is the account's own pending request.
    async fn withdraw_join_request(
        &self,
        id: JoinRequestId,
        account: AccountId,
        at: Timestamp,
    ) -> StoreResult<()>;

    /// Records the decision, adds the member on acceptance and enqueues the
    /// emails, in one transaction; audited; [`StoreError::Conflict`] when no
    /// longer pending.
    async fn decide_join_request(&self, decision: &JoinDecision) -> StoreResult<()>;

    /// Records the vouch, and accepts the request when it is the last one
    /// needed; audited; [`StoreError::Conflict`] when the member already
    /// vouched or the request is no longer pending.
    async fn vouch_for_request(&self, vouch: &Vouch) -> StoreResult<VouchOutcome>;

    /// Records (or corrects) the interview of a pending application; audited;
    /// [`StoreError::Conflict`] when no longer pending.
    async fn record_interview(&self, interview: &InterviewRecord) -> StoreResult<()>;

    /// Records the invitation and enqueues its email; audited.
    async fn create_invitation(&self, invitation: &NewInvitation) -> StoreResult<InvitationId>;

    /// [`StoreError::NotFound`] for an unknown link.
    async fn invitation_by_token(&self, token: &TokenHash) -> StoreResult<Invitation>;

    /// The invitations neither used nor revoked, the newest first.
    async fn open_invitations(&self, community: CommunityId) -> StoreResult<Vec<Invitation>>;

    /// Audited; [`StoreError::NotFound`] unless open and of this community.
    async fn revoke_invitation(
        &self,
        community: CommunityId,
        id: InvitationId,
        by: AccountId,
        at: Timestamp,
    ) -> StoreResult<()>;

    /// Marks the invitation used and adds the member, in one transaction;
    /// [`StoreError::Conflict`] when it was used, revoked or has expired, or
    /// the invitee is already a member.
    async fn use_invitation(&self, taken: &InvitationUse) -> StoreResult<()>;
}

#[async_trait]
pub trait RulesStore: Send + Sync {
    /// Removes the member, withdraws their pending requests, records the
    /// exclusion and enqueues the notice, in one transaction; audited;
    /// [`StoreError::NotFound`] when not a member.
    async fn exclude_from_community(&self, exclusion: &Exclusion) -> StoreResult<()>;

    /// Lifts an exclusion; audited; [`StoreError::NotFound`] when there is none.
    async fn readmit_to_community(
        &self,
        community: CommunityId,
        account: AccountId,
        by: AccountId,
        at: Timestamp,
    ) -> StoreResult<()>;

    /// The people excluded from a community, the most recent first.
    async fn community_exclusions(
        &self,
        community: CommunityId,
    ) -> StoreResult<Vec<ExcludedPerson>>;

    /// Whether the account is excluded from the community.
    async fn is_excluded(&self, community: CommunityId, account: AccountId) -> StoreResult<bool>;

    /// Publishes the next version of the community's charter; audited.
    async fn publish_charter(
        &self,
        community: CommunityId,
        text: &str,
        by: AccountId,
        at: Timestamp,
    ) -> StoreResult<i64>;

    /// The latest version, if any was published.
    async fn charter(&self, community: CommunityId) -> StoreResult<Option<Charter>>;

    /// Records that a member accepted `version`; audited;
    /// [`StoreError::NotFound`] when not a member.
    async fn accept_charter(
        &self,
        community: CommunityId,
        account: AccountId,
        version: i64,
        at: Timestamp,
    ) -> StoreResult<()>;
}

#[async_trait]
pub trait ArrivalStore: Send + Sync {
    /// Marks the job done and writes its notices and further jobs, in one
    /// transaction; [`StoreError::NotFound`], writing nothing, when the job
    /// is already done or given up (another worker finished it).
    async fn complete_job_with(&self, completion: &JobCompletion) -> StoreResult<()>;

    /// A page of the community's current members as [`Recipient`]s.
    async fn member_recipients(&self, page: &MemberPage) -> StoreResult<Vec<Recipient>>;

    /// Claims for the round the members whose arrival waits to be told, and
    /// reads them; a round retried reads the same members again. Those who
    /// left meanwhile are not among them.
    async fn claim_arrivals(&self, claim: &ArrivalClaim) -> StoreResult<Newcomers>;

    async fn community_webhook(&self, community: CommunityId) -> StoreResult<Option<Webhook>>;

    /// Sets or replaces the webhook; audited; [`StoreError::NotFound`] for
    /// an unknown community.
    async fn set_community_webhook(&self, save: &WebhookSave) -> StoreResult<()>;

    /// Audited; [`StoreError::NotFound`] when the community has none.
    async fn remove_community_webhook(
        &self,
        community: CommunityId,
        by: AccountId,
        at: Timestamp,
    ) -> StoreResult<()>;
}

/// Everything the communities' flows read and write: this area's store and those of the
/// areas below it. Any full store is one.
pub trait Storage:
    CommunityStore + JoiningStore + RulesStore + ArrivalStore + crate::admission::store::Storage
{
}

impl<
    T: ?Sized
        + CommunityStore
        + JoiningStore
        + RulesStore
        + ArrivalStore
        + crate::admission::store::Storage,
> Storage for T
{
}
