//! The security inbox in the JSON API, through the same core flows as the
//! pages: anyone may send a report, under the form's rate limit; the
//! security contacts read the reports and move them along.

use axum::extract::State;
use axum::http::StatusCode;
use cercle_core::accounts::flows::FlowError;
use cercle_core::kernel::association::Language;
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
use crate::state::AppState;
use crate::viewer::Viewer;

pub fn routes(router: OpenApiRouter<AppState>) -> OpenApiRouter<AppState> {
    router
        .routes(routes!(reports, report))
        .routes(routes!(detail))
        .routes(routes!(set_state))
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
