//! Email delivery: SMTP through lettre, or `.eml` files in an outbox folder.

use std::path::PathBuf;
use std::sync::Arc;

use async_trait::async_trait;
use cercle_core::kernel::mail::{MailError, Mailer, OutgoingEmail};
use lettre::message::header::{
    ContentDisposition, ContentTransferEncoding, ContentType, HeaderName, HeaderValue,
};
use lettre::message::{Body, Mailbox, Message, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

/// Where emails go.
#[derive(Debug, Clone)]
pub enum MailTransport {
    /// No SMTP server configured: each message becomes a file in this folder.
    Outbox(PathBuf),
    Smtp(SmtpSettings),
}

#[derive(Clone)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    pub username: Option<String>,
    pub password: Option<String>,
}

impl std::fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "…"))
            .finish()
    }
}

/// How the SMTP connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpSecurity {
    /// TLS from the first byte (port 465).
    Tls,
    /// Plain connection upgraded with STARTTLS, which must succeed (port 587).
    StartTls,
    /// No encryption: only for a relay on the same machine or a test sink.
    None,
}

#[derive(Debug, thiserror::Error)]
pub enum MailerSetupError {
    #[error("invalid sender address {0:?}: {1}")]
    Sender(String, String),
    #[error("cannot set up SMTP for {0}: {1}")]
    Smtp(String, String),
    #[error("cannot create the outbox folder {0}: {1}")]
    Outbox(PathBuf, std::io::Error),
}

/// The mailer for `transport`, sending as `from` (`Name <address>` or an address).
pub fn build_mailer(
    transport: &MailTransport,
    from: &str,
) -> Result<Arc<dyn Mailer>, MailerSetupError> {
    let from: Mailbox = from
        .parse()
        .map_err(|error: lettre::address::AddressError| {
            MailerSetupError::Sender(from.to_owned(), error.to_string())
        })?;
    match transport {
        MailTransport::Outbox(dir) => {
            std::fs::create_dir_all(dir)
                .map_err(|error| MailerSetupError::Outbox(dir.clone(), error))?;
            Ok(Arc::new(OutboxMailer {
                dir: dir.clone(),
                from,
            }))
        }
        MailTransport::Smtp(settings) => Ok(Arc::new(SmtpMailer::new(settings, from)?)),
    }
}

/// Writes each message as an `.eml` file named after its Message-ID, so a
/// retried job rewrites its file instead of adding a second one.
struct OutboxMailer {
    dir: PathBuf,
    from: Mailbox,
}

#[async_trait]
impl Mailer for OutboxMailer {
    async fn send(&self, email: &OutgoingEmail, message_id: &str) -> Result<(), MailError> {
        let message = build_message(&self.from, email, message_id)?;
        let stem: String = message_id
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        let path = self.dir.join(format!("{stem}.eml"));
        let partial = self.dir.join(format!("{stem}.eml.partial"));
        // Written aside then renamed, so a reader never sees half a message.
        tokio::fs::write(&partial, message.formatted())
            .await
            .map_err(|error| MailError(format!("cannot write {}: {error}", partial.display())))?;
        tokio::fs::rename(&partial, &path)
            .await
            .map_err(|error| MailError(format!("cannot write {}: {error}", path.display())))?;
        tracing::info!(path = %path.display(), to = %email.to, "email written to the outbox");
        Ok(())
    }
}

struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl SmtpMailer {
    fn new(settings: &SmtpSettings, from: Mailbox) -> Result<Self, MailerSetupError> {
        let smtp_error = |error: lettre::transport::smtp::Error| {
            MailerSetupError::Smtp(settings.host.clone(), error.to_string())
        };
        let tls = match settings.security {
            SmtpSecurity::None => Tls::None,
            SmtpSecurity::Tls => {
                Tls::Wrapper(TlsParameters::new(settings.host.clone()).map_err(smtp_error)?)
            }
            SmtpSecurity::StartTls => {
                Tls::Required(TlsParameters::new(settings.host.clone()).map_err(smtp_error)?)
            }
        };
        let mut builder =
            AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(settings.host.clone())
                .port(settings.port)
                .tls(tls);
        if let (Some(username), Some(password)) = (&settings.username, &settings.password) {
            builder = builder.credentials(Credentials::new(username.clone(), password.clone()));
        }
        Ok(Self {
            transport: builder.build(),
            from,
        })
    }
}

#[async_trait]
impl Mailer for SmtpMailer {
    async fn send(&self, email: &OutgoingEmail, message_id: &str) -> Result<(), MailError> {
        let message = build_message(&self.from, email, message_id)?;
        self.transport
            .send(message)
            .await
            .map_err(|error| MailError(format!("SMTP delivery to {} failed: {error}", email.to)))?;
        tracing::info!(to = %email.to, "email sent over SMTP");
        Ok(())
    }
}

fn build_message(
    from: &Mailbox,
    email: &OutgoingEmail,
    message_id: &str,
) -> Result<Message, MailError> {
    let to: Mailbox = email
        .to
        .as_str()
        .parse()
        .map_err(|error| MailError(format!("invalid recipient {}: {error}", email.to)))?;
    let body =
        Body::new_with_encoding(email.text.clone(), ContentTransferEncoding::QuotedPrintable)
            .map_err(|_| MailError("the body cannot be encoded".to_owned()))?;
    let mut builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(email.subject.clone())
        .message_id(Some(message_id.to_owned()));
    if let Some(address) = &email.list_unsubscribe {
        // RFC 8058: the address answers a POST of `List-Unsubscribe=One-Click`
        // by unsubscribing at once, so mail clients may offer the button.
        builder = builder
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe"),
                format!("<{address}>"),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".to_owned(),
            ));
    }
    let built = match &email.calendar {
        None => builder.header(ContentType::TEXT_PLAIN).body(body),
        // iMIP (RFC 6047): the calendar object goes beside the text, its
        // method in the content type, so that mail clients offer to add the
        // event to a calendar, or remove it.
        Some(calendar) => {
            let content_type = ContentType::parse(&format!(
                "text/calendar; charset=utf-8; method={}",
                calendar.method.as_str()
            ))
            .map_err(|error| MailError(format!("cannot type the calendar: {error}")))?;
            let text = SinglePart::builder()
                .header(ContentType::TEXT_PLAIN)
                .body(body);
            let ics = Body::new_with_encoding(
                calendar.text.clone(),
                ContentTransferEncoding::QuotedPrintable,
            )
            .map_err(|_| MailError("the calendar cannot be encoded".to_owned()))?;
            let invitation = SinglePart::builder()
                .header(content_type)
                .header(ContentDisposition::attachment("invitation.ics"))
                .body(ics);
            builder.multipart(MultiPart::mixed().singlepart(text).singlepart(invitation))
        }
    };
    built.map_err(|error| MailError(format!("cannot build the message: {error}")))
}
