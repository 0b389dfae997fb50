//! The site's `SiteStore` and `SecurityStore` on both backends.

use cercle_core::kernel::store::StoreResult;
use cercle_core::register::people::Organisation;
use cercle_core::site::pages::{
    Adopter, AdopterId, AdopterStatus, Entry, EntryId, ImageId, Section, SiteSettings,
};
use cercle_core::site::security::{
    NewSecurityReport, ReportStateChange, SecurityReport, SecurityReportId,
};
use cercle_core::site::store::{
    AdopterDecision, AdopterSubmission, EntryDeletion, EntrySave, LogoChange, SecurityStore,
    ShowcaseChange, SiteSettingsSave, SiteStore, StoredImage,
};

use crate::ops;

forward! {
    impl SiteStore {
        read_inline fn site_settings() -> StoreResult<SiteSettings> => ops::site::site_settings;
        write fn save_site_settings(save: &SiteSettingsSave) -> StoreResult<()>
            => ops::site::save_site_settings;
        write fn set_site_logo(change: &LogoChange) -> StoreResult<ImageId>
            => ops::site::set_site_logo;
        read_blocking fn site_entries(section: Section) -> StoreResult<Vec<Entry>>
            => ops::site::site_entries;
        write fn create_site_entry(save: &EntrySave) -> StoreResult<EntryId>
            => ops::site::create_site_entry;
        write fn update_site_entry(id: EntryId, save: &EntrySave) -> StoreResult<()>
            => ops::site::update_site_entry;
        write fn delete_site_entry(deletion: &EntryDeletion) -> StoreResult<()>
            => ops::site::delete_site_entry;
        read_blocking fn site_image(id: ImageId) -> StoreResult<StoredImage>
            => ops::site::site_image;
        write fn submit_adopter(submission: &AdopterSubmission) -> StoreResult<AdopterId>
            => ops::site::submit_adopter;
        read_blocking fn adopters(status: AdopterStatus) -> StoreResult<Vec<Adopter>>
            => ops::site::adopters;
        write fn decide_adopter(decision: &AdopterDecision) -> StoreResult<()>
            => ops::site::decide_adopter;
        write fn set_organisation_shown(change: &ShowcaseChange) -> StoreResult<()>
            => ops::site::set_organisation_shown;
        read_blocking fn shown_organisations() -> StoreResult<Vec<Organisation>>
            => ops::site::shown_organisations;
    }
}

forward! {
    impl SecurityStore {
        write fn create_security_report(report: &NewSecurityReport) -> StoreResult<SecurityReportId>
            => ops::site::security::create_security_report;
        read_blocking fn security_reports() -> StoreResult<Vec<SecurityReport>>
            => ops::site::security::security_reports;
        read_inline fn security_report(id: SecurityReportId) -> StoreResult<SecurityReport>
            => ops::site::security::security_report;
        write fn set_security_report_state(change: &ReportStateChange) -> StoreResult<()>
            => ops::site::security::set_security_report_state;
    }
}
