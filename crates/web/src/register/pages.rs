//! The register: people's profiles, the roles administrators grant, and the
//! association's membership policy.

use askama::Template;
use axum::extract::{Query, State};

use axum::response::Response;
use cercle_core::accounts::account::{AccountId, Role};
use cercle_core::accounts::flows::FlowError;
use cercle_core::accounts::policy::{self, Action};
use cercle_core::admission::desk;
use cercle_core::admission::{self, ContributionInput, ContributionKind};
use cercle_core::register::dues::MembershipPolicy;
use cercle_core::register::membership::{self, RegisterSearch, employer_label};
use cercle_core::register::people::{Employer, ProfileInput};
use cercle_core::register::reads;

use crate::http::error::WebError;
use crate::http::extract::{Form, Path};
use crate::http::middleware::see_other;
use crate::http::page_routes;
use crate::state::AppState;
use crate::templates::{FieldErrors, Layout, Pager, Tr, render, render_form};
use crate::viewer::Viewer;

page_routes! {
    get "/account/profile" => edit_profile,
    post "/account/profile" => save_profile,
    post "/account/profile/current" => confirm_current,
    get "/people" => people,
    get "/people/{id}" => person,
    post "/people/{id}/roles" => set_roles,
    post "/people/{id}/contributions" => record_contribution,
    get "/admin/settings" => settings,
    post "/admin/settings" => save_settings,
}

#[derive(Template)]
#[template(path = "register/profile_edit.html")]
struct ProfileEdit {
    l: Layout,
    input: ProfileInput,
    organisations: Vec<(i64, String)>,
    needs_review: bool,
    errors: FieldErrors,
}

async fn edit_profile(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    let account = viewer.account.as_ref().ok_or(WebError::SignInRequired)?;
    let profile = membership::view_profile(&state.context(), viewer.actor(), account.id).await?;
    let details = &profile.details;
    let (employer_organisation, employer_other) = match &details.employer {
        Employer::None => (String::new(), String::new()),
        Employer::Organisation(id, _) => (id.0.to_string(), String::new()),
        Employer::Other(name) => (String::new(), name.clone()),
    };
    let input = ProfileInput {
        job_title: details.job_title.clone(),
        employer_organisation,
        employer_other,
        bio: details.bio.clone(),
        expertise: details.expertise.join(", "),
        languages: details.languages.join(", "),
        public: details.public.then(|| "on".to_owned()),
    };
    profile_form(
        &state,
        &viewer,
        input,
        profile.needs_review(state.now()),
        &[],
    )
    .await
}

async fn profile_form(
    state: &AppState,
    viewer: &Viewer,
    input: ProfileInput,
    needs_review: bool,
    errors: &[cercle_core::kernel::validation::ValidationError],
) -> Result<Response, WebError> {
    let organisations = reads::organisation_choices(&state.context(), viewer.actor())
        .await?
        .into_iter()
        .map(|o| (o.id.0, o.fields.name.as_str().to_owned()))
        .collect();
    let page = ProfileEdit {
        l: Layout::new(state, viewer, "profile-title", "/account/profile"),
        input,
        organisations,
        needs_review,
        errors: FieldErrors::new(viewer.language, errors),
    };
    render_form(&page, errors)
}

async fn save_profile(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(input): Form<ProfileInput>,
) -> Result<Response, WebError> {
    match membership::save_profile(&state.context(), viewer.actor(), &input).await {
        Ok(()) => Ok(see_other("/account")),
        Err(FlowError::Invalid(errors)) => {
            profile_form(&state, &viewer, input, false, &errors).await
        }
        Err(other) => Err(other.into()),
    }
}

async fn confirm_current(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Response, WebError> {
    membership::confirm_profile_current(&state.context(), viewer.actor()).await?;
    Ok(see_other("/account"))
}

#[derive(Template)]
#[template(path = "register/people.html")]
struct PeoplePage {
    l: Layout,
    q: String,
    total: u64,
    pager: Pager,
    people: Vec<PersonRow>,
}

struct PersonRow {
    id: i64,
    name: String,
    email: String,
    roles: String,
    public: bool,
}

async fn people(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(search): Query<RegisterSearch>,
) -> Result<Response, WebError> {
    let register = membership::people(&state.context(), viewer.actor(), &search).await?;
    let t = Tr(viewer.language);
    render(&PeoplePage {
        l: Layout::new(&state, &viewer, "people-title", "/people"),
        pager: Pager::searched(
            t,
            "people-pages",
            "/people",
            &register.words,
            register.page.get(),
            register.pages,
        ),
        q: register.words,
        total: register.total,
        people: register
            .items
            .into_iter()
            .map(|p| PersonRow {
                id: p.account.0,
                name: p.display_name.as_str().to_owned(),
                email: p.email.as_str().to_owned(),
                roles: role_names(t, &p.roles),
                public: p.public,
            })
            .collect(),
    })
}

fn role_names(t: Tr, roles: &[Role]) -> String {
    roles
        .iter()
        .map(|role| t.get(&role_key(*role)))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn role_key(role: Role) -> String {
    format!("role-{}", role.as_str().replace('_', "-"))
}

#[derive(Template)]
#[template(path = "register/person.html")]
struct PersonPage {
    l: Layout,
    id: i64,
    name: String,
    job_title: String,
    employer: Option<String>,
    bio: String,
    expertise: Vec<String>,
    languages: Vec<String>,
    public: bool,
    /// Shown to the person and to the staff only.
    adherence: Option<String>,
    /// `(role, label, held)` when the viewer may grant roles.
    roles: Option<Vec<(&'static str, String, bool)>>,
    /// Shown to the person and to the bureau: `(date, kind, note)`, newest first.
    contributions: Option<Vec<(String, String, String)>>,
    /// The bureau records them.
    may_record: bool,
    kinds: Vec<(&'static str, String)>,
    today: String,
    errors: FieldErrors,
}

async fn person(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    person_page(&state, &viewer, AccountId(id), &[]).await
}

async fn person_page(
    state: &AppState,
    viewer: &Viewer,
    id: AccountId,
    errors: &[cercle_core::kernel::validation::ValidationError],
) -> Result<Response, WebError> {
    let profile = membership::view_profile(&state.context(), viewer.actor(), id).await?;
    let adherence = reads::standing(&state.context(), viewer.actor(), id, viewer.language).await?;
    let t = Tr(viewer.language);
    let roles = policy::check(viewer.actor(), Action::ManageRoles)
        .is_ok()
        .then(|| {
            Role::ALL
                .iter()
                .map(|role| {
                    (
                        role.as_str(),
                        t.get(&role_key(*role)),
                        profile.roles.contains(role),
                    )
                })
                .collect()
        });
    let may_record = policy::check(viewer.actor(), Action::DecideApplications).is_ok();
    let contributions = desk::contributions(&state.context(), viewer.actor(), id)
        .await?
        .map(|list| {
            list.into_iter()
                .map(|c| {
                    (
                        c.on.long(viewer.language),
                        t.get(&format!("contribution-{}", c.kind.as_str())),
                        c.note,
                    )
                })
                .collect()
        });
    let details = profile.details;
    let page = PersonPage {
        contributions,
        may_record,
        kinds: ContributionKind::ALL
            .iter()
            .map(|k| (k.as_str(), t.get(&format!("contribution-{}", k.as_str()))))
            .collect(),
        today: state.today().to_string(),
        l: Layout::new(state, viewer, "person-title", &format!("/people/{}", id.0)),
        id: id.0,
        name: profile.display_name.as_str().to_owned(),
        employer: employer_label(&details.employer).map(str::to_owned),
        job_title: details.job_title,
        bio: details.bio,
        expertise: details.expertise,
        languages: details.languages,
        public: details.public,
        adherence,
        roles,
        errors: FieldErrors::new(viewer.language, errors),
    };
    render_form(&page, errors)
}

/// Each role is a checkbox named after it; the ticked ones are sent.
async fn set_roles(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(ticked): Form<std::collections::BTreeMap<String, String>>,
) -> Result<Response, WebError> {
    let roles: Vec<String> = ticked.into_keys().collect();
    match membership::set_roles(&state.context(), viewer.actor(), AccountId(id), &roles).await {
        Ok(()) => Ok(see_other(&format!("/people/{id}"))),
        Err(FlowError::Invalid(errors)) => {
            person_page(&state, &viewer, AccountId(id), &errors).await
        }
        Err(other) => Err(other.into()),
    }
}

async fn record_contribution(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(input): Form<ContributionInput>,
) -> Result<Response, WebError> {
    match admission::record_contribution(&state.context(), viewer.actor(), AccountId(id), &input)
        .await
    {
        Ok(_) => Ok(see_other(&format!("/people/{id}"))),
        Err(FlowError::Invalid(errors)) => {
            person_page(&state, &viewer, AccountId(id), &errors).await
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Template)]
#[template(path = "register/settings.html")]
struct SettingsPage {
    l: Layout,
    policies: Vec<(&'static str, String, bool)>,
    outside_sessions: bool,
    inactivity_days: String,
    errors: FieldErrors,
}

async fn settings(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    settings_page(&state, &viewer, &[]).await
}

async fn settings_page(
    state: &AppState,
    viewer: &Viewer,
    errors: &[cercle_core::kernel::validation::ValidationError],
) -> Result<Response, WebError> {
    let (current, admission) = desk::settings(&state.context(), viewer.actor()).await?;
    let t = Tr(viewer.language);
    let page = SettingsPage {
        l: Layout::new(state, viewer, "settings-title", "/admin/settings"),
        outside_sessions: admission.decisions_outside_sessions,
        inactivity_days: admission
            .contribution_inactivity_days
            .map(|d| d.to_string())
            .unwrap_or_default(),
        errors: FieldErrors::new(viewer.language, errors),
        policies: MembershipPolicy::ALL
            .iter()
            .map(|p| {
                (
                    p.as_str(),
                    t.get(&format!("policy-{}", p.as_str().replace('_', "-"))),
                    *p == current,
                )
            })
            .collect(),
    };
    render_form(&page, errors)
}

async fn save_settings(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(input): Form<desk::SettingsInput>,
) -> Result<Response, WebError> {
    let saved = desk::save_settings(&state.context(), viewer.actor(), &input).await;
    match saved {
        Ok(()) => Ok(see_other("/admin/settings")),
        Err(FlowError::Invalid(errors)) => settings_page(&state, &viewer, &errors).await,
        Err(other) => Err(other.into()),
    }
}
