//! What the register needs from storage: people, organisations, affiliations, plans, memberships and dues, imported and exported.
//!
//! Each method is one transaction: a change, the audit entry it writes and
//! the jobs it causes commit together or not at all.

use async_trait::async_trait;

use crate::kernel::store::{Listed, StoreError, StoreResult};

use crate::accounts::account::{AccountId, DisplayName, Role};
use crate::kernel::association::Language;
use crate::kernel::date::{Amount, Date};
use crate::kernel::email::EmailAddress;
use crate::kernel::time::Timestamp;
use crate::register::dues::{
    Holder, Membership, MembershipId, MembershipPolicy, MembershipStatus, PaymentId, PaymentMethod,
    PeriodId, Plan, PlanFields, PlanId, PlanName,
};
use crate::register::people::{
    Affiliation, Organisation, OrganisationFields, OrganisationId, OrganisationName, Profile,
    ProfileDetails,
};

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

/// A page of the register by name: everyone, or those whose name (or, for
/// people, email address) contains `words`, ignoring case, when it is not
/// empty.
#[derive(Debug, Clone)]
pub struct NameSearch {
    pub words: String,
    pub offset: u64,
    pub limit: u32,
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

/// Why an import wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportFailure {
    #[error("row {}: {}", .0.row, .0.reason)]
    Row(ImportRefusal),
    #[error(transparent)]
    Store(#[from] StoreError),
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

#[async_trait]
pub trait RegisterStore: Send + Sync {
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

    /// Writes every row or none: accounts that exist (by email) are kept and
    /// updated only where empty; organisations and plans are found by name
    /// (an unknown plan refuses the import). Imported accounts have no
    /// password until their holder resets it. Audited once.
    async fn import_members(&self, import: &MemberImport) -> Result<ImportReport, ImportFailure>;

    /// Every person, by name.
    async fn export_members(&self) -> StoreResult<Vec<ExportedMember>>;
}

#[async_trait]
pub trait DuesStore: Send + Sync {
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
}

/// Everything the register's flows read and write: this area's store and those of the
/// areas below it. Any full store is one.
pub trait Storage: RegisterStore + DuesStore + crate::notify::store::Storage {}

impl<T: ?Sized + RegisterStore + DuesStore + crate::notify::store::Storage> Storage for T {}
