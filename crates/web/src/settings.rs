//! The part of the configuration the web layer reads, built by the binary
//! from flags, environment and file.

use std::time::Duration;

use cercle_core::communities::webhook::PrivateNetworks;
use url::Url;

#[derive(Debug, Clone)]
pub struct Settings {
    /// The address people use to reach the instance. Links in emails start
    /// with it, cookies are `Secure` when it is `https`, and a browser's
    /// `Origin` must match it for a form to be accepted.
    pub base_url: Url,
    /// Whether a reverse proxy in front sets `X-Forwarded-For`; only then is
    /// that header believed when rate limiting.
    pub trust_proxy: bool,
    /// A bearer token that opens `/metrics` from other hosts than loopback.
    pub metrics_token: Option<String>,
    pub rate_limits: RateLimits,
    /// Whether communities' webhooks may lead to private networks.
    pub private_networks: PrivateNetworks,
    /// How long visitors may be served a public page already rendered.
    pub anonymous_caching: crate::AnonymousCaching,
}

/// How many attempts one client address may make.
#[derive(Debug, Clone, Copy)]
pub struct RateLimits {
    pub log_in: Quota,
    pub sign_up: Quota,
    pub password_reset: Quota,
}

impl Default for RateLimits {
    fn default() -> Self {
        Self {
            log_in: Quota {
                requests: 10,
                per: Duration::from_secs(60),
            },
            sign_up: Quota {
                requests: 5,
                per: Duration::from_secs(600),
            },
            password_reset: Quota {
                requests: 5,
                per: Duration::from_secs(600),
            },
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Quota {
    pub requests: u32,
    pub per: Duration,
}

impl Settings {
    /// The base URL as links are written: no trailing slash.
    pub fn base(&self) -> &str {
        self.base_url.as_str().trim_end_matches('/')
    }

    pub fn secure_cookies(&self) -> bool {
        self.base_url.scheme() == "https"
    }
}
