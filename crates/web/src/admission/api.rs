//! Admission in the JSON API: applications, the bureau's sessions, decisions
//! and contributions, asking the same core flows as the pages.

use axum::extract::State;
use axum::http::StatusCode;
use cercle_core::accounts::account::AccountId;
use cercle_core::admission::desk;
use cercle_core::admission::{
    self, AdmissionSettingsInput, Application, ApplicationId, ApplicationInput, BureauSession,
    ContributionInput, DecisionInput, SessionId, SessionInput,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::Problem;
use crate::http::error::WebError;
use crate::http::extract::{Json, Path};
use crate::register::api::Created;
use crate::state::AppState;
use crate::viewer::Viewer;

pub fn routes(router: OpenApiRouter<AppState>) -> OpenApiRouter<AppState> {
    router
        .routes(routes!(applications, apply))
        .routes(routes!(my_applications))
        .routes(routes!(withdraw))
        .routes(routes!(decide))
        .routes(routes!(sessions, hold_session))
        .routes(routes!(session))
        .routes(routes!(save_notes))
        .routes(routes!(settings, save_settings))
        .routes(routes!(record_contribution))
}

/// An application for membership, with its decision once taken.
#[derive(Serialize, ToSchema)]
struct ApplicationBody {
    id: i64,
    /// The applicant's name.
    applicant: String,
    /// The plan's name.
    plan: String,
    /// The name of the organisation the applicant represents.
    organisation: Option<String>,
    motivation: String,
    /// `pending`, `accepted`, `refused` or `withdrawn`.
    status: String,
    /// Unix seconds.
    submitted_at: i64,
    decision: Option<DecisionBody>,
}

#[derive(Serialize, ToSchema)]
struct DecisionBody {
    reason: String,
    /// The name of who decided.
    decided_by: String,
    /// Unix seconds.
    decided_at: i64,
    /// The session it was taken in; null when an administrator decided
    /// outside any session.
    session: Option<i64>,
}

impl From<&Application> for ApplicationBody {
    fn from(application: &Application) -> Self {
        Self {
            id: application.id.0,
            applicant: application.applicant_name.clone(),
            plan: application.plan_name.clone(),
            organisation: application
                .organisation
                .as_ref()
                .map(|(_, name)| name.clone()),
            motivation: application.motivation.clone(),
            status: application.status.as_str().to_owned(),
            submitted_at: application.submitted_at.0,
            decision: application.decision.as_ref().map(|d| DecisionBody {
                reason: d.reason.clone(),
                decided_by: d.decided_by_name.clone(),
                decided_at: d.decided_at.0,
                session: d.session.map(|s| s.0),
            }),
        }
    }
}

fn application_bodies(applications: &[Application]) -> Vec<ApplicationBody> {
    applications.iter().map(ApplicationBody::from).collect()
}

#[utoipa::path(get, path = "/api/v1/applications", tag = "admission", security(("bearer" = [])),
    responses((status = 200, body = Vec<ApplicationBody>), (status = 404, description = "Not allowed", body = Problem, content_type = "application/problem+json")))]
async fn applications(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<axum::Json<Vec<ApplicationBody>>, WebError> {
    Ok(axum::Json(application_bodies(
        &desk::applications(&state.context(), viewer.actor()).await?,
    )))
}

/// An application on one's own behalf, or on an organisation's.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct ApplyBody {
    /// A plan id.
    plan: i64,
    /// The id of the organisation the applicant represents, or null.
    organisation: Option<i64>,
    /// Why the applicant applies, for the bureau.
    motivation: String,
}

#[utoipa::path(post, path = "/api/v1/applications", tag = "admission", security(("bearer" = [])), request_body = ApplyBody,
    responses(
        (status = 201, body = Created),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field was refused, or an application is already pending", body = Problem, content_type = "application/problem+json")))]
async fn apply(
    State(state): State<AppState>,
    viewer: Viewer,
    Json(body): Json<ApplyBody>,
) -> Result<(StatusCode, axum::Json<Created>), WebError> {
    let input = ApplicationInput {
        plan: body.plan.to_string(),
        organisation: body
            .organisation
            .map(|id| id.to_string())
            .unwrap_or_default(),
        motivation: body.motivation,
    };
    let id = admission::apply(&state.context(), viewer.actor(), &input).await?;
    Ok((StatusCode::CREATED, axum::Json(Created { id: id.0 })))
}

#[utoipa::path(get, path = "/api/v1/me/applications", tag = "admission", security(("bearer" = [])),
    responses((status = 200, body = Vec<ApplicationBody>), (status = 401, body = Problem, content_type = "application/problem+json")))]
async fn my_applications(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<axum::Json<Vec<ApplicationBody>>, WebError> {
    Ok(axum::Json(application_bodies(
        &desk::my_applications(&state.context(), viewer.actor()).await?,
    )))
}

#[utoipa::path(post, path = "/api/v1/applications/{id}/withdraw", tag = "admission", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Application id")),
    responses(
        (status = 204, description = "Withdrawn"),
        (status = 403, description = "Read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such pending application of the caller's", body = Problem, content_type = "application/problem+json")))]
async fn withdraw(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<StatusCode, WebError> {
    admission::withdraw(&state.context(), viewer.actor(), ApplicationId(id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct DecisionRequest {
    /// `accept` or `refuse`.
    verdict: String,
    /// Told to the applicant; required to refuse.
    #[serde(default)]
    reason: String,
}

/// What a decision opened.
#[derive(Serialize, ToSchema)]
struct DecidedBody {
    /// The membership an acceptance opened; null on refusal.
    membership: Option<i64>,
}

#[utoipa::path(post, path = "/api/v1/applications/{id}/decision", tag = "admission", security(("bearer" = [])), request_body = DecisionRequest,
    params(("id" = i64, Path, description = "Application id")),
    responses(
        (status = 200, body = DecidedBody),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application, or not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Already decided, on no session's agenda, or a field was refused", body = Problem, content_type = "application/problem+json")))]
async fn decide(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Json(body): Json<DecisionRequest>,
) -> Result<axum::Json<DecidedBody>, WebError> {
    let input = DecisionInput {
        verdict: body.verdict,
        reason: body.reason,
    };
    let membership =
        admission::decide(&state.context(), viewer.actor(), ApplicationId(id), &input).await?;
    // The decision queued an email to the applicant: send it now rather
    // than at the worker's next poll.
    state.jobs.wake();
    Ok(axum::Json(DecidedBody {
        membership: membership.map(|m| m.0),
    }))
}

/// A session of the bureau, with the applications on its agenda.
#[derive(Serialize, ToSchema)]
struct SessionBody {
    id: i64,
    /// `YYYY-MM-DD`.
    held_on: String,
    title: String,
    /// The names of those who attended.
    attendees: Vec<String>,
    notes: String,
    /// Application ids, oldest first.
    agenda: Vec<i64>,
}

impl From<BureauSession> for SessionBody {
    fn from(session: BureauSession) -> Self {
        Self {
            id: session.id.0,
            held_on: session.held_on.to_string(),
            title: session.title,
            attendees: session
                .attendees
                .into_iter()
                .map(|(_, name)| name)
                .collect(),
            notes: session.notes,
            agenda: session.agenda.iter().map(|a| a.0).collect(),
        }
    }
}

#[utoipa::path(get, path = "/api/v1/bureau/sessions", tag = "admission", security(("bearer" = [])),
    responses((status = 200, body = Vec<SessionBody>), (status = 404, description = "Not allowed", body = Problem, content_type = "application/problem+json")))]
async fn sessions(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<axum::Json<Vec<SessionBody>>, WebError> {
    let sessions = desk::sessions(&state.context(), viewer.actor()).await?;
    Ok(axum::Json(
        sessions.into_iter().map(SessionBody::from).collect(),
    ))
}

/// A session held today or on another day; pending applications on no
/// agenda go on its agenda.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct NewSessionBody {
    /// `YYYY-MM-DD`.
    held_on: String,
    title: String,
    /// Account ids of the bureau members present.
    #[serde(default)]
    attendees: Vec<i64>,
}

#[utoipa::path(post, path = "/api/v1/bureau/sessions", tag = "admission", security(("bearer" = [])), request_body = NewSessionBody,
    responses(
        (status = 201, body = Created),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn hold_session(
    State(state): State<AppState>,
    viewer: Viewer,
    Json(body): Json<NewSessionBody>,
) -> Result<(StatusCode, axum::Json<Created>), WebError> {
    let input = SessionInput {
        held_on: body.held_on,
        title: body.title,
        attendees: body.attendees.iter().map(i64::to_string).collect(),
    };
    let id = admission::hold_session(&state.context(), viewer.actor(), &input).await?;
    Ok((StatusCode::CREATED, axum::Json(Created { id: id.0 })))
}

#[utoipa::path(get, path = "/api/v1/bureau/sessions/{id}", tag = "admission", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Session id")),
    responses((status = 200, body = SessionBody), (status = 404, description = "No such session, or not allowed", body = Problem, content_type = "application/problem+json")))]
async fn session(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<axum::Json<SessionBody>, WebError> {
    let agenda = desk::session(&state.context(), viewer.actor(), SessionId(id)).await?;
    Ok(axum::Json(SessionBody::from(agenda.session)))
}

/// The notes of a session, replacing those before.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct NotesBody {
    notes: String,
}

#[utoipa::path(put, path = "/api/v1/bureau/sessions/{id}/notes", tag = "admission", security(("bearer" = [])), request_body = NotesBody,
    params(("id" = i64, Path, description = "Session id")),
    responses(
        (status = 200, description = "Saved: the session as it now reads", body = SessionBody),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such session, or not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Notes longer than 20,000 characters", body = Problem, content_type = "application/problem+json")))]
async fn save_notes(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Json(body): Json<NotesBody>,
) -> Result<axum::Json<SessionBody>, WebError> {
    let ctx = state.context();
    desk::save_session_notes(&ctx, viewer.actor(), SessionId(id), &body.notes).await?;
    let agenda = desk::session(&ctx, viewer.actor(), SessionId(id)).await?;
    Ok(axum::Json(SessionBody::from(agenda.session)))
}

/// Something a person did for the association.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct ContributionBody {
    /// `moderation`, `administration`, `development`, `communication`,
    /// `donation`, `content` or `events`.
    kind: String,
    /// `YYYY-MM-DD`.
    on: String,
    #[serde(default)]
    note: String,
}

#[utoipa::path(post, path = "/api/v1/people/{id}/contributions", tag = "admission", security(("bearer" = [])), request_body = ContributionBody,
    params(("id" = i64, Path, description = "Account id")),
    responses(
        (status = 201, body = Created),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such person, or not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn record_contribution(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Json(body): Json<ContributionBody>,
) -> Result<(StatusCode, axum::Json<Created>), WebError> {
    let input = ContributionInput {
        kind: body.kind,
        on: body.on,
        note: body.note,
    };
    let contribution =
        admission::record_contribution(&state.context(), viewer.actor(), AccountId(id), &input)
            .await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(Created { id: contribution.0 }),
    ))
}

/// Who may hold a membership, and how admission goes.
#[derive(Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct SettingsBody {
    /// `both`, `individuals_only` or `organisations_only`.
    policy: String,
    /// Whether an administrator may decide on an application outside a
    /// session of the bureau.
    decisions_outside_sessions: bool,
    /// Days without a contribution after which membership lapses; null
    /// when membership does not depend on contributing.
    contribution_inactivity_days: Option<u32>,
}

#[utoipa::path(get, path = "/api/v1/settings", tag = "admission", security(("bearer" = [])),
    responses(
        (status = 200, body = SettingsBody),
        (status = 404, description = "Not allowed", body = Problem, content_type = "application/problem+json")))]
async fn settings(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<axum::Json<SettingsBody>, WebError> {
    let (policy, admission) = desk::settings(&state.context(), viewer.actor()).await?;
    Ok(axum::Json(SettingsBody {
        policy: policy.as_str().to_owned(),
        decisions_outside_sessions: admission.decisions_outside_sessions,
        contribution_inactivity_days: admission.contribution_inactivity_days,
    }))
}

#[utoipa::path(put, path = "/api/v1/settings", tag = "admission", security(("bearer" = [])), request_body = SettingsBody,
    responses(
        (status = 204, description = "Both saved"),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field was refused; nothing is saved", body = Problem, content_type = "application/problem+json")))]
async fn save_settings(
    State(state): State<AppState>,
    viewer: Viewer,
    Json(body): Json<SettingsBody>,
) -> Result<StatusCode, WebError> {
    let input = desk::SettingsInput {
        policy: body.policy,
        admission: AdmissionSettingsInput {
            decisions_outside_sessions: body.decisions_outside_sessions.then(|| "on".to_owned()),
            contribution_inactivity_days: body
                .contribution_inactivity_days
                .map(|days| days.to_string())
                .unwrap_or_default(),
        },
    };
    desk::save_settings(&state.context(), viewer.actor(), &input).await?;
    Ok(StatusCode::NO_CONTENT)
}
