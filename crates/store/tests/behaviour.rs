//! What the store promises, checked once per backend.
//!
//! Each behaviour is an `async fn(&dyn Store)` in the file of its area under
//! `behaviour/`; the `behaviours!` macro in each runs it on a fresh SQLite
//! file and on a scratch PostgreSQL database. This file holds what the areas
//! share: the backends and the builders of store inputs. The PostgreSQL runs
//! need `CERCLE_TEST_DATABASE_URL`: without it they say so loudly and pass,
//! unless `CI` is set, where they fail, as an unreachable server does.

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

#[path = "behaviour/accounts.rs"]
mod accounts;
#[path = "behaviour/admission.rs"]
mod admission;
#[path = "behaviour/communities.rs"]
mod communities;
#[path = "behaviour/events.rs"]
mod events;
#[path = "behaviour/governance.rs"]
mod governance;
#[path = "behaviour/kernel.rs"]
mod kernel;
#[path = "behaviour/newsletter.rs"]
mod newsletter;
#[path = "behaviour/notify.rs"]
mod notify;
#[path = "behaviour/register.rs"]
mod register;
#[path = "behaviour/site.rs"]
mod site;

const NOW: Timestamp = Timestamp(1_800_000_000);

async fn member_count(store: &dyn Store, community: CommunityId) -> i64 {
    store.community(community).await.unwrap().members
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
            calendar: None,
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
            votes: true,
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
