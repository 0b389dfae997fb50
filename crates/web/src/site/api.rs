//! The public site in the JSON API, through the same core flows as the
//! pages: administrators edit its texts and entries, moderators decide on
//! the adopters who asked to be listed, representatives show their
//! organisation; anyone may send a security report, under the form's rate
//! limit, and the security contacts read the reports and move them along.

use axum::extract::State;
use axum::http::StatusCode;
use cercle_core::accounts::flows::FlowError;
use cercle_core::kernel::association::Language;
use cercle_core::register::people::OrganisationId;
use cercle_core::site::outreach;
use cercle_core::site::pages::{AdopterId, EntryId, EntryInput, Section, SiteSettingsInput};
use cercle_core::site::security::{
    self, ReportInput, SecurityReport, SecurityReportId, StateInput,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::Problem;
use crate::http::error::WebError;
use crate::http::extract::{ClientIp, Json, Path};
use crate::http::rate_limit::Bucket;
use crate::register::api::Created;
use crate::state::AppState;
use crate::viewer::Viewer;

pub fn routes(router: OpenApiRouter<AppState>) -> OpenApiRouter<AppState> {
    router
        .routes(routes!(reports, report))
        .routes(routes!(detail))
        .routes(routes!(set_state))
        .routes(routes!(save_settings))
        .routes(routes!(create_entry))
        .routes(routes!(update_entry, delete_entry))
        .routes(routes!(decide_adopter))
        .routes(routes!(show_organisation))
}

/// A vulnerability, reported privately: who tells (the name may be left
/// out), what they found, and in which version.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct ReportBody {
    name: Option<String>,
    email: String,
    description: String,
    affected_version: Option<String>,
    /// `fr` or `en`: the language of the acknowledgement.
    language: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/security/reports", tag = "security", request_body = ReportBody,
    responses(
        (status = 202, description = "Received: the security contacts are told, and the reporter gets an acknowledgement"),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field refused", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many reports from this address", body = Problem, content_type = "application/problem+json")))]
async fn report(
    State(state): State<AppState>,
    viewer: Viewer,
    ClientIp(client): ClientIp,
    Json(body): Json<ReportBody>,
) -> Result<StatusCode, WebError> {
    state.limiter.check(Bucket::SecurityReport, client)?;
    let language = match body.language.as_deref() {
        Some(code) => Language::parse(code).map_err(|error| FlowError::Invalid(vec![error]))?,
        None => viewer.language,
    };
    let input = ReportInput {
        name: body.name.unwrap_or_default(),
        email: body.email,
        description: body.description,
        affected_version: body.affected_version.unwrap_or_default(),
    };
    security::report(&state.context(), &input, language).await?;
    state.jobs.wake();
    Ok(StatusCode::ACCEPTED)
}

/// A report as the security contacts read it.
#[derive(Serialize, ToSchema)]
struct ReportView {
    id: i64,
    reporter_name: String,
    reporter_email: String,
    description: String,
    affected_version: String,
    /// `new`, `acknowledged`, `fixed` or `not_a_vulnerability`.
    state: String,
    /// Unix seconds.
    received_at: i64,
}

impl From<SecurityReport> for ReportView {
    fn from(report: SecurityReport) -> Self {
        Self {
            id: report.id.0,
            reporter_name: report.reporter_name,
            reporter_email: report.reporter_email.as_str().to_owned(),
            description: report.description,
            affected_version: report.affected_version,
            state: report.state.as_str().to_owned(),
            received_at: report.received_at.0,
        }
    }
}

#[utoipa::path(get, path = "/api/v1/security/reports", tag = "security", security(("bearer" = [])),
    responses(
        (status = 200, description = "Every report, newest first", body = Vec<ReportView>),
        (status = 404, description = "Not a security contact", body = Problem, content_type = "application/problem+json")))]
async fn reports(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<axum::Json<Vec<ReportView>>, WebError> {
    let reports = security::inbox(&state.context(), viewer.actor()).await?;
    Ok(axum::Json(
        reports.into_iter().map(ReportView::from).collect(),
    ))
}

#[utoipa::path(get, path = "/api/v1/security/reports/{id}", tag = "security", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Report id")),
    responses(
        (status = 200, body = ReportView),
        (status = 404, description = "No such report, or not a security contact", body = Problem, content_type = "application/problem+json")))]
async fn detail(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<axum::Json<ReportView>, WebError> {
    let report =
        security::report_detail(&state.context(), viewer.actor(), SecurityReportId(id)).await?;
    Ok(axum::Json(report.into()))
}

/// Where the report now stands: `new`, `acknowledged`, `fixed` or
/// `not_a_vulnerability`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct StateBody {
    state: String,
}

#[utoipa::path(put, path = "/api/v1/security/reports/{id}/state", tag = "security", security(("bearer" = [])), request_body = StateBody,
    params(("id" = i64, Path, description = "Report id")),
    responses(
        (status = 204, description = "Moved"),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such report, or not a security contact", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown state", body = Problem, content_type = "application/problem+json")))]
async fn set_state(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Json(body): Json<StateBody>,
) -> Result<StatusCode, WebError> {
    let input = StateInput { state: body.state };
    security::set_state(
        &state.context(),
        viewer.actor(),
        SecurityReportId(id),
        &input,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Every text of the public site, in French and English, and its settings;
/// a text left out is emptied, as in the form.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct SiteSettingsBody {
    #[serde(default)]
    welcome_fr: String,
    #[serde(default)]
    welcome_en: String,
    #[serde(default)]
    rules_fr: String,
    #[serde(default)]
    rules_en: String,
    #[serde(default)]
    code_of_conduct_fr: String,
    #[serde(default)]
    code_of_conduct_en: String,
    #[serde(default)]
    chatham_fr: String,
    #[serde(default)]
    chatham_en: String,
    #[serde(default)]
    developers_fr: String,
    #[serde(default)]
    developers_en: String,
    #[serde(default)]
    help_fr: String,
    #[serde(default)]
    help_en: String,
    #[serde(default)]
    steering_note_fr: String,
    #[serde(default)]
    steering_note_en: String,
    /// Whether anyone may take part without being a member.
    #[serde(default)]
    free_participation: bool,
    #[serde(default)]
    licence_name: String,
    #[serde(default)]
    licence_url: String,
    #[serde(default)]
    steering_email: String,
}

impl From<SiteSettingsBody> for SiteSettingsInput {
    fn from(body: SiteSettingsBody) -> Self {
        Self {
            welcome_fr: body.welcome_fr,
            welcome_en: body.welcome_en,
            rules_fr: body.rules_fr,
            rules_en: body.rules_en,
            code_of_conduct_fr: body.code_of_conduct_fr,
            code_of_conduct_en: body.code_of_conduct_en,
            chatham_fr: body.chatham_fr,
            chatham_en: body.chatham_en,
            developers_fr: body.developers_fr,
            developers_en: body.developers_en,
            help_fr: body.help_fr,
            help_en: body.help_en,
            steering_note_fr: body.steering_note_fr,
            steering_note_en: body.steering_note_en,
            free_participation: body.free_participation.then(|| "on".to_owned()),
            licence_name: body.licence_name,
            licence_url: body.licence_url,
            steering_email: body.steering_email,
        }
    }
}

#[utoipa::path(put, path = "/api/v1/site/settings", tag = "site", security(("bearer" = [])), request_body = SiteSettingsBody,
    responses(
        (status = 204, description = "Saved; the public pages show them"),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field refused; nothing is saved", body = Problem, content_type = "application/problem+json")))]
async fn save_settings(
    State(state): State<AppState>,
    viewer: Viewer,
    Json(body): Json<SiteSettingsBody>,
) -> Result<StatusCode, WebError> {
    outreach::save_settings(&state.context(), viewer.actor(), &body.into()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// An entry of a section of the site (a card, a highlight, a body, a
/// person on a body, a contributor, a help channel): the fields its section
/// uses, the others left out.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct EntryBody {
    #[serde(default)]
    position: Option<u32>,
    /// The body a person sits on, for `members`.
    #[serde(default)]
    parent: Option<i64>,
    #[serde(default)]
    tag: String,
    #[serde(default)]
    title_fr: String,
    #[serde(default)]
    title_en: String,
    #[serde(default)]
    text_fr: String,
    #[serde(default)]
    text_en: String,
    #[serde(default)]
    link: String,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    starts_on: String,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    ends_on: String,
}

impl From<EntryBody> for EntryInput {
    fn from(body: EntryBody) -> Self {
        Self {
            position: body.position.map(|p| p.to_string()).unwrap_or_default(),
            parent: body.parent.map(|p| p.to_string()).unwrap_or_default(),
            tag: body.tag,
            title_fr: body.title_fr,
            title_en: body.title_en,
            text_fr: body.text_fr,
            text_en: body.text_en,
            link: body.link,
            starts_on: body.starts_on,
            ends_on: body.ends_on,
        }
    }
}

fn section(slug: &str) -> Result<Section, WebError> {
    Section::parse(slug).map_err(|_| WebError::NotFound)
}

#[utoipa::path(post, path = "/api/v1/site/sections/{section}/entries", tag = "site", security(("bearer" = [])), request_body = EntryBody,
    params(("section" = String, Path, description = "`cards`, `highlights`, `bodies`, `members`, `contributors` or `help`")),
    responses(
        (status = 201, body = Created),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such section, or not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field refused", body = Problem, content_type = "application/problem+json")))]
async fn create_entry(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
    Json(body): Json<EntryBody>,
) -> Result<(StatusCode, axum::Json<Created>), WebError> {
    let section = section(&slug)?;
    let id =
        outreach::create_entry(&state.context(), viewer.actor(), section, &body.into()).await?;
    Ok((StatusCode::CREATED, axum::Json(Created { id: id.0 })))
}

#[utoipa::path(put, path = "/api/v1/site/sections/{section}/entries/{id}", tag = "site", security(("bearer" = [])), request_body = EntryBody,
    params(("section" = String, Path, description = "The entry's section"), ("id" = i64, Path, description = "Entry id")),
    responses(
        (status = 204, description = "Saved"),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such entry in this section, or not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field refused", body = Problem, content_type = "application/problem+json")))]
async fn update_entry(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((slug, id)): Path<(String, i64)>,
    Json(body): Json<EntryBody>,
) -> Result<StatusCode, WebError> {
    let entry = (section(&slug)?, EntryId(id));
    outreach::update_entry(&state.context(), viewer.actor(), entry, &body.into()).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(delete, path = "/api/v1/site/sections/{section}/entries/{id}", tag = "site", security(("bearer" = [])),
    params(("section" = String, Path, description = "The entry's section"), ("id" = i64, Path, description = "Entry id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, description = "Read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such entry in this section, or not allowed", body = Problem, content_type = "application/problem+json")))]
async fn delete_entry(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<StatusCode, WebError> {
    let entry = (section(&slug)?, EntryId(id));
    outreach::delete_entry(&state.context(), viewer.actor(), entry).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `approve`, `refuse`, or `remove` for one approved before.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct VerdictBody {
    verdict: String,
}

#[utoipa::path(post, path = "/api/v1/adopters/{id}/decision", tag = "site", security(("bearer" = [])), request_body = VerdictBody,
    params(("id" = i64, Path, description = "The adopter waiting for moderation")),
    responses(
        (status = 204, description = "Decided: approved adopters are listed on \"who uses it\""),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such adopter, or not a moderator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown verdict", body = Problem, content_type = "application/problem+json")))]
async fn decide_adopter(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Json(body): Json<VerdictBody>,
) -> Result<StatusCode, WebError> {
    outreach::decide_adopter(
        &state.context(),
        viewer.actor(),
        AdopterId(id),
        &body.verdict,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Whether the member organisation shows on "who uses it".
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct ShowcaseBody {
    shown: bool,
}

#[utoipa::path(put, path = "/api/v1/organisations/{id}/showcase", tag = "site", security(("bearer" = [])), request_body = ShowcaseBody,
    params(("id" = i64, Path, description = "Organisation id")),
    responses(
        (status = 204, description = "Saved"),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation, or neither its representative nor the bureau", body = Problem, content_type = "application/problem+json")))]
async fn show_organisation(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Json(body): Json<ShowcaseBody>,
) -> Result<StatusCode, WebError> {
    outreach::show_organisation(
        &state.context(),
        viewer.actor(),
        OrganisationId(id),
        body.shown,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
