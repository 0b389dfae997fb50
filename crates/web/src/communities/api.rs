//! Communities in the JSON API, through the same core flows as the pages.

use axum::extract::{Query, State};
use axum::http::header::LINK;
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use cercle_core::communities::community::{AccessPolicy, Community, JoinRequestId};
use cercle_core::communities::flows::{
    self as communities, DirectoryInput, DirectoryQuery, JoinInput, JoinOutcome,
};
use cercle_core::communities::joining;
use cercle_core::communities::store::VouchOutcome;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::Problem;
use crate::communities::pages::neighbours;
use crate::http::error::WebError;
use crate::http::extract::{Json, Path};
use crate::state::AppState;
use crate::viewer::Viewer;

pub fn routes(router: OpenApiRouter<AppState>) -> OpenApiRouter<AppState> {
    router
        .routes(routes!(list))
        .routes(routes!(show))
        .routes(routes!(join))
        .routes(routes!(vouch))
}

/// A community as the directory lists it.
#[derive(Serialize, ToSchema)]
struct CommunityBody {
    slug: String,
    name: String,
    /// `community`, `working_group`, `team` or `governing_body`.
    kind: String,
    theme: String,
    cadence: String,
    /// `public`, `members_only` or `secret`.
    visibility: String,
    /// `open`, `request`, `cooptation`, `application` or `invitation`.
    access: String,
    members: i64,
}

impl From<&Community> for CommunityBody {
    fn from(community: &Community) -> Self {
        let fields = &community.fields;
        Self {
            slug: fields.slug.as_str().to_owned(),
            name: fields.name.clone(),
            kind: fields.kind.as_str().to_owned(),
            theme: fields.theme.clone(),
            cadence: fields.cadence.clone(),
            visibility: fields.visibility.as_str().to_owned(),
            access: fields.access.as_str().to_owned(),
            members: community.members,
        }
    }
}

/// The directory's filters, as the HTML directory takes them.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct ListParams {
    /// Words each starting a word of the name, theme or description.
    q: Option<String>,
    /// `community`, `working_group`, `team` or `governing_body`.
    kind: Option<String>,
    /// A theme, exactly as listed.
    theme: Option<String>,
    /// The page, from 1; 20 communities a page.
    page: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/communities", tag = "communities", params(ListParams),
    responses(
        (status = 200, description = "One page of the communities the caller may see, by name, 20 at most",
            body = Vec<CommunityBody>,
            headers(
                ("X-Total-Count" = u64, description = "How many communities match, on every page"),
                ("Link" = String, description = "The pages before and after, as `rel=\"prev\"` and `rel=\"next\"` (RFC 8288), filters kept"))),
        (status = 422, description = "A filter or page that is not valid", body = Problem, content_type = "application/problem+json")))]
async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(params): Query<ListParams>,
) -> Result<Response, WebError> {
    let input = DirectoryInput {
        q: params.q.unwrap_or_default(),
        kind: params.kind.unwrap_or_default(),
        theme: params.theme.unwrap_or_default(),
        open: None,
        page: params.page.unwrap_or_default(),
    };
    let query = DirectoryQuery::parse(&input).map_err(WebError::Invalid)?;
    let directory = communities::directory(&state.context(), viewer.actor(), &query).await?;
    let (previous, next) = neighbours(
        "/api/v1/communities",
        &input,
        directory.page.get(),
        directory.pages,
    );
    let links: Vec<String> = [(previous, "prev"), (next, "next")]
        .into_iter()
        .filter_map(|(href, rel)| href.map(|href| format!("<{href}>; rel=\"{rel}\"")))
        .collect();
    let body: Vec<CommunityBody> = directory
        .communities
        .iter()
        .map(CommunityBody::from)
        .collect();
    let mut response = axum::Json(body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        HeaderName::from_static("x-total-count"),
        HeaderValue::from(directory.total),
    );
    if !links.is_empty()
        && let Ok(link) = HeaderValue::from_str(&links.join(", "))
    {
        headers.insert(LINK, link);
    }
    Ok(response)
}

/// A community's page: its description, objectives and channels, and the
/// caller's place in it.
#[derive(Serialize, ToSchema)]
struct CommunityDetail {
    #[serde(flatten)]
    summary: CommunityBody,
    description: String,
    objectives: Vec<String>,
    /// `(kind, label, url)`.
    channels: Vec<(String, String, String)>,
    /// `(name, role)` of the referents.
    referents: Vec<(String, String)>,
    member: bool,
    pending_request: bool,
    /// Under co-optation, how many members must vouch for a request.
    vouches_required: Option<u8>,
    /// An application's questions, answered in order by `answers` on joining.
    questions: Vec<String>,
    /// Why the caller's access, as a member, is suspended (their association
    /// membership lapsed, say); empty when it is not.
    access_suspended: Vec<String>,
}

#[utoipa::path(get, path = "/api/v1/communities/{slug}", tag = "communities",
    params(("slug" = String, Path, description = "The community's address")),
    responses((status = 200, body = CommunityDetail), (status = 404, description = "No such community, or one the caller may not see", body = Problem, content_type = "application/problem+json")))]
async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
) -> Result<axum::Json<CommunityDetail>, WebError> {
    let view = communities::view(&state.context(), viewer.actor(), &slug).await?;
    let fields = &view.community.fields;
    Ok(axum::Json(CommunityDetail {
        summary: CommunityBody::from(&view.community),
        description: fields.description.clone(),
        objectives: fields.objectives.clone(),
        channels: fields
            .channels
            .iter()
            .map(|c| (c.kind.as_str().to_owned(), c.label.clone(), c.url.clone()))
            .collect(),
        referents: view.referents.clone(),
        member: view.me.is_some(),
        pending_request: view.pending.is_some(),
        vouches_required: (fields.access == AccessPolicy::Cooptation)
            .then_some(fields.vouches_required),
        questions: fields.questions.clone(),
        access_suspended: view.lapsed.clone(),
    }))
}

/// A request to join. `engagement` is `news`, `occasional` or `regular`;
/// where the community has a charter, `accept_charter` names the version the
/// caller read and accepts.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct JoinBody {
    motivation: Option<String>,
    engagement: Option<String>,
    accept_charter: Option<i64>,
    /// An application's answers, in the order of the community's questions.
    answers: Option<Vec<String>>,
}

/// What came of it: `joined`, `requested` with the request to follow, or
/// `ineligible` with the reasons.
#[derive(Serialize, ToSchema)]
struct JoinAnswer {
    outcome: String,
    /// The request left for review, when `requested`.
    request: Option<i64>,
    reasons: Vec<String>,
}

#[utoipa::path(post, path = "/api/v1/communities/{slug}/join", tag = "communities", security(("bearer" = [])), request_body = JoinBody,
    params(("slug" = String, Path, description = "The community's address")),
    responses(
        (status = 200, description = "Joined, or asked", body = JoinAnswer),
        (status = 403, description = "Refused by the eligibility rules, or a read-only token", body = JoinAnswer),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn join(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
    Json(body): Json<JoinBody>,
) -> Result<(StatusCode, axum::Json<JoinAnswer>), WebError> {
    let input = JoinInput {
        motivation: body.motivation.unwrap_or_default(),
        engagement: body.engagement.unwrap_or_default(),
        charter_version: body
            .accept_charter
            .map(|v| v.to_string())
            .unwrap_or_default(),
        accept_charter: body.accept_charter.map(|_| "on".to_owned()),
        answers: body.answers.unwrap_or_default(),
    };
    let outcome = communities::join(&state.context(), viewer.actor(), &slug, &input).await?;
    state.jobs.wake();
    let (status, outcome, request, reasons) = match outcome {
        JoinOutcome::Joined => (StatusCode::OK, "joined", None, Vec::new()),
        JoinOutcome::Requested(id) => (StatusCode::OK, "requested", Some(id.0), Vec::new()),
        JoinOutcome::Ineligible(reasons) => (StatusCode::FORBIDDEN, "ineligible", None, reasons),
    };
    Ok((
        status,
        axum::Json(JoinAnswer {
            outcome: outcome.to_owned(),
            request,
            reasons,
        }),
    ))
}

/// What a vouch led to: `counted` with the vouches so far, or `accepted`
/// when it was the last one needed.
#[derive(Serialize, ToSchema)]
struct VouchAnswer {
    outcome: String,
    vouches: Option<u8>,
}

#[utoipa::path(post, path = "/api/v1/join-requests/{id}/vouch", tag = "communities", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The pending request")),
    responses(
        (status = 200, description = "Counted, or accepted as the last vouch needed", body = VouchAnswer),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such request, or not one the caller may vouch for", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a co-opting community, already vouched, or decided", body = Problem, content_type = "application/problem+json")))]
async fn vouch(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<axum::Json<VouchAnswer>, WebError> {
    let (_, outcome) = joining::vouch(&state.context(), viewer.actor(), JoinRequestId(id)).await?;
    state.jobs.wake();
    Ok(axum::Json(match outcome {
        VouchOutcome::Counted(vouches) => VouchAnswer {
            outcome: "counted".to_owned(),
            vouches: Some(vouches),
        },
        VouchOutcome::Accepted => VouchAnswer {
            outcome: "accepted".to_owned(),
            vouches: None,
        },
    }))
}
