//! The security report form, public, and the private inbox where security
//! contacts and administrators read reports and move them through their
//! states. To anyone else the inbox does not exist.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use cercle_core::accounts::flows::FlowError;
use cercle_core::kernel::validation::ValidationError;
use cercle_core::site::security::{self, ReportInput, ReportState, SecurityReportId, StateInput};

use crate::http::error::WebError;
use crate::http::extract::{ClientIp, Form, Path};
use crate::http::middleware::see_other;
use crate::http::page_routes;
use crate::http::rate_limit::Bucket;
use crate::state::AppState;
use crate::templates::notice;
use crate::templates::{FieldErrors, Layout, Tr, render, render_form};
use crate::viewer::Viewer;

page_routes! {
    get "/security" => form,
    post "/security" => report,
    get "/security/sent" => sent,
    get "/security/reports" => inbox,
    get "/security/reports/{id}" => detail,
    post "/security/reports/{id}/state" => set_state,
}

#[derive(Template)]
#[template(path = "site/security_form.html")]
struct FormPage {
    l: Layout,
    input: ReportInput,
    errors: FieldErrors,
}

async fn form(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    form_page(&state, &viewer, ReportInput::default(), &[])
}

fn form_page(
    state: &AppState,
    viewer: &Viewer,
    input: ReportInput,
    errors: &[ValidationError],
) -> Result<Response, WebError> {
    render_form(
        &FormPage {
            l: Layout::new(state, viewer, "security-title", "/security"),
            input,
            errors: FieldErrors::new(viewer.language, errors),
        },
        errors,
    )
}

async fn report(
    State(state): State<AppState>,
    viewer: Viewer,
    ClientIp(client): ClientIp,
    Form(input): Form<ReportInput>,
) -> Result<Response, WebError> {
    state.limiter.check(Bucket::SecurityReport, client)?;
    match security::report(&state.context(), &input, viewer.language).await {
        Ok(()) => {
            state.jobs.wake();
            Ok(see_other("/security/sent"))
        }
        Err(FlowError::Invalid(errors)) => form_page(&state, &viewer, input, &errors),
        Err(other) => Err(other.into()),
    }
}

async fn sent(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    notice(&state, &viewer, ("security-title", "security-sent"), None)
}

/// A report as a line of the inbox.
struct Row {
    id: i64,
    received: String,
    state: String,
    new: bool,
    version: String,
    reporter: String,
}

#[derive(Template)]
#[template(path = "site/security_inbox.html")]
struct InboxPage {
    l: Layout,
    rows: Vec<Row>,
}

async fn inbox(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    let reports = security::inbox(&state.context(), viewer.actor()).await?;
    let language = viewer.language;
    let t = Tr(language);
    render(&InboxPage {
        l: Layout::new(&state, &viewer, "security-inbox-title", "/security/reports"),
        rows: reports
            .into_iter()
            .map(|r| Row {
                id: r.id.0,
                received: r.received_at.long(language),
                state: state_label(t, r.state),
                new: r.state == ReportState::New,
                version: r.affected_version,
                reporter: reporter(&r.reporter_name, r.reporter_email.as_str()),
            })
            .collect(),
    })
}

fn state_label(t: Tr, state: ReportState) -> String {
    t.get(&format!(
        "security-state-{}",
        state.as_str().replace('_', "-")
    ))
}

fn reporter(name: &str, email: &str) -> String {
    if name.is_empty() {
        email.to_owned()
    } else {
        format!("{name} <{email}>")
    }
}

#[derive(Template)]
#[template(path = "site/security_report.html")]
struct DetailPage {
    l: Layout,
    id: i64,
    reporter: String,
    version: String,
    language: &'static str,
    received: String,
    updated: Option<String>,
    description: String,
    /// `(value, label, current)` for each state.
    states: Vec<(&'static str, String, bool)>,
    errors: FieldErrors,
}

async fn detail(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    detail_page(&state, &viewer, SecurityReportId(id), &[]).await
}

async fn detail_page(
    state: &AppState,
    viewer: &Viewer,
    id: SecurityReportId,
    errors: &[ValidationError],
) -> Result<Response, WebError> {
    let report = security::report_detail(&state.context(), viewer.actor(), id).await?;
    let language = viewer.language;
    let t = Tr(language);
    let page = DetailPage {
        l: Layout::new(
            state,
            viewer,
            "security-report-title",
            &format!("/security/reports/{}", id.0),
        ),
        id: id.0,
        reporter: reporter(&report.reporter_name, report.reporter_email.as_str()),
        version: report.affected_version,
        language: report.language.code(),
        received: report.received_at.long(language),
        updated: report.updated.map(|(at, by)| {
            cercle_core::kernel::i18n::text_with(
                language,
                "security-updated",
                &[("date", &at.long(language)), ("name", &by)],
            )
        }),
        description: report.description,
        states: ReportState::ALL
            .into_iter()
            .map(|s| (s.as_str(), state_label(t, s), s == report.state))
            .collect(),
        errors: FieldErrors::new(language, errors),
    };
    render_form(&page, errors)
}

async fn set_state(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(input): Form<StateInput>,
) -> Result<Response, WebError> {
    let id = SecurityReportId(id);
    match security::set_state(&state.context(), viewer.actor(), id, &input).await {
        Ok(()) => Ok(see_other(&format!("/security/reports/{}", id.0))),
        Err(FlowError::Invalid(errors)) => detail_page(&state, &viewer, id, &errors).await,
        Err(other) => Err(other.into()),
    }
}
