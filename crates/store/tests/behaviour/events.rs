//! Events: registrations within capacity, the waitlist that promotes itself
//! in the transaction that frees a seat, approval, and the calendar as each
//! viewer sees it.

use cercle_core::events::event::{
    EventException, EventFields, EventFormat, EventId, OccurrenceChange, RegistrationId,
    RegistrationRules, RegistrationState, Zone,
};
use cercle_core::events::news::{RegistrationNews, Told};
use cercle_core::events::recurrence::Recurrence;
use cercle_core::events::store::{
    CoverChange, EventListing, EventSave, NewRegistration, OccurrenceMove, OccurrenceSave,
    RegistrationChange, SeenEvents, SeriesSplit,
};
use cercle_core::kernel::image::{Image, ImageKind};
use cercle_core::kernel::visibility::Audience;

use super::*;

behaviours!(
    confirms_within_capacity_then_waitlists_and_promotes_in_arrival_order,
    fifty_registrations_for_the_last_seat_confirm_exactly_one,
    approval_holds_registrations_until_the_organisers_decide,
    a_cancelled_event_takes_no_registration_and_tells_each_registrant,
    lists_the_events_each_viewer_may_see,
    a_series_counts_seats_per_occurrence_and_keeps_its_exceptions,
    a_new_cover_replaces_the_old_image_and_removing_it_leaves_none,
    a_series_cut_at_an_occurrence_hands_the_rest_to_a_new_event,
);

const HOUR: i64 = 3600;

fn fields(title: &str, capacity: Option<u32>) -> EventFields {
    EventFields {
        title: title.to_owned(),
        description: "Un moment d'échange".to_owned(),
        format: EventFormat::Seminar,
        audience: Audience::Public,
        starts_at: Timestamp(NOW.0 + 24 * HOUR),
        ends_at: Timestamp(NOW.0 + 26 * HOUR),
        zone: Zone::parse("Europe/Paris").unwrap(),
        address: "1 rue de la Paix, Rennes".to_owned(),
        online_url: None,
        registration: RegistrationRules {
            capacity,
            approval: false,
            opens_at: None,
            closes_at: None,
            max_guests: 2,
            question: String::new(),
        },
        recurrence: None,
    }
}

fn event_save(fields: EventFields, community: Option<CommunityId>, by: AccountId) -> EventSave {
    EventSave {
        community,
        fields,
        by,
        at: NOW,
    }
}

fn seat(event: EventId, account: AccountId, guests: u32, at: i64) -> NewRegistration {
    NewRegistration {
        event,
        occurrence: 0,
        account,
        guests,
        answer: String::new(),
        at: Timestamp(NOW.0 + at),
    }
}

fn moved(
    registration: RegistrationId,
    to: RegistrationState,
    by: Option<AccountId>,
) -> RegistrationChange {
    RegistrationChange {
        registration,
        to,
        by,
        at: Timestamp(NOW.0 + 60),
    }
}

/// What each registration of the event became, in the organisers' order.
async fn states(store: &dyn Store, event: EventId) -> Vec<(String, RegistrationState)> {
    store
        .event_registrations(event, 0)
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.display_name, r.state))
        .collect()
}

/// The registration news waiting in the jobs table, as `(registration, told)`.
async fn news(store: &dyn Store) -> Vec<(RegistrationId, Told)> {
    store
        .claim_jobs(&claim(Timestamp(NOW.0 + 10 * HOUR), 60, 1_000))
        .await
        .unwrap()
        .iter()
        .filter_map(|job| match JobPayload::from_json(&job.payload) {
            Ok(JobPayload::EventRegistrationNews(news)) => Some((news.registration, news.told)),
            _ => None,
        })
        .collect()
}

async fn confirms_within_capacity_then_waitlists_and_promotes_in_arrival_order(store: &dyn Store) {
    use RegistrationState::{Cancelled, Confirmed, Waitlisted};
    let organiser = person(store, "orga@asso.fr", "Olga Orga").await;
    let ada = person(store, "ada@asso.fr", "Ada").await;
    let bob = person(store, "bob@asso.fr", "Bob").await;
    let chloe = person(store, "chloe@asso.fr", "Chloé").await;
    let event = store
        .create_event(&event_save(fields("Séminaire", Some(2)), None, organiser))
        .await
        .unwrap();

    let a = store
        .register_for_event(&seat(event, ada, 0, 1))
        .await
        .unwrap();
    assert_eq!(a.state, Confirmed);
    // Bob and his guest need two seats; one is left.
    let b = store
        .register_for_event(&seat(event, bob, 1, 2))
        .await
        .unwrap();
    assert_eq!(b.state, Waitlisted);
    // A seat is free, but Bob waits first: nobody jumps the list.
    let c = store
        .register_for_event(&seat(event, chloe, 0, 3))
        .await
        .unwrap();
    assert_eq!(c.state, Waitlisted);
    let again = store.register_for_event(&seat(event, ada, 0, 4)).await;
    assert!(matches!(again, Err(StoreError::Conflict)), "{again:?}");
    let read = store.event(event).await.unwrap();
    assert_eq!((read.taken, read.waitlisted), (1, 2));

    store
        .change_registration(&moved(a.id, Cancelled, None))
        .await
        .unwrap();
    assert_eq!(
        states(store, event).await,
        [
            ("Bob".to_owned(), Confirmed),
            ("Chloé".to_owned(), Waitlisted),
            ("Ada".to_owned(), Cancelled),
        ],
        "Bob and his guest took both seats the moment Ada left"
    );
    assert_eq!(store.event(event).await.unwrap().taken, 2);

    // Ada comes back, behind Chloé.
    let back = store
        .register_for_event(&seat(event, ada, 0, 5))
        .await
        .unwrap();
    assert_eq!(back.state, Waitlisted);
    assert!(back.id > c.id, "a new place at the end of the queue");

    let below = store
        .update_event(
            event,
            &event_save(fields("Séminaire", Some(1)), None, organiser),
        )
        .await;
    assert!(matches!(below, Err(StoreError::Conflict)), "{below:?}");
    assert_eq!(
        store
            .event(event)
            .await
            .unwrap()
            .fields
            .registration
            .capacity,
        Some(2),
        "a refused change changes nothing"
    );
    store
        .update_event(
            event,
            &event_save(fields("Séminaire", Some(4)), None, organiser),
        )
        .await
        .unwrap();
    assert_eq!(
        states(store, event).await,
        [
            ("Bob".to_owned(), Confirmed),
            ("Chloé".to_owned(), Confirmed),
            ("Ada".to_owned(), Confirmed),
        ],
        "raising the capacity let the waitlist in, in its order"
    );
    let read = store.event(event).await.unwrap();
    assert_eq!((read.taken, read.waitlisted, read.sequence), (4, 0, 1));

    let told = news(store).await;
    for expected in [
        (a.id, Told::Confirmed),
        (b.id, Told::Waitlisted),
        (c.id, Told::Waitlisted),
        (a.id, Told::Cancelled),
        (b.id, Told::Promoted),
        (back.id, Told::Waitlisted),
        (c.id, Told::Promoted),
        (back.id, Told::Promoted),
    ] {
        assert!(told.contains(&expected), "{expected:?} in {told:?}");
    }
    assert_eq!(told.len(), 8, "each change told once: {told:?}");
}

async fn fifty_registrations_for_the_last_seat_confirm_exactly_one(store: &dyn Store) {
    let organiser = person(store, "orga@asso.fr", "Olga Orga").await;
    let event = store
        .create_event(&event_save(
            fields("Dernière place", Some(1)),
            None,
            organiser,
        ))
        .await
        .unwrap();
    let mut people = Vec::new();
    for n in 0..50 {
        people.push(person(store, &format!("p{n}@asso.fr"), &format!("Personne {n}")).await);
    }
    let asked: Vec<_> = people
        .iter()
        .map(|account| seat(event, *account, 0, 1))
        .collect();
    let outcomes = futures_util::future::join_all(
        asked
            .iter()
            .map(|registration| store.register_for_event(registration)),
    )
    .await;
    let registrations: Vec<_> = outcomes.into_iter().map(Result::unwrap).collect();
    let confirmed = registrations
        .iter()
        .filter(|r| r.state == RegistrationState::Confirmed)
        .count();
    assert_eq!(confirmed, 1, "never more confirmed than the capacity");
    let all = store.event_registrations(event, 0).await.unwrap();
    assert_eq!(all.len(), 50);
    assert_eq!(all[0].state, RegistrationState::Confirmed);
    let waitlist: Vec<_> = all[1..].iter().map(|r| (r.state, r.id)).collect();
    assert!(
        waitlist
            .iter()
            .all(|(state, _)| *state == RegistrationState::Waitlisted)
    );
    assert!(
        waitlist.windows(2).all(|pair| pair[0].1 < pair[1].1),
        "the waitlist in arrival order"
    );
    assert!(
        all[0].id < waitlist[0].1,
        "the seat went to the first to arrive"
    );
    let read = store.event(event).await.unwrap();
    assert_eq!((read.taken, read.waitlisted), (1, 49));

    // The seat freed goes to the head of the list, and to nobody else.
    store
        .change_registration(&moved(all[0].id, RegistrationState::Cancelled, None))
        .await
        .unwrap();
    let next = store.registration(waitlist[0].1).await.unwrap();
    assert_eq!(next.state, RegistrationState::Confirmed);
    let read = store.event(event).await.unwrap();
    assert_eq!((read.taken, read.waitlisted), (1, 48));
}

async fn approval_holds_registrations_until_the_organisers_decide(store: &dyn Store) {
    use RegistrationState::{Confirmed, Pending, Refused, Waitlisted};
    let organiser = person(store, "orga@asso.fr", "Olga Orga").await;
    let ada = person(store, "ada@asso.fr", "Ada").await;
    let bob = person(store, "bob@asso.fr", "Bob").await;
    let mut asked = fields("Atelier sur inscription", Some(1));
    asked.registration.approval = true;
    let event = store
        .create_event(&event_save(asked, None, organiser))
        .await
        .unwrap();
    let a = store
        .register_for_event(&seat(event, ada, 0, 1))
        .await
        .unwrap();
    let b = store
        .register_for_event(&seat(event, bob, 0, 2))
        .await
        .unwrap();
    assert_eq!((a.state, b.state), (Pending, Pending));
    assert_eq!(store.event(event).await.unwrap().pending, 2);

    let approved = store
        .change_registration(&moved(a.id, Confirmed, Some(organiser)))
        .await
        .unwrap();
    assert_eq!(approved.state, Confirmed);
    let full = store
        .change_registration(&moved(b.id, Confirmed, Some(organiser)))
        .await
        .unwrap();
    assert_eq!(full.state, Waitlisted, "approved, but the seat is taken");
    let twice = store
        .change_registration(&moved(a.id, Confirmed, Some(organiser)))
        .await;
    assert!(matches!(twice, Err(StoreError::Conflict)), "{twice:?}");

    store
        .change_registration(&moved(a.id, Refused, Some(organiser)))
        .await
        .unwrap();
    assert_eq!(
        store.registration(b.id).await.unwrap().state,
        Confirmed,
        "refusing a confirmed registrant frees the seat for the waitlist"
    );
    let back = store.register_for_event(&seat(event, ada, 0, 3)).await;
    assert!(
        matches!(back, Err(StoreError::Conflict)),
        "a refused person cannot register again: {back:?}"
    );
    let log = store.audit_log(100).await.unwrap();
    let decided = actions(&log)
        .into_iter()
        .filter(|a| *a == "event.registration_decided")
        .count();
    assert_eq!(decided, 3);
}

async fn a_cancelled_event_takes_no_registration_and_tells_each_registrant(store: &dyn Store) {
    let organiser = person(store, "orga@asso.fr", "Olga Orga").await;
    let ada = person(store, "ada@asso.fr", "Ada").await;
    let bob = person(store, "bob@asso.fr", "Bob").await;
    let event = store
        .create_event(&event_save(fields("Forum", Some(1)), None, organiser))
        .await
        .unwrap();
    let a = store
        .register_for_event(&seat(event, ada, 0, 1))
        .await
        .unwrap();
    let b = store
        .register_for_event(&seat(event, bob, 0, 2))
        .await
        .unwrap();
    store
        .cancel_event(event, organiser, Timestamp(NOW.0 + 30))
        .await
        .unwrap();
    let read = store.event(event).await.unwrap();
    assert_eq!(read.cancelled_at, Some(Timestamp(NOW.0 + 30)));
    assert_eq!(read.sequence, 1, "calendars see the change");
    let late = store
        .register_for_event(&seat(event, person(store, "c@asso.fr", "C").await, 0, 40))
        .await;
    assert!(matches!(late, Err(StoreError::NotFound)), "{late:?}");
    let twice = store
        .cancel_event(event, organiser, Timestamp(NOW.0 + 50))
        .await;
    assert!(matches!(twice, Err(StoreError::NotFound)), "{twice:?}");
    let told = news(store).await;
    assert!(told.contains(&(a.id, Told::EventCancelled)), "{told:?}");
    assert!(told.contains(&(b.id, Told::EventCancelled)), "{told:?}");
    let job = RegistrationNews::job(a.id, Told::EventCancelled, NOW);
    assert_eq!(job.key, format!("event-news:{}:event-cancelled", a.id.0));
}

async fn lists_the_events_each_viewer_may_see(store: &dyn Store) {
    let organiser = person(store, "orga@asso.fr", "Olga Orga").await;
    let insider = person(store, "in@asso.fr", "Ines Insider").await;
    let mut secret = community_save("cercle-secret", "Cercle secret", organiser);
    secret.fields.visibility = Visibility::Secret;
    let secret = store.create_community(&secret).await.unwrap();
    store
        .add_community_member(&new_member(secret, insider, "member", organiser))
        .await
        .unwrap();
    let open = store
        .create_community(&community_save("ouvert", "Ouvert", organiser))
        .await
        .unwrap();
    let at = |hours: i64, title: &str, audience: Audience| {
        let mut f = fields(title, None);
        f.audience = audience;
        f.starts_at = Timestamp(NOW.0 + hours * HOUR);
        f.ends_at = Timestamp(NOW.0 + (hours + 1) * HOUR);
        f
    };
    for (save, community) in [
        (at(3, "Public de l'association", Audience::Public), None),
        (at(2, "Pour les membres", Audience::Members), None),
        (
            at(4, "Public du cercle secret", Audience::Public),
            Some(secret),
        ),
        (
            at(1, "Réservé au cercle", Audience::Community),
            Some(secret),
        ),
        (
            at(5, "Réservé aux ouverts", Audience::Community),
            Some(open),
        ),
        (at(-5, "Passé", Audience::Public), Some(open)),
    ] {
        store
            .create_event(&event_save(save, community, organiser))
            .await
            .unwrap();
    }
    let list = |seen: SeenEvents| EventListing {
        seen,
        community: None,
        format: None,
        from: Some(NOW),
        until: None,
        mine: None,
        cancelled: false,
        newest_first: false,
        limit: 20,
        offset: 0,
    };
    let titles = |events: &[cercle_core::events::event::Event]| {
        events
            .iter()
            .map(|e| e.fields.title.clone())
            .collect::<Vec<_>>()
    };
    let visitor = SeenEvents {
        communities: SeenCommunities {
            visibilities: vec![Visibility::Public],
            member: None,
        },
        audiences: vec![Audience::Public],
        member: None,
    };
    let seen = store.list_events(&list(visitor)).await.unwrap();
    assert_eq!(titles(&seen.events), ["Public de l'association"]);
    assert_eq!(seen.total, 1);

    let insider_sees = SeenEvents {
        communities: SeenCommunities {
            visibilities: vec![Visibility::Public, Visibility::MembersOnly],
            member: Some(insider),
        },
        audiences: vec![Audience::Public, Audience::Members],
        member: Some(insider),
    };
    let seen = store
        .list_events(&list(insider_sees.clone()))
        .await
        .unwrap();
    assert_eq!(
        titles(&seen.events),
        [
            "Réservé au cercle",
            "Pour les membres",
            "Public de l'association",
            "Public du cercle secret"
        ],
        "soonest first; not the other community's members' event"
    );
    let past = store
        .list_events(&EventListing {
            from: None,
            until: Some(NOW),
            newest_first: true,
            community: Some(open),
            ..list(insider_sees.clone())
        })
        .await
        .unwrap();
    assert_eq!(titles(&past.events), ["Passé"]);
    let webinars = store
        .list_events(&EventListing {
            format: Some(EventFormat::Webinar),
            ..list(insider_sees)
        })
        .await
        .unwrap();
    assert_eq!(webinars.total, 0);
}

async fn a_series_counts_seats_per_occurrence_and_keeps_its_exceptions(store: &dyn Store) {
    const WEEK: i64 = 7 * 24 * HOUR;
    let organiser = person(store, "orga@asso.fr", "Olga Orga").await;
    let ada = person(store, "ada@asso.fr", "Ada").await;
    let bob = person(store, "bob@asso.fr", "Bob").await;
    let mut weekly = fields("Réunion du groupe de travail", Some(1));
    weekly.recurrence =
        Some(Recurrence::parse("FREQ=WEEKLY;COUNT=4", weekly.starts_at, &weekly.zone).unwrap());
    let event = store
        .create_event(&event_save(weekly.clone(), None, organiser))
        .await
        .unwrap();
    let first = weekly.starts_at.0;
    let second = first + WEEK;
    let on = |occurrence: i64, account: AccountId| NewRegistration {
        occurrence,
        ..seat(event, account, 0, 1)
    };
    let a = store.register_for_event(&on(first, ada)).await.unwrap();
    let b_first = store.register_for_event(&on(first, bob)).await.unwrap();
    let b_second = store.register_for_event(&on(second, bob)).await.unwrap();
    assert_eq!(
        (a.state, b_first.state, b_second.state),
        (
            RegistrationState::Confirmed,
            RegistrationState::Waitlisted,
            RegistrationState::Confirmed
        ),
        "each occurrence has its own seat"
    );
    let seats = store.occurrence_seats(event, first).await.unwrap();
    assert_eq!((seats.taken, seats.waitlisted), (1, 1));
    assert_eq!(
        store
            .registration_of(event, second, bob)
            .await
            .unwrap()
            .map(|r| r.id),
        Some(b_second.id)
    );
    assert_eq!(
        store
            .event_registrations(event, second)
            .await
            .unwrap()
            .len(),
        1
    );

    // The second meeting moves by a day, the third is cancelled.
    let third = first + 2 * WEEK;
    for change in [
        OccurrenceChange::Moved {
            starts_at: Timestamp(second + 24 * HOUR),
            ends_at: Timestamp(second + 26 * HOUR),
        },
        OccurrenceChange::Cancelled,
    ] {
        let occurrence = match change {
            OccurrenceChange::Moved { .. } => second,
            OccurrenceChange::Cancelled => third,
        };
        store
            .set_occurrence(&OccurrenceSave {
                event,
                exception: EventException {
                    occurrence: Timestamp(occurrence),
                    change,
                },
                by: organiser,
                at: NOW,
            })
            .await
            .unwrap();
    }
    let read = store.event(event).await.unwrap();
    assert_eq!(read.sequence, 2, "each change reaches calendars");
    let occurrences = read.occurrences();
    assert_eq!(occurrences.len(), 4);
    assert!(occurrences[1].moved && occurrences[1].starts_at == Timestamp(second + 24 * HOUR));
    assert!(occurrences[2].cancelled && !occurrences[3].cancelled);
    assert_eq!(
        store.registration(b_second.id).await.unwrap().state,
        RegistrationState::Confirmed,
        "a moved occurrence keeps its registrations"
    );

    // The series is found by its last occurrence, long after its first.
    let later = EventListing {
        seen: SeenEvents {
            communities: SeenCommunities {
                visibilities: Visibility::ALL.to_vec(),
                member: None,
            },
            audiences: Audience::ALL.to_vec(),
            member: None,
        },
        community: None,
        format: None,
        from: Some(Timestamp(first + 3 * WEEK)),
        until: None,
        mine: None,
        cancelled: false,
        newest_first: false,
        limit: 20,
        offset: 0,
    };
    let found = store.list_events(&later).await.unwrap();
    assert_eq!(found.total, 1);
    assert_eq!(
        found.events[0].exceptions.len(),
        2,
        "read with its exceptions"
    );

    // Cancelling Ada's seat on the first occurrence promotes Bob there only.
    store
        .change_registration(&moved(a.id, RegistrationState::Cancelled, None))
        .await
        .unwrap();
    assert_eq!(
        store.registration(b_first.id).await.unwrap().state,
        RegistrationState::Confirmed
    );
}

async fn a_new_cover_replaces_the_old_image_and_removing_it_leaves_none(store: &dyn Store) {
    let organiser = person(store, "orga@asso.fr", "Olga Orga").await;
    let event = store
        .create_event(&event_save(fields("Atelier", None), None, organiser))
        .await
        .unwrap();
    let none = store.event_cover(event).await;
    assert!(matches!(none, Err(StoreError::NotFound)), "{none:?}");
    let change = |bytes: Option<Vec<u8>>| CoverChange {
        event,
        image: bytes.map(|bytes| Image {
            kind: ImageKind::Png,
            width: 640,
            height: 320,
            bytes,
        }),
        by: organiser,
        at: NOW,
    };
    store
        .set_event_cover(&change(Some(vec![1, 2, 3])))
        .await
        .unwrap();
    let first = store.event(event).await.unwrap().cover.expect("a cover");
    assert_eq!(store.event_cover(event).await.unwrap().bytes, vec![1, 2, 3]);

    store
        .set_event_cover(&change(Some(vec![4, 5])))
        .await
        .unwrap();
    let second = store.event(event).await.unwrap().cover.expect("a cover");
    assert_ne!(first, second);
    let cover = store.event_cover(event).await.unwrap();
    assert_eq!((cover.kind, cover.bytes), (ImageKind::Png, vec![4, 5]));
    let gone = store.site_image(first).await;
    assert!(
        matches!(gone, Err(StoreError::NotFound)),
        "the old image is deleted: {gone:?}"
    );

    store.set_event_cover(&change(None)).await.unwrap();
    assert_eq!(store.event(event).await.unwrap().cover, None);
    assert!(matches!(
        store.event_cover(event).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.site_image(second).await,
        Err(StoreError::NotFound)
    ));
    let unknown = store
        .set_event_cover(&CoverChange {
            event: EventId(event.0 + 1000),
            ..change(None)
        })
        .await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");
}

async fn a_series_cut_at_an_occurrence_hands_the_rest_to_a_new_event(store: &dyn Store) {
    let organiser = person(store, "orga@asso.fr", "Olga Orga").await;
    let ada = person(store, "ada@asso.fr", "Ada").await;
    let bob = person(store, "bob@asso.fr", "Bob").await;
    let chloe = person(store, "chloe@asso.fr", "Chloé").await;
    let mut weekly = fields("Réunion du groupe de travail", Some(2));
    weekly.recurrence =
        Some(Recurrence::parse("FREQ=WEEKLY;COUNT=5", weekly.starts_at, &weekly.zone).unwrap());
    let event = store
        .create_event(&event_save(weekly.clone(), None, organiser))
        .await
        .unwrap();
    let keys: Vec<i64> = weekly.starts().iter().map(|t| t.0).collect();
    let on = |occurrence: i64, account: AccountId| NewRegistration {
        occurrence,
        ..seat(event, account, 0, 1)
    };
    let kept = store.register_for_event(&on(keys[1], ada)).await.unwrap();
    let carried = store.register_for_event(&on(keys[3], bob)).await.unwrap();
    let carried_too = store.register_for_event(&on(keys[3], chloe)).await.unwrap();
    let dropped = store.register_for_event(&on(keys[4], ada)).await.unwrap();
    store
        .set_occurrence(&OccurrenceSave {
            event,
            exception: EventException {
                occurrence: Timestamp(keys[2]),
                change: OccurrenceChange::Cancelled,
            },
            by: organiser,
            at: NOW,
        })
        .await
        .unwrap();
    let before = store.event(event).await.unwrap();

    // From the third meeting on: an hour later, two meetings only, and a
    // capacity of one, below the two seats the fourth holds: refused whole.
    let mut rest = weekly.clone();
    rest.starts_at = Timestamp(keys[2] + HOUR);
    rest.ends_at = Timestamp(keys[2] + 3 * HOUR);
    rest.recurrence =
        Some(Recurrence::parse("FREQ=WEEKLY;COUNT=2", rest.starts_at, &rest.zone).unwrap());
    let new_keys: Vec<i64> = rest.starts().iter().map(|t| t.0).collect();
    let step = |i: usize| OccurrenceMove {
        from: keys[i],
        to: new_keys.get(i - 2).copied(),
        cancelled: i == 2,
        moved: true,
    };
    let cut = weekly
        .recurrence
        .as_ref()
        .unwrap()
        .ending_before(Timestamp(keys[2]));
    let mut split = SeriesSplit {
        event,
        kept: cut.clone(),
        kept_ends_at: Timestamp(keys[1] + 2 * HOUR),
        rest: EventSave {
            fields: EventFields {
                registration: RegistrationRules {
                    capacity: Some(1),
                    ..rest.registration.clone()
                },
                ..rest.clone()
            },
            ..event_save(rest.clone(), None, organiser)
        },
        moves: (2..5).map(step).collect(),
    };
    let refused = store.split_series(&split).await;
    assert!(matches!(refused, Err(StoreError::Conflict)), "{refused:?}");
    assert_eq!(store.event(event).await.unwrap(), before, "nothing changed");

    split.rest.fields = rest.clone();
    let new = store.split_series(&split).await.unwrap();
    let old = store.event(event).await.unwrap();
    assert_eq!(old.fields.recurrence, Some(cut));
    let kept_keys: Vec<i64> = old.occurrences().iter().map(|o| o.key).collect();
    assert_eq!(
        kept_keys,
        keys[..2].to_vec(),
        "the event keeps the first two"
    );
    assert!(old.exceptions.is_empty(), "the cancelled third went along");
    assert_eq!(
        old.sequence,
        before.sequence + 1,
        "calendars see the change"
    );

    let read = store.event(new).await.unwrap();
    let occurrences = read.occurrences();
    assert_eq!(occurrences.len(), 2);
    assert!(occurrences[0].cancelled, "still cancelled, at its new key");
    assert_eq!(occurrences[1].starts_at, Timestamp(keys[3] + HOUR));
    assert_eq!(store.registration(kept.id).await.unwrap().event, event);
    for id in [carried.id, carried_too.id] {
        let moved = store.registration(id).await.unwrap();
        assert_eq!((moved.event, moved.occurrence), (new, new_keys[1]));
        assert_eq!(moved.state, RegistrationState::Confirmed);
    }
    let gone = store.registration(dropped.id).await.unwrap();
    assert_eq!(
        gone.state,
        RegistrationState::Cancelled,
        "no fifth meeting any more"
    );
    let told = news(store).await;
    assert!(told.contains(&(carried.id, Told::Moved)), "{told:?}");
    assert!(
        told.contains(&(dropped.id, Told::EventCancelled)),
        "{told:?}"
    );
    assert!(!told.contains(&(kept.id, Told::Moved)), "{told:?}");
}
