//! What the public site needs from storage: its texts, entries, images, adopters and the security inbox.
//!
//! Each method is one transaction: a change, the audit entry it writes and
//! the jobs it causes commit together or not at all.

use async_trait::async_trait;

use crate::kernel::store::StoreResult;

use crate::accounts::account::AccountId;
use crate::kernel::image::{Image, ImageKind};
use crate::kernel::time::Timestamp;
use crate::register::people::{Organisation, OrganisationId};
use crate::site::pages::{
    Adopter, AdopterFields, AdopterId, AdopterStatus, AdopterVerdict, Entry, EntryFields, EntryId,
    ImageId, Section, SiteSettings,
};
use crate::site::security::{
    NewSecurityReport, ReportStateChange, SecurityReport, SecurityReportId,
};

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
pub trait SiteStore: Send + Sync {
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
}

#[async_trait]
pub trait SecurityStore: Send + Sync {
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
}

/// Everything the site's flows read and write: this area's store and those of the
/// areas below it. Any full store is one.
pub trait Storage: SiteStore + SecurityStore + crate::communities::store::Storage {}

impl<T: ?Sized + SiteStore + SecurityStore + crate::communities::store::Storage> Storage for T {}
