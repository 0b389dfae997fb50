//! The member's home, `/home`: where a signed-in person lands, showing what
//! concerns them and them alone.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use cercle_core::communities::community::RequestStatus;
use cercle_core::home::{self, MemberHome, Progress};
use cercle_core::kernel::i18n;
use cercle_core::notify::notification::NotificationKind;

use crate::http::error::WebError;
use crate::http::page_routes;
use crate::state::AppState;
use crate::templates::{Layout, Tr, render};
use crate::viewer::Viewer;

page_routes! {
    get "/home" => page,
}

struct CommunityRow {
    slug: String,
    name: String,
    roles: String,
    engagement: String,
    suspended: Vec<String>,
}

struct RequestRow {
    id: i64,
    slug: String,
    community: String,
    submitted: String,
    state: String,
    pending: bool,
}

struct MembershipRow {
    id: i64,
    label: String,
    standing: String,
    owed: Option<String>,
}

struct NotificationRow {
    text: String,
    link: String,
    at: String,
    unread: bool,
}

#[derive(Template)]
#[template(path = "home/member_home.html")]
struct HomePage {
    l: Layout,
    greeting: String,
    /// `(link, sentence)` for each thing waiting for the reader's review.
    waiting: Vec<(String, String)>,
    communities: Vec<CommunityRow>,
    requests: Vec<RequestRow>,
    /// The reader's applications waiting for the bureau, in words.
    applications: Vec<String>,
    adherence: String,
    memberships: Vec<MembershipRow>,
    notifications: Vec<NotificationRow>,
    unread: String,
    name: String,
    email: String,
    language: &'static str,
    /// `(kind, also by email)` for each kind of notification.
    emails: Vec<(String, bool)>,
}

async fn page(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    let language = viewer.language;
    let home = home::home(&state.context(), viewer.actor(), language).await?;
    let t = Tr(language);
    render(&HomePage {
        l: Layout::new(&state, &viewer, "member-home-title", "/home"),
        greeting: t.with(
            "member-home-welcome",
            "name",
            home.account.display_name.as_str(),
        ),
        waiting: waiting(t, &home),
        communities: home
            .communities
            .iter()
            .map(|mine| CommunityRow {
                slug: mine.community.fields.slug.as_str().to_owned(),
                name: mine.community.fields.name.clone(),
                roles: mine
                    .roles
                    .iter()
                    .map(|key| {
                        i18n::text_if_known(language, &format!("community-role-{key}"))
                            .unwrap_or_else(|| key.clone())
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
                engagement: t.get(&format!("engagement-{}", mine.engagement.as_str())),
                suspended: mine.suspended.clone(),
            })
            .collect(),
        requests: home
            .requests
            .iter()
            .map(|request| RequestRow {
                id: request.id.0,
                slug: request.community.fields.slug.as_str().to_owned(),
                community: request.community.fields.name.clone(),
                submitted: request.created_at.long(language),
                state: match (request.status, request.progress) {
                    (RequestStatus::Accepted, _) => t.get("member-home-request-accepted"),
                    (RequestStatus::Refused, _) => {
                        t.with("member-home-request-refused", "reason", &request.reason)
                    }
                    (_, Progress::Vouches { have, need }) => i18n::text_with(
                        language,
                        "member-home-request-vouches",
                        &[("have", &have.to_string()), ("need", &need.to_string())],
                    ),
                    (_, Progress::AwaitingInterview) => {
                        t.get("member-home-request-awaiting-interview")
                    }
                    (_, Progress::Interviewed) => t.get("member-home-request-interviewed"),
                    _ => t.get("member-home-request-awaiting-review"),
                },
                pending: request.status == RequestStatus::Pending,
            })
            .collect(),
        applications: home
            .applications
            .iter()
            .map(|application| {
                i18n::text_with(
                    language,
                    "member-home-application",
                    &[
                        ("plan", &application.plan_name),
                        ("date", &application.submitted_at.long(language)),
                    ],
                )
            })
            .collect(),
        adherence: home.adherence.reason.clone(),
        memberships: home
            .memberships
            .iter()
            .map(|m| MembershipRow {
                id: m.id.0,
                label: format!("{} — {}", m.plan_name, m.holder_name),
                standing: m.standing.clone(),
                owed: m.owed.as_ref().map(|(amount, currency)| {
                    t.with(
                        "member-home-owed",
                        "amount",
                        &format!("{} {}", amount.format(language), currency.as_str()),
                    )
                }),
            })
            .collect(),
        notifications: home
            .notifications
            .iter()
            .map(|n| NotificationRow {
                text: n.text.clone(),
                link: n.link.clone(),
                at: n.created_at.long(language),
                unread: n.read_at.is_none(),
            })
            .collect(),
        unread: t.with(
            "notifications-unread-count",
            "count",
            &home.unread.to_string(),
        ),
        name: home.account.display_name.as_str().to_owned(),
        email: home.account.email.as_str().to_owned(),
        language: match home.account.language {
            cercle_core::kernel::association::Language::Fr => "Français",
            cercle_core::kernel::association::Language::En => "English",
        },
        emails: NotificationKind::ALL
            .into_iter()
            .map(|kind| {
                (
                    t.get(&format!(
                        "notification-kind-{}",
                        kind.as_str().replace('_', "-")
                    )),
                    home.email_preferences.email(kind),
                )
            })
            .collect(),
    })
}

/// What waits for the reader's review, each with where to do it.
fn waiting(t: Tr, home: &MemberHome) -> Vec<(String, String)> {
    let count = |key: &str, n: &dyn ToString, name: &str| {
        i18n::text_with(t.0, key, &[("count", &n.to_string()), ("name", name)])
    };
    let mut waiting: Vec<(String, String)> = home
        .reviews
        .iter()
        .map(|(community, pending)| {
            (
                format!("/c/{}/requests", community.fields.slug.as_str()),
                count("member-home-review", pending, &community.fields.name),
            )
        })
        .collect();
    if let Some(pending) = home.bureau_pending {
        waiting.push((
            "/bureau".to_owned(),
            count("member-home-bureau", &pending, ""),
        ));
    }
    if let Some(new) = home.security_new {
        waiting.push((
            "/security/reports".to_owned(),
            count("member-home-security", &new, ""),
        ));
    }
    waiting
}
