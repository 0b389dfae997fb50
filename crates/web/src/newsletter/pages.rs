//! The newsletter: the public subscription form and its confirmation, the
//! one-click unsubscribe link, and the administrators' page where issues
//! are written and sent and the only place subscribers' addresses appear.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use cercle_core::accounts::flows::FlowError;
use cercle_core::kernel::association::Language;
use cercle_core::kernel::validation::ValidationError;
use cercle_core::newsletter::{self, IssueInput, MailingListInput, SubscriptionInput};

use crate::http::error::WebError;
use crate::http::extract::{ClientIp, Form, Path};
use crate::http::middleware::{encode, see_other};
use crate::http::page_routes;
use crate::http::rate_limit::Bucket;
use crate::state::AppState;
use crate::templates::notice;
use crate::templates::{FieldErrors, Layout, Tr, render, render_form};
use crate::viewer::Viewer;

page_routes! {
    get "/newsletter" => form,
    post "/newsletter" => subscribe,
    get "/newsletter/sent" => sent,
    get "/newsletter/confirm/{token}" => confirm_form,
    post "/newsletter/confirm/{token}" => confirm,
    get "/newsletter/unsubscribe/{token}" => unsubscribe_form,
    post "/newsletter/unsubscribe/{token}" => unsubscribe,
    get "/admin/newsletter" => admin,
    post "/admin/newsletter/lists" => create_list,
    post "/admin/newsletter/issues" => send_issue,
}

const UNSUBSCRIBE_PREFIX: &str = "/newsletter/unsubscribe/";

/// Whether `path` is an unsubscribe link, which mail clients POST to from
/// anywhere (RFC 8058).
pub fn is_one_click_unsubscribe(path: &str) -> bool {
    path.strip_prefix(UNSUBSCRIBE_PREFIX)
        .is_some_and(|token| !token.is_empty() && !token.contains('/'))
}

/// A list as the subscription form offers it.
struct ListChoice {
    slug: String,
    name: String,
    description: String,
    ticked: bool,
}

#[derive(Template)]
#[template(path = "newsletter/newsletter.html")]
struct FormPage {
    l: Layout,
    email: String,
    lists: Vec<ListChoice>,
    /// `(code, name, chosen)` for each language.
    languages: Vec<(&'static str, &'static str, bool)>,
    errors: FieldErrors,
}

async fn form(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    let input = SubscriptionInput {
        email: String::new(),
        language: viewer.language.code().to_owned(),
        lists: vec!["general".to_owned()],
    };
    form_page(&state, &viewer, &input, &[]).await
}

async fn form_page(
    state: &AppState,
    viewer: &Viewer,
    input: &SubscriptionInput,
    errors: &[ValidationError],
) -> Result<Response, WebError> {
    let language = viewer.language;
    let lists = newsletter::lists(&state.context())
        .await?
        .into_iter()
        .map(|list| ListChoice {
            ticked: input.lists.iter().any(|slug| slug == list.slug.as_str()),
            slug: list.slug.as_str().to_owned(),
            name: list.label(language),
            description: list.description,
        })
        .collect();
    render_form(
        &FormPage {
            l: Layout::new(state, viewer, "newsletter-title", "/newsletter"),
            email: input.email.clone(),
            lists,
            languages: languages(&input.language),
            errors: FieldErrors::new(language, errors),
        },
        errors,
    )
}

fn languages(chosen: &str) -> Vec<(&'static str, &'static str, bool)> {
    Language::ALL
        .into_iter()
        .map(|language| {
            (
                language.code(),
                match language {
                    Language::Fr => "Français",
                    Language::En => "English",
                },
                language.code() == chosen,
            )
        })
        .collect()
}

/// Answers the same whether the address is new or already subscribed.
async fn subscribe(
    State(state): State<AppState>,
    viewer: Viewer,
    ClientIp(client): ClientIp,
    Form(input): Form<SubscriptionInput>,
) -> Result<Response, WebError> {
    state.limiter.check(Bucket::Newsletter, client)?;
    match newsletter::subscribe(&state.context(), &input).await {
        Ok(()) => {
            state.jobs.wake();
            Ok(see_other("/newsletter/sent"))
        }
        Err(FlowError::Invalid(errors)) => form_page(&state, &viewer, &input, &errors).await,
        Err(other) => Err(other.into()),
    }
}

async fn sent(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    notice(
        &state,
        &viewer,
        ("newsletter-title", "newsletter-sent"),
        None,
    )
}

/// A page holding one button that sends the link's secret back.
#[derive(Template)]
#[template(path = "newsletter/newsletter_link.html")]
struct LinkPage {
    l: Layout,
    message: String,
    action: String,
    button: String,
}

/// Shows a button without using the link: link scanners that fetch emailed
/// links must not subscribe anyone.
async fn confirm_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    let t = Tr(viewer.language);
    let action = format!("/newsletter/confirm/{}", encode(&token));
    render(&LinkPage {
        l: Layout::new(&state, &viewer, "newsletter-confirm-title", &action),
        message: t.get("newsletter-confirm-intro"),
        button: t.get("newsletter-confirm-submit"),
        action,
    })
}

async fn confirm(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    let lists = newsletter::confirm(&state.context(), &token).await?;
    let language = viewer.language;
    let names = lists
        .iter()
        .map(|list| list.label(language))
        .collect::<Vec<_>>()
        .join(", ");
    render(&crate::templates::Notice {
        l: Layout::new(&state, &viewer, "newsletter-confirm-title", "/newsletter"),
        message: Tr(language).with("newsletter-confirmed", "lists", &names),
        link: None,
    })
}

/// Asks before unsubscribing, so that a link scanner fetching the link
/// does not unsubscribe anyone; the address itself is never shown.
async fn unsubscribe_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    let (_, list) = newsletter::unsubscription(&state.context(), &token).await?;
    let t = Tr(viewer.language);
    let action = format!("{UNSUBSCRIBE_PREFIX}{}", encode(&token));
    render(&LinkPage {
        l: Layout::new(&state, &viewer, "newsletter-unsubscribe-title", &action),
        message: t.with(
            "newsletter-unsubscribe-intro",
            "list",
            &list.label(viewer.language),
        ),
        button: t.get("newsletter-unsubscribe-submit"),
        action,
    })
}

/// The button of the page above, and the one-click POST of mail clients
/// (`List-Unsubscribe=One-Click`, whose body is not needed): either way
/// the address leaves the list at once.
async fn unsubscribe(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    let list = newsletter::unsubscribe(&state.context(), &token).await?;
    let t = Tr(viewer.language);
    render(&crate::templates::Notice {
        l: Layout::new(
            &state,
            &viewer,
            "newsletter-unsubscribe-title",
            "/newsletter",
        ),
        message: t.with(
            "newsletter-unsubscribed",
            "list",
            &list.label(viewer.language),
        ),
        link: Some((
            "/newsletter".to_owned(),
            t.get("newsletter-subscribe-again"),
        )),
    })
}

struct SubscriberRow {
    email: String,
    language: &'static str,
    state: String,
    since: String,
}

struct ListSection {
    slug: String,
    name: String,
    description: String,
    subscribers: i64,
    rows: Vec<SubscriberRow>,
}

struct IssueRow {
    at: String,
    list: String,
    subject: String,
    by: String,
    recipients: i64,
}

#[derive(Template)]
#[template(path = "newsletter/newsletter_admin.html")]
struct AdminPage {
    l: Layout,
    lists: Vec<ListSection>,
    issues: Vec<IssueRow>,
    issue: IssueInput,
    list: MailingListInput,
    sent: Option<String>,
    errors: FieldErrors,
}

#[derive(serde::Deserialize)]
struct SentQuery {
    sent: Option<i64>,
}

async fn admin(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(query): Query<SentQuery>,
) -> Result<Response, WebError> {
    let t = Tr(viewer.language);
    let sent = query
        .sent
        .map(|count| t.with("newsletter-issue-sent", "count", &count.to_string()));
    admin_page(&state, &viewer, Forms::default(), sent, &[]).await
}

/// The two forms of the administrators' page, as last sent.
#[derive(Default)]
struct Forms {
    issue: IssueInput,
    list: MailingListInput,
}

async fn admin_page(
    state: &AppState,
    viewer: &Viewer,
    forms: Forms,
    sent: Option<String>,
    errors: &[ValidationError],
) -> Result<Response, WebError> {
    let overview = newsletter::overview(&state.context(), viewer.actor()).await?;
    let language = viewer.language;
    let t = Tr(language);
    let list_name = |id| {
        overview
            .lists
            .iter()
            .find(|(list, _)| list.id == id)
            .map(|(list, _)| list.label(language))
            .unwrap_or_default()
    };
    let page = AdminPage {
        l: Layout::new(state, viewer, "newsletter-admin-title", "/admin/newsletter"),
        issues: overview
            .issues
            .iter()
            .map(|issue| IssueRow {
                at: issue.sent_at.long(language),
                list: list_name(issue.list),
                subject: issue.subject.clone(),
                by: issue.sent_by.clone(),
                recipients: issue.recipients,
            })
            .collect(),
        lists: overview
            .lists
            .iter()
            .map(|(list, subscribers)| ListSection {
                slug: list.slug.as_str().to_owned(),
                name: list.label(language),
                description: list.description.clone(),
                subscribers: list.subscribers,
                rows: subscribers
                    .iter()
                    .map(|s| SubscriberRow {
                        email: s.email.as_str().to_owned(),
                        language: s.language.code(),
                        state: t.get(&format!("newsletter-state-{}", s.state.as_str())),
                        since: s.created_at.long(language),
                    })
                    .collect(),
            })
            .collect(),
        issue: forms.issue,
        list: forms.list,
        sent,
        errors: FieldErrors::new(language, errors),
    };
    render_form(&page, errors)
}

async fn create_list(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(input): Form<MailingListInput>,
) -> Result<Response, WebError> {
    match newsletter::create_list(&state.context(), viewer.actor(), &input).await {
        Ok(_) => Ok(see_other("/admin/newsletter")),
        Err(FlowError::Invalid(errors)) => {
            let forms = Forms {
                list: input,
                ..Forms::default()
            };
            admin_page(&state, &viewer, forms, None, &errors).await
        }
        Err(other) => Err(other.into()),
    }
}

async fn send_issue(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(input): Form<IssueInput>,
) -> Result<Response, WebError> {
    match newsletter::send_issue(&state.context(), viewer.actor(), &input).await {
        Ok(sent) => {
            state.jobs.wake();
            Ok(see_other(&format!(
                "/admin/newsletter?sent={}",
                sent.recipients
            )))
        }
        Err(FlowError::Invalid(errors)) => {
            let forms = Forms {
                issue: input,
                ..Forms::default()
            };
            admin_page(&state, &viewer, forms, None, &errors).await
        }
        Err(other) => Err(other.into()),
    }
}
