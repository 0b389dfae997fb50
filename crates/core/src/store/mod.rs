//! What the domain needs from storage.
//!
//! The `store` crate implements [`Store`] on SQLite and on PostgreSQL. Each
//! method is one transaction: a change, the audit entry it writes and the
//! jobs it causes commit together or not at all.

use async_trait::async_trait;

use crate::accounts::account::{
    Account, AccountId, Credentials, DisplayName, NewAccountFields, PasswordHash, Role,
};
use crate::accounts::audit::AuditEntry;
use crate::accounts::secret::{
    ApiToken, ApiTokenId, ApiTokenScope, EmailToken, NewApiToken, NewSession, TokenHash,
};
use crate::admission::{
    AdmissionSettings, Application, ApplicationId, BureauSession, Contribution, ContributionId,
    ContributionKind, SessionId,
};
use crate::communities::community::{
    AccessPolicy, Answer, Charter, Community, CommunityFields, CommunityId, CommunityKind,
    CommunityMember, CommunityRole, Engagement, Invitation, InvitationId, JoinRequest,
    JoinRequestId, Permission, RulesMet,
};
use crate::communities::webhook::Webhook;
use crate::kernel::association::{Association, Language};
use crate::kernel::date::{Amount, Date};
use crate::kernel::email::EmailAddress;
use crate::kernel::image::{Image, ImageKind};
use crate::kernel::job::{Job, JobClaim, JobId, NewJob};
use crate::kernel::time::Timestamp;
use crate::kernel::visibility::Visibility;
use crate::newsletter::{
    Issue, MailingList, MailingListId, MailingListSave, NewIssue, NewSubscription, SentIssue,
    Subscription,
};
use crate::notify::notification::{
    EmailPreferences, Notices, Notification, NotificationId, NotificationKind, Recipient,
};
use crate::register::dues::{
    Holder, Membership, MembershipId, MembershipPolicy, MembershipStatus, PaymentId, PaymentMethod,
    PeriodId, Plan, PlanFields, PlanId, PlanName,
};
use crate::register::people::{
    Affiliation, Organisation, OrganisationFields, OrganisationId, OrganisationName, Profile,
    ProfileDetails,
};
use crate::site::pages::{
    Adopter, AdopterFields, AdopterId, AdopterStatus, AdopterVerdict, Entry, EntryFields, EntryId,
    ImageId, Section, SiteSettings,
};
use crate::site::security::{
    NewSecurityReport, ReportStateChange, SecurityReport, SecurityReportId,
};

pub type StoreResult<T> = Result<T, StoreError>;

/// The three outcomes callers tell apart; everything else is the backend's
/// business and is logged, not shown.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    #[error("conflicts with existing data")]
    Conflict,
    #[error("storage failure: {0}")]
    Other(Box<dyn std::error::Error + Send + Sync>),
}

/// Why an import wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportFailure {
    #[error("row {}: {}", .0.row, .0.reason)]
    Row(ImportRefusal),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The first administrator and the association, created together.
#[derive(Debug, Clone)]
pub struct InstanceSetup {
    pub association: Association,
    pub administrator: NewAccountFields,
    pub at: Timestamp,
}

/// A new account, and how its address is confirmed.
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub fields: NewAccountFields,
    pub verification: Verification,
    pub at: Timestamp,
}

#[derive(Debug, Clone)]
pub enum Verification {
    /// Created by an administrator or the demo: the address is trusted.
    Confirmed,
    /// Signed up: a link is emailed, and the account cannot log in until used.
    Pending { token: EmailToken, email: NewJob },
}

/// A reset link for the account holding `email`, with the email carrying it.
#[derive(Debug, Clone)]
pub struct PasswordResetRequest {
    pub account: AccountId,
    pub token: EmailToken,
    pub email: NewJob,
}

/// A new password chosen through a reset link: every session ends.
#[derive(Debug, Clone)]
pub struct PasswordReset {
    pub token: TokenHash,
    pub new_hash: PasswordHash,
    pub at: Timestamp,
}

/// A new password chosen while signed in: every other session ends.
#[derive(Debug, Clone)]
pub struct PasswordChange {
    pub account: AccountId,
    pub new_hash: PasswordHash,
    pub keep_session: TokenHash,
    pub notice: NewJob,
    pub at: Timestamp,
}

/// A person's new name and language.
#[derive(Debug, Clone)]
pub struct ProfileUpdate {
    pub account: AccountId,
    pub display_name: DisplayName,
    pub language: Language,
    pub at: Timestamp,
}

/// Roles granted to an account by an administrator, replacing its others.
#[derive(Debug, Clone)]
pub struct RolesChange {
    pub account: AccountId,
    pub roles: Vec<Role>,
    pub by: AccountId,
    pub at: Timestamp,
}

/// A profile edited by its owner; saving it also records the review.
#[derive(Debug, Clone)]
pub struct ProfileSave {
    pub account: AccountId,
    pub details: ProfileDetails,
    pub at: Timestamp,
}

#[derive(Debug, Clone)]
pub struct OrganisationSave {
    pub fields: OrganisationFields,
    pub by: AccountId,
    pub at: Timestamp,
}

/// Affiliates a person to an organisation; making them its representative
/// unmakes the previous one.
#[derive(Debug, Clone)]
pub struct NewAffiliation {
    pub account: AccountId,
    pub organisation: OrganisationId,
    pub representative: bool,
    pub by: AccountId,
    pub at: Timestamp,
}

#[derive(Debug, Clone)]
pub struct PlanSave {
    pub fields: PlanFields,
    pub by: AccountId,
    pub at: Timestamp,
}

/// A membership and its first period.
#[derive(Debug, Clone)]
pub struct NewMembership {
    pub holder: Holder,
    pub plan: PlanId,
    pub status: MembershipStatus,
    pub first_period: NewPeriod,
    pub by: AccountId,
    pub at: Timestamp,
}

#[derive(Debug, Clone)]
pub struct NewPeriod {
    pub starts_on: Date,
    pub ends_on: Date,
    pub amount_due: Amount,
}

#[derive(Debug, Clone)]
pub struct NewPayment {
    pub membership: MembershipId,
    pub period: PeriodId,
    pub amount: Amount,
    pub paid_on: Date,
    pub method: PaymentMethod,
    pub reference: String,
    pub by: AccountId,
    pub at: Timestamp,
}

#[derive(Debug, Clone)]
pub struct StatusChange {
    pub membership: MembershipId,
    pub status: MembershipStatus,
    /// `None` when the rules decided it, such as a lapse for inactivity.
    pub by: Option<AccountId>,
    pub at: Timestamp,
}

/// A line of the register of people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonSummary {
    pub account: AccountId,
    pub display_name: DisplayName,
    pub email: EmailAddress,
    pub roles: Vec<Role>,
    pub public: bool,
}

/// A page of what a read lists (the memberships, people or organisations
/// found), and how many there are in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed<T> {
    pub items: Vec<T>,
    pub total: u64,
}

/// A page of the register by name: everyone, or those whose name (or, for
/// people, email address) contains `words`, ignoring case, when it is not
/// empty.
#[derive(Debug, Clone)]
pub struct NameSearch {
    pub words: String,
    pub offset: u64,
    pub limit: u32,
}

/// An application as submitted. The store puts it on the agenda of the next
/// session held on or after `today`, if there is one.
#[derive(Debug, Clone)]
pub struct NewApplication {
    pub applicant: AccountId,
    pub plan: PlanId,
    pub organisation: Option<OrganisationId>,
    pub motivation: String,
    pub language: Language,
    pub today: Date,
    pub at: Timestamp,
}

/// A decision on a pending application, with everything it causes.
#[derive(Debug, Clone)]
pub struct ApplicationDecision {
    pub application: ApplicationId,
    pub verdict: Verdict,
    pub reason: String,
    /// The session it is taken in; `None` outside sessions.
    pub session: Option<SessionId>,
    /// The email telling the applicant, in their language.
    pub notice: NewJob,
    pub by: AccountId,
    pub at: Timestamp,
}

#[derive(Debug, Clone)]
pub enum Verdict {
    /// Opens the membership; for an organisation, the applicant becomes its
    /// representative.
    Accept {
        membership: NewMembership,
    },
    Refuse,
}

/// A session of the bureau; the store puts every pending application that is
/// on no agenda yet on this one's.
#[derive(Debug, Clone)]
pub struct NewBureauSession {
    pub held_on: Date,
    pub title: String,
    pub attendees: Vec<AccountId>,
    pub by: AccountId,
    pub at: Timestamp,
}

#[derive(Debug, Clone)]
pub struct NewContribution {
    pub account: AccountId,
    pub kind: ContributionKind,
    pub on: Date,
    pub note: String,
    pub by: AccountId,
    pub at: Timestamp,
}

/// A person's latest contribution, for "who develops" and for the active
/// contributor rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contributor {
    pub account: AccountId,
    pub display_name: DisplayName,
    pub contributions: i64,
    pub last_on: Date,
}

/// One row of a members import, already parsed and checked.
#[derive(Debug, Clone)]
pub struct ImportedMember {
    /// Its line in the file, for refusals found while writing.
    pub row: usize,
    pub email: EmailAddress,
    pub display_name: DisplayName,
    pub language: Language,
    pub job_title: String,
    /// Created when no organisation has this name.
    pub organisation: Option<OrganisationName>,
    pub membership: Option<ImportedMembership>,
}

/// A membership of the imported person, or of their organisation when the
/// plan is for organisations.
#[derive(Debug, Clone)]
pub struct ImportedMembership {
    pub plan: PlanName,
    pub status: MembershipStatus,
    pub period: NewPeriod,
    pub payment: Option<ImportedPayment>,
}

#[derive(Debug, Clone)]
pub struct ImportedPayment {
    pub amount: Amount,
    pub paid_on: Date,
    pub method: PaymentMethod,
    pub reference: String,
}

/// A whole import: every row is written, or none is.
#[derive(Debug, Clone)]
pub struct MemberImport {
    pub rows: Vec<ImportedMember>,
    pub by: Option<AccountId>,
    pub at: Timestamp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportReport {
    pub accounts: usize,
    pub organisations: usize,
    pub memberships: usize,
    pub payments: usize,
}

/// Why an import was refused: the 1-based row (as counted in the file, the
/// header being row 1) and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRefusal {
    pub row: usize,
    pub reason: String,
}

/// One line of the members export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportedMember {
    pub email: EmailAddress,
    pub display_name: DisplayName,
    pub language: Language,
    pub job_title: String,
    pub organisation: Option<String>,
    /// The person's own membership, else their organisation's.
    pub membership: Option<Membership>,
}

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

/// A person's notification preferences and language, saved together.
#[derive(Debug, Clone)]
pub struct NotificationSettingsSave {
    pub account: AccountId,
    pub language: Language,
    pub email: EmailPreferences,
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

/// The public site's texts and settings as saved; the logo stays as it is.
#[derive(Debug, Clone)]
pub struct SiteSettingsSave {
    pub settings: SiteSettings,
    pub by: AccountId,
    pub at: Timestamp,
}

/// A new logo for the association; the previous one is deleted.
#[derive(Debug, Clone)]
pub struct LogoChange {
    pub image: Image,
    pub by: AccountId,
    pub at: Timestamp,
}

/// An entry of the public site as created or edited.
#[derive(Debug, Clone)]
pub struct EntrySave {
    pub fields: EntryFields,
    pub by: AccountId,
    pub at: Timestamp,
}

/// An entry taken off the site, with a body's members.
#[derive(Debug, Clone, Copy)]
pub struct EntryDeletion {
    pub section: Section,
    pub entry: EntryId,
    pub by: AccountId,
    pub at: Timestamp,
}

/// An "ask to be listed" submission, waiting for a moderator.
#[derive(Debug, Clone)]
pub struct AdopterSubmission {
    pub fields: AdopterFields,
    pub logo: Option<Image>,
    pub at: Timestamp,
}

#[derive(Debug, Clone, Copy)]
pub struct AdopterDecision {
    pub adopter: AdopterId,
    pub verdict: AdopterVerdict,
    pub by: AccountId,
    pub at: Timestamp,
}

/// An uploaded image as served.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredImage {
    pub kind: ImageKind,
    pub bytes: Vec<u8>,
    /// Whether the site shows it: the association's logo, or an approved
    /// adopter's.
    pub public: bool,
}

/// A member organisation's consent to be shown among the adopters, given
/// or taken back.
#[derive(Debug, Clone, Copy)]
pub struct ShowcaseChange {
    pub organisation: OrganisationId,
    pub shown: bool,
    pub by: AccountId,
    pub at: Timestamp,
}

#[async_trait]
pub trait Store: Send + Sync {
    /// Answers when the database does; used by `/readyz`.
    async fn ping(&self) -> StoreResult<()>;

    /// The association, or `None` before setup.
    async fn association(&self) -> StoreResult<Option<Association>>;
    /// [`StoreError::Conflict`] once the instance is set up.
    async fn set_up_instance(&self, setup: &InstanceSetup) -> StoreResult<AccountId>;

    /// [`StoreError::Conflict`] when the email has an account.
    async fn create_account(&self, account: &NewAccount) -> StoreResult<AccountId>;
    async fn account(&self, id: AccountId) -> StoreResult<Account>;
    async fn account_by_email(&self, email: &EmailAddress) -> StoreResult<Account>;
    async fn credentials(&self, email: &EmailAddress) -> StoreResult<Credentials>;
    /// Uses a confirmation token; [`StoreError::NotFound`] when it is unknown,
    /// used or expired.
    async fn confirm_email(&self, token: &TokenHash, now: Timestamp) -> StoreResult<AccountId>;
    /// Issues a fresh confirmation link to an account not yet confirmed.
    async fn resend_confirmation(
        &self,
        account: AccountId,
        token: &EmailToken,
        email: &NewJob,
    ) -> StoreResult<()>;
    async fn request_password_reset(&self, request: &PasswordResetRequest) -> StoreResult<()>;
    /// [`StoreError::NotFound`] when the token is unknown, used or expired.
    async fn reset_password(&self, reset: &PasswordReset) -> StoreResult<AccountId>;
    async fn change_password(&self, change: &PasswordChange) -> StoreResult<()>;
    async fn update_profile(&self, update: &ProfileUpdate) -> StoreResult<()>;
    /// Removes the account with its sessions and tokens.
    async fn delete_account(&self, account: AccountId, at: Timestamp) -> StoreResult<()>;

    async fn create_session(&self, session: &NewSession) -> StoreResult<()>;
    /// The account behind an unexpired session.
    async fn session_account(&self, session: &TokenHash, now: Timestamp) -> StoreResult<Account>;
    async fn delete_session(&self, session: &TokenHash) -> StoreResult<()>;

    async fn create_api_token(&self, token: &NewApiToken) -> StoreResult<ApiTokenId>;
    async fn api_tokens(&self, account: AccountId) -> StoreResult<Vec<ApiToken>>;
    /// [`StoreError::NotFound`] unless `account` owns the token.
    async fn revoke_api_token(
        &self,
        account: AccountId,
        token: ApiTokenId,
        at: Timestamp,
    ) -> StoreResult<()>;
    /// The account and scope behind a token, recording its use.
    async fn api_token_account(
        &self,
        token: &TokenHash,
        now: Timestamp,
    ) -> StoreResult<(Account, ApiTokenScope)>;

    /// Does nothing when a job with the same key exists.
    async fn enqueue(&self, job: &NewJob) -> StoreResult<()>;
    /// Due jobs, each leased to the caller until `claim.lease_until`.
    async fn claim_jobs(&self, claim: &JobClaim) -> StoreResult<Vec<Job>>;
    /// Marks the jobs done, in one transaction: a worker completes the jobs
    /// of a batch together. Unknown ids are passed over.
    async fn complete_jobs(&self, jobs: &[JobId], at: Timestamp) -> StoreResult<()>;
    /// Marks the job done and writes its notices and further jobs, in one
    /// transaction; [`StoreError::NotFound`], writing nothing, when the job
    /// is already done or given up (another worker finished it).
    async fn complete_job_with(&self, completion: &JobCompletion) -> StoreResult<()>;
    /// Records a failed attempt; `retry_at` of `None` gives up on the job.
    async fn fail_job(
        &self,
        job: JobId,
        error: &str,
        retry_at: Option<Timestamp>,
    ) -> StoreResult<()>;
    /// Jobs neither done nor given up, for health checks and tests.
    async fn pending_jobs(&self) -> StoreResult<i64>;

    /// The newest entries first.
    async fn audit_log(&self, limit: u32) -> StoreResult<Vec<AuditEntry>>;

    // The register.

    /// Audited; [`StoreError::NotFound`] for an unknown account.
    async fn set_roles(&self, change: &RolesChange) -> StoreResult<()>;
    async fn find_people(&self, query: &NameSearch) -> StoreResult<Listed<PersonSummary>>;
    /// The employer organisation's name is filled in.
    async fn profile(&self, account: AccountId) -> StoreResult<Profile>;
    /// [`StoreError::NotFound`] when the employer organisation does not exist.
    async fn save_profile(&self, save: &ProfileSave) -> StoreResult<()>;
    /// Records that the person checked their job and employer.
    async fn confirm_profile_current(&self, account: AccountId, at: Timestamp) -> StoreResult<()>;
    async fn membership_policy(&self) -> StoreResult<MembershipPolicy>;
    /// Audited.
    async fn set_membership_policy(
        &self,
        policy: MembershipPolicy,
        by: AccountId,
        at: Timestamp,
    ) -> StoreResult<()>;

    /// Audited; [`StoreError::Conflict`] when the name is taken.
    async fn create_organisation(&self, save: &OrganisationSave) -> StoreResult<OrganisationId>;
    async fn update_organisation(
        &self,
        id: OrganisationId,
        save: &OrganisationSave,
    ) -> StoreResult<()>;
    async fn organisation(&self, id: OrganisationId) -> StoreResult<Organisation>;
    /// By name.
    async fn organisations(&self) -> StoreResult<Vec<Organisation>>;
    /// A page of the organisations by name, whose name contains the search's
    /// words when there are.
    async fn find_organisations(&self, search: &NameSearch) -> StoreResult<Listed<Organisation>>;
    async fn affiliations_of_organisation(
        &self,
        id: OrganisationId,
    ) -> StoreResult<Vec<Affiliation>>;
    async fn affiliations_of_person(&self, account: AccountId) -> StoreResult<Vec<Affiliation>>;
    /// Creates or updates the affiliation; audited.
    async fn affiliate(&self, affiliation: &NewAffiliation) -> StoreResult<()>;
    /// Audited; [`StoreError::NotFound`] when there was none.
    async fn unaffiliate(
        &self,
        account: AccountId,
        organisation: OrganisationId,
        by: AccountId,
        at: Timestamp,
    ) -> StoreResult<()>;

    // Dues.

    /// Audited; [`StoreError::Conflict`] when the name is taken.
    async fn create_plan(&self, save: &PlanSave) -> StoreResult<PlanId>;
    async fn plans(&self) -> StoreResult<Vec<Plan>>;
    async fn plan(&self, id: PlanId) -> StoreResult<Plan>;
    /// Audited; [`StoreError::NotFound`] for an unknown holder or plan.
    async fn create_membership(&self, membership: &NewMembership) -> StoreResult<MembershipId>;
    /// With its holder's name, its plan's name and currency, its periods and payments.
    async fn membership(&self, id: MembershipId) -> StoreResult<Membership>;
    /// The first `limit` memberships in id order after `after` (from the
    /// first when `None`), newest first: for the work that walks them all
    /// without holding them all.
    /// A page of the memberships, newest first, and how many there are.
    async fn newest_memberships(&self, offset: u64, limit: u32) -> StoreResult<Listed<Membership>>;
    async fn memberships_after(
        &self,
        after: Option<MembershipId>,
        limit: std::num::NonZeroU32,
    ) -> StoreResult<Vec<Membership>>;
    async fn memberships_held_by(&self, holder: Holder) -> StoreResult<Vec<Membership>>;
    /// Audited.
    async fn add_period(
        &self,
        membership: MembershipId,
        period: &NewPeriod,
        by: AccountId,
        at: Timestamp,
    ) -> StoreResult<PeriodId>;
    /// Audited; [`StoreError::NotFound`] when the period is not the membership's.
    async fn record_payment(&self, payment: &NewPayment) -> StoreResult<PaymentId>;
    /// Audited.
    async fn set_membership_status(&self, change: &StatusChange) -> StoreResult<()>;

    // Admission and contributions.

    async fn admission_settings(&self) -> StoreResult<AdmissionSettings>;
    /// Audited.
    async fn set_admission_settings(
        &self,
        settings: AdmissionSettings,
        by: AccountId,
        at: Timestamp,
    ) -> StoreResult<()>;
    /// Audited; [`StoreError::Conflict`] when the applicant has a pending
    /// application; [`StoreError::NotFound`] for an unknown plan or organisation.
    async fn create_application(&self, application: &NewApplication) -> StoreResult<ApplicationId>;
    async fn application(&self, id: ApplicationId) -> StoreResult<Application>;
    /// Every application, newest first.
    async fn applications(&self) -> StoreResult<Vec<Application>>;
    async fn applications_of(&self, account: AccountId) -> StoreResult<Vec<Application>>;
    /// Audited; [`StoreError::NotFound`] unless `account` applied and it is pending.
    async fn withdraw_application(
        &self,
        id: ApplicationId,
        account: AccountId,
        at: Timestamp,
    ) -> StoreResult<()>;
    /// Records the decision, opens the membership on acceptance and enqueues
    /// the notice, in one transaction; audited. [`StoreError::Conflict`] when
    /// the application is no longer pending. Returns the opened membership.
    async fn decide_application(
        &self,
        decision: &ApplicationDecision,
    ) -> StoreResult<Option<MembershipId>>;
    /// Audited.
    async fn create_bureau_session(&self, session: &NewBureauSession) -> StoreResult<SessionId>;
    /// Newest first.
    async fn bureau_sessions(&self) -> StoreResult<Vec<BureauSession>>;
    async fn bureau_session(&self, id: SessionId) -> StoreResult<BureauSession>;
    /// Audited.
    async fn save_session_notes(
        &self,
        id: SessionId,
        notes: &str,
        by: AccountId,
        at: Timestamp,
    ) -> StoreResult<()>;
    /// Audited.
    async fn record_contribution(
        &self,
        contribution: &NewContribution,
    ) -> StoreResult<ContributionId>;
    /// Newest first.
    async fn contributions_of(&self, account: AccountId) -> StoreResult<Vec<Contribution>>;
    /// Everyone who contributed, the most recent first.
    async fn contributors(&self) -> StoreResult<Vec<Contributor>>;

    // Communities.

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
    /// Changes how much a member takes part; [`StoreError::NotFound`] when not a member.
    async fn set_engagement(
        &self,
        community: CommunityId,
        account: AccountId,
        engagement: Engagement,
    ) -> StoreResult<()>;
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
    /// Records that a member accepted `version`; audited;
    /// [`StoreError::NotFound`] when not a member.
    async fn accept_charter(
        &self,
        community: CommunityId,
        account: AccountId,
        version: i64,
        at: Timestamp,
    ) -> StoreResult<()>;

    // Notifications and webhooks.

    /// The account's newest notifications first, at most `limit`.
    async fn notifications(&self, account: AccountId, limit: u32)
    -> StoreResult<Vec<Notification>>;
    async fn unread_notifications(&self, account: AccountId) -> StoreResult<i64>;
    /// Marking a read notification again keeps its first reading;
    /// [`StoreError::NotFound`] unless the notification is the account's.
    async fn mark_notification_read(
        &self,
        account: AccountId,
        id: NotificationId,
        at: Timestamp,
    ) -> StoreResult<()>;
    async fn mark_all_notifications_read(
        &self,
        account: AccountId,
        at: Timestamp,
    ) -> StoreResult<()>;
    async fn email_preferences(&self, account: AccountId) -> StoreResult<EmailPreferences>;
    /// The accounts among `accounts` that still exist, in account order, each
    /// with whether they keep this kind by email.
    async fn recipients(
        &self,
        kind: NotificationKind,
        accounts: &[AccountId],
    ) -> StoreResult<Vec<Recipient>>;
    /// A page of the community's current members as [`Recipient`]s.
    async fn member_recipients(&self, page: &MemberPage) -> StoreResult<Vec<Recipient>>;
    /// Claims for the round the members whose arrival waits to be told, and
    /// reads them; a round retried reads the same members again. Those who
    /// left meanwhile are not among them.
    async fn claim_arrivals(&self, claim: &ArrivalClaim) -> StoreResult<Newcomers>;
    /// Saves the preferences and the account's language; audited;
    /// [`StoreError::NotFound`] for an unknown account.
    async fn save_notification_settings(
        &self,
        settings: &NotificationSettingsSave,
    ) -> StoreResult<()>;
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

    // The public site.

    /// The saved settings, or the defaults before any save.
    async fn site_settings(&self) -> StoreResult<SiteSettings>;
    /// Audited.
    async fn save_site_settings(&self, save: &SiteSettingsSave) -> StoreResult<()>;
    /// Stores the image and makes it the logo, deleting the previous one; audited.
    async fn set_site_logo(&self, change: &LogoChange) -> StoreResult<ImageId>;
    /// A section's entries by position, then in the order they were added.
    async fn site_entries(&self, section: Section) -> StoreResult<Vec<Entry>>;
    /// Audited; [`StoreError::NotFound`] when a member's body does not exist.
    async fn create_site_entry(&self, save: &EntrySave) -> StoreResult<EntryId>;
    /// Audited; [`StoreError::NotFound`] unless the entry is of the section
    /// saved, or when a member's body does not exist.
    async fn update_site_entry(&self, id: EntryId, save: &EntrySave) -> StoreResult<()>;
    /// Deletes a body's members with it; audited; [`StoreError::NotFound`]
    /// unless the entry is of that section.
    async fn delete_site_entry(&self, deletion: &EntryDeletion) -> StoreResult<()>;
    async fn site_image(&self, id: ImageId) -> StoreResult<StoredImage>;
    /// Stores the submission, pending, with its logo; audited.
    async fn submit_adopter(&self, submission: &AdopterSubmission) -> StoreResult<AdopterId>;
    /// By name.
    async fn adopters(&self, status: AdopterStatus) -> StoreResult<Vec<Adopter>>;
    /// Approves a pending adopter, or deletes a refused or removed one with
    /// its logo; audited; [`StoreError::NotFound`] unless the adopter is
    /// pending (to approve or refuse) or approved (to remove).
    async fn decide_adopter(&self, decision: &AdopterDecision) -> StoreResult<()>;
    /// Audited; [`StoreError::NotFound`] for an unknown organisation.
    async fn set_organisation_shown(&self, change: &ShowcaseChange) -> StoreResult<()>;
    /// The organisations that agreed to be shown among the adopters, by name.
    async fn shown_organisations(&self) -> StoreResult<Vec<Organisation>>;
    // The newsletter.

    /// Every list with its count of confirmed subscribers, by name.
    async fn mailing_lists(&self) -> StoreResult<Vec<MailingList>>;
    /// Audited; [`StoreError::Conflict`] when the slug is taken.
    async fn create_mailing_list(&self, save: &MailingListSave) -> StoreResult<MailingListId>;
    /// Records the lists the address does not receive yet as waiting for the
    /// subscription's token and enqueues its confirmation, or enqueues its
    /// `already` notice when the address receives them all;
    /// [`StoreError::NotFound`] for an unknown list.
    async fn subscribe_to_newsletter(&self, subscription: &NewSubscription) -> StoreResult<()>;
    /// Confirms the subscriptions waiting for this token, once; audited.
    /// Answers their lists; [`StoreError::NotFound`] when the token is
    /// unknown, used or expired.
    async fn confirm_subscriptions(
        &self,
        token: &TokenHash,
        now: Timestamp,
    ) -> StoreResult<Vec<MailingListId>>;
    /// The subscription an issue's unsubscribe link was made for.
    async fn subscription_by_unsubscribe_link(
        &self,
        token: &TokenHash,
    ) -> StoreResult<Subscription>;
    /// Ends the subscription the link was made for; audited the first time,
    /// a no-op after. [`StoreError::NotFound`] for an unknown link.
    async fn unsubscribe(&self, token: &TokenHash, now: Timestamp) -> StoreResult<Subscription>;
    /// Every subscription of a list, in every state, by address.
    async fn subscribers(&self, list: MailingListId) -> StoreResult<Vec<Subscription>>;
    /// Records the issue and, for each delivery whose subscription is still
    /// confirmed on the list, its unsubscribe link and its email, in one
    /// transaction; audited.
    async fn send_newsletter_issue(&self, issue: &NewIssue) -> StoreResult<SentIssue>;
    /// Newest first.
    async fn newsletter_issues(&self) -> StoreResult<Vec<Issue>>;

    // Security reports.

    /// The accounts holding an association role, by name.
    async fn accounts_with_role(&self, role: Role) -> StoreResult<Vec<Account>>;
    /// Records the report and enqueues its emails; audited.
    async fn create_security_report(
        &self,
        report: &NewSecurityReport,
    ) -> StoreResult<SecurityReportId>;
    /// Newest first.
    async fn security_reports(&self) -> StoreResult<Vec<SecurityReport>>;
    async fn security_report(&self, id: SecurityReportId) -> StoreResult<SecurityReport>;
    /// Audited; [`StoreError::NotFound`] for an unknown report.
    async fn set_security_report_state(&self, change: &ReportStateChange) -> StoreResult<()>;

    // Import and export.

    /// Writes every row or none: accounts that exist (by email) are kept and
    /// updated only where empty; organisations and plans are found by name
    /// (an unknown plan refuses the import). Imported accounts have no
    /// password until their holder resets it. Audited once.
    async fn import_members(&self, import: &MemberImport) -> Result<ImportReport, ImportFailure>;
    /// Every person, by name.
    async fn export_members(&self) -> StoreResult<Vec<ExportedMember>>;

    /// Connections in use and in all, for the metrics endpoint.
    fn pool_status(&self) -> PoolStatus;
}

#[derive(Debug, Clone, Copy, Default)]
pub struct PoolStatus {
    pub in_use: usize,
    pub size: usize,
}
