//! The admission's `AdmissionStore` on both backends.

use cercle_core::accounts::account::AccountId;
use cercle_core::admission::store::{
    AdmissionStore, ApplicationDecision, Contributor, NewApplication, NewBureauSession,
    NewContribution,
};
use cercle_core::admission::{
    AdmissionSettings, Application, ApplicationId, BureauSession, Contribution, ContributionId,
    SessionId,
};
use cercle_core::kernel::store::StoreResult;
use cercle_core::kernel::time::Timestamp;
use cercle_core::register::dues::MembershipId;

use crate::ops;
use crate::ops::admission::{SessionNotes, SettingsChange, Withdrawal};

forward! {
    impl AdmissionStore {
        read_inline fn admission_settings() -> StoreResult<AdmissionSettings>
            => ops::admission::admission_settings;
        write fn set_admission_settings(
            settings: AdmissionSettings,
            by: AccountId,
            at: Timestamp,
        ) -> StoreResult<()>
            => ops::admission::set_admission_settings(SettingsChange { settings, by, at });
        write fn create_application(application: &NewApplication) -> StoreResult<ApplicationId>
            => ops::admission::create_application;
        read_inline fn application(id: ApplicationId) -> StoreResult<Application>
            => ops::admission::application;
        read_blocking fn applications() -> StoreResult<Vec<Application>>
            => ops::admission::applications;
        read_inline fn applications_of(account: AccountId) -> StoreResult<Vec<Application>>
            => ops::admission::applications_of;
        write fn withdraw_application(
            id: ApplicationId,
            account: AccountId,
            at: Timestamp,
        ) -> StoreResult<()>
            => ops::admission::withdraw_application(Withdrawal {
                application: id,
                applicant: account,
                at,
            });
        write fn decide_application(
            decision: &ApplicationDecision,
        ) -> StoreResult<Option<MembershipId>>
            => ops::admission::decide_application;
        write fn create_bureau_session(session: &NewBureauSession) -> StoreResult<SessionId>
            => ops::admission::create_bureau_session;
        read_blocking fn bureau_sessions() -> StoreResult<Vec<BureauSession>>
            => ops::admission::bureau_sessions;
        read_inline fn bureau_session(id: SessionId) -> StoreResult<BureauSession>
            => ops::admission::bureau_session;
        write fn save_session_notes(
            id: SessionId,
            notes: &str,
            by: AccountId,
            at: Timestamp,
        ) -> StoreResult<()>
            => ops::admission::save_session_notes(&SessionNotes {
                session: id,
                notes: notes.to_owned(),
                by,
                at,
            });
        write fn record_contribution(contribution: &NewContribution) -> StoreResult<ContributionId>
            => ops::admission::record_contribution;
        read_inline fn contributions_of(account: AccountId) -> StoreResult<Vec<Contribution>>
            => ops::admission::contributions_of;
        read_blocking fn contributors() -> StoreResult<Vec<Contributor>>
            => ops::admission::contributors;
    }
}
