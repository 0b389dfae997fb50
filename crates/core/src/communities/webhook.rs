//! A community's incoming webhook on Slack, Mattermost or Matrix, where its
//! arrivals are announced, and the rules its address must follow so that no
//! one can make Cercle call into its own network: https only, and no
//! loopback, private, link-local or otherwise internal address unless the
//! administrator allows private networks.

use crate::kernel::flow::Context;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use serde::{Deserialize, Serialize};

use crate::accounts::flows::FlowError;
use crate::accounts::policy::{self, Action, Actor};
use crate::communities::flows::{self as communities, CommunityView, holds};
use crate::communities::store::Storage;
use crate::communities::store::WebhookSave;
use crate::kernel::association::Language;
use crate::kernel::job::{JobKind, NewJob};
use crate::kernel::store::StoreError;
use crate::kernel::validation::{ValidationError, keep};
use crate::notify::notification::{Happening, Teller};

/// The chat service behind a webhook, which decides the JSON posted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WebhookKind {
    Slack,
    Mattermost,
    /// A Matrix room through a hookshot generic webhook.
    Matrix,
}

impl WebhookKind {
    pub const ALL: [Self; 3] = [Self::Slack, Self::Mattermost, Self::Matrix];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Slack => "slack",
            Self::Mattermost => "mattermost",
            Self::Matrix => "matrix",
        }
    }

    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        Self::ALL
            .into_iter()
            .find(|kind| kind.as_str() == input.trim())
            .ok_or(ValidationError::new("kind", "error-webhook-kind"))
    }
}

/// Whether webhooks may reach private, loopback and link-local addresses:
/// the administrator's setting, for chat services on an internal network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PrivateNetworks {
    #[default]
    Refused,
    Allowed,
}

impl PrivateNetworks {
    /// Whether a webhook may connect to `ip`. The worker asks again for
    /// every address a name resolves to, so that a name that pointed
    /// outside when saved cannot later lead inside.
    pub fn permits(self, ip: IpAddr) -> bool {
        self == Self::Allowed || is_public(ip)
    }
}

/// The address of an incoming webhook, checked against the rules above.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookUrl(String);

impl WebhookUrl {
    const MAX_LENGTH: usize = 2000;

    /// Parses and normalises the address: `https://2130706433/` is read as
    /// the `127.0.0.1` it means, and refused as such.
    pub fn parse(input: &str, private: PrivateNetworks) -> Result<Self, ValidationError> {
        let invalid = ValidationError::new("url", "error-webhook-url");
        let trimmed = input.trim();
        if trimmed.is_empty() || trimmed.len() > Self::MAX_LENGTH {
            return Err(invalid);
        }
        let url = url::Url::parse(trimmed).map_err(|_| invalid.clone())?;
        // An internal chat service often has no certificate, so plain http
        // is accepted only where private networks are.
        match (url.scheme(), private) {
            ("https", _) | ("http", PrivateNetworks::Allowed) => {}
            _ => return Err(ValidationError::new("url", "error-webhook-https")),
        }
        let internal = match url.host() {
            None => return Err(invalid),
            Some(url::Host::Domain(domain)) => is_internal_name(domain),
            Some(url::Host::Ipv4(ip)) => !private.permits(IpAddr::V4(ip)),
            Some(url::Host::Ipv6(ip)) => !private.permits(IpAddr::V6(ip)),
        };
        if internal && private == PrivateNetworks::Refused {
            return Err(ValidationError::new("url", "error-webhook-private"));
        }
        Ok(Self(url.into()))
    }

    /// Wraps an address read back from storage, checked when it was saved;
    /// the worker checks it again before each post.
    pub fn from_stored(url: String) -> Self {
        Self(url)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The scheme and host only: a webhook's path is its secret, not to be
    /// shown back on a page.
    pub fn masked(&self) -> String {
        match url::Url::parse(&self.0) {
            Ok(url) => format!("{}/…", url.origin().ascii_serialization()),
            Err(_) => "…".to_owned(),
        }
    }
}

/// Names that lead to this machine or to the local network whatever the DNS
/// says: `localhost` and its subdomains (RFC 6761), and single labels, which
/// resolvers complete with the local search domain.
fn is_internal_name(domain: &str) -> bool {
    let domain = domain.trim_end_matches('.').to_ascii_lowercase();
    domain == "localhost" || domain.ends_with(".localhost") || !domain.contains('.')
}

/// Whether `ip` is an address of the public internet.
fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(ip) => is_public_v4(ip),
        IpAddr::V6(ip) => is_public_v6(ip),
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    let internal = a == 0 // "this network", 0.0.0.0 included
        || ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local() // 169.254.0.0/16, the cloud metadata address included
        || (a == 100 && (64..128).contains(&b)) // shared address space (CGNAT)
        || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
        || (a == 198 && (b == 18 || b == 19)) // benchmarking
        || ip.is_multicast()
        || a >= 240; // reserved, and the broadcast address
    !internal
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    let segments = ip.segments();
    let v4 = |high: u16, low: u16| Ipv4Addr::from((u32::from(high) << 16) | u32::from(low));
    // IPv4 addresses carried in IPv6 reach the IPv4 address: mapped
    // (::ffff:a.b.c.d), NAT64 (64:ff9b::a.b.c.d) and 6to4 (2002:aabb:ccdd::).
    if let Some(mapped) = ip.to_ipv4_mapped() {
        return is_public_v4(mapped);
    }
    if segments[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        return is_public_v4(v4(segments[6], segments[7]));
    }
    if segments[0] == 0x2002 {
        return is_public_v4(v4(segments[1], segments[2]));
    }
    let internal = ip.is_unspecified()
        || ip.is_loopback()
        || segments[..6] == [0; 6] // IPv4-compatible, deprecated
        || (segments[0] & 0xfe00) == 0xfc00 // unique local
        || (segments[0] & 0xffc0) == 0xfe80 // link-local
        || (segments[0] & 0xffc0) == 0xfec0 // site-local, deprecated
        || ip.is_multicast();
    !internal
}

/// A community's incoming webhook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Webhook {
    pub kind: WebhookKind,
    pub url: WebhookUrl,
}

impl Webhook {
    /// The job posting the announcement of `happening`, in `language`, to
    /// this webhook; its key makes posting one event twice a no-op.
    pub fn post(
        &self,
        happening: &Happening<'_>,
        teller: Teller<'_>,
        language: Language,
    ) -> NewJob {
        let message = WebhookMessage {
            platform: self.kind,
            url: self.url.as_str().to_owned(),
            text: happening.announcement(language, teller.base_url),
            username: teller.association.to_owned(),
        };
        NewJob::new(format!("webhook:{}", happening.key), message, teller.now)
    }
}

/// An announcement posted to a community's incoming webhook, as a job. The
/// address is checked again when posting, against the rules in force then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookMessage {
    pub platform: WebhookKind,
    pub url: String,
    pub text: String,
    /// The name the message appears under, where the service allows it.
    pub username: String,
}

impl JobKind for WebhookMessage {
    const KIND: &'static str = "post_webhook";
}

/// The webhook form as sent.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct WebhookInput {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub url: String,
}

impl WebhookInput {
    pub fn parse(&self, private: PrivateNetworks) -> Result<Webhook, Vec<ValidationError>> {
        let mut errors = Vec::new();
        let kind = keep(&mut errors, WebhookKind::parse(&self.kind));
        let url = keep(&mut errors, WebhookUrl::parse(&self.url, private));
        match (kind, url) {
            (Some(kind), Some(url)) => Ok(Webhook { kind, url }),
            _ => Err(errors),
        }
    }
}

/// A community's page and its webhook, for those who may change it: the
/// administrators and the roles that manage the community's content.
pub async fn webhook_of(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    slug: &str,
) -> Result<(CommunityView, Option<Webhook>), FlowError> {
    let view = managed(ctx, actor, slug).await?;
    let webhook = ctx.store.community_webhook(view.community.id).await?;
    Ok((view, webhook))
}

/// A webhook form sent for a community, and the rule its address is judged by.
#[derive(Debug, Clone, Copy)]
pub struct WebhookSubmission<'a> {
    pub slug: &'a str,
    pub input: &'a WebhookInput,
    pub private_networks: PrivateNetworks,
}

/// Sets or replaces the community's webhook.
pub async fn set_webhook(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    submission: &WebhookSubmission<'_>,
) -> Result<(), FlowError> {
    let view = managed(ctx, actor, submission.slug).await?;
    let by = crate::accounts::flows::signed_in(actor)?.id;
    let webhook = submission
        .input
        .parse(submission.private_networks)
        .map_err(FlowError::Invalid)?;
    Ok(ctx
        .store
        .set_community_webhook(&WebhookSave {
            community: view.community.id,
            webhook,
            by,
            at: ctx.now,
        })
        .await?)
}

/// Removes the community's webhook; removing none is no error, so that a
/// form sent twice answers the same.
pub async fn remove_webhook(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    slug: &str,
) -> Result<(), FlowError> {
    let view = managed(ctx, actor, slug).await?;
    let by = crate::accounts::flows::signed_in(actor)?.id;
    match ctx
        .store
        .remove_community_webhook(view.community.id, by, ctx.now)
        .await
    {
        Ok(()) | Err(StoreError::NotFound) => Ok(()),
        Err(other) => Err(other.into()),
    }
}

/// The community, once the actor is known to manage its content.
async fn managed(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    slug: &str,
) -> Result<CommunityView, FlowError> {
    let view = communities::view(ctx, actor, slug).await?;
    let manager = holds(&view.roles, view.me.as_ref(), |p| p.manage_content);
    policy::check(actor, Action::ManageCommunityContent { manager })?;
    Ok(view)
}

#[cfg(test)]
mod tests {
    use super::*;

    use PrivateNetworks::{Allowed, Refused};

    /// `expected` is the normalised address, or the message key refusing it.
    fn check(input: &str, private: PrivateNetworks, expected: Result<&str, &str>) {
        let parsed = WebhookUrl::parse(input, private);
        assert_eq!(
            parsed
                .as_ref()
                .map(WebhookUrl::as_str)
                .map_err(|e| e.message),
            expected,
            "{input} with private networks {private:?}"
        );
    }

    #[test]
    fn webhooks_reach_the_public_internet_over_https_only() {
        let slack = "https://hooks.slack.com/services/T000/B000/XXXX";
        check(slack, Refused, Ok(slack));
        check(
            " https://mattermost.example.org/hooks/abc ",
            Refused,
            Ok("https://mattermost.example.org/hooks/abc"),
        );
        check(
            "https://93.184.215.14/hook",
            Refused,
            Ok("https://93.184.215.14/hook"),
        );
        check(
            "https://[2606:4700::1111]/",
            Refused,
            Ok("https://[2606:4700::1111]/"),
        );
        check(
            "http://hooks.slack.com/services/x",
            Refused,
            Err("error-webhook-https"),
        );
        check(
            "ftp://hooks.slack.com/x",
            Refused,
            Err("error-webhook-https"),
        );
        check("javascript:alert(1)", Refused, Err("error-webhook-https"));
        check(
            "hooks.slack.com/services/x",
            Refused,
            Err("error-webhook-url"),
        );
        check("", Refused, Err("error-webhook-url"));
        check(
            &format!("https://example.org/{}", "a".repeat(2000)),
            Refused,
            Err("error-webhook-url"),
        );
    }

    #[test]
    fn internal_addresses_are_refused_unless_allowed() {
        for internal in [
            "https://localhost/",
            "https://LOCALHOST./hook",
            "https://api.localhost/",
            "https://intranet/hook",
            "https://127.0.0.1/",
            "https://127.1.2.3/",
            "https://2130706433/",
            "https://0x7f.1/",
            "https://0.0.0.0/",
            "https://10.0.0.1/",
            "https://172.16.5.4/",
            "https://192.168.1.1/",
            "https://169.254.169.254/latest/meta-data/",
            "https://100.64.0.1/",
            "https://100.127.255.254/",
            "https://224.0.0.1/",
            "https://255.255.255.255/",
            "https://[::1]/",
            "https://[::]/",
            "https://[fd00:ec2::254]/",
            "https://[fc00::1]/",
            "https://[fe80::1]/",
            "https://[::ffff:127.0.0.1]/",
            "https://[::ffff:10.1.2.3]/",
            "https://[64:ff9b::a9fe:a9fe]/",
            "https://[2002:0a00:0001::]/",
            "https://[ff02::1]/",
        ] {
            check(internal, Refused, Err("error-webhook-private"));
            assert!(WebhookUrl::parse(internal, Allowed).is_ok(), "{internal}");
        }
        check("https://100.128.0.1/", Refused, Ok("https://100.128.0.1/"));
        check("https://172.32.0.1/", Refused, Ok("https://172.32.0.1/"));
        check(
            "http://10.0.0.5:8065/hooks/x",
            Allowed,
            Ok("http://10.0.0.5:8065/hooks/x"),
        );
        check(
            "http://chat.internal.example/hooks/x",
            Allowed,
            Ok("http://chat.internal.example/hooks/x"),
        );
    }

    #[test]
    fn every_address_a_name_resolves_to_is_judged_by_the_same_rules() {
        let ip = |text: &str| text.parse::<IpAddr>().unwrap();
        assert!(Refused.permits(ip("93.184.215.14")));
        assert!(!Refused.permits(ip("127.0.0.1")));
        assert!(!Refused.permits(ip("::ffff:192.168.0.1")));
        assert!(Allowed.permits(ip("127.0.0.1")));
    }

    #[test]
    fn shows_only_the_host_of_a_webhook() {
        let url =
            WebhookUrl::parse("https://hooks.slack.com/services/T0/B0/SECRET", Refused).unwrap();
        assert_eq!(url.masked(), "https://hooks.slack.com/…");
    }

    #[test]
    fn the_form_reports_every_refused_field() {
        let input = WebhookInput {
            kind: "discord".into(),
            url: "http://10.0.0.1/".into(),
        };
        let fields: Vec<_> = input
            .parse(Refused)
            .unwrap_err()
            .iter()
            .map(|e| (e.field, e.message))
            .collect();
        assert_eq!(
            fields,
            [
                ("kind", "error-webhook-kind"),
                ("url", "error-webhook-https")
            ]
        );
    }
}
