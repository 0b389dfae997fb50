//! The ways into a community beyond a plain request: vouching for a request
//! under co-optation, recording an applicant's interview, and invitations by
//! email with the page their link opens.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use cercle_core::accounts::flows::FlowError;
use cercle_core::communities::community::{Engagement, InvitationId, JoinRequestId};
use cercle_core::communities::flows::{self as communities, JoinOutcome};
use cercle_core::communities::joining::{
    self, AcceptInvitationInput, InterviewInput, InvitationInput, InvitationState, InvitationView,
};
use cercle_core::kernel::validation::ValidationError;

use crate::communities::pages::{Shown, community_page, requests_page};
use crate::http::error::WebError;
use crate::http::extract::{Form, Path};
use crate::http::middleware::see_other;
use crate::http::page_routes;
use crate::state::AppState;
use crate::templates::{FieldErrors, Layout, Tr, render_form};
use crate::viewer::Viewer;

page_routes! {
    post "/c/{slug}/invitations" => invite,
    post "/c/{slug}/invitations/{invitation}/revoke" => revoke,
    get "/invitations/{token}" => invitation,
    post "/invitations/{token}" => accept,
    post "/join-requests/{id}/vouch" => vouch,
    post "/join-requests/{id}/interview" => interview,
}

async fn vouch(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    match joining::vouch(&state.context(), viewer.actor(), JoinRequestId(id)).await {
        Ok((community, _)) => {
            state.jobs.wake();
            Ok(see_other(&format!("/c/{}", community.fields.slug.as_str())))
        }
        Err(FlowError::Invalid(errors)) => {
            let community =
                joining::request_community(&state.context(), viewer.actor(), JoinRequestId(id))
                    .await?;
            let view = communities::view_of(&state.context(), viewer.actor(), community).await?;
            community_page(&state, &viewer, view, Shown::default(), &errors).await
        }
        Err(other) => Err(other.into()),
    }
}

async fn interview(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(input): Form<InterviewInput>,
) -> Result<Response, WebError> {
    let result =
        joining::record_interview(&state.context(), viewer.actor(), JoinRequestId(id), &input)
            .await;
    match result {
        Ok(community) => Ok(see_other(&format!(
            "/c/{}/requests",
            community.fields.slug.as_str()
        ))),
        Err(FlowError::Invalid(errors)) => {
            let community =
                joining::request_community(&state.context(), viewer.actor(), JoinRequestId(id))
                    .await?;
            requests_page(&state, &viewer, community.fields.slug.as_str(), &errors).await
        }
        Err(other) => Err(other.into()),
    }
}

async fn invite(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
    Form(input): Form<InvitationInput>,
) -> Result<Response, WebError> {
    match joining::invite(&state.context(), viewer.actor(), &slug, &input).await {
        Ok(_) => {
            state.jobs.wake();
            Ok(see_other(&format!("/c/{slug}")))
        }
        Err(FlowError::Invalid(errors)) => {
            let view = communities::view(&state.context(), viewer.actor(), &slug).await?;
            community_page(&state, &viewer, view, Shown::default(), &errors).await
        }
        Err(other) => Err(other.into()),
    }
}

async fn revoke(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Response, WebError> {
    joining::revoke_invitation(&state.context(), viewer.actor(), &slug, InvitationId(id)).await?;
    Ok(see_other(&format!("/c/{slug}")))
}

#[derive(Template)]
#[template(path = "communities/invitation.html")]
struct InvitationPage {
    l: Layout,
    token: String,
    community: String,
    invited_by: String,
    email: String,
    expires: String,
    /// Why the link no longer works, when it does not.
    closed: Option<String>,
    signed_in: bool,
    /// The signed-in person is not the one invited.
    other_person: bool,
    charter: Option<(i64, String)>,
    engagements: Vec<(&'static str, String)>,
    refusals: Vec<String>,
    errors: FieldErrors,
}

async fn invitation(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    let found = joining::invitation(&state.context(), &token).await?;
    invitation_page(&state, &viewer, token, found, (Vec::new(), &[])).await
}

async fn invitation_page(
    state: &AppState,
    viewer: &Viewer,
    token: String,
    found: InvitationView,
    (refusals, errors): (Vec<String>, &[ValidationError]),
) -> Result<Response, WebError> {
    let t = Tr(viewer.language);
    let fields = &found.community.fields;
    let page = InvitationPage {
        l: Layout::new(state, viewer, "invitation-title", "/invitations"),
        community: fields.name.clone(),
        invited_by: found.invitation.invited_by.clone(),
        email: found.invitation.email.as_str().to_owned(),
        expires: found.invitation.expires_at.long(t.0),
        closed: match found.state {
            InvitationState::Open => None,
            InvitationState::Used => Some(t.get("invitation-state-used")),
            InvitationState::Revoked => Some(t.get("invitation-state-revoked")),
            InvitationState::Expired => Some(t.get("invitation-state-expired")),
        },
        signed_in: viewer.account.is_some(),
        other_person: viewer
            .account
            .as_ref()
            .is_some_and(|a| a.email != found.invitation.email),
        charter: found
            .charter
            .as_ref()
            .map(|(version, text)| (*version, crate::markdown::to_safe_html(text))),
        engagements: Engagement::ALL
            .iter()
            .map(|e| (e.as_str(), t.get(&format!("engagement-{}", e.as_str()))))
            .collect(),
        refusals,
        errors: FieldErrors::new(viewer.language, errors),
        token,
    };
    render_form(&page, errors)
}

async fn accept(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(token): Path<String>,
    Form(input): Form<AcceptInvitationInput>,
) -> Result<Response, WebError> {
    let result = joining::accept_invitation(&state.context(), viewer.actor(), &token, &input).await;
    let (refusals, errors) = match result {
        Ok((community, JoinOutcome::Joined | JoinOutcome::Requested(_))) => {
            state.jobs.wake();
            return Ok(see_other(&format!("/c/{}", community.fields.slug.as_str())));
        }
        Ok((_, JoinOutcome::Ineligible(reasons))) => (reasons, Vec::new()),
        Err(FlowError::Invalid(errors)) => (Vec::new(), errors),
        Err(other) => return Err(other.into()),
    };
    let found = joining::invitation(&state.context(), &token).await?;
    let refused = !refusals.is_empty();
    let page = invitation_page(&state, &viewer, token, found, (refusals, &errors)).await;
    if refused {
        crate::templates::with_status(page, axum::http::StatusCode::FORBIDDEN)
    } else {
        page
    }
}
