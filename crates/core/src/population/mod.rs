//! A synthetic association at a chosen scale, for benchmarks and load tests:
//! people, member organisations, communities with their members, join
//! requests and years of dues.
//!
//! Every row is computed from the seed and its index alone, so that a loader
//! can stream any table without holding the others, and two runs with one
//! seed write the same data. The shape follows the seeds: most people come
//! through their organisation (seed 002's member companies), some hold a
//! membership of their own, the rest follow without one; a few communities
//! gather most members, as a general channel does, and the long tail is small
//! working groups. Events follow them: larger groups meet more often, though
//! not in proportion to their numbers, and the association holds a few of
//! its own.

use crate::accounts::account::Role;
use crate::accounts::secret::TokenHash;
use crate::communities::community::{
    AccessPolicy, Channel, ChannelKind, CommunityFields, CommunityKind, Eligibility, Engagement,
    ProfileCard, RequestStatus, Slug,
};
use crate::events::event::{
    DEFAULT_ZONE, EventFields, EventFormat, RegistrationRules, RegistrationState, Zone,
};
use crate::governance::body::{BodyKind, Seat};
use crate::kernel::association::Language;
use crate::kernel::date::{Amount, Date};
use crate::kernel::time::Timestamp;
use crate::kernel::validation::ValidationError;
use crate::kernel::visibility::{Audience, Visibility};
use crate::register::dues::{
    BillingPeriod, HolderKind, MembershipStatus, PaymentMethod, PriceBand,
};
use crate::register::people::OrganisationCategory;

/// The sizes asked for, before they are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScaleInput {
    pub people: u64,
    pub organisations: u64,
    pub communities: u64,
    pub community_memberships: u64,
    pub join_requests: u64,
    pub dues_years: u64,
    /// People given a ready session, for load tests that act as them.
    pub sessions: u64,
    /// Events of the communities and of the association.
    pub events: u64,
    /// Registrations for those events, over their occurrences.
    pub event_registrations: u64,
}

impl ScaleInput {
    /// The scale of issue 6's benchmark: a million people.
    pub const MILLION: Self = Self {
        people: 1_000_000,
        organisations: 20_000,
        communities: 10_000,
        community_memberships: 3_000_000,
        join_requests: 200_000,
        dues_years: 5,
        sessions: 100_000,
        events: 200_000,
        event_registrations: 2_000_000,
    };
}

/// Sizes that fit together: every community has its pilot, sponsor and
/// animator, none is larger than half the people, every organisation has a
/// representative, every request comes from someone outside, and no event
/// has more registrants than the people it draws them from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scale {
    input: ScaleInput,
    /// Members of community `c`, largest first.
    sizes: Vec<u64>,
    /// Requests to community `c`: only those that ask get any.
    requests: Vec<u64>,
    /// The events' weights of communities `0..=c`, as a running total: the
    /// square root of each one's size.
    hosts: Vec<u64>,
    /// Registrations for event `e`.
    registrations: Vec<u64>,
}

impl Scale {
    pub fn parse(input: ScaleInput) -> Result<Self, ValidationError> {
        let error = |field| ValidationError::new(field, "error-scale");
        if input.people < 10 || input.people > 100_000_000 {
            return Err(error("people"));
        }
        if input.organisations == 0 || input.organisations > affiliated(input.people) {
            return Err(error("organisations"));
        }
        if input.communities == 0 || input.communities > 1_000_000 {
            return Err(error("communities"));
        }
        let minimum = input.communities.saturating_mul(3);
        if input.community_memberships < minimum {
            return Err(error("community-memberships"));
        }
        if !(1..=20).contains(&input.dues_years) {
            return Err(error("dues-years"));
        }
        if input.sessions > input.people {
            return Err(error("sessions"));
        }
        let sizes = zipf_sizes(input.communities, input.community_memberships);
        if sizes[0] > input.people / 2 {
            return Err(error("community-memberships"));
        }
        let asking = |c: u64| access_of(c).asks();
        let requests = spread(input.join_requests, &sizes, asking);
        if input.join_requests > 0 && requests.iter().all(|r| *r == 0) {
            return Err(error("join-requests"));
        }
        if sizes
            .iter()
            .zip(&requests)
            .any(|(size, asked)| size + asked > input.people)
        {
            return Err(error("join-requests"));
        }
        if input.events > 10_000_000 {
            return Err(error("events"));
        }
        if input.events == 0 && input.event_registrations > 0 {
            return Err(error("event-registrations"));
        }
        let hosts = running_total(&sizes.iter().map(|size| size.isqrt()).collect::<Vec<_>>());
        // An event draws registrants from its community's members, or from
        // everyone for the association's, which draw as many as the largest
        // community's; some events draw up to four times more than others.
        let (weights, drawn_from): (Vec<u64>, Vec<u64>) = (0..input.events)
            .map(|e| {
                let (weight, people) = match host_of(e, &hosts) {
                    Some(c) => (sizes[index(c)].isqrt(), sizes[index(c)]),
                    None => (sizes[0].isqrt(), input.people),
                };
                (weight * (1 + splitmix(e ^ 0x9091) % 4), people)
            })
            .unzip();
        let registrations = spread(input.event_registrations, &weights, |_| true);
        if registrations
            .iter()
            .zip(&drawn_from)
            .any(|(registrants, people)| registrants > people)
        {
            return Err(error("event-registrations"));
        }
        Ok(Self {
            input,
            sizes,
            requests,
            hosts,
            registrations,
        })
    }

    pub fn input(&self) -> ScaleInput {
        self.input
    }
}

/// The generated association, as of `today`.
#[derive(Debug, Clone)]
pub struct Population {
    scale: Scale,
    seed: u64,
    today: Date,
    now: Timestamp,
    /// The first request of community `c`, as a running total.
    first_request: Vec<u64>,
    /// The first registration of event `e`, as a running total.
    first_registration: Vec<u64>,
    /// The zone generated events are written in.
    zone: Zone,
}

/// A person: an account, their profile and, through their index, their
/// memberships.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub email: String,
    pub display_name: String,
    pub language: Language,
    pub job_title: &'static str,
    /// The organisation they work for, which holds the membership.
    pub employer: Option<u64>,
    /// Whether they represent that organisation.
    pub representative: bool,
    pub public_profile: bool,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    pub name: String,
    pub category: OrganisationCategory,
    pub website: String,
    pub size: u32,
    pub created_at: Timestamp,
}

/// The plans every generated membership is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub name: &'static str,
    pub period: BillingPeriod,
    pub holder_kind: HolderKind,
    pub prices: Vec<PriceBand>,
    pub services: &'static str,
}

/// Who holds a generated membership.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    Person(u64),
    Organisation(u64),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Membership {
    pub holder: Holder,
    /// An index into [`Population::plans`].
    pub plan: usize,
    pub status: MembershipStatus,
    pub created_at: Timestamp,
    /// One period a year, oldest first, each with its payment if paid.
    pub periods: Vec<DuesPeriod>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuesPeriod {
    pub starts_on: Date,
    pub ends_on: Date,
    pub amount_due: Amount,
    pub payment: Option<(Date, PaymentMethod)>,
}

/// A body of the association with its mandates, current and past.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedBody {
    pub name: &'static str,
    pub kind: BodyKind,
    pub description: &'static str,
    pub mandates: Vec<GeneratedMandate>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedMandate {
    pub person: u64,
    pub seat: Seat,
    pub starts_on: Date,
    pub ends_on: Option<Date>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedCommunity {
    pub fields: CommunityFields,
    pub members: u64,
    pub created_at: Timestamp,
}

/// The `k`-th member of a community.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub person: u64,
    pub engagement: Engagement,
    /// The default role: the first three members lead (seed 002).
    pub role: &'static str,
    pub joined_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub community: u64,
    pub person: u64,
    pub motivation: String,
    pub engagement: Engagement,
    pub status: RequestStatus,
    pub created_at: Timestamp,
    /// The reviewer's message and when they decided, once decided.
    pub decision: Option<(String, Timestamp)>,
}

/// An event of a community or of the association, as its organisers' form
/// would have saved it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedEvent {
    /// The community that holds it; none for the association's own.
    pub community: Option<u64>,
    pub fields: EventFields,
    /// The person who organises it, the community's pilot; none for the
    /// association's events, which the administrator organises.
    pub organiser: Option<u64>,
    /// The RFC 5545 rule of a series; none for a single event.
    pub recurrence: Option<&'static str>,
    /// When the last occurrence ends: `ends_at` for a single event.
    pub series_ends_at: Timestamp,
    pub created_at: Timestamp,
}

/// A registration for one occurrence of an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRegistration {
    pub event: u64,
    /// 0 for a single event; for a series, the start of the occurrence.
    pub occurrence: i64,
    pub person: u64,
    /// Confirmed within the capacity, waitlisted beyond it.
    pub state: RegistrationState,
    pub created_at: Timestamp,
}

/// The rule of a generated series: weekly for five years.
pub const WEEKLY_FOR_FIVE_YEARS: &str = "FREQ=WEEKLY;COUNT=260";

/// How many occurrences [`WEEKLY_FOR_FIVE_YEARS`] gives.
const OCCURRENCES: i64 = 260;

/// How many occurrences of a series people have registered for: the next
/// ones, or the last ones of a series that is over.
const OCCURRENCES_REGISTERED: i64 = 4;

/// What a registration needs to know of its event, without the event's
/// words.
struct Schedule {
    community: Option<u64>,
    starts_at: Timestamp,
    ends_at: Timestamp,
    recurring: bool,
    capacity: Option<u32>,
}

/// The association's own roles given to generated people: a bureau, a
/// treasurer and moderators, as seed 004's association has.
pub const STAFF: [(u64, Role); 4] = [
    (1, Role::BureauMember),
    (2, Role::BureauMember),
    (3, Role::Treasurer),
    (4, Role::Moderator),
];

const DAY: i64 = 86_400;
const WEEK: i64 = 7 * DAY;

impl Population {
    pub fn new(scale: Scale, seed: u64, today: Date, now: Timestamp) -> Self {
        let first_request = running_total(&scale.requests);
        let first_registration = running_total(&scale.registrations);
        Self {
            scale,
            seed,
            today,
            now,
            first_request,
            first_registration,
            zone: Zone::parse(DEFAULT_ZONE).expect("the time zone database knows the default zone"),
        }
    }

    pub fn scale(&self) -> ScaleInput {
        self.scale.input
    }

    /// The day the association is generated as of.
    pub fn today(&self) -> Date {
        self.today
    }

    pub fn person(&self, i: u64) -> Person {
        let h = self.hash(1, i);
        let first = FIRST_NAMES[pick(h, FIRST_NAMES.len())];
        let last = LAST_NAMES[pick(h >> 16, LAST_NAMES.len())];
        let employer =
            (i < affiliated(self.scale.input.people)).then_some(i % self.scale.input.organisations);
        Person {
            email: format!("{}.{}.{i}@example.org", ascii(first), ascii(last)),
            display_name: format!("{first} {last}"),
            language: if (h >> 32) % 100 < 85 {
                Language::Fr
            } else {
                Language::En
            },
            job_title: JOB_TITLES[pick(h >> 40, JOB_TITLES.len())],
            employer,
            representative: i < self.scale.input.organisations,
            public_profile: (h >> 48) % 10 < 3,
            created_at: self.past(h, self.scale.input.dues_years * 365),
        }
    }

    /// The secret of the session a load test uses to act as person `i`
    /// (below [`ScaleInput::sessions`]), and its hash as stored.
    pub fn session(&self, i: u64) -> (String, TokenHash) {
        let secret = format!("bench-{:016x}-{:016x}", self.seed, self.hash(2, i));
        let hash = TokenHash::of(&secret);
        (secret, hash)
    }

    /// The same for the administrator, whom benchmarks also act as.
    pub fn administrator_session(&self) -> (String, TokenHash) {
        let secret = format!("bench-{:016x}-admin-{:016x}", self.seed, self.hash(9, 0));
        let hash = TokenHash::of(&secret);
        (secret, hash)
    }

    pub fn organisation(&self, o: u64) -> Organisation {
        let h = self.hash(3, o);
        let prefix = ORGANISATION_PREFIXES[pick(h, ORGANISATION_PREFIXES.len())];
        let word = ORGANISATION_WORDS[pick(h >> 16, ORGANISATION_WORDS.len())];
        let category = OrganisationCategory::ALL[pick(h >> 24, 4)];
        let name = format!("{prefix} {word} {o}");
        Organisation {
            website: format!("https://{}.example.org", ascii(&name)),
            name,
            category,
            size: 2 + u32::try_from((h >> 32) % 2000).unwrap_or(0),
            created_at: self.past(h, self.scale.input.dues_years * 365),
        }
    }

    pub fn plans() -> Vec<Plan> {
        vec![
            Plan {
                name: "Adhésion individuelle",
                period: BillingPeriod::Yearly,
                holder_kind: HolderKind::Person,
                prices: vec![PriceBand {
                    min_size: 0,
                    amount: Amount(3_000),
                }],
                services: "Communautés\nLettre d'information",
            },
            Plan {
                name: "Adhésion structure",
                period: BillingPeriod::Yearly,
                holder_kind: HolderKind::Organisation,
                prices: vec![
                    PriceBand {
                        min_size: 0,
                        amount: Amount(20_000),
                    },
                    PriceBand {
                        min_size: 50,
                        amount: Amount(60_000),
                    },
                    PriceBand {
                        min_size: 250,
                        amount: Amount(150_000),
                    },
                ],
                services: "Communautés\nGroupes de travail\nÉvénements",
            },
        ]
    }

    /// How many memberships there are: one per organisation, then one per
    /// person in the individual range.
    pub fn memberships(&self) -> u64 {
        self.scale.input.organisations + individuals(self.scale.input.people)
    }

    /// The `m`-th membership with its years of dues. Most are paid up; some
    /// owe this year's dues, as seed 002's company "en défaut de paiement";
    /// some stopped paying and lapsed, a few resigned.
    pub fn membership(&self, m: u64) -> Membership {
        let organisations = self.scale.input.organisations;
        let (holder, plan) = if m < organisations {
            (Holder::Organisation(m), 1)
        } else {
            (
                Holder::Person(affiliated(self.scale.input.people) + m - organisations),
                0,
            )
        };
        let h = self.hash(4, m);
        let years = self.scale.input.dues_years;
        let joined = self.today.year() - i64::try_from(h % years).unwrap_or(0);
        let fate = (h >> 8) % 100;
        let (status, unpaid_from) = match fate {
            0..=4 => (MembershipStatus::Resigned, self.today.year()),
            5..=11 => (MembershipStatus::Lapsed, self.today.year() - 1),
            12..=19 => (MembershipStatus::Active, self.today.year()),
            _ => (MembershipStatus::Active, self.today.year() + 1),
        };
        let last = if status == MembershipStatus::Resigned {
            self.today.year() - 1
        } else {
            self.today.year()
        };
        let amount = match holder {
            Holder::Person(_) => Amount(3_000),
            Holder::Organisation(o) => {
                let size = self.organisation(o).size;
                Amount(match size {
                    0..50 => 20_000,
                    50..250 => 60_000,
                    _ => 150_000,
                })
            }
        };
        let periods = (joined..=last.max(joined))
            .filter_map(|year| {
                let starts_on = Date::from_ymd(year, 1, 1)?;
                let ends_on = Date::from_ymd(year, 12, 31)?;
                let paid = year < unpaid_from;
                let day = i64::try_from((h >> 16) % 60).unwrap_or(0);
                let method = PaymentMethod::ALL[pick(h >> 24, 5)];
                Some(DuesPeriod {
                    starts_on,
                    ends_on,
                    amount_due: amount,
                    payment: paid.then(|| (starts_on.plus_days(day), method)),
                })
            })
            .collect();
        Membership {
            holder,
            plan,
            status,
            created_at: Timestamp(self.now.0 - (self.today.year() - joined) * 365 * DAY - DAY * 30),
            periods,
        }
    }

    /// The bureau, whose term began last June and whose previous term
    /// ended then, a board of twelve and a steering committee, seated from
    /// the first people.
    pub fn bodies(&self) -> Vec<GeneratedBody> {
        let year = self.today.year();
        let day = |year: i64, month: u32, day: u32| {
            Date::from_ymd(year, month, day).expect("a day every year has")
        };
        let person = |i: u64| i % self.scale.input.people;
        let bureau_seats = [
            Seat::President,
            Seat::VicePresident,
            Seat::Secretary,
            Seat::Treasurer,
        ];
        let term = |first: u64, starts_on: Date, ends_on: Option<Date>| {
            bureau_seats
                .into_iter()
                .zip(first..)
                .map(move |(seat, i)| GeneratedMandate {
                    person: person(i),
                    seat,
                    starts_on,
                    ends_on,
                })
        };
        let started = day(year - 1, 6, 1);
        let bureau = term(1, started, None)
            .chain(term(5, day(year - 4, 6, 1), Some(day(year - 1, 5, 31))))
            .collect();
        let board = (1..=12)
            .map(|i| GeneratedMandate {
                person: person(i),
                seat: if i == 1 {
                    Seat::President
                } else {
                    Seat::Member
                },
                starts_on: started,
                ends_on: Some(day(year + 2, 5, 31)),
            })
            .collect();
        let committee = (13..=17)
            .map(|i| GeneratedMandate {
                person: person(i),
                seat: if i == 13 {
                    Seat::President
                } else {
                    Seat::Member
                },
                starts_on: day(year, 1, 1),
                ends_on: None,
            })
            .collect();
        vec![
            GeneratedBody {
                name: "Bureau",
                kind: BodyKind::Bureau,
                description: "Examine les candidatures en séance et convoque les assemblées.",
                mandates: bureau,
            },
            GeneratedBody {
                name: "Conseil d'administration",
                kind: BodyKind::Board,
                description: "Fixe les orientations ; chaque personne parraine une communauté.",
                mandates: board,
            },
            GeneratedBody {
                name: "Comité de pilotage",
                kind: BodyKind::SteeringCommittee,
                description: "Décide de la feuille de route du logiciel.",
                mandates: committee,
            },
        ]
    }

    /// The membership that would put person `i` on the roll of an assembly
    /// convened on the generation day: their own, or the one of the
    /// organisation they represent; none for the other employees.
    pub fn membership_of(&self, i: u64) -> Option<u64> {
        let scale = self.scale.input;
        if i < scale.organisations {
            Some(i)
        } else if i >= affiliated(scale.people)
            && i < affiliated(scale.people) + individuals(scale.people)
        {
            Some(scale.organisations + i - affiliated(scale.people))
        } else {
            None
        }
    }

    /// Whether person `i` is on the roll of an assembly convened on the
    /// generation day: their membership, or their organisation's, is active
    /// and this year's dues are paid.
    pub fn on_roll(&self, i: u64) -> bool {
        self.membership_of(i).is_some_and(|m| {
            let membership = self.membership(m);
            membership.status == MembershipStatus::Active
                && membership.periods.iter().any(|period| {
                    period.starts_on <= self.today
                        && self.today <= period.ends_on
                        && period.payment.is_some()
                })
        })
    }

    /// Every membership's periods in order, each as `(membership, n, period)`
    /// where `n` counts periods from 0 across memberships: the order in which
    /// they are stored, and so their identifiers.
    pub fn periods(&self) -> impl Iterator<Item = (u64, u64, DuesPeriod)> + Send + '_ {
        let mut next = 0;
        (0..self.memberships()).flat_map(move |m| {
            let periods = self.membership(m).periods;
            let first = next;
            next += periods.len() as u64;
            (first..)
                .zip(periods)
                .map(move |(n, period)| (m, n, period))
        })
    }

    pub fn community(&self, c: u64) -> GeneratedCommunity {
        let h = self.hash(5, c);
        let topic = self.topic(c);
        let flavour = FLAVOURS[pick(h >> 8, FLAVOURS.len())];
        let kind = match (h >> 16) % 10 {
            0..=4 => CommunityKind::WorkingGroup,
            5..=7 => CommunityKind::Community,
            8 => CommunityKind::Team,
            _ => CommunityKind::GoverningBody,
        };
        let visibility = match (h >> 24) % 20 {
            0..=15 => Visibility::Public,
            16..=18 => Visibility::MembersOnly,
            _ => Visibility::Secret,
        };
        let access = access_of(c);
        let eligibility = match (h >> 32) % 10 {
            0..=5 => Eligibility::default(),
            6..=7 => Eligibility {
                adherents_only: true,
                ..Eligibility::default()
            },
            8 => Eligibility {
                adherents_only: true,
                organisation_in_good_standing: true,
                ..Eligibility::default()
            },
            _ => Eligibility {
                active_contributor_days: Some(365),
                ..Eligibility::default()
            },
        };
        let name = format!("{topic} {flavour} {c}");
        let slug = ascii(&name);
        let cadence = CADENCES[pick(h >> 44, CADENCES.len())];
        let card = (h >> 40).is_multiple_of(4).then(|| ProfileCard {
            colour: format!("#{:06x}", (h >> 8) & 0x00ff_ffff),
            quotes: vec![format!("« {topic} : on apprend en faisant ensemble. »")],
            scores: ["Program", "Open", "Mix", "Content", "Make", "Neutral"]
                .iter()
                .enumerate()
                .map(|(n, axis)| {
                    let score = u8::try_from((h >> (n * 7)) % 101).unwrap_or(50);
                    ((*axis).to_owned(), score)
                })
                .collect(),
        });
        GeneratedCommunity {
            fields: CommunityFields {
                slug: Slug::parse(&slug).unwrap_or_else(|_| fallback_slug(c)),
                description: format!(
                    "La communauté **{topic}** réunit celles et ceux qui pratiquent \
                     {flavour_lower} au quotidien : retours d'expérience, veille et \
                     entraide entre pairs.\n\nNous nous retrouvons {cadence}.",
                    flavour_lower = flavour.to_lowercase(),
                    cadence = cadence,
                ),
                name,
                kind,
                theme: topic.to_owned(),
                objectives: vec![
                    format!("Partager les pratiques de {topic}"),
                    "Produire des ressources sous licence CC BY-SA 4.0".to_owned(),
                ],
                cadence: cadence.to_owned(),
                channels: vec![
                    Channel {
                        kind: ChannelKind::Matrix,
                        label: format!("#{slug}"),
                        url: format!("https://matrix.to/#/#{slug}:example.org"),
                    },
                    Channel {
                        kind: ChannelKind::MailingList,
                        label: format!("{slug}@lists.example.org"),
                        url: format!("mailto:{slug}@lists.example.org"),
                    },
                ],
                visibility,
                access,
                vouches_required: 2,
                questions: if access == AccessPolicy::Application {
                    vec![
                        "Qu'attendez-vous de ce groupe ?".to_owned(),
                        "Que pouvez-vous y apporter ?".to_owned(),
                    ]
                } else {
                    Vec::new()
                },
                eligibility,
                card,
            },
            members: self.community_size(c),
            created_at: self.past(h, self.scale.input.dues_years * 365),
        }
    }

    /// How many members community `c` has, without building the rest of it.
    pub fn community_size(&self, c: u64) -> u64 {
        self.scale.sizes[index(c)]
    }

    /// The `k`-th member of community `c`: members are a run of people
    /// starting at an offset of the community's own, so that no one is
    /// counted twice.
    pub fn member(&self, c: u64, k: u64) -> Member {
        let h = self.hash(6, c.wrapping_mul(1 << 32) ^ k);
        Member {
            person: (self.offset(c) + k) % self.scale.input.people,
            engagement: engagement(h),
            role: match k {
                0 => "pilot",
                1 => "sponsor",
                2 => "animator",
                _ => "member",
            },
            joined_at: self.past(h, self.scale.input.dues_years * 365),
        }
    }

    pub fn requests(&self) -> u64 {
        self.first_request.last().copied().unwrap_or(0)
    }

    /// The `r`-th request: to a community that asks, from someone after its
    /// members in its run, so never from a member and never twice. Most
    /// were refused or withdrawn long ago; the newest wait for review.
    pub fn request(&self, r: u64) -> Request {
        let c = self.first_request.partition_point(|first| *first <= r) as u64;
        let before = if c == 0 {
            0
        } else {
            self.first_request[index(c - 1)]
        };
        let j = r - before;
        let h = self.hash(7, r);
        let person = (self.offset(c) + self.scale.sizes[index(c)] + j) % self.scale.input.people;
        let created_at = self.past(h, 365);
        let (status, decision) = match (h >> 8) % 100 {
            0..=14 => (RequestStatus::Pending, None),
            15..=84 => (
                RequestStatus::Refused,
                Some((
                    "Le groupe est complet pour cette saison, merci de votre intérêt.".to_owned(),
                    Timestamp(created_at.0 + 3 * DAY),
                )),
            ),
            _ => (
                RequestStatus::Withdrawn,
                Some((String::new(), Timestamp(created_at.0 + DAY))),
            ),
        };
        Request {
            community: c,
            person,
            motivation: "Je souhaite contribuer et apprendre des autres membres.".to_owned(),
            engagement: engagement(h),
            status,
            created_at,
            decision,
        }
    }

    /// The `e`-th event: one in twenty is the association's, the others
    /// belong to communities as the square roots of their sizes weigh. They
    /// start over the five years around today at a time of day on Paris's
    /// clock and last two hours; half have a capacity, and one in ten
    /// repeats weekly for five years.
    pub fn event(&self, e: u64) -> GeneratedEvent {
        let schedule = self.schedule(e);
        let h = self.hash(10, e);
        let community = schedule.community;
        let format = EventFormat::ALL[pick(e, EventFormat::ALL.len())];
        let audience = match (community, (h >> 8) % 10) {
            (_, 0..=6) => Audience::Public,
            (Some(_), 9) => Audience::Community,
            _ => Audience::Members,
        };
        let topic = match community {
            Some(c) => self.topic(c),
            None => TOPICS[pick(h >> 32, TOPICS.len())],
        };
        let online = format == EventFormat::Webinar;
        let city = CITIES[pick(h >> 40, CITIES.len())];
        let (recurrence, series_ends_at) = if schedule.recurring {
            (
                Some(WEEKLY_FOR_FIVE_YEARS),
                Timestamp(schedule.ends_at.0 + (OCCURRENCES - 1) * WEEK),
            )
        } else {
            (None, schedule.ends_at)
        };
        let lead = i64::try_from((h >> 50) % 30).unwrap_or(0);
        GeneratedEvent {
            community,
            fields: EventFields {
                title: format!("{} {topic} {e}", title_word(format)),
                description: format!(
                    "Un rendez-vous autour de **{topic}** : retours d'expérience, \
                     démonstrations et temps d'échange entre pairs."
                ),
                format,
                audience,
                starts_at: schedule.starts_at,
                ends_at: schedule.ends_at,
                zone: self.zone.clone(),
                address: if online {
                    String::new()
                } else {
                    format!("Maison des associations, {city}")
                },
                online_url: online.then(|| format!("https://visio.example.org/evenement-{e}")),
                registration: RegistrationRules {
                    capacity: schedule.capacity,
                    approval: false,
                    opens_at: None,
                    closes_at: None,
                    max_guests: 0,
                    question: String::new(),
                },
                // The loader writes the rule's text below as it is, with
                // the end of the series computed from it without expanding.
                recurrence: None,
            },
            organiser: community.map(|c| self.member(c, 0).person),
            recurrence,
            series_ends_at,
            // Created before its first registrations, which arrive from
            // thirty days before an occurrence.
            created_at: Timestamp(self.now.0.min(schedule.starts_at.0) - (45 + lead) * DAY),
        }
    }

    fn schedule(&self, e: u64) -> Schedule {
        let h = self.hash(10, e);
        let days = i64::try_from((h >> 12) % (5 * 365)).unwrap_or(0) - 5 * 365 / 2;
        let (hour, minute) = STARTS[pick(h >> 24, STARTS.len())];
        let starts_at = self
            .zone
            .instant(
                self.today.plus_days(days),
                jiff::civil::time(hour, minute, 0, 0),
            )
            .unwrap_or(Timestamp(self.now.0 + days * DAY));
        Schedule {
            community: host_of(e, &self.scale.hosts),
            starts_at,
            ends_at: Timestamp(starts_at.0 + 2 * 3600),
            recurring: (h >> 28).is_multiple_of(10),
            capacity: (h >> 44)
                .is_multiple_of(2)
                .then(|| CAPACITIES[pick(h >> 45, CAPACITIES.len())]),
        }
    }

    /// How many registrations event `e` has, over its occurrences.
    pub fn registrations_for(&self, e: u64) -> u64 {
        self.scale.registrations[index(e)]
    }

    /// The `r`-th registration. The `j`-th registrant of an event is the
    /// `j`-th of a run of its community's members, or of everyone for the
    /// association's events, so that nobody registers twice; a series'
    /// registrants spread over a few of its occurrences. Within an
    /// occurrence they arrive an hour apart, confirmed while seats remain
    /// and waitlisted after.
    pub fn event_registration(&self, r: u64) -> EventRegistration {
        let e = self.first_registration.partition_point(|first| *first <= r) as u64;
        let before = if e == 0 {
            0
        } else {
            self.first_registration[index(e - 1)]
        };
        let j = r - before;
        let schedule = self.schedule(e);
        let start = self.hash(11, e);
        let person = match schedule.community {
            Some(c) => {
                let size = self.community_size(c);
                self.member(c, (start % size + j) % size).person
            }
            None => {
                let people = self.scale.input.people;
                (start % people + j) % people
            }
        };
        let j = as_signed(j);
        let (k, ordinal) = if schedule.recurring {
            let over = (self.now.0 - schedule.ends_at.0).div_euclid(WEEK) + 1;
            let first = over.clamp(0, OCCURRENCES - OCCURRENCES_REGISTERED);
            (
                first + j % OCCURRENCES_REGISTERED,
                j / OCCURRENCES_REGISTERED,
            )
        } else {
            (0, j)
        };
        let starts = schedule.starts_at.0 + k * WEEK;
        let confirmed = schedule
            .capacity
            .is_none_or(|capacity| ordinal < i64::from(capacity));
        let closes = self.now.0.min(starts);
        EventRegistration {
            event: e,
            occurrence: if schedule.recurring { starts } else { 0 },
            person,
            state: if confirmed {
                RegistrationState::Confirmed
            } else {
                RegistrationState::Waitlisted
            },
            created_at: Timestamp((closes - 30 * DAY + ordinal * 3600).min(closes - 60)),
        }
    }

    /// Community `c`'s theme.
    fn topic(&self, c: u64) -> &'static str {
        TOPICS[pick(self.hash(5, c), TOPICS.len())]
    }

    /// Where community `c`'s run of members starts.
    fn offset(&self, c: u64) -> u64 {
        self.hash(8, c) % self.scale.input.people
    }

    /// A moment in the last `days` days.
    fn past(&self, h: u64, days: u64) -> Timestamp {
        let seconds = (h >> 3) % (days.max(1) * 86_400);
        Timestamp(self.now.0 - i64::try_from(seconds).unwrap_or(0))
    }

    fn hash(&self, table: u64, i: u64) -> u64 {
        splitmix(splitmix(self.seed ^ table.wrapping_mul(0x9e37_79b9_7f4a_7c15)) ^ i)
    }
}

/// Who holds event `e`, the same whatever the seed so that a scale is
/// checked before the seed is known: one event in twenty is the
/// association's, the others fall to communities by the weights whose
/// running total is `hosts`.
fn host_of(e: u64, hosts: &[u64]) -> Option<u64> {
    let h = splitmix(e ^ 0xe7e4);
    let total = hosts.last().copied().unwrap_or(0);
    if h.is_multiple_of(20) || total == 0 {
        return None;
    }
    let point = (h >> 8) % total;
    Some(hosts.partition_point(|sum| *sum <= point) as u64)
}

/// The word an event's title starts with, by its format.
fn title_word(format: EventFormat) -> &'static str {
    match format {
        EventFormat::Seminar => "Séminaire",
        EventFormat::Forum => "Forum",
        EventFormat::Webinar => "Webinaire",
        EventFormat::Meetup => "Rencontre",
        EventFormat::Workshop => "Atelier",
        EventFormat::WorkingGroupMeeting => "Réunion du groupe",
        EventFormat::GeneralAssembly => "Assemblée générale",
        EventFormat::Other => "Rendez-vous",
    }
}

/// People `0..affiliated` work for a member organisation, the first of each
/// organisation representing it.
fn affiliated(people: u64) -> u64 {
    people * 2 / 5
}

/// People after the affiliated ones who hold a membership of their own.
fn individuals(people: u64) -> u64 {
    people * 3 / 10
}

/// Most communities are open or take requests; a few co-opt, ask for an
/// application or take only invitations.
fn access_of(c: u64) -> AccessPolicy {
    match splitmix(c ^ 0x5eed) % 20 {
        0..=7 => AccessPolicy::Open,
        8..=15 => AccessPolicy::Request,
        16 => AccessPolicy::Cooptation,
        17..=18 => AccessPolicy::Application,
        _ => AccessPolicy::Invitation,
    }
}

fn engagement(h: u64) -> Engagement {
    match (h >> 60) % 4 {
        0 | 1 => Engagement::News,
        2 => Engagement::Occasional,
        _ => Engagement::Regular,
    }
}

/// Sizes of `n` communities adding up to `total`, falling off as a power of
/// the rank, each at least 3.
fn zipf_sizes(n: u64, total: u64) -> Vec<u64> {
    let weights: Vec<f64> = (1..=n).map(|rank| (rank as f64).powf(-0.8)).collect();
    let sum: f64 = weights.iter().sum();
    let spare = total - 3 * n;
    let mut sizes: Vec<u64> = weights
        .iter()
        .map(|w| 3 + (spare as f64 * w / sum).floor() as u64)
        .collect();
    let short = total - sizes.iter().sum::<u64>();
    for size in sizes.iter_mut().take(index(short)) {
        *size += 1;
    }
    sizes
}

/// `total` spread over the communities `eligible` keeps, in proportion to
/// their sizes.
fn spread(total: u64, sizes: &[u64], eligible: impl Fn(u64) -> bool) -> Vec<u64> {
    let weight: u64 = (0..sizes.len() as u64)
        .filter(|c| eligible(*c))
        .map(|c| sizes[index(c)])
        .sum();
    let mut shares: Vec<u64> = (0..sizes.len() as u64)
        .map(|c| {
            if eligible(c) && weight > 0 {
                let share = u128::from(total) * u128::from(sizes[index(c)]) / u128::from(weight);
                u64::try_from(share).unwrap_or(u64::MAX)
            } else {
                0
            }
        })
        .collect();
    let mut short = total - shares.iter().sum::<u64>();
    for (c, share) in shares.iter_mut().enumerate() {
        if short == 0 {
            break;
        }
        if eligible(c as u64) {
            *share += 1;
            short -= 1;
        }
    }
    shares
}

fn running_total(counts: &[u64]) -> Vec<u64> {
    counts
        .iter()
        .scan(0, |sum, count| {
            *sum += count;
            Some(*sum)
        })
        .collect()
}

fn as_signed(i: u64) -> i64 {
    i64::try_from(i).expect("generated counts fit in 63 bits")
}

fn index(i: u64) -> usize {
    usize::try_from(i).expect("scales fit the address space")
}

fn pick(h: u64, len: usize) -> usize {
    index(h % len as u64)
}

fn splitmix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Lower-case ASCII letters and digits joined by dashes: `Énergie & Climat 3`
/// becomes `energie-climat-3`.
fn ascii(text: &str) -> String {
    let folded: String = text
        .chars()
        .map(|c| match c {
            'à' | 'â' | 'ä' | 'À' | 'Â' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' | 'Ç' => 'c',
            other => other.to_ascii_lowercase(),
        })
        .collect();
    folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

fn fallback_slug(c: u64) -> Slug {
    Slug::parse(&format!("groupe-{c}")).expect("a valid slug")
}

const FIRST_NAMES: [&str; 40] = [
    "Camille", "Léa", "Manon", "Chloé", "Inès", "Jade", "Louise", "Zoé", "Emma", "Sarah",
    "Nolwenn", "Rozenn", "Maëlle", "Anaïs", "Priya", "Aïcha", "Fatou", "Hanna", "Yuki", "Olga",
    "Lucas", "Hugo", "Louis", "Gabriel", "Arthur", "Yann", "Erwan", "Mathis", "Nathan", "Karim",
    "Mehdi", "Tanguy", "Gwenaël", "Loïc", "Samuel", "Diego", "Kofi", "Ivan", "Thomas", "Olivier",
];

const LAST_NAMES: [&str; 40] = [
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Le Gall", "Le Goff", "Kerbrat", "Tanguy", "Morvan", "Guillou", "Le Bihan", "Quéré",
    "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent",
    "Fournier", "Girard", "Bonnet", "Nguyen", "Diallo", "Benali", "Costa", "Rossi", "Müller",
    "Kowalski", "Haddad", "Traoré", "Mercier",
];

const JOB_TITLES: [&str; 12] = [
    "Développeuse",
    "Administrateur systèmes",
    "Cheffe de projet",
    "Architecte logiciel",
    "Ingénieure réseau",
    "Responsable sécurité",
    "Data scientist",
    "Chargé de communication",
    "Designer",
    "Enseignante-chercheuse",
    "Product owner",
    "Consultant",
];

const ORGANISATION_PREFIXES: [&str; 10] = [
    "Atelier",
    "Breizh",
    "Coopérative",
    "Groupe",
    "Institut",
    "Laboratoire",
    "Réseau",
    "Société",
    "Studio",
    "Collectif",
];

const ORGANISATION_WORDS: [&str; 12] = [
    "Numérique",
    "Logiciel",
    "Données",
    "Réseaux",
    "Océan",
    "Armor",
    "Sécurité",
    "Cloud",
    "Libre",
    "Territoires",
    "Énergie",
    "Santé",
];

const TOPICS: [&str; 16] = [
    "Infra & Services",
    "Cybersécurité",
    "InnerSource",
    "Data & IA",
    "Cloud souverain",
    "Accessibilité",
    "Logiciel libre",
    "DevOps",
    "Green IT",
    "Design de services",
    "Santé numérique",
    "Open data",
    "Agilité",
    "Réseaux & télécoms",
    "Éducation",
    "Juridique",
];

const FLAVOURS: [&str; 8] = [
    "Patterns",
    "Pratiques",
    "Outils",
    "Mentorat",
    "Veille",
    "Terrain",
    "Recherche",
    "Communs",
];

const CADENCES: [&str; 4] = [
    "chaque semaine",
    "toutes les deux semaines",
    "le premier jeudi du mois",
    "chaque trimestre",
];

/// When events start on their clock: mornings, afternoons and evenings.
const STARTS: [(i8, i8); 3] = [(9, 30), (14, 0), (18, 30)];

const CAPACITIES: [u32; 6] = [12, 20, 30, 50, 80, 150];

const CITIES: [&str; 8] = [
    "Rennes",
    "Brest",
    "Nantes",
    "Lorient",
    "Vannes",
    "Quimper",
    "Saint-Brieuc",
    "Paris",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> ScaleInput {
        ScaleInput {
            people: 1_000,
            organisations: 40,
            communities: 50,
            community_memberships: 3_000,
            join_requests: 400,
            dues_years: 5,
            sessions: 10,
            events: 400,
            event_registrations: 4_000,
        }
    }

    fn population(input: ScaleInput) -> Population {
        let scale = Scale::parse(input).expect("a valid scale");
        Population::new(
            scale,
            42,
            Date::from_ymd(2026, 12, 2).expect("a date"),
            Timestamp(1_796_000_000),
        )
    }

    #[test]
    fn scales_that_do_not_fit_name_their_field() {
        fn check(change: fn(&mut ScaleInput), field: &str) {
            let mut input = small();
            change(&mut input);
            assert_eq!(Scale::parse(input).map(|_| ()).unwrap_err().field, field);
        }
        check(|s| s.people = 5, "people");
        check(|s| s.organisations = 0, "organisations");
        check(|s| s.organisations = 401, "organisations");
        check(|s| s.community_memberships = 100, "community-memberships");
        check(
            |s| s.community_memberships = 100_000,
            "community-memberships",
        );
        check(|s| s.join_requests = 900_000, "join-requests");
        check(|s| s.dues_years = 0, "dues-years");
        check(|s| s.sessions = 2_000, "sessions");
        check(|s| s.events = 20_000_000, "events");
        check(|s| s.events = 0, "event-registrations");
        // Small working groups' events would need more registrants than
        // their members.
        check(|s| s.event_registrations = 200_000, "event-registrations");
    }

    #[test]
    fn sizes_add_up_and_fall_off() {
        let population = population(small());
        let sizes: Vec<u64> = (0..50).map(|c| population.community(c).members).collect();
        assert_eq!(sizes.iter().sum::<u64>(), 3_000);
        assert!(sizes.windows(2).all(|pair| pair[0] >= pair[1]));
        assert!(sizes.iter().all(|size| *size >= 3));
        assert_eq!(population.requests(), 400);
    }

    #[test]
    fn the_same_seed_gives_the_same_rows() {
        let a = population(small());
        let b = population(small());
        assert_eq!(a.person(7), b.person(7));
        assert_eq!(a.community(3), b.community(3));
        assert_eq!(a.request(123), b.request(123));
        assert_eq!(a.membership(45), b.membership(45));
        assert_ne!(a.person(7).email, a.person(8).email);
    }

    #[test]
    fn nobody_is_a_member_twice_nor_asks_to_join_their_own_community() {
        let population = population(small());
        for c in 0..50 {
            let community = population.community(c);
            let mut people: Vec<u64> = (0..community.members)
                .map(|k| population.member(c, k).person)
                .collect();
            people.sort_unstable();
            people.dedup();
            assert_eq!(people.len() as u64, community.members);
        }
        for r in 0..population.requests() {
            let request = population.request(r);
            let community = population.community(request.community);
            assert!(community.fields.access.asks(), "request {r}");
            let member = (0..community.members)
                .any(|k| population.member(request.community, k).person == request.person);
            assert!(!member, "request {r} comes from a member");
        }
    }

    #[test]
    fn the_bureau_has_a_current_term_and_a_past_one() {
        let population = population(small());
        let bodies = population.bodies();
        let today = population.today();
        let bureau = &bodies[0];
        assert_eq!(bureau.kind, BodyKind::Bureau);
        let current = |m: &&GeneratedMandate| {
            m.starts_on <= today && m.ends_on.is_none_or(|ends| today <= ends)
        };
        assert_eq!(bureau.mandates.iter().filter(current).count(), 4);
        assert_eq!(bureau.mandates.len(), 8);
        assert!(bodies.iter().all(|body| {
            body.mandates
                .iter()
                .all(|m| m.person < population.scale().people)
        }));
    }

    #[test]
    fn the_roll_is_the_representatives_and_individuals_in_good_standing() {
        let population = population(small());
        let on_roll: Vec<u64> = (0..population.scale().people)
            .filter(|i| population.on_roll(*i))
            .collect();
        assert!(!on_roll.is_empty());
        for i in 0..population.scale().people {
            let person = population.person(i);
            if population.on_roll(i) {
                // Only representatives and individual members are.
                assert!(person.representative || person.employer.is_none(), "{i}");
            }
        }
        let unpaid = (0..population.scale().people)
            .filter(|i| population.membership_of(*i).is_some() && !population.on_roll(*i))
            .count();
        assert!(unpaid > 0, "some members are not in good standing");
    }

    #[test]
    fn organisations_have_their_representative_and_memberships_their_dues() {
        let population = population(small());
        for o in 0..40 {
            let representative = population.person(o);
            assert_eq!(representative.employer, Some(o));
            assert!(representative.representative);
        }
        assert_eq!(population.memberships(), 40 + 300);
        let individual = population.membership(40);
        assert_eq!(individual.holder, Holder::Person(400));
        assert!(!individual.periods.is_empty());
        let unpaid = (0..population.memberships())
            .map(|m| population.membership(m))
            .filter(|m| m.status == MembershipStatus::Active)
            .filter(|m| m.periods.last().is_some_and(|p| p.payment.is_none()))
            .count();
        assert!(unpaid > 0, "some members owe this year's dues");
    }

    #[test]
    fn events_belong_to_communities_or_the_association_around_today() {
        let population = population(small());
        let now = Timestamp(1_796_000_000);
        let events: Vec<GeneratedEvent> = (0..400).map(|e| population.event(e)).collect();
        let count =
            |keep: &dyn Fn(&GeneratedEvent) -> bool| events.iter().filter(|e| keep(e)).count();
        let association = count(&|e| e.community.is_none());
        assert!(
            (5..=40).contains(&association),
            "{association} of the association's"
        );
        let recurring = count(&|e| e.recurrence.is_some());
        assert!((20..=60).contains(&recurring), "{recurring} series");
        let limited = count(&|e| e.fields.registration.capacity.is_some());
        assert!((150..=250).contains(&limited), "{limited} with a capacity");
        assert!(count(&|e| e.fields.starts_at < now) > 100, "past events");
        assert!(count(&|e| e.fields.starts_at > now) > 100, "coming events");
        for audience in Audience::ALL {
            assert!(
                count(&|e| e.fields.audience == audience) > 0,
                "{audience:?}"
            );
        }
        for (e, event) in events.iter().enumerate() {
            let fields = &event.fields;
            assert_eq!(fields.format, EventFormat::ALL[e % 8]);
            assert_eq!(fields.ends_at.0 - fields.starts_at.0, 2 * 3600);
            assert!((fields.starts_at.0 - now.0).abs() <= 913 * DAY, "event {e}");
            assert_eq!(fields.zone.as_str(), "Europe/Paris");
            assert!(event.created_at <= now && event.created_at < fields.starts_at);
            let clock = fields.zone.clock(fields.starts_at);
            assert!(
                ["09:30", "14:00", "18:30"]
                    .iter()
                    .any(|t| clock.starts_with(t)),
                "{clock}"
            );
            match event.recurrence {
                Some(rule) => {
                    assert_eq!(rule, "FREQ=WEEKLY;COUNT=260");
                    assert_eq!(event.series_ends_at.0, fields.ends_at.0 + 259 * WEEK);
                }
                None => assert_eq!(event.series_ends_at, fields.ends_at),
            }
            match event.community {
                Some(c) => assert_eq!(event.organiser, Some(population.member(c, 0).person)),
                None => {
                    assert_eq!(event.organiser, None, "the administrator organises");
                    assert_ne!(fields.audience, Audience::Community);
                }
            }
        }
        assert_eq!(population.event(7), population.event(7));
    }

    #[test]
    fn registrants_are_unique_and_waitlisted_only_beyond_the_capacity() {
        let population = population(small());
        let members: Vec<std::collections::HashSet<u64>> = (0..50)
            .map(|c| {
                (0..population.community_size(c))
                    .map(|k| population.member(c, k).person)
                    .collect()
            })
            .collect();
        assert_eq!(
            (0..400)
                .map(|e| population.registrations_for(e))
                .sum::<u64>(),
            4_000
        );
        let mut seen = std::collections::HashSet::new();
        let mut arrived = std::collections::HashMap::new();
        let mut waitlisted = 0;
        for r in 0..4_000 {
            let registration = population.event_registration(r);
            let event = population.event(registration.event);
            assert!(
                seen.insert((
                    registration.event,
                    registration.occurrence,
                    registration.person
                )),
                "registration {r} twice"
            );
            assert!(registration.person < 1_000);
            if let Some(c) = event.community {
                assert!(
                    members[c as usize].contains(&registration.person),
                    "registration {r}"
                );
            }
            let start = event.fields.starts_at.0;
            match event.recurrence {
                None => assert_eq!(registration.occurrence, 0),
                Some(_) => {
                    let weeks = registration.occurrence - start;
                    assert_eq!(weeks % WEEK, 0);
                    assert!((0..260).contains(&(weeks / WEEK)), "registration {r}");
                }
            }
            let before: &mut u32 = arrived
                .entry((registration.event, registration.occurrence))
                .or_default();
            let fits = event
                .fields
                .registration
                .capacity
                .is_none_or(|capacity| *before < capacity);
            let expected = if fits {
                RegistrationState::Confirmed
            } else {
                waitlisted += 1;
                RegistrationState::Waitlisted
            };
            assert_eq!(registration.state, expected, "registration {r}");
            assert!(registration.created_at >= event.created_at);
            *before += 1;
        }
        assert!(waitlisted > 0, "some events are full");
    }

    #[test]
    fn names_become_slugs_and_addresses() {
        fn check(input: &str, expected: &str) {
            assert_eq!(ascii(input), expected);
        }
        check("Infra & Services 12", "infra-services-12");
        check("Énergie Numérique 3", "energie-numerique-3");
        check("Le Goff", "le-goff");
        check("Quéré", "quere");
    }
}
