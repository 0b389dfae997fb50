//! Governance: the roll frozen at the convocation, proxies within the
//! statutes' cap however many arrive at once, the quorum, ballots open and
//! secret, the minutes, and the bodies with their mandates.

use cercle_core::events::event::Zone;
use cercle_core::governance::assembly::{
    AssemblyFields, AssemblyId, AssemblyKind, AssemblyState, ItemFields, ItemId, Presence, Quorum,
    Statutes,
};
use cercle_core::governance::ballot::{BallotKind, Choice, MajorityRule, Resolution, Tally};
use cercle_core::governance::body::{BodyFields, BodyId, BodyKind, Seat};
use cercle_core::governance::convocation::ConvocationBatch;
use cercle_core::governance::store::{
    AssemblyClosing, AssemblyListing, AssemblyOpening, AssemblySave, BodySave, Convocation,
    ItemSave, MandateEnd, MandateSave, MinutesSave, PresenceSave, ProxyRefusal, ProxySave,
    RollPage, Voice, VoteRefusal, VoteSave,
};

use super::*;

behaviours!(
    the_convocation_freezes_the_roll_of_those_in_good_standing,
    twenty_proxies_to_one_holder_at_once_never_exceed_the_cap,
    proxies_do_not_chain_and_are_final_once_the_assembly_opens,
    the_quorum_counts_those_present_and_those_they_represent,
    a_secret_ballot_keeps_who_voted_apart_from_what_was_voted,
    an_open_ballot_shows_its_roll_call_and_keeps_its_count_once_closed,
    closing_the_assembly_closes_its_ballots_and_drafts_the_minutes,
    minutes_once_approved_no_longer_change,
    bodies_list_their_mandates_by_seat_and_go_with_them,
);

const DAY: i64 = 86_400;

/// The day the roll is frozen as of: within the 2026 periods of the
/// members below.
const ROLL_ON: &str = "2026-06-01";

/// A person on `plan` for 2026 whose dues are paid.
async fn paid_member(
    store: &dyn Store,
    by: AccountId,
    plan: PlanId,
    address: &str,
    name: &str,
) -> AccountId {
    let account = person(store, address, name).await;
    let membership = membership_of(store, by, Holder::Person(account), plan).await;
    pay(store, membership, 3000, by).await;
    account
}

/// An active membership for 2026 with 30 € due.
async fn membership_of(
    store: &dyn Store,
    by: AccountId,
    holder: Holder,
    plan: PlanId,
) -> MembershipId {
    store
        .create_membership(&new_membership(
            holder,
            plan,
            ("2026-01-01", "2026-12-31", 3000),
            by,
        ))
        .await
        .unwrap()
}

async fn pay(store: &dyn Store, membership: MembershipId, amount: i64, by: AccountId) {
    let period = store.membership(membership).await.unwrap().periods[0].id;
    store
        .record_payment(&NewPayment {
            membership,
            period,
            amount: Amount(amount),
            paid_on: date("2026-01-15"),
            method: PaymentMethod::Transfer,
            reference: String::new(),
            by,
            at: NOW,
        })
        .await
        .unwrap();
}

/// A person plan whose holders vote, or not.
async fn plan(store: &dyn Store, name: &str, votes: bool, by: AccountId) -> PlanId {
    let mut save = plan_save(name, HolderKind::Person, by);
    save.fields.votes = votes;
    store.create_plan(&save).await.unwrap()
}

/// A draft assembly a month after now.
async fn draft(store: &dyn Store, title: &str, by: AccountId) -> AssemblyId {
    store
        .create_assembly(&AssemblySave {
            fields: AssemblyFields {
                title: title.to_owned(),
                kind: AssemblyKind::Ordinary,
                starts_at: Timestamp(NOW.0 + 30 * DAY),
                zone: Zone::parse("Europe/Paris").unwrap(),
                place: "Maison des associations, Rennes".to_owned(),
                details: String::new(),
            },
            by,
            at: NOW,
        })
        .await
        .unwrap()
}

fn convocation(assembly: AssemblyId, by: AccountId) -> Convocation {
    Convocation {
        assembly,
        roll_on: date(ROLL_ON),
        job: ConvocationBatch::job(assembly, 0, NOW),
        by,
        at: NOW,
    }
}

/// A convened assembly whose roll is the paid members `voting`, of a
/// voting plan, then `supporting`, of a plan that does not vote, convened
/// by a chair who is on no roll.
struct Convened {
    chair: AccountId,
    assembly: AssemblyId,
    members: Vec<AccountId>,
}

async fn convened(store: &dyn Store, voting: &[&str], supporting: &[&str]) -> Convened {
    let chair = person(store, "chair@asso.fr", "Président").await;
    let votes = plan(store, "Individuel", true, chair).await;
    let supports = plan(store, "Soutien", false, chair).await;
    let mut members = Vec::new();
    for (names, plan) in [(voting, votes), (supporting, supports)] {
        for name in names {
            let address = format!("{}@asso.fr", name.to_lowercase());
            members.push(paid_member(store, chair, plan, &address, name).await);
        }
    }
    let assembly = draft(store, "Assemblée générale 2026", chair).await;
    store.convene(&convocation(assembly, chair)).await.unwrap();
    Convened {
        chair,
        assembly,
        members,
    }
}

fn proxy(assembly: AssemblyId, giver: AccountId, holder: AccountId) -> ProxySave {
    ProxySave {
        assembly,
        giver,
        holder,
        cap: 2,
        at: NOW,
    }
}

async fn attend(
    store: &dyn Store,
    assembly: AssemblyId,
    account: AccountId,
    presence: Option<Presence>,
    by: AccountId,
) {
    store
        .set_presence(&PresenceSave {
            assembly,
            account,
            presence,
            by,
            at: NOW,
        })
        .await
        .unwrap();
}

async fn open(store: &dyn Store, assembly: AssemblyId, by: AccountId) {
    let quorum = store.quorum_now(assembly).await.unwrap();
    store
        .open_assembly(&AssemblyOpening {
            assembly,
            quorum,
            by,
            at: Timestamp(NOW.0 + 30 * DAY),
        })
        .await
        .unwrap();
}

fn resolution(ballot: BallotKind) -> Resolution {
    Resolution {
        text: "L'assemblée approuve les comptes de l'exercice.".to_owned(),
        majority: MajorityRule::Simple,
        ballot,
        opens_at: None,
        closes_at: None,
        opened_at: None,
        closed: None,
    }
}

fn item_save(
    assembly: AssemblyId,
    title: &str,
    resolution: Option<Resolution>,
    by: AccountId,
) -> ItemSave {
    ItemSave {
        assembly,
        fields: ItemFields {
            title: title.to_owned(),
            description: String::new(),
            resolution,
        },
        by,
        at: NOW,
    }
}

/// An item put to a ballot of `kind`, its ballot opened by the chair.
async fn ballot(
    store: &dyn Store,
    assembly: AssemblyId,
    kind: BallotKind,
    by: AccountId,
) -> ItemId {
    let item = store
        .add_item(&item_save(
            assembly,
            "Approbation des comptes",
            Some(resolution(kind)),
            by,
        ))
        .await
        .unwrap();
    store
        .open_ballot(item, by, Timestamp(NOW.0 + 30 * DAY))
        .await
        .unwrap();
    item
}

fn vote(item: ItemId, voter: AccountId, on_behalf: AccountId, choice: Choice) -> VoteSave {
    VoteSave {
        item,
        voter,
        on_behalf,
        choice,
        receipt: None,
        at: NOW,
    }
}

/// Each line of the roll as `(name, class, voting)`, in the roll's order.
async fn roll_lines(store: &dyn Store, assembly: AssemblyId) -> Vec<(String, String, bool)> {
    store
        .roll(&RollPage {
            assembly,
            search: None,
            limit: 100,
            offset: 0,
        })
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|entry| (entry.name, entry.class, entry.voting))
        .collect()
}

async fn proxies_held(store: &dyn Store, assembly: AssemblyId, holder: AccountId) -> usize {
    store
        .roll_entry(assembly, holder)
        .await
        .unwrap()
        .unwrap()
        .proxies_held
        .len()
}

async fn the_convocation_freezes_the_roll_of_those_in_good_standing(store: &dyn Store) {
    let treasurer = person(store, "tresor@asso.fr", "Trésorière").await;
    let individual = plan(store, "Individuel", true, treasurer).await;
    let supporting = plan(store, "Soutien", false, treasurer).await;
    let company = store
        .create_plan(&plan_save(
            "Entreprise",
            HolderKind::Organisation,
            treasurer,
        ))
        .await
        .unwrap();

    let ada = paid_member(store, treasurer, individual, "ada@asso.fr", "Ada").await;
    // A member who also holds a role is on the roll once, as a member.
    store
        .set_roles(&RolesChange {
            account: ada,
            roles: vec![Role::Treasurer],
            by: treasurer,
            at: NOW,
        })
        .await
        .unwrap();
    let berthe = paid_member(store, treasurer, supporting, "berthe@asso.fr", "Berthe").await;
    // Carl paid a third of his dues, Eve's membership lapsed.
    let carl = person(store, "carl@asso.fr", "Carl").await;
    let carls = membership_of(store, treasurer, Holder::Person(carl), individual).await;
    pay(store, carls, 1000, treasurer).await;
    let eve = paid_member(store, treasurer, individual, "eve@asso.fr", "Eve").await;
    let eves = all_memberships(store)
        .await
        .into_iter()
        .find(|m| m.holder == Holder::Person(eve))
        .unwrap()
        .id;
    store
        .set_membership_status(&StatusChange {
            membership: eves,
            status: MembershipStatus::Lapsed,
            by: Some(treasurer),
            at: NOW,
        })
        .await
        .unwrap();
    // Acme votes through its representative; Beta named none.
    let acme = store
        .create_organisation(&organisation_save("Acme", treasurer))
        .await
        .unwrap();
    let rita = person(store, "rita@acme.fr", "Rita Représentante").await;
    let oscar = person(store, "oscar@acme.fr", "Oscar").await;
    for (account, representative) in [(rita, true), (oscar, false)] {
        store
            .affiliate(&NewAffiliation {
                account,
                organisation: acme,
                representative,
                by: treasurer,
                at: NOW,
            })
            .await
            .unwrap();
    }
    let acmes = membership_of(store, treasurer, Holder::Organisation(acme), company).await;
    pay(store, acmes, 3000, treasurer).await;
    let beta = store
        .create_organisation(&organisation_save("Beta", treasurer))
        .await
        .unwrap();
    let betas = membership_of(store, treasurer, Holder::Organisation(beta), company).await;
    pay(store, betas, 3000, treasurer).await;
    // Bruno sits in the bureau without being a member.
    let bruno = person(store, "bruno@asso.fr", "Bruno Bureau").await;
    store
        .set_roles(&RolesChange {
            account: bruno,
            roles: vec![Role::BureauMember, Role::Moderator],
            by: treasurer,
            at: NOW,
        })
        .await
        .unwrap();

    let assembly = draft(store, "Assemblée générale 2026", treasurer).await;
    let later = draft(store, "Assemblée extraordinaire", treasurer).await;
    let size = store
        .convene(&convocation(assembly, treasurer))
        .await
        .unwrap();
    assert_eq!(size, 4);
    let log = store.audit_log(1).await.unwrap();
    assert_eq!(actions(&log), ["assembly.convened"]);
    assert_eq!(log[0].subject, format!("assembly:{}", assembly.0));
    let read = store.assembly(assembly).await.unwrap();
    assert_eq!(
        (read.state, read.convened_at, read.roll_size),
        (AssemblyState::Convened, Some(NOW), 4)
    );
    assert_eq!(
        roll_lines(store, assembly).await,
        [
            ("Ada".to_owned(), "Individuel".to_owned(), true),
            ("Berthe".to_owned(), "Soutien".to_owned(), false),
            ("Bruno Bureau".to_owned(), String::new(), false),
            (
                "Rita Représentante".to_owned(),
                "Entreprise".to_owned(),
                true
            ),
        ],
        "the unpaid, the lapsed and an organisation with no representative are not on it"
    );
    for absent in [carl, eve, oscar, treasurer] {
        assert_eq!(store.roll_entry(assembly, absent).await.unwrap(), None);
    }
    let found = store
        .roll(&RollPage {
            assembly,
            search: Some("ACME".to_owned()),
            limit: 10,
            offset: 0,
        })
        .await
        .unwrap();
    assert_eq!(found.total, 1, "found by part of the address, in any case");
    assert_eq!(found.items[0].account, rita);

    // The convocation's emails go out in batches, from the first account.
    let jobs = store.claim_jobs(&claim(NOW, 60, 100)).await.unwrap();
    let batch = jobs
        .iter()
        .find(|job| job.key == format!("convocation:{}:0", assembly.0))
        .expect("the first batch is enqueued with the convocation");
    assert_eq!(
        JobPayload::from_json(&batch.payload).unwrap(),
        JobPayload::AssemblyConvocation(ConvocationBatch { assembly, after: 0 })
    );
    let first = store
        .roll_recipients(assembly, AccountId(0), 3)
        .await
        .unwrap();
    let rest = store
        .roll_recipients(assembly, first[2].account, 3)
        .await
        .unwrap();
    let mut everyone = vec![ada, berthe, rita, bruno];
    everyone.sort();
    assert_eq!(
        first
            .iter()
            .chain(&rest)
            .map(|r| r.account)
            .collect::<Vec<_>>(),
        everyone
    );
    assert!(
        first.iter().chain(&rest).all(|r| r.email),
        "a convocation is statutory"
    );
    assert_eq!(first[0].address.as_str(), "ada@asso.fr");

    let twice = store.convene(&convocation(assembly, treasurer)).await;
    assert!(matches!(twice, Err(StoreError::Conflict)), "{twice:?}");
    // Carl pays the rest: the roll stays as it was frozen.
    pay(store, carls, 2000, treasurer).await;
    assert_eq!(store.roll_entry(assembly, carl).await.unwrap(), None);
    assert_eq!(store.assembly(assembly).await.unwrap().roll_size, 4);

    let listing = |on_roll| AssemblyListing {
        on_roll,
        limit: 10,
        offset: 0,
    };
    let all = store.assemblies(&listing(None)).await.unwrap();
    assert_eq!(all.total, 2);
    assert_eq!(
        all.items.iter().map(|a| a.id).collect::<Vec<_>>(),
        [later, assembly],
        "the latest first, the ids breaking the tie"
    );
    let adas = store.assemblies(&listing(Some(ada))).await.unwrap();
    assert_eq!(
        (adas.total, adas.items[0].id),
        (1, assembly),
        "only the convened ones"
    );
    assert_eq!(
        store.assemblies(&listing(Some(carl))).await.unwrap().total,
        0
    );
}

async fn twenty_proxies_to_one_holder_at_once_never_exceed_the_cap(store: &dyn Store) {
    let mut names: Vec<String> = (0..20).map(|n| format!("Membre{n:02}")).collect();
    names.push("Holder".to_owned());
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let roll = convened(store, &names, &[]).await;
    let holder = roll.members[20];
    let asked: Vec<_> = roll.members[..20]
        .iter()
        .map(|giver| proxy(roll.assembly, *giver, holder))
        .collect();
    let outcomes = futures_util::future::join_all(asked.iter().map(|p| store.give_proxy(p))).await;
    let outcomes: Vec<_> = outcomes.into_iter().map(Result::unwrap).collect();
    let given = outcomes.iter().filter(|outcome| outcome.is_ok()).count();
    let full = outcomes
        .iter()
        .filter(|outcome| **outcome == Err(ProxyRefusal::HolderFull))
        .count();
    assert_eq!((given, full), (2, 18), "{outcomes:?}");
    let entry = store
        .roll_entry(roll.assembly, holder)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(entry.proxies_held.len(), 2);
    for (giver, _) in &entry.proxies_held {
        let given = store
            .roll_entry(roll.assembly, *giver)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(given.proxy_to, Some((holder, "Holder".to_owned())));
    }
}

async fn proxies_do_not_chain_and_are_final_once_the_assembly_opens(store: &dyn Store) {
    let roll = convened(store, &["Anne", "Basile", "Chloé", "Denis"], &["Sam"]).await;
    let (assembly, chair) = (roll.assembly, roll.chair);
    let [anne, basile, chloe, denis, supporter] = roll.members[..] else {
        unreachable!()
    };
    let stranger = person(store, "dehors@asso.fr", "Dehors").await;
    let other = draft(store, "Pas encore convoquée", chair).await;
    assert_eq!(
        store.give_proxy(&proxy(other, anne, basile)).await.unwrap(),
        Err(ProxyRefusal::NotConvened)
    );
    let refused = |giver, holder| proxy(assembly, giver, holder);
    for (giver, holder, refusal) in [
        (anne, anne, ProxyRefusal::ToSelf),
        (supporter, anne, ProxyRefusal::GiverNotVoting),
        (anne, supporter, ProxyRefusal::HolderNotVoting),
        (stranger, anne, ProxyRefusal::GiverNotVoting),
        (anne, stranger, ProxyRefusal::HolderNotVoting),
    ] {
        assert_eq!(
            store.give_proxy(&refused(giver, holder)).await.unwrap(),
            Err(refusal)
        );
    }

    store
        .give_proxy(&proxy(assembly, basile, chloe))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        store
            .give_proxy(&proxy(assembly, anne, basile))
            .await
            .unwrap(),
        Err(ProxyRefusal::HolderGaveProxy),
        "Basile gave his vote away and carries none"
    );
    assert_eq!(
        store
            .give_proxy(&proxy(assembly, chloe, denis))
            .await
            .unwrap(),
        Err(ProxyRefusal::GiverHoldsProxies),
        "Chloé cannot pass on Basile's vote"
    );
    // A new proxy replaces the one given before.
    store
        .give_proxy(&proxy(assembly, basile, denis))
        .await
        .unwrap()
        .unwrap();
    let read = store.roll_entry(assembly, basile).await.unwrap().unwrap();
    assert_eq!(read.proxy_to, Some((denis, "Denis".to_owned())));
    assert_eq!(proxies_held(store, assembly, chloe).await, 0);
    assert_eq!(
        store
            .roll_entry(assembly, denis)
            .await
            .unwrap()
            .unwrap()
            .proxies_held,
        [(basile, "Basile".to_owned())]
    );

    store.revoke_proxy(assembly, basile, NOW).await.unwrap();
    store.revoke_proxy(assembly, basile, NOW).await.unwrap();
    assert_eq!(
        store
            .roll_entry(assembly, basile)
            .await
            .unwrap()
            .unwrap()
            .proxy_to,
        None
    );
    // Who comes in person before the opening takes their vote back.
    store
        .give_proxy(&proxy(assembly, basile, denis))
        .await
        .unwrap()
        .unwrap();
    attend(store, assembly, basile, Some(Presence::InPerson), chair).await;
    let read = store.roll_entry(assembly, basile).await.unwrap().unwrap();
    assert_eq!(
        (read.presence, read.proxy_to),
        (Some(Presence::InPerson), None)
    );

    store
        .give_proxy(&proxy(assembly, anne, denis))
        .await
        .unwrap()
        .unwrap();
    open(store, assembly, chair).await;
    let late = store.revoke_proxy(assembly, anne, NOW).await;
    assert!(matches!(late, Err(StoreError::Conflict)), "{late:?}");
    assert_eq!(
        store
            .give_proxy(&proxy(assembly, chloe, denis))
            .await
            .unwrap(),
        Err(ProxyRefusal::NotConvened)
    );
    // Once open, coming in person keeps the proxy given.
    attend(store, assembly, anne, Some(Presence::Online), chair).await;
    assert_eq!(
        store
            .roll_entry(assembly, anne)
            .await
            .unwrap()
            .unwrap()
            .proxy_to,
        Some((denis, "Denis".to_owned()))
    );
    let outside = store
        .set_presence(&PresenceSave {
            assembly,
            account: stranger,
            presence: Some(Presence::InPerson),
            by: chair,
            at: NOW,
        })
        .await;
    assert!(matches!(outside, Err(StoreError::NotFound)), "{outside:?}");
}

async fn the_quorum_counts_those_present_and_those_they_represent(store: &dyn Store) {
    let roll = convened(store, &["A", "B", "C", "D", "E", "F"], &["S"]).await;
    let (assembly, chair) = (roll.assembly, roll.chair);
    let [a, b, c, d, e, f, supporter] = roll.members[..] else {
        unreachable!()
    };
    for (giver, holder) in [(b, a), (c, a), (d, e)] {
        store
            .give_proxy(&proxy(assembly, giver, holder))
            .await
            .unwrap()
            .unwrap();
    }
    attend(store, assembly, a, Some(Presence::InPerson), chair).await;
    attend(store, assembly, f, Some(Presence::Online), chair).await;
    attend(store, assembly, e, None, chair).await;
    attend(store, assembly, supporter, Some(Presence::InPerson), chair).await;
    assert_eq!(
        store.quorum_now(assembly).await.unwrap(),
        Quorum {
            voting: 6,
            present: 2,
            represented: 2,
            needed: 0,
        },
        "B and C through A, who is here; D's holder E is not; S does not vote"
    );
    let quorum = Quorum {
        needed: 2,
        ..store.quorum_now(assembly).await.unwrap()
    };
    store
        .open_assembly(&AssemblyOpening {
            assembly,
            quorum,
            by: chair,
            at: Timestamp(NOW.0 + 30 * DAY),
        })
        .await
        .unwrap();
    let read = store.assembly(assembly).await.unwrap();
    assert_eq!(
        (read.state, read.opened_at, read.quorum),
        (
            AssemblyState::Open,
            Some(Timestamp(NOW.0 + 30 * DAY)),
            Some(quorum)
        )
    );
    let again = store
        .open_assembly(&AssemblyOpening {
            assembly,
            quorum,
            by: chair,
            at: NOW,
        })
        .await;
    assert!(matches!(again, Err(StoreError::Conflict)), "{again:?}");
    // E arrives: D is represented now.
    attend(store, assembly, e, Some(Presence::InPerson), chair).await;
    let now = store.quorum_now(assembly).await.unwrap();
    assert_eq!((now.present, now.represented), (3, 3));
    assert_eq!(
        store.assembly(assembly).await.unwrap().quorum,
        Some(quorum),
        "the quorum recorded at the opening stays"
    );
    let unknown = store.quorum_now(AssemblyId(assembly.0 + 1000)).await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");
}

async fn a_secret_ballot_keeps_who_voted_apart_from_what_was_voted(store: &dyn Store) {
    let roll = convened(
        store,
        &["Alix", "Bertrand", "Capucine", "Dominique"],
        &["Sam"],
    )
    .await;
    let (assembly, chair) = (roll.assembly, roll.chair);
    let [alix, bertrand, capucine, dominique, supporter] = roll.members[..] else {
        unreachable!()
    };
    store
        .give_proxy(&proxy(assembly, dominique, alix))
        .await
        .unwrap()
        .unwrap();
    for present in [alix, bertrand, capucine] {
        attend(store, assembly, present, Some(Presence::InPerson), chair).await;
    }
    open(store, assembly, chair).await;
    let item = ballot(store, assembly, BallotKind::Secret, chair).await;
    let receipt = |name: &str| hash(&format!("receipt-{name}")).as_str().to_owned();
    for (voter, choice, name) in [
        (alix, Choice::For, "alix"),
        (bertrand, Choice::Against, "bertrand"),
        (capucine, Choice::For, "capucine"),
    ] {
        let mut cast = vote(item, voter, voter, choice);
        cast.receipt = Some(receipt(name));
        assert_eq!(store.cast_vote(&cast).await.unwrap(), Ok(()));
    }
    let counted = Tally {
        for_: 2,
        against: 1,
        abstain: 0,
        eligible: 4,
    };
    assert_eq!(store.tally(item).await.unwrap(), counted);
    assert!(
        store.roll_call(item).await.unwrap().is_empty(),
        "no vote of a secret ballot is kept with its voter"
    );
    assert!(store.receipt_counted(item, &receipt("alix")).await.unwrap());
    assert!(
        !store
            .receipt_counted(item, &receipt("nobody"))
            .await
            .unwrap()
    );

    assert_eq!(
        store
            .cast_vote(&vote(item, bertrand, bertrand, Choice::For))
            .await
            .unwrap(),
        Err(VoteRefusal::AlreadyVoted)
    );
    assert_eq!(store.tally(item).await.unwrap(), counted, "nothing added");
    let latecomer = person(store, "tard@asso.fr", "Tardif").await;
    for (voter, why) in [
        (supporter, "on the roll without a vote"),
        (latecomer, "not on the roll"),
    ] {
        assert_eq!(
            store
                .cast_vote(&vote(item, voter, voter, Choice::For))
                .await
                .unwrap(),
            Err(VoteRefusal::NotVoting),
            "{why}"
        );
    }
    assert_eq!(
        store.voices(item, supporter).await.unwrap(),
        [],
        "who does not vote carries no voice"
    );
    assert_eq!(
        store
            .cast_vote(&vote(item, dominique, dominique, Choice::Against))
            .await
            .unwrap(),
        Err(VoteRefusal::ProxyGiven)
    );
    assert_eq!(
        store
            .cast_vote(&vote(item, bertrand, dominique, Choice::Against))
            .await
            .unwrap(),
        Err(VoteRefusal::NotHolder)
    );
    assert_eq!(
        store.voices(item, alix).await.unwrap(),
        [
            Voice {
                on_behalf: alix,
                name: "Alix".to_owned(),
                own: true,
                cast: true,
            },
            Voice {
                on_behalf: dominique,
                name: "Dominique".to_owned(),
                own: false,
                cast: false,
            },
        ]
    );
    assert_eq!(
        store
            .cast_vote(&vote(item, alix, dominique, Choice::Abstain))
            .await
            .unwrap(),
        Ok(())
    );
    assert_eq!(
        store
            .cast_vote(&vote(item, alix, dominique, Choice::For))
            .await
            .unwrap(),
        Err(VoteRefusal::AlreadyVoted),
        "a proxy is one voice"
    );
    assert!(
        store
            .voices(item, alix)
            .await
            .unwrap()
            .iter()
            .all(|v| v.cast)
    );
    assert_eq!(
        store.voices(item, dominique).await.unwrap(),
        [],
        "who gave their proxy carries no voice"
    );
    assert_eq!(
        store.tally(item).await.unwrap(),
        Tally {
            abstain: 1,
            ..counted
        }
    );
}

async fn an_open_ballot_shows_its_roll_call_and_keeps_its_count_once_closed(store: &dyn Store) {
    let roll = convened(store, &["Zoé", "Yann", "Xavier"], &[]).await;
    let (assembly, chair) = (roll.assembly, roll.chair);
    let [zoe, yann, xavier] = roll.members[..] else {
        unreachable!()
    };
    for present in [zoe, yann, xavier] {
        attend(store, assembly, present, Some(Presence::InPerson), chair).await;
    }
    open(store, assembly, chair).await;
    let item = ballot(store, assembly, BallotKind::Open, chair).await;
    for (voter, choice) in [
        (zoe, Choice::For),
        (yann, Choice::Against),
        (xavier, Choice::For),
    ] {
        assert_eq!(
            store
                .cast_vote(&vote(item, voter, voter, choice))
                .await
                .unwrap(),
            Ok(())
        );
    }
    assert_eq!(
        store.roll_call(item).await.unwrap(),
        [
            ("Xavier".to_owned(), Choice::For),
            ("Yann".to_owned(), Choice::Against),
            ("Zoé".to_owned(), Choice::For),
        ]
    );
    let closed_at = Timestamp(NOW.0 + 30 * DAY + 600);
    let tally = store.close_ballot(item, chair, closed_at).await.unwrap();
    let expected = Tally {
        for_: 2,
        against: 1,
        abstain: 0,
        eligible: 3,
    };
    assert_eq!(tally, expected);
    let read = store.item(item).await.unwrap();
    assert_eq!(read.resolution.unwrap().closed, Some((closed_at, expected)));
    let twice = store.close_ballot(item, chair, closed_at).await;
    assert!(matches!(twice, Err(StoreError::Conflict)), "{twice:?}");
    let reopened = store.open_ballot(item, chair, closed_at).await;
    assert!(
        matches!(reopened, Err(StoreError::Conflict)),
        "{reopened:?}"
    );
    assert_eq!(
        store
            .cast_vote(&vote(item, yann, yann, Choice::For))
            .await
            .unwrap(),
        Err(VoteRefusal::AlreadyVoted)
    );
    // Someone leaving changes today's quorum, not the recorded count.
    attend(store, assembly, xavier, None, chair).await;
    assert_eq!(store.tally(item).await.unwrap(), expected);

    let changed = store
        .update_item(
            item,
            &item_save(
                assembly,
                "Autre titre",
                Some(resolution(BallotKind::Open)),
                chair,
            ),
        )
        .await;
    assert!(matches!(changed, Err(StoreError::Conflict)), "{changed:?}");
    let log = store.audit_log(2).await.unwrap();
    assert_eq!(actions(&log), ["ballot.closed", "ballot.opened"]);
    assert_eq!(log[0].subject, format!("agenda_item:{}", item.0));
}

async fn closing_the_assembly_closes_its_ballots_and_drafts_the_minutes(store: &dyn Store) {
    let roll = convened(store, &["Una", "Victor"], &[]).await;
    let (assembly, chair) = (roll.assembly, roll.chair);
    let [una, victor] = roll.members[..] else {
        unreachable!()
    };
    let words = store
        .add_item(&item_save(assembly, "Mot du président", None, chair))
        .await
        .unwrap();
    let report = store
        .add_item(&item_save(
            assembly,
            "Rapport moral",
            Some(resolution(BallotKind::Secret)),
            chair,
        ))
        .await
        .unwrap();
    let mut edited = item_save(
        assembly,
        "Rapport moral et financier",
        Some(resolution(BallotKind::Secret)),
        chair,
    );
    edited.fields.description = "Présenté par la trésorière".to_owned();
    store.update_item(report, &edited).await.unwrap();
    let no_vote = store.open_ballot(words, chair, NOW).await;
    assert!(matches!(no_vote, Err(StoreError::Conflict)), "{no_vote:?}");
    let early = store
        .close_assembly(&AssemblyClosing {
            assembly,
            minutes: String::new(),
            by: chair,
            at: NOW,
        })
        .await;
    assert!(matches!(early, Err(StoreError::Conflict)), "{early:?}");

    attend(store, assembly, una, Some(Presence::Online), chair).await;
    attend(store, assembly, victor, Some(Presence::Online), chair).await;
    open(store, assembly, chair).await;
    store
        .open_ballot(report, chair, Timestamp(NOW.0 + 30 * DAY))
        .await
        .unwrap();
    for voter in [una, victor] {
        store
            .cast_vote(&vote(report, voter, voter, Choice::For))
            .await
            .unwrap()
            .unwrap();
    }
    let closed_at = Timestamp(NOW.0 + 30 * DAY + 3600);
    store
        .close_assembly(&AssemblyClosing {
            assembly,
            minutes: "# Assemblée générale 2026".to_owned(),
            by: chair,
            at: closed_at,
        })
        .await
        .unwrap();
    let read = store.assembly(assembly).await.unwrap();
    assert_eq!(
        (read.state, read.closed_at),
        (AssemblyState::Closed, Some(closed_at))
    );
    let agenda = store.agenda(assembly).await.unwrap();
    assert_eq!(
        agenda
            .iter()
            .map(|i| (i.position, i.title.as_str()))
            .collect::<Vec<_>>(),
        [(1, "Mot du président"), (2, "Rapport moral et financier")]
    );
    assert_eq!(agenda[1].description, "Présenté par la trésorière");
    assert_eq!(agenda[0].resolution, None);
    assert_eq!(
        agenda[1].resolution.as_ref().unwrap().closed,
        Some((
            closed_at,
            Tally {
                for_: 2,
                against: 0,
                abstain: 0,
                eligible: 2,
            }
        )),
        "the ballot left open was closed with its count"
    );
    let minutes = store.minutes(assembly).await.unwrap().unwrap();
    assert_eq!(
        (minutes.text.as_str(), minutes.updated_at, minutes.approved),
        ("# Assemblée générale 2026", closed_at, None)
    );
    let late = store
        .add_item(&item_save(assembly, "Questions diverses", None, chair))
        .await;
    assert!(matches!(late, Err(StoreError::Conflict)), "{late:?}");
    let edit = store.update_item(words, &edited).await;
    assert!(matches!(edit, Err(StoreError::Conflict)), "{edit:?}");
    let again = store
        .close_assembly(&AssemblyClosing {
            assembly,
            minutes: String::new(),
            by: chair,
            at: closed_at,
        })
        .await;
    assert!(matches!(again, Err(StoreError::Conflict)), "{again:?}");
    let log = store.audit_log(1).await.unwrap();
    assert_eq!(actions(&log), ["assembly.closed"]);
}

async fn minutes_once_approved_no_longer_change(store: &dyn Store) {
    let roll = convened(store, &["Sophie"], &[]).await;
    let (assembly, chair, secretary) = (roll.assembly, roll.chair, roll.members[0]);
    assert_eq!(store.minutes(assembly).await.unwrap(), None);
    let unknown = store
        .save_minutes(&MinutesSave {
            assembly,
            text: "Trop tôt".to_owned(),
            approve: true,
            by: secretary,
            at: NOW,
        })
        .await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");
    open(store, assembly, chair).await;
    store
        .close_assembly(&AssemblyClosing {
            assembly,
            minutes: "Brouillon".to_owned(),
            by: chair,
            at: NOW,
        })
        .await
        .unwrap();
    let save = |text: &str, approve: bool, at: i64| MinutesSave {
        assembly,
        text: text.to_owned(),
        approve,
        by: secretary,
        at: Timestamp(NOW.0 + at),
    };
    store
        .save_minutes(&save("Procès-verbal relu", false, 10))
        .await
        .unwrap();
    let read = store.minutes(assembly).await.unwrap().unwrap();
    assert_eq!(
        (read.text.as_str(), read.updated_at, read.approved),
        ("Procès-verbal relu", Timestamp(NOW.0 + 10), None)
    );
    store
        .save_minutes(&save("Procès-verbal relu", true, 20))
        .await
        .unwrap();
    let approved = store.minutes(assembly).await.unwrap().unwrap();
    assert_eq!(
        approved.approved,
        Some((Timestamp(NOW.0 + 20), "Sophie".to_owned()))
    );
    assert_eq!(approved.text, "Procès-verbal relu");
    for approve in [false, true] {
        let changed = store.save_minutes(&save("Réécrit", approve, 30)).await;
        assert!(matches!(changed, Err(StoreError::Conflict)), "{changed:?}");
    }
    assert_eq!(store.minutes(assembly).await.unwrap().unwrap(), approved);
    let log = store.audit_log(2).await.unwrap();
    assert_eq!(actions(&log), ["minutes.approved", "minutes.saved"]);
    assert_eq!(log[0].actor, Some(secretary));
}

async fn bodies_list_their_mandates_by_seat_and_go_with_them(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let ada = person(store, "ada@asso.fr", "Ada").await;
    let bob = person(store, "bob@asso.fr", "Bob").await;
    let chloe = person(store, "chloe@asso.fr", "Chloé").await;
    assert_eq!(store.statutes().await.unwrap(), Statutes::default());
    let statutes = Statutes {
        notice_days: 21,
        proxy_cap: 3,
        ordinary_quorum_percent: 10,
        extraordinary_quorum_percent: 66,
        abstentions_count: true,
    };
    store.set_statutes(&statutes, admin, NOW).await.unwrap();
    store.set_statutes(&statutes, admin, NOW).await.unwrap();
    assert_eq!(store.statutes().await.unwrap(), statutes);

    let save = |name: &str, kind| BodySave {
        fields: BodyFields {
            name: name.to_owned(),
            kind,
            description: String::new(),
        },
        by: admin,
        at: NOW,
    };
    let bureau = store
        .create_body(&save("Bureau", BodyKind::Bureau))
        .await
        .unwrap();
    let board = store
        .create_body(&save("Conseil", BodyKind::Board))
        .await
        .unwrap();
    let mandate = |body, account, seat, starts_on: &str, ends_on: Option<&str>| MandateSave {
        body,
        account,
        seat,
        starts_on: date(starts_on),
        ends_on: ends_on.map(date),
        by: admin,
        at: NOW,
    };
    for save in [
        mandate(bureau, chloe, Seat::Member, "2025-06-01", None),
        mandate(bureau, bob, Seat::Treasurer, "2025-06-01", None),
        mandate(
            bureau,
            bob,
            Seat::President,
            "2022-06-01",
            Some("2025-05-31"),
        ),
        mandate(bureau, ada, Seat::President, "2025-06-01", None),
        mandate(board, ada, Seat::Member, "2025-06-01", None),
    ] {
        store.add_mandate(&save).await.unwrap();
    }
    let unknown = store
        .add_mandate(&mandate(
            BodyId(board.0 + 1000),
            ada,
            Seat::Member,
            "2025-06-01",
            None,
        ))
        .await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");

    let bodies = store.bodies().await.unwrap();
    assert_eq!(
        bodies.iter().map(|b| b.id).collect::<Vec<_>>(),
        [bureau, board],
        "in the order they were made"
    );
    let seats: Vec<_> = bodies[0]
        .mandates
        .iter()
        .map(|m| (m.name.as_str(), m.seat, m.starts_on.to_string()))
        .collect();
    assert_eq!(
        seats,
        [
            ("Ada", Seat::President, "2025-06-01".to_owned()),
            ("Bob", Seat::President, "2022-06-01".to_owned()),
            ("Bob", Seat::Treasurer, "2025-06-01".to_owned()),
            ("Chloé", Seat::Member, "2025-06-01".to_owned()),
        ]
    );
    let treasurer = bodies[0].mandates[2].id;
    store
        .end_mandate(&MandateEnd {
            mandate: treasurer,
            on: date("2026-05-31"),
            by: admin,
            at: NOW,
        })
        .await
        .unwrap();
    let mut renamed = save("Bureau national", BodyKind::Bureau);
    renamed.fields.description = "Élu par l'assemblée".to_owned();
    store.update_body(bureau, &renamed).await.unwrap();
    let read = store.bodies().await.unwrap().remove(0);
    assert_eq!(read.fields, renamed.fields);
    assert_eq!(read.mandates[2].ends_on, Some(date("2026-05-31")));
    assert!(read.mandates[2].has_ended(date("2026-06-01")));

    store.remove_body(bureau, admin, NOW).await.unwrap();
    let left = store.bodies().await.unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].mandates.len(), 1, "the board keeps its own");
    let gone = store
        .end_mandate(&MandateEnd {
            mandate: treasurer,
            on: date("2026-05-31"),
            by: admin,
            at: NOW,
        })
        .await;
    assert!(
        matches!(gone, Err(StoreError::NotFound)),
        "the removed body's mandates went with it: {gone:?}"
    );
    for missing in [
        store.update_body(bureau, &renamed).await,
        store.remove_body(bureau, admin, NOW).await,
    ] {
        assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
    }
    let log = store.audit_log(4).await.unwrap();
    assert_eq!(
        actions(&log),
        [
            "body.removed",
            "body.updated",
            "mandate.ended",
            "mandate.added"
        ]
    );
    assert_eq!(log[0].subject, format!("body:{}", bureau.0));
}

/// What the tables of a secret ballot hold, read from the SQLite file
/// itself: no voter's row carries a choice or a moment, and the counters
/// and receipts carry no voter. The schema and the statements are the
/// same on PostgreSQL.
#[tokio::test]
async fn sqlite_secret_ballot_tables_join_no_voter_to_a_choice() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("cercle.db");
    let options = OpenOptions::new(DatabaseUrl::Sqlite(path.clone()));
    let store = cercle_store::open(&options).await.unwrap();
    let roll = convened(&*store, &["Alix", "Bertrand", "Capucine"], &[]).await;
    open(&*store, roll.assembly, roll.chair).await;
    let item = ballot(&*store, roll.assembly, BallotKind::Secret, roll.chair).await;
    for (voter, choice) in roll
        .members
        .iter()
        .zip([Choice::For, Choice::Against, Choice::For])
    {
        let mut cast = vote(item, *voter, *voter, choice);
        cast.receipt = Some(hash(&format!("receipt-{}", voter.0)).as_str().to_owned());
        store.cast_vote(&cast).await.unwrap().unwrap();
    }
    drop(store);

    let db = rusqlite::Connection::open(&path).unwrap();
    let columns = |table: &str| -> Vec<String> {
        let mut statement = db
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .unwrap();
        statement
            .query_map([], |row| row.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert_eq!(
        columns("ballot_voters"),
        ["item_id", "account_id", "cast_by", "choice"]
    );
    assert_eq!(columns("ballot_counts"), ["item_id", "choice", "votes"]);
    assert_eq!(columns("ballot_receipts"), ["item_id", "receipt_hash"]);
    let (voters, with_choice): (i64, i64) = db
        .query_row(
            "SELECT COUNT(*), COUNT(choice) FROM ballot_voters WHERE item_id = ?1",
            [item.0],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .unwrap();
    assert_eq!((voters, with_choice), (3, 0));
    let mut counts = db
        .prepare("SELECT choice, votes FROM ballot_counts WHERE item_id = ?1 ORDER BY choice")
        .unwrap();
    let counts: Vec<(String, i64)> = counts
        .query_map([item.0], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        counts,
        [
            ("abstain".to_owned(), 0),
            ("against".to_owned(), 1),
            ("for".to_owned(), 2)
        ],
        "the counters add up to the voters"
    );
    let receipts: i64 = db
        .query_row(
            "SELECT COUNT(*) FROM ballot_receipts WHERE item_id = ?1",
            [item.0],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(receipts, 3);
}

/// On PostgreSQL every row version carries the id of the transaction that
/// wrote it (`xmin`), which anyone who may read the table can select. Each
/// secret vote rewrites every counter of its ballot, so the counters all
/// carry the last vote's transaction, as its voter's row does, and none
/// tells which choice any vote moved.
#[tokio::test]
async fn postgres_secret_ballot_counters_tell_no_vote_apart() {
    let Ok(base_url) = std::env::var("CERCLE_TEST_DATABASE_URL") else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but CERCLE_TEST_DATABASE_URL is not: the PostgreSQL suite cannot run"
        );
        std::io::stderr()
            .write_all(b"!!! SKIPPED postgres_secret_ballot_counters_tell_no_vote_apart: set CERCLE_TEST_DATABASE_URL !!!\n")
            .unwrap();
        return;
    };
    let scratch = testing::scratch_postgres(&base_url).await.unwrap();
    let options = OpenOptions::new(DatabaseUrl::parse(&scratch.url).unwrap());
    let store = cercle_store::open(&options).await.unwrap();
    let roll = convened(&*store, &["Alix", "Bertrand", "Capucine"], &[]).await;
    open(&*store, roll.assembly, roll.chair).await;
    let item = ballot(&*store, roll.assembly, BallotKind::Secret, roll.chair).await;
    let (client, connection) = tokio_postgres::connect(&scratch.url, tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(connection);
    for (voter, choice) in roll
        .members
        .iter()
        .zip([Choice::For, Choice::Against, Choice::Abstain])
    {
        store
            .cast_vote(&vote(item, *voter, *voter, choice))
            .await
            .unwrap()
            .unwrap();
        let versions: Vec<String> = client
            .query(
                "SELECT xmin::text FROM ballot_counts WHERE item_id = $1",
                &[&item.0],
            )
            .await
            .unwrap()
            .iter()
            .map(|row| row.get(0))
            .collect();
        let voter_version: String = client
            .query_one(
                "SELECT xmin::text FROM ballot_voters WHERE item_id = $1 AND account_id = $2",
                &[&item.0, &voter.0],
            )
            .await
            .unwrap()
            .get(0);
        assert_eq!(versions.len(), 3, "a counter for every choice");
        assert!(
            versions.iter().all(|v| *v == voter_version),
            "every counter was written with the vote: {versions:?} / {voter_version}"
        );
    }
    drop(store);
    scratch.drop_database().await.unwrap();
}
