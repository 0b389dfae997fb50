//! Applying for membership, and the bureau's sessions where applications are
//! decided (seed 004).

use askama::Template;
use axum::extract::State;

use axum::response::Response;
use cercle_core::accounts::flows::FlowError;
use cercle_core::admission::desk;
use cercle_core::admission::{
    self, Application, ApplicationId, ApplicationInput, ApplicationStatus, DecisionInput,
    SessionId, SessionInput,
};
use cercle_core::kernel::validation::ValidationError;

use crate::http::error::WebError;
use crate::http::extract::{Form, Path};
use crate::http::middleware::see_other;
use crate::http::page_routes;
use crate::state::AppState;
use crate::templates::{FieldErrors, Layout, Tr, render_form};
use crate::viewer::Viewer;

page_routes! {
    get "/apply" => apply_form,
    post "/apply" => apply,
    post "/applications/{id}/withdraw" => withdraw,
    get "/bureau" => bureau,
    post "/bureau" => hold_session,
    get "/bureau/sessions/{id}" => session,
    post "/bureau/sessions/{id}/notes" => save_notes,
    post "/bureau/applications/{id}/decision" => decide,
}

/// An application as the applicant or the bureau reads it.
struct ApplicationView {
    id: i64,
    applicant: String,
    plan: String,
    organisation: Option<String>,
    motivation: String,
    status: String,
    pending: bool,
    submitted: String,
    decision: Option<String>,
}

fn application_view(t: Tr, application: &Application) -> ApplicationView {
    ApplicationView {
        id: application.id.0,
        applicant: application.applicant_name.clone(),
        plan: application.plan_name.clone(),
        organisation: application
            .organisation
            .as_ref()
            .map(|(_, name)| name.clone()),
        motivation: application.motivation.clone(),
        status: t.get(&format!(
            "application-status-{}",
            application.status.as_str()
        )),
        pending: application.status == ApplicationStatus::Pending,
        submitted: application.submitted_at.long(t.0),
        decision: application.decision.as_ref().map(|d| {
            let by = t.with("application-decided-by", "name", &d.decided_by_name);
            if d.reason.is_empty() {
                by
            } else {
                format!("{by} — {}", d.reason)
            }
        }),
    }
}

#[derive(Template)]
#[template(path = "admission/apply.html")]
struct ApplyPage {
    l: Layout,
    mine: Vec<ApplicationView>,
    plans: Vec<(i64, String)>,
    organisations: Vec<(i64, String)>,
    input: ApplicationInput,
    errors: FieldErrors,
}

async fn apply_form(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    apply_page(&state, &viewer, ApplicationInput::default(), &[]).await
}

async fn apply_page(
    state: &AppState,
    viewer: &Viewer,
    input: ApplicationInput,
    errors: &[ValidationError],
) -> Result<Response, WebError> {
    let form = desk::application_form(&state.context(), viewer.actor()).await?;
    let t = Tr(viewer.language);
    let plans = form
        .plans
        .iter()
        .map(|p| {
            let kind = t.get(&format!("plans-holder-{}", p.fields.holder.as_str()));
            (p.id.0, format!("{} ({kind})", p.fields.name.as_str()))
        })
        .collect();
    let organisations = form
        .organisations
        .iter()
        .map(|o| (o.id.0, o.fields.name.as_str().to_owned()))
        .collect();
    let page = ApplyPage {
        l: Layout::new(state, viewer, "apply-title", "/apply"),
        mine: form.mine.iter().map(|a| application_view(t, a)).collect(),
        plans,
        organisations,
        input,
        errors: FieldErrors::new(viewer.language, errors),
    };
    render_form(&page, errors)
}

async fn apply(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(input): Form<ApplicationInput>,
) -> Result<Response, WebError> {
    match admission::apply(&state.context(), viewer.actor(), &input).await {
        Ok(_) => Ok(see_other("/apply")),
        Err(FlowError::Invalid(errors)) => apply_page(&state, &viewer, input, &errors).await,
        Err(other) => Err(other.into()),
    }
}

async fn withdraw(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    admission::withdraw(&state.context(), viewer.actor(), ApplicationId(id)).await?;
    Ok(see_other("/apply"))
}

struct SessionRow {
    id: i64,
    held_on: String,
    title: String,
    agenda: usize,
}

#[derive(Template)]
#[template(path = "admission/bureau.html")]
struct BureauPage {
    l: Layout,
    sessions: Vec<SessionRow>,
    unscheduled: Vec<ApplicationView>,
    /// Decisions outside sessions, for administrators when allowed.
    outside_sessions: bool,
    bureau: Vec<(i64, String)>,
    held_on: String,
    title: String,
    errors: FieldErrors,
}

async fn bureau(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    bureau_page(&state, &viewer, &[]).await
}

async fn bureau_page(
    state: &AppState,
    viewer: &Viewer,
    errors: &[ValidationError],
) -> Result<Response, WebError> {
    let desk = desk::desk(&state.context(), viewer.actor()).await?;
    let t = Tr(viewer.language);
    let page = BureauPage {
        l: Layout::new(state, viewer, "bureau-title", "/bureau"),
        sessions: desk
            .sessions
            .iter()
            .map(|s| SessionRow {
                id: s.id.0,
                held_on: s.held_on.long(viewer.language),
                title: s.title.clone(),
                agenda: s.agenda.len(),
            })
            .collect(),
        unscheduled: desk
            .unscheduled
            .iter()
            .map(|a| application_view(t, a))
            .collect(),
        outside_sessions: desk.can_decide_outside_sessions,
        bureau: desk
            .bureau
            .into_iter()
            .map(|(id, name)| (id.0, name))
            .collect(),
        held_on: state.today().to_string(),
        title: t.get("bureau-default-title"),
        errors: FieldErrors::new(viewer.language, errors),
    };
    render_form(&page, errors)
}

/// The session form sends `held_on`, `title` and one `attendee_<id>` checkbox
/// per bureau member.
async fn hold_session(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(fields): Form<std::collections::BTreeMap<String, String>>,
) -> Result<Response, WebError> {
    let input = SessionInput {
        held_on: fields.get("held_on").cloned().unwrap_or_default(),
        title: fields.get("title").cloned().unwrap_or_default(),
        attendees: fields
            .keys()
            .filter_map(|k| k.strip_prefix("attendee_"))
            .map(str::to_owned)
            .collect(),
    };
    match admission::hold_session(&state.context(), viewer.actor(), &input).await {
        Ok(id) => Ok(see_other(&format!("/bureau/sessions/{}", id.0))),
        Err(FlowError::Invalid(errors)) => bureau_page(&state, &viewer, &errors).await,
        Err(other) => Err(other.into()),
    }
}

#[derive(Template)]
#[template(path = "admission/session.html")]
struct SessionPage {
    l: Layout,
    id: i64,
    held_on: String,
    title: String,
    attendees: Vec<String>,
    notes: String,
    agenda: Vec<ApplicationView>,
    may_decide: bool,
    errors: FieldErrors,
}

async fn session(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    session_page(&state, &viewer, SessionId(id), &[]).await
}

async fn session_page(
    state: &AppState,
    viewer: &Viewer,
    id: SessionId,
    errors: &[ValidationError],
) -> Result<Response, WebError> {
    let desk::SessionAgenda {
        session,
        agenda,
        can_decide,
    } = desk::session(&state.context(), viewer.actor(), id).await?;
    let t = Tr(viewer.language);
    let page = SessionPage {
        l: Layout::new(
            state,
            viewer,
            "session-title",
            &format!("/bureau/sessions/{}", id.0),
        ),
        id: id.0,
        held_on: session.held_on.long(viewer.language),
        title: session.title,
        attendees: session
            .attendees
            .into_iter()
            .map(|(_, name)| name)
            .collect(),
        notes: session.notes,
        agenda: agenda.iter().map(|a| application_view(t, a)).collect(),
        may_decide: can_decide,
        errors: FieldErrors::new(viewer.language, errors),
    };
    render_form(&page, errors)
}

#[derive(serde::Deserialize)]
struct NotesForm {
    notes: String,
}

async fn save_notes(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<NotesForm>,
) -> Result<Response, WebError> {
    let session = SessionId(id);
    match desk::save_session_notes(&state.context(), viewer.actor(), session, &form.notes).await {
        Ok(()) => Ok(see_other(&format!("/bureau/sessions/{id}"))),
        Err(FlowError::Invalid(errors)) => session_page(&state, &viewer, session, &errors).await,
        Err(other) => Err(other.into()),
    }
}

async fn decide(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(input): Form<DecisionInput>,
) -> Result<Response, WebError> {
    let application = ApplicationId(id);
    match admission::decide(&state.context(), viewer.actor(), application, &input).await {
        Ok(_) => {
            state.jobs.wake();
            let back = desk::application(&state.context(), viewer.actor(), application)
                .await?
                .session;
            Ok(see_other(&back.map_or_else(
                || "/bureau".to_owned(),
                |s| format!("/bureau/sessions/{}", s.0),
            )))
        }
        Err(FlowError::Invalid(errors)) => {
            match desk::application(&state.context(), viewer.actor(), application)
                .await?
                .session
            {
                Some(session) => session_page(&state, &viewer, session, &errors).await,
                None => bureau_page(&state, &viewer, &errors).await,
            }
        }
        Err(other) => Err(other.into()),
    }
}
