//! Posting announcements to communities' incoming webhooks.
//!
//! The address was checked when it was saved, but a name can change what it
//! resolves to afterwards (DNS rebinding): every connection goes through a
//! resolver that refuses a name if any of its addresses is internal, unless
//! the administrator allows private networks. Redirects are not followed,
//! and no proxy is used, so the checked address is the one connected to.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use cercle_core::communities::webhook::{PrivateNetworks, WebhookKind, WebhookUrl};
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use serde_json::json;

/// How long one post may take, connection included.
const TIMEOUT: Duration = Duration::from_secs(10);

/// One announcement for one webhook, as the job carries it.
#[derive(Debug, Clone, Copy)]
pub struct WebhookPost<'a> {
    pub platform: WebhookKind,
    pub url: &'a str,
    pub text: &'a str,
    pub username: &'a str,
}

/// Posts to webhooks under the administrator's rule for private networks.
pub struct WebhookPoster {
    client: reqwest::Client,
    private_networks: PrivateNetworks,
}

impl WebhookPoster {
    pub fn new(private_networks: PrivateNetworks) -> Self {
        let client = reqwest::Client::builder()
            .timeout(TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .dns_resolver(Arc::new(CheckedResolver { private_networks }))
            .user_agent(concat!("Cercle/", env!("CARGO_PKG_VERSION")))
            .build()
            // The TLS roots are compiled in, and nothing else set above can
            // fail to build.
            .expect("the webhook client builds");
        Self {
            client,
            private_networks,
        }
    }

    /// A non-2xx answer or a network failure is an error, which the worker
    /// retries with backoff. Errors never quote the address, whose path is
    /// the webhook's secret.
    pub async fn post(&self, post: WebhookPost<'_>) -> Result<(), String> {
        // Checked again: the rule may have changed since the address was
        // saved, and an address written as an IP is never resolved.
        let url = WebhookUrl::parse(post.url, self.private_networks)
            .map_err(|error| format!("the webhook's address is refused now ({})", error.message))?;
        let response = self
            .client
            .post(url.as_str())
            .json(&body(post))
            .send()
            .await
            .map_err(|error| format!("cannot post to the webhook: {}", error.without_url()))?;
        let status = response.status();
        if status.is_success() {
            Ok(())
        } else {
            Err(format!("the webhook answered {status}"))
        }
    }
}

/// The JSON each service reads. Slack and Mattermost incoming webhooks take
/// `{"text": …}`; Slack wants `&`, `<` and `>` escaped, as it reads them as
/// markup. For Matrix, Cercle posts to a hookshot generic webhook
/// (matrix-org/matrix-hookshot), which sends `text` to the room as Markdown
/// and prefixes it with `username`; Matrix itself has no incoming webhooks.
fn body(post: WebhookPost<'_>) -> serde_json::Value {
    match post.platform {
        WebhookKind::Slack => json!({ "text": escape_for_slack(post.text) }),
        WebhookKind::Mattermost => json!({ "text": post.text }),
        WebhookKind::Matrix => json!({ "text": post.text, "username": post.username }),
    }
}

fn escape_for_slack(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The system resolver, refusing a name that leads to a refused address.
struct CheckedResolver {
    private_networks: PrivateNetworks,
}

impl Resolve for CheckedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let private_networks = self.private_networks;
        Box::pin(async move {
            // Port 0 lets the client put the URL's port in.
            let addresses: Vec<SocketAddr> =
                tokio::net::lookup_host((name.as_str(), 0)).await?.collect();
            if let Some(refused) = addresses
                .iter()
                .find(|address| !private_networks.permits(address.ip()))
            {
                return Err(format!(
                    "{} resolves to {}, an internal address",
                    name.as_str(),
                    refused.ip()
                )
                .into());
            }
            let addresses: Addrs = Box::new(addresses.into_iter());
            Ok(addresses)
        })
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr as _;

    use super::*;

    fn check_body(platform: WebhookKind, expected: &serde_json::Value) {
        let post = WebhookPost {
            platform,
            url: "https://hooks.example.org/x",
            text: "Ada Lovelace joined Infra & Services <3",
            username: "ADN Ouest",
        };
        assert_eq!(&body(post), expected, "{platform:?}");
    }

    #[test]
    fn each_service_gets_the_json_it_reads() {
        check_body(
            WebhookKind::Slack,
            &json!({"text": "Ada Lovelace joined Infra &amp; Services &lt;3"}),
        );
        check_body(
            WebhookKind::Mattermost,
            &json!({"text": "Ada Lovelace joined Infra & Services <3"}),
        );
        check_body(
            WebhookKind::Matrix,
            &json!({"text": "Ada Lovelace joined Infra & Services <3", "username": "ADN Ouest"}),
        );
    }

    #[tokio::test]
    async fn a_name_leading_inside_is_refused_when_resolved() {
        let resolve = |private_networks| {
            CheckedResolver { private_networks }.resolve(Name::from_str("localhost").unwrap())
        };
        let refused = resolve(PrivateNetworks::Refused).await.err().unwrap();
        assert!(
            refused.to_string().contains("an internal address"),
            "{refused}"
        );
        let allowed: Vec<SocketAddr> = resolve(PrivateNetworks::Allowed).await.unwrap().collect();
        assert!(allowed.iter().any(|a| a.ip().is_loopback()), "{allowed:?}");
    }
}
