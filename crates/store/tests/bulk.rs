//! `cercle admin generate`'s loader, on both backends: what it writes reads
//! back through the store as the pages would read it.

#![expect(
    clippy::unwrap_used,
    reason = "the helpers of a test unwrap: a panic there fails the test that called them"
)]

use std::io::Write as _;
use std::sync::Arc;

use cercle_core::accounts::account::{Password, PasswordHash};
use cercle_core::accounts::flows::{self as accounts, SetupInput};
use cercle_core::communities::community::RequestStatus;
use cercle_core::communities::store::CommunityListing;
use cercle_core::communities::store::ListingOrder;
use cercle_core::communities::store::SeenCommunities;
use cercle_core::events::event::{EventId, RegistrationState};
use cercle_core::events::store::{EventListing, RegistrationChange, SeenEvents};
use cercle_core::kernel::date::Date;
use cercle_core::kernel::email::EmailAddress;
use cercle_core::kernel::time::Timestamp;
use cercle_core::kernel::visibility::{Audience, Visibility};
use cercle_core::population::{Population, Scale, ScaleInput};
use cercle_core::register::dues::MembershipId;
use cercle_core::renewal::daily_sweep;
use cercle_core::store::Store;
use cercle_store::bulk::{self, LoadError};
use cercle_store::{DatabaseUrl, OpenOptions, testing};

const SMALL: ScaleInput = ScaleInput {
    people: 2_000,
    organisations: 50,
    communities: 40,
    community_memberships: 5_000,
    join_requests: 300,
    dues_years: 3,
    sessions: 20,
    events: 300,
    event_registrations: 3_000,
};

#[tokio::test]
async fn a_generated_association_reads_back_on_sqlite() {
    let directory = tempfile::tempdir().unwrap();
    let url = DatabaseUrl::Sqlite(directory.path().join("cercle.db"));
    generated_association_reads_back(url).await;
}

#[tokio::test]
async fn a_generated_association_reads_back_on_postgres() {
    let Ok(base_url) = std::env::var("CERCLE_TEST_DATABASE_URL") else {
        // In CI the PostgreSQL suite must run: a skip there would pass unseen.
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but CERCLE_TEST_DATABASE_URL is not: the PostgreSQL suite cannot run"
        );
        std::io::stderr()
            .write_all(b"!!! SKIPPED bulk on postgres: set CERCLE_TEST_DATABASE_URL !!!\n")
            .unwrap();
        return;
    };
    let scratch = testing::scratch_postgres(&base_url)
        .await
        .expect("PostgreSQL is unreachable");
    let url = DatabaseUrl::parse(&scratch.url).unwrap();
    let outcome = tokio::spawn(generated_association_reads_back(url)).await;
    scratch.drop_database().await.unwrap();
    if let Err(failure) = outcome {
        std::panic::resume_unwind(failure.into_panic());
    }
}

async fn generated_association_reads_back(url: DatabaseUrl) {
    let store = cercle_store::open(&OpenOptions::new(url.clone()))
        .await
        .unwrap();
    let population = Arc::new(Population::new(
        Scale::parse(SMALL).unwrap(),
        7,
        Date::of(cercle_core::kernel::time::Timestamp::now()),
        Timestamp::now(),
    ));
    let password = PasswordHash::of(&Password::parse("correct horse battery").unwrap());
    assert!(matches!(
        bulk::load(&url, Arc::clone(&population), password.clone(), |_| {}).await,
        Err(LoadError::NotSetUp)
    ));
    set_up(&*store).await;

    let loads = bulk::load(&url, Arc::clone(&population), password.clone(), |_| {})
        .await
        .unwrap();
    let rows = |table: &str| loads.iter().find(|l| l.table == table).unwrap().rows;
    assert_eq!(rows("accounts"), 2_000);
    assert_eq!(rows("community_members"), 5_000);
    assert_eq!(rows("join_requests"), 300);
    assert_eq!(rows("events"), 300);
    assert_eq!(rows("event_registrations"), 3_000);

    let person = population.person(17);
    let account = store
        .account_by_email(&EmailAddress::parse(&person.email).unwrap())
        .await
        .unwrap();
    assert_eq!(account.display_name.as_str(), person.display_name);
    let (_, session) = population.session(3);
    let signed_in = store
        .session_account(&session, Timestamp::now())
        .await
        .unwrap();
    assert_eq!(
        signed_in.email.as_str(),
        population.person(3).email,
        "a load test acts as person 3 with its session"
    );

    for c in [0, 1, 39] {
        let generated = population.community(c);
        let community = store
            .community_by_slug(generated.fields.slug.as_str())
            .await
            .unwrap();
        assert_eq!(community.fields.name, generated.fields.name);
        let members = store.community_members(community.id).await.unwrap();
        assert_eq!(members.len() as u64, generated.members);
        assert_eq!(community.members, members.len() as i64, "the stored count");
        let pilot = population.person(population.member(c, 0).person);
        assert!(
            members
                .iter()
                .any(|m| m.display_name == pilot.display_name && m.roles == ["pilot"])
        );
        let pending = (0..population.requests())
            .map(|r| population.request(r))
            .filter(|r| r.community == c && r.status == RequestStatus::Pending)
            .count();
        assert_eq!(
            store
                .pending_join_requests(community.id)
                .await
                .unwrap()
                .len(),
            pending
        );
    }

    let everything = SeenCommunities {
        visibilities: Visibility::ALL.to_vec(),
        member: None,
    };
    let word = population.community(5).fields.name.to_lowercase();
    let word = word.split_whitespace().last().unwrap();
    let found = store
        .list_communities(&CommunityListing {
            seen: everything,
            kinds: Vec::new(),
            theme: None,
            words: vec![word.to_owned()],
            open_to: None,
            order: ListingOrder::Name,
            limit: 20,
            offset: 0,
        })
        .await
        .unwrap();
    assert!(
        found
            .communities
            .iter()
            .any(|c| c.fields.name == population.community(5).fields.name),
        "generated communities are found by the search index"
    );

    let generated = population.membership(60);
    let membership = store.membership(MembershipId(61)).await.unwrap();
    assert_eq!(membership.periods.len(), generated.periods.len());
    assert_eq!(membership.status, generated.status);

    store
        .enqueue(&daily_sweep(population.today(), Timestamp::now()))
        .await
        .unwrap();
    assert_eq!(
        store.pending_jobs().await.unwrap(),
        0,
        "today's sweep stands as already run"
    );

    events_read_back(&*store, &population).await;

    assert!(matches!(
        bulk::load(&url, population, password, |_| {}).await,
        Err(LoadError::NotEmpty)
    ));
}

/// Events keep their identifiers, owners and organisers; a full event's
/// registrations stand in arrival order, so that a seat freed goes to the
/// first on its waitlist.
async fn events_read_back(store: &dyn Store, population: &Population) {
    let account = async |person: u64| {
        let email = EmailAddress::parse(&population.person(person).email).unwrap();
        store.account_by_email(&email).await.unwrap().id
    };
    let association = (0..300)
        .find(|e| population.event(*e).community.is_none())
        .unwrap();
    let stored = store.event(EventId(association as i64 + 1)).await.unwrap();
    assert_eq!(stored.fields, population.event(association).fields);
    assert_eq!(stored.community, None);
    assert_eq!(
        stored.organiser.unwrap().1,
        "Cécile Admin",
        "the administrator organises the association's events"
    );

    let full = (0..300)
        .find(|e| {
            let event = population.event(*e);
            event.community.is_some()
                && event.recurrence.is_none()
                && event
                    .fields
                    .registration
                    .capacity
                    .is_some_and(|seats| u64::from(seats) < population.registrations_for(*e))
        })
        .expect("some single event has a waitlist");
    let generated = population.event(full);
    let c = generated.community.unwrap();
    let id = EventId(full as i64 + 1);
    let stored = store.event(id).await.unwrap();
    assert_eq!(stored.fields, generated.fields);
    assert_eq!(
        stored.community.as_ref().unwrap().slug,
        population.community(c).fields.slug
    );
    assert_eq!(
        stored.organiser.unwrap().0,
        account(population.member(c, 0).person).await,
        "the community's pilot organises"
    );
    let capacity = i64::from(generated.fields.registration.capacity.unwrap());
    let registrants = population.registrations_for(full);
    assert_eq!(stored.taken, capacity);
    assert_eq!(stored.waitlisted, registrants as i64 - capacity);

    let first: u64 = (0..full).map(|e| population.registrations_for(e)).sum();
    let mut arrivals = Vec::new();
    for r in first..first + registrants {
        let registration = population.event_registration(r);
        arrivals.push((account(registration.person).await, registration.state));
    }
    let registrations = store.event_registrations(id, 0).await.unwrap();
    let stored_order: Vec<_> = registrations.iter().map(|r| (r.account, r.state)).collect();
    assert_eq!(
        stored_order, arrivals,
        "confirmed first, then the waitlist in order"
    );

    store
        .change_registration(&RegistrationChange {
            registration: registrations[0].id,
            to: RegistrationState::Cancelled,
            by: None,
            at: Timestamp::now(),
        })
        .await
        .unwrap();
    let head = registrations[capacity as usize].id;
    assert_eq!(
        store.registration(head).await.unwrap().state,
        RegistrationState::Confirmed,
        "the first on the waitlist takes the seat freed"
    );

    let listed = store
        .list_events(&EventListing {
            seen: SeenEvents {
                communities: SeenCommunities {
                    visibilities: Visibility::ALL.to_vec(),
                    member: None,
                },
                audiences: Audience::ALL.to_vec(),
                member: None,
            },
            community: Some(stored.community.unwrap().id),
            format: None,
            from: None,
            until: None,
            mine: None,
            cancelled: true,
            newest_first: false,
            limit: 500,
            offset: 0,
        })
        .await
        .unwrap();
    let held = (0..300)
        .filter(|e| population.event(*e).community == Some(c))
        .count();
    assert_eq!(listed.total, held as u64);
}

async fn set_up(store: &dyn Store) {
    let setup = SetupInput {
        name: "Réseau généré".to_owned(),
        language: "fr".to_owned(),
        theme_colour: "#009e89".to_owned(),
        display_name: "Cécile Admin".to_owned(),
        email: "admin@example.org".to_owned(),
        password: "correct horse battery".to_owned(),
    };
    accounts::set_up_instance(
        &cercle_core::kernel::flow::Context {
            store,
            association: setup.name.as_str().into(),
            base_url: "",
            now: Timestamp::now(),
        },
        &setup,
    )
    .await
    .unwrap();
}
