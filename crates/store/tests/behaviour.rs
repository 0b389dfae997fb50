//! What the store promises, checked once per backend.
//!
//! Each behaviour is an `async fn(&dyn Store)`; the `behaviours!` macro runs
//! it on a fresh SQLite file and on a scratch PostgreSQL database. The
//! PostgreSQL runs need `CERCLE_TEST_DATABASE_URL`: without it they say so
//! loudly and pass, with it an unreachable server fails them.

#![expect(
    clippy::unwrap_used,
    reason = "the helpers of a test unwrap: a panic there fails the test that called them"
)]

use std::io::Write as _;
use std::num::NonZeroU32;
use std::sync::Arc;

use cercle_core::accounts::account::{
    AccountId, DisplayName, NewAccountFields, PasswordHash, Role,
};
use cercle_core::accounts::audit::AuditAction;
use cercle_core::accounts::secret::{
    ApiTokenName, ApiTokenScope, EmailToken, EmailTokenPurpose, NewApiToken, NewSession, TokenHash,
};
use cercle_core::accounts::store::InstanceSetup;
use cercle_core::accounts::store::NewAccount;
use cercle_core::accounts::store::PasswordChange;
use cercle_core::accounts::store::PasswordReset;
use cercle_core::accounts::store::PasswordResetRequest;
use cercle_core::accounts::store::ProfileUpdate;
use cercle_core::accounts::store::RolesChange;
use cercle_core::accounts::store::Verification;
use cercle_core::admission::store::ApplicationDecision;
use cercle_core::admission::store::NewApplication;
use cercle_core::admission::store::NewBureauSession;
use cercle_core::admission::store::NewContribution;
use cercle_core::admission::store::Verdict;
use cercle_core::admission::{
    AdmissionSettings, ApplicationId, ApplicationStatus, ContributionKind, SessionId,
};
use cercle_core::communities::arrival::Arrival;
use cercle_core::communities::community::{
    AccessPolicy, Answer, Channel, ChannelKind, CommunityFields, CommunityId, CommunityKind,
    Eligibility, Engagement, JoinRequestId, Permission, ProfileCard, RequestStatus, RulesMet, Slug,
    default_roles,
};
use cercle_core::communities::store::ArrivalClaim;
use cercle_core::communities::store::BrokenRule;
use cercle_core::communities::store::CommunityListing;
use cercle_core::communities::store::CommunitySave;
use cercle_core::communities::store::Departure;
use cercle_core::communities::store::Exclusion;
use cercle_core::communities::store::Holding;
use cercle_core::communities::store::InterviewRecord;
use cercle_core::communities::store::InvitationUse;
use cercle_core::communities::store::JobCompletion;
use cercle_core::communities::store::JoinDecision;
use cercle_core::communities::store::ListingOrder;
use cercle_core::communities::store::MemberPage;
use cercle_core::communities::store::NewCommunityMember;
use cercle_core::communities::store::NewInvitation;
use cercle_core::communities::store::NewJoinRequest;
use cercle_core::communities::store::Newcomers;
use cercle_core::communities::store::OpenTo;
use cercle_core::communities::store::SeenCommunities;
use cercle_core::communities::store::Vouch;
use cercle_core::communities::store::VouchOutcome;
use cercle_core::communities::store::WebhookSave;
use cercle_core::communities::webhook::{PrivateNetworks, Webhook, WebhookKind, WebhookUrl};
use cercle_core::jobs::JobPayload;
use cercle_core::kernel::association::{Association, AssociationName, Language, ThemeColour};
use cercle_core::kernel::date::{Amount, Currency, Date};
use cercle_core::kernel::email::EmailAddress;
use cercle_core::kernel::image::{Image, ImageKind};
use cercle_core::kernel::job::{JobClaim, JobId, NewJob};
use cercle_core::kernel::mail::OutgoingEmail;
use cercle_core::kernel::store::StoreError;
use cercle_core::kernel::time::Timestamp;
use cercle_core::kernel::visibility::Visibility;
use cercle_core::notify::notification::{
    EmailPreferences, NewNotification, Notices, NotificationId, NotificationKind, Recipient,
};
use cercle_core::notify::store::NotificationSettingsSave;
use cercle_core::register::dues::{
    BillingPeriod, Holder, HolderKind, Membership, MembershipId, MembershipPolicy,
    MembershipStatus, PaymentMethod, PeriodId, PlanFields, PlanId, PlanName, PriceBand, Standing,
};
use cercle_core::register::people::{
    Employer, OrganisationCategory, OrganisationFields, OrganisationId, OrganisationName,
    ProfileDetails, WebAddress,
};
use cercle_core::register::store::ImportFailure;
use cercle_core::register::store::ImportRefusal;
use cercle_core::register::store::ImportReport;
use cercle_core::register::store::ImportedMember;
use cercle_core::register::store::ImportedMembership;
use cercle_core::register::store::ImportedPayment;
use cercle_core::register::store::MemberImport;
use cercle_core::register::store::NameSearch;
use cercle_core::register::store::NewAffiliation;
use cercle_core::register::store::NewMembership;
use cercle_core::register::store::NewPayment;
use cercle_core::register::store::NewPeriod;
use cercle_core::register::store::OrganisationSave;
use cercle_core::register::store::PlanSave;
use cercle_core::register::store::ProfileSave;
use cercle_core::register::store::StatusChange;
use cercle_core::site::pages::{
    AdopterFields, AdopterStatus, AdopterVerdict, Bilingual, Entry, EntryFields, EntryId, HelpKind,
    Icon, Licence, Link, Section, SiteSettings, Tag, TextKey,
};
use cercle_core::site::store::AdopterDecision;
use cercle_core::site::store::AdopterSubmission;
use cercle_core::site::store::EntryDeletion;
use cercle_core::site::store::EntrySave;
use cercle_core::site::store::LogoChange;
use cercle_core::site::store::ShowcaseChange;
use cercle_core::site::store::SiteSettingsSave;
use cercle_core::store::Store;
use cercle_store::{DatabaseUrl, OpenOptions, testing};

/// Generates, for each behaviour, one test per backend.
macro_rules! behaviours {
    ($($behaviour:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $behaviour() {
                    super::on_sqlite(|store| async move { super::$behaviour(&*store).await }).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $behaviour() {
                    super::on_postgres(stringify!($behaviour), |store| async move { super::$behaviour(&*store).await })
                        .await;
                }
            )*
        }
    };
}

behaviours!(
    pings_and_reports_its_pool,
    sets_up_the_instance_once,
    refuses_a_second_account_for_an_email,
    confirms_an_email_once,
    refuses_expired_or_misdirected_confirmation_tokens,
    resends_a_confirmation,
    resets_a_password_and_ends_every_session,
    changes_a_password_keeping_only_the_current_session,
    updates_a_profile,
    expires_and_deletes_sessions,
    deletes_an_account_with_everything_it_owns,
    manages_api_tokens,
    enqueues_a_key_once,
    leases_claimed_jobs,
    completes_retries_and_gives_up_jobs,
    lists_the_audit_log_newest_first,
    replaces_roles_and_audits_the_change,
    lists_people_by_name,
    saves_and_reads_a_profile,
    refuses_a_profile_with_an_unknown_employer,
    sets_the_membership_policy,
    manages_organisations,
    affiliates_people_with_one_representative,
    creates_and_reads_plans,
    records_memberships_periods_and_payments,
    refuses_a_payment_for_another_memberships_period,
    lists_memberships_newest_first_and_by_holder,
    deletes_an_accounts_memberships_with_it,
    sets_the_admission_settings,
    refuses_a_second_pending_application_and_withdraws_only_its_own,
    puts_applications_on_the_next_sessions_agenda,
    accepts_an_application_for_a_person,
    accepts_an_application_for_an_organisation,
    refuses_an_application_once,
    saves_session_notes,
    records_contributions_and_lists_contributors,
    imports_members_once,
    refuses_a_whole_import_for_an_unknown_plan,
    exports_members_with_their_organisations_membership,
    creates_a_community_with_the_default_roles,
    keeps_community_slugs_unique,
    round_trips_eligibility_channels_and_the_card,
    lists_communities_by_name_with_their_member_counts,
    adds_members_and_replaces_their_roles,
    removes_a_member_once_and_tells_the_referents,
    refuses_a_second_pending_join_request_and_withdraws_only_its_own,
    accepts_a_join_request_once,
    refuses_a_join_request,
    deletes_an_accounts_communities_and_requests_with_it,
    excludes_from_a_community_until_readmitted,
    counts_members_as_they_join_leave_and_are_excluded,
    lists_a_page_of_the_communities_seen_with_their_total,
    finds_a_communitys_members_by_role_and_page,
    co_optation_accepts_on_the_last_vouch_needed,
    records_the_answers_and_the_interview_of_an_application,
    an_invitation_is_used_once_before_it_expires,
    an_exclusion_names_the_rule_broken,
    versions_charters_and_records_their_acceptance,
    changes_a_members_engagement,
    writes_notifications_with_the_change_and_lists_them_newest_first,
    marks_only_ones_own_notifications_read,
    saves_email_preferences_with_the_language,
    reads_recipients_with_their_address_language_and_preference,
    pages_a_communitys_current_members_as_recipients,
    claims_the_arrivals_waiting_to_be_told_once_per_round,
    finds_organisations_by_part_of_their_name_a_page_at_a_time,
    completes_a_job_with_its_notices_once,
    sets_replaces_and_removes_a_community_webhook,
    subscribes_to_lists_only_once_confirmed,
    sends_an_issue_to_confirmed_subscribers_who_unsubscribe_in_one_click,
    records_security_reports_for_the_contacts_and_their_state,
    saves_the_sites_texts_and_settings_over_the_defaults,
    replaces_the_logo_and_deletes_the_previous_one,
    keeps_site_entries_by_section_and_position,
    deletes_a_bodys_members_with_it,
    adopters_wait_for_a_moderator_and_leave_nothing_when_refused,
    shows_the_member_organisations_that_agreed,
);

const NOW: Timestamp = Timestamp(1_800_000_000);

async fn pings_and_reports_its_pool(store: &dyn Store) {
    store.ping().await.unwrap();
    let status = store.pool_status();
    assert!(status.size >= 1, "{status:?}");
    assert!(status.in_use <= status.size, "{status:?}");
}

async fn sets_up_the_instance_once(store: &dyn Store) {
    assert_eq!(store.association().await.unwrap(), None);
    let setup = instance_setup("admin@asso.fr");
    let admin = store.set_up_instance(&setup).await.unwrap();

    assert_eq!(
        store.association().await.unwrap(),
        Some(setup.association.clone())
    );
    let account = store.account(admin).await.unwrap();
    assert_eq!(account.roles, vec![Role::Administrator]);
    assert_eq!(account.email, email("admin@asso.fr"));
    assert!(
        store
            .credentials(&email("admin@asso.fr"))
            .await
            .unwrap()
            .email_confirmed
    );

    let again = store
        .set_up_instance(&instance_setup("other@asso.fr"))
        .await;
    assert!(matches!(again, Err(StoreError::Conflict)), "{again:?}");
    assert!(matches!(
        store.account_by_email(&email("other@asso.fr")).await,
        Err(StoreError::NotFound)
    ));

    let log = store.audit_log(10).await.unwrap();
    assert_eq!(log.len(), 1, "{log:?}");
    assert_eq!(log[0].action, AuditAction::InstanceSetUp.as_str());
    assert_eq!(log[0].actor, Some(admin));
    assert_eq!(log[0].subject, "association");
    assert_eq!(log[0].at, NOW);
}

async fn refuses_a_second_account_for_an_email(store: &dyn Store) {
    let first = store
        .create_account(&confirmed_account("cecile@asso.fr"))
        .await
        .unwrap();
    let (duplicate, token) = pending_account("Cecile@Asso.fr", "dup");
    let refused = store.create_account(&duplicate).await;
    assert!(matches!(refused, Err(StoreError::Conflict)), "{refused:?}");

    assert_eq!(
        store
            .account_by_email(&email("cecile@asso.fr"))
            .await
            .unwrap()
            .id,
        first
    );
    assert_eq!(
        store.pending_jobs().await.unwrap(),
        0,
        "the refused account's email is not queued"
    );
    assert!(matches!(
        store.confirm_email(&token, NOW).await,
        Err(StoreError::NotFound)
    ));
    let created = store.audit_log(10).await.unwrap();
    assert_eq!(created.len(), 1, "{created:?}");
    assert_eq!(created[0].subject, format!("account:{first}"));
}

async fn confirms_an_email_once(store: &dyn Store) {
    let (account, token) = pending_account("new@asso.fr", "signup");
    let id = store.create_account(&account).await.unwrap();
    assert!(
        !store
            .credentials(&email("new@asso.fr"))
            .await
            .unwrap()
            .email_confirmed
    );
    assert_eq!(
        store.pending_jobs().await.unwrap(),
        1,
        "the confirmation email is queued"
    );

    assert_eq!(store.confirm_email(&token, NOW).await.unwrap(), id);
    assert!(
        store
            .credentials(&email("new@asso.fr"))
            .await
            .unwrap()
            .email_confirmed
    );
    assert!(matches!(
        store.confirm_email(&token, NOW).await,
        Err(StoreError::NotFound)
    ));

    let log = store.audit_log(10).await.unwrap();
    assert_eq!(
        actions(&log),
        ["account.email_confirmed", "account.created"]
    );
    assert_eq!(log[0].actor, Some(id));
}

async fn refuses_expired_or_misdirected_confirmation_tokens(store: &dyn Store) {
    let (account, token) = pending_account("late@asso.fr", "late");
    let id = store.create_account(&account).await.unwrap();
    let expires_at = email_token(&token, EmailTokenPurpose::ConfirmEmail).expires_at;
    assert!(matches!(
        store.confirm_email(&token, expires_at).await,
        Err(StoreError::NotFound)
    ));

    let reset = hash("reset-not-confirm");
    store
        .request_password_reset(&reset_request(id, &reset, "reset-1"))
        .await
        .unwrap();
    assert!(matches!(
        store.confirm_email(&reset, NOW).await,
        Err(StoreError::NotFound)
    ));
    assert!(
        !store
            .credentials(&email("late@asso.fr"))
            .await
            .unwrap()
            .email_confirmed
    );

    let just_in_time = Timestamp(expires_at.0 - 1);
    assert_eq!(store.confirm_email(&token, just_in_time).await.unwrap(), id);
}

async fn resends_a_confirmation(store: &dyn Store) {
    let (account, first) = pending_account("slow@asso.fr", "first");
    let id = store.create_account(&account).await.unwrap();
    let second = hash("second");
    store
        .resend_confirmation(
            id,
            &email_token(&second, EmailTokenPurpose::ConfirmEmail),
            &email_job("second"),
        )
        .await
        .unwrap();
    assert_eq!(store.pending_jobs().await.unwrap(), 2);
    assert_eq!(store.confirm_email(&second, NOW).await.unwrap(), id);
    assert!(
        store
            .credentials(&email("slow@asso.fr"))
            .await
            .unwrap()
            .email_confirmed
    );
    assert_eq!(
        store.confirm_email(&first, NOW).await.unwrap(),
        id,
        "an earlier link still works once"
    );
}

async fn resets_a_password_and_ends_every_session(store: &dyn Store) {
    let (account, _) = pending_account("forgot@asso.fr", "signup");
    let id = store.create_account(&account).await.unwrap();
    for name in ["phone", "laptop"] {
        store.create_session(&session(id, name)).await.unwrap();
    }
    let token = hash("reset");
    store
        .request_password_reset(&reset_request(id, &token, "reset"))
        .await
        .unwrap();
    assert_eq!(
        store.pending_jobs().await.unwrap(),
        2,
        "confirmation and reset emails"
    );

    let reset = PasswordReset {
        token: token.clone(),
        new_hash: password_hash("new"),
        at: NOW,
    };
    assert_eq!(store.reset_password(&reset).await.unwrap(), id);

    let credentials = store.credentials(&email("forgot@asso.fr")).await.unwrap();
    assert_eq!(credentials.password_hash, password_hash("new"));
    assert!(
        credentials.email_confirmed,
        "the reset link proved the inbox"
    );
    for name in ["phone", "laptop"] {
        assert!(matches!(
            store.session_account(&hash(name), NOW).await,
            Err(StoreError::NotFound)
        ));
    }
    assert!(
        matches!(
            store.reset_password(&reset).await,
            Err(StoreError::NotFound)
        ),
        "single use"
    );

    let late = hash("late-reset");
    store
        .request_password_reset(&reset_request(id, &late, "late"))
        .await
        .unwrap();
    let expired = PasswordReset {
        token: late.clone(),
        new_hash: password_hash("newer"),
        at: email_token(&late, EmailTokenPurpose::ResetPassword).expires_at,
    };
    assert!(matches!(
        store.reset_password(&expired).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        store
            .credentials(&email("forgot@asso.fr"))
            .await
            .unwrap()
            .password_hash,
        password_hash("new")
    );
    assert_eq!(
        store.audit_log(1).await.unwrap()[0].action,
        AuditAction::PasswordReset.as_str()
    );
}

async fn changes_a_password_keeping_only_the_current_session(store: &dyn Store) {
    let id = store
        .create_account(&confirmed_account("careful@asso.fr"))
        .await
        .unwrap();
    let other = store
        .create_account(&confirmed_account("other@asso.fr"))
        .await
        .unwrap();
    for name in ["current", "phone", "laptop"] {
        store.create_session(&session(id, name)).await.unwrap();
    }
    store
        .create_session(&session(other, "other"))
        .await
        .unwrap();

    let change = PasswordChange {
        account: id,
        new_hash: password_hash("changed"),
        keep_session: hash("current"),
        notice: email_job("changed-notice"),
        at: NOW,
    };
    store.change_password(&change).await.unwrap();

    assert_eq!(
        store
            .session_account(&hash("current"), NOW)
            .await
            .unwrap()
            .id,
        id
    );
    for name in ["phone", "laptop"] {
        assert!(matches!(
            store.session_account(&hash(name), NOW).await,
            Err(StoreError::NotFound)
        ));
    }
    assert_eq!(
        store.session_account(&hash("other"), NOW).await.unwrap().id,
        other
    );
    assert_eq!(
        store
            .credentials(&email("careful@asso.fr"))
            .await
            .unwrap()
            .password_hash,
        password_hash("changed")
    );
    assert_eq!(
        store.pending_jobs().await.unwrap(),
        1,
        "the notice is queued"
    );
    let log = store.audit_log(1).await.unwrap();
    assert_eq!(
        (log[0].action.as_str(), log[0].actor),
        (AuditAction::PasswordChanged.as_str(), Some(id))
    );

    let gone = PasswordChange {
        account: AccountId(id.0 + 1000),
        ..change
    };
    assert!(matches!(
        store.change_password(&gone).await,
        Err(StoreError::NotFound)
    ));
}

async fn updates_a_profile(store: &dyn Store) {
    let id = store
        .create_account(&confirmed_account("maelle@example.org"))
        .await
        .unwrap();
    let update = ProfileUpdate {
        account: id,
        display_name: DisplayName::parse("Maëlle Durand-Le Goff").unwrap(),
        language: Language::En,
        at: NOW,
    };
    store.update_profile(&update).await.unwrap();
    let account = store.account(id).await.unwrap();
    assert_eq!(account.display_name.as_str(), "Maëlle Durand-Le Goff");
    assert_eq!(account.language, Language::En);
    assert_eq!(
        actions(&store.audit_log(1).await.unwrap()),
        ["account.profile_updated"]
    );

    let missing = ProfileUpdate {
        account: AccountId(id.0 + 1000),
        ..update
    };
    assert!(matches!(
        store.update_profile(&missing).await,
        Err(StoreError::NotFound)
    ));
}

async fn expires_and_deletes_sessions(store: &dyn Store) {
    let id = store
        .create_account(&confirmed_account("visitor@asso.fr"))
        .await
        .unwrap();
    let browser = session(id, "browser");
    store.create_session(&browser).await.unwrap();
    assert!(matches!(
        store.create_session(&browser).await,
        Err(StoreError::Conflict)
    ));

    let before_expiry = Timestamp(browser.expires_at.0 - 1);
    assert_eq!(
        store
            .session_account(&browser.hash, before_expiry)
            .await
            .unwrap()
            .email,
        email("visitor@asso.fr")
    );
    assert!(matches!(
        store
            .session_account(&browser.hash, browser.expires_at)
            .await,
        Err(StoreError::NotFound)
    ));

    store.delete_session(&browser.hash).await.unwrap();
    assert!(matches!(
        store.session_account(&browser.hash, NOW).await,
        Err(StoreError::NotFound)
    ));
    store.delete_session(&browser.hash).await.unwrap();
}

async fn deletes_an_account_with_everything_it_owns(store: &dyn Store) {
    let id = store
        .create_account(&confirmed_account("leaving@asso.fr"))
        .await
        .unwrap();
    store.create_session(&session(id, "browser")).await.unwrap();
    let token = api_token(id, "ci", ApiTokenScope::Read);
    store.create_api_token(&token).await.unwrap();

    store.delete_account(id, NOW).await.unwrap();

    assert!(matches!(store.account(id).await, Err(StoreError::NotFound)));
    assert!(matches!(
        store.account_by_email(&email("leaving@asso.fr")).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.credentials(&email("leaving@asso.fr")).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.session_account(&hash("browser"), NOW).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.api_token_account(&token.hash, NOW).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.delete_account(id, NOW).await,
        Err(StoreError::NotFound)
    ));

    let log = store.audit_log(1).await.unwrap();
    assert_eq!(log[0].action, AuditAction::AccountDeleted.as_str());
    assert_eq!(
        (log[0].actor, log[0].subject.as_str()),
        (Some(id), format!("account:{id}").as_str())
    );
    store
        .create_account(&confirmed_account("leaving@asso.fr"))
        .await
        .unwrap();
}

async fn manages_api_tokens(store: &dyn Store) {
    let owner = store
        .create_account(&confirmed_account("owner@asso.fr"))
        .await
        .unwrap();
    let stranger = store
        .create_account(&confirmed_account("stranger@asso.fr"))
        .await
        .unwrap();
    let read = api_token(owner, "read", ApiTokenScope::Read);
    let write = api_token(owner, "write", ApiTokenScope::ReadWrite);
    let read_id = store.create_api_token(&read).await.unwrap();
    let write_id = store.create_api_token(&write).await.unwrap();
    assert!(matches!(
        store.create_api_token(&read).await,
        Err(StoreError::Conflict)
    ));

    let listed = store.api_tokens(owner).await.unwrap();
    assert_eq!(
        listed.iter().map(|token| token.id).collect::<Vec<_>>(),
        [read_id, write_id]
    );
    assert_eq!(listed[1].name.as_str(), "write");
    assert_eq!(listed[1].scope, ApiTokenScope::ReadWrite);
    assert_eq!((listed[0].created_at, listed[0].last_used_at), (NOW, None));
    assert!(store.api_tokens(stranger).await.unwrap().is_empty());

    let (account, scope) = store.api_token_account(&write.hash, NOW).await.unwrap();
    assert_eq!((account.id, scope), (owner, ApiTokenScope::ReadWrite));
    assert_eq!(last_used(store, owner, write_id).await, Some(NOW));
    store
        .api_token_account(&write.hash, Timestamp(NOW.0 + 30))
        .await
        .unwrap();
    assert_eq!(
        last_used(store, owner, write_id).await,
        Some(NOW),
        "a use within a minute is not written"
    );
    store
        .api_token_account(&write.hash, Timestamp(NOW.0 + 61))
        .await
        .unwrap();
    assert_eq!(
        last_used(store, owner, write_id).await,
        Some(Timestamp(NOW.0 + 61))
    );

    let refused = store.revoke_api_token(stranger, read_id, NOW).await;
    assert!(matches!(refused, Err(StoreError::NotFound)), "{refused:?}");
    assert_eq!(
        store.api_token_account(&read.hash, NOW).await.unwrap().1,
        ApiTokenScope::Read
    );

    store.revoke_api_token(owner, read_id, NOW).await.unwrap();
    assert!(matches!(
        store.api_token_account(&read.hash, NOW).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.revoke_api_token(owner, read_id, NOW).await,
        Err(StoreError::NotFound)
    ));
    let log = store.audit_log(10).await.unwrap();
    assert_eq!(
        actions(&log),
        [
            "api_token.revoked",
            "api_token.created",
            "api_token.created",
            "account.created",
            "account.created"
        ]
    );
    assert_eq!(
        (log[0].actor, log[0].subject.as_str()),
        (Some(owner), format!("api_token:{}", read_id.0).as_str())
    );
}

async fn enqueues_a_key_once(store: &dyn Store) {
    store.enqueue(&email_job("welcome")).await.unwrap();
    store.enqueue(&email_job("welcome")).await.unwrap();
    assert_eq!(store.pending_jobs().await.unwrap(), 1);
    let claimed = store.claim_jobs(&claim(NOW, 60, 10)).await.unwrap();
    assert_eq!(claimed.len(), 1);
    assert_eq!(claimed[0].key, "welcome");
    assert_eq!(
        JobPayload::from_json(&claimed[0].payload).unwrap(),
        JobPayload::SendEmail(
            email_job("welcome")
                .payload::<OutgoingEmail>()
                .unwrap()
                .clone()
        )
    );
}

async fn leases_claimed_jobs(store: &dyn Store) {
    for (key, run_at) in [
        ("second", NOW.0 - 10),
        ("first", NOW.0 - 20),
        ("third", NOW.0 - 5),
        ("later", NOW.0 + 100),
    ] {
        store
            .enqueue(&NewJob {
                run_at: Timestamp(run_at),
                ..email_job(key)
            })
            .await
            .unwrap();
    }

    let claimed = store.claim_jobs(&claim(NOW, 60, 2)).await.unwrap();
    assert_eq!(
        keys(&claimed),
        ["first", "second"],
        "oldest first, at most the limit"
    );
    assert!(claimed.iter().all(|job| job.attempts == 1));
    assert_eq!(
        keys(&store.claim_jobs(&claim(NOW, 60, 10)).await.unwrap()),
        ["third"]
    );
    assert!(
        store
            .claim_jobs(&claim(Timestamp(NOW.0 + 59), 60, 10))
            .await
            .unwrap()
            .is_empty(),
        "leased"
    );

    let after_lease = store
        .claim_jobs(&claim(Timestamp(NOW.0 + 60), 60, 2))
        .await
        .unwrap();
    assert_eq!(
        keys(&after_lease),
        ["first", "second"],
        "a lapsed lease frees the job"
    );
    assert!(after_lease.iter().all(|job| job.attempts == 2));
    let later = store
        .claim_jobs(&claim(Timestamp(NOW.0 + 100), 60, 10))
        .await
        .unwrap();
    assert_eq!(
        keys(&later),
        ["third", "later"],
        "third's lease lapsed, later became due"
    );
    assert_eq!(store.pending_jobs().await.unwrap(), 4);
}

async fn completes_retries_and_gives_up_jobs(store: &dyn Store) {
    for key in ["done", "retried", "abandoned"] {
        store.enqueue(&email_job(key)).await.unwrap();
    }
    let claimed = store.claim_jobs(&claim(NOW, 60, 10)).await.unwrap();
    let id = |key: &str| claimed.iter().find(|job| job.key == key).unwrap().id;

    store.complete_jobs(&[id("done")], NOW).await.unwrap();
    store
        .fail_job(id("retried"), "smtp timeout", Some(Timestamp(NOW.0 + 30)))
        .await
        .unwrap();
    store
        .fail_job(id("abandoned"), "bad address", None)
        .await
        .unwrap();
    assert_eq!(
        store.pending_jobs().await.unwrap(),
        1,
        "only the retried job is pending"
    );

    assert!(
        store
            .claim_jobs(&claim(Timestamp(NOW.0 + 29), 60, 10))
            .await
            .unwrap()
            .is_empty()
    );
    let retried = store
        .claim_jobs(&claim(Timestamp(NOW.0 + 30), 60, 10))
        .await
        .unwrap();
    assert_eq!(
        keys(&retried),
        ["retried"],
        "a failure releases the lease and waits for retry_at"
    );
    assert_eq!(retried[0].attempts, 2);
    store
        .complete_jobs(&[retried[0].id], Timestamp(NOW.0 + 31))
        .await
        .unwrap();
    assert_eq!(store.pending_jobs().await.unwrap(), 0);
    assert!(
        store
            .claim_jobs(&claim(Timestamp(NOW.0 + 1000), 60, 10))
            .await
            .unwrap()
            .is_empty(),
        "none comes back"
    );
}

async fn lists_the_audit_log_newest_first(store: &dyn Store) {
    let mut ids = Vec::new();
    for (index, address) in ["a@asso.fr", "b@asso.fr", "c@asso.fr"]
        .into_iter()
        .enumerate()
    {
        let account = NewAccount {
            at: Timestamp(NOW.0 + i64::try_from(index).unwrap()),
            ..confirmed_account(address)
        };
        ids.push(store.create_account(&account).await.unwrap());
    }
    let log = store.audit_log(2).await.unwrap();
    assert_eq!(log.len(), 2, "the limit holds");
    assert_eq!(
        log.iter().map(|entry| entry.actor).collect::<Vec<_>>(),
        [Some(ids[2]), Some(ids[1])]
    );
    assert_eq!(log[0].at, Timestamp(NOW.0 + 2));
    assert_eq!(store.audit_log(100).await.unwrap().len(), 3);
}

async fn replaces_roles_and_audits_the_change(store: &dyn Store) {
    let admin = store
        .set_up_instance(&instance_setup("admin@asso.fr"))
        .await
        .unwrap();
    let member = person(store, "yann@asso.fr", "Yann").await;
    let change = RolesChange {
        account: member,
        roles: vec![Role::Treasurer, Role::BureauMember, Role::Treasurer],
        by: admin,
        at: NOW,
    };
    store.set_roles(&change).await.unwrap();
    assert_eq!(
        store.account(member).await.unwrap().roles,
        [Role::BureauMember, Role::Treasurer]
    );

    store
        .set_roles(&RolesChange {
            roles: vec![Role::Moderator],
            ..change.clone()
        })
        .await
        .unwrap();
    assert_eq!(
        store.account(member).await.unwrap().roles,
        [Role::Moderator]
    );
    assert_eq!(
        store.account(admin).await.unwrap().roles,
        [Role::Administrator],
        "only the account's roles change"
    );
    store
        .set_roles(&RolesChange {
            roles: Vec::new(),
            ..change.clone()
        })
        .await
        .unwrap();
    assert!(store.account(member).await.unwrap().roles.is_empty());

    let missing = store
        .set_roles(&RolesChange {
            account: AccountId(member.0 + 1000),
            ..change
        })
        .await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");

    let log = store.audit_log(10).await.unwrap();
    assert_eq!(
        actions(&log[..3]),
        ["account.roles_changed"; 3],
        "the refused change is not logged"
    );
    assert_eq!(
        (log[0].actor, log[0].subject.as_str()),
        (Some(admin), format!("account:{member}").as_str())
    );
}

async fn lists_people_by_name(store: &dyn Store) {
    let zoe = person(store, "zoe@asso.fr", "Zoé").await;
    let anna = person(store, "anna@asso.fr", "Anna").await;
    let other_anna = person(store, "anna2@asso.fr", "Anna").await;
    store
        .set_roles(&RolesChange {
            account: zoe,
            roles: vec![Role::Treasurer, Role::Administrator],
            by: zoe,
            at: NOW,
        })
        .await
        .unwrap();
    store
        .save_profile(&ProfileSave {
            account: other_anna,
            details: ProfileDetails {
                public: true,
                ..ProfileDetails::default()
            },
            at: NOW,
        })
        .await
        .unwrap();

    let everyone = store.find_people(&everyone()).await.unwrap();
    assert_eq!(everyone.total, 3);
    let people = everyone.items;
    assert_eq!(
        people.iter().map(|p| p.account).collect::<Vec<_>>(),
        [anna, other_anna, zoe],
        "by name, then by id"
    );
    let find = |words: &str, offset, limit| NameSearch {
        words: words.to_owned(),
        offset,
        limit,
    };
    let found = |query: NameSearch| async move {
        let found = store.find_people(&query).await.unwrap();
        let accounts: Vec<AccountId> = found.items.iter().map(|p| p.account).collect();
        (accounts, found.total)
    };
    assert_eq!(
        found(find("", 1, 1)).await,
        (vec![other_anna], 3),
        "a page, with its roles"
    );
    assert_eq!(found(find("ZOE@", 0, 10)).await, (vec![zoe], 1), "by email");
    assert_eq!(
        found(find("ann", 0, 10)).await,
        (vec![anna, other_anna], 2),
        "part of a name, in any case"
    );
    assert_eq!(
        found(find("%", 0, 10)).await,
        (vec![], 0),
        "the words are taken literally"
    );
    assert_eq!(people[2].display_name.as_str(), "Zoé");
    assert_eq!(people[2].email, email("zoe@asso.fr"));
    assert_eq!(people[2].roles, [Role::Administrator, Role::Treasurer]);
    assert!(people[0].roles.is_empty());
    assert_eq!(
        people.iter().map(|p| p.public).collect::<Vec<_>>(),
        [false, true, false]
    );
}

async fn saves_and_reads_a_profile(store: &dyn Store) {
    let id = person(store, "maelle@asso.fr", "Maëlle").await;
    let terranis = store
        .create_organisation(&organisation_save("TerraNIS", id))
        .await
        .unwrap();
    let fresh = store.profile(id).await.unwrap();
    assert_eq!(fresh.account, id);
    assert_eq!(fresh.display_name.as_str(), "Maëlle");
    assert_eq!(fresh.details, ProfileDetails::default());
    assert_eq!(fresh.reviewed_at, None);

    let details = ProfileDetails {
        job_title: "Géomaticienne".to_owned(),
        employer: Employer::Organisation(terranis, String::new()),
        bio: "Cartes et données.\nDepuis 2010.".to_owned(),
        expertise: vec!["réseaux".to_owned(), "Cloud".to_owned()],
        languages: vec!["français".to_owned(), "English".to_owned()],
        public: true,
    };
    store
        .save_profile(&ProfileSave {
            account: id,
            details: details.clone(),
            at: NOW,
        })
        .await
        .unwrap();
    let saved = store.profile(id).await.unwrap();
    assert_eq!(
        saved.details,
        ProfileDetails {
            employer: Employer::Organisation(terranis, "TerraNIS".to_owned()),
            ..details
        },
        "the employer's name is filled in"
    );
    assert_eq!(saved.reviewed_at, Some(NOW), "saving is a review");

    let later = Timestamp(NOW.0 + 3600);
    store.confirm_profile_current(id, later).await.unwrap();
    let confirmed = store.profile(id).await.unwrap();
    assert_eq!(confirmed.reviewed_at, Some(later));
    assert_eq!(confirmed.details, saved.details);
    assert!(matches!(
        store
            .confirm_profile_current(AccountId(id.0 + 1000), later)
            .await,
        Err(StoreError::NotFound)
    ));

    let freelance = ProfileDetails {
        employer: Employer::Other("Indépendante".to_owned()),
        ..ProfileDetails::default()
    };
    store
        .save_profile(&ProfileSave {
            account: id,
            details: freelance.clone(),
            at: later,
        })
        .await
        .unwrap();
    assert_eq!(store.profile(id).await.unwrap().details, freelance);

    let log = store.audit_log(10).await.unwrap();
    assert_eq!(
        actions(&log),
        [
            "profile.saved",
            "profile.saved",
            "organisation.created",
            "account.created"
        ]
    );
    assert_eq!(
        (log[0].actor, log[0].subject.as_str()),
        (Some(id), format!("account:{id}").as_str())
    );
    assert!(matches!(
        store.profile(AccountId(id.0 + 1000)).await,
        Err(StoreError::NotFound)
    ));
}

async fn refuses_a_profile_with_an_unknown_employer(store: &dyn Store) {
    let id = person(store, "gwen@asso.fr", "Gwen").await;
    let before = store.profile(id).await.unwrap();
    let refused = store
        .save_profile(&ProfileSave {
            account: id,
            details: ProfileDetails {
                job_title: "Développeuse".to_owned(),
                employer: Employer::Organisation(OrganisationId(4242), String::new()),
                ..ProfileDetails::default()
            },
            at: NOW,
        })
        .await;
    assert!(matches!(refused, Err(StoreError::NotFound)), "{refused:?}");
    assert_eq!(store.profile(id).await.unwrap(), before);
    assert_eq!(
        actions(&store.audit_log(10).await.unwrap()),
        ["account.created"]
    );
}

async fn sets_the_membership_policy(store: &dyn Store) {
    assert_eq!(
        store.membership_policy().await.unwrap(),
        MembershipPolicy::Both
    );
    let admin = store
        .set_up_instance(&instance_setup("admin@asso.fr"))
        .await
        .unwrap();
    assert_eq!(
        store.membership_policy().await.unwrap(),
        MembershipPolicy::Both
    );
    store
        .set_membership_policy(MembershipPolicy::OrganisationsOnly, admin, NOW)
        .await
        .unwrap();
    assert_eq!(
        store.membership_policy().await.unwrap(),
        MembershipPolicy::OrganisationsOnly
    );
    let log = store.audit_log(1).await.unwrap();
    assert_eq!(actions(&log), ["settings.membership_policy"]);
    assert_eq!(
        (log[0].actor, log[0].subject.as_str()),
        (Some(admin), "association")
    );
}

async fn manages_organisations(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let zenika = store
        .create_organisation(&organisation_save("Zenika", admin))
        .await
        .unwrap();
    let detailed = OrganisationSave {
        fields: OrganisationFields {
            category: OrganisationCategory::ResearchUnit,
            website: Some(WebAddress::parse("website", "https://irisa.fr").unwrap()),
            logo_url: Some(WebAddress::parse("logo_url", "https://irisa.fr/logo.png").unwrap()),
            description: "Recherche en informatique.".to_owned(),
            size: Some(850),
            ..organisation_save("IRISA", admin).fields
        },
        ..organisation_save("IRISA", admin)
    };
    let irisa = store.create_organisation(&detailed).await.unwrap();

    let read = store.organisation(irisa).await.unwrap();
    assert_eq!(
        (read.id, &read.fields, read.created_at),
        (irisa, &detailed.fields, NOW)
    );
    let listed = store.organisations().await.unwrap();
    assert_eq!(
        listed.iter().map(|o| o.id).collect::<Vec<_>>(),
        [irisa, zenika],
        "by name"
    );
    assert_eq!(listed[1].fields.website, None);
    assert_eq!(listed[1].fields.size, None);

    let renamed = organisation_save("Atos", admin);
    store.update_organisation(zenika, &renamed).await.unwrap();
    assert_eq!(
        store.organisation(zenika).await.unwrap().fields,
        renamed.fields
    );
    assert_eq!(
        store.organisations().await.unwrap()[0].id,
        zenika,
        "listed under its new name"
    );

    let taken = store
        .create_organisation(&organisation_save("IRISA", admin))
        .await;
    assert!(matches!(taken, Err(StoreError::Conflict)), "{taken:?}");
    assert!(matches!(
        store
            .update_organisation(zenika, &organisation_save("IRISA", admin))
            .await,
        Err(StoreError::Conflict)
    ));
    let missing = OrganisationId(irisa.0 + 1000);
    assert!(matches!(
        store.update_organisation(missing, &renamed).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.organisation(missing).await,
        Err(StoreError::NotFound)
    ));

    let log = store.audit_log(10).await.unwrap();
    assert_eq!(
        actions(&log),
        [
            "organisation.updated",
            "organisation.created",
            "organisation.created",
            "account.created"
        ]
    );
    assert_eq!(
        (log[0].actor, log[0].subject.as_str()),
        (Some(admin), format!("organisation:{zenika}").as_str())
    );
}

async fn affiliates_people_with_one_representative(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let erwan = person(store, "erwan@asso.fr", "Erwan").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let acme = store
        .create_organisation(&organisation_save("Acme", admin))
        .await
        .unwrap();
    let other = store
        .create_organisation(&organisation_save("Bzh Data", admin))
        .await
        .unwrap();
    let affiliation = |account, organisation, representative| NewAffiliation {
        account,
        organisation,
        representative,
        by: admin,
        at: NOW,
    };

    store
        .affiliate(&affiliation(erwan, acme, true))
        .await
        .unwrap();
    store
        .affiliate(&affiliation(erwan, other, true))
        .await
        .unwrap();
    store
        .affiliate(&affiliation(priya, acme, true))
        .await
        .unwrap();
    let representatives = |affiliations: &[cercle_core::register::people::Affiliation]| {
        affiliations
            .iter()
            .map(|a| (a.person.clone(), a.representative))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        representatives(&store.affiliations_of_organisation(acme).await.unwrap()),
        [("Erwan".to_owned(), false), ("Priya".to_owned(), true)],
        "a new representative unmakes the previous one"
    );
    assert_eq!(
        representatives(&store.affiliations_of_organisation(other).await.unwrap()),
        [("Erwan".to_owned(), true)],
        "other organisations keep theirs"
    );

    store
        .affiliate(&affiliation(priya, acme, false))
        .await
        .unwrap();
    let of_acme = store.affiliations_of_organisation(acme).await.unwrap();
    assert_eq!(of_acme.len(), 2, "updated, not duplicated");
    assert!(of_acme.iter().all(|a| !a.representative));

    let of_erwan = store.affiliations_of_person(erwan).await.unwrap();
    assert_eq!(
        of_erwan
            .iter()
            .map(|a| (a.account, a.organisation, a.organisation_name.as_str()))
            .collect::<Vec<_>>(),
        [(erwan, acme, "Acme"), (erwan, other, "Bzh Data")]
    );

    store.unaffiliate(erwan, acme, admin, NOW).await.unwrap();
    assert_eq!(store.affiliations_of_person(erwan).await.unwrap().len(), 1);
    let again = store.unaffiliate(erwan, acme, admin, NOW).await;
    assert!(matches!(again, Err(StoreError::NotFound)), "{again:?}");
    let unknown = store
        .affiliate(&affiliation(erwan, OrganisationId(other.0 + 1000), false))
        .await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");

    let log = store.audit_log(5).await.unwrap();
    assert_eq!(
        actions(&log),
        [
            "organisation.unaffiliated",
            "organisation.affiliated",
            "organisation.affiliated",
            "organisation.affiliated",
            "organisation.affiliated"
        ]
    );
    assert_eq!(
        (log[0].actor, log[0].subject.as_str()),
        (
            Some(admin),
            format!("organisation:{acme}/account:{erwan}").as_str()
        )
    );
}

async fn creates_and_reads_plans(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let company = plan_save("Entreprise", HolderKind::Organisation, admin);
    let company_id = store.create_plan(&company).await.unwrap();
    let individual = PlanSave {
        fields: PlanFields {
            period: BillingPeriod::Monthly,
            prices: vec![PriceBand {
                min_size: 0,
                amount: Amount(500),
            }],
            services: Vec::new(),
            ..plan_save("Adhésion individuelle", HolderKind::Person, admin).fields
        },
        ..plan_save("Adhésion individuelle", HolderKind::Person, admin)
    };
    let individual_id = store.create_plan(&individual).await.unwrap();

    let read = store.plan(company_id).await.unwrap();
    assert_eq!((read.id, &read.fields), (company_id, &company.fields));
    assert_eq!(read.fields.price_for(Some(60)), Amount(120_000));
    let listed = store.plans().await.unwrap();
    assert_eq!(
        listed.iter().map(|p| p.id).collect::<Vec<_>>(),
        [individual_id, company_id],
        "by name"
    );
    assert_eq!(listed[0].fields, individual.fields);

    let taken = store.create_plan(&company).await;
    assert!(matches!(taken, Err(StoreError::Conflict)), "{taken:?}");
    assert!(matches!(
        store.plan(PlanId(company_id.0 + 1000)).await,
        Err(StoreError::NotFound)
    ));
    let log = store.audit_log(1).await.unwrap();
    assert_eq!(actions(&log), ["plan.created"]);
    assert_eq!(
        (log[0].actor, log[0].subject.as_str()),
        (Some(admin), format!("plan:{}", individual_id.0).as_str())
    );
}

async fn records_memberships_periods_and_payments(store: &dyn Store) {
    let treasurer = person(store, "tresor@asso.fr", "Trésorière").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let plan = store
        .create_plan(&plan_save("Individuel", HolderKind::Person, treasurer))
        .await
        .unwrap();
    let id = store
        .create_membership(&new_membership(
            Holder::Person(priya),
            plan,
            ("2026-01-01", "2026-12-31", 3000),
            treasurer,
        ))
        .await
        .unwrap();

    let membership = store.membership(id).await.unwrap();
    assert_eq!(
        (
            membership.id,
            membership.holder,
            membership.holder_name.as_str(),
            membership.plan,
            membership.plan_name.as_str(),
            membership.currency.as_str(),
            membership.status,
            membership.created_at,
        ),
        (
            id,
            Holder::Person(priya),
            "Priya",
            plan,
            "Individuel",
            "EUR",
            MembershipStatus::Active,
            NOW
        )
    );
    assert_eq!(membership.periods.len(), 1);
    let first = membership.periods[0].clone();
    assert_eq!(
        (first.starts_on, first.ends_on, first.amount_due),
        (date("2026-01-01"), date("2026-12-31"), Amount(3000))
    );
    assert!(membership.payments.is_empty());
    assert!(matches!(
        membership.standing(date("2026-06-01")),
        Standing::Unpaid { .. }
    ));

    let payment = NewPayment {
        membership: id,
        period: first.id,
        amount: Amount(3000),
        paid_on: date("2026-01-15"),
        method: PaymentMethod::Transfer,
        reference: "VIR 2026-001".to_owned(),
        by: treasurer,
        at: NOW,
    };
    let payment_id = store.record_payment(&payment).await.unwrap();
    let paid = store.membership(id).await.unwrap();
    assert_eq!(
        paid.standing(date("2026-06-01")),
        Standing::Good {
            until: date("2026-12-31")
        }
    );
    let recorded = &paid.payments[0];
    assert_eq!(
        (
            recorded.id,
            recorded.period,
            recorded.amount,
            recorded.paid_on,
            recorded.method,
            recorded.reference.as_str(),
            recorded.recorded_by,
            recorded.recorded_at
        ),
        (
            payment_id,
            first.id,
            Amount(3000),
            date("2026-01-15"),
            PaymentMethod::Transfer,
            "VIR 2026-001",
            Some(treasurer),
            NOW
        )
    );

    let next = store
        .add_period(
            id,
            &period("2027-01-01", "2027-12-31", 3500),
            treasurer,
            NOW,
        )
        .await
        .unwrap();
    store
        .record_payment(&NewPayment {
            period: next,
            amount: Amount(3500),
            paid_on: date("2026-12-20"),
            method: PaymentMethod::Card,
            reference: String::new(),
            ..payment.clone()
        })
        .await
        .unwrap();
    let renewed = store.membership(id).await.unwrap();
    assert_eq!(
        renewed.periods.iter().map(|p| p.id).collect::<Vec<_>>(),
        [first.id, next],
        "oldest first"
    );
    assert_eq!(
        renewed
            .payments
            .iter()
            .map(|p| p.period)
            .collect::<Vec<_>>(),
        [first.id, next],
        "oldest first"
    );
    assert_eq!(
        renewed.standing(date("2026-06-01")),
        Standing::Good {
            until: date("2027-12-31")
        }
    );
    assert!(matches!(
        store
            .add_period(
                MembershipId(id.0 + 1000),
                &period("2027-01-01", "2027-12-31", 0),
                treasurer,
                NOW
            )
            .await,
        Err(StoreError::NotFound)
    ));

    let change = StatusChange {
        membership: id,
        status: MembershipStatus::Resigned,
        by: Some(treasurer),
        at: NOW,
    };
    store.set_membership_status(&change).await.unwrap();
    let resigned = store.membership(id).await.unwrap();
    assert_eq!(resigned.status, MembershipStatus::Resigned);
    assert_eq!(
        resigned.standing(date("2026-06-01")),
        Standing::NotActive(MembershipStatus::Resigned)
    );
    assert!(matches!(
        store
            .set_membership_status(&StatusChange {
                membership: MembershipId(id.0 + 1000),
                ..change
            })
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.membership(MembershipId(id.0 + 1000)).await,
        Err(StoreError::NotFound)
    ));
    let unknown_plan = store
        .create_membership(&new_membership(
            Holder::Person(priya),
            PlanId(plan.0 + 1000),
            ("2026-01-01", "2026-12-31", 0),
            treasurer,
        ))
        .await;
    assert!(
        matches!(unknown_plan, Err(StoreError::NotFound)),
        "{unknown_plan:?}"
    );
    let unknown_holder = store
        .create_membership(&new_membership(
            Holder::Organisation(OrganisationId(1000)),
            plan,
            ("2026-01-01", "2026-12-31", 0),
            treasurer,
        ))
        .await;
    assert!(
        matches!(unknown_holder, Err(StoreError::NotFound)),
        "{unknown_holder:?}"
    );

    let log = store.audit_log(6).await.unwrap();
    assert_eq!(
        actions(&log),
        [
            "membership.status_changed",
            "membership.payment_recorded",
            "membership.period_added",
            "membership.payment_recorded",
            "membership.created",
            "plan.created"
        ]
    );
    assert!(
        log[..5]
            .iter()
            .all(|entry| entry.actor == Some(treasurer)
                && entry.subject == format!("membership:{id}"))
    );
}

async fn refuses_a_payment_for_another_memberships_period(store: &dyn Store) {
    let treasurer = person(store, "tresor@asso.fr", "Trésorière").await;
    let plan = store
        .create_plan(&plan_save("Individuel", HolderKind::Person, treasurer))
        .await
        .unwrap();
    let mut ids = Vec::new();
    for address in ["a@asso.fr", "b@asso.fr"] {
        let holder = person(store, address, address).await;
        ids.push(
            store
                .create_membership(&new_membership(
                    Holder::Person(holder),
                    plan,
                    ("2026-01-01", "2026-12-31", 3000),
                    treasurer,
                ))
                .await
                .unwrap(),
        );
    }
    let other_period = store.membership(ids[1]).await.unwrap().periods[0].id;
    let refused = store
        .record_payment(&NewPayment {
            membership: ids[0],
            period: other_period,
            amount: Amount(3000),
            paid_on: date("2026-01-15"),
            method: PaymentMethod::Cheque,
            reference: String::new(),
            by: treasurer,
            at: NOW,
        })
        .await;
    assert!(matches!(refused, Err(StoreError::NotFound)), "{refused:?}");
    let unknown = store
        .record_payment(&NewPayment {
            membership: ids[0],
            period: PeriodId(other_period.0 + 1000),
            amount: Amount(3000),
            paid_on: date("2026-01-15"),
            method: PaymentMethod::Cheque,
            reference: String::new(),
            by: treasurer,
            at: NOW,
        })
        .await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");
    for membership in all_memberships(store).await {
        assert!(membership.payments.is_empty(), "{membership:?}");
    }
    assert_eq!(
        store.audit_log(1).await.unwrap()[0].action,
        "membership.created"
    );
}

async fn lists_memberships_newest_first_and_by_holder(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let acme = store
        .create_organisation(&organisation_save("Acme", admin))
        .await
        .unwrap();
    let individual = store
        .create_plan(&plan_save("Individuel", HolderKind::Person, admin))
        .await
        .unwrap();
    let company = store
        .create_plan(&plan_save("Entreprise", HolderKind::Organisation, admin))
        .await
        .unwrap();
    let own = store
        .create_membership(&new_membership(
            Holder::Person(priya),
            individual,
            ("2026-01-01", "2026-12-31", 3000),
            admin,
        ))
        .await
        .unwrap();
    let organisation = store
        .create_membership(&NewMembership {
            at: Timestamp(NOW.0 + 1),
            ..new_membership(
                Holder::Organisation(acme),
                company,
                ("2026-03-01", "2027-02-28", 50_000),
                admin,
            )
        })
        .await
        .unwrap();
    store
        .add_period(
            organisation,
            &period("2027-03-01", "2028-02-29", 50_000),
            admin,
            NOW,
        )
        .await
        .unwrap();

    let all = all_memberships(store).await;
    assert_eq!(
        all.iter().map(|m| m.id).collect::<Vec<_>>(),
        [organisation, own],
        "newest first"
    );
    assert_eq!(
        (all[0].holder_name.as_str(), all[0].plan_name.as_str()),
        ("Acme", "Entreprise")
    );
    assert_eq!(all[0].periods.len(), 2);
    assert_eq!(all[1].periods.len(), 1);
    assert_eq!(all[0], store.membership(organisation).await.unwrap());
    let one = NonZeroU32::new(1).unwrap();
    let first = store.memberships_after(None, one).await.unwrap();
    assert_eq!(first, [all[1].clone()], "in id order, with its periods");
    let next = store.memberships_after(Some(own), one).await.unwrap();
    assert_eq!(next, [all[0].clone()], "after the previous page");
    assert!(
        store
            .memberships_after(Some(organisation), one)
            .await
            .unwrap()
            .is_empty()
    );

    let held = store
        .memberships_held_by(Holder::Organisation(acme))
        .await
        .unwrap();
    assert_eq!(held, [all[0].clone()]);
    let held = store
        .memberships_held_by(Holder::Person(priya))
        .await
        .unwrap();
    assert_eq!(held, [all[1].clone()]);
    assert!(
        store
            .memberships_held_by(Holder::Person(admin))
            .await
            .unwrap()
            .is_empty()
    );
}

async fn deletes_an_accounts_memberships_with_it(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let leaving = person(store, "leaving@asso.fr", "Leaving").await;
    let acme = store
        .create_organisation(&organisation_save("Acme", admin))
        .await
        .unwrap();
    store
        .affiliate(&NewAffiliation {
            account: leaving,
            organisation: acme,
            representative: true,
            by: admin,
            at: NOW,
        })
        .await
        .unwrap();
    let plan = store
        .create_plan(&plan_save("Individuel", HolderKind::Person, admin))
        .await
        .unwrap();
    let id = store
        .create_membership(&new_membership(
            Holder::Person(leaving),
            plan,
            ("2026-01-01", "2026-12-31", 3000),
            admin,
        ))
        .await
        .unwrap();
    let period = store.membership(id).await.unwrap().periods[0].id;
    store
        .record_payment(&NewPayment {
            membership: id,
            period,
            amount: Amount(3000),
            paid_on: date("2026-01-15"),
            method: PaymentMethod::Cash,
            reference: String::new(),
            by: admin,
            at: NOW,
        })
        .await
        .unwrap();

    store.delete_account(leaving, NOW).await.unwrap();
    assert!(matches!(
        store.membership(id).await,
        Err(StoreError::NotFound)
    ));
    assert!(all_memberships(store).await.is_empty());
    assert!(
        store
            .memberships_held_by(Holder::Person(leaving))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .affiliations_of_organisation(acme)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(store.plan(plan).await.unwrap().id, plan, "the plan stays");
}

async fn sets_the_admission_settings(store: &dyn Store) {
    assert_eq!(
        store.admission_settings().await.unwrap(),
        AdmissionSettings::default()
    );
    let settings = AdmissionSettings {
        decisions_outside_sessions: true,
        contribution_inactivity_days: Some(365),
    };
    let before_setup = store
        .set_admission_settings(settings, AccountId(1), NOW)
        .await;
    assert!(
        matches!(before_setup, Err(StoreError::NotFound)),
        "{before_setup:?}"
    );

    let admin = store
        .set_up_instance(&instance_setup("admin@asso.fr"))
        .await
        .unwrap();
    assert_eq!(
        store.admission_settings().await.unwrap(),
        AdmissionSettings::default()
    );
    store
        .set_admission_settings(settings, admin, NOW)
        .await
        .unwrap();
    assert_eq!(store.admission_settings().await.unwrap(), settings);
    store
        .set_admission_settings(AdmissionSettings::default(), admin, NOW)
        .await
        .unwrap();
    assert_eq!(
        store.admission_settings().await.unwrap(),
        AdmissionSettings::default()
    );
    let log = store.audit_log(1).await.unwrap();
    assert_eq!(actions(&log), ["settings.admission"]);
    assert_eq!(
        (log[0].actor, log[0].subject.as_str()),
        (Some(admin), "association")
    );
}

async fn refuses_a_second_pending_application_and_withdraws_only_its_own(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let plan = store
        .create_plan(&plan_save("Individuel", HolderKind::Person, admin))
        .await
        .unwrap();
    let first = store
        .create_application(&application(priya, plan, "2026-03-01"))
        .await
        .unwrap();
    let second = store
        .create_application(&application(priya, plan, "2026-03-01"))
        .await;
    assert!(matches!(second, Err(StoreError::Conflict)), "{second:?}");
    let unknown_plan = store
        .create_application(&application(admin, PlanId(plan.0 + 1000), "2026-03-01"))
        .await;
    assert!(
        matches!(unknown_plan, Err(StoreError::NotFound)),
        "{unknown_plan:?}"
    );

    let read = store.application(first).await.unwrap();
    assert_eq!(
        (
            read.applicant,
            read.applicant_name.as_str(),
            read.plan_name.as_str(),
            read.organisation.clone(),
            read.motivation.as_str(),
            read.status,
            read.session,
            read.decision.clone(),
        ),
        (
            priya,
            "Priya",
            "Individuel",
            None,
            "Pour contribuer",
            ApplicationStatus::Pending,
            None,
            None
        )
    );

    let by_other = store.withdraw_application(first, admin, NOW).await;
    assert!(
        matches!(by_other, Err(StoreError::NotFound)),
        "{by_other:?}"
    );
    store.withdraw_application(first, priya, NOW).await.unwrap();
    let again = store.withdraw_application(first, priya, NOW).await;
    assert!(matches!(again, Err(StoreError::NotFound)), "{again:?}");
    assert_eq!(
        store.application(first).await.unwrap().status,
        ApplicationStatus::Withdrawn
    );

    let renewed = store
        .create_application(&application(priya, plan, "2026-03-02"))
        .await
        .unwrap();
    assert_eq!(
        store
            .applications_of(priya)
            .await
            .unwrap()
            .iter()
            .map(|a| a.id)
            .collect::<Vec<_>>(),
        [renewed, first],
        "newest first"
    );
    assert!(store.applications_of(admin).await.unwrap().is_empty());
    assert_eq!(store.applications().await.unwrap().len(), 2);
    assert!(matches!(
        store.application(ApplicationId(renewed.0 + 1000)).await,
        Err(StoreError::NotFound)
    ));
    let log = store.audit_log(3).await.unwrap();
    assert_eq!(
        actions(&log),
        [
            "application.submitted",
            "application.withdrawn",
            "application.submitted"
        ]
    );
    assert_eq!(
        (log[1].actor, log[1].subject.as_str()),
        (Some(priya), format!("application:{}", first.0).as_str())
    );
}

async fn puts_applications_on_the_next_sessions_agenda(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Zoé Admin").await;
    let bruno = person(store, "bruno@asso.fr", "Bruno").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let carl = person(store, "carl@asso.fr", "Carl").await;
    let plan = store
        .create_plan(&plan_save("Individuel", HolderKind::Person, admin))
        .await
        .unwrap();
    let unscheduled = store
        .create_application(&application(priya, plan, "2026-03-01"))
        .await
        .unwrap();
    assert_eq!(store.application(unscheduled).await.unwrap().session, None);

    let march = store
        .create_bureau_session(&bureau_session("2026-03-10", vec![admin, bruno], admin))
        .await
        .unwrap();
    assert_eq!(
        store.application(unscheduled).await.unwrap().session,
        Some(march),
        "a new session gathers the unscheduled pending applications"
    );
    let april = store
        .create_bureau_session(&bureau_session("2026-04-14", Vec::new(), admin))
        .await
        .unwrap();
    let upcoming = store
        .create_application(&application(bruno, plan, "2026-03-10"))
        .await
        .unwrap();
    let late = store
        .create_application(&application(carl, plan, "2026-05-01"))
        .await
        .unwrap();
    assert_eq!(
        store.application(upcoming).await.unwrap().session,
        Some(march),
        "the first session on or after today"
    );
    assert_eq!(store.application(late).await.unwrap().session, None);

    let read = store.bureau_session(march).await.unwrap();
    assert_eq!(
        (
            read.held_on,
            read.title.as_str(),
            read.attendees.clone(),
            read.notes.as_str(),
            read.agenda.clone(),
            read.created_at
        ),
        (
            date("2026-03-10"),
            "Bureau du 2026-03-10",
            vec![(bruno, "Bruno".to_owned()), (admin, "Zoé Admin".to_owned())],
            "",
            vec![unscheduled, upcoming],
            NOW
        )
    );
    assert!(store.bureau_session(april).await.unwrap().agenda.is_empty());
    let june = store
        .create_bureau_session(&bureau_session("2026-06-02", Vec::new(), admin))
        .await
        .unwrap();
    assert_eq!(store.bureau_session(june).await.unwrap().agenda, [late]);
    assert_eq!(
        store
            .bureau_sessions()
            .await
            .unwrap()
            .iter()
            .map(|s| s.id)
            .collect::<Vec<_>>(),
        [june, april, march],
        "newest first"
    );
    assert!(matches!(
        store.bureau_session(SessionId(june.0 + 1000)).await,
        Err(StoreError::NotFound)
    ));
    let log = store.audit_log(1).await.unwrap();
    assert_eq!(actions(&log), ["bureau_session.created"]);
    assert_eq!(
        (log[0].actor, log[0].subject.as_str()),
        (Some(admin), format!("bureau_session:{}", june.0).as_str())
    );
}

async fn accepts_an_application_for_a_person(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let plan = store
        .create_plan(&plan_save("Individuel", HolderKind::Person, admin))
        .await
        .unwrap();
    let id = store
        .create_application(&application(priya, plan, "2026-03-01"))
        .await
        .unwrap();
    let session = store
        .create_bureau_session(&bureau_session("2026-03-10", vec![admin], admin))
        .await
        .unwrap();
    let membership = new_membership(
        Holder::Person(priya),
        plan,
        ("2026-03-10", "2027-03-09", 3000),
        admin,
    );
    let opened = store
        .decide_application(&decision(
            id,
            Verdict::Accept { membership },
            Some(session),
            admin,
        ))
        .await
        .unwrap()
        .expect("an acceptance opens a membership");

    let read = store.membership(opened).await.unwrap();
    assert_eq!((read.holder, read.plan), (Holder::Person(priya), plan));
    assert_eq!(read.periods.len(), 1);
    assert_eq!(
        store.pending_jobs().await.unwrap(),
        1,
        "the notice is queued"
    );
    let accepted = store.application(id).await.unwrap();
    assert_eq!(accepted.status, ApplicationStatus::Accepted);
    assert_eq!(accepted.session, Some(session));
    let decided = accepted.decision.expect("decided");
    assert_eq!(
        (
            decided.reason.as_str(),
            decided.decided_by,
            decided.decided_by_name.as_str(),
            decided.decided_at,
            decided.session,
            decided.membership
        ),
        (
            "Bienvenue",
            admin,
            "Admin",
            NOW,
            Some(session),
            Some(opened)
        )
    );
    assert_eq!(
        store.bureau_session(session).await.unwrap().agenda,
        [id],
        "a decided application stays on its agenda"
    );
    let log = store.audit_log(2).await.unwrap();
    assert_eq!(
        actions(&log),
        ["application.accepted", "membership.created"]
    );
    assert_eq!(
        (log[0].actor, log[0].subject.as_str()),
        (Some(admin), format!("application:{}", id.0).as_str())
    );
}

async fn accepts_an_application_for_an_organisation(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let erwan = person(store, "erwan@asso.fr", "Erwan").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let acme = store
        .create_organisation(&organisation_save("Acme", admin))
        .await
        .unwrap();
    store
        .affiliate(&NewAffiliation {
            account: erwan,
            organisation: acme,
            representative: true,
            by: admin,
            at: NOW,
        })
        .await
        .unwrap();
    let plan = store
        .create_plan(&plan_save("Entreprise", HolderKind::Organisation, admin))
        .await
        .unwrap();
    let id = store
        .create_application(&NewApplication {
            organisation: Some(acme),
            ..application(priya, plan, "2026-03-01")
        })
        .await
        .unwrap();
    assert_eq!(
        store.application(id).await.unwrap().organisation,
        Some((acme, "Acme".to_owned()))
    );
    let membership = new_membership(
        Holder::Organisation(acme),
        plan,
        ("2026-03-10", "2027-03-09", 50_000),
        admin,
    );
    let opened = store
        .decide_application(&decision(id, Verdict::Accept { membership }, None, admin))
        .await
        .unwrap()
        .unwrap();

    assert_eq!(
        store.membership(opened).await.unwrap().holder,
        Holder::Organisation(acme)
    );
    let representatives = store
        .affiliations_of_organisation(acme)
        .await
        .unwrap()
        .iter()
        .map(|a| (a.account, a.representative))
        .collect::<Vec<_>>();
    assert_eq!(representatives, [(erwan, false), (priya, true)]);
    let decided = store.application(id).await.unwrap();
    assert_eq!(decided.session, None);
    assert_eq!(decided.decision.unwrap().session, None, "outside sessions");
}

async fn refuses_an_application_once(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let plan = store
        .create_plan(&plan_save("Individuel", HolderKind::Person, admin))
        .await
        .unwrap();
    let id = store
        .create_application(&application(priya, plan, "2026-03-01"))
        .await
        .unwrap();
    let refusal = ApplicationDecision {
        reason: "Hors du périmètre".to_owned(),
        ..decision(id, Verdict::Refuse, None, admin)
    };
    assert_eq!(store.decide_application(&refusal).await.unwrap(), None);
    let refused = store.application(id).await.unwrap();
    assert_eq!(refused.status, ApplicationStatus::Refused);
    let decided = refused.decision.clone().unwrap();
    assert_eq!(
        (decided.reason.as_str(), decided.membership),
        ("Hors du périmètre", None)
    );

    let membership = new_membership(
        Holder::Person(priya),
        plan,
        ("2026-03-10", "2027-03-09", 3000),
        admin,
    );
    let twice = store
        .decide_application(&ApplicationDecision {
            notice: email_job("decision-again"),
            ..decision(id, Verdict::Accept { membership }, None, admin)
        })
        .await;
    assert!(matches!(twice, Err(StoreError::Conflict)), "{twice:?}");
    assert_eq!(store.application(id).await.unwrap(), refused, "unchanged");
    assert!(all_memberships(store).await.is_empty());
    assert_eq!(store.pending_jobs().await.unwrap(), 1, "one notice only");
    assert_eq!(
        actions(&store.audit_log(1).await.unwrap()),
        ["application.refused"]
    );
    let unknown = store
        .decide_application(&decision(
            ApplicationId(id.0 + 1000),
            Verdict::Refuse,
            None,
            admin,
        ))
        .await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");
}

async fn saves_session_notes(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let session = store
        .create_bureau_session(&bureau_session("2026-03-10", vec![admin], admin))
        .await
        .unwrap();
    store
        .save_session_notes(session, "Trois admissions.", admin, NOW)
        .await
        .unwrap();
    assert_eq!(
        store.bureau_session(session).await.unwrap().notes,
        "Trois admissions."
    );
    let unknown = store
        .save_session_notes(SessionId(session.0 + 1000), "…", admin, NOW)
        .await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");
    let log = store.audit_log(1).await.unwrap();
    assert_eq!(actions(&log), ["bureau_session.notes"]);
    assert_eq!(log[0].subject, format!("bureau_session:{}", session.0));
}

async fn records_contributions_and_lists_contributors(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let bruno = person(store, "bruno@asso.fr", "Bruno").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let contribution = |account, kind, on: &str| NewContribution {
        account,
        kind,
        on: date(on),
        note: on.to_owned(),
        by: admin,
        at: NOW,
    };
    let early = store
        .record_contribution(&contribution(
            priya,
            ContributionKind::Moderation,
            "2026-01-05",
        ))
        .await
        .unwrap();
    let later = store
        .record_contribution(&contribution(
            priya,
            ContributionKind::Development,
            "2026-02-01",
        ))
        .await
        .unwrap();
    store
        .record_contribution(&contribution(bruno, ContributionKind::Events, "2026-02-01"))
        .await
        .unwrap();
    store
        .record_contribution(&contribution(
            admin,
            ContributionKind::Content,
            "2025-12-01",
        ))
        .await
        .unwrap();
    let unknown = store
        .record_contribution(&contribution(
            AccountId(priya.0 + 1000),
            ContributionKind::Content,
            "2026-01-01",
        ))
        .await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");

    let of_priya = store.contributions_of(priya).await.unwrap();
    assert_eq!(
        of_priya
            .iter()
            .map(|c| (c.id, c.kind, c.on, c.note.as_str(), c.recorded_by))
            .collect::<Vec<_>>(),
        [
            (
                later,
                ContributionKind::Development,
                date("2026-02-01"),
                "2026-02-01",
                admin
            ),
            (
                early,
                ContributionKind::Moderation,
                date("2026-01-05"),
                "2026-01-05",
                admin
            )
        ],
        "newest first"
    );
    let contributors = store.contributors().await.unwrap();
    assert_eq!(
        contributors
            .iter()
            .map(|c| (
                c.account,
                c.display_name.as_str(),
                c.contributions,
                c.last_on
            ))
            .collect::<Vec<_>>(),
        [
            (bruno, "Bruno", 1, date("2026-02-01")),
            (priya, "Priya", 2, date("2026-02-01")),
            (admin, "Admin", 1, date("2025-12-01"))
        ],
        "the most recent first, then by name"
    );
    let log = store.audit_log(1).await.unwrap();
    assert_eq!(actions(&log), ["contribution.recorded"]);
}

async fn imports_members_once(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    store
        .save_profile(&ProfileSave {
            account: admin,
            details: ProfileDetails {
                job_title: "Présidente".to_owned(),
                employer: Employer::None,
                bio: String::new(),
                expertise: Vec::new(),
                languages: Vec::new(),
                public: false,
            },
            at: NOW,
        })
        .await
        .unwrap();
    store
        .create_plan(&plan_save("Entreprise", HolderKind::Organisation, admin))
        .await
        .unwrap();
    store
        .create_plan(&plan_save("Individuel", HolderKind::Person, admin))
        .await
        .unwrap();
    let import = MemberImport {
        rows: vec![
            imported("erwan@acme.fr", "Erwan", Some("Acme"), Some("Entreprise")),
            imported("lea@acme.fr", "Léa", Some("Acme"), Some("Entreprise")),
            imported("admin@asso.fr", "Admin", None, Some("Individuel")),
            imported("solo@asso.fr", "Solo", None, None),
        ],
        by: Some(admin),
        at: NOW,
    };
    let report = store.import_members(&import).await.unwrap();
    assert_eq!(
        report,
        ImportReport {
            accounts: 3,
            organisations: 1,
            memberships: 2,
            payments: 2,
        },
        "Acme's membership is created once, for its first row"
    );

    let erwan = store
        .account_by_email(&email("erwan@acme.fr"))
        .await
        .unwrap();
    assert!(
        !store
            .credentials(&email("erwan@acme.fr"))
            .await
            .unwrap()
            .password_hash
            .verify("!"),
        "no usable password"
    );
    assert_eq!(
        store.profile(erwan.id).await.unwrap().details.job_title,
        "Développeuse"
    );
    assert_eq!(
        store.profile(admin).await.unwrap().details.job_title,
        "Présidente",
        "a job title is kept"
    );
    let of_erwan = store.affiliations_of_person(erwan.id).await.unwrap();
    assert_eq!(of_erwan.len(), 1);
    assert!(!of_erwan[0].representative);
    let acme = store.organisation(of_erwan[0].organisation).await.unwrap();
    assert_eq!(acme.fields.category, OrganisationCategory::Other);
    let of_acme = store
        .memberships_held_by(Holder::Organisation(acme.id))
        .await
        .unwrap();
    assert_eq!(of_acme.len(), 1);
    let payment = &of_acme[0].payments[0];
    assert_eq!(
        (
            payment.period,
            payment.amount,
            payment.method,
            payment.recorded_by
        ),
        (
            of_acme[0].periods[0].id,
            Amount(3000),
            PaymentMethod::Transfer,
            Some(admin)
        )
    );
    assert_eq!(of_acme[0].status, MembershipStatus::Active);
    assert_eq!(
        store
            .memberships_held_by(Holder::Person(admin))
            .await
            .unwrap()
            .len(),
        1
    );
    let log = store.audit_log(1).await.unwrap();
    assert_eq!(actions(&log), ["members.imported"]);
    assert_eq!(
        (log[0].actor, log[0].subject.as_str()),
        (Some(admin), "rows:4")
    );

    let people = store.find_people(&everyone()).await.unwrap().total;
    let again = store
        .import_members(&MemberImport { by: None, ..import })
        .await
        .unwrap();
    assert_eq!(again, ImportReport::default(), "nothing new");
    assert_eq!(store.find_people(&everyone()).await.unwrap().total, people);
    assert_eq!(all_memberships(store).await.len(), 2);
    assert_eq!(store.audit_log(1).await.unwrap()[0].actor, None);
}

async fn refuses_a_whole_import_for_an_unknown_plan(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    store
        .create_plan(&plan_save("Entreprise", HolderKind::Organisation, admin))
        .await
        .unwrap();
    let people = store.find_people(&everyone()).await.unwrap().total;
    let refused = store
        .import_members(&MemberImport {
            rows: vec![
                imported("erwan@acme.fr", "Erwan", Some("Acme"), Some("Entreprise")),
                ImportedMember {
                    row: 3,
                    ..imported("lea@acme.fr", "Léa", None, Some("Bienfaiteur"))
                },
            ],
            by: Some(admin),
            at: NOW,
        })
        .await;
    match refused {
        Err(ImportFailure::Row(refusal)) => assert_eq!(
            refusal,
            ImportRefusal {
                row: 3,
                reason: "unknown plan \"Bienfaiteur\"".to_owned()
            }
        ),
        other => panic!("{other:?}"),
    }
    let no_organisation = store
        .import_members(&MemberImport {
            rows: vec![ImportedMember {
                row: 2,
                ..imported("lea@acme.fr", "Léa", None, Some("Entreprise"))
            }],
            by: Some(admin),
            at: NOW,
        })
        .await;
    match no_organisation {
        Err(ImportFailure::Row(refusal)) => assert_eq!(
            refusal,
            ImportRefusal {
                row: 2,
                reason: "the plan is for organisations but the row names none".to_owned()
            }
        ),
        other => panic!("{other:?}"),
    }

    assert_eq!(
        store.find_people(&everyone()).await.unwrap().total,
        people,
        "nothing written"
    );
    assert!(store.organisations().await.unwrap().is_empty());
    assert!(all_memberships(store).await.is_empty());
    assert_eq!(
        actions(&store.audit_log(1).await.unwrap()),
        ["plan.created"]
    );
}

async fn exports_members_with_their_organisations_membership(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    store
        .create_plan(&plan_save("Entreprise", HolderKind::Organisation, admin))
        .await
        .unwrap();
    store
        .import_members(&MemberImport {
            rows: vec![
                imported("erwan@acme.fr", "Erwan", Some("Acme"), Some("Entreprise")),
                imported("lea@acme.fr", "Léa", Some("Acme"), None),
            ],
            by: Some(admin),
            at: NOW,
        })
        .await
        .unwrap();

    let exported = store.export_members().await.unwrap();
    assert_eq!(
        exported
            .iter()
            .map(|m| (
                m.email.as_str(),
                m.display_name.as_str(),
                m.job_title.as_str(),
                m.organisation.as_deref(),
                m.membership.as_ref().map(|m| m.plan_name.as_str())
            ))
            .collect::<Vec<_>>(),
        [
            ("admin@asso.fr", "Admin", "", None, None),
            (
                "erwan@acme.fr",
                "Erwan",
                "Développeuse",
                Some("Acme"),
                Some("Entreprise")
            ),
            (
                "lea@acme.fr",
                "Léa",
                "Développeuse",
                Some("Acme"),
                Some("Entreprise")
            ),
        ],
        "by name, with their organisation's membership"
    );
    let membership = exported[2].membership.as_ref().unwrap();
    assert_eq!(membership.holder_name, "Acme");
    assert_eq!(membership.payments.len(), 1);
}

async fn creates_a_community_with_the_default_roles(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let save = community_save("infra-services", "Infra Services", admin);
    let id = store.create_community(&save).await.unwrap();

    let read = store.community(id).await.unwrap();
    assert_eq!(
        (read.id, &read.fields, read.members, read.created_at),
        (id, &save.fields, 0, NOW)
    );
    assert_eq!(store.community_roles(id).await.unwrap(), default_roles());
    assert_eq!(
        store
            .community_roles(id)
            .await
            .unwrap()
            .iter()
            .map(|role| role.key.as_str())
            .collect::<Vec<_>>(),
        ["pilot", "sponsor", "animator", "member", "facilitator"]
    );
    assert_eq!(
        store.community_by_slug("infra-services").await.unwrap(),
        read
    );
    assert!(matches!(
        store.community_by_slug("unknown").await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.community(CommunityId(id.0 + 1000)).await,
        Err(StoreError::NotFound)
    ));

    let mut renamed = community_save("infra", "Infrastructure", admin);
    renamed.fields.visibility = Visibility::Secret;
    renamed.fields.access = AccessPolicy::Request;
    store.update_community(id, &renamed).await.unwrap();
    let updated = store.community_by_slug("infra").await.unwrap();
    assert_eq!((updated.id, &updated.fields), (id, &renamed.fields));
    assert!(matches!(
        store.community_by_slug("infra-services").await,
        Err(StoreError::NotFound)
    ));
    let unknown = store
        .update_community(CommunityId(id.0 + 1000), &renamed)
        .await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");

    let log = store.audit_log(2).await.unwrap();
    assert_eq!(actions(&log), ["community.updated", "community.created"]);
    let subject = format!("community:{}", id.0);
    assert_eq!(
        (log[1].actor, log[1].subject.as_str()),
        (Some(admin), subject.as_str())
    );
}

async fn keeps_community_slugs_unique(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let first = store
        .create_community(&community_save("infra", "Infra", admin))
        .await
        .unwrap();
    let taken = store
        .create_community(&community_save("infra", "Autre", admin))
        .await;
    assert!(matches!(taken, Err(StoreError::Conflict)), "{taken:?}");
    let second = store
        .create_community(&community_save("learning", "Learning", admin))
        .await
        .unwrap();
    let moved = store
        .update_community(second, &community_save("infra", "Learning", admin))
        .await;
    assert!(matches!(moved, Err(StoreError::Conflict)), "{moved:?}");
    assert_eq!(
        store.community(second).await.unwrap().fields.slug.as_str(),
        "learning",
        "unchanged"
    );
    assert_eq!(store.communities().await.unwrap().len(), 2);
    assert_eq!(
        store.community_roles(second).await.unwrap().len(),
        5,
        "the refused community left no roles behind"
    );
    store
        .update_community(first, &community_save("infra", "Infra 2", admin))
        .await
        .unwrap();
    assert_eq!(
        actions(&store.audit_log(3).await.unwrap()),
        [
            "community.updated",
            "community.created",
            "community.created"
        ]
    );
}

async fn round_trips_eligibility_channels_and_the_card(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let mut save = community_save("club-innovateurs", "Club des innovateurs", admin);
    save.fields.kind = CommunityKind::WorkingGroup;
    save.fields.theme = "Innovation".to_owned();
    save.fields.description = "## Qui\n\nDes *innovateurs*.".to_owned();
    save.fields.objectives = vec!["Partager".to_owned(), "Apprendre ensemble".to_owned()];
    save.fields.cadence = "toutes les deux semaines".to_owned();
    save.fields.channels = vec![
        Channel {
            kind: ChannelKind::Slack,
            label: "#learning-path".to_owned(),
            url: "https://innersourcecommons.slack.com/archives/C1".to_owned(),
        },
        Channel {
            kind: ChannelKind::GitHub,
            label: "Patterns".to_owned(),
            url: "https://github.com/InnerSourceCommons/InnerSourcePatterns".to_owned(),
        },
    ];
    save.fields.visibility = Visibility::MembersOnly;
    save.fields.access = AccessPolicy::Request;
    save.fields.eligibility = Eligibility {
        adherents_only: true,
        organisation_in_good_standing: true,
        individuals_only: true,
        active_contributor_days: Some(365),
    };
    save.fields.card = Some(ProfileCard {
        colour: "#009e89".to_owned(),
        quotes: vec!["Le monde de demain se fera en réseau".to_owned()],
        scores: vec![("Program".to_owned(), 100), ("Content".to_owned(), 10)],
    });
    let id = store.create_community(&save).await.unwrap();
    assert_eq!(store.community(id).await.unwrap().fields, save.fields);

    let mut cleared = save.clone();
    cleared.fields.objectives = Vec::new();
    cleared.fields.channels = Vec::new();
    cleared.fields.eligibility = Eligibility {
        adherents_only: false,
        organisation_in_good_standing: true,
        individuals_only: false,
        active_contributor_days: None,
    };
    cleared.fields.card = None;
    store.update_community(id, &cleared).await.unwrap();
    assert_eq!(store.community(id).await.unwrap().fields, cleared.fields);
}

async fn lists_communities_by_name_with_their_member_counts(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let zeta = store
        .create_community(&community_save("zeta", "Zeta", admin))
        .await
        .unwrap();
    let alpha = store
        .create_community(&community_save("alpha", "Alpha", admin))
        .await
        .unwrap();
    let empty = store
        .create_community(&community_save("mu", "Mu", admin))
        .await
        .unwrap();
    for account in [admin, priya] {
        store
            .add_community_member(&new_member(zeta, account, "member", admin))
            .await
            .unwrap();
    }
    store
        .add_community_member(&new_member(alpha, priya, "pilot", admin))
        .await
        .unwrap();
    let listed = store.communities().await.unwrap();
    assert_eq!(
        listed
            .iter()
            .map(|community| (
                community.id,
                community.fields.name.as_str(),
                community.members
            ))
            .collect::<Vec<_>>(),
        [(alpha, "Alpha", 1), (empty, "Mu", 0), (zeta, "Zeta", 2)]
    );
    assert_eq!(store.community(zeta).await.unwrap().members, 2);
}

async fn adds_members_and_replaces_their_roles(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Zoé Admin").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let infra = store
        .create_community(&community_save("infra", "Infra", admin))
        .await
        .unwrap();
    let learning = store
        .create_community(&community_save("learning", "Learning", admin))
        .await
        .unwrap();

    let mut joining = new_member(infra, priya, "member", admin);
    joining.engagement = Engagement::Regular;
    joining.announcements = jobs(vec![email_job("arrival-1"), email_job("arrival-2")]);
    store.add_community_member(&joining).await.unwrap();
    assert_eq!(store.pending_jobs().await.unwrap(), 2, "the announcements");
    let twice = store
        .add_community_member(&new_member(infra, priya, "pilot", admin))
        .await;
    assert!(matches!(twice, Err(StoreError::Conflict)), "{twice:?}");
    let unknown_role = store
        .add_community_member(&new_member(infra, admin, "treasurer", admin))
        .await;
    assert!(
        matches!(unknown_role, Err(StoreError::NotFound)),
        "{unknown_role:?}"
    );
    let unknown_account = store
        .add_community_member(&new_member(
            infra,
            AccountId(priya.0 + 1000),
            "member",
            admin,
        ))
        .await;
    assert!(
        matches!(unknown_account, Err(StoreError::NotFound)),
        "{unknown_account:?}"
    );
    store
        .add_community_member(&new_member(infra, admin, "pilot", admin))
        .await
        .unwrap();
    store
        .add_community_member(&new_member(learning, priya, "animator", admin))
        .await
        .unwrap();

    let roles = vec![
        "facilitator".to_owned(),
        "pilot".to_owned(),
        "pilot".to_owned(),
    ];
    store
        .set_community_roles(infra, priya, &roles, admin, NOW)
        .await
        .unwrap();
    let members = store.community_members(infra).await.unwrap();
    assert_eq!(
        members
            .iter()
            .map(|member| (
                member.account,
                member.display_name.as_str(),
                member.roles.clone(),
                member.engagement,
                member.joined_at
            ))
            .collect::<Vec<_>>(),
        [
            (
                priya,
                "Priya",
                vec!["pilot".to_owned(), "facilitator".to_owned()],
                Engagement::Regular,
                NOW
            ),
            (
                admin,
                "Zoé Admin",
                vec!["pilot".to_owned()],
                Engagement::News,
                NOW
            ),
        ],
        "by name, roles in the community's order"
    );

    let unknown = vec!["member".to_owned(), "treasurer".to_owned()];
    let refused = store
        .set_community_roles(infra, priya, &unknown, admin, NOW)
        .await;
    assert!(matches!(refused, Err(StoreError::NotFound)), "{refused:?}");
    let not_member = store
        .set_community_roles(learning, admin, &["member".to_owned()], admin, NOW)
        .await;
    assert!(
        matches!(not_member, Err(StoreError::NotFound)),
        "{not_member:?}"
    );
    assert_eq!(
        store.community_members(infra).await.unwrap(),
        members,
        "unchanged"
    );

    let places = store.communities_of(priya).await.unwrap();
    assert_eq!(
        places
            .iter()
            .map(|(community, member)| (*community, member.roles.clone()))
            .collect::<Vec<_>>(),
        [
            (infra, vec!["pilot".to_owned(), "facilitator".to_owned()]),
            (learning, vec!["animator".to_owned()]),
        ]
    );
    assert!(
        store
            .communities_of(AccountId(priya.0 + 1000))
            .await
            .unwrap()
            .is_empty()
    );

    let log = store.audit_log(4).await.unwrap();
    assert_eq!(
        actions(&log),
        [
            "community.roles_changed",
            "community.joined",
            "community.joined",
            "community.joined"
        ]
    );
    let subject = format!("community:{}/account:{priya}", infra.0);
    assert_eq!(
        (log[0].actor, log[0].subject.as_str()),
        (Some(admin), subject.as_str())
    );
}

async fn removes_a_member_once_and_tells_the_referents(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let infra = store
        .create_community(&community_save("infra", "Infra", admin))
        .await
        .unwrap();
    store
        .add_community_member(&new_member(infra, priya, "animator", admin))
        .await
        .unwrap();
    let departure = Departure {
        community: infra,
        account: priya,
        notices: jobs(vec![email_job("left-1"), email_job("left-2")]),
        at: NOW,
    };
    store.remove_community_member(&departure).await.unwrap();
    assert!(store.community_members(infra).await.unwrap().is_empty());
    assert!(store.communities_of(priya).await.unwrap().is_empty());
    assert_eq!(store.pending_jobs().await.unwrap(), 2, "the notices");

    let again = store
        .remove_community_member(&Departure {
            notices: jobs(vec![email_job("left-again")]),
            ..departure
        })
        .await;
    assert!(matches!(again, Err(StoreError::NotFound)), "{again:?}");
    assert_eq!(
        store.pending_jobs().await.unwrap(),
        2,
        "no notice for nothing"
    );
    let log = store.audit_log(1).await.unwrap();
    assert_eq!(actions(&log), ["community.left"]);
    let subject = format!("community:{}/account:{priya}", infra.0);
    assert_eq!(
        (log[0].actor, log[0].subject.as_str()),
        (Some(priya), subject.as_str())
    );

    store
        .add_community_member(&new_member(infra, priya, "member", admin))
        .await
        .unwrap();
    assert_eq!(
        store.community_members(infra).await.unwrap()[0].roles,
        ["member"],
        "the old roles left with the member"
    );
}

async fn refuses_a_second_pending_join_request_and_withdraws_only_its_own(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let infra = store
        .create_community(&community_save("infra", "Infra", admin))
        .await
        .unwrap();
    let learning = store
        .create_community(&community_save("learning", "Learning", admin))
        .await
        .unwrap();
    let first = store
        .create_join_request(&join_request(infra, priya, NOW))
        .await
        .unwrap();
    let twice = store
        .create_join_request(&join_request(infra, priya, NOW))
        .await;
    assert!(matches!(twice, Err(StoreError::Conflict)), "{twice:?}");
    let elsewhere = store
        .create_join_request(&join_request(learning, priya, Timestamp(NOW.0 + 1)))
        .await
        .unwrap();
    let by_admin = store
        .create_join_request(&join_request(infra, admin, Timestamp(NOW.0 + 2)))
        .await
        .unwrap();
    let unknown = store
        .create_join_request(&join_request(CommunityId(infra.0 + 1000), priya, NOW))
        .await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");

    let read = store.join_request(first).await.unwrap();
    assert_eq!(
        (
            read.community,
            read.community_name.as_str(),
            read.account,
            read.display_name.as_str(),
            read.motivation.as_str(),
            read.engagement,
            read.status,
            read.created_at,
            read.reason.as_str(),
            read.decided_by,
        ),
        (
            infra,
            "Infra",
            priya,
            "Priya",
            "Pour apprendre",
            Engagement::Occasional,
            RequestStatus::Pending,
            NOW,
            "",
            None
        )
    );
    assert_eq!(
        request_ids(&store.pending_join_requests(infra).await.unwrap()),
        [first, by_admin],
        "oldest first"
    );
    assert_eq!(store.count_pending_join_requests(infra).await.unwrap(), 2);

    let by_other = store.withdraw_join_request(first, admin, NOW).await;
    assert!(
        matches!(by_other, Err(StoreError::NotFound)),
        "{by_other:?}"
    );
    store
        .withdraw_join_request(first, priya, NOW)
        .await
        .unwrap();
    let again = store.withdraw_join_request(first, priya, NOW).await;
    assert!(matches!(again, Err(StoreError::NotFound)), "{again:?}");
    assert_eq!(
        store.join_request(first).await.unwrap().status,
        RequestStatus::Withdrawn
    );
    assert_eq!(
        request_ids(&store.pending_join_requests(infra).await.unwrap()),
        [by_admin]
    );
    assert_eq!(
        store.count_pending_join_requests(infra).await.unwrap(),
        1,
        "a withdrawn request no longer waits"
    );

    let renewed = store
        .create_join_request(&join_request(infra, priya, Timestamp(NOW.0 + 3)))
        .await
        .unwrap();
    assert_eq!(
        request_ids(&store.join_requests_of(priya).await.unwrap()),
        [renewed, elsewhere, first],
        "newest first"
    );
    assert!(matches!(
        store.join_request(JoinRequestId(renewed.0 + 1000)).await,
        Err(StoreError::NotFound)
    ));
    let log = store.audit_log(3).await.unwrap();
    assert_eq!(
        actions(&log),
        [
            "join_request.submitted",
            "join_request.withdrawn",
            "join_request.submitted"
        ]
    );
    let subject = format!("join_request:{}", first.0);
    assert_eq!(
        (log[1].actor, log[1].subject.as_str()),
        (Some(priya), subject.as_str())
    );
}

async fn accepts_a_join_request_once(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let infra = store
        .create_community(&community_save("infra", "Infra", admin))
        .await
        .unwrap();
    let id = store
        .create_join_request(&join_request(infra, priya, NOW))
        .await
        .unwrap();
    let at = Timestamp(NOW.0 + 60);
    let acceptance = JoinDecision {
        announcements: jobs(vec![email_job("arrival-1"), email_job("arrival-2")]),
        at,
        ..join_decision(id, true, admin)
    };
    store.decide_join_request(&acceptance).await.unwrap();

    let members = store.community_members(infra).await.unwrap();
    assert_eq!(
        members
            .iter()
            .map(|member| (
                member.account,
                member.roles.clone(),
                member.engagement,
                member.joined_at
            ))
            .collect::<Vec<_>>(),
        [(priya, vec!["member".to_owned()], Engagement::Occasional, at)]
    );
    let decided = store.join_request(id).await.unwrap();
    assert_eq!(
        (decided.status, decided.reason.as_str(), decided.decided_by),
        (RequestStatus::Accepted, "Bienvenue", Some(admin))
    );
    assert!(store.pending_join_requests(infra).await.unwrap().is_empty());
    assert_eq!(
        store.pending_jobs().await.unwrap(),
        3,
        "the notice and the announcements"
    );

    let twice = store
        .decide_join_request(&JoinDecision {
            notice: jobs(vec![email_job("decision-again")]),
            ..join_decision(id, false, admin)
        })
        .await;
    assert!(matches!(twice, Err(StoreError::Conflict)), "{twice:?}");
    assert_eq!(store.join_request(id).await.unwrap(), decided, "unchanged");
    assert_eq!(store.pending_jobs().await.unwrap(), 3);
    let log = store.audit_log(2).await.unwrap();
    assert_eq!(actions(&log), ["community.joined", "join_request.accepted"]);
    let joined = format!("community:{}/account:{priya}", infra.0);
    let request = format!("join_request:{}", id.0);
    assert_eq!(
        log.iter()
            .map(|entry| (entry.actor, entry.subject.as_str()))
            .collect::<Vec<_>>(),
        [
            (Some(admin), joined.as_str()),
            (Some(admin), request.as_str())
        ]
    );

    let unknown = store
        .decide_join_request(&join_decision(JoinRequestId(id.0 + 1000), true, admin))
        .await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");

    // A requester who joined by another way meanwhile keeps their place.
    store
        .remove_community_member(&Departure {
            community: infra,
            account: priya,
            notices: Notices::default(),
            at: NOW,
        })
        .await
        .unwrap();
    let again = store
        .create_join_request(&join_request(infra, priya, NOW))
        .await
        .unwrap();
    store
        .add_community_member(&new_member(infra, priya, "pilot", admin))
        .await
        .unwrap();
    store
        .decide_join_request(&JoinDecision {
            announcements: jobs(vec![email_job("arrival-again")]),
            ..join_decision(again, true, admin)
        })
        .await
        .unwrap();
    assert_eq!(
        store.community_members(infra).await.unwrap()[0].roles,
        ["pilot"]
    );
    assert_eq!(
        store.join_request(again).await.unwrap().status,
        RequestStatus::Accepted
    );
    assert_eq!(
        actions(&store.audit_log(1).await.unwrap()),
        ["join_request.accepted"]
    );
}

async fn refuses_a_join_request(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let infra = store
        .create_community(&community_save("infra", "Infra", admin))
        .await
        .unwrap();
    let id = store
        .create_join_request(&join_request(infra, priya, NOW))
        .await
        .unwrap();
    store
        .decide_join_request(&JoinDecision {
            reason: "Réservé aux adhérents".to_owned(),
            announcements: jobs(vec![email_job("never-sent")]),
            ..join_decision(id, false, admin)
        })
        .await
        .unwrap();
    assert!(store.community_members(infra).await.unwrap().is_empty());
    assert_eq!(store.community(infra).await.unwrap().members, 0);
    let refused = store.join_request(id).await.unwrap();
    assert_eq!(
        (refused.status, refused.reason.as_str(), refused.decided_by),
        (RequestStatus::Refused, "Réservé aux adhérents", Some(admin))
    );
    assert_eq!(store.pending_jobs().await.unwrap(), 1, "the notice only");
    let log = store.audit_log(1).await.unwrap();
    assert_eq!(actions(&log), ["join_request.refused"]);
    assert_eq!(log[0].subject, format!("join_request:{}", id.0));
    let twice = store
        .decide_join_request(&join_decision(id, true, admin))
        .await;
    assert!(matches!(twice, Err(StoreError::Conflict)), "{twice:?}");
    assert!(store.community_members(infra).await.unwrap().is_empty());
}

async fn excludes_from_a_community_until_readmitted(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let infra = store
        .create_community(&community_save("infra", "Infra", admin))
        .await
        .unwrap();
    store
        .add_community_member(&new_member(infra, priya, "member", admin))
        .await
        .unwrap();
    let jobs_before = store.pending_jobs().await.unwrap();
    let exclusion = Exclusion {
        community: infra,
        account: priya,
        reason: "Promotion commerciale répétée".into(),
        rule: None,
        notice: jobs(vec![email_job("excluded-priya")]),
        by: admin,
        at: NOW,
    };
    store.exclude_from_community(&exclusion).await.unwrap();
    assert!(
        store.communities_of(priya).await.unwrap().is_empty(),
        "access ends at once"
    );
    assert_eq!(
        store.pending_jobs().await.unwrap(),
        jobs_before + 1,
        "the notice is enqueued"
    );
    let excluded = store.community_exclusions(infra).await.unwrap();
    assert_eq!(excluded.len(), 1);
    assert_eq!(
        (excluded[0].account, excluded[0].reason.as_str()),
        (priya, "Promotion commerciale répétée")
    );
    assert!(
        matches!(
            store.exclude_from_community(&exclusion).await,
            Err(StoreError::NotFound)
        ),
        "no longer a member"
    );
    assert_eq!(
        actions(&store.audit_log(1).await.unwrap()),
        ["community.excluded"]
    );

    store
        .readmit_to_community(infra, priya, admin, NOW)
        .await
        .unwrap();
    assert!(store.community_exclusions(infra).await.unwrap().is_empty());
    assert!(matches!(
        store.readmit_to_community(infra, priya, admin, NOW).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        actions(&store.audit_log(1).await.unwrap()),
        ["community.readmitted"]
    );
}

async fn member_count(store: &dyn Store, community: CommunityId) -> i64 {
    store.community(community).await.unwrap().members
}

async fn counts_members_as_they_join_leave_and_are_excluded(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let malo = person(store, "malo@asso.fr", "Malo").await;
    let infra = store
        .create_community(&community_save("infra", "Infra", admin))
        .await
        .unwrap();
    let other = store
        .create_community(&community_save("other", "Other", admin))
        .await
        .unwrap();
    assert_eq!(member_count(store, infra).await, 0);
    store
        .add_community_member(&new_member(infra, admin, "pilot", admin))
        .await
        .unwrap();
    store
        .add_community_member(&new_member(infra, priya, "member", admin))
        .await
        .unwrap();
    store
        .add_community_member(&new_member(other, priya, "member", admin))
        .await
        .unwrap();
    assert!(
        store
            .add_community_member(&new_member(infra, priya, "member", admin))
            .await
            .is_err()
    );
    assert_eq!(
        member_count(store, infra).await,
        2,
        "a failed join counts nothing"
    );
    let request = store
        .create_join_request(&join_request(infra, malo, NOW))
        .await
        .unwrap();
    store
        .decide_join_request(&join_decision(request, true, admin))
        .await
        .unwrap();
    assert_eq!(
        member_count(store, infra).await,
        3,
        "an accepted request joins"
    );
    let leaving = Departure {
        community: infra,
        account: malo,
        notices: Notices::default(),
        at: NOW,
    };
    store.remove_community_member(&leaving).await.unwrap();
    assert!(store.remove_community_member(&leaving).await.is_err());
    assert_eq!(member_count(store, infra).await, 2, "left once");
    store
        .exclude_from_community(&Exclusion {
            community: infra,
            account: priya,
            reason: "Promotion commerciale".into(),
            rule: None,
            notice: Notices::default(),
            by: admin,
            at: NOW,
        })
        .await
        .unwrap();
    assert_eq!(member_count(store, infra).await, 1, "excluded");
    assert_eq!(member_count(store, other).await, 1, "elsewhere untouched");
    store.delete_account(priya, NOW).await.unwrap();
    assert_eq!(member_count(store, other).await, 0, "gone with the account");
    assert_eq!(member_count(store, infra).await, 1);
    let listed = store.communities().await.unwrap();
    assert_eq!(
        listed.iter().map(|c| c.members).collect::<Vec<_>>(),
        [1, 0],
        "lists read the same counts"
    );
}

/// Who sees what is the caller's to say: here every visibility, or the
/// public ones and those of `member`.
fn listing(visibilities: Vec<Visibility>, member: Option<AccountId>) -> CommunityListing {
    CommunityListing {
        seen: SeenCommunities {
            visibilities,
            member,
        },
        kinds: Vec::new(),
        theme: None,
        words: Vec::new(),
        open_to: None,
        order: ListingOrder::Name,
        limit: 20,
        offset: 0,
    }
}

fn names(list: &cercle_core::communities::store::CommunityList) -> Vec<&str> {
    list.communities
        .iter()
        .map(|c| c.fields.name.as_str())
        .collect()
}

async fn lists_a_page_of_the_communities_seen_with_their_total(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    for n in 0..23 {
        let mut save = community_save(&format!("groupe-{n:02}"), &format!("Groupe {n:02}"), admin);
        save.fields.theme = if n % 2 == 0 { "Données" } else { "Cloud" }.to_owned();
        save.fields.description = format!("Un groupe numéro {n}.");
        store.create_community(&save).await.unwrap();
    }
    let mut secret = community_save("bureau", "Bureau discret", admin);
    secret.fields.visibility = Visibility::Secret;
    secret.fields.theme = "Gouvernance".to_owned();
    secret.fields.description = "Les décisions budgétaires.".to_owned();
    let secret = store.create_community(&secret).await.unwrap();
    let mut ruled = community_save("adherents", "Adhérents seulement", admin);
    ruled.fields.kind = CommunityKind::WorkingGroup;
    ruled.fields.description = "Réservé aux adhérents, pour les décisions.".to_owned();
    ruled.fields.eligibility.adherents_only = true;
    let ruled = store.create_community(&ruled).await.unwrap();
    let public = vec![Visibility::Public, Visibility::MembersOnly];

    let first = store
        .list_communities(&listing(public.clone(), None))
        .await
        .unwrap();
    assert_eq!(first.total, 24, "the secret one is not counted");
    assert_eq!(first.communities.len(), 20);
    assert_eq!(first.communities[0].fields.name, "Adhérents seulement");
    let second = store
        .list_communities(&CommunityListing {
            offset: 20,
            ..listing(public.clone(), None)
        })
        .await
        .unwrap();
    assert_eq!(
        names(&second),
        ["Groupe 19", "Groupe 20", "Groupe 21", "Groupe 22"]
    );
    assert_eq!(second.total, 24);

    let search = |words: &[&str], seen: CommunityListing| CommunityListing {
        words: words.iter().map(|w| (*w).to_owned()).collect(),
        ..seen
    };
    let found = store
        .list_communities(&search(&["décision"], listing(public.clone(), None)))
        .await
        .unwrap();
    assert_eq!(
        names(&found),
        ["Adhérents seulement"],
        "a word of the description, by its start"
    );
    let found = store
        .list_communities(&search(&["décisions"], listing(public.clone(), None)))
        .await
        .unwrap();
    assert_eq!(
        (names(&found), found.total),
        (vec!["Adhérents seulement"], 1)
    );
    let found = store
        .list_communities(&search(&["numéro", "1"], listing(public.clone(), None)))
        .await
        .unwrap();
    assert_eq!(found.total, 11, "every word, each a prefix: 1 and 10 to 19");
    let found = store
        .list_communities(&search(
            &["budg"],
            listing(vec![Visibility::Public], Some(priya)),
        ))
        .await
        .unwrap();
    assert_eq!(found.total, 0, "the secret one is not found by an outsider");
    store
        .add_community_member(&new_member(secret, priya, "member", admin))
        .await
        .unwrap();
    let found = store
        .list_communities(&search(
            &["budg"],
            listing(vec![Visibility::Public], Some(priya)),
        ))
        .await
        .unwrap();
    assert_eq!(names(&found), ["Bureau discret"], "but by its members");

    let themes = store
        .community_themes(&SeenCommunities {
            visibilities: public.clone(),
            member: None,
        })
        .await
        .unwrap();
    assert_eq!(themes, ["Cloud", "Données"]);
    let themes = store
        .community_themes(&SeenCommunities {
            visibilities: public.clone(),
            member: Some(priya),
        })
        .await
        .unwrap();
    assert_eq!(themes, ["Cloud", "Données", "Gouvernance"]);
    let cloud = store
        .list_communities(&CommunityListing {
            theme: Some("Cloud".to_owned()),
            kinds: vec![CommunityKind::Community],
            ..listing(public.clone(), None)
        })
        .await
        .unwrap();
    assert_eq!(cloud.total, 11);

    let open = |account: Option<AccountId>, met: RulesMet| CommunityListing {
        open_to: Some(OpenTo {
            account,
            access: vec![AccessPolicy::Open, AccessPolicy::Request],
            met,
        }),
        kinds: vec![CommunityKind::WorkingGroup],
        ..listing(Visibility::ALL.to_vec(), None)
    };
    let listed = store
        .list_communities(&open(None, RulesMet::default()))
        .await
        .unwrap();
    assert_eq!(listed.total, 0, "a rule the person fails leaves it out");
    let adherent = RulesMet {
        adherents_only: true,
        ..RulesMet::default()
    };
    let listed = store
        .list_communities(&open(Some(priya), adherent))
        .await
        .unwrap();
    assert_eq!(names(&listed), ["Adhérents seulement"]);
    store
        .add_community_member(&new_member(ruled, priya, "member", admin))
        .await
        .unwrap();
    let listed = store
        .list_communities(&open(Some(priya), adherent))
        .await
        .unwrap();
    assert_eq!(listed.total, 0, "not open to its members");

    let popular = store
        .list_communities(&CommunityListing {
            order: ListingOrder::MostMembers,
            limit: 2,
            ..listing(Visibility::ALL.to_vec(), None)
        })
        .await
        .unwrap();
    assert_eq!(names(&popular), ["Adhérents seulement", "Bureau discret"]);
    assert_eq!(popular.total, 25);
}

async fn finds_a_communitys_members_by_role_and_page(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let malo = person(store, "malo@asso.fr", "Malo").await;
    let infra = store
        .create_community(&community_save("infra", "Infra", admin))
        .await
        .unwrap();
    for (account, role, at) in [
        (admin, "pilot", 1),
        (priya, "animator", 2),
        (malo, "member", 3),
    ] {
        store
            .add_community_member(&NewCommunityMember {
                at: Timestamp(NOW.0 + at),
                ..new_member(infra, account, role, admin)
            })
            .await
            .unwrap();
    }
    store
        .set_community_roles(
            infra,
            priya,
            &["animator".to_owned(), "facilitator".to_owned()],
            admin,
            NOW,
        )
        .await
        .unwrap();
    assert_eq!(
        store.community_referents(infra).await.unwrap(),
        [
            ("Admin".to_owned(), "pilot".to_owned()),
            ("Priya".to_owned(), "facilitator".to_owned())
        ]
    );
    assert_eq!(
        store
            .community_holders(infra, &Holding::Permission(Permission::ReviewRequests))
            .await
            .unwrap(),
        [admin, priya]
    );
    assert_eq!(
        store
            .community_holders(infra, &Holding::Permission(Permission::ManageRoles))
            .await
            .unwrap(),
        [admin]
    );
    assert_eq!(
        store
            .community_holders(infra, &Holding::Roles(vec!["animator".to_owned()]))
            .await
            .unwrap(),
        [priya]
    );
    let plain = store.plain_community_members(infra).await.unwrap();
    assert_eq!(plain.iter().map(|m| m.account).collect::<Vec<_>>(), [malo]);
    assert_eq!(
        store.community_member_ids(infra).await.unwrap(),
        [admin, priya, malo]
    );
    let page = store.community_members_page(infra, 2, 0).await.unwrap();
    assert_eq!(
        page.iter()
            .map(|m| (m.account, m.roles.clone()))
            .collect::<Vec<_>>(),
        [
            (malo, vec!["member".to_owned()]),
            (priya, vec!["animator".to_owned(), "facilitator".to_owned()])
        ],
        "the newest first, with their roles"
    );
    let rest = store.community_members_page(infra, 2, 2).await.unwrap();
    assert_eq!(rest.iter().map(|m| m.account).collect::<Vec<_>>(), [admin]);
    let me = store.community_member(infra, priya).await.unwrap().unwrap();
    assert_eq!((me.display_name.as_str(), me.roles.len()), ("Priya", 2));
    let outsider = person(store, "zoe@asso.fr", "Zoé").await;
    assert_eq!(store.community_member(infra, outsider).await.unwrap(), None);

    assert_eq!(
        store.pending_join_request(infra, outsider).await.unwrap(),
        None
    );
    let request = store
        .create_join_request(&join_request(infra, outsider, NOW))
        .await
        .unwrap();
    let pending = store.pending_join_request(infra, outsider).await.unwrap();
    assert_eq!(pending.map(|r| r.id), Some(request));
    store
        .decide_join_request(&join_decision(request, false, admin))
        .await
        .unwrap();
    assert_eq!(
        store.pending_join_request(infra, outsider).await.unwrap(),
        None
    );
    assert!(!store.is_excluded(infra, malo).await.unwrap());
    store
        .exclude_from_community(&Exclusion {
            community: infra,
            account: malo,
            reason: "Hors sujet".into(),
            rule: None,
            notice: Notices::default(),
            by: admin,
            at: NOW,
        })
        .await
        .unwrap();
    assert!(store.is_excluded(infra, malo).await.unwrap());
}

async fn co_optation_accepts_on_the_last_vouch_needed(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let ada = person(store, "ada@asso.fr", "Ada").await;
    let bob = person(store, "bob@asso.fr", "Bob").await;
    let carol = person(store, "carol@asso.fr", "Carol").await;
    let newcomer = person(store, "new@asso.fr", "Newcomer").await;
    let mut save = community_save("mentors", "Mentors", admin);
    save.fields.access = AccessPolicy::Cooptation;
    save.fields.vouches_required = 2;
    let mentors = store.create_community(&save).await.unwrap();
    assert_eq!(
        store
            .community(mentors)
            .await
            .unwrap()
            .fields
            .vouches_required,
        2
    );
    let request = store
        .create_join_request(&join_request(mentors, newcomer, NOW))
        .await
        .unwrap();
    let vouch = |by| Vouch {
        request,
        by,
        required: 2,
        acceptance: join_decision(request, true, by),
        at: NOW,
    };
    assert_eq!(
        store.vouch_for_request(&vouch(ada)).await.unwrap(),
        VouchOutcome::Counted(1)
    );
    assert!(matches!(
        store.vouch_for_request(&vouch(ada)).await,
        Err(StoreError::Conflict)
    ));
    assert!(store.communities_of(newcomer).await.unwrap().is_empty());
    assert_eq!(
        store.vouch_for_request(&vouch(bob)).await.unwrap(),
        VouchOutcome::Accepted
    );
    assert_eq!(store.communities_of(newcomer).await.unwrap()[0].0, mentors);
    let decided = store.join_request(request).await.unwrap();
    assert_eq!(decided.status, RequestStatus::Accepted);
    let names: Vec<_> = decided
        .vouchers
        .iter()
        .map(|v| v.display_name.as_str())
        .collect();
    assert_eq!(names, ["Ada", "Bob"]);
    assert!(
        matches!(
            store.vouch_for_request(&vouch(carol)).await,
            Err(StoreError::Conflict)
        ),
        "a vouch after the decision is refused"
    );
    assert!(matches!(
        store
            .vouch_for_request(&Vouch {
                request: JoinRequestId(999_999),
                ..vouch(carol)
            })
            .await,
        Err(StoreError::NotFound)
    ));
}

async fn records_the_answers_and_the_interview_of_an_application(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let applicant = person(store, "lea@asso.fr", "Léa").await;
    let mut save = community_save("equipe", "Équipe technique", admin);
    save.fields.access = AccessPolicy::Application;
    save.fields.questions = vec![
        "Vos compétences ?".to_owned(),
        "Combien d'heures ?".to_owned(),
    ];
    let team = store.create_community(&save).await.unwrap();
    assert_eq!(
        store.community(team).await.unwrap().fields.questions,
        save.fields.questions
    );
    let answers = vec![
        Answer {
            question: "Vos compétences ?".to_owned(),
            answer: "Debian, PostgreSQL".to_owned(),
        },
        Answer {
            question: "Combien d'heures ?".to_owned(),
            answer: "Huit".to_owned(),
        },
    ];
    let request = store
        .create_join_request(&NewJoinRequest {
            answers: answers.clone(),
            ..join_request(team, applicant, NOW)
        })
        .await
        .unwrap();
    let stored = store.join_request(request).await.unwrap();
    assert_eq!(stored.answers, answers);
    assert!(stored.interview.is_none());
    let interview = InterviewRecord {
        request,
        held_on: date("2026-03-02"),
        notes: "Motivée, disponible le jeudi.".to_owned(),
        by: admin,
        at: NOW,
    };
    store.record_interview(&interview).await.unwrap();
    let recorded = store
        .join_request(request)
        .await
        .unwrap()
        .interview
        .unwrap();
    assert_eq!(recorded.held_on, date("2026-03-02"));
    assert_eq!(recorded.notes, "Motivée, disponible le jeudi.");
    assert_eq!(recorded.by_name, "Admin");
    assert!(
        store
            .audit_log(5)
            .await
            .unwrap()
            .iter()
            .any(|e| e.action == AuditAction::InterviewRecorded.as_str())
    );
    store
        .decide_join_request(&join_decision(request, true, admin))
        .await
        .unwrap();
    assert!(matches!(
        store.record_interview(&interview).await,
        Err(StoreError::Conflict)
    ));
}

async fn an_invitation_is_used_once_before_it_expires(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let guest = person(store, "guest@asso.fr", "Guest").await;
    let other = person(store, "other@asso.fr", "Other").await;
    let mut save = community_save("bureau", "Bureau", admin);
    save.fields.access = AccessPolicy::Invitation;
    let bureau = store.create_community(&save).await.unwrap();
    let jobs_before = store.pending_jobs().await.unwrap();
    let invite = |to: &str, secret: &str, expires_at: Timestamp| NewInvitation {
        community: bureau,
        email: email(to),
        token: hash(secret),
        expires_at,
        notice: email_job(&format!("invitation-{secret}")),
        by: admin,
        at: NOW,
    };
    let later = Timestamp(NOW.0 + 3600);
    let id = store
        .create_invitation(&invite("guest@asso.fr", "s1", later))
        .await
        .unwrap();
    assert_eq!(store.pending_jobs().await.unwrap(), jobs_before + 1);
    let found = store.invitation_by_token(&hash("s1")).await.unwrap();
    assert_eq!(found.id, id);
    assert_eq!(found.email, email("guest@asso.fr"));
    assert_eq!(found.invited_by, "Admin");
    assert!(found.is_open(NOW));
    assert!(!found.is_open(later));
    assert!(matches!(
        store.invitation_by_token(&hash("unknown")).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(store.open_invitations(bureau).await.unwrap().len(), 1);

    let taken = InvitationUse {
        invitation: id,
        member: new_member(bureau, guest, "member", guest),
    };
    store.use_invitation(&taken).await.unwrap();
    assert_eq!(store.communities_of(guest).await.unwrap()[0].0, bureau);
    assert!(store.open_invitations(bureau).await.unwrap().is_empty());
    let again = InvitationUse {
        invitation: id,
        member: new_member(bureau, other, "member", other),
    };
    assert!(
        matches!(
            store.use_invitation(&again).await,
            Err(StoreError::Conflict)
        ),
        "a link works once"
    );
    assert!(store.communities_of(other).await.unwrap().is_empty());

    let expired = store
        .create_invitation(&invite("other@asso.fr", "s2", Timestamp(NOW.0 - 1)))
        .await
        .unwrap();
    assert!(matches!(
        store
            .use_invitation(&InvitationUse {
                invitation: expired,
                ..again.clone()
            })
            .await,
        Err(StoreError::Conflict)
    ));
    let revoked = store
        .create_invitation(&invite("other@asso.fr", "s3", later))
        .await
        .unwrap();
    store
        .revoke_invitation(bureau, revoked, admin, NOW)
        .await
        .unwrap();
    assert!(
        store
            .invitation_by_token(&hash("s3"))
            .await
            .unwrap()
            .revoked
    );
    assert!(matches!(
        store
            .use_invitation(&InvitationUse {
                invitation: revoked,
                ..again.clone()
            })
            .await,
        Err(StoreError::Conflict)
    ));
    assert!(matches!(
        store.revoke_invitation(bureau, revoked, admin, NOW).await,
        Err(StoreError::NotFound)
    ));
    assert!(store.communities_of(other).await.unwrap().is_empty());
}

async fn an_exclusion_names_the_rule_broken(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let infra = store
        .create_community(&community_save("infra", "Infra", admin))
        .await
        .unwrap();
    store
        .add_community_member(&new_member(infra, priya, "member", admin))
        .await
        .unwrap();
    let rule = BrokenRule {
        charter_version: 3,
        number: 4,
    };
    store
        .exclude_from_community(&Exclusion {
            community: infra,
            account: priya,
            reason: "Promotion commerciale".into(),
            rule: Some(rule),
            notice: jobs(vec![email_job("excluded-rule")]),
            by: admin,
            at: NOW,
        })
        .await
        .unwrap();
    let excluded = store.community_exclusions(infra).await.unwrap();
    assert_eq!(excluded[0].rule, Some(rule));
    assert_eq!(excluded[0].reason, "Promotion commerciale");
}

async fn versions_charters_and_records_their_acceptance(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let yann = person(store, "yann@asso.fr", "Yann").await;
    let infra = store
        .create_community(&community_save("infra", "Infra", admin))
        .await
        .unwrap();
    assert_eq!(store.charter(infra).await.unwrap(), None);
    assert_eq!(
        store
            .publish_charter(infra, "Respecter les engagements.", admin, NOW)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        store
            .publish_charter(
                infra,
                "Respecter les engagements.\nPas de promotion.",
                admin,
                NOW
            )
            .await
            .unwrap(),
        2
    );
    let charter = store.charter(infra).await.unwrap().unwrap();
    assert_eq!(
        (charter.version, charter.text.as_str()),
        (2, "Respecter les engagements.\nPas de promotion.")
    );
    assert_eq!(
        actions(&store.audit_log(1).await.unwrap()),
        ["charter.published"]
    );

    store
        .add_community_member(&new_member(infra, priya, "member", admin))
        .await
        .unwrap();
    assert_eq!(
        store.community_members(infra).await.unwrap()[0].charter_version,
        None
    );
    store.accept_charter(infra, priya, 2, NOW).await.unwrap();
    assert_eq!(
        store.community_members(infra).await.unwrap()[0].charter_version,
        Some(2)
    );
    assert!(
        matches!(
            store.accept_charter(infra, yann, 2, NOW).await,
            Err(StoreError::NotFound)
        ),
        "members only"
    );

    let request = store
        .create_join_request(&NewJoinRequest {
            charter_version: Some(2),
            ..join_request(infra, yann, NOW)
        })
        .await
        .unwrap();
    assert_eq!(
        store.join_request(request).await.unwrap().charter_version,
        Some(2)
    );
    store
        .decide_join_request(&join_decision(request, true, admin))
        .await
        .unwrap();
    let yann_member = store
        .community_members(infra)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.account == yann)
        .unwrap();
    assert_eq!(
        yann_member.charter_version,
        Some(2),
        "the version accepted with the request"
    );
}

async fn changes_a_members_engagement(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let infra = store
        .create_community(&community_save("infra", "Infra", admin))
        .await
        .unwrap();
    store
        .add_community_member(&new_member(infra, priya, "member", admin))
        .await
        .unwrap();
    store
        .set_engagement(infra, priya, Engagement::Regular)
        .await
        .unwrap();
    assert_eq!(
        store.community_members(infra).await.unwrap()[0].engagement,
        Engagement::Regular
    );
    assert!(matches!(
        store.set_engagement(infra, admin, Engagement::News).await,
        Err(StoreError::NotFound)
    ));
}

async fn deletes_an_accounts_communities_and_requests_with_it(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let infra = store
        .create_community(&community_save("infra", "Infra", admin))
        .await
        .unwrap();
    let learning = store
        .create_community(&community_save("learning", "Learning", admin))
        .await
        .unwrap();
    store
        .add_community_member(&new_member(infra, priya, "pilot", admin))
        .await
        .unwrap();
    store
        .add_community_member(&new_member(infra, admin, "member", admin))
        .await
        .unwrap();
    let request = store
        .create_join_request(&join_request(learning, priya, NOW))
        .await
        .unwrap();

    store.delete_account(priya, NOW).await.unwrap();
    assert_eq!(
        store
            .community_members(infra)
            .await
            .unwrap()
            .iter()
            .map(|member| member.account)
            .collect::<Vec<_>>(),
        [admin]
    );
    assert_eq!(store.community(infra).await.unwrap().members, 1);
    assert!(store.communities_of(priya).await.unwrap().is_empty());
    assert!(matches!(
        store.join_request(request).await,
        Err(StoreError::NotFound)
    ));
    assert!(
        store
            .pending_join_requests(learning)
            .await
            .unwrap()
            .is_empty()
    );
}

async fn on_sqlite<F, Fut>(behaviour: F)
where
    F: FnOnce(Arc<dyn Store>) -> Fut,
    Fut: Future<Output = ()>,
{
    let directory = tempfile::tempdir().unwrap();
    let options = OpenOptions::new(DatabaseUrl::Sqlite(directory.path().join("cercle.db")));
    behaviour(cercle_store::open(&options).await.unwrap()).await;
}

/// Runs the behaviour in its own task so that the scratch database is dropped
/// even when an assertion fails.
async fn on_postgres<F, Fut>(name: &str, behaviour: F)
where
    F: FnOnce(Arc<dyn Store>) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let Ok(base_url) = std::env::var("CERCLE_TEST_DATABASE_URL") else {
        // In CI the PostgreSQL suite must run: a skip there would pass unseen.
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but CERCLE_TEST_DATABASE_URL is not: the PostgreSQL suite cannot run"
        );
        // Written to the stream itself rather than with `eprintln!`, which the
        // test harness captures, so that the skip shows in every run.
        let skipped = format!(
            "!!! SKIPPED postgres::{name}: set CERCLE_TEST_DATABASE_URL to run it on PostgreSQL !!!\n"
        );
        std::io::stderr().write_all(skipped.as_bytes()).unwrap();
        return;
    };
    let scratch = testing::scratch_postgres(&base_url)
        .await
        .expect("PostgreSQL is unreachable");
    let options = OpenOptions::new(DatabaseUrl::parse(&scratch.url).unwrap());
    let store = cercle_store::open(&options)
        .await
        .expect("cannot open the scratch database");
    let outcome = tokio::spawn(behaviour(store)).await;
    scratch
        .drop_database()
        .await
        .expect("cannot drop the scratch database");
    if let Err(failure) = outcome {
        std::panic::resume_unwind(failure.into_panic());
    }
}

fn instance_setup(administrator: &str) -> InstanceSetup {
    InstanceSetup {
        association: Association {
            name: AssociationName::parse("ADN Ouest").unwrap(),
            default_language: Language::Fr,
            theme_colour: ThemeColour::default(),
        },
        administrator: account_fields(administrator),
        at: NOW,
    }
}

fn account_fields(address: &str) -> NewAccountFields {
    NewAccountFields {
        email: email(address),
        display_name: DisplayName::parse("Cécile Durandin").unwrap(),
        password_hash: password_hash("initial"),
        language: Language::Fr,
    }
}

fn confirmed_account(address: &str) -> NewAccount {
    NewAccount {
        fields: account_fields(address),
        verification: Verification::Confirmed,
        at: NOW,
    }
}

/// An account awaiting confirmation, and the hash of its link token.
fn pending_account(address: &str, token: &str) -> (NewAccount, TokenHash) {
    let token = hash(token);
    let verification = Verification::Pending {
        token: email_token(&token, EmailTokenPurpose::ConfirmEmail),
        email: email_job(&format!("confirm-{address}")),
    };
    (
        NewAccount {
            fields: account_fields(address),
            verification,
            at: NOW,
        },
        token,
    )
}

fn reset_request(account: AccountId, token: &TokenHash, key: &str) -> PasswordResetRequest {
    PasswordResetRequest {
        account,
        token: email_token(token, EmailTokenPurpose::ResetPassword),
        email: email_job(key),
    }
}

fn email_token(hash: &TokenHash, purpose: EmailTokenPurpose) -> EmailToken {
    EmailToken {
        hash: hash.clone(),
        purpose,
        expires_at: NOW.plus(purpose.lifetime()),
    }
}

fn email_job(key: &str) -> NewJob {
    NewJob::new(
        key.to_owned(),
        OutgoingEmail {
            to: email("someone@asso.fr"),
            subject: format!("about {key}"),
            text: "Bonjour".to_owned(),
            list_unsubscribe: None,
        },
        NOW,
    )
}

/// A session whose secret is `name`.
fn session(account: AccountId, name: &str) -> NewSession {
    NewSession {
        hash: hash(name),
        account,
        created_at: NOW,
        expires_at: Timestamp(NOW.0 + 3600),
    }
}

fn api_token(account: AccountId, name: &str, scope: ApiTokenScope) -> NewApiToken {
    NewApiToken {
        account,
        name: ApiTokenName::parse(name).unwrap(),
        scope,
        hash: hash(&format!("api-{name}")),
        created_at: NOW,
    }
}

async fn last_used(
    store: &dyn Store,
    account: AccountId,
    token: cercle_core::accounts::secret::ApiTokenId,
) -> Option<Timestamp> {
    let tokens = store.api_tokens(account).await.unwrap();
    tokens
        .into_iter()
        .find(|listed| listed.id == token)
        .unwrap()
        .last_used_at
}

fn claim(now: Timestamp, lease_seconds: i64, limit: u32) -> JobClaim {
    JobClaim {
        now,
        lease_until: Timestamp(now.0 + lease_seconds),
        limit,
    }
}

fn keys(jobs: &[cercle_core::kernel::job::Job]) -> Vec<&str> {
    jobs.iter().map(|job| job.key.as_str()).collect()
}

fn actions(log: &[cercle_core::accounts::audit::AuditEntry]) -> Vec<&str> {
    log.iter().map(|entry| entry.action.as_str()).collect()
}

/// A confirmed account named `name`.
async fn person(store: &dyn Store, address: &str, name: &str) -> AccountId {
    let mut account = confirmed_account(address);
    account.fields.display_name = DisplayName::parse(name).unwrap();
    store.create_account(&account).await.unwrap()
}

fn organisation_save(name: &str, by: AccountId) -> OrganisationSave {
    OrganisationSave {
        fields: OrganisationFields {
            name: OrganisationName::parse(name).unwrap(),
            category: OrganisationCategory::Company,
            website: None,
            logo_url: None,
            description: String::new(),
            size: None,
        },
        by,
        at: NOW,
    }
}

/// A yearly plan in euros, priced by size bands.
fn plan_save(name: &str, holder: HolderKind, by: AccountId) -> PlanSave {
    PlanSave {
        fields: PlanFields {
            name: PlanName::parse(name).unwrap(),
            period: BillingPeriod::Yearly,
            holder,
            currency: Currency::parse("eur").unwrap(),
            prices: vec![
                PriceBand {
                    min_size: 0,
                    amount: Amount(50_000),
                },
                PriceBand {
                    min_size: 50,
                    amount: Amount(120_000),
                },
            ],
            services: vec!["Communautés".to_owned(), "Événements".to_owned()],
        },
        by,
        at: NOW,
    }
}

/// An active membership whose first period is `(starts_on, ends_on, due)`.
fn new_membership(
    holder: Holder,
    plan: PlanId,
    first: (&str, &str, i64),
    by: AccountId,
) -> NewMembership {
    NewMembership {
        holder,
        plan,
        status: MembershipStatus::Active,
        first_period: period(first.0, first.1, first.2),
        by,
        at: NOW,
    }
}

/// An application to `plan` submitted on `today`.
fn application(applicant: AccountId, plan: PlanId, today: &str) -> NewApplication {
    NewApplication {
        applicant,
        plan,
        organisation: None,
        motivation: "Pour contribuer".to_owned(),
        language: Language::Fr,
        today: date(today),
        at: NOW,
    }
}

fn decision(
    application: ApplicationId,
    verdict: Verdict,
    session: Option<SessionId>,
    by: AccountId,
) -> ApplicationDecision {
    ApplicationDecision {
        application,
        verdict,
        reason: "Bienvenue".to_owned(),
        session,
        notice: email_job(&format!("decision-{}", application.0)),
        by,
        at: NOW,
    }
}

fn bureau_session(held_on: &str, attendees: Vec<AccountId>, by: AccountId) -> NewBureauSession {
    NewBureauSession {
        held_on: date(held_on),
        title: format!("Bureau du {held_on}"),
        attendees,
        by,
        at: NOW,
    }
}

/// A developer, with an active membership of `plan` for 2026, paid, when
/// one is named.
fn imported(
    address: &str,
    name: &str,
    organisation: Option<&str>,
    plan: Option<&str>,
) -> ImportedMember {
    ImportedMember {
        row: 0,
        email: email(address),
        display_name: DisplayName::parse(name).unwrap(),
        language: Language::Fr,
        job_title: "Développeuse".to_owned(),
        organisation: organisation.map(|name| OrganisationName::parse(name).unwrap()),
        membership: plan.map(|plan| ImportedMembership {
            plan: PlanName::parse(plan).unwrap(),
            status: MembershipStatus::Active,
            period: period("2026-01-01", "2026-12-31", 3000),
            payment: Some(ImportedPayment {
                amount: Amount(3000),
                paid_on: date("2026-01-15"),
                method: PaymentMethod::Transfer,
                reference: "VIR 1".to_owned(),
            }),
        }),
    }
}

/// A public, open community with no eligibility rule.
fn community_save(slug: &str, name: &str, by: AccountId) -> CommunitySave {
    CommunitySave {
        fields: CommunityFields {
            slug: Slug::parse(slug).unwrap(),
            name: name.to_owned(),
            kind: CommunityKind::Community,
            theme: String::new(),
            description: String::new(),
            objectives: Vec::new(),
            cadence: String::new(),
            channels: Vec::new(),
            visibility: Visibility::Public,
            access: AccessPolicy::Open,
            vouches_required: 2,
            questions: Vec::new(),
            eligibility: Eligibility::default(),
            card: None,
        },
        by,
        at: NOW,
    }
}

/// `account` entering `community` as `role`, with no announcement.
/// Every membership, newest first, in one page.
async fn all_memberships(store: &dyn Store) -> Vec<Membership> {
    store.newest_memberships(0, 1_000).await.unwrap().items
}

/// The whole register in one page.
fn everyone() -> NameSearch {
    NameSearch {
        words: String::new(),
        offset: 0,
        limit: 1_000,
    }
}

fn new_member(
    community: CommunityId,
    account: AccountId,
    role: &str,
    by: AccountId,
) -> NewCommunityMember {
    NewCommunityMember {
        community,
        account,
        role: role.to_owned(),
        engagement: Engagement::News,
        charter_version: None,
        announcements: Notices::default(),
        by,
        at: NOW,
    }
}

fn join_request(community: CommunityId, account: AccountId, at: Timestamp) -> NewJoinRequest {
    NewJoinRequest {
        community,
        account,
        motivation: "Pour apprendre".to_owned(),
        engagement: Engagement::Occasional,
        charter_version: None,
        answers: Vec::new(),
        notices: Notices::default(),
        at,
    }
}

/// A decision with a notice and no announcement.
fn join_decision(request: JoinRequestId, accept: bool, by: AccountId) -> JoinDecision {
    JoinDecision {
        request,
        accept,
        reason: "Bienvenue".to_owned(),
        notice: jobs(vec![email_job(&format!("join-decision-{}", request.0))]),
        announcements: Notices::default(),
        by,
        at: NOW,
    }
}

fn request_ids(
    requests: &[cercle_core::communities::community::JoinRequest],
) -> Vec<JoinRequestId> {
    requests.iter().map(|request| request.id).collect()
}

fn period(starts_on: &str, ends_on: &str, due: i64) -> NewPeriod {
    NewPeriod {
        starts_on: date(starts_on),
        ends_on: date(ends_on),
        amount_due: Amount(due),
    }
}

fn date(iso: &str) -> Date {
    Date::parse(iso).unwrap()
}

fn email(address: &str) -> EmailAddress {
    EmailAddress::parse(address).unwrap()
}

fn hash(secret: &str) -> TokenHash {
    TokenHash::of(secret)
}

fn password_hash(label: &str) -> PasswordHash {
    PasswordHash::from_stored(format!("$argon2id$test${label}"))
}

async fn writes_notifications_with_the_change_and_lists_them_newest_first(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Zoé Admin").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let yann = person(store, "yann@asso.fr", "Yann").await;
    let infra = store
        .create_community(&community_save("infra", "Infra", admin))
        .await
        .unwrap();
    store
        .add_community_member(&new_member(infra, admin, "pilot", admin))
        .await
        .unwrap();
    let at = |minutes: i64| Timestamp(NOW.0 + 60 * minutes);
    use NotificationKind::*;

    let mut joining = new_member(infra, priya, "member", admin);
    joining.announcements = Notices {
        notifications: vec![notification(
            admin,
            CommunityArrival,
            "Priya a rejoint",
            at(0),
        )],
        jobs: vec![email_job("arrival-priya")],
    };
    store.add_community_member(&joining).await.unwrap();
    let mut twice = new_member(infra, priya, "member", admin);
    twice.announcements = Notices {
        notifications: vec![notification(admin, CommunityArrival, "jamais", at(0))],
        jobs: vec![email_job("never-sent")],
    };
    let refused = store.add_community_member(&twice).await;
    assert!(matches!(refused, Err(StoreError::Conflict)), "{refused:?}");
    store
        .remove_community_member(&Departure {
            community: infra,
            account: priya,
            notices: Notices {
                notifications: vec![notification(
                    admin,
                    CommunityDeparture,
                    "Priya est partie",
                    at(1),
                )],
                jobs: Vec::new(),
            },
            at: at(1),
        })
        .await
        .unwrap();
    let request = store
        .create_join_request(&NewJoinRequest {
            notices: Notices {
                notifications: vec![notification(
                    admin,
                    JoinRequestWaiting,
                    "Yann demande",
                    at(2),
                )],
                jobs: vec![email_job("request-yann")],
            },
            ..join_request(infra, yann, at(2))
        })
        .await
        .unwrap();
    store
        .decide_join_request(&JoinDecision {
            notice: Notices {
                notifications: vec![notification(yann, JoinRequestDecided, "Acceptée", at(3))],
                jobs: Vec::new(),
            },
            announcements: Notices {
                notifications: vec![notification(
                    admin,
                    CommunityArrival,
                    "Yann a rejoint",
                    at(3),
                )],
                jobs: Vec::new(),
            },
            at: at(3),
            ..join_decision(request, true, admin)
        })
        .await
        .unwrap();
    store
        .exclude_from_community(&Exclusion {
            community: infra,
            account: yann,
            reason: "Démarchage".to_owned(),
            rule: None,
            notice: Notices {
                notifications: vec![notification(yann, ExcludedFromCommunity, "Exclu", at(4))],
                jobs: Vec::new(),
            },
            by: admin,
            at: at(4),
        })
        .await
        .unwrap();

    let listed = store.notifications(admin, 10).await.unwrap();
    assert_eq!(
        texts(&listed),
        [
            "Yann a rejoint",
            "Yann demande",
            "Priya est partie",
            "Priya a rejoint"
        ]
    );
    let newest = &listed[0];
    assert_eq!(
        (
            newest.account,
            newest.kind,
            newest.link.as_str(),
            newest.created_at,
            newest.read_at
        ),
        (admin, CommunityArrival, "/c/infra", at(3), None)
    );
    assert_eq!(listed[1].kind, JoinRequestWaiting);
    assert_eq!(store.unread_notifications(admin).await.unwrap(), 4);
    assert_eq!(
        texts(&store.notifications(admin, 2).await.unwrap()),
        ["Yann a rejoint", "Yann demande"],
        "bounded"
    );
    assert_eq!(
        texts(&store.notifications(yann, 10).await.unwrap()),
        ["Exclu", "Acceptée"]
    );
    assert!(store.notifications(priya, 10).await.unwrap().is_empty());
    assert_eq!(
        store.pending_jobs().await.unwrap(),
        2,
        "the jobs written beside the notifications, none of the refused change"
    );

    store.delete_account(yann, at(5)).await.unwrap();
    assert!(store.notifications(yann, 10).await.unwrap().is_empty());
    assert_eq!(store.unread_notifications(yann).await.unwrap(), 0);
}

async fn marks_only_ones_own_notifications_read(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Zoé Admin").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let yann = person(store, "yann@asso.fr", "Yann").await;
    let infra = store
        .create_community(&community_save("infra", "Infra", admin))
        .await
        .unwrap();
    let arrival = NotificationKind::CommunityArrival;
    let mut joining = new_member(infra, yann, "member", admin);
    joining.announcements = Notices {
        notifications: vec![
            notification(admin, arrival, "premier", NOW),
            notification(admin, arrival, "second", Timestamp(NOW.0 + 1)),
            notification(priya, arrival, "à Priya", NOW),
        ],
        jobs: Vec::new(),
    };
    store.add_community_member(&joining).await.unwrap();
    let mine = store.notifications(admin, 10).await.unwrap();
    let (second, first) = (mine[0].id, mine[1].id);

    let theirs = store.mark_notification_read(priya, first, NOW).await;
    assert!(matches!(theirs, Err(StoreError::NotFound)), "{theirs:?}");
    let unknown = store
        .mark_notification_read(admin, NotificationId(first.0 + 1000), NOW)
        .await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");
    assert_eq!(store.unread_notifications(admin).await.unwrap(), 2);

    let read_at = Timestamp(NOW.0 + 60);
    store
        .mark_notification_read(admin, first, read_at)
        .await
        .unwrap();
    store
        .mark_notification_read(admin, first, Timestamp(NOW.0 + 120))
        .await
        .unwrap();
    assert_eq!(store.unread_notifications(admin).await.unwrap(), 1);
    let all_at = Timestamp(NOW.0 + 180);
    store
        .mark_all_notifications_read(admin, all_at)
        .await
        .unwrap();
    let mine = store.notifications(admin, 10).await.unwrap();
    assert_eq!(
        mine.iter().map(|n| (n.id, n.read_at)).collect::<Vec<_>>(),
        [(second, Some(all_at)), (first, Some(read_at))],
        "the first reading is kept"
    );
    assert_eq!(store.unread_notifications(admin).await.unwrap(), 0);
    assert_eq!(
        store.unread_notifications(priya).await.unwrap(),
        1,
        "another person's stay unread"
    );
}

async fn saves_email_preferences_with_the_language(store: &dyn Store) {
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let yann = person(store, "yann@asso.fr", "Yann").await;
    use NotificationKind::*;
    assert_eq!(
        store.email_preferences(priya).await.unwrap(),
        EmailPreferences::default(),
        "every kind by email until turned off"
    );
    let opted_out = async |kind| opted_out(store, kind, &[priya, yann]).await;
    assert!(opted_out(CommunityArrival).await.is_empty());

    let settings = |account, language, off: &[NotificationKind]| NotificationSettingsSave {
        account,
        language,
        email: EmailPreferences::with_off(off.iter().copied()),
        at: NOW,
    };
    let quiet = [CommunityArrival, JoinRequestWaiting];
    store
        .save_notification_settings(&settings(priya, Language::En, &quiet))
        .await
        .unwrap();
    assert_eq!(store.account(priya).await.unwrap().language, Language::En);
    assert_eq!(
        store.email_preferences(priya).await.unwrap(),
        EmailPreferences::with_off(quiet)
    );
    assert_eq!(opted_out(CommunityArrival).await, [priya]);
    assert!(opted_out(CommunityDeparture).await.is_empty());

    store
        .save_notification_settings(&settings(yann, Language::Fr, &[CommunityArrival]))
        .await
        .unwrap();
    store
        .save_notification_settings(&settings(priya, Language::En, &[]))
        .await
        .unwrap();
    assert_eq!(opted_out(CommunityArrival).await, [yann]);
    assert!(opted_out(JoinRequestWaiting).await.is_empty());
    let log = store.audit_log(1).await.unwrap();
    assert_eq!(actions(&log), ["account.notification_settings"]);
    assert_eq!(log[0].subject, format!("account:{priya}"));

    let unknown = store
        .save_notification_settings(&settings(AccountId(priya.0 + 1000), Language::Fr, &[]))
        .await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");
}

/// Those of `accounts` who turned emails of `kind` off, as
/// [`Store::recipients`] reads them.
async fn opted_out(
    store: &dyn Store,
    kind: NotificationKind,
    accounts: &[AccountId],
) -> Vec<AccountId> {
    store
        .recipients(kind, accounts)
        .await
        .unwrap()
        .into_iter()
        .filter(|recipient| !recipient.email)
        .map(|recipient| recipient.account)
        .collect()
}

async fn reads_recipients_with_their_address_language_and_preference(store: &dyn Store) {
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let yann = person(store, "yann@asso.fr", "Yann").await;
    store
        .save_notification_settings(&NotificationSettingsSave {
            account: yann,
            language: Language::En,
            email: EmailPreferences::with_off([NotificationKind::JoinRequestWaiting]),
            at: NOW,
        })
        .await
        .unwrap();
    let gone = AccountId(yann.0 + 1000);
    let read = store
        .recipients(NotificationKind::JoinRequestWaiting, &[yann, gone, priya])
        .await
        .unwrap();
    assert_eq!(
        read,
        [
            Recipient {
                account: priya,
                address: email("priya@asso.fr"),
                language: Language::Fr,
                email: true,
            },
            Recipient {
                account: yann,
                address: email("yann@asso.fr"),
                language: Language::En,
                email: false,
            },
        ],
        "in account order, without the account that does not exist"
    );
    let departure = store
        .recipients(NotificationKind::CommunityDeparture, &[yann])
        .await
        .unwrap();
    assert!(departure[0].email, "the preference is the kind's");
    assert!(
        store
            .recipients(NotificationKind::CommunityDeparture, &[])
            .await
            .unwrap()
            .is_empty()
    );
}

async fn pages_a_communitys_current_members_as_recipients(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Zoé Admin").await;
    let mut members = Vec::new();
    for n in 0..5 {
        members.push(person(store, &format!("m{n}@asso.fr"), &format!("M{n}")).await);
    }
    let infra = store
        .create_community(&community_save("infra", "Infra", admin))
        .await
        .unwrap();
    let other = store
        .create_community(&community_save("autre", "Autre", admin))
        .await
        .unwrap();
    // Added out of account order; the admin belongs to the other community only.
    for member in members.iter().rev() {
        store
            .add_community_member(&new_member(infra, *member, "member", admin))
            .await
            .unwrap();
    }
    store
        .add_community_member(&new_member(other, admin, "member", admin))
        .await
        .unwrap();
    let arrival = NotificationKind::CommunityArrival;
    store
        .save_notification_settings(&NotificationSettingsSave {
            account: members[1],
            language: Language::En,
            email: EmailPreferences::with_off([arrival]),
            at: NOW,
        })
        .await
        .unwrap();
    store
        .save_notification_settings(&NotificationSettingsSave {
            account: members[2],
            language: Language::Fr,
            email: EmailPreferences::with_off([NotificationKind::CommunityDeparture]),
            at: NOW,
        })
        .await
        .unwrap();
    store
        .remove_community_member(&Departure {
            community: infra,
            account: members[3],
            notices: Notices::default(),
            at: NOW,
        })
        .await
        .unwrap();

    let page = |after, limit| MemberPage {
        community: infra,
        kind: arrival,
        after,
        limit: NonZeroU32::new(limit).unwrap(),
        newcomers_of: None,
    };
    let first = store.member_recipients(&page(None, 2)).await.unwrap();
    assert_eq!(
        first
            .iter()
            .map(|r| (r.account, r.address.as_str(), r.language, r.email))
            .collect::<Vec<_>>(),
        [
            (members[0], "m0@asso.fr", Language::Fr, true),
            (members[1], "m1@asso.fr", Language::En, false),
        ],
        "in account order, with the opt-out of this kind only"
    );
    let second = store
        .member_recipients(&page(Some(members[1]), 2))
        .await
        .unwrap();
    assert_eq!(
        second
            .iter()
            .map(|r| (r.account, r.email))
            .collect::<Vec<_>>(),
        [(members[2], true), (members[4], true)],
        "after the previous page, without the member who left"
    );
    let last = store
        .member_recipients(&page(Some(members[4]), 2))
        .await
        .unwrap();
    assert!(last.is_empty());
    let all = store.member_recipients(&page(None, 100)).await.unwrap();
    assert_eq!(all.len(), 4, "members of the community alone: {all:?}");
}

async fn finds_organisations_by_part_of_their_name_a_page_at_a_time(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Zoé Admin").await;
    let mut ids = Vec::new();
    for name in ["Zeta", "Acme Labs", "Acme", "100% Coop"] {
        ids.push(
            store
                .create_organisation(&organisation_save(name, admin))
                .await
                .unwrap(),
        );
    }
    let find = |words: &str, offset, limit| NameSearch {
        words: words.to_owned(),
        offset,
        limit,
    };
    let found = |search: NameSearch| async move {
        let found = store.find_organisations(&search).await.unwrap();
        let names: Vec<String> = found
            .items
            .iter()
            .map(|o| o.fields.name.as_str().to_owned())
            .collect();
        (names, found.total)
    };
    assert_eq!(
        found(find("", 1, 2)).await,
        (vec!["Acme".to_owned(), "Acme Labs".to_owned()], 4),
        "by name, a page"
    );
    assert_eq!(
        found(find("ACME", 0, 10)).await,
        (vec!["Acme".to_owned(), "Acme Labs".to_owned()], 2),
        "part of the name, in any case"
    );
    assert_eq!(
        found(find("0%", 0, 10)).await,
        (vec!["100% Coop".to_owned()], 1),
        "the words are taken literally"
    );
}

async fn claims_the_arrivals_waiting_to_be_told_once_per_round(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Zoé Admin").await;
    let infra = store
        .create_community(&community_save("infra", "Infra", admin))
        .await
        .unwrap();
    let old = person(store, "ancien@asso.fr", "Ancien").await;
    store
        .add_community_member(&new_member(infra, old, "member", admin))
        .await
        .unwrap();
    // Three arrive to be announced; the last leaves before any round.
    let mut newcomers = Vec::new();
    for (n, name) in ["Bea", "Ada", "Cyd"].into_iter().enumerate() {
        let account = person(store, &format!("{name}@asso.fr"), name).await;
        let announced = Arrival {
            community: infra,
            community_name: "Infra".to_owned(),
            path: "/c/infra".to_owned(),
            newcomer: account,
            newcomer_name: name.to_owned(),
            at: Timestamp(NOW.0 + i64::try_from(n).unwrap()),
            round: None,
            after: None,
        };
        let member = NewCommunityMember {
            announcements: Notices {
                notifications: Vec::new(),
                jobs: vec![announced.job()],
            },
            at: announced.at,
            ..new_member(infra, account, "member", account)
        };
        store.add_community_member(&member).await.unwrap();
        newcomers.push(account);
    }
    store
        .remove_community_member(&Departure {
            community: infra,
            account: newcomers[2],
            notices: Notices::default(),
            at: NOW,
        })
        .await
        .unwrap();

    let claim = |job| ArrivalClaim {
        community: infra,
        job: JobId(job),
        named: 1,
    };
    let expected = Newcomers {
        names: vec!["Bea".to_owned()],
        count: 2,
    };
    assert_eq!(
        store.claim_arrivals(&claim(40)).await.unwrap(),
        expected,
        "in order of arrival, without who left or who was not announced"
    );
    assert_eq!(
        store.claim_arrivals(&claim(40)).await.unwrap(),
        expected,
        "a round retried reads the same newcomers"
    );
    assert_eq!(
        store.claim_arrivals(&claim(41)).await.unwrap(),
        Newcomers::default(),
        "a later round finds nobody waiting"
    );

    let page = |newcomers_of| MemberPage {
        community: infra,
        kind: NotificationKind::CommunityArrival,
        after: None,
        limit: NonZeroU32::new(10).unwrap(),
        newcomers_of,
    };
    let told = |recipients: Vec<Recipient>| -> Vec<AccountId> {
        recipients.iter().map(|r| r.account).collect()
    };
    assert_eq!(
        told(
            store
                .member_recipients(&page(Some(JobId(40))))
                .await
                .unwrap()
        ),
        [old],
        "the round's newcomers are not told of themselves"
    );
    assert_eq!(
        told(
            store
                .member_recipients(&page(Some(JobId(41))))
                .await
                .unwrap()
        ),
        [old, newcomers[0], newcomers[1]]
    );
}

async fn completes_a_job_with_its_notices_once(store: &dyn Store) {
    let priya = person(store, "priya@asso.fr", "Priya").await;
    store.enqueue(&email_job("batch")).await.unwrap();
    let claimed = store.claim_jobs(&claim(NOW, 60, 10)).await.unwrap();
    let batch = claimed[0].id;
    let completion = JobCompletion {
        job: batch,
        notices: Notices {
            notifications: vec![notification(
                priya,
                NotificationKind::CommunityArrival,
                "Yann a rejoint Infra",
                NOW,
            )],
            jobs: vec![email_job("email-to-priya"), email_job("next-batch")],
        },
        at: NOW,
    };
    store.complete_job_with(&completion).await.unwrap();
    assert_eq!(store.unread_notifications(priya).await.unwrap(), 1);
    assert_eq!(
        store.pending_jobs().await.unwrap(),
        2,
        "the batch is done, its jobs wait"
    );

    let again = store.complete_job_with(&completion).await;
    assert!(matches!(again, Err(StoreError::NotFound)), "{again:?}");
    assert_eq!(
        store.unread_notifications(priya).await.unwrap(),
        1,
        "a second completion writes nothing"
    );
    assert!(
        store
            .claim_jobs(&claim(Timestamp(NOW.0 + 120), 60, 10))
            .await
            .unwrap()
            .iter()
            .all(|job| job.id != batch),
        "a completed job is not claimed again"
    );
}

async fn sets_replaces_and_removes_a_community_webhook(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Zoé Admin").await;
    let infra = store
        .create_community(&community_save("infra", "Infra", admin))
        .await
        .unwrap();
    assert_eq!(store.community_webhook(infra).await.unwrap(), None);

    let webhook = |kind, url: &str| Webhook {
        kind,
        url: WebhookUrl::parse(url, PrivateNetworks::Refused).unwrap(),
    };
    let save = |community, webhook| WebhookSave {
        community,
        webhook,
        by: admin,
        at: NOW,
    };
    let slack = webhook(
        WebhookKind::Slack,
        "https://hooks.slack.com/services/T0/B0/XXXX",
    );
    store
        .set_community_webhook(&save(infra, slack.clone()))
        .await
        .unwrap();
    assert_eq!(store.community_webhook(infra).await.unwrap(), Some(slack));
    let matrix = webhook(
        WebhookKind::Matrix,
        "https://matrix.example.org/webhook/abc",
    );
    store
        .set_community_webhook(&save(infra, matrix.clone()))
        .await
        .unwrap();
    assert_eq!(
        store.community_webhook(infra).await.unwrap(),
        Some(matrix.clone()),
        "one webhook per community"
    );
    let unknown = store
        .set_community_webhook(&save(CommunityId(infra.0 + 1000), matrix))
        .await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");

    store
        .remove_community_webhook(infra, admin, NOW)
        .await
        .unwrap();
    assert_eq!(store.community_webhook(infra).await.unwrap(), None);
    let again = store.remove_community_webhook(infra, admin, NOW).await;
    assert!(matches!(again, Err(StoreError::NotFound)), "{again:?}");
    let log = store.audit_log(3).await.unwrap();
    assert_eq!(
        actions(&log),
        [
            "community.webhook_removed",
            "community.webhook_set",
            "community.webhook_set"
        ]
    );
    assert_eq!(log[0].subject, format!("community:{}/webhook", infra.0));
}

/// Notices made of jobs only.
fn jobs(jobs: Vec<NewJob>) -> Notices {
    Notices {
        notifications: Vec::new(),
        jobs,
    }
}

/// A notification to `account` leading to the `infra` community.
fn notification(
    account: AccountId,
    kind: NotificationKind,
    text: &str,
    at: Timestamp,
) -> NewNotification {
    NewNotification {
        account,
        kind,
        text: text.to_owned(),
        link: "/c/infra".to_owned(),
        created_at: at,
    }
}

fn texts(notifications: &[cercle_core::notify::notification::Notification]) -> Vec<&str> {
    notifications.iter().map(|n| n.text.as_str()).collect()
}

async fn saves_the_sites_texts_and_settings_over_the_defaults(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Zoé Admin").await;
    let defaults = store.site_settings().await.unwrap();
    assert_eq!(
        defaults.licence,
        Licence::default(),
        "CC BY-SA 4.0 until saved"
    );
    assert!(defaults.text(TextKey::Welcome).is_empty());
    assert!(!defaults.free_participation);

    let mut settings = SiteSettings {
        texts: vec![
            (TextKey::Welcome, Bilingual::new("Bienvenue !", "Welcome!")),
            (
                TextKey::SteeringNote,
                Bilingual::new("Aucun support ici.", ""),
            ),
        ],
        free_participation: true,
        licence: Licence {
            name: "CC0".to_owned(),
            url: None,
        },
        steering_email: Some(email("psc@georchestra.org")),
        logo: None,
    };
    let save = |settings: &SiteSettings| SiteSettingsSave {
        settings: settings.clone(),
        by: admin,
        at: NOW,
    };
    store.save_site_settings(&save(&settings)).await.unwrap();
    assert_eq!(store.site_settings().await.unwrap(), settings);

    settings.texts = vec![(TextKey::Welcome, Bilingual::new("", "Welcome back"))];
    settings.steering_email = None;
    store.save_site_settings(&save(&settings)).await.unwrap();
    let saved = store.site_settings().await.unwrap();
    assert_eq!(
        saved.text(TextKey::Welcome),
        &Bilingual::new("", "Welcome back")
    );
    assert_eq!(
        saved.text(TextKey::SteeringNote).fr,
        "Aucun support ici.",
        "a text the save did not carry stays"
    );
    assert_eq!(saved.steering_email, None);
    let log = store.audit_log(1).await.unwrap();
    assert_eq!(actions(&log), ["site.settings_saved"]);
    assert_eq!(log[0].actor, Some(admin));
}

/// A PNG signature and header of `width` × `height`.
fn png(width: u32, height: u32) -> Image {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    bytes.extend(width.to_be_bytes());
    bytes.extend(height.to_be_bytes());
    Image {
        kind: ImageKind::Png,
        width,
        height,
        bytes,
    }
}

async fn replaces_the_logo_and_deletes_the_previous_one(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Zoé Admin").await;
    let change = |image| LogoChange {
        image,
        by: admin,
        at: NOW,
    };
    let first = store.set_site_logo(&change(png(120, 60))).await.unwrap();
    let settings = store.site_settings().await.unwrap();
    assert_eq!(settings.logo, Some(first));
    assert_eq!(
        settings.licence,
        Licence::default(),
        "the defaults came with it"
    );
    let stored = store.site_image(first).await.unwrap();
    assert_eq!(stored.kind, ImageKind::Png);
    assert_eq!(
        stored.bytes,
        png(120, 60).bytes,
        "bytes survive the round trip"
    );
    assert!(stored.public, "the logo is shown to all");

    let second = store.set_site_logo(&change(png(64, 64))).await.unwrap();
    assert_eq!(store.site_settings().await.unwrap().logo, Some(second));
    assert!(matches!(
        store.site_image(first).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        actions(&store.audit_log(2).await.unwrap()),
        ["site.logo_changed", "site.logo_changed"]
    );
}

fn entry_save(section: Section, position: i64, title: &str, by: AccountId) -> EntrySave {
    EntrySave {
        fields: EntryFields {
            section,
            parent: None,
            position,
            tag: match section {
                Section::Cards => Tag::Icon(Icon::Hand),
                Section::Help => Tag::Help(HelpKind::Irc),
                _ => Tag::None,
            },
            title: Bilingual::new(title, ""),
            text: Bilingual::new("Un **texte**", "A **text**"),
            link: Some(Link::parse("link", "/communities").unwrap()),
            starts_on: None,
            ends_on: None,
        },
        by,
        at: NOW,
    }
}

fn titles(entries: &[Entry]) -> Vec<&str> {
    entries.iter().map(|e| e.fields.title.fr.as_str()).collect()
}

async fn keeps_site_entries_by_section_and_position(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Zoé Admin").await;
    let meet = store
        .create_site_entry(&entry_save(Section::Cards, 2, "Rencontrer", admin))
        .await
        .unwrap();
    store
        .create_site_entry(&entry_save(Section::Cards, 1, "Discuter", admin))
        .await
        .unwrap();
    store
        .create_site_entry(&entry_save(Section::Cards, 2, "Rejoindre", admin))
        .await
        .unwrap();
    let mut highlight = entry_save(Section::Highlights, 0, "Forum", admin);
    highlight.fields.starts_on = Some(date("2026-11-23"));
    let forum = store.create_site_entry(&highlight).await.unwrap();

    let cards = store.site_entries(Section::Cards).await.unwrap();
    assert_eq!(titles(&cards), ["Discuter", "Rencontrer", "Rejoindre"]);
    assert_eq!(
        cards[1].fields,
        entry_save(Section::Cards, 2, "Rencontrer", admin).fields
    );
    let highlights = store.site_entries(Section::Highlights).await.unwrap();
    assert_eq!(highlights[0].id, forum);
    assert_eq!(highlights[0].fields.starts_on, Some(date("2026-11-23")));

    let mut moved = entry_save(Section::Cards, 9, "Rencontrer la communauté", admin);
    moved.fields.link = None;
    store.update_site_entry(meet, &moved).await.unwrap();
    let cards = store.site_entries(Section::Cards).await.unwrap();
    assert_eq!(
        titles(&cards),
        ["Discuter", "Rejoindre", "Rencontrer la communauté"]
    );
    assert_eq!(cards[2].fields.link, None);

    let elsewhere = store
        .update_site_entry(forum, &entry_save(Section::Cards, 0, "Détournée", admin))
        .await;
    assert!(
        matches!(elsewhere, Err(StoreError::NotFound)),
        "{elsewhere:?}"
    );
    let deletion = |section, entry| EntryDeletion {
        section,
        entry,
        by: admin,
        at: NOW,
    };
    let wrong = store
        .delete_site_entry(&deletion(Section::Help, meet))
        .await;
    assert!(matches!(wrong, Err(StoreError::NotFound)), "{wrong:?}");
    store
        .delete_site_entry(&deletion(Section::Cards, meet))
        .await
        .unwrap();
    assert_eq!(store.site_entries(Section::Cards).await.unwrap().len(), 2);
    let log = store.audit_log(3).await.unwrap();
    assert_eq!(
        actions(&log),
        [
            "site.entry_deleted",
            "site.entry_updated",
            "site.entry_created"
        ]
    );
    assert_eq!(log[0].subject, format!("site_entry:cards/{}", meet.0));
}

async fn deletes_a_bodys_members_with_it(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Zoé Admin").await;
    let board = store
        .create_site_entry(&entry_save(Section::Bodies, 0, "Conseil", admin))
        .await
        .unwrap();
    let card = store
        .create_site_entry(&entry_save(Section::Cards, 0, "Carte", admin))
        .await
        .unwrap();
    let member = |parent| {
        let mut save = entry_save(Section::Members, 0, "Jeanne Martin", admin);
        save.fields.parent = Some(parent);
        save.fields.starts_on = Some(date("2025-06-01"));
        save.fields.ends_on = Some(date("2027-06-01"));
        save
    };
    store.create_site_entry(&member(board)).await.unwrap();
    let members = store.site_entries(Section::Members).await.unwrap();
    assert_eq!(members[0].fields.parent, Some(board));
    assert_eq!(members[0].fields.ends_on, Some(date("2027-06-01")));
    for parent in [card, EntryId(board.0 + 1000)] {
        let refused = store.create_site_entry(&member(parent)).await;
        assert!(
            matches!(refused, Err(StoreError::NotFound)),
            "a member sits on a body: {refused:?}"
        );
    }
    store
        .delete_site_entry(&EntryDeletion {
            section: Section::Bodies,
            entry: board,
            by: admin,
            at: NOW,
        })
        .await
        .unwrap();
    assert!(
        store
            .site_entries(Section::Members)
            .await
            .unwrap()
            .is_empty()
    );
}

fn submission(name: &str, logo: Option<Image>) -> AdopterSubmission {
    AdopterSubmission {
        fields: AdopterFields {
            name: OrganisationName::parse(name).unwrap(),
            category: OrganisationCategory::PublicBody,
            text: Bilingual::new("Via GeoBretagne", ""),
            link: Some(WebAddress::parse("link", "https://geobretagne.fr").unwrap()),
            contact: email("sig@bretagne.example"),
        },
        logo,
        at: NOW,
    }
}

async fn adopters_wait_for_a_moderator_and_leave_nothing_when_refused(store: &dyn Store) {
    let moderator = person(store, "modo@asso.fr", "Mo Dératrice").await;
    let bretagne = store
        .submit_adopter(&submission("Bretagne (Région)", Some(png(200, 100))))
        .await
        .unwrap();
    let spam = store
        .submit_adopter(&submission("Spam SARL", Some(png(10, 10))))
        .await
        .unwrap();
    let plain = store
        .submit_adopter(&submission("Rennes Métropole", None))
        .await
        .unwrap();
    assert!(
        store
            .adopters(AdopterStatus::Approved)
            .await
            .unwrap()
            .is_empty()
    );
    let pending = store.adopters(AdopterStatus::Pending).await.unwrap();
    assert_eq!(
        pending.iter().map(|a| a.id).collect::<Vec<_>>(),
        [bretagne, plain, spam],
        "by name"
    );
    assert_eq!(
        pending[0].fields,
        submission("Bretagne (Région)", None).fields
    );
    assert_eq!(pending[0].status, AdopterStatus::Pending);
    let logo = pending[0].logo.unwrap();
    assert!(
        !store.site_image(logo).await.unwrap().public,
        "not before approval"
    );
    assert_eq!(
        store.audit_log(1).await.unwrap()[0].actor,
        None,
        "no account needed"
    );

    let decide = |adopter, verdict| AdopterDecision {
        adopter,
        verdict,
        by: moderator,
        at: NOW,
    };
    store
        .decide_adopter(&decide(bretagne, AdopterVerdict::Approve))
        .await
        .unwrap();
    let approved = store.adopters(AdopterStatus::Approved).await.unwrap();
    assert_eq!(approved.len(), 1);
    assert_eq!(approved[0].id, bretagne);
    assert!(store.site_image(logo).await.unwrap().public);
    let twice = store
        .decide_adopter(&decide(bretagne, AdopterVerdict::Approve))
        .await;
    assert!(matches!(twice, Err(StoreError::NotFound)), "{twice:?}");
    let not_listed = store
        .decide_adopter(&decide(spam, AdopterVerdict::Remove))
        .await;
    assert!(
        matches!(not_listed, Err(StoreError::NotFound)),
        "{not_listed:?}"
    );

    let spam_logo = store.adopters(AdopterStatus::Pending).await.unwrap()[1]
        .logo
        .unwrap();
    store
        .decide_adopter(&decide(spam, AdopterVerdict::Refuse))
        .await
        .unwrap();
    assert_eq!(
        store.adopters(AdopterStatus::Pending).await.unwrap().len(),
        1
    );
    assert!(matches!(
        store.site_image(spam_logo).await,
        Err(StoreError::NotFound)
    ));
    store
        .decide_adopter(&decide(bretagne, AdopterVerdict::Remove))
        .await
        .unwrap();
    assert!(
        store
            .adopters(AdopterStatus::Approved)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(matches!(
        store.site_image(logo).await,
        Err(StoreError::NotFound)
    ));
    let log = store.audit_log(3).await.unwrap();
    assert_eq!(
        actions(&log),
        ["adopter.removed", "adopter.refused", "adopter.approved"]
    );
    assert_eq!(log[1].subject, format!("adopter:{}", spam.0));
}

async fn shows_the_member_organisations_that_agreed(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Zoé Admin").await;
    let terranis = store
        .create_organisation(&organisation_save("TerraNIS", admin))
        .await
        .unwrap();
    store
        .create_organisation(&organisation_save("Acme", admin))
        .await
        .unwrap();
    assert!(store.shown_organisations().await.unwrap().is_empty());
    let change = |organisation, shown| ShowcaseChange {
        organisation,
        shown,
        by: admin,
        at: NOW,
    };
    store
        .set_organisation_shown(&change(terranis, true))
        .await
        .unwrap();
    let shown = store.shown_organisations().await.unwrap();
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0].fields.name.as_str(), "TerraNIS");
    store
        .set_organisation_shown(&change(terranis, false))
        .await
        .unwrap();
    assert!(store.shown_organisations().await.unwrap().is_empty());
    let unknown = store
        .set_organisation_shown(&change(OrganisationId(terranis.0 + 1000), true))
        .await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");
    let log = store.audit_log(2).await.unwrap();
    assert_eq!(
        actions(&log),
        [
            "organisation.showcase_changed",
            "organisation.showcase_changed"
        ]
    );
    assert_eq!(
        log[0].subject,
        format!("organisation:{}/hidden", terranis.0)
    );
}

/// `address` asking for `lists` with the link secret `secret`; its
/// confirmation and notice jobs are keyed after the secret.
fn subscription(
    address: &str,
    lists: &[cercle_core::newsletter::MailingListId],
    secret: &str,
) -> cercle_core::newsletter::NewSubscription {
    cercle_core::newsletter::NewSubscription {
        email: email(address),
        language: Language::En,
        lists: lists.to_vec(),
        token: hash(secret),
        expires_at: NOW.plus(std::time::Duration::from_secs(3600)),
        confirmation: email_job(&format!("confirm:{secret}")),
        already: email_job(&format!("already:{secret}")),
        at: NOW,
    }
}

async fn list_named(store: &dyn Store, slug: &str) -> cercle_core::newsletter::MailingList {
    store
        .mailing_lists()
        .await
        .unwrap()
        .into_iter()
        .find(|list| list.slug.as_str() == slug)
        .unwrap()
}

async fn subscribes_to_lists_only_once_confirmed(store: &dyn Store) {
    use cercle_core::newsletter::{MailingListSave, SubscriptionState};
    let admin = person(store, "admin@asso.fr", "Zoé Admin").await;
    let general = list_named(store, "general").await;
    assert_eq!(
        general.subscribers, 0,
        "the general list exists from the start"
    );
    let save = |slug: &str| MailingListSave {
        slug: Slug::parse(slug).unwrap(),
        name: "Developers".to_owned(),
        description: "Code and releases".to_owned(),
        by: admin,
        at: NOW,
    };
    let developers = store
        .create_mailing_list(&save("developers"))
        .await
        .unwrap();
    let taken = store.create_mailing_list(&save("developers")).await;
    assert!(matches!(taken, Err(StoreError::Conflict)), "{taken:?}");
    let lists = store.mailing_lists().await.unwrap();
    assert_eq!(
        lists.iter().map(|l| l.slug.as_str()).collect::<Vec<_>>(),
        ["developers", "general"],
        "by name"
    );

    let both = [general.id, developers];
    store
        .subscribe_to_newsletter(&subscription("priya@example.org", &both, "first"))
        .await
        .unwrap();
    let pending = store.subscribers(general.id).await.unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].state, SubscriptionState::Pending);
    assert_eq!(pending[0].email, email("priya@example.org"));
    assert_eq!(
        list_named(store, "general").await.subscribers,
        0,
        "nothing counts before the confirmation"
    );

    assert!(matches!(
        store.confirm_subscriptions(&hash("wrong"), NOW).await,
        Err(StoreError::NotFound)
    ));
    let late = NOW.plus(std::time::Duration::from_secs(3600));
    assert!(matches!(
        store.confirm_subscriptions(&hash("first"), late).await,
        Err(StoreError::NotFound)
    ));
    let mut expected = vec![general.id, developers];
    expected.sort();
    assert_eq!(
        store
            .confirm_subscriptions(&hash("first"), NOW)
            .await
            .unwrap(),
        expected
    );
    assert!(
        matches!(
            store.confirm_subscriptions(&hash("first"), NOW).await,
            Err(StoreError::NotFound)
        ),
        "the link works once"
    );
    assert_eq!(list_named(store, "general").await.subscribers, 1);
    assert_eq!(
        store.subscribers(developers).await.unwrap()[0].state,
        SubscriptionState::Confirmed
    );

    store
        .subscribe_to_newsletter(&subscription("priya@example.org", &both, "again"))
        .await
        .unwrap();
    assert_eq!(
        store.subscribers(general.id).await.unwrap()[0].state,
        SubscriptionState::Confirmed,
        "asking again changes nothing"
    );
    assert!(matches!(
        store.confirm_subscriptions(&hash("again"), NOW).await,
        Err(StoreError::NotFound)
    ));
    let jobs = store.claim_jobs(&claim(NOW, 60, 10)).await.unwrap();
    let mut sent = keys(&jobs);
    sent.sort_unstable();
    assert_eq!(sent, ["already:again", "confirm:first"]);

    let unknown = cercle_core::newsletter::MailingListId(developers.0 + 1000);
    let refused = store
        .subscribe_to_newsletter(&subscription("yann@example.org", &[unknown], "x"))
        .await;
    assert!(matches!(refused, Err(StoreError::NotFound)), "{refused:?}");
    let log = store.audit_log(3).await.unwrap();
    assert_eq!(
        actions(&log),
        [
            "newsletter.confirmed",
            "newsletter.confirmed",
            "mailing_list.created"
        ]
    );
    assert!(
        log.iter().all(|entry| !entry.subject.contains('@')),
        "addresses stay out of the log: {log:?}"
    );
}

async fn sends_an_issue_to_confirmed_subscribers_who_unsubscribe_in_one_click(store: &dyn Store) {
    use cercle_core::newsletter::{Delivery, NewIssue, SubscriptionState};
    let admin = person(store, "admin@asso.fr", "Zoé Admin").await;
    let general = list_named(store, "general").await.id;
    for (address, secret) in [("a@example.org", "a"), ("b@example.org", "b")] {
        store
            .subscribe_to_newsletter(&subscription(address, &[general], secret))
            .await
            .unwrap();
        store
            .confirm_subscriptions(&hash(secret), NOW)
            .await
            .unwrap();
    }
    store
        .subscribe_to_newsletter(&subscription("c@example.org", &[general], "c"))
        .await
        .unwrap();
    let subscribers = store.subscribers(general).await.unwrap();
    let deliveries = subscribers
        .iter()
        .map(|s| Delivery {
            subscription: s.id,
            unsubscribe: hash(&format!("out:{}", s.email)),
            email: email_job(&format!("issue:{}", s.email)),
        })
        .collect();
    let sent = store
        .send_newsletter_issue(&NewIssue {
            list: general,
            subject: "March".to_owned(),
            body: "News of the month.".to_owned(),
            deliveries,
            by: admin,
            at: NOW,
        })
        .await
        .unwrap();
    assert_eq!(sent.recipients, 2, "the pending address gets nothing");
    let issues = store.newsletter_issues().await.unwrap();
    assert_eq!(issues.len(), 1);
    assert_eq!(
        (
            issues[0].id,
            issues[0].subject.as_str(),
            issues[0].sent_by.as_str()
        ),
        (sent.id, "March", "Zoé Admin")
    );
    assert_eq!(issues[0].recipients, 2);
    let jobs = store.claim_jobs(&claim(NOW, 60, 20)).await.unwrap();
    let mut issued: Vec<&str> = keys(&jobs)
        .into_iter()
        .filter(|key| key.starts_with("issue:"))
        .collect();
    issued.sort_unstable();
    assert_eq!(issued, ["issue:a@example.org", "issue:b@example.org"]);
    assert!(matches!(
        store
            .subscription_by_unsubscribe_link(&hash("out:c@example.org"))
            .await,
        Err(StoreError::NotFound)
    ));

    let link = hash("out:a@example.org");
    let found = store.subscription_by_unsubscribe_link(&link).await.unwrap();
    assert_eq!(found.email, email("a@example.org"));
    let ended = store.unsubscribe(&link, NOW).await.unwrap();
    assert_eq!(ended.state, SubscriptionState::Unsubscribed);
    let again = store.unsubscribe(&link, NOW).await.unwrap();
    assert_eq!(
        again.state,
        SubscriptionState::Unsubscribed,
        "a repeat is harmless"
    );
    assert!(matches!(
        store.unsubscribe(&hash("unknown"), NOW).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(list_named(store, "general").await.subscribers, 1);
    let log = store.audit_log(2).await.unwrap();
    assert_eq!(
        actions(&log),
        ["newsletter.unsubscribed", "newsletter.issue_sent"]
    );

    store
        .subscribe_to_newsletter(&subscription("a@example.org", &[general], "back"))
        .await
        .unwrap();
    let back = store.subscription_by_unsubscribe_link(&link).await.unwrap();
    assert_eq!(
        back.state,
        SubscriptionState::Pending,
        "asking again after leaving"
    );
    store
        .confirm_subscriptions(&hash("back"), NOW)
        .await
        .unwrap();
    assert_eq!(list_named(store, "general").await.subscribers, 2);
}

async fn records_security_reports_for_the_contacts_and_their_state(store: &dyn Store) {
    use cercle_core::site::security::{
        NewSecurityReport, ReportState, ReportStateChange, SecurityReportId,
    };
    let contact = person(store, "psc@asso.fr", "Raoul Contact").await;
    let other = person(store, "alex@asso.fr", "Alex Contact").await;
    person(store, "member@asso.fr", "Maëlle Member").await;
    for account in [contact, other] {
        store
            .set_roles(&RolesChange {
                account,
                roles: vec![Role::SecurityContact],
                by: account,
                at: NOW,
            })
            .await
            .unwrap();
    }
    let contacts = store
        .accounts_with_role(Role::SecurityContact)
        .await
        .unwrap();
    assert_eq!(
        contacts.iter().map(|a| a.id).collect::<Vec<_>>(),
        [other, contact],
        "by name"
    );
    assert!(
        store
            .accounts_with_role(Role::Treasurer)
            .await
            .unwrap()
            .is_empty()
    );

    let report = |description: &str, at: Timestamp| NewSecurityReport {
        reporter_name: String::new(),
        reporter_email: email("finder@example.net"),
        description: description.to_owned(),
        affected_version: "1.4".to_owned(),
        language: Language::En,
        notices: vec![
            email_job(&format!("contact:{description}")),
            email_job(&format!("ack:{description}")),
        ],
        at,
    };
    let first = store
        .create_security_report(&report("XSS in the search box", NOW))
        .await
        .unwrap();
    let second = store
        .create_security_report(&report("CSRF on the profile form", Timestamp(NOW.0 + 60)))
        .await
        .unwrap();
    assert_eq!(store.pending_jobs().await.unwrap(), 4);
    let reports = store.security_reports().await.unwrap();
    assert_eq!(
        reports.iter().map(|r| r.id).collect::<Vec<_>>(),
        [second, first],
        "newest first"
    );
    let read = store.security_report(first).await.unwrap();
    assert_eq!(read.description, "XSS in the search box");
    assert_eq!(read.reporter_email, email("finder@example.net"));
    assert_eq!(read.affected_version, "1.4");
    assert_eq!(read.state, ReportState::New);
    assert_eq!(read.updated, None);

    store
        .set_security_report_state(&ReportStateChange {
            report: first,
            state: ReportState::Acknowledged,
            by: contact,
            at: Timestamp(NOW.0 + 120),
        })
        .await
        .unwrap();
    let read = store.security_report(first).await.unwrap();
    assert_eq!(read.state, ReportState::Acknowledged);
    assert_eq!(
        read.updated,
        Some((Timestamp(NOW.0 + 120), "Raoul Contact".to_owned()))
    );
    let unknown = store
        .set_security_report_state(&ReportStateChange {
            report: SecurityReportId(second.0 + 1000),
            state: ReportState::Fixed,
            by: contact,
            at: NOW,
        })
        .await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");
    assert!(matches!(
        store
            .security_report(SecurityReportId(second.0 + 1000))
            .await,
        Err(StoreError::NotFound)
    ));
    let log = store.audit_log(3).await.unwrap();
    assert_eq!(
        actions(&log),
        [
            "security_report.state_changed",
            "security_report.received",
            "security_report.received"
        ]
    );
    assert_eq!(log[0].subject, format!("security_report:{}", first.0));
    assert_eq!(log[1].actor, None, "the reporter has no account");
}
