//! The store on PostgreSQL, through a pool of connections.

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
use deadpool_postgres::{GenericClient, Manager, ManagerConfig, Pool, RecyclingMethod, Runtime};
use tokio_postgres::error::SqlState;
use tokio_postgres::types::{ToSql, Type};
use tokio_postgres::{Config, NoTls};

use crate::ops::admission::{SessionNotes, SettingsChange, Withdrawal};
use crate::ops::community::{MembersPage, RequestWithdrawal, RolesAssignment};
use crate::ops::dues::{Memberships, PeriodAddition};
use crate::ops::notification::{Reading, WebhookRemoval};
use crate::ops::register::Unaffiliation;
use crate::sql::{Param, Row, Sql, Value};
use crate::{OpenError, ops};

mod embedded {
    refinery::embed_migrations!("migrations/postgres");
}

/// How long to wait for the server to accept a connection, unless the URL
/// says otherwise: an unreachable server should fail start-up, not hang it.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// How long a request waits for a free connection before failing.
const POOL_WAIT_TIMEOUT: Duration = Duration::from_secs(30);

pub(crate) struct PostgresStore {
    pool: Pool,
}

impl PostgresStore {
    /// Applies pending migrations, which also proves the server reachable,
    /// then builds the pool.
    pub(crate) async fn open(url: &str, pool_size: usize) -> Result<Self, OpenError> {
        let config = parse_config(url)?;
        let target = describe(&config);
        run_migrations(&config).await?;
        let manager = Manager::from_config(
            config,
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(pool_size.max(1))
            .wait_timeout(Some(POOL_WAIT_TIMEOUT))
            .runtime(Runtime::Tokio1)
            .build()
            .map_err(|source| OpenError::PostgresUnreachable {
                target: target.clone(),
                source: Box::new(source),
            })?;
        tracing::info!(%target, pool_size, "connected to PostgreSQL");
        Ok(Self { pool })
    }

    async fn client(&self) -> StoreResult<deadpool_postgres::Client> {
        self.pool
            .get()
            .await
            .map_err(|error| StoreError::Other(Box::new(error)))
    }
}

/// Runs an operation of [`ops`] in one transaction on a pooled client,
/// committed only when the whole operation succeeded.
macro_rules! in_transaction {
    ($store:expr, |$db:ident| $operation:expr) => {{
        let mut client = $store.client().await?;
        let transaction = client.transaction().await.map_err(store_error)?;
        let $db = &Postgres(&transaction);
        let result = $operation.await?;
        transaction.commit().await.map_err(store_error)?;
        Ok(result)
    }};
}

#[async_trait]
impl InstanceStore for PostgresStore {
    async fn ping(&self) -> StoreResult<()> {
        ops::ping(&Postgres(&self.client().await?)).await
    }

    async fn association(&self) -> StoreResult<Option<Association>> {
        ops::association(&Postgres(&self.client().await?)).await
    }

    fn pool_status(&self) -> PoolStatus {
        let status = self.pool.status();
        PoolStatus {
            in_use: status.size.saturating_sub(status.available),
            size: status.max_size,
        }
    }
}

#[async_trait]
impl JobStore for PostgresStore {
    async fn enqueue(&self, job: &NewJob) -> StoreResult<()> {
        in_transaction!(self, |db| ops::enqueue(db, job))
    }

    async fn claim_jobs(&self, claim: &JobClaim) -> StoreResult<Vec<Job>> {
        in_transaction!(self, |db| ops::claim_jobs(db, claim))
    }

    async fn complete_jobs(&self, jobs: &[JobId], at: Timestamp) -> StoreResult<()> {
        in_transaction!(self, |db| ops::complete_jobs(db, jobs, at))
    }

    async fn fail_job(
        &self,
        job: JobId,
        error: &str,
        retry_at: Option<Timestamp>,
    ) -> StoreResult<()> {
        in_transaction!(self, |db| ops::fail_job(db, job, error, retry_at))
    }

    async fn pending_jobs(&self) -> StoreResult<i64> {
        ops::pending_jobs(&Postgres(&self.client().await?)).await
    }
}

#[async_trait]
impl AccountStore for PostgresStore {
    async fn set_up_instance(&self, setup: &InstanceSetup) -> StoreResult<AccountId> {
        in_transaction!(self, |db| ops::set_up_instance(db, setup))
    }

    async fn create_account(&self, account: &NewAccount) -> StoreResult<AccountId> {
        in_transaction!(self, |db| ops::create_account(db, account))
    }

    async fn account(&self, id: AccountId) -> StoreResult<Account> {
        ops::account(&Postgres(&self.client().await?), id).await
    }

    async fn account_by_email(&self, email: &EmailAddress) -> StoreResult<Account> {
        ops::account_by_email(&Postgres(&self.client().await?), email).await
    }

    async fn credentials(&self, email: &EmailAddress) -> StoreResult<Credentials> {
        ops::credentials(&Postgres(&self.client().await?), email).await
    }

    async fn confirm_email(&self, token: &TokenHash, now: Timestamp) -> StoreResult<AccountId> {
        in_transaction!(self, |db| ops::confirm_email(db, token, now))
    }

    async fn resend_confirmation(
        &self,
        account: AccountId,
        token: &EmailToken,
        email: &NewJob,
    ) -> StoreResult<()> {
        in_transaction!(self, |db| ops::resend_confirmation(
            db, account, token, email
        ))
    }

    async fn request_password_reset(&self, request: &PasswordResetRequest) -> StoreResult<()> {
        in_transaction!(self, |db| ops::request_password_reset(db, request))
    }

    async fn reset_password(&self, reset: &PasswordReset) -> StoreResult<AccountId> {
        in_transaction!(self, |db| ops::reset_password(db, reset))
    }

    async fn change_password(&self, change: &PasswordChange) -> StoreResult<()> {
        in_transaction!(self, |db| ops::change_password(db, change))
    }

    async fn update_profile(&self, update: &ProfileUpdate) -> StoreResult<()> {
        in_transaction!(self, |db| ops::update_profile(db, update))
    }

    async fn delete_account(&self, account: AccountId, at: Timestamp) -> StoreResult<()> {
        in_transaction!(self, |db| ops::delete_account(db, account, at))
    }

    async fn create_session(&self, session: &NewSession) -> StoreResult<()> {
        in_transaction!(self, |db| ops::create_session(db, session))
    }

    async fn session_account(&self, session: &TokenHash, now: Timestamp) -> StoreResult<Account> {
        ops::session_account(&Postgres(&self.client().await?), session, now).await
    }

    async fn delete_session(&self, session: &TokenHash) -> StoreResult<()> {
        in_transaction!(self, |db| ops::delete_session(db, session))
    }

    async fn create_api_token(&self, token: &NewApiToken) -> StoreResult<ApiTokenId> {
        in_transaction!(self, |db| ops::create_api_token(db, token))
    }

    async fn api_tokens(&self, account: AccountId) -> StoreResult<Vec<ApiToken>> {
        ops::api_tokens(&Postgres(&self.client().await?), account).await
    }

    async fn revoke_api_token(
        &self,
        account: AccountId,
        token: ApiTokenId,
        at: Timestamp,
    ) -> StoreResult<()> {
        in_transaction!(self, |db| ops::revoke_api_token(db, account, token, at))
    }

    async fn api_token_account(
        &self,
        token: &TokenHash,
        now: Timestamp,
    ) -> StoreResult<(Account, ApiTokenScope)> {
        let client = self.client().await?;
        let found = ops::find_api_token(&Postgres(&client), token, now).await?;
        if found.stale {
            ops::record_api_token_use(&Postgres(&client), token, now).await?;
        }
        Ok((found.account, found.scope))
    }

    async fn audit_log(&self, limit: u32) -> StoreResult<Vec<AuditEntry>> {
        ops::audit_log(&Postgres(&self.client().await?), limit).await
    }

    async fn set_roles(&self, change: &RolesChange) -> StoreResult<()> {
        in_transaction!(self, |db| ops::register::set_roles(db, change))
    }

    async fn accounts_with_role(&self, role: Role) -> StoreResult<Vec<Account>> {
        ops::security::accounts_with_role(&Postgres(&self.client().await?), role).await
    }
}

#[async_trait]
impl RegisterStore for PostgresStore {
    async fn find_organisations(&self, search: &NameSearch) -> StoreResult<Listed<Organisation>> {
        ops::register::find_organisations(&Postgres(&self.client().await?), search).await
    }

    async fn find_people(&self, query: &NameSearch) -> StoreResult<Listed<PersonSummary>> {
        ops::register::find_people(&Postgres(&self.client().await?), query).await
    }

    async fn profile(&self, account: AccountId) -> StoreResult<Profile> {
        ops::register::profile(&Postgres(&self.client().await?), account).await
    }

    async fn save_profile(&self, save: &ProfileSave) -> StoreResult<()> {
        in_transaction!(self, |db| ops::register::save_profile(db, save))
    }

    async fn confirm_profile_current(&self, account: AccountId, at: Timestamp) -> StoreResult<()> {
        in_transaction!(self, |db| ops::register::confirm_profile_current(
            db, account, at
        ))
    }

    async fn membership_policy(&self) -> StoreResult<MembershipPolicy> {
        ops::register::membership_policy(&Postgres(&self.client().await?)).await
    }

    async fn set_membership_policy(
        &self,
        policy: MembershipPolicy,
        by: AccountId,
        at: Timestamp,
    ) -> StoreResult<()> {
        in_transaction!(self, |db| ops::register::set_membership_policy(
            db, policy, by, at
        ))
    }

    async fn create_organisation(&self, save: &OrganisationSave) -> StoreResult<OrganisationId> {
        in_transaction!(self, |db| ops::register::create_organisation(db, save))
    }

    async fn update_organisation(
        &self,
        id: OrganisationId,
        save: &OrganisationSave,
    ) -> StoreResult<()> {
        in_transaction!(self, |db| ops::register::update_organisation(db, id, save))
    }

    async fn organisation(&self, id: OrganisationId) -> StoreResult<Organisation> {
        ops::register::organisation(&Postgres(&self.client().await?), id).await
    }

    async fn organisations(&self) -> StoreResult<Vec<Organisation>> {
        ops::register::organisations(&Postgres(&self.client().await?)).await
    }

    async fn affiliations_of_organisation(
        &self,
        id: OrganisationId,
    ) -> StoreResult<Vec<Affiliation>> {
        ops::register::affiliations_of_organisation(&Postgres(&self.client().await?), id).await
    }

    async fn affiliations_of_person(&self, account: AccountId) -> StoreResult<Vec<Affiliation>> {
        ops::register::affiliations_of_person(&Postgres(&self.client().await?), account).await
    }

    async fn affiliate(&self, affiliation: &NewAffiliation) -> StoreResult<()> {
        in_transaction!(self, |db| ops::register::affiliate(db, affiliation))
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
        in_transaction!(self, |db| ops::register::unaffiliate(db, end))
    }

    async fn import_members(&self, import: &MemberImport) -> Result<ImportReport, ImportFailure> {
        in_transaction!(self, |db| ops::import::import_members(db, import))
    }

    async fn export_members(&self) -> StoreResult<Vec<ExportedMember>> {
        ops::import::export_members(&Postgres(&self.client().await?)).await
    }
}

#[async_trait]
impl DuesStore for PostgresStore {
    async fn create_plan(&self, save: &PlanSave) -> StoreResult<PlanId> {
        in_transaction!(self, |db| ops::dues::create_plan(db, save))
    }

    async fn plans(&self) -> StoreResult<Vec<Plan>> {
        ops::dues::plans(&Postgres(&self.client().await?)).await
    }

    async fn plan(&self, id: PlanId) -> StoreResult<Plan> {
        ops::dues::plan(&Postgres(&self.client().await?), id).await
    }

    async fn create_membership(&self, membership: &NewMembership) -> StoreResult<MembershipId> {
        in_transaction!(self, |db| ops::dues::create_membership(db, membership))
    }

    async fn membership(&self, id: MembershipId) -> StoreResult<Membership> {
        ops::dues::membership(&Postgres(&self.client().await?), id).await
    }

    async fn newest_memberships(&self, offset: u64, limit: u32) -> StoreResult<Listed<Membership>> {
        ops::dues::newest_memberships(&Postgres(&self.client().await?), offset, limit).await
    }

    async fn memberships_after(
        &self,
        after: Option<MembershipId>,
        limit: std::num::NonZeroU32,
    ) -> StoreResult<Vec<Membership>> {
        let page = Memberships::page(after, limit);
        ops::dues::memberships(&Postgres(&self.client().await?), page).await
    }

    async fn memberships_held_by(&self, holder: Holder) -> StoreResult<Vec<Membership>> {
        let which = Memberships::HeldBy(holder);
        ops::dues::memberships(&Postgres(&self.client().await?), which).await
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
        in_transaction!(self, |db| ops::dues::add_period(db, &addition))
    }

    async fn record_payment(&self, payment: &NewPayment) -> StoreResult<PaymentId> {
        in_transaction!(self, |db| ops::dues::record_payment(db, payment))
    }

    async fn set_membership_status(&self, change: &StatusChange) -> StoreResult<()> {
        in_transaction!(self, |db| ops::dues::set_membership_status(db, change))
    }
}

#[async_trait]
impl AdmissionStore for PostgresStore {
    async fn admission_settings(&self) -> StoreResult<AdmissionSettings> {
        ops::admission::admission_settings(&Postgres(&self.client().await?)).await
    }

    async fn set_admission_settings(
        &self,
        settings: AdmissionSettings,
        by: AccountId,
        at: Timestamp,
    ) -> StoreResult<()> {
        let change = SettingsChange { settings, by, at };
        in_transaction!(self, |db| ops::admission::set_admission_settings(
            db, change
        ))
    }

    async fn create_application(&self, application: &NewApplication) -> StoreResult<ApplicationId> {
        in_transaction!(self, |db| ops::admission::create_application(
            db,
            application
        ))
    }

    async fn application(&self, id: ApplicationId) -> StoreResult<Application> {
        ops::admission::application(&Postgres(&self.client().await?), id).await
    }

    async fn applications(&self) -> StoreResult<Vec<Application>> {
        ops::admission::applications(&Postgres(&self.client().await?)).await
    }

    async fn applications_of(&self, account: AccountId) -> StoreResult<Vec<Application>> {
        ops::admission::applications_of(&Postgres(&self.client().await?), account).await
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
        in_transaction!(self, |db| ops::admission::withdraw_application(
            db, withdrawal
        ))
    }

    async fn decide_application(
        &self,
        decision: &ApplicationDecision,
    ) -> StoreResult<Option<MembershipId>> {
        in_transaction!(self, |db| ops::admission::decide_application(db, decision))
    }

    async fn create_bureau_session(&self, session: &NewBureauSession) -> StoreResult<SessionId> {
        in_transaction!(self, |db| ops::admission::create_bureau_session(
            db, session
        ))
    }

    async fn bureau_sessions(&self) -> StoreResult<Vec<BureauSession>> {
        ops::admission::bureau_sessions(&Postgres(&self.client().await?)).await
    }

    async fn bureau_session(&self, id: SessionId) -> StoreResult<BureauSession> {
        ops::admission::bureau_session(&Postgres(&self.client().await?), id).await
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
        in_transaction!(self, |db| ops::admission::save_session_notes(db, &notes))
    }

    async fn record_contribution(
        &self,
        contribution: &NewContribution,
    ) -> StoreResult<ContributionId> {
        in_transaction!(self, |db| ops::admission::record_contribution(
            db,
            contribution
        ))
    }

    async fn contributions_of(&self, account: AccountId) -> StoreResult<Vec<Contribution>> {
        ops::admission::contributions_of(&Postgres(&self.client().await?), account).await
    }

    async fn contributors(&self) -> StoreResult<Vec<Contributor>> {
        ops::admission::contributors(&Postgres(&self.client().await?)).await
    }
}

#[async_trait]
impl NotifyStore for PostgresStore {
    async fn notifications(
        &self,
        account: AccountId,
        limit: u32,
    ) -> StoreResult<Vec<Notification>> {
        ops::notification::notifications(&Postgres(&self.client().await?), account, limit).await
    }

    async fn unread_notifications(&self, account: AccountId) -> StoreResult<i64> {
        ops::notification::unread_notifications(&Postgres(&self.client().await?), account).await
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
        in_transaction!(self, |db| ops::notification::mark_notification_read(
            db, &reading
        ))
    }

    async fn mark_all_notifications_read(
        &self,
        account: AccountId,
        at: Timestamp,
    ) -> StoreResult<()> {
        in_transaction!(self, |db| ops::notification::mark_all_notifications_read(
            db, account, at
        ))
    }

    async fn email_preferences(&self, account: AccountId) -> StoreResult<EmailPreferences> {
        ops::notification::email_preferences(&Postgres(&self.client().await?), account).await
    }

    async fn recipients(
        &self,
        kind: NotificationKind,
        accounts: &[AccountId],
    ) -> StoreResult<Vec<Recipient>> {
        ops::notification::recipients(&Postgres(&self.client().await?), kind, accounts).await
    }

    async fn save_notification_settings(
        &self,
        settings: &NotificationSettingsSave,
    ) -> StoreResult<()> {
        in_transaction!(self, |db| ops::notification::save_notification_settings(
            db, settings
        ))
    }
}

#[async_trait]
impl CommunityStore for PostgresStore {
    async fn create_community(&self, save: &CommunitySave) -> StoreResult<CommunityId> {
        in_transaction!(self, |db| ops::community::create_community(db, save))
    }

    async fn update_community(&self, id: CommunityId, save: &CommunitySave) -> StoreResult<()> {
        in_transaction!(self, |db| ops::community::update_community(db, id, save))
    }

    async fn community(&self, id: CommunityId) -> StoreResult<Community> {
        ops::community::community(&Postgres(&self.client().await?), id).await
    }

    async fn community_by_slug(&self, slug: &str) -> StoreResult<Community> {
        ops::community::community_by_slug(&Postgres(&self.client().await?), slug).await
    }

    async fn communities(&self) -> StoreResult<Vec<Community>> {
        ops::community::communities(&Postgres(&self.client().await?)).await
    }

    async fn list_communities(&self, listing: &CommunityListing) -> StoreResult<CommunityList> {
        ops::community::list_communities(&Postgres(&self.client().await?), listing).await
    }

    async fn community_themes(&self, seen: &SeenCommunities) -> StoreResult<Vec<String>> {
        ops::community::community_themes(&Postgres(&self.client().await?), seen).await
    }

    async fn community_roles(&self, id: CommunityId) -> StoreResult<Vec<CommunityRole>> {
        ops::community::community_roles(&Postgres(&self.client().await?), id).await
    }

    async fn community_member(
        &self,
        community: CommunityId,
        account: AccountId,
    ) -> StoreResult<Option<CommunityMember>> {
        ops::community::community_member(&Postgres(&self.client().await?), community, account).await
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
        ops::community::community_members_page(&Postgres(&self.client().await?), &page).await
    }

    async fn community_member_ids(&self, community: CommunityId) -> StoreResult<Vec<AccountId>> {
        ops::community::community_member_ids(&Postgres(&self.client().await?), community).await
    }

    async fn community_holders(
        &self,
        community: CommunityId,
        holding: &Holding,
    ) -> StoreResult<Vec<AccountId>> {
        ops::community::community_holders(&Postgres(&self.client().await?), community, holding)
            .await
    }

    async fn plain_community_members(
        &self,
        community: CommunityId,
    ) -> StoreResult<Vec<CommunityMember>> {
        ops::community::plain_community_members(&Postgres(&self.client().await?), community).await
    }

    async fn community_referents(
        &self,
        community: CommunityId,
    ) -> StoreResult<Vec<(String, String)>> {
        ops::community::community_referents(&Postgres(&self.client().await?), community).await
    }

    async fn community_members(&self, id: CommunityId) -> StoreResult<Vec<CommunityMember>> {
        ops::community::community_members(&Postgres(&self.client().await?), id).await
    }

    async fn communities_of(
        &self,
        account: AccountId,
    ) -> StoreResult<Vec<(CommunityId, CommunityMember)>> {
        ops::community::communities_of(&Postgres(&self.client().await?), account).await
    }

    async fn add_community_member(&self, member: &NewCommunityMember) -> StoreResult<()> {
        in_transaction!(self, |db| ops::community::add_community_member(db, member))
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
        in_transaction!(self, |db| ops::community::set_community_roles(
            db,
            &assignment
        ))
    }

    async fn remove_community_member(&self, departure: &Departure) -> StoreResult<()> {
        in_transaction!(self, |db| ops::community::remove_community_member(
            db, departure
        ))
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
        in_transaction!(self, |db| ops::community::set_engagement(db, &change))
    }
}

#[async_trait]
impl JoiningStore for PostgresStore {
    async fn create_join_request(&self, request: &NewJoinRequest) -> StoreResult<JoinRequestId> {
        in_transaction!(self, |db| ops::community::create_join_request(db, request))
    }

    async fn join_request(&self, id: JoinRequestId) -> StoreResult<JoinRequest> {
        ops::community::join_request(&Postgres(&self.client().await?), id).await
    }

    async fn count_pending_join_requests(&self, id: CommunityId) -> StoreResult<u64> {
        ops::community::count_pending_join_requests(&Postgres(&self.client().await?), id).await
    }

    async fn pending_join_requests(&self, id: CommunityId) -> StoreResult<Vec<JoinRequest>> {
        ops::community::pending_join_requests(&Postgres(&self.client().await?), id).await
    }

    async fn join_requests_of(&self, account: AccountId) -> StoreResult<Vec<JoinRequest>> {
        ops::community::join_requests_of(&Postgres(&self.client().await?), account).await
    }

    async fn pending_join_request(
        &self,
        community: CommunityId,
        account: AccountId,
    ) -> StoreResult<Option<JoinRequest>> {
        ops::community::pending_join_request(&Postgres(&self.client().await?), community, account)
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
        in_transaction!(self, |db| ops::community::withdraw_join_request(
            db, withdrawal
        ))
    }

    async fn decide_join_request(&self, decision: &JoinDecision) -> StoreResult<()> {
        in_transaction!(self, |db| ops::community::decide_join_request(db, decision))
    }

    async fn vouch_for_request(&self, vouch: &Vouch) -> StoreResult<VouchOutcome> {
        in_transaction!(self, |db| ops::joining::vouch_for_request(db, vouch))
    }

    async fn record_interview(&self, interview: &InterviewRecord) -> StoreResult<()> {
        in_transaction!(self, |db| ops::joining::record_interview(db, interview))
    }

    async fn create_invitation(&self, invitation: &NewInvitation) -> StoreResult<InvitationId> {
        in_transaction!(self, |db| ops::joining::create_invitation(db, invitation))
    }

    async fn invitation_by_token(&self, token: &TokenHash) -> StoreResult<Invitation> {
        ops::joining::invitation_by_token(&Postgres(&self.client().await?), token).await
    }

    async fn open_invitations(&self, community: CommunityId) -> StoreResult<Vec<Invitation>> {
        ops::joining::open_invitations(&Postgres(&self.client().await?), community).await
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
        in_transaction!(self, |db| ops::joining::revoke_invitation(db, revocation))
    }

    async fn use_invitation(&self, taken: &InvitationUse) -> StoreResult<()> {
        in_transaction!(self, |db| ops::joining::use_invitation(db, taken))
    }
}

#[async_trait]
impl RulesStore for PostgresStore {
    async fn exclude_from_community(&self, exclusion: &Exclusion) -> StoreResult<()> {
        in_transaction!(self, |db| ops::community::exclude_from_community(
            db, exclusion
        ))
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
        in_transaction!(self, |db| ops::community::readmit_to_community(
            db,
            &readmission
        ))
    }

    async fn community_exclusions(
        &self,
        community: CommunityId,
    ) -> StoreResult<Vec<ExcludedPerson>> {
        ops::community::community_exclusions(&Postgres(&self.client().await?), community).await
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
        in_transaction!(self, |db| ops::community::publish_charter(db, &publication))
    }

    async fn charter(&self, community: CommunityId) -> StoreResult<Option<Charter>> {
        ops::community::charter(&Postgres(&self.client().await?), community).await
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
        in_transaction!(self, |db| ops::community::accept_charter(db, &acceptance))
    }

    async fn is_excluded(&self, community: CommunityId, account: AccountId) -> StoreResult<bool> {
        ops::community::is_excluded(&Postgres(&self.client().await?), community, account).await
    }
}

#[async_trait]
impl ArrivalStore for PostgresStore {
    async fn complete_job_with(&self, completion: &JobCompletion) -> StoreResult<()> {
        in_transaction!(self, |db| ops::complete_job_with(db, completion))
    }

    async fn member_recipients(&self, page: &MemberPage) -> StoreResult<Vec<Recipient>> {
        ops::notification::member_recipients(&Postgres(&self.client().await?), page).await
    }

    async fn claim_arrivals(&self, claim: &ArrivalClaim) -> StoreResult<Newcomers> {
        in_transaction!(self, |db| ops::notification::claim_arrivals(db, claim))
    }

    async fn community_webhook(&self, community: CommunityId) -> StoreResult<Option<Webhook>> {
        ops::notification::community_webhook(&Postgres(&self.client().await?), community).await
    }

    async fn set_community_webhook(&self, save: &WebhookSave) -> StoreResult<()> {
        in_transaction!(self, |db| ops::notification::set_community_webhook(
            db, save
        ))
    }

    async fn remove_community_webhook(
        &self,
        community: CommunityId,
        by: AccountId,
        at: Timestamp,
    ) -> StoreResult<()> {
        let removal = WebhookRemoval { community, by, at };
        in_transaction!(self, |db| ops::notification::remove_community_webhook(
            db, &removal
        ))
    }
}

#[async_trait]
impl SiteStore for PostgresStore {
    async fn site_settings(&self) -> StoreResult<SiteSettings> {
        ops::site::site_settings(&Postgres(&self.client().await?)).await
    }

    async fn save_site_settings(&self, save: &SiteSettingsSave) -> StoreResult<()> {
        in_transaction!(self, |db| ops::site::save_site_settings(db, save))
    }

    async fn set_site_logo(&self, change: &LogoChange) -> StoreResult<ImageId> {
        in_transaction!(self, |db| ops::site::set_site_logo(db, change))
    }

    async fn site_entries(&self, section: Section) -> StoreResult<Vec<Entry>> {
        ops::site::site_entries(&Postgres(&self.client().await?), section).await
    }

    async fn create_site_entry(&self, save: &EntrySave) -> StoreResult<EntryId> {
        in_transaction!(self, |db| ops::site::create_site_entry(db, save))
    }

    async fn update_site_entry(&self, id: EntryId, save: &EntrySave) -> StoreResult<()> {
        in_transaction!(self, |db| ops::site::update_site_entry(db, (id, save)))
    }

    async fn delete_site_entry(&self, deletion: &EntryDeletion) -> StoreResult<()> {
        in_transaction!(self, |db| ops::site::delete_site_entry(db, deletion))
    }

    async fn site_image(&self, id: ImageId) -> StoreResult<StoredImage> {
        ops::site::site_image(&Postgres(&self.client().await?), id).await
    }

    async fn submit_adopter(&self, submission: &AdopterSubmission) -> StoreResult<AdopterId> {
        in_transaction!(self, |db| ops::site::submit_adopter(db, submission))
    }

    async fn adopters(&self, status: AdopterStatus) -> StoreResult<Vec<Adopter>> {
        ops::site::adopters(&Postgres(&self.client().await?), status).await
    }

    async fn decide_adopter(&self, decision: &AdopterDecision) -> StoreResult<()> {
        in_transaction!(self, |db| ops::site::decide_adopter(db, decision))
    }

    async fn set_organisation_shown(&self, change: &ShowcaseChange) -> StoreResult<()> {
        in_transaction!(self, |db| ops::site::set_organisation_shown(db, change))
    }

    async fn shown_organisations(&self) -> StoreResult<Vec<Organisation>> {
        ops::site::shown_organisations(&Postgres(&self.client().await?)).await
    }
}

#[async_trait]
impl SecurityStore for PostgresStore {
    async fn create_security_report(
        &self,
        report: &NewSecurityReport,
    ) -> StoreResult<SecurityReportId> {
        in_transaction!(self, |db| ops::security::create_security_report(db, report))
    }

    async fn security_reports(&self) -> StoreResult<Vec<SecurityReport>> {
        ops::security::security_reports(&Postgres(&self.client().await?)).await
    }

    async fn security_report(&self, id: SecurityReportId) -> StoreResult<SecurityReport> {
        ops::security::security_report(&Postgres(&self.client().await?), id).await
    }

    async fn set_security_report_state(&self, change: &ReportStateChange) -> StoreResult<()> {
        in_transaction!(self, |db| ops::security::set_security_report_state(
            db, change
        ))
    }
}

#[async_trait]
impl NewsletterStore for PostgresStore {
    async fn mailing_lists(&self) -> StoreResult<Vec<MailingList>> {
        ops::newsletter::mailing_lists(&Postgres(&self.client().await?)).await
    }

    async fn create_mailing_list(&self, save: &MailingListSave) -> StoreResult<MailingListId> {
        in_transaction!(self, |db| ops::newsletter::create_mailing_list(db, save))
    }

    async fn subscribe_to_newsletter(&self, subscription: &NewSubscription) -> StoreResult<()> {
        in_transaction!(self, |db| ops::newsletter::subscribe_to_newsletter(
            db,
            subscription
        ))
    }

    async fn confirm_subscriptions(
        &self,
        token: &TokenHash,
        now: Timestamp,
    ) -> StoreResult<Vec<MailingListId>> {
        in_transaction!(self, |db| ops::newsletter::confirm_subscriptions(
            db, token, now
        ))
    }

    async fn subscription_by_unsubscribe_link(
        &self,
        token: &TokenHash,
    ) -> StoreResult<Subscription> {
        ops::newsletter::subscription_by_unsubscribe_link(&Postgres(&self.client().await?), token)
            .await
    }

    async fn unsubscribe(&self, token: &TokenHash, now: Timestamp) -> StoreResult<Subscription> {
        in_transaction!(self, |db| ops::newsletter::unsubscribe(db, token, now))
    }

    async fn subscribers(&self, list: MailingListId) -> StoreResult<Vec<Subscription>> {
        ops::newsletter::subscribers(&Postgres(&self.client().await?), list).await
    }

    async fn send_newsletter_issue(&self, issue: &NewIssue) -> StoreResult<SentIssue> {
        in_transaction!(self, |db| ops::newsletter::send_newsletter_issue(db, issue))
    }

    async fn newsletter_issues(&self) -> StoreResult<Vec<Issue>> {
        ops::newsletter::newsletter_issues(&Postgres(&self.client().await?)).await
    }
}

/// Applies pending migrations to the database at `url`, returning their names.
pub(crate) async fn migrate(url: &str) -> Result<Vec<String>, OpenError> {
    run_migrations(&parse_config(url)?).await
}

/// A single connection outside any pool, for migrations and test set-up.
pub(crate) async fn connect(config: &Config) -> Result<tokio_postgres::Client, OpenError> {
    let (client, connection) =
        config
            .connect(NoTls)
            .await
            .map_err(|source| OpenError::PostgresUnreachable {
                target: describe(config),
                source: Box::new(source),
            })?;
    tokio::spawn(async move {
        if let Err(error) = connection.await {
            tracing::warn!(%error, "PostgreSQL connection ended with an error");
        }
    });
    Ok(client)
}

/// Parses a `postgres://` URL, with a connect timeout unless it sets one.
pub(crate) fn parse_config(url: &str) -> Result<Config, OpenError> {
    let mut config: Config = url
        .parse()
        .map_err(|error| OpenError::InvalidUrl(format!("not a valid PostgreSQL URL: {error}")))?;
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(CONNECT_TIMEOUT);
    }
    Ok(config)
}

/// `user@host:port/database`, without the password, for messages and logs.
pub(crate) fn describe(config: &Config) -> String {
    let hosts = config
        .get_hosts()
        .iter()
        .enumerate()
        .map(|(index, host)| {
            let host = match host {
                tokio_postgres::config::Host::Tcp(name) => name.clone(),
                tokio_postgres::config::Host::Unix(path) => path.display().to_string(),
            };
            match config.get_ports().get(index).or(config.get_ports().first()) {
                Some(port) => format!("{host}:{port}"),
                None => host,
            }
        })
        .collect::<Vec<_>>()
        .join(",");
    let user = config
        .get_user()
        .map(|user| format!("{user}@"))
        .unwrap_or_default();
    let database = config.get_dbname().unwrap_or_default();
    format!("{user}{hosts}/{database}")
}

async fn run_migrations(config: &Config) -> Result<Vec<String>, OpenError> {
    let mut client = connect(config).await?;
    let report = embedded::migrations::runner()
        .run_async(&mut client)
        .await
        .map_err(|source| OpenError::Migration {
            target: describe(config),
            source,
        })?;
    Ok(report
        .applied_migrations()
        .iter()
        .map(ToString::to_string)
        .collect())
}

/// A pooled client or a transaction seen through [`Sql`].
struct Postgres<'a, C>(&'a C);

impl<C: GenericClient> Sql for Postgres<'_, C> {
    const CLAIM_JOBS: &'static str = include_str!("sql/claim_jobs.postgres.sql");
    const COMMUNITY_TEXT_MATCH: &'static str = "communities.search @@ to_tsquery('simple', $TEXT)";

    /// A tsquery: each word a prefix, all required.
    fn prefix_search(words: &[String]) -> String {
        words
            .iter()
            .map(|word| format!("{word}:*"))
            .collect::<Vec<_>>()
            .join(" & ")
    }

    async fn execute(&self, sql: &str, params: &[Param<'_>]) -> StoreResult<u64> {
        let statement = self.0.prepare_cached(sql).await.map_err(store_error)?;
        self.0
            .execute(&statement, &bindings(params))
            .await
            .map_err(store_error)
    }

    async fn query(&self, sql: &str, params: &[Param<'_>]) -> StoreResult<Vec<Row>> {
        let statement = self.0.prepare_cached(sql).await.map_err(store_error)?;
        let rows = self
            .0
            .query(&statement, &bindings(params))
            .await
            .map_err(store_error)?;
        rows.iter().map(row).collect()
    }
}

fn bindings<'a>(params: &'a [Param<'_>]) -> Vec<&'a (dyn ToSql + Sync)> {
    params
        .iter()
        .map(|param| -> &(dyn ToSql + Sync) {
            match param {
                Param::Int(value) => value,
                Param::OptionalInt(value) => value,
                Param::Text(value) => value,
                Param::OptionalText(value) => value,
                Param::Bytes(value) => value,
            }
        })
        .collect()
}

/// Copies a row out; the schema only has BIGINT, TEXT and BYTEA columns, and
/// the INTEGER of a literal such as `SELECT 1`.
fn row(row: &tokio_postgres::Row) -> StoreResult<Row> {
    let values = row
        .columns()
        .iter()
        .enumerate()
        .map(|(index, column)| {
            let value = match *column.type_() {
                Type::INT8 => row.try_get::<_, Option<i64>>(index)?.map(Value::Int),
                Type::INT4 => row
                    .try_get::<_, Option<i32>>(index)?
                    .map(|value| Value::Int(value.into())),
                Type::BYTEA => row.try_get::<_, Option<Vec<u8>>>(index)?.map(Value::Bytes),
                _ => row.try_get::<_, Option<String>>(index)?.map(Value::Text),
            };
            Ok(value.unwrap_or(Value::Null))
        })
        .collect::<Result<Vec<_>, tokio_postgres::Error>>()
        .map_err(store_error)?;
    Ok(Row(values))
}

/// Unique violations are conflicts the caller handles; a foreign-key
/// violation means what the change refers to (an account, an organisation,
/// a plan, a membership's period) does not exist.
fn store_error(error: tokio_postgres::Error) -> StoreError {
    match error.code() {
        Some(&SqlState::UNIQUE_VIOLATION) => StoreError::Conflict,
        Some(&SqlState::FOREIGN_KEY_VIOLATION) => StoreError::NotFound,
        _ => StoreError::Other(Box::new(error)),
    }
}
