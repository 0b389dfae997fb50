//! The API twins of the community pages' forms: creating and editing a
//! community, leaving, roles, exclusion
//! and readmission, the charter, one's engagement, join requests decided,
//! withdrawn or interviewed, invitations, and the chat webhook. Each calls the same core flow
//! as its form, so the same person may do the same thing either way.

use axum::extract::State;
use axum::http::StatusCode;
use cercle_core::accounts::account::AccountId;
use cercle_core::communities::community::{CommunityInput, InvitationId, JoinRequestId};
use cercle_core::communities::flows::{
    self as communities, AppointmentInput, ExclusionInput, ReviewInput,
};
use cercle_core::communities::joining::{self, InterviewInput, InvitationInput};
use cercle_core::communities::webhook::{self, WebhookInput, WebhookSubmission};
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
        .routes(routes!(create))
        .routes(routes!(update))
        .routes(routes!(leave))
        .routes(routes!(appoint))
        .routes(routes!(exclude))
        .routes(routes!(readmit))
        .routes(routes!(publish_charter))
        .routes(routes!(accept_charter))
        .routes(routes!(set_engagement))
        .routes(routes!(decide))
        .routes(routes!(withdraw))
        .routes(routes!(interview))
        .routes(routes!(invite))
        .routes(routes!(revoke_invitation))
        .routes(routes!(set_webhook, remove_webhook))
}

/// A community or working group as administrators describe it.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct CommunityBody {
    /// Its address: lowercase letters, digits and dashes.
    slug: String,
    name: String,
    /// `community`, `working_group`, `team` or `governing_body`.
    kind: String,
    #[serde(default)]
    theme: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    objectives: Vec<String>,
    /// How often it meets, in words.
    #[serde(default)]
    cadence: String,
    #[serde(default)]
    channels: Vec<ChannelBody>,
    /// `public`, `members` or `secret`.
    visibility: String,
    /// `open`, `request`, `application`, `cooptation` or `invitation`.
    access: String,
    /// The eligibility rules: adherents only, organisations in good
    /// standing, individuals only, active contributors within these days.
    #[serde(default)]
    adherents_only: bool,
    #[serde(default)]
    organisation_in_good_standing: bool,
    #[serde(default)]
    individuals_only: bool,
    active_contributor_days: Option<u32>,
    /// Under co-optation; two when left out.
    vouches_required: Option<u8>,
    /// An application's questions.
    #[serde(default)]
    questions: Vec<String>,
    /// Seed 003's profile card: `#rrggbb`, quotes, and scores by axis.
    #[serde(default)]
    card_colour: String,
    #[serde(default)]
    card_quotes: Vec<String>,
    #[serde(default)]
    card_scores: Vec<ScoreBody>,
}

/// Where the community talks: `slack`, `matrix`, `discourse`, `mailing_list`
/// or another kind, a label and an address.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct ChannelBody {
    kind: String,
    label: String,
    url: String,
}

/// A score of the profile card, from 0 to 100.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct ScoreBody {
    axis: String,
    score: u8,
}

impl From<CommunityBody> for CommunityInput {
    fn from(body: CommunityBody) -> Self {
        let tick = |on: bool| on.then(|| "on".to_owned());
        let number = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
        Self {
            slug: body.slug,
            name: body.name,
            kind: body.kind,
            theme: body.theme,
            description: body.description,
            objectives: body.objectives.join("\n"),
            cadence: body.cadence,
            channels: body
                .channels
                .iter()
                .map(|c| format!("{} | {} | {}", c.kind, c.label, c.url))
                .collect::<Vec<_>>()
                .join("\n"),
            visibility: body.visibility,
            access: body.access,
            adherents_only: tick(body.adherents_only),
            organisation_in_good_standing: tick(body.organisation_in_good_standing),
            individuals_only: tick(body.individuals_only),
            active_contributor_days: number(body.active_contributor_days),
            vouches_required: number(body.vouches_required.map(u32::from)),
            questions: body.questions.join("\n"),
            card_colour: body.card_colour,
            card_quotes: body.card_quotes.join("\n"),
            card_scores: body
                .card_scores
                .iter()
                .map(|s| format!("{}: {}", s.axis, s.score))
                .collect::<Vec<_>>()
                .join(", "),
        }
    }
}

#[utoipa::path(post, path = "/api/v1/communities", tag = "communities", security(("bearer" = [])), request_body = CommunityBody,
    responses(
        (status = 201, body = Created),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field refused, or the address taken", body = Problem, content_type = "application/problem+json")))]
async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    Json(body): Json<CommunityBody>,
) -> Result<(StatusCode, axum::Json<Created>), WebError> {
    let id = communities::create(&state.context(), viewer.actor(), &body.into()).await?;
    Ok((StatusCode::CREATED, axum::Json(Created { id: id.0 })))
}

#[utoipa::path(put, path = "/api/v1/communities/{slug}", tag = "communities", security(("bearer" = [])), request_body = CommunityBody,
    params(("slug" = String, Path, description = "The community's address")),
    responses(
        (status = 204, description = "Saved; a new slug is its new address"),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such community, or not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field refused, or the address taken", body = Problem, content_type = "application/problem+json")))]
async fn update(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
    Json(body): Json<CommunityBody>,
) -> Result<StatusCode, WebError> {
    communities::update(&state.context(), viewer.actor(), &slug, &body.into()).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/communities/{slug}/leave", tag = "communities", security(("bearer" = [])),
    params(("slug" = String, Path, description = "The community's address")),
    responses(
        (status = 204, description = "Left; the pilots are told"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such community, or not one the caller belongs to", body = Problem, content_type = "application/problem+json")))]
async fn leave(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
) -> Result<StatusCode, WebError> {
    communities::leave(&state.context(), viewer.actor(), &slug).await?;
    state.jobs.wake();
    Ok(StatusCode::NO_CONTENT)
}

/// A person, by email, and the role they take: `pilot`, `animator`,
/// `facilitator`, `sponsor`, `reviewer` or another role of the community.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct AppointmentBody {
    email: String,
    role: String,
}

#[utoipa::path(post, path = "/api/v1/communities/{slug}/appointments", tag = "communities", security(("bearer" = [])), request_body = AppointmentBody,
    params(("slug" = String, Path, description = "The community's address")),
    responses(
        (status = 204, description = "Appointed, made a member first if needed"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such community, or the caller may not appoint", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown person or role", body = Problem, content_type = "application/problem+json")))]
async fn appoint(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
    Json(body): Json<AppointmentBody>,
) -> Result<StatusCode, WebError> {
    let input = AppointmentInput {
        email: body.email,
        role: body.role,
    };
    communities::appoint(&state.context(), viewer.actor(), &slug, &input).await?;
    state.jobs.wake();
    Ok(StatusCode::NO_CONTENT)
}

/// Who is excluded, why, and the number of the charter's rule they broke
/// (required when the charter numbers its rules).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct ExclusionBody {
    email: String,
    reason: String,
    rule: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/communities/{slug}/exclusions", tag = "communities", security(("bearer" = [])), request_body = ExclusionBody,
    params(("slug" = String, Path, description = "The community's address")),
    responses(
        (status = 204, description = "Excluded; the person is told why"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such community, or the caller may not moderate it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a member, no reason, or no rule named", body = Problem, content_type = "application/problem+json")))]
async fn exclude(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
    Json(body): Json<ExclusionBody>,
) -> Result<StatusCode, WebError> {
    let input = ExclusionInput {
        email: body.email,
        reason: body.reason,
        rule: body.rule.unwrap_or_default(),
    };
    communities::exclude(&state.context(), viewer.actor(), &slug, &input).await?;
    state.jobs.wake();
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/communities/{slug}/exclusions/{account}/readmit", tag = "communities", security(("bearer" = [])),
    params(("slug" = String, Path, description = "The community's address"), ("account" = i64, Path, description = "The excluded person's account")),
    responses(
        (status = 204, description = "Readmitted: they may ask to join again"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such community or exclusion, or the caller may not moderate", body = Problem, content_type = "application/problem+json")))]
async fn readmit(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((slug, account)): Path<(String, i64)>,
) -> Result<StatusCode, WebError> {
    communities::readmit(&state.context(), viewer.actor(), &slug, AccountId(account)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The charter's new text, in Markdown; a numbered list numbers its rules.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct CharterBody {
    text: String,
}

/// The version a publication made.
#[derive(Serialize, ToSchema)]
struct CharterVersion {
    version: i64,
}

#[utoipa::path(put, path = "/api/v1/communities/{slug}/charter", tag = "communities", security(("bearer" = [])), request_body = CharterBody,
    params(("slug" = String, Path, description = "The community's address")),
    responses(
        (status = 200, description = "Published as a new version, which members accept anew", body = CharterVersion),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such community, or the caller may not edit its charter", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An empty or too long text", body = Problem, content_type = "application/problem+json")))]
async fn publish_charter(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
    Json(body): Json<CharterBody>,
) -> Result<axum::Json<CharterVersion>, WebError> {
    let version =
        communities::publish_charter(&state.context(), viewer.actor(), &slug, &body.text).await?;
    Ok(axum::Json(CharterVersion { version }))
}

/// The charter version the member read and accepts.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct AcceptanceBody {
    version: i64,
}

#[utoipa::path(post, path = "/api/v1/communities/{slug}/charter/accept", tag = "communities", security(("bearer" = [])), request_body = AcceptanceBody,
    params(("slug" = String, Path, description = "The community's address")),
    responses(
        (status = 204, description = "Accepted"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such community, or the caller is no member", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not the version in force", body = Problem, content_type = "application/problem+json")))]
async fn accept_charter(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
    Json(body): Json<AcceptanceBody>,
) -> Result<StatusCode, WebError> {
    let version = body.version.to_string();
    communities::accept_charter(&state.context(), viewer.actor(), &slug, &version).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// How much the member takes part: `news`, `occasional` or `regular`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct EngagementBody {
    engagement: String,
}

#[utoipa::path(put, path = "/api/v1/communities/{slug}/engagement", tag = "communities", security(("bearer" = [])), request_body = EngagementBody,
    params(("slug" = String, Path, description = "The community's address")),
    responses(
        (status = 204, description = "Saved"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such community, or the caller is no member", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown engagement", body = Problem, content_type = "application/problem+json")))]
async fn set_engagement(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
    Json(body): Json<EngagementBody>,
) -> Result<StatusCode, WebError> {
    communities::set_engagement(&state.context(), viewer.actor(), &slug, &body.engagement).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `accept` or `refuse`; a refusal says why, an acceptance may say welcome.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct DecisionBody {
    verdict: String,
    reason: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/join-requests/{id}/decision", tag = "communities", security(("bearer" = [])), request_body = DecisionBody,
    params(("id" = i64, Path, description = "The pending request")),
    responses(
        (status = 204, description = "Decided; the requester is told"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such request, or the caller may not review it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Already decided, no reason for a refusal, or no interview yet", body = Problem, content_type = "application/problem+json")))]
async fn decide(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Json(body): Json<DecisionBody>,
) -> Result<StatusCode, WebError> {
    let input = ReviewInput {
        verdict: body.verdict,
        reason: body.reason.unwrap_or_default(),
    };
    communities::review(&state.context(), viewer.actor(), JoinRequestId(id), &input).await?;
    state.jobs.wake();
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/join-requests/{id}/withdraw", tag = "communities", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The caller's pending request")),
    responses(
        (status = 204, description = "Withdrawn"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such pending request of the caller's", body = Problem, content_type = "application/problem+json")))]
async fn withdraw(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<StatusCode, WebError> {
    communities::withdraw(&state.context(), viewer.actor(), JoinRequestId(id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// When the interview was held (`YYYY-MM-DD`, not in the future) and what
/// the reviewer noted.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct InterviewBody {
    held_on: String,
    notes: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/join-requests/{id}/interview", tag = "communities", security(("bearer" = [])), request_body = InterviewBody,
    params(("id" = i64, Path, description = "The pending application")),
    responses(
        (status = 204, description = "Recorded: the application may now be accepted"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such request, or the caller may not review it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not an application, decided, or a date refused", body = Problem, content_type = "application/problem+json")))]
async fn interview(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Json(body): Json<InterviewBody>,
) -> Result<StatusCode, WebError> {
    let input = InterviewInput {
        held_on: body.held_on,
        notes: body.notes.unwrap_or_default(),
    };
    joining::record_interview(&state.context(), viewer.actor(), JoinRequestId(id), &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The address the invitation goes to.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct InvitationBody {
    email: String,
}

#[utoipa::path(post, path = "/api/v1/communities/{slug}/invitations", tag = "communities", security(("bearer" = [])), request_body = InvitationBody,
    params(("slug" = String, Path, description = "The community's address")),
    responses(
        (status = 201, description = "Sent: a link valid for two weeks and once", body = Created),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such community, or the caller may not invite", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An address refused, or already a member", body = Problem, content_type = "application/problem+json")))]
async fn invite(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
    Json(body): Json<InvitationBody>,
) -> Result<(StatusCode, axum::Json<Created>), WebError> {
    let input = InvitationInput { email: body.email };
    let id = joining::invite(&state.context(), viewer.actor(), &slug, &input).await?;
    state.jobs.wake();
    Ok((StatusCode::CREATED, axum::Json(Created { id: id.0 })))
}

#[utoipa::path(post, path = "/api/v1/communities/{slug}/invitations/{invitation}/revoke", tag = "communities", security(("bearer" = [])),
    params(("slug" = String, Path, description = "The community's address"), ("invitation" = i64, Path, description = "An open invitation")),
    responses(
        (status = 204, description = "Revoked: its link no longer works"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such invitation, or the caller may not revoke it", body = Problem, content_type = "application/problem+json")))]
async fn revoke_invitation(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((slug, invitation)): Path<(String, i64)>,
) -> Result<StatusCode, WebError> {
    joining::revoke_invitation(
        &state.context(),
        viewer.actor(),
        &slug,
        InvitationId(invitation),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Where the community's chat hears of arrivals: `slack`, `mattermost`,
/// `matrix` or `discord`, and the incoming webhook's https address.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct WebhookBody {
    kind: String,
    url: String,
}

#[utoipa::path(put, path = "/api/v1/communities/{slug}/webhook", tag = "communities", security(("bearer" = [])), request_body = WebhookBody,
    params(("slug" = String, Path, description = "The community's address")),
    responses(
        (status = 204, description = "Set, replacing the one before"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such community, or the caller may not manage it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown kind, or an address refused: not https, or private", body = Problem, content_type = "application/problem+json")))]
async fn set_webhook(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
    Json(body): Json<WebhookBody>,
) -> Result<StatusCode, WebError> {
    let input = WebhookInput {
        kind: body.kind,
        url: body.url,
    };
    let submission = WebhookSubmission {
        slug: &slug,
        input: &input,
        private_networks: state.settings.private_networks,
    };
    webhook::set_webhook(&state.context(), viewer.actor(), &submission).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(delete, path = "/api/v1/communities/{slug}/webhook", tag = "communities", security(("bearer" = [])),
    params(("slug" = String, Path, description = "The community's address")),
    responses(
        (status = 204, description = "Removed, or there was none"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such community, or the caller may not manage it", body = Problem, content_type = "application/problem+json")))]
async fn remove_webhook(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
) -> Result<StatusCode, WebError> {
    webhook::remove_webhook(&state.context(), viewer.actor(), &slug).await?;
    Ok(StatusCode::NO_CONTENT)
}
