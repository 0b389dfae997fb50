//! What admission needs from storage: its settings, applications, the bureau's sessions and contributions.
//!
//! Each method is one transaction: a change, the audit entry it writes and
//! the jobs it causes commit together or not at all.

use async_trait::async_trait;

use crate::kernel::store::StoreResult;
use crate::register::store::NewMembership;

use crate::accounts::account::{AccountId, DisplayName};
use crate::admission::{
    AdmissionSettings, Application, ApplicationId, BureauSession, Contribution, ContributionId,
    ContributionKind, SessionId,
};
use crate::kernel::association::Language;
use crate::kernel::date::Date;
use crate::kernel::job::NewJob;
use crate::kernel::time::Timestamp;
use crate::register::dues::{MembershipId, PlanId};
use crate::register::people::OrganisationId;

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

#[async_trait]
pub trait AdmissionStore: Send + Sync {
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
}

/// Everything admission's flows read and write: this area's store and those of the
/// areas below it. Any full store is one.
pub trait Storage: AdmissionStore + crate::register::store::Storage {}

impl<T: ?Sized + AdmissionStore + crate::register::store::Storage> Storage for T {}
