//! The emails Cercle sends, composed in the recipient's language, and the
//! [`Mailer`] that delivers them.
//!
//! Emails are never sent from a request: the store enqueues them as jobs in
//! the transaction that causes them, and the `jobs` crate delivers them.

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use crate::kernel::association::Language;
use crate::kernel::email::EmailAddress;
use crate::kernel::i18n::text_with;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutgoingEmail {
    pub to: EmailAddress,
    pub subject: String,
    pub text: String,
    /// The one-click unsubscribe address of an email sent to a mailing list:
    /// the mailers write it as `List-Unsubscribe`, with
    /// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058), so
    /// that mail clients offer their own unsubscribe button. Absent from
    /// the payloads of every other email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list_unsubscribe: Option<String>,
    /// A calendar object the mail client may act on (iMIP, RFC 6047): the
    /// mailers send it beside the text as `text/calendar` with its method.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<CalendarPart>,
}

/// An iCalendar object for an email, whose `METHOD` says what to do with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarPart {
    pub method: CalendarMethod,
    /// The whole `VCALENDAR`, its `METHOD` property included.
    pub text: String,
}

/// The iTIP methods (RFC 5546) Cercle sends: it announces and cancels,
/// and never asks for an answer by email, since people answer in Cercle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CalendarMethod {
    Publish,
    Cancel,
}

impl CalendarMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Publish => "PUBLISH",
            Self::Cancel => "CANCEL",
        }
    }
}

/// An email is sent by the worker as a job of its own.
impl crate::kernel::job::JobKind for OutgoingEmail {
    const KIND: &'static str = "send_email";
}

/// Delivers an email. Implementations: SMTP, and an outbox folder of `.eml`
/// files when no SMTP server is configured.
#[async_trait]
pub trait Mailer: Send + Sync {
    /// `message_id` is stable for one job, so a retried delivery carries the
    /// same Message-ID and the receiving side can drop the duplicate.
    async fn send(&self, email: &OutgoingEmail, message_id: &str) -> Result<(), MailError>;
}

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct MailError(pub String);

/// What every email names: where it comes from.
#[derive(Debug, Clone, Copy)]
pub struct Sender<'a> {
    pub association: &'a str,
    pub language: Language,
}

/// What an invitation to join a community says.
#[derive(Debug, Clone, Copy)]
pub struct InvitationEmail<'a> {
    pub community: &'a str,
    pub inviter: &'a str,
    pub link: &'a str,
    /// The last day the link works, written for the reader.
    pub expires: &'a str,
}

impl Sender<'_> {
    /// The email `key` names: its subject is `{key}-subject` and its body
    /// `{key}-body`, both given the association's name and `args`.
    pub(crate) fn compose(
        &self,
        to: &EmailAddress,
        key: &str,
        args: &[(&'static str, &str)],
    ) -> OutgoingEmail {
        let mut all_args = vec![("association", self.association)];
        all_args.extend_from_slice(args);
        OutgoingEmail {
            to: to.clone(),
            subject: text_with(self.language, &format!("{key}-subject"), &all_args),
            text: text_with(self.language, &format!("{key}-body"), &all_args),
            list_unsubscribe: None,
            calendar: None,
        }
    }

    pub fn confirm_email(&self, to: &EmailAddress, link: &str) -> OutgoingEmail {
        self.compose(to, "email-confirm", &[("link", link)])
    }

    /// Sent instead of a confirmation when someone signs up with an address
    /// that already has an account, so the sign-up page reveals nothing.
    pub fn already_registered(&self, to: &EmailAddress, login: &str, reset: &str) -> OutgoingEmail {
        self.compose(
            to,
            "email-already-registered",
            &[("login", login), ("reset", reset)],
        )
    }

    pub fn reset_password(&self, to: &EmailAddress, link: &str) -> OutgoingEmail {
        self.compose(to, "email-reset", &[("link", link)])
    }

    pub fn application_accepted(
        &self,
        to: &EmailAddress,
        reason: &str,
        account: &str,
    ) -> OutgoingEmail {
        self.compose(
            to,
            "email-application-accepted",
            &[("reason", reason), ("account", account)],
        )
    }

    pub fn application_refused(&self, to: &EmailAddress, reason: &str) -> OutgoingEmail {
        self.compose(to, "email-application-refused", &[("reason", reason)])
    }

    pub fn renewal_reminder(
        &self,
        to: &EmailAddress,
        holder: &str,
        ends: &str,
        link: &str,
    ) -> OutgoingEmail {
        self.compose(
            to,
            "email-renewal",
            &[("holder", holder), ("date", ends), ("link", link)],
        )
    }

    pub fn membership_ended(
        &self,
        to: &EmailAddress,
        holder: &str,
        ended: &str,
        link: &str,
    ) -> OutgoingEmail {
        self.compose(
            to,
            "email-ended",
            &[("holder", holder), ("date", ended), ("link", link)],
        )
    }

    pub fn inactivity_notice(
        &self,
        to: &EmailAddress,
        last: &str,
        lapse_on: &str,
    ) -> OutgoingEmail {
        self.compose(to, "email-inactive", &[("last", last), ("lapse", lapse_on)])
    }

    pub fn inactivity_lapsed(&self, to: &EmailAddress, last: &str) -> OutgoingEmail {
        self.compose(to, "email-inactive-lapsed", &[("last", last)])
    }

    pub fn arrival(
        &self,
        to: &EmailAddress,
        newcomer: &str,
        community: &str,
        link: &str,
    ) -> OutgoingEmail {
        self.compose(
            to,
            "email-arrival",
            &[("name", newcomer), ("community", community), ("link", link)],
        )
    }

    /// Several newcomers at once, `names` already listed in words.
    pub fn arrivals(
        &self,
        to: &EmailAddress,
        names: &str,
        community: &str,
        link: &str,
    ) -> OutgoingEmail {
        self.compose(
            to,
            "email-arrivals",
            &[("names", names), ("community", community), ("link", link)],
        )
    }

    pub fn join_request_waiting(
        &self,
        to: &EmailAddress,
        requester: &str,
        community: &str,
        link: &str,
    ) -> OutgoingEmail {
        self.compose(
            to,
            "email-join-request",
            &[
                ("name", requester),
                ("community", community),
                ("link", link),
            ],
        )
    }

    pub fn departure(&self, to: &EmailAddress, person: &str, community: &str) -> OutgoingEmail {
        self.compose(
            to,
            "email-departure",
            &[("name", person), ("community", community)],
        )
    }

    pub fn join_accepted(
        &self,
        to: &EmailAddress,
        community: &str,
        message: &str,
        link: &str,
    ) -> OutgoingEmail {
        self.compose(
            to,
            "email-join-accepted",
            &[
                ("community", community),
                ("message", message),
                ("link", link),
            ],
        )
    }

    pub fn join_refused(&self, to: &EmailAddress, community: &str, reason: &str) -> OutgoingEmail {
        self.compose(
            to,
            "email-join-refused",
            &[("community", community), ("reason", reason)],
        )
    }

    pub fn excluded(&self, to: &EmailAddress, community: &str, reason: &str) -> OutgoingEmail {
        self.compose(
            to,
            "email-excluded",
            &[("community", community), ("reason", reason)],
        )
    }

    pub fn invitation(&self, to: &EmailAddress, invitation: &InvitationEmail<'_>) -> OutgoingEmail {
        self.compose(
            to,
            "email-invitation",
            &[
                ("community", invitation.community),
                ("inviter", invitation.inviter),
                ("link", invitation.link),
                ("expires", invitation.expires),
            ],
        )
    }

    pub fn password_changed(&self, to: &EmailAddress, reset: &str) -> OutgoingEmail {
        self.compose(to, "email-password-changed", &[("reset", reset)])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composes_in_the_recipient_language() {
        let to = EmailAddress::parse("raoul@example.org").unwrap();
        let french = Sender {
            association: "ADN Ouest",
            language: Language::Fr,
        };
        let english = Sender {
            association: "ADN Ouest",
            language: Language::En,
        };
        let link = "https://cercle.example/confirm/abc";
        let fr = french.confirm_email(&to, link);
        let en = english.confirm_email(&to, link);
        assert_eq!(fr.subject, "Confirmez votre adresse pour ADN Ouest");
        assert_eq!(en.subject, "Confirm your address for ADN Ouest");
        assert!(fr.text.contains(link) && en.text.contains(link));
        assert_eq!(fr.to, to);
    }
}
