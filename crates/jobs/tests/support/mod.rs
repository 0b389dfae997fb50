//! What the worker tests share: a SQLite store in a temporary folder, emails
//! read back from an outbox or from an SMTP sink, and a mailer that always
//! fails.

mod mime;

use std::io::{BufRead as _, BufReader, Write as _};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use cercle_core::communities::webhook::PrivateNetworks;
use cercle_core::kernel::email::EmailAddress;
use cercle_core::kernel::job::NewJob;
use cercle_core::kernel::mail::{MailError, Mailer, OutgoingEmail};
use cercle_core::kernel::time::Timestamp;
use cercle_core::store::Store;
use cercle_jobs::{MailTransport, Worker, WorkerHandle, WorkerSettings, build_mailer};
use cercle_store::{DatabaseUrl, OpenOptions, Synchronous};
use mail_parser::MimeHeaders as _;

/// The sender every test mailer uses.
pub const FROM: &str = "Asso <noreply@example.org>";
/// The domain given to every worker, which its Message-IDs must end with.
pub const DOMAIN: &str = "cercle.example.org";

/// A real SQLite store in a folder that disappears with the fixture.
pub struct Fixture {
    pub store: Arc<dyn Store>,
    dir: tempfile::TempDir,
}

impl Fixture {
    pub async fn new() -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let store = cercle_store::open(&OpenOptions {
            url: DatabaseUrl::Sqlite(dir.path().join("cercle.db")),
            sqlite_synchronous: Synchronous::Normal,
            pool_size: 2,
        })
        .await
        .expect("the store opens");
        Self { store, dir }
    }

    /// A folder of this fixture for an outbox; created by the mailer.
    pub fn outbox(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// A worker writing to the outbox folder `name`.
    pub fn outbox_worker(&self, name: &str) -> Worker {
        let mailer = build_mailer(&MailTransport::Outbox(self.outbox(name)), FROM)
            .expect("the outbox mailer builds");
        self.worker(mailer)
    }

    pub fn worker(&self, mailer: Arc<dyn Mailer>) -> Worker {
        self.worker_with(mailer, PrivateNetworks::Refused)
    }

    /// A worker whose webhooks may or may not reach private networks.
    pub fn worker_with(
        &self,
        mailer: Arc<dyn Mailer>,
        private_networks: PrivateNetworks,
    ) -> Worker {
        let settings = WorkerSettings {
            base_url: DOMAIN.to_owned(),
            private_networks,
            arrival_batch: cercle_core::communities::arrival::BATCH,
        };
        Worker::new(
            Arc::clone(&self.store),
            mailer,
            &settings,
            &WorkerHandle::default(),
        )
    }

    pub async fn enqueue(&self, key: &str, email: &OutgoingEmail) {
        self.store
            .enqueue(&NewJob::new(
                key.to_owned(),
                email.clone(),
                Timestamp::now(),
            ))
            .await
            .expect("the job is enqueued");
    }

    pub async fn pending(&self) -> i64 {
        self.store.pending_jobs().await.expect("the store answers")
    }
}

pub fn email(to: &str, subject: &str, text: &str) -> OutgoingEmail {
    OutgoingEmail {
        to: EmailAddress::parse(to).expect("a valid address"),
        subject: subject.to_owned(),
        text: text.to_owned(),
        list_unsubscribe: None,
        calendar: None,
    }
}

/// An email as a recipient reads it, through a MIME parser.
#[derive(Debug, Clone)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub message_id: String,
    /// The text's `Content-Transfer-Encoding`.
    pub transfer_encoding: String,
    /// The message as transmitted, still encoded.
    pub raw: String,
    /// The text decoded, with `\n` line ends.
    pub text: String,
    /// `List-Unsubscribe` and `List-Unsubscribe-Post`, on emails to a list.
    pub list_unsubscribe: Option<String>,
    pub list_unsubscribe_post: Option<String>,
    /// The `text/calendar` part as `(method, text)`, when there is one.
    pub calendar: Option<(String, String)>,
}

impl Email {
    pub fn parse(raw: &str) -> Self {
        let message = mail_parser::MessageParser::default()
            .parse(raw.as_bytes())
            .expect("a MIME message");
        let optional = |name: &str| mime::header(&message, name);
        let header =
            |name: &str| optional(name).unwrap_or_else(|| panic!("no {name} header in\n{raw}"));
        let text_part = message.text_part(0).expect("a text part");
        Self {
            to: header("To"),
            subject: message.subject().expect("a subject").to_owned(),
            message_id: header("Message-ID"),
            transfer_encoding: text_part
                .content_transfer_encoding()
                .expect("a transfer encoding")
                .to_owned(),
            raw: raw.to_owned(),
            text: message
                .body_text(0)
                .expect("a text body")
                .replace("\r\n", "\n"),
            list_unsubscribe: optional("List-Unsubscribe"),
            list_unsubscribe_post: optional("List-Unsubscribe-Post"),
            calendar: mime::calendar_part(&message),
        }
    }
}

/// Every `.eml` file in `dir`, parsed; an outbox never created is empty.
pub fn read_outbox(dir: &Path) -> Vec<Email> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .map(|entry| entry.expect("a readable outbox").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "eml"))
        .map(|path| Email::parse(&std::fs::read_to_string(&path).expect("a readable email")))
        .collect()
}

/// A mailer that refuses every email and counts how often it was asked.
#[derive(Default)]
pub struct FailingMailer {
    attempts: AtomicUsize,
}

impl FailingMailer {
    pub fn attempts(&self) -> usize {
        self.attempts.load(Ordering::SeqCst)
    }
}

#[async_trait]
impl Mailer for FailingMailer {
    async fn send(&self, _email: &OutgoingEmail, _message_id: &str) -> Result<(), MailError> {
        self.attempts.fetch_add(1, Ordering::SeqCst);
        Err(MailError("the test mailer refuses every email".to_owned()))
    }
}

/// One message an SMTP client handed over.
#[derive(Debug, Clone, Default)]
pub struct Delivery {
    pub mail_from: String,
    pub rcpt_to: Vec<String>,
    /// The message as sent after DATA, dot-stuffing undone.
    pub data: String,
}

/// A minimal SMTP server on a loopback port that accepts every message.
///
/// It runs on plain threads rather than on the test's runtime, so that a
/// blocked read in the server can never stall the client it is talking to;
/// the threads end with the test process.
pub struct SmtpSink {
    pub port: u16,
    deliveries: Arc<Mutex<Vec<Delivery>>>,
}

impl SmtpSink {
    pub fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        let port = listener.local_addr().expect("a bound address").port();
        let deliveries = Arc::new(Mutex::new(Vec::new()));
        let shared = Arc::clone(&deliveries);
        std::thread::spawn(move || {
            for stream in listener.incoming().map_while(Result::ok) {
                let shared = Arc::clone(&shared);
                std::thread::spawn(move || serve_session(stream, &shared));
            }
        });
        Self { port, deliveries }
    }

    pub fn deliveries(&self) -> Vec<Delivery> {
        self.deliveries.lock().expect("no test panicked").clone()
    }
}

/// Answers one SMTP session. A delivery is recorded before its `250` is
/// sent, so once the client's `send` returns the sink has the message.
fn serve_session(stream: TcpStream, deliveries: &Mutex<Vec<Delivery>>) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = stream;
    writer.write_all(b"220 sink.test ESMTP ready\r\n")?;
    let mut envelope = Delivery::default();
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let command = line.trim_end();
        let verb = command
            .split([' ', ':'])
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase();
        let reply: &[u8] = match verb.as_str() {
            "EHLO" => b"250-sink.test greets you\r\n250 HELP\r\n",
            "HELO" => b"250 sink.test\r\n",
            "MAIL" => {
                envelope.mail_from = angle_address(command);
                b"250 ok\r\n"
            }
            "RCPT" => {
                envelope.rcpt_to.push(angle_address(command));
                b"250 ok\r\n"
            }
            "DATA" => {
                writer.write_all(b"354 end with <CRLF>.<CRLF>\r\n")?;
                envelope.data = read_data(&mut reader)?;
                deliveries
                    .lock()
                    .expect("no test panicked")
                    .push(std::mem::take(&mut envelope));
                b"250 queued\r\n"
            }
            "RSET" => {
                envelope = Delivery::default();
                b"250 ok\r\n"
            }
            "NOOP" => b"250 ok\r\n",
            "QUIT" => {
                writer.write_all(b"221 bye\r\n")?;
                return Ok(());
            }
            _ => b"502 not implemented\r\n",
        };
        writer.write_all(reply)?;
    }
}

/// The lines after DATA up to the lone `.`, with the leading dot that the
/// client doubled on lines starting with one removed.
fn read_data(reader: &mut impl std::io::BufRead) -> std::io::Result<String> {
    let mut data = String::new();
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        if line == ".\r\n" {
            return Ok(data);
        }
        data.push_str(line.strip_prefix('.').unwrap_or(&line));
    }
}

/// The address in `MAIL FROM:<a@b> …` or `RCPT TO:<a@b>`.
fn angle_address(command: &str) -> String {
    let start = command.find('<').map_or(0, |i| i + 1);
    let end = command[start..]
        .find('>')
        .map_or(command.len(), |i| start + i);
    command[start..end].to_owned()
}
