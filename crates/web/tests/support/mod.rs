//! `TestApp`: a real server on a loopback port, over a real SQLite file (or
//! PostgreSQL when `CERCLE_TEST_BACKEND=postgres`), with emails written to an
//! outbox folder that tests read back.

#[path = "../../../jobs/tests/support/mime.rs"]
mod mime;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use cercle_core::accounts::flows::{self as accounts, SetupInput};
use cercle_core::communities::webhook::PrivateNetworks;
use cercle_core::kernel::mail::{MailError, Mailer, OutgoingEmail};
use cercle_core::kernel::time::Timestamp;
use cercle_core::store::Store;
use cercle_jobs::{MailTransport, Worker, WorkerHandle, WorkerSettings, build_mailer};
use cercle_store::{DatabaseUrl, OpenOptions, Synchronous};
use cercle_web::{AnonymousCaching, AppState, Quota, RateLimits, Settings};
use reqwest::redirect::Policy;

pub const PASSWORD: &str = "correct horse battery";
/// How many members one job tells of an arrival: small, so that the
/// arrivals of these tests run in several batches as large communities do.
pub const ARRIVAL_BATCH: std::num::NonZeroU32 = std::num::NonZeroU32::new(2).expect("not zero");

pub struct TestApp {
    pub address: SocketAddr,
    pub store: Arc<dyn Store>,
    worker: Worker,
    outbox: PathBuf,
    sent: SendingOrder,
    _dir: tempfile::TempDir,
    scratch: Option<cercle_store::testing::ScratchDatabase>,
}

pub struct TestAppBuilder {
    rate_limits: RateLimits,
    set_up: bool,
    metrics_token: Option<String>,
    https: bool,
    anonymous_caching: AnonymousCaching,
}

impl TestApp {
    /// An instance already set up, with its administrator `admin@example.org`.
    pub async fn new() -> Self {
        Self::builder().build().await
    }

    pub fn builder() -> TestAppBuilder {
        let generous = Quota {
            requests: 1000,
            per: Duration::from_secs(60),
        };
        TestAppBuilder {
            rate_limits: RateLimits {
                log_in: generous,
                sign_up: generous,
                password_reset: generous,
            },
            set_up: true,
            metrics_token: None,
            https: false,
            anonymous_caching: AnonymousCaching::Off,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    /// A browser-like client: keeps cookies, does not follow redirects.
    pub fn client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(Policy::none())
            .build()
            .expect("a client")
    }

    pub async fn get(&self, client: &reqwest::Client, path: &str) -> reqwest::Response {
        client
            .get(self.url(path))
            .send()
            .await
            .expect("the server answers")
    }

    pub async fn post_form(
        &self,
        client: &reqwest::Client,
        path: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        client
            .post(self.url(path))
            .form(form)
            .send()
            .await
            .expect("the server answers")
    }

    /// Delivers every due email to the outbox, as the worker would.
    pub async fn deliver(&self) {
        self.worker.drain().await.expect("the store answers");
    }

    /// Every email in the outbox, oldest first.
    pub async fn emails(&self) -> Vec<Email> {
        self.deliver().await;
        let mut entries: Vec<_> = std::fs::read_dir(&self.outbox)
            .map(|dir| dir.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        entries.retain(|path| path.extension().is_some_and(|ext| ext == "eml"));
        let mut emails: Vec<Email> = entries
            .iter()
            .map(|path| Email::parse(&std::fs::read_to_string(path).expect("readable")))
            .collect();
        // Files written in one drain can share a modification time, so the
        // order is the one in which the worker handed them to the mailer.
        let order = self.sent.0.lock().expect("not poisoned").clone();
        emails.sort_by_key(|email| order.iter().position(|id| *id == email.message_id));
        emails
    }

    pub async fn emails_to(&self, to: &str) -> Vec<Email> {
        self.emails()
            .await
            .into_iter()
            .filter(|email| email.to == to)
            .collect()
    }

    /// Signs up, confirms and logs in `email`; returns its signed-in client.
    pub async fn member(&self, name: &str, email: &str) -> reqwest::Client {
        let client = self.client();
        let response = self
            .post_form(
                &client,
                "/signup",
                &[
                    ("display_name", name),
                    ("email", email),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(response.status(), 303, "sign-up of {email}");
        let link = self
            .emails_to(email)
            .await
            .last()
            .expect("a confirmation email")
            .link();
        assert_eq!(client.get(link).send().await.unwrap().status(), 200);
        self.log_in(&client, email, PASSWORD).await;
        client
    }

    pub async fn admin(&self) -> reqwest::Client {
        let client = self.client();
        self.log_in(&client, "admin@example.org", PASSWORD).await;
        client
    }

    pub async fn log_in(&self, client: &reqwest::Client, email: &str, password: &str) {
        let response = self
            .post_form(
                client,
                "/login",
                &[("email", email), ("password", password)],
            )
            .await;
        assert_eq!(response.status(), 303, "log-in of {email}");
    }

    /// A matrix's routes: the pages from the router's own list, and the
    /// API's operations from its OpenAPI document whose path `api` keeps.
    pub async fn routes(
        &self,
        pages: &[(&str, &str)],
        api: impl Fn(&str) -> bool,
    ) -> std::collections::BTreeSet<(String, String)> {
        let mut routes: std::collections::BTreeSet<(String, String)> = pages
            .iter()
            .map(|(method, path)| ((*method).to_owned(), (*path).to_owned()))
            .collect();
        let document: serde_json::Value = self
            .get(&self.client(), "/api/v1/openapi.json")
            .await
            .json()
            .await
            .unwrap();
        for (path, item) in document["paths"].as_object().expect("paths") {
            if !api(path) {
                continue;
            }
            for method in item.as_object().unwrap().keys() {
                if ["get", "post", "put", "patch", "delete"].contains(&method.as_str()) {
                    routes.insert((method.clone(), path.clone()));
                }
            }
        }
        routes
    }

    pub async fn shutdown(self) {
        if let Some(scratch) = self.scratch {
            scratch
                .drop_database()
                .await
                .expect("the scratch database drops");
        }
    }
}

impl TestAppBuilder {
    pub fn rate_limits(mut self, limits: RateLimits) -> Self {
        self.rate_limits = limits;
        self
    }

    /// Leaves the instance empty, as on first start.
    pub fn not_set_up(mut self) -> Self {
        self.set_up = false;
        self
    }

    pub fn metrics_token(mut self, token: &str) -> Self {
        self.metrics_token = Some(token.to_owned());
        self
    }

    /// Serves visitors' public pages from memory for `lifetime`, as
    /// `cercle serve` does by default.
    pub fn anonymous_cache(mut self, lifetime: Duration) -> Self {
        self.anonymous_caching = AnonymousCaching::For(lifetime);
        self
    }

    /// Announces an `https://` base URL, as behind a TLS-terminating proxy.
    pub fn behind_https(mut self) -> Self {
        self.https = true;
        self
    }

    pub async fn build(self) -> TestApp {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let (url, scratch) = match std::env::var("CERCLE_TEST_BACKEND").as_deref() {
            Ok("postgres") => {
                let base = std::env::var("CERCLE_TEST_DATABASE_URL")
                    .expect("CERCLE_TEST_BACKEND=postgres needs CERCLE_TEST_DATABASE_URL");
                let scratch = cercle_store::testing::scratch_postgres(&base)
                    .await
                    .expect("PostgreSQL answers");
                (DatabaseUrl::Postgres(scratch.url.clone()), Some(scratch))
            }
            _ => (DatabaseUrl::Sqlite(dir.path().join("cercle.db")), None),
        };
        let options = OpenOptions {
            url,
            sqlite_synchronous: Synchronous::Normal,
            pool_size: 4,
        };
        let store = cercle_store::open(&options).await.expect("the store opens");
        if self.set_up {
            let setup = SetupInput {
                name: "ADN Test".to_owned(),
                language: "fr".to_owned(),
                theme_colour: "#009e89".to_owned(),
                display_name: "Cécile Admin".to_owned(),
                email: "admin@example.org".to_owned(),
                password: PASSWORD.to_owned(),
            };
            accounts::set_up_instance(
                &cercle_core::kernel::flow::Context {
                    store: &*store,
                    association: setup.name.as_str().into(),
                    base_url: "",
                    now: Timestamp::now(),
                },
                &setup,
            )
            .await
            .expect("setup");
        }
        let outbox = dir.path().join("outbox");
        let mailer = build_mailer(
            &MailTransport::Outbox(outbox.clone()),
            "Test <noreply@example.org>",
        )
        .expect("mailer");
        let sent = SendingOrder::default();
        let mailer = Arc::new(Sequenced {
            inner: mailer,
            sent: sent.clone(),
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a port");
        let address = listener.local_addr().expect("an address");
        // The worker and the pages write the same address, as one
        // configuration gives it to both in production.
        let base_url = format!("{}://{address}", if self.https { "https" } else { "http" });
        let handle = WorkerHandle::default();
        let worker_settings = WorkerSettings {
            base_url: base_url.clone(),
            private_networks: PrivateNetworks::Refused,
            arrival_batch: ARRIVAL_BATCH,
        };
        let worker = Worker::new(Arc::clone(&store), mailer, &worker_settings, &handle);
        let settings = Settings {
            base_url: url::Url::parse(&base_url).expect("a URL"),
            trust_proxy: false,
            metrics_token: self.metrics_token,
            rate_limits: self.rate_limits,
            private_networks: PrivateNetworks::Refused,
            anonymous_caching: self.anonymous_caching,
        };
        let state = AppState::new(Arc::clone(&store), settings, handle)
            .await
            .expect("state");
        let app = cercle_web::app(state);
        tokio::spawn(cercle_web::serve(listener, app, std::future::pending()));
        TestApp {
            address,
            store,
            worker,
            outbox,
            sent,
            _dir: dir,
            scratch,
        }
    }
}

/// The Message-IDs in the order the worker first sent them.
#[derive(Clone, Default)]
struct SendingOrder(Arc<std::sync::Mutex<Vec<String>>>);

/// The outbox mailer, noting the order of what it is handed.
struct Sequenced {
    inner: Arc<dyn Mailer>,
    sent: SendingOrder,
}

#[async_trait::async_trait]
impl Mailer for Sequenced {
    async fn send(&self, email: &OutgoingEmail, message_id: &str) -> Result<(), MailError> {
        self.inner.send(email, message_id).await?;
        let mut sent = self.sent.0.lock().expect("not poisoned");
        if !sent.iter().any(|id| id == message_id) {
            sent.push(message_id.to_owned());
        }
        Ok(())
    }
}

/// An email read back from the outbox, through a MIME parser.
#[derive(Debug, Clone)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub body: String,
    pub message_id: String,
    /// `List-Unsubscribe` and `List-Unsubscribe-Post`; empty when absent.
    pub list_unsubscribe: String,
    pub list_unsubscribe_post: String,
    /// The `text/calendar` part as `(method, text)`, when there is one.
    pub calendar: Option<(String, String)>,
}

impl Email {
    fn parse(raw: &str) -> Self {
        let message = mail_parser::MessageParser::default()
            .parse(raw.as_bytes())
            .expect("a MIME message");
        let header = |name: &str| mime::header(&message, name).unwrap_or_default();
        Self {
            to: header("To"),
            subject: message.subject().unwrap_or_default().to_owned(),
            body: message.body_text(0).unwrap_or_default().into_owned(),
            message_id: header("Message-ID"),
            list_unsubscribe: header("List-Unsubscribe"),
            list_unsubscribe_post: header("List-Unsubscribe-Post"),
            calendar: mime::calendar_part(&message),
        }
    }

    /// The first link in the body.
    pub fn link(&self) -> String {
        let start = self.body.find("http://").expect("a link in the email");
        self.body[start..]
            .split_whitespace()
            .next()
            .expect("a link")
            .to_owned()
    }
}
