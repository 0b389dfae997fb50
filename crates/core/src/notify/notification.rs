//! In-app notifications, the emails people also want for each kind, and the
//! one planner every flow uses to tell people what happened.
//!
//! A flow says what happened ([`Happening`]) and to whom; [`plan`] writes a
//! notification for each recipient in their language and, unless they turned
//! that kind off, the email too. The flow hands both to the store with the
//! change, which writes them in the same transaction or not at all.

use std::collections::BTreeSet;

use crate::accounts::account::AccountId;
use crate::kernel::association::Language;
use crate::kernel::email::EmailAddress;
use crate::kernel::flow::Context;
use crate::kernel::i18n::text_with;
use crate::kernel::job::NewJob;
use crate::kernel::mail::{CalendarPart, OutgoingEmail, Sender};
use crate::kernel::store::StoreError;
use crate::kernel::time::Timestamp;
use crate::kernel::validation::ValidationError;
use crate::notify::store::Storage;

/// What a notification is about; each kind has its own email preference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NotificationKind {
    /// Someone joined a community one belongs to.
    CommunityArrival,
    /// Someone left a community one leads.
    CommunityDeparture,
    /// One's request to join a community was accepted or refused.
    JoinRequestDecided,
    /// Someone asks to join a community whose requests one reviews.
    JoinRequestWaiting,
    /// One was excluded from a community.
    ExcludedFromCommunity,
    /// One's registration for an event was confirmed, waitlisted, promoted,
    /// refused or cancelled, or the event itself was.
    EventRegistration,
    /// Someone asks to attend an event one organises, which needs approval.
    EventRegistrationWaiting,
}

impl NotificationKind {
    pub const ALL: [Self; 7] = [
        Self::CommunityArrival,
        Self::CommunityDeparture,
        Self::JoinRequestDecided,
        Self::JoinRequestWaiting,
        Self::ExcludedFromCommunity,
        Self::EventRegistration,
        Self::EventRegistrationWaiting,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::CommunityArrival => "community_arrival",
            Self::CommunityDeparture => "community_departure",
            Self::JoinRequestDecided => "join_request_decided",
            Self::JoinRequestWaiting => "join_request_waiting",
            Self::ExcludedFromCommunity => "excluded_from_community",
            Self::EventRegistration => "event_registration",
            Self::EventRegistrationWaiting => "event_registration_waiting",
        }
    }

    /// Refused under the field `email`, the name of the preference checkboxes.
    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        Self::ALL
            .into_iter()
            .find(|kind| kind.as_str() == input.trim())
            .ok_or(ValidationError::new("email", "error-notification-kind"))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NotificationId(pub i64);

/// A notification as its recipient reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    pub id: NotificationId,
    pub account: AccountId,
    pub kind: NotificationKind,
    /// Written in the recipient's language of the moment it was sent.
    pub text: String,
    /// A path on the instance, such as `/c/infra`.
    pub link: String,
    pub created_at: Timestamp,
    pub read_at: Option<Timestamp>,
}

/// A notification about to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNotification {
    pub account: AccountId,
    pub kind: NotificationKind,
    pub text: String,
    pub link: String,
    pub created_at: Timestamp,
}

/// What telling people about one change writes in that change's
/// transaction: the in-app notifications, and the jobs (emails, a post to
/// the community's webhook).
#[derive(Debug, Clone, Default)]
pub struct Notices {
    pub notifications: Vec<NewNotification>,
    pub jobs: Vec<NewJob>,
}

/// The kinds a person also wants by email: every kind, until they turn it
/// off.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EmailPreferences {
    off: BTreeSet<NotificationKind>,
}

impl EmailPreferences {
    pub fn with_off(kinds: impl IntoIterator<Item = NotificationKind>) -> Self {
        Self {
            off: kinds.into_iter().collect(),
        }
    }

    pub fn email(&self, kind: NotificationKind) -> bool {
        !self.off.contains(&kind)
    }
}

/// What happened, with what the sentences about it name besides the
/// community.
#[derive(Debug, Clone, Copy)]
pub enum Event<'a> {
    Arrival {
        newcomer: &'a str,
    },
    /// Several newcomers told together: the first names, and how many more.
    Arrivals {
        names: &'a [String],
        others: u64,
    },
    Departure {
        person: &'a str,
    },
    Accepted {
        message: &'a str,
    },
    Refused {
        reason: &'a str,
    },
    RequestWaiting {
        requester: &'a str,
    },
    Excluded {
        reason: &'a str,
    },
    /// What an area above tells in its own words: the notification is the
    /// message `key`, the email `email-{key}`, each given the subject's name
    /// (the happening's `community`), `detail` and, for the email, the link.
    Told {
        kind: NotificationKind,
        key: &'static str,
        detail: &'a str,
        /// What the email carries for the reader's calendar, if anything.
        calendar: Option<&'a CalendarPart>,
    },
}

impl Event<'_> {
    pub fn kind(self) -> NotificationKind {
        match self {
            Self::Arrival { .. } | Self::Arrivals { .. } => NotificationKind::CommunityArrival,
            Self::Departure { .. } => NotificationKind::CommunityDeparture,
            Self::Accepted { .. } | Self::Refused { .. } => NotificationKind::JoinRequestDecided,
            Self::RequestWaiting { .. } => NotificationKind::JoinRequestWaiting,
            Self::Excluded { .. } => NotificationKind::ExcludedFromCommunity,
            Self::Told { kind, .. } => kind,
        }
    }

    /// The notification's sentence about `community`.
    fn sentence(self, language: Language, community: &str) -> String {
        let community = ("community", community);
        match self {
            Self::Arrival { newcomer } => text_with(
                language,
                "notification-arrival",
                &[("name", newcomer), community],
            ),
            Self::Arrivals { names, others } => text_with(
                language,
                "notification-arrivals",
                &[("names", &newcomers(language, names, others)), community],
            ),
            Self::Departure { person } => text_with(
                language,
                "notification-departure",
                &[("name", person), community],
            ),
            Self::Accepted { .. } => text_with(language, "notification-accepted", &[community]),
            Self::Refused { reason } => text_with(
                language,
                "notification-refused",
                &[("reason", reason), community],
            ),
            Self::RequestWaiting { requester } => text_with(
                language,
                "notification-request-waiting",
                &[("name", requester), community],
            ),
            Self::Excluded { reason } => text_with(
                language,
                "notification-excluded",
                &[("reason", reason), community],
            ),
            Self::Told { key, detail, .. } => {
                text_with(language, key, &[community, ("detail", detail)])
            }
        }
    }

    fn email(
        self,
        sender: &Sender<'_>,
        to: &EmailAddress,
        community: &str,
        link: &str,
    ) -> OutgoingEmail {
        match self {
            Self::Arrival { newcomer } => sender.arrival(to, newcomer, community, link),
            Self::Arrivals { names, others } => sender.arrivals(
                to,
                &newcomers(sender.language, names, others),
                community,
                link,
            ),
            Self::Departure { person } => sender.departure(to, person, community),
            Self::Accepted { message } => sender.join_accepted(to, community, message, link),
            Self::Refused { reason } => sender.join_refused(to, community, reason),
            Self::RequestWaiting { requester } => {
                sender.join_request_waiting(to, requester, community, link)
            }
            Self::Excluded { reason } => sender.excluded(to, community, reason),
            Self::Told {
                key,
                detail,
                calendar,
                ..
            } => OutgoingEmail {
                calendar: calendar.cloned(),
                ..sender.compose(
                    to,
                    &format!("email-{key}"),
                    &[("community", community), ("detail", detail), ("link", link)],
                )
            },
        }
    }
}

/// "Ada, Bob and Chloé", or "Ada, Bob, Chloé and 4 others": the names of
/// newcomers told together, in `language`.
fn newcomers(language: Language, names: &[String], others: u64) -> String {
    let others = others.to_string();
    match (names, others.as_str()) {
        ([first], "0") => first.clone(),
        ([first, second], "0") => text_with(
            language,
            "newcomers-two",
            &[("first", first), ("second", second)],
        ),
        ([first, second, third], "0") => text_with(
            language,
            "newcomers-three",
            &[("first", first), ("second", second), ("third", third)],
        ),
        _ => text_with(
            language,
            "newcomers-more",
            &[("names", &names.join(", ")), ("others", &others)],
        ),
    }
}

/// Something that happened in a community, and where to read about it.
#[derive(Debug, Clone)]
pub struct Happening<'a> {
    pub event: Event<'a>,
    /// The community's name.
    pub community: &'a str,
    /// Where the notification leads: a path on the instance.
    pub path: String,
    /// Names the event, such as `arrival:3:12`: an email's job key is
    /// `email:<key>:<recipient>`, so that telling one person twice is a no-op.
    pub key: String,
}

impl Happening<'_> {
    /// The notification's sentence in `language`, then the link: what a
    /// community's webhook posts.
    pub fn announcement(&self, language: Language, base_url: &str) -> String {
        format!(
            "{}\n{base_url}{}",
            self.event.sentence(language, self.community),
            self.path
        )
    }
}

/// Who tells: the association, the address links start with, and when.
#[derive(Debug, Clone, Copy)]
pub struct Teller<'a> {
    pub association: &'a str,
    pub base_url: &'a str,
    pub now: Timestamp,
}

impl<'a, S: ?Sized> From<&'a Context<'_, S>> for Teller<'a> {
    fn from(ctx: &'a Context<'_, S>) -> Self {
        Self {
            association: &ctx.association,
            base_url: ctx.base_url,
            now: ctx.now,
        }
    }
}

/// A person to tell, as the store reads them for planning: their address
/// and language, and whether they want this kind by email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub account: AccountId,
    pub address: EmailAddress,
    pub language: Language,
    pub email: bool,
}

/// The notification for each recipient, in their language, and the email
/// for those who want this kind by email.
pub fn plan(teller: Teller<'_>, happening: &Happening<'_>, recipients: &[Recipient]) -> Notices {
    let link = format!("{}{}", teller.base_url, happening.path);
    let mut notices = Notices::default();
    for recipient in recipients {
        notices.notifications.push(NewNotification {
            account: recipient.account,
            kind: happening.event.kind(),
            text: happening
                .event
                .sentence(recipient.language, happening.community),
            link: happening.path.clone(),
            created_at: teller.now,
        });
        if recipient.email {
            let sender = Sender {
                association: teller.association,
                language: recipient.language,
            };
            let email =
                happening
                    .event
                    .email(&sender, &recipient.address, happening.community, &link);
            notices.jobs.push(NewJob::new(
                format!("email:{}:{}", happening.key, recipient.account),
                email,
                teller.now,
            ));
        }
    }
    notices
}

/// [`plan`] for the accounts `recipients`, read with their preference for
/// this kind of event in one query; an account deleted meanwhile is not told.
pub async fn tell<S: ?Sized + Storage>(
    ctx: &Context<'_, S>,
    happening: &Happening<'_>,
    recipients: &[AccountId],
) -> Result<Notices, StoreError> {
    let recipients = ctx
        .store
        .recipients(happening.event.kind(), recipients)
        .await?;
    Ok(plan(Teller::from(ctx), happening, &recipients))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn recipient(id: i64, language: Language, email: bool) -> Recipient {
        Recipient {
            account: AccountId(id),
            address: EmailAddress::parse(&format!("p{id}@example.org")).unwrap(),
            language,
            email,
        }
    }

    #[test]
    fn tells_each_recipient_in_their_language_and_emails_those_who_want_it() {
        let happening = Happening {
            event: Event::Arrival {
                newcomer: "Ada Lovelace",
            },
            community: "Infra & Services",
            path: "/c/infra".to_owned(),
            key: "arrival:7:9".to_owned(),
        };
        let teller = Teller {
            association: "ADN Ouest",
            base_url: "https://cercle.example",
            now: Timestamp(42),
        };
        let notices = plan(
            teller,
            &happening,
            &[
                recipient(1, Language::Fr, true),
                recipient(2, Language::En, false),
            ],
        );

        let texts: Vec<&str> = notices
            .notifications
            .iter()
            .map(|n| n.text.as_str())
            .collect();
        assert_eq!(
            texts,
            [
                "Ada Lovelace a rejoint Infra & Services",
                "Ada Lovelace joined Infra & Services"
            ]
        );
        assert!(notices.notifications.iter().all(|n| n.link == "/c/infra"
            && n.kind == NotificationKind::CommunityArrival
            && n.created_at == Timestamp(42)));
        assert_eq!(
            notices.jobs.len(),
            1,
            "the English reader turned emails off"
        );
        assert_eq!(notices.jobs[0].key, "email:arrival:7:9:1");
        let Some(email) = notices.jobs[0].payload::<crate::kernel::mail::OutgoingEmail>() else {
            panic!("an email");
        };
        assert_eq!(email.to.as_str(), "p1@example.org");
        assert!(email.text.contains("https://cercle.example/c/infra"));
        assert_eq!(
            happening.announcement(Language::En, teller.base_url),
            "Ada Lovelace joined Infra & Services\nhttps://cercle.example/c/infra"
        );
    }

    fn check_kind(input: &str, expected: Option<NotificationKind>) {
        assert_eq!(NotificationKind::parse(input).ok(), expected, "{input}");
    }

    #[test]
    fn kinds_read_back_from_their_keywords() {
        for kind in NotificationKind::ALL {
            check_kind(kind.as_str(), Some(kind));
        }
        check_kind(
            " community_arrival ",
            Some(NotificationKind::CommunityArrival),
        );
        check_kind("everything", None);
        let preferences = EmailPreferences::with_off([NotificationKind::CommunityArrival]);
        assert!(!preferences.email(NotificationKind::CommunityArrival));
        assert!(preferences.email(NotificationKind::CommunityDeparture));
        assert!(EmailPreferences::default().email(NotificationKind::CommunityArrival));
    }
}
