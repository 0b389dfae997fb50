//! The register's `RegisterStore` and `DuesStore` on both backends.

use cercle_core::accounts::account::AccountId;
use cercle_core::kernel::store::{Listed, StoreResult};
use cercle_core::kernel::time::Timestamp;
use cercle_core::register::dues::{
    Holder, Membership, MembershipId, MembershipPolicy, PaymentId, PeriodId, Plan, PlanId,
};
use cercle_core::register::people::{Affiliation, Organisation, OrganisationId, Profile};
use cercle_core::register::store::{
    DuesStore, ExportedMember, ImportFailure, ImportReport, MemberImport, NameSearch,
    NewAffiliation, NewMembership, NewPayment, NewPeriod, OrganisationSave, PersonSummary,
    PlanSave, ProfileSave, RegisterStore, StatusChange,
};

use crate::ops;
use crate::ops::register::Unaffiliation;
use crate::ops::register::dues::{Memberships, PeriodAddition};

forward! {
    impl RegisterStore {
        read_blocking fn find_organisations(
            search: &NameSearch,
        ) -> StoreResult<Listed<Organisation>>
            => ops::register::find_organisations;
        read_blocking fn find_people(query: &NameSearch) -> StoreResult<Listed<PersonSummary>>
            => ops::register::find_people;
        read_inline fn profile(account: AccountId) -> StoreResult<Profile>
            => ops::register::profile;
        write fn save_profile(save: &ProfileSave) -> StoreResult<()> => ops::register::save_profile;
        write fn confirm_profile_current(account: AccountId, at: Timestamp) -> StoreResult<()>
            => ops::register::confirm_profile_current;
        read_inline fn membership_policy() -> StoreResult<MembershipPolicy>
            => ops::register::membership_policy;
        write fn set_membership_policy(
            policy: MembershipPolicy,
            by: AccountId,
            at: Timestamp,
        ) -> StoreResult<()>
            => ops::register::set_membership_policy;
        write fn create_organisation(save: &OrganisationSave) -> StoreResult<OrganisationId>
            => ops::register::create_organisation;
        write fn update_organisation(id: OrganisationId, save: &OrganisationSave) -> StoreResult<()>
            => ops::register::update_organisation;
        read_inline fn organisation(id: OrganisationId) -> StoreResult<Organisation>
            => ops::register::organisation;
        read_blocking fn organisations() -> StoreResult<Vec<Organisation>>
            => ops::register::organisations;
        read_blocking fn affiliations_of_organisation(
            id: OrganisationId,
        ) -> StoreResult<Vec<Affiliation>>
            => ops::register::affiliations_of_organisation;
        read_inline fn affiliations_of_person(account: AccountId) -> StoreResult<Vec<Affiliation>>
            => ops::register::affiliations_of_person;
        write fn affiliate(affiliation: &NewAffiliation) -> StoreResult<()>
            => ops::register::affiliate;
        write fn unaffiliate(
            account: AccountId,
            organisation: OrganisationId,
            by: AccountId,
            at: Timestamp,
        ) -> StoreResult<()>
            => ops::register::unaffiliate(Unaffiliation { account, organisation, by, at });
        write fn import_members(import: &MemberImport) -> Result<ImportReport, ImportFailure>
            => ops::register::import::import_members;
        read_blocking fn export_members() -> StoreResult<Vec<ExportedMember>>
            => ops::register::import::export_members;
    }
}

forward! {
    impl DuesStore {
        write fn create_plan(save: &PlanSave) -> StoreResult<PlanId> => ops::register::dues::create_plan;
        read_blocking fn plans() -> StoreResult<Vec<Plan>> => ops::register::dues::plans;
        read_inline fn plan(id: PlanId) -> StoreResult<Plan> => ops::register::dues::plan;
        write fn create_membership(membership: &NewMembership) -> StoreResult<MembershipId>
            => ops::register::dues::create_membership;
        read_inline fn membership(id: MembershipId) -> StoreResult<Membership>
            => ops::register::dues::membership;
        read_blocking fn newest_memberships(
            offset: u64,
            limit: u32,
        ) -> StoreResult<Listed<Membership>>
            => ops::register::dues::newest_memberships;
        read_blocking fn memberships_after(
            after: Option<MembershipId>,
            limit: std::num::NonZeroU32,
        ) -> StoreResult<Vec<Membership>>
            => ops::register::dues::memberships(Memberships::page(after, limit));
        read_inline fn memberships_held_by(holder: Holder) -> StoreResult<Vec<Membership>>
            => ops::register::dues::memberships(Memberships::HeldBy(holder));
        write fn add_period(
            membership: MembershipId,
            period: &NewPeriod,
            by: AccountId,
            at: Timestamp,
        ) -> StoreResult<PeriodId>
            => ops::register::dues::add_period(&PeriodAddition {
                membership,
                period: period.clone(),
                by,
                at,
            });
        write fn record_payment(payment: &NewPayment) -> StoreResult<PaymentId>
            => ops::register::dues::record_payment;
        write fn set_membership_status(change: &StatusChange) -> StoreResult<()>
            => ops::register::dues::set_membership_status;
    }
}
