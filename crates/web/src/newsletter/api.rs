//! The newsletter in the JSON API, through the same core flows as the
//! pages: the public lists and the subscription, which asks for
//! confirmation by email like the form, and for administrators the lists
//! created and the issues sent.

use axum::extract::State;
use axum::http::StatusCode;
use cercle_core::newsletter::{self, IssueInput, MailingList, MailingListInput, SubscriptionInput};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::Problem;
use crate::http::error::WebError;
use crate::http::extract::{ClientIp, Json};
use crate::http::rate_limit::Bucket;
use crate::register::api::Created;
use crate::state::AppState;
use crate::viewer::Viewer;

pub fn routes(router: OpenApiRouter<AppState>) -> OpenApiRouter<AppState> {
    router
        .routes(routes!(lists, create_list))
        .routes(routes!(subscribe))
        .routes(routes!(send_issue))
}

/// A mailing list anyone may subscribe to.
#[derive(Serialize, ToSchema)]
struct ListBody {
    slug: String,
    name: String,
    description: String,
}

impl From<MailingList> for ListBody {
    fn from(list: MailingList) -> Self {
        Self {
            slug: list.slug.as_str().to_owned(),
            name: list.name,
            description: list.description,
        }
    }
}

#[utoipa::path(get, path = "/api/v1/newsletter/lists", tag = "newsletter",
    responses((status = 200, description = "The public lists, by name", body = Vec<ListBody>)))]
async fn lists(State(state): State<AppState>) -> Result<axum::Json<Vec<ListBody>>, WebError> {
    let lists = newsletter::lists(&state.context()).await?;
    Ok(axum::Json(lists.into_iter().map(ListBody::from).collect()))
}

/// An address, the language of the emails, and the slugs of the lists.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct SubscriptionBody {
    email: String,
    /// `fr` or `en`.
    language: String,
    lists: Vec<String>,
}

#[utoipa::path(post, path = "/api/v1/newsletter/subscriptions", tag = "newsletter", request_body = SubscriptionBody,
    responses(
        (status = 202, description = "A confirmation link is on its way; the answer is the same whether the address was subscribed or not"),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An address, language or list refused", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many subscriptions from this address", body = Problem, content_type = "application/problem+json")))]
async fn subscribe(
    State(state): State<AppState>,
    ClientIp(client): ClientIp,
    Json(body): Json<SubscriptionBody>,
) -> Result<StatusCode, WebError> {
    state.limiter.check(Bucket::Newsletter, client)?;
    let input = SubscriptionInput {
        email: body.email,
        language: body.language,
        lists: body.lists,
    };
    newsletter::subscribe(&state.context(), &input).await?;
    state.jobs.wake();
    Ok(StatusCode::ACCEPTED)
}

/// A new list: its address in URLs, its name and what it is about.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct NewListBody {
    slug: String,
    name: String,
    description: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/newsletter/lists", tag = "newsletter", security(("bearer" = [])), request_body = NewListBody,
    responses(
        (status = 201, body = Created),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field refused, or the slug taken", body = Problem, content_type = "application/problem+json")))]
async fn create_list(
    State(state): State<AppState>,
    viewer: Viewer,
    Json(body): Json<NewListBody>,
) -> Result<(StatusCode, axum::Json<Created>), WebError> {
    let input = MailingListInput {
        slug: body.slug,
        name: body.name,
        description: body.description.unwrap_or_default(),
    };
    let id = newsletter::create_list(&state.context(), viewer.actor(), &input).await?;
    Ok((StatusCode::CREATED, axum::Json(Created { id: id.0 })))
}

/// An issue for one list: its slug, the subject and the text.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct IssueBody {
    list: String,
    subject: String,
    body: String,
}

/// The issue recorded, and how many confirmed subscribers it goes to.
#[derive(Serialize, ToSchema)]
struct SentBody {
    id: i64,
    recipients: i64,
}

#[utoipa::path(post, path = "/api/v1/newsletter/issues", tag = "newsletter", security(("bearer" = [])), request_body = IssueBody,
    responses(
        (status = 201, description = "Recorded; one email per subscriber is on its way", body = SentBody),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown list, or a field refused", body = Problem, content_type = "application/problem+json")))]
async fn send_issue(
    State(state): State<AppState>,
    viewer: Viewer,
    Json(body): Json<IssueBody>,
) -> Result<(StatusCode, axum::Json<SentBody>), WebError> {
    let input = IssueInput {
        list: body.list,
        subject: body.subject,
        body: body.body,
    };
    let sent = newsletter::send_issue(&state.context(), viewer.actor(), &input).await?;
    state.jobs.wake();
    Ok((
        StatusCode::CREATED,
        axum::Json(SentBody {
            id: sent.id.0,
            recipients: sent.recipients,
        }),
    ))
}
