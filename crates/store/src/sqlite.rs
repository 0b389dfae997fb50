//! The store on one SQLite file.
//!
//! SQLite allows one writer at a time, so the store keeps exactly one writer
//! connection, on a thread of its own that commits the writes waiting
//! together ([`crate::sqlite_writer`]) and starts each of its transactions
//! with `BEGIN IMMEDIATE`: a write either gets the lock at once or queues in
//! this process, instead of failing halfway with `SQLITE_BUSY`. Reads use a
//! small pool of read-only connections, which WAL lets run beside the
//! writer.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use async_trait::async_trait;
use cercle_core::accounts::account::{Account, AccountId, Credentials, Role};
use cercle_core::accounts::audit::AuditEntry;
use cercle_core::accounts::secret::{
    ApiToken, ApiTokenId, ApiTokenScope, EmailToken, NewApiToken, NewSession, TokenHash,
};
use cercle_core::accounts::store::InstanceSetup;
use cercle_core::accounts::store::NewAccount;
use cercle_core::accounts::store::PasswordChange;
use cercle_core::accounts::store::PasswordReset;
use cercle_core::accounts::store::PasswordResetRequest;
use cercle_core::accounts::store::ProfileUpdate;
use cercle_core::accounts::store::RolesChange;
use cercle_core::admission::store::ApplicationDecision;
use cercle_core::admission::store::Contributor;
use cercle_core::admission::store::NewApplication;
use cercle_core::admission::store::NewBureauSession;
use cercle_core::admission::store::NewContribution;
use cercle_core::admission::{
    AdmissionSettings, Application, ApplicationId, BureauSession, Contribution, ContributionId,
    SessionId,
};
use cercle_core::communities::community::{
    Charter, Community, CommunityId, CommunityMember, CommunityRole, Engagement, Invitation,
    InvitationId, JoinRequest, JoinRequestId,
};
use cercle_core::communities::store::ArrivalClaim;
use cercle_core::communities::store::CommunityList;
use cercle_core::communities::store::CommunityListing;
use cercle_core::communities::store::CommunitySave;
use cercle_core::communities::store::Departure;
use cercle_core::communities::store::ExcludedPerson;
use cercle_core::communities::store::Exclusion;
use cercle_core::communities::store::Holding;
use cercle_core::communities::store::InterviewRecord;
use cercle_core::communities::store::InvitationUse;
use cercle_core::communities::store::JobCompletion;
use cercle_core::communities::store::JoinDecision;
use cercle_core::communities::store::MemberPage;
use cercle_core::communities::store::NewCommunityMember;
use cercle_core::communities::store::NewInvitation;
use cercle_core::communities::store::NewJoinRequest;
use cercle_core::communities::store::Newcomers;
use cercle_core::communities::store::SeenCommunities;
use cercle_core::communities::store::Vouch;
use cercle_core::communities::store::VouchOutcome;
use cercle_core::communities::store::WebhookSave;
use cercle_core::communities::webhook::Webhook;
use cercle_core::kernel::association::Association;
use cercle_core::kernel::email::EmailAddress;
use cercle_core::kernel::job::{Job, JobClaim, JobId, NewJob};
use cercle_core::kernel::store::Listed;
use cercle_core::kernel::store::PoolStatus;
use cercle_core::kernel::store::StoreError;
use cercle_core::kernel::store::StoreResult;
use cercle_core::kernel::time::Timestamp;
use cercle_core::newsletter::{
    Issue, MailingList, MailingListId, MailingListSave, NewIssue, NewSubscription, SentIssue,
    Subscription,
};
use cercle_core::notify::notification::{
    EmailPreferences, Notification, NotificationId, NotificationKind, Recipient,
};
use cercle_core::notify::store::NotificationSettingsSave;
use cercle_core::register::dues::{
    Holder, Membership, MembershipId, MembershipPolicy, PaymentId, PeriodId, Plan, PlanId,
};
use cercle_core::register::people::{Affiliation, Organisation, OrganisationId, Profile};
use cercle_core::register::store::ExportedMember;
use cercle_core::register::store::ImportFailure;
use cercle_core::register::store::ImportReport;
use cercle_core::register::store::MemberImport;
use cercle_core::register::store::NameSearch;
use cercle_core::register::store::NewAffiliation;
use cercle_core::register::store::NewMembership;
use cercle_core::register::store::NewPayment;
use cercle_core::register::store::NewPeriod;
use cercle_core::register::store::OrganisationSave;
use cercle_core::register::store::PersonSummary;
use cercle_core::register::store::PlanSave;
use cercle_core::register::store::ProfileSave;
use cercle_core::register::store::StatusChange;
use cercle_core::site::pages::{
    Adopter, AdopterId, AdopterStatus, Entry, EntryId, ImageId, Section, SiteSettings,
};
use cercle_core::site::security::{
    NewSecurityReport, ReportStateChange, SecurityReport, SecurityReportId,
};
use cercle_core::site::store::AdopterDecision;
use cercle_core::site::store::AdopterSubmission;
use cercle_core::site::store::EntryDeletion;
use cercle_core::site::store::EntrySave;
use cercle_core::site::store::LogoChange;
use cercle_core::site::store::ShowcaseChange;
use cercle_core::site::store::SiteSettingsSave;
use cercle_core::site::store::StoredImage;
use cercle_core::store::prelude::*;
use rusqlite::config::DbConfig;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, ErrorCode, OpenFlags, ffi};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::ops::admission::{SessionNotes, SettingsChange, Withdrawal};
use crate::ops::community::{MembersPage, RequestWithdrawal, RolesAssignment};
use crate::ops::dues::{Memberships, PeriodAddition};
use crate::ops::notification::{Reading, WebhookRemoval};
use crate::ops::register::Unaffiliation;
use crate::sql::{Param, Row, Sql, Value};
use crate::sqlite_writer::Writer;
use crate::{OpenError, Synchronous, ops};

mod embedded {
    refinery::embed_migrations!("migrations/sqlite");
}

/// Prepared statements each connection keeps: more than the store has
/// queries, so that none is parsed twice.
const STATEMENT_CACHE: usize = 512;

/// How long a connection waits for a lock another process holds.
const BUSY_TIMEOUT: Duration = Duration::from_millis(5000);

pub(crate) struct SqliteStore {
    writer: Writer,
    readers: Arc<Readers>,
}

impl SqliteStore {
    /// Opens the writer, applies pending migrations, logs the effective
    /// PRAGMAs and opens `readers` read-only connections.
    pub(crate) fn open(
        path: &Path,
        synchronous: Synchronous,
        readers: usize,
    ) -> Result<Self, OpenError> {
        let mut writer = connect(
            path,
            synchronous,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
        )?;
        apply_migrations(&mut writer, path)?;
        let pragmas = read_pragmas(&writer).map_err(|source| sqlite_open_error(path, source))?;
        let pragmas = pragmas
            .iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect::<Vec<_>>()
            .join(" ");
        tracing::info!(path = %path.display(), %pragmas, "opened SQLite database");
        let idle = (0..readers.max(1))
            .map(|_| connect(path, synchronous, OpenFlags::SQLITE_OPEN_READ_ONLY))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self {
            writer: Writer::start(writer).map_err(|source| OpenError::SqliteWriter {
                path: path.to_owned(),
                source,
            })?,
            readers: Arc::new(Readers {
                permits: Arc::new(Semaphore::new(idle.len())),
                size: idle.len(),
                idle: Mutex::new(idle),
            }),
        })
    }

    /// Runs `operation` on the writer, in the next transaction it commits;
    /// an error of the operation, whatever its type, rolls it back.
    async fn write<R, E, F>(&self, operation: F) -> Result<R, E>
    where
        R: Send + 'static,
        E: From<StoreError> + Send + 'static,
        F: FnOnce(&Sqlite<'_>) -> Result<R, E> + Send + 'static,
    {
        self.writer
            .write(move |connection| operation(&Sqlite(connection)))
            .await
    }

    /// Runs a short read on a reader connection, on the calling thread.
    async fn read_inline<R>(
        &self,
        operation: impl FnOnce(&Sqlite<'_>) -> StoreResult<R>,
    ) -> StoreResult<R> {
        let reader = self.readers.take().await?;
        operation(&Sqlite(reader.connection()))
    }

    /// Runs a read that may scan many rows on a reader connection, off the
    /// async threads.
    async fn read<R, F>(&self, operation: F) -> StoreResult<R>
    where
        R: Send + 'static,
        F: FnOnce(&Sqlite<'_>) -> StoreResult<R> + Send + 'static,
    {
        let reader = self.readers.take().await?;
        tokio::task::spawn_blocking(move || operation(&Sqlite(reader.connection())))
            .await
            .map_err(|error| StoreError::Other(Box::new(error)))?
    }
}

#[async_trait]
impl InstanceStore for SqliteStore {
    async fn ping(&self) -> StoreResult<()> {
        self.read_inline(|db| ready(ops::ping(db))).await
    }

    async fn association(&self) -> StoreResult<Option<Association>> {
        self.read_inline(|db| ready(ops::association(db))).await
    }

    fn pool_status(&self) -> PoolStatus {
        PoolStatus {
            in_use: self.readers.size - self.readers.permits.available_permits(),
            size: self.readers.size,
        }
    }
}

#[async_trait]
impl JobStore for SqliteStore {
    async fn enqueue(&self, job: &NewJob) -> StoreResult<()> {
        let job = job.clone();
        self.write(move |db| ready(ops::enqueue(db, &job))).await
    }

    async fn claim_jobs(&self, claim: &JobClaim) -> StoreResult<Vec<Job>> {
        let claim = *claim;
        self.write(move |db| ready(ops::claim_jobs(db, &claim)))
            .await
    }

    async fn complete_jobs(&self, jobs: &[JobId], at: Timestamp) -> StoreResult<()> {
        let jobs = jobs.to_vec();
        self.write(move |db| ready(ops::complete_jobs(db, &jobs, at)))
            .await
    }

    async fn fail_job(
        &self,
        job: JobId,
        error: &str,
        retry_at: Option<Timestamp>,
    ) -> StoreResult<()> {
        let error = error.to_owned();
        self.write(move |db| ready(ops::fail_job(db, job, &error, retry_at)))
            .await
    }

    async fn pending_jobs(&self) -> StoreResult<i64> {
        self.read(|db| ready(ops::pending_jobs(db))).await
    }
}

#[async_trait]
impl AccountStore for SqliteStore {
    async fn set_up_instance(&self, setup: &InstanceSetup) -> StoreResult<AccountId> {
        let setup = setup.clone();
        self.write(move |db| ready(ops::set_up_instance(db, &setup)))
            .await
    }

    async fn create_account(&self, account: &NewAccount) -> StoreResult<AccountId> {
        let account = account.clone();
        self.write(move |db| ready(ops::create_account(db, &account)))
            .await
    }

    async fn account(&self, id: AccountId) -> StoreResult<Account> {
        self.read_inline(|db| ready(ops::account(db, id))).await
    }

    async fn account_by_email(&self, email: &EmailAddress) -> StoreResult<Account> {
        self.read_inline(|db| ready(ops::account_by_email(db, email)))
            .await
    }

    async fn credentials(&self, email: &EmailAddress) -> StoreResult<Credentials> {
        self.read_inline(|db| ready(ops::credentials(db, email)))
            .await
    }

    async fn confirm_email(&self, token: &TokenHash, now: Timestamp) -> StoreResult<AccountId> {
        let token = token.clone();
        self.write(move |db| ready(ops::confirm_email(db, &token, now)))
            .await
    }

    async fn resend_confirmation(
        &self,
        account: AccountId,
        token: &EmailToken,
        email: &NewJob,
    ) -> StoreResult<()> {
        let (token, email) = (token.clone(), email.clone());
        self.write(move |db| ready(ops::resend_confirmation(db, account, &token, &email)))
            .await
    }

    async fn request_password_reset(&self, request: &PasswordResetRequest) -> StoreResult<()> {
        let request = request.clone();
        self.write(move |db| ready(ops::request_password_reset(db, &request)))
            .await
    }

    async fn reset_password(&self, reset: &PasswordReset) -> StoreResult<AccountId> {
        let reset = reset.clone();
        self.write(move |db| ready(ops::reset_password(db, &reset)))
            .await
    }

    async fn change_password(&self, change: &PasswordChange) -> StoreResult<()> {
        let change = change.clone();
        self.write(move |db| ready(ops::change_password(db, &change)))
            .await
    }

    async fn update_profile(&self, update: &ProfileUpdate) -> StoreResult<()> {
        let update = update.clone();
        self.write(move |db| ready(ops::update_profile(db, &update)))
            .await
    }

    async fn delete_account(&self, account: AccountId, at: Timestamp) -> StoreResult<()> {
        self.write(move |db| ready(ops::delete_account(db, account, at)))
            .await
    }

    async fn create_session(&self, session: &NewSession) -> StoreResult<()> {
        let session = session.clone();
        self.write(move |db| ready(ops::create_session(db, &session)))
            .await
    }

    async fn session_account(&self, session: &TokenHash, now: Timestamp) -> StoreResult<Account> {
        self.read_inline(|db| ready(ops::session_account(db, session, now)))
            .await
    }

    async fn delete_session(&self, session: &TokenHash) -> StoreResult<()> {
        let session = session.clone();
        self.write(move |db| ready(ops::delete_session(db, &session)))
            .await
    }

    async fn create_api_token(&self, token: &NewApiToken) -> StoreResult<ApiTokenId> {
        let token = token.clone();
        self.write(move |db| ready(ops::create_api_token(db, &token)))
            .await
    }

    async fn api_tokens(&self, account: AccountId) -> StoreResult<Vec<ApiToken>> {
        self.read(move |db| ready(ops::api_tokens(db, account)))
            .await
    }

    async fn revoke_api_token(
        &self,
        account: AccountId,
        token: ApiTokenId,
        at: Timestamp,
    ) -> StoreResult<()> {
        self.write(move |db| ready(ops::revoke_api_token(db, account, token, at)))
            .await
    }

    async fn api_token_account(
        &self,
        token: &TokenHash,
        now: Timestamp,
    ) -> StoreResult<(Account, ApiTokenScope)> {
        let found = self
            .read_inline(|db| ready(ops::find_api_token(db, token, now)))
            .await?;
        if found.stale {
            let token = token.clone();
            self.write(move |db| ready(ops::record_api_token_use(db, &token, now)))
                .await?;
        }
        Ok((found.account, found.scope))
    }

    async fn audit_log(&self, limit: u32) -> StoreResult<Vec<AuditEntry>> {
        self.read(move |db| ready(ops::audit_log(db, limit))).await
    }

    async fn set_roles(&self, change: &RolesChange) -> StoreResult<()> {
        let change = change.clone();
        self.write(move |db| ready(ops::register::set_roles(db, &change)))
            .await
    }

    async fn accounts_with_role(&self, role: Role) -> StoreResult<Vec<Account>> {
        self.read(move |db| ready(ops::security::accounts_with_role(db, role)))
            .await
    }
}

#[async_trait]
impl RegisterStore for SqliteStore {
    async fn find_organisations(&self, search: &NameSearch) -> StoreResult<Listed<Organisation>> {
        let search = search.clone();
        self.read(move |db| ready(ops::register::find_organisations(db, &search)))
            .await
    }

    async fn find_people(&self, query: &NameSearch) -> StoreResult<Listed<PersonSummary>> {
        let query = query.clone();
        self.read(move |db| ready(ops::register::find_people(db, &query)))
            .await
    }

    async fn profile(&self, account: AccountId) -> StoreResult<Profile> {
        self.read_inline(|db| ready(ops::register::profile(db, account)))
            .await
    }

    async fn save_profile(&self, save: &ProfileSave) -> StoreResult<()> {
        let save = save.clone();
        self.write(move |db| ready(ops::register::save_profile(db, &save)))
            .await
    }

    async fn confirm_profile_current(&self, account: AccountId, at: Timestamp) -> StoreResult<()> {
        self.write(move |db| ready(ops::register::confirm_profile_current(db, account, at)))
            .await
    }

    async fn membership_policy(&self) -> StoreResult<MembershipPolicy> {
        self.read_inline(|db| ready(ops::register::membership_policy(db)))
            .await
    }

    async fn set_membership_policy(
        &self,
        policy: MembershipPolicy,
        by: AccountId,
        at: Timestamp,
    ) -> StoreResult<()> {
        self.write(move |db| ready(ops::register::set_membership_policy(db, policy, by, at)))
            .await
    }

    async fn create_organisation(&self, save: &OrganisationSave) -> StoreResult<OrganisationId> {
        let save = save.clone();
        self.write(move |db| ready(ops::register::create_organisation(db, &save)))
            .await
    }

    async fn update_organisation(
        &self,
        id: OrganisationId,
        save: &OrganisationSave,
    ) -> StoreResult<()> {
        let save = save.clone();
        self.write(move |db| ready(ops::register::update_organisation(db, id, &save)))
            .await
    }

    async fn organisation(&self, id: OrganisationId) -> StoreResult<Organisation> {
        self.read_inline(|db| ready(ops::register::organisation(db, id)))
            .await
    }

    async fn organisations(&self) -> StoreResult<Vec<Organisation>> {
        self.read(|db| ready(ops::register::organisations(db)))
            .await
    }

    async fn affiliations_of_organisation(
        &self,
        id: OrganisationId,
    ) -> StoreResult<Vec<Affiliation>> {
        self.read(move |db| ready(ops::register::affiliations_of_organisation(db, id)))
            .await
    }

    async fn affiliations_of_person(&self, account: AccountId) -> StoreResult<Vec<Affiliation>> {
        self.read_inline(|db| ready(ops::register::affiliations_of_person(db, account)))
            .await
    }

    async fn affiliate(&self, affiliation: &NewAffiliation) -> StoreResult<()> {
        let affiliation = affiliation.clone();
        self.write(move |db| ready(ops::register::affiliate(db, &affiliation)))
            .await
    }

    async fn unaffiliate(
        &self,
        account: AccountId,
        organisation: OrganisationId,
        by: AccountId,
        at: Timestamp,
    ) -> StoreResult<()> {
        let end = Unaffiliation {
            account,
            organisation,
            by,
            at,
        };
        self.write(move |db| ready(ops::register::unaffiliate(db, end)))
            .await
    }

    async fn import_members(&self, import: &MemberImport) -> Result<ImportReport, ImportFailure> {
        let import = import.clone();
        self.write(move |db| ready(ops::import::import_members(db, &import)))
            .await
    }

    async fn export_members(&self) -> StoreResult<Vec<ExportedMember>> {
        self.read(|db| ready(ops::import::export_members(db))).await
    }
}

#[async_trait]
impl DuesStore for SqliteStore {
    async fn create_plan(&self, save: &PlanSave) -> StoreResult<PlanId> {
        let save = save.clone();
        self.write(move |db| ready(ops::dues::create_plan(db, &save)))
            .await
    }

    async fn plans(&self) -> StoreResult<Vec<Plan>> {
        self.read(|db| ready(ops::dues::plans(db))).await
    }

    async fn plan(&self, id: PlanId) -> StoreResult<Plan> {
        self.read_inline(|db| ready(ops::dues::plan(db, id))).await
    }

    async fn create_membership(&self, membership: &NewMembership) -> StoreResult<MembershipId> {
        let membership = membership.clone();
        self.write(move |db| ready(ops::dues::create_membership(db, &membership)))
            .await
    }

    async fn membership(&self, id: MembershipId) -> StoreResult<Membership> {
        self.read_inline(|db| ready(ops::dues::membership(db, id)))
            .await
    }

    async fn newest_memberships(&self, offset: u64, limit: u32) -> StoreResult<Listed<Membership>> {
        self.read(move |db| ready(ops::dues::newest_memberships(db, offset, limit)))
            .await
    }

    async fn memberships_after(
        &self,
        after: Option<MembershipId>,
        limit: std::num::NonZeroU32,
    ) -> StoreResult<Vec<Membership>> {
        let page = Memberships::page(after, limit);
        self.read(move |db| ready(ops::dues::memberships(db, page)))
            .await
    }

    async fn memberships_held_by(&self, holder: Holder) -> StoreResult<Vec<Membership>> {
        self.read_inline(|db| ready(ops::dues::memberships(db, Memberships::HeldBy(holder))))
            .await
    }

    async fn add_period(
        &self,
        membership: MembershipId,
        period: &NewPeriod,
        by: AccountId,
        at: Timestamp,
    ) -> StoreResult<PeriodId> {
        let addition = PeriodAddition {
            membership,
            period: period.clone(),
            by,
            at,
        };
        self.write(move |db| ready(ops::dues::add_period(db, &addition)))
            .await
    }

    async fn record_payment(&self, payment: &NewPayment) -> StoreResult<PaymentId> {
        let payment = payment.clone();
        self.write(move |db| ready(ops::dues::record_payment(db, &payment)))
            .await
    }

    async fn set_membership_status(&self, change: &StatusChange) -> StoreResult<()> {
        let change = change.clone();
        self.write(move |db| ready(ops::dues::set_membership_status(db, &change)))
            .await
    }
}

#[async_trait]
impl AdmissionStore for SqliteStore {
    async fn admission_settings(&self) -> StoreResult<AdmissionSettings> {
        self.read_inline(|db| ready(ops::admission::admission_settings(db)))
            .await
    }

    async fn set_admission_settings(
        &self,
        settings: AdmissionSettings,
        by: AccountId,
        at: Timestamp,
    ) -> StoreResult<()> {
        let change = SettingsChange { settings, by, at };
        self.write(move |db| ready(ops::admission::set_admission_settings(db, change)))
            .await
    }

    async fn create_application(&self, application: &NewApplication) -> StoreResult<ApplicationId> {
        let application = application.clone();
        self.write(move |db| ready(ops::admission::create_application(db, &application)))
            .await
    }

    async fn application(&self, id: ApplicationId) -> StoreResult<Application> {
        self.read_inline(|db| ready(ops::admission::application(db, id)))
            .await
    }

    async fn applications(&self) -> StoreResult<Vec<Application>> {
        self.read(|db| ready(ops::admission::applications(db)))
            .await
    }

    async fn applications_of(&self, account: AccountId) -> StoreResult<Vec<Application>> {
        self.read_inline(|db| ready(ops::admission::applications_of(db, account)))
            .await
    }

    async fn withdraw_application(
        &self,
        id: ApplicationId,
        account: AccountId,
        at: Timestamp,
    ) -> StoreResult<()> {
        let withdrawal = Withdrawal {
            application: id,
            applicant: account,
            at,
        };
        self.write(move |db| ready(ops::admission::withdraw_application(db, withdrawal)))
            .await
    }

    async fn decide_application(
        &self,
        decision: &ApplicationDecision,
    ) -> StoreResult<Option<MembershipId>> {
        let decision = decision.clone();
        self.write(move |db| ready(ops::admission::decide_application(db, &decision)))
            .await
    }

    async fn create_bureau_session(&self, session: &NewBureauSession) -> StoreResult<SessionId> {
        let session = session.clone();
        self.write(move |db| ready(ops::admission::create_bureau_session(db, &session)))
            .await
    }

    async fn bureau_sessions(&self) -> StoreResult<Vec<BureauSession>> {
        self.read(|db| ready(ops::admission::bureau_sessions(db)))
            .await
    }

    async fn bureau_session(&self, id: SessionId) -> StoreResult<BureauSession> {
        self.read_inline(|db| ready(ops::admission::bureau_session(db, id)))
            .await
    }

    async fn save_session_notes(
        &self,
        id: SessionId,
        notes: &str,
        by: AccountId,
        at: Timestamp,
    ) -> StoreResult<()> {
        let notes = SessionNotes {
            session: id,
            notes: notes.to_owned(),
            by,
            at,
        };
        self.write(move |db| ready(ops::admission::save_session_notes(db, &notes)))
            .await
    }

    async fn record_contribution(
        &self,
        contribution: &NewContribution,
    ) -> StoreResult<ContributionId> {
        let contribution = contribution.clone();
        self.write(move |db| ready(ops::admission::record_contribution(db, &contribution)))
            .await
    }

    async fn contributions_of(&self, account: AccountId) -> StoreResult<Vec<Contribution>> {
        self.read_inline(|db| ready(ops::admission::contributions_of(db, account)))
            .await
    }

    async fn contributors(&self) -> StoreResult<Vec<Contributor>> {
        self.read(|db| ready(ops::admission::contributors(db)))
            .await
    }
}

#[async_trait]
impl NotifyStore for SqliteStore {
    async fn notifications(
        &self,
        account: AccountId,
        limit: u32,
    ) -> StoreResult<Vec<Notification>> {
        self.read_inline(|db| ready(ops::notification::notifications(db, account, limit)))
            .await
    }

    async fn unread_notifications(&self, account: AccountId) -> StoreResult<i64> {
        self.read_inline(|db| ready(ops::notification::unread_notifications(db, account)))
            .await
    }

    async fn mark_notification_read(
        &self,
        account: AccountId,
        id: NotificationId,
        at: Timestamp,
    ) -> StoreResult<()> {
        let reading = Reading {
            account,
            notification: id,
            at,
        };
        self.write(move |db| ready(ops::notification::mark_notification_read(db, &reading)))
            .await
    }

    async fn mark_all_notifications_read(
        &self,
        account: AccountId,
        at: Timestamp,
    ) -> StoreResult<()> {
        self.write(move |db| {
            ready(ops::notification::mark_all_notifications_read(
                db, account, at,
            ))
        })
        .await
    }

    async fn email_preferences(&self, account: AccountId) -> StoreResult<EmailPreferences> {
        self.read_inline(|db| ready(ops::notification::email_preferences(db, account)))
            .await
    }

    async fn recipients(
        &self,
        kind: NotificationKind,
        accounts: &[AccountId],
    ) -> StoreResult<Vec<Recipient>> {
        let accounts = accounts.to_vec();
        self.read(move |db| ready(ops::notification::recipients(db, kind, &accounts)))
            .await
    }

    async fn save_notification_settings(
        &self,
        settings: &NotificationSettingsSave,
    ) -> StoreResult<()> {
        let settings = settings.clone();
        self.write(move |db| ready(ops::notification::save_notification_settings(db, &settings)))
            .await
    }
}

#[async_trait]
impl CommunityStore for SqliteStore {
    async fn create_community(&self, save: &CommunitySave) -> StoreResult<CommunityId> {
        let save = save.clone();
        self.write(move |db| ready(ops::community::create_community(db, &save)))
            .await
    }

    async fn update_community(&self, id: CommunityId, save: &CommunitySave) -> StoreResult<()> {
        let save = save.clone();
        self.write(move |db| ready(ops::community::update_community(db, id, &save)))
            .await
    }

    async fn community(&self, id: CommunityId) -> StoreResult<Community> {
        self.read_inline(|db| ready(ops::community::community(db, id)))
            .await
    }

    async fn community_by_slug(&self, slug: &str) -> StoreResult<Community> {
        self.read_inline(|db| ready(ops::community::community_by_slug(db, slug)))
            .await
    }

    async fn communities(&self) -> StoreResult<Vec<Community>> {
        self.read(|db| ready(ops::community::communities(db))).await
    }

    async fn list_communities(&self, listing: &CommunityListing) -> StoreResult<CommunityList> {
        let listing = listing.clone();
        self.read(move |db| ready(ops::community::list_communities(db, &listing)))
            .await
    }

    async fn community_themes(&self, seen: &SeenCommunities) -> StoreResult<Vec<String>> {
        let seen = seen.clone();
        self.read(move |db| ready(ops::community::community_themes(db, &seen)))
            .await
    }

    async fn community_roles(&self, id: CommunityId) -> StoreResult<Vec<CommunityRole>> {
        self.read_inline(|db| ready(ops::community::community_roles(db, id)))
            .await
    }

    async fn community_member(
        &self,
        community: CommunityId,
        account: AccountId,
    ) -> StoreResult<Option<CommunityMember>> {
        self.read_inline(|db| ready(ops::community::community_member(db, community, account)))
            .await
    }

    async fn community_members_page(
        &self,
        community: CommunityId,
        limit: u32,
        offset: u64,
    ) -> StoreResult<Vec<CommunityMember>> {
        let page = MembersPage {
            community,
            limit,
            offset,
        };
        self.read_inline(|db| ready(ops::community::community_members_page(db, &page)))
            .await
    }

    async fn community_member_ids(&self, community: CommunityId) -> StoreResult<Vec<AccountId>> {
        self.read(move |db| ready(ops::community::community_member_ids(db, community)))
            .await
    }

    async fn community_holders(
        &self,
        community: CommunityId,
        holding: &Holding,
    ) -> StoreResult<Vec<AccountId>> {
        self.read_inline(|db| ready(ops::community::community_holders(db, community, holding)))
            .await
    }

    async fn plain_community_members(
        &self,
        community: CommunityId,
    ) -> StoreResult<Vec<CommunityMember>> {
        self.read(move |db| ready(ops::community::plain_community_members(db, community)))
            .await
    }

    async fn community_referents(
        &self,
        community: CommunityId,
    ) -> StoreResult<Vec<(String, String)>> {
        self.read_inline(|db| ready(ops::community::community_referents(db, community)))
            .await
    }

    async fn community_members(&self, id: CommunityId) -> StoreResult<Vec<CommunityMember>> {
        self.read(move |db| ready(ops::community::community_members(db, id)))
            .await
    }

    async fn communities_of(
        &self,
        account: AccountId,
    ) -> StoreResult<Vec<(CommunityId, CommunityMember)>> {
        self.read_inline(|db| ready(ops::community::communities_of(db, account)))
            .await
    }

    async fn add_community_member(&self, member: &NewCommunityMember) -> StoreResult<()> {
        let member = member.clone();
        self.write(move |db| ready(ops::community::add_community_member(db, &member)))
            .await
    }

    async fn set_community_roles(
        &self,
        id: CommunityId,
        account: AccountId,
        roles: &[String],
        by: AccountId,
        at: Timestamp,
    ) -> StoreResult<()> {
        let assignment = RolesAssignment {
            community: id,
            account,
            roles: roles.to_vec(),
            by,
            at,
        };
        self.write(move |db| ready(ops::community::set_community_roles(db, &assignment)))
            .await
    }

    async fn remove_community_member(&self, departure: &Departure) -> StoreResult<()> {
        let departure = departure.clone();
        self.write(move |db| ready(ops::community::remove_community_member(db, &departure)))
            .await
    }

    async fn set_engagement(
        &self,
        community: CommunityId,
        account: AccountId,
        engagement: Engagement,
    ) -> StoreResult<()> {
        let change = ops::community::EngagementChange {
            community,
            account,
            engagement,
        };
        self.write(move |db| ready(ops::community::set_engagement(db, &change)))
            .await
    }
}

#[async_trait]
impl JoiningStore for SqliteStore {
    async fn create_join_request(&self, request: &NewJoinRequest) -> StoreResult<JoinRequestId> {
        let request = request.clone();
        self.write(move |db| ready(ops::community::create_join_request(db, &request)))
            .await
    }

    async fn join_request(&self, id: JoinRequestId) -> StoreResult<JoinRequest> {
        self.read_inline(|db| ready(ops::community::join_request(db, id)))
            .await
    }

    async fn count_pending_join_requests(&self, id: CommunityId) -> StoreResult<u64> {
        self.read_inline(|db| ready(ops::community::count_pending_join_requests(db, id)))
            .await
    }

    async fn pending_join_requests(&self, id: CommunityId) -> StoreResult<Vec<JoinRequest>> {
        self.read(move |db| ready(ops::community::pending_join_requests(db, id)))
            .await
    }

    async fn join_requests_of(&self, account: AccountId) -> StoreResult<Vec<JoinRequest>> {
        self.read_inline(|db| ready(ops::community::join_requests_of(db, account)))
            .await
    }

    async fn pending_join_request(
        &self,
        community: CommunityId,
        account: AccountId,
    ) -> StoreResult<Option<JoinRequest>> {
        self.read_inline(|db| ready(ops::community::pending_join_request(db, community, account)))
            .await
    }

    async fn withdraw_join_request(
        &self,
        id: JoinRequestId,
        account: AccountId,
        at: Timestamp,
    ) -> StoreResult<()> {
        let withdrawal = RequestWithdrawal {
            request: id,
            account,
            at,
        };
        self.write(move |db| ready(ops::community::withdraw_join_request(db, withdrawal)))
            .await
    }

    async fn decide_join_request(&self, decision: &JoinDecision) -> StoreResult<()> {
        let decision = decision.clone();
        self.write(move |db| ready(ops::community::decide_join_request(db, &decision)))
            .await
    }

    async fn vouch_for_request(&self, vouch: &Vouch) -> StoreResult<VouchOutcome> {
        let vouch = vouch.clone();
        self.write(move |db| ready(ops::joining::vouch_for_request(db, &vouch)))
            .await
    }

    async fn record_interview(&self, interview: &InterviewRecord) -> StoreResult<()> {
        let interview = interview.clone();
        self.write(move |db| ready(ops::joining::record_interview(db, &interview)))
            .await
    }

    async fn create_invitation(&self, invitation: &NewInvitation) -> StoreResult<InvitationId> {
        let invitation = invitation.clone();
        self.write(move |db| ready(ops::joining::create_invitation(db, &invitation)))
            .await
    }

    async fn invitation_by_token(&self, token: &TokenHash) -> StoreResult<Invitation> {
        let token = token.clone();
        self.read(move |db| ready(ops::joining::invitation_by_token(db, &token)))
            .await
    }

    async fn open_invitations(&self, community: CommunityId) -> StoreResult<Vec<Invitation>> {
        self.read(move |db| ready(ops::joining::open_invitations(db, community)))
            .await
    }

    async fn revoke_invitation(
        &self,
        community: CommunityId,
        id: InvitationId,
        by: AccountId,
        at: Timestamp,
    ) -> StoreResult<()> {
        let revocation = ops::joining::Revocation {
            community,
            invitation: id,
            by,
            at,
        };
        self.write(move |db| ready(ops::joining::revoke_invitation(db, revocation)))
            .await
    }

    async fn use_invitation(&self, taken: &InvitationUse) -> StoreResult<()> {
        let taken = taken.clone();
        self.write(move |db| ready(ops::joining::use_invitation(db, &taken)))
            .await
    }
}

#[async_trait]
impl RulesStore for SqliteStore {
    async fn exclude_from_community(&self, exclusion: &Exclusion) -> StoreResult<()> {
        let exclusion = exclusion.clone();
        self.write(move |db| ready(ops::community::exclude_from_community(db, &exclusion)))
            .await
    }

    async fn readmit_to_community(
        &self,
        community: CommunityId,
        account: AccountId,
        by: AccountId,
        at: Timestamp,
    ) -> StoreResult<()> {
        let readmission = ops::community::Readmission {
            community,
            account,
            by,
            at,
        };
        self.write(move |db| ready(ops::community::readmit_to_community(db, &readmission)))
            .await
    }

    async fn community_exclusions(
        &self,
        community: CommunityId,
    ) -> StoreResult<Vec<ExcludedPerson>> {
        self.read(move |db| ready(ops::community::community_exclusions(db, community)))
            .await
    }

    async fn publish_charter(
        &self,
        community: CommunityId,
        text: &str,
        by: AccountId,
        at: Timestamp,
    ) -> StoreResult<i64> {
        let publication = ops::community::CharterPublication {
            community,
            text: text.to_owned(),
            by,
            at,
        };
        self.write(move |db| ready(ops::community::publish_charter(db, &publication)))
            .await
    }

    async fn charter(&self, community: CommunityId) -> StoreResult<Option<Charter>> {
        self.read_inline(|db| ready(ops::community::charter(db, community)))
            .await
    }

    async fn accept_charter(
        &self,
        community: CommunityId,
        account: AccountId,
        version: i64,
        at: Timestamp,
    ) -> StoreResult<()> {
        let acceptance = ops::community::CharterAcceptance {
            community,
            account,
            version,
            at,
        };
        self.write(move |db| ready(ops::community::accept_charter(db, &acceptance)))
            .await
    }

    async fn is_excluded(&self, community: CommunityId, account: AccountId) -> StoreResult<bool> {
        self.read_inline(|db| ready(ops::community::is_excluded(db, community, account)))
            .await
    }
}

#[async_trait]
impl ArrivalStore for SqliteStore {
    async fn complete_job_with(&self, completion: &JobCompletion) -> StoreResult<()> {
        let completion = completion.clone();
        self.write(move |db| ready(ops::complete_job_with(db, &completion)))
            .await
    }

    async fn member_recipients(&self, page: &MemberPage) -> StoreResult<Vec<Recipient>> {
        let page = *page;
        self.read(move |db| ready(ops::notification::member_recipients(db, &page)))
            .await
    }

    async fn claim_arrivals(&self, claim: &ArrivalClaim) -> StoreResult<Newcomers> {
        let claim = *claim;
        self.write(move |db| ready(ops::notification::claim_arrivals(db, &claim)))
            .await
    }

    async fn community_webhook(&self, community: CommunityId) -> StoreResult<Option<Webhook>> {
        self.read_inline(|db| ready(ops::notification::community_webhook(db, community)))
            .await
    }

    async fn set_community_webhook(&self, save: &WebhookSave) -> StoreResult<()> {
        let save = save.clone();
        self.write(move |db| ready(ops::notification::set_community_webhook(db, &save)))
            .await
    }

    async fn remove_community_webhook(
        &self,
        community: CommunityId,
        by: AccountId,
        at: Timestamp,
    ) -> StoreResult<()> {
        let removal = WebhookRemoval { community, by, at };
        self.write(move |db| ready(ops::notification::remove_community_webhook(db, &removal)))
            .await
    }
}

#[async_trait]
impl SiteStore for SqliteStore {
    async fn site_settings(&self) -> StoreResult<SiteSettings> {
        self.read_inline(|db| ready(ops::site::site_settings(db)))
            .await
    }

    async fn save_site_settings(&self, save: &SiteSettingsSave) -> StoreResult<()> {
        let save = save.clone();
        self.write(move |db| ready(ops::site::save_site_settings(db, &save)))
            .await
    }

    async fn set_site_logo(&self, change: &LogoChange) -> StoreResult<ImageId> {
        let change = change.clone();
        self.write(move |db| ready(ops::site::set_site_logo(db, &change)))
            .await
    }

    async fn site_entries(&self, section: Section) -> StoreResult<Vec<Entry>> {
        self.read(move |db| ready(ops::site::site_entries(db, section)))
            .await
    }

    async fn create_site_entry(&self, save: &EntrySave) -> StoreResult<EntryId> {
        let save = save.clone();
        self.write(move |db| ready(ops::site::create_site_entry(db, &save)))
            .await
    }

    async fn update_site_entry(&self, id: EntryId, save: &EntrySave) -> StoreResult<()> {
        let save = save.clone();
        self.write(move |db| ready(ops::site::update_site_entry(db, (id, &save))))
            .await
    }

    async fn delete_site_entry(&self, deletion: &EntryDeletion) -> StoreResult<()> {
        let deletion = *deletion;
        self.write(move |db| ready(ops::site::delete_site_entry(db, &deletion)))
            .await
    }

    async fn site_image(&self, id: ImageId) -> StoreResult<StoredImage> {
        self.read(move |db| ready(ops::site::site_image(db, id)))
            .await
    }

    async fn submit_adopter(&self, submission: &AdopterSubmission) -> StoreResult<AdopterId> {
        let submission = submission.clone();
        self.write(move |db| ready(ops::site::submit_adopter(db, &submission)))
            .await
    }

    async fn adopters(&self, status: AdopterStatus) -> StoreResult<Vec<Adopter>> {
        self.read(move |db| ready(ops::site::adopters(db, status)))
            .await
    }

    async fn decide_adopter(&self, decision: &AdopterDecision) -> StoreResult<()> {
        let decision = *decision;
        self.write(move |db| ready(ops::site::decide_adopter(db, &decision)))
            .await
    }

    async fn set_organisation_shown(&self, change: &ShowcaseChange) -> StoreResult<()> {
        let change = *change;
        self.write(move |db| ready(ops::site::set_organisation_shown(db, &change)))
            .await
    }

    async fn shown_organisations(&self) -> StoreResult<Vec<Organisation>> {
        self.read(|db| ready(ops::site::shown_organisations(db)))
            .await
    }
}

#[async_trait]
impl SecurityStore for SqliteStore {
    async fn create_security_report(
        &self,
        report: &NewSecurityReport,
    ) -> StoreResult<SecurityReportId> {
        let report = report.clone();
        self.write(move |db| ready(ops::security::create_security_report(db, &report)))
            .await
    }

    async fn security_reports(&self) -> StoreResult<Vec<SecurityReport>> {
        self.read(|db| ready(ops::security::security_reports(db)))
            .await
    }

    async fn security_report(&self, id: SecurityReportId) -> StoreResult<SecurityReport> {
        self.read_inline(|db| ready(ops::security::security_report(db, id)))
            .await
    }

    async fn set_security_report_state(&self, change: &ReportStateChange) -> StoreResult<()> {
        let change = *change;
        self.write(move |db| ready(ops::security::set_security_report_state(db, &change)))
            .await
    }
}

#[async_trait]
impl NewsletterStore for SqliteStore {
    async fn mailing_lists(&self) -> StoreResult<Vec<MailingList>> {
        self.read_inline(|db| ready(ops::newsletter::mailing_lists(db)))
            .await
    }

    async fn create_mailing_list(&self, save: &MailingListSave) -> StoreResult<MailingListId> {
        let save = save.clone();
        self.write(move |db| ready(ops::newsletter::create_mailing_list(db, &save)))
            .await
    }

    async fn subscribe_to_newsletter(&self, subscription: &NewSubscription) -> StoreResult<()> {
        let subscription = subscription.clone();
        self.write(move |db| ready(ops::newsletter::subscribe_to_newsletter(db, &subscription)))
            .await
    }

    async fn confirm_subscriptions(
        &self,
        token: &TokenHash,
        now: Timestamp,
    ) -> StoreResult<Vec<MailingListId>> {
        let token = token.clone();
        self.write(move |db| ready(ops::newsletter::confirm_subscriptions(db, &token, now)))
            .await
    }

    async fn subscription_by_unsubscribe_link(
        &self,
        token: &TokenHash,
    ) -> StoreResult<Subscription> {
        self.read_inline(|db| ready(ops::newsletter::subscription_by_unsubscribe_link(db, token)))
            .await
    }

    async fn unsubscribe(&self, token: &TokenHash, now: Timestamp) -> StoreResult<Subscription> {
        let token = token.clone();
        self.write(move |db| ready(ops::newsletter::unsubscribe(db, &token, now)))
            .await
    }

    async fn subscribers(&self, list: MailingListId) -> StoreResult<Vec<Subscription>> {
        self.read(move |db| ready(ops::newsletter::subscribers(db, list)))
            .await
    }

    async fn send_newsletter_issue(&self, issue: &NewIssue) -> StoreResult<SentIssue> {
        let issue = issue.clone();
        self.write(move |db| ready(ops::newsletter::send_newsletter_issue(db, &issue)))
            .await
    }

    async fn newsletter_issues(&self) -> StoreResult<Vec<Issue>> {
        self.read(|db| ready(ops::newsletter::newsletter_issues(db)))
            .await
    }
}

/// Applies pending migrations to the file at `path`, returning their names.
pub(crate) fn migrate(path: &Path, synchronous: Synchronous) -> Result<Vec<String>, OpenError> {
    let mut connection = connect(
        path,
        synchronous,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
    )?;
    apply_migrations(&mut connection, path)
}

/// The PRAGMAs a connection configured like the store's reports.
pub(crate) fn pragmas(
    path: &Path,
    synchronous: Synchronous,
) -> Result<Vec<(String, String)>, OpenError> {
    let connection = connect(
        path,
        synchronous,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
    )?;
    read_pragmas(&connection).map_err(|source| sqlite_open_error(path, source))
}

/// The idle reader connections, and one permit for each.
struct Readers {
    permits: Arc<Semaphore>,
    size: usize,
    idle: Mutex<Vec<Connection>>,
}

impl Readers {
    async fn take(self: &Arc<Self>) -> StoreResult<Reader> {
        let permit = Arc::clone(&self.permits)
            .acquire_owned()
            .await
            .map_err(|error| StoreError::Other(Box::new(error)))?;
        let connection = self
            .idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop()
            .ok_or_else(|| {
                StoreError::Other("a reader permit was granted with no idle reader".into())
            })?;
        Ok(Reader {
            connection: Some(connection),
            readers: Arc::clone(self),
            _permit: permit,
        })
    }
}

/// A reader connection on loan; it goes back to the pool when dropped, even
/// by a panicking operation, before its permit is released.
struct Reader {
    connection: Option<Connection>,
    readers: Arc<Readers>,
    _permit: OwnedSemaphorePermit,
}

impl Reader {
    fn connection(&self) -> &Connection {
        self.connection
            .as_ref()
            .expect("a reader holds its connection until dropped")
    }
}

impl Drop for Reader {
    fn drop(&mut self) {
        if let Some(connection) = self.connection.take() {
            self.readers
                .idle
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(connection);
        }
    }
}

/// A connection or transaction seen through [`Sql`].
struct Sqlite<'a>(&'a Connection);

impl Sql for Sqlite<'_> {
    const CLAIM_JOBS: &'static str = include_str!("sql/claim_jobs.sqlite.sql");
    const COMMUNITY_TEXT_MATCH: &'static str = "communities.id IN \
         (SELECT rowid FROM communities_fts WHERE communities_fts MATCH $TEXT)";

    /// FTS5: quoted strings, each a prefix, all required.
    fn prefix_search(words: &[String]) -> String {
        words
            .iter()
            .map(|word| format!("\"{word}\"*"))
            .collect::<Vec<_>>()
            .join(" AND ")
    }

    async fn execute(&self, sql: &str, params: &[Param<'_>]) -> StoreResult<u64> {
        let mut statement = self.0.prepare_cached(sql).map_err(store_error)?;
        bind(&mut statement, params).map_err(store_error)?;
        let changed = statement.raw_execute().map_err(store_error)?;
        u64::try_from(changed).map_err(|error| StoreError::Other(Box::new(error)))
    }

    async fn query(&self, sql: &str, params: &[Param<'_>]) -> StoreResult<Vec<Row>> {
        let mut statement = self.0.prepare_cached(sql).map_err(store_error)?;
        bind(&mut statement, params).map_err(store_error)?;
        let columns = statement.column_count();
        let mut rows = statement.raw_query();
        let mut result = Vec::new();
        while let Some(row) = rows.next().map_err(store_error)? {
            let values = (0..columns)
                .map(|column| value(row.get_ref(column)?))
                .collect::<rusqlite::Result<Vec<_>>>()
                .map_err(store_error)?;
            result.push(Row(values));
        }
        Ok(result)
    }
}

/// Drives an operation over [`Sqlite`] to completion on the calling thread.
///
/// Every [`Sql`] method of [`Sqlite`] does its work before returning, so the
/// operation never waits on anything and finishes on its first poll; this is
/// what lets one `async` body in [`ops`] serve both backends.
fn ready<T>(operation: impl Future<Output = T>) -> T {
    match pin!(operation).poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(output) => output,
        Poll::Pending => unreachable!("SQLite operations never wait"),
    }
}

/// Binds `params[i]` to the placeholder named `$i+1`, wherever it appears.
fn bind(statement: &mut rusqlite::Statement<'_>, params: &[Param<'_>]) -> rusqlite::Result<()> {
    if statement.parameter_count() != params.len() {
        return Err(rusqlite::Error::InvalidParameterCount(
            params.len(),
            statement.parameter_count(),
        ));
    }
    for (position, param) in params.iter().enumerate() {
        let name = format!("${}", position + 1);
        let index = statement
            .parameter_index(&name)?
            .ok_or(rusqlite::Error::InvalidParameterName(name))?;
        match param {
            Param::Int(value) => statement.raw_bind_parameter(index, value)?,
            Param::OptionalInt(value) => statement.raw_bind_parameter(index, value)?,
            Param::Text(value) => statement.raw_bind_parameter(index, value)?,
            Param::OptionalText(value) => statement.raw_bind_parameter(index, value)?,
            Param::Bytes(value) => statement.raw_bind_parameter(index, value)?,
        }
    }
    Ok(())
}

fn value(column: ValueRef<'_>) -> rusqlite::Result<Value> {
    match column {
        ValueRef::Null => Ok(Value::Null),
        ValueRef::Integer(value) => Ok(Value::Int(value)),
        ValueRef::Text(bytes) => String::from_utf8(bytes.to_vec())
            .map(Value::Text)
            .map_err(|error| rusqlite::Error::Utf8Error(0, error.utf8_error())),
        ValueRef::Blob(bytes) => Ok(Value::Bytes(bytes.to_vec())),
        other => Err(rusqlite::Error::InvalidColumnType(
            0,
            String::new(),
            other.data_type(),
        )),
    }
}

/// Opens a connection and gives it the settings every store connection has.
fn connect(
    path: &Path,
    synchronous: Synchronous,
    flags: OpenFlags,
) -> Result<Connection, OpenError> {
    let configure = || {
        let connection =
            Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        connection.busy_timeout(BUSY_TIMEOUT)?;
        connection.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        // Without the planner's stability guarantee, SQLite compiles a cached
        // statement again whenever a `LIMIT` or an `= 0`/`= 1` comparison is
        // bound anew, which is at every use since the cache clears the
        // bindings: it cost more than half of a member's home.
        connection.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
        connection.pragma_update(None, "foreign_keys", "ON")?;
        connection.pragma_update(None, "synchronous", synchronous.pragma_value())?;
        if flags.contains(OpenFlags::SQLITE_OPEN_READ_WRITE) {
            connection.pragma_update_and_check(None, "journal_mode", "WAL", |row| {
                row.get::<_, String>(0)
            })?;
        }
        Ok(connection)
    };
    configure().map_err(|source| sqlite_open_error(path, source))
}

fn apply_migrations(connection: &mut Connection, path: &Path) -> Result<Vec<String>, OpenError> {
    let report = embedded::migrations::runner()
        .run(connection)
        .map_err(|source| OpenError::Migration {
            target: path.display().to_string(),
            source,
        })?;
    Ok(report
        .applied_migrations()
        .iter()
        .map(ToString::to_string)
        .collect())
}

fn read_pragmas(connection: &Connection) -> rusqlite::Result<Vec<(String, String)>> {
    [
        "journal_mode",
        "synchronous",
        "foreign_keys",
        "busy_timeout",
    ]
    .into_iter()
    .map(|name| {
        let value = connection.pragma_query_value(None, name, |row| match row.get_ref(0)? {
            ValueRef::Integer(value) => Ok(value.to_string()),
            ValueRef::Text(text) => Ok(String::from_utf8_lossy(text).into_owned()),
            other => Ok(format!("{other:?}")),
        })?;
        Ok((name.to_owned(), value))
    })
    .collect()
}

fn sqlite_open_error(path: &Path, source: rusqlite::Error) -> OpenError {
    OpenError::Sqlite {
        path: PathBuf::from(path),
        source,
    }
}

/// Unique and primary-key violations are conflicts the caller handles; a
/// missing foreign-key target means what the change refers to (an account,
/// an organisation, a plan, a membership's period) does not exist.
fn store_error(error: rusqlite::Error) -> StoreError {
    match error.sqlite_error() {
        Some(ffi::Error {
            code: ErrorCode::ConstraintViolation,
            extended_code,
        }) if matches!(
            *extended_code,
            ffi::SQLITE_CONSTRAINT_UNIQUE | ffi::SQLITE_CONSTRAINT_PRIMARYKEY
        ) =>
        {
            StoreError::Conflict
        }
        Some(ffi::Error {
            code: ErrorCode::ConstraintViolation,
            extended_code,
        }) if *extended_code == ffi::SQLITE_CONSTRAINT_FOREIGNKEY => StoreError::NotFound,
        _ => StoreError::Other(Box::new(error)),
    }
}

#[cfg(test)]
mod tests {
    use rusqlite::StatementStatus;

    use super::*;

    /// A statement kept in the cache runs again as compiled, whatever is
    /// bound to its `LIMIT` or to a comparison with 0 or 1.
    #[test]
    fn cached_statements_are_not_compiled_again_at_each_use() {
        let directory = tempfile::tempdir().expect("a temporary directory");
        let path = directory.path().join("cercle.db");
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE;
        let connection = connect(&path, Synchronous::Normal, flags).expect("opens");
        connection
            .execute_batch("CREATE TABLE t (id INTEGER PRIMARY KEY, flag INTEGER NOT NULL)")
            .expect("creates the table");
        let sql = "SELECT t.id FROM t LEFT JOIN t AS u ON u.id = t.id WHERE t.flag = $1 LIMIT $2";
        for (flag, limit) in [(1, 5), (1, 5), (7, 20), (0, 1)] {
            let mut statement = connection.prepare_cached(sql).expect("prepares");
            statement.raw_bind_parameter(1, flag).expect("binds");
            statement.raw_bind_parameter(2, limit).expect("binds");
            statement.raw_execute().expect("runs");
            assert_eq!(
                statement.get_status(StatementStatus::RePrepare),
                0,
                "flag {flag}, limit {limit}"
            );
        }
    }
}
