//! The one configuration struct, built at start from command-line flags,
//! `CERCLE_*` environment variables and an optional TOML file, in that order
//! of precedence, then passed down.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use cercle_core::communities::webhook::PrivateNetworks;
use cercle_jobs::{MailTransport, SmtpSecurity, SmtpSettings};
use cercle_store::{DatabaseUrl, OpenOptions, Synchronous};
use url::Url;

/// Every setting, as flags or environment variables. All are optional here:
/// what is not given falls back to the file, then to the default.
#[derive(Debug, Clone, Default, clap::Args, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigArgs {
    /// Address and port to listen on [default: 127.0.0.1:8080].
    #[arg(long, env = "CERCLE_LISTEN")]
    pub listen: Option<SocketAddr>,
    /// `sqlite://path/to/file.db` or `postgres://user@host/db` [default: SQLite file in the data directory].
    #[arg(long, env = "CERCLE_DATABASE_URL")]
    pub database_url: Option<String>,
    /// Folder for the SQLite database and the email outbox [default: ./data].
    #[arg(long, env = "CERCLE_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// The address people use to reach the instance [default: http://<listen>].
    #[arg(long, env = "CERCLE_BASE_URL")]
    pub base_url: Option<Url>,
    /// SMTP server; without it, emails are written to <data_dir>/outbox.
    #[arg(long, env = "CERCLE_SMTP_HOST")]
    pub smtp_host: Option<String>,
    #[arg(long, env = "CERCLE_SMTP_PORT")]
    pub smtp_port: Option<u16>,
    /// `tls`, `starttls` or `none` [default: starttls].
    #[arg(long, env = "CERCLE_SMTP_SECURITY")]
    pub smtp_security: Option<String>,
    #[arg(long, env = "CERCLE_SMTP_USERNAME")]
    pub smtp_username: Option<String>,
    #[arg(long, env = "CERCLE_SMTP_PASSWORD", hide_env_values = true)]
    pub smtp_password: Option<String>,
    /// Sender of every email [default: Cercle <noreply@host of the base URL>].
    #[arg(long, env = "CERCLE_MAIL_FROM")]
    pub mail_from: Option<String>,
    /// Believe X-Forwarded-For (only behind a reverse proxy that sets it).
    #[arg(long, env = "CERCLE_TRUST_PROXY")]
    pub trust_proxy: Option<bool>,
    /// Seconds a visitor may be served a public page already rendered; 0
    /// turns the anonymous cache off [default: 2].
    #[arg(long, env = "CERCLE_ANONYMOUS_CACHE_SECONDS")]
    pub anonymous_cache_seconds: Option<u64>,
    /// Bearer token that opens /metrics to other hosts than this one.
    #[arg(long, env = "CERCLE_METRICS_TOKEN", hide_env_values = true)]
    pub metrics_token: Option<String>,
    /// SQLite durability: `full` or `normal` [default: full].
    #[arg(long, env = "CERCLE_SQLITE_SYNCHRONOUS")]
    pub sqlite_synchronous: Option<String>,
    /// Database connections [default: 8].
    #[arg(long, env = "CERCLE_POOL_SIZE")]
    pub pool_size: Option<usize>,
    /// `text` or `json` [default: text].
    #[arg(long, env = "CERCLE_LOG_FORMAT")]
    pub log_format: Option<String>,
    /// Let communities' webhooks post to private, loopback and link-local
    /// addresses, and over plain http, for chat services on an internal
    /// network [default: false].
    #[arg(long, env = "CERCLE_ALLOW_PRIVATE_WEBHOOKS")]
    pub allow_private_webhooks: Option<bool>,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub listen: SocketAddr,
    pub data_dir: PathBuf,
    pub database: OpenOptions,
    pub base_url: Url,
    pub mail: MailTransport,
    pub mail_from: String,
    pub trust_proxy: bool,
    pub anonymous_cache_seconds: u64,
    pub metrics_token: Option<String>,
    pub json_logs: bool,
    pub private_networks: PrivateNetworks,
}

impl Config {
    /// Flags and environment first, then the TOML file at `file`, then defaults.
    pub fn build(args: &ConfigArgs, file: Option<&Path>) -> anyhow::Result<Self> {
        let from_file = match file {
            Some(path) => {
                let text = std::fs::read_to_string(path).with_context(|| {
                    format!("cannot read the configuration file {}", path.display())
                })?;
                toml::from_str::<ConfigArgs>(&text)
                    .with_context(|| format!("invalid configuration file {}", path.display()))?
            }
            None => ConfigArgs::default(),
        };
        let merged = args.clone().or(from_file);
        let listen = merged
            .listen
            .unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 8080)));
        let data_dir = merged.data_dir.unwrap_or_else(|| PathBuf::from("data"));
        let url = match &merged.database_url {
            Some(url) => DatabaseUrl::parse(url)?,
            None => DatabaseUrl::default_in(&data_dir),
        };
        let sqlite_synchronous = match merged.sqlite_synchronous.as_deref() {
            None | Some("full") => Synchronous::Full,
            Some("normal") => Synchronous::Normal,
            Some(other) => bail!("sqlite_synchronous must be `full` or `normal`, not {other:?}"),
        };
        let base_url = match merged.base_url {
            Some(url) => url,
            None => {
                Url::parse(&format!("http://{listen}")).context("cannot derive the base URL")?
            }
        };
        if !matches!(base_url.scheme(), "http" | "https") {
            bail!("base_url must start with http:// or https://");
        }
        let smtp_details = merged.smtp_port.is_some()
            || merged.smtp_security.is_some()
            || merged.smtp_username.is_some()
            || merged.smtp_password.is_some();
        let mail = match merged.smtp_host {
            None if smtp_details => {
                bail!("smtp_port, smtp_security, smtp_username and smtp_password need smtp_host")
            }
            None => MailTransport::Outbox(data_dir.join("outbox")),
            Some(host) => {
                let security = match merged.smtp_security.as_deref() {
                    None | Some("starttls") => SmtpSecurity::StartTls,
                    Some("tls") => SmtpSecurity::Tls,
                    Some("none") => SmtpSecurity::None,
                    Some(other) => {
                        bail!("smtp_security must be `tls`, `starttls` or `none`, not {other:?}")
                    }
                };
                let default_port = match security {
                    SmtpSecurity::Tls => 465,
                    SmtpSecurity::StartTls => 587,
                    SmtpSecurity::None => 25,
                };
                MailTransport::Smtp(SmtpSettings {
                    host,
                    port: merged.smtp_port.unwrap_or(default_port),
                    security,
                    username: merged.smtp_username,
                    password: merged.smtp_password,
                })
            }
        };
        // An address cannot end in a bare IP, so an instance reached by IP
        // sends as localhost until a sender is configured.
        let host = match base_url.host() {
            Some(url::Host::Domain(domain)) => domain.to_owned(),
            _ => "localhost".to_owned(),
        };
        let json_logs = match merged.log_format.as_deref() {
            None | Some("text") => false,
            Some("json") => true,
            Some(other) => bail!("log_format must be `text` or `json`, not {other:?}"),
        };
        Ok(Self {
            listen,
            database: OpenOptions {
                url,
                sqlite_synchronous,
                pool_size: merged.pool_size.unwrap_or(8),
            },
            data_dir,
            mail_from: merged
                .mail_from
                .unwrap_or_else(|| format!("Cercle <noreply@{host}>")),
            base_url,
            mail,
            trust_proxy: merged.trust_proxy.unwrap_or(false),
            anonymous_cache_seconds: merged.anonymous_cache_seconds.unwrap_or(2),
            metrics_token: merged.metrics_token,
            json_logs,
            private_networks: if merged.allow_private_webhooks.unwrap_or(false) {
                PrivateNetworks::Allowed
            } else {
                PrivateNetworks::Refused
            },
        })
    }

    /// The effective configuration as TOML, secrets masked.
    pub fn describe(&self) -> String {
        let database = match &self.database.url {
            DatabaseUrl::Sqlite(path) => format!("sqlite://{}", path.display()),
            DatabaseUrl::Postgres(url) => mask_url_password(url),
        };
        let mut lines = vec![
            format!("listen = \"{}\"", self.listen),
            format!("data_dir = \"{}\"", self.data_dir.display()),
            format!("database_url = \"{database}\""),
            format!(
                "sqlite_synchronous = \"{}\"",
                match self.database.sqlite_synchronous {
                    Synchronous::Full => "full",
                    Synchronous::Normal => "normal",
                }
            ),
            format!("pool_size = {}", self.database.pool_size),
            format!("base_url = \"{}\"", self.base_url),
            format!("mail_from = \"{}\"", self.mail_from),
            format!("trust_proxy = {}", self.trust_proxy),
            format!("anonymous_cache_seconds = {}", self.anonymous_cache_seconds),
            format!(
                "metrics_token = \"{}\"",
                if self.metrics_token.is_some() {
                    "********"
                } else {
                    ""
                }
            ),
            format!(
                "log_format = \"{}\"",
                if self.json_logs { "json" } else { "text" }
            ),
            format!(
                "allow_private_webhooks = {}",
                self.private_networks == PrivateNetworks::Allowed
            ),
        ];
        match &self.mail {
            MailTransport::Outbox(dir) => {
                lines.push(format!("# no SMTP server: emails go to {}", dir.display()));
            }
            MailTransport::Smtp(smtp) => {
                lines.push(format!("smtp_host = \"{}\"", smtp.host));
                lines.push(format!("smtp_port = {}", smtp.port));
                lines.push(format!(
                    "smtp_security = \"{}\"",
                    match smtp.security {
                        SmtpSecurity::Tls => "tls",
                        SmtpSecurity::StartTls => "starttls",
                        SmtpSecurity::None => "none",
                    }
                ));
                lines.push(format!(
                    "smtp_username = \"{}\"",
                    smtp.username.as_deref().unwrap_or("")
                ));
                lines.push(format!(
                    "smtp_password = \"{}\"",
                    if smtp.password.is_some() {
                        "********"
                    } else {
                        ""
                    }
                ));
            }
        }
        lines.join("\n")
    }

    pub fn web_settings(&self) -> cercle_web::Settings {
        cercle_web::Settings {
            base_url: self.base_url.clone(),
            trust_proxy: self.trust_proxy,
            metrics_token: self.metrics_token.clone(),
            rate_limits: cercle_web::RateLimits::default(),
            private_networks: self.private_networks,
            anonymous_caching: match self.anonymous_cache_seconds {
                0 => cercle_web::AnonymousCaching::Off,
                seconds => {
                    cercle_web::AnonymousCaching::For(std::time::Duration::from_secs(seconds))
                }
            },
        }
    }

    pub fn worker_settings(&self) -> cercle_jobs::WorkerSettings {
        cercle_jobs::WorkerSettings {
            base_url: self.base_url.as_str().to_owned(),
            private_networks: self.private_networks,
            arrival_batch: cercle_core::communities::arrival::BATCH,
        }
    }
}

impl ConfigArgs {
    /// Each field from `self` when set, else from `fallback`.
    fn or(self, fallback: Self) -> Self {
        Self {
            listen: self.listen.or(fallback.listen),
            database_url: self.database_url.or(fallback.database_url),
            data_dir: self.data_dir.or(fallback.data_dir),
            base_url: self.base_url.or(fallback.base_url),
            smtp_host: self.smtp_host.or(fallback.smtp_host),
            smtp_port: self.smtp_port.or(fallback.smtp_port),
            smtp_security: self.smtp_security.or(fallback.smtp_security),
            smtp_username: self.smtp_username.or(fallback.smtp_username),
            smtp_password: self.smtp_password.or(fallback.smtp_password),
            mail_from: self.mail_from.or(fallback.mail_from),
            trust_proxy: self.trust_proxy.or(fallback.trust_proxy),
            anonymous_cache_seconds: self
                .anonymous_cache_seconds
                .or(fallback.anonymous_cache_seconds),
            metrics_token: self.metrics_token.or(fallback.metrics_token),
            sqlite_synchronous: self.sqlite_synchronous.or(fallback.sqlite_synchronous),
            pool_size: self.pool_size.or(fallback.pool_size),
            log_format: self.log_format.or(fallback.log_format),
            allow_private_webhooks: self
                .allow_private_webhooks
                .or(fallback.allow_private_webhooks),
        }
    }
}

fn mask_url_password(url: &str) -> String {
    match Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("********"));
            parsed.to_string()
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_win_over_the_file_which_wins_over_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("cercle.toml");
        std::fs::write(&file, "listen = \"0.0.0.0:9000\"\nbase_url = \"https://asso.example\"\nsmtp_host = \"mail.example\"\nsmtp_password = \"hunter2hunter2\"\n").unwrap();
        let args = ConfigArgs {
            listen: Some("127.0.0.1:7000".parse().unwrap()),
            ..ConfigArgs::default()
        };
        let config = Config::build(&args, Some(&file)).unwrap();
        assert_eq!(config.listen.to_string(), "127.0.0.1:7000");
        assert_eq!(config.base_url.as_str(), "https://asso.example/");
        assert!(
            matches!(&config.mail, MailTransport::Smtp(smtp) if smtp.port == 587 && smtp.security == SmtpSecurity::StartTls)
        );
        assert_eq!(config.mail_from, "Cercle <noreply@asso.example>");
        let described = config.describe();
        assert!(described.contains("smtp_password = \"********\""));
        assert!(!described.contains("hunter2"));
        assert_eq!(config.private_networks, PrivateNetworks::Refused);
        assert!(described.contains("allow_private_webhooks = false"));
    }

    #[test]
    fn private_webhooks_are_allowed_by_the_file_unless_a_flag_says_no() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("cercle.toml");
        std::fs::write(&file, "allow_private_webhooks = true\n").unwrap();
        let config = Config::build(&ConfigArgs::default(), Some(&file)).unwrap();
        assert_eq!(config.private_networks, PrivateNetworks::Allowed);
        assert!(config.describe().contains("allow_private_webhooks = true"));
        let refused = ConfigArgs {
            allow_private_webhooks: Some(false),
            ..ConfigArgs::default()
        };
        let config = Config::build(&refused, Some(&file)).unwrap();
        assert_eq!(config.private_networks, PrivateNetworks::Refused);
        assert_eq!(
            config.web_settings().private_networks,
            config.worker_settings().private_networks
        );
    }

    #[test]
    fn defaults_use_sqlite_in_the_data_dir_and_the_outbox() {
        let config = Config::build(&ConfigArgs::default(), None).unwrap();
        assert!(
            matches!(&config.database.url, DatabaseUrl::Sqlite(path) if path.starts_with("data"))
        );
        assert!(matches!(&config.mail, MailTransport::Outbox(dir) if dir.ends_with("outbox")));
        assert_eq!(config.base_url.as_str(), "http://127.0.0.1:8080/");
    }

    #[test]
    fn refuses_bad_values_with_a_reason() {
        let check = |args: ConfigArgs, expected: &str| {
            let error = Config::build(&args, None).unwrap_err().to_string();
            assert!(error.contains(expected), "{error}");
        };
        check(
            ConfigArgs {
                smtp_host: Some("h".into()),
                smtp_security: Some("ssl".into()),
                ..ConfigArgs::default()
            },
            "smtp_security",
        );
        check(
            ConfigArgs {
                sqlite_synchronous: Some("off".into()),
                ..ConfigArgs::default()
            },
            "sqlite_synchronous",
        );
        check(
            ConfigArgs {
                database_url: Some("mysql://x".into()),
                ..ConfigArgs::default()
            },
            "mysql",
        );
        check(
            ConfigArgs {
                base_url: Some(Url::parse("ftp://x").unwrap()),
                ..ConfigArgs::default()
            },
            "base_url",
        );
    }
}
