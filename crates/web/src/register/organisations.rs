//! Member organisations and the people affiliated to them.

use askama::Template;
use axum::extract::{Query, State};

use axum::response::Response;
use cercle_core::accounts::account::AccountId;
use cercle_core::accounts::flows::FlowError;
use cercle_core::accounts::policy::{self, Action};
use cercle_core::kernel::validation::ValidationError;
use cercle_core::register::membership::{self, RegisterSearch};
use cercle_core::register::people::{
    Organisation, OrganisationCategory, OrganisationId, OrganisationInput,
};

use crate::http::error::WebError;
use crate::http::extract::{Form, Path};
use crate::http::middleware::see_other;
use crate::http::page_routes;
use crate::state::AppState;
use crate::templates::{FieldErrors, Layout, Pager, Tr, render_form};
use crate::viewer::Viewer;

page_routes! {
    get "/organisations" => list,
    post "/organisations" => create,
    get "/organisations/{id}" => show,
    post "/organisations/{id}" => update,
    post "/organisations/{id}/affiliations" => affiliate,
    post "/organisations/{id}/affiliations/{account}/remove" => unaffiliate,
}

/// An organisation as a line or a card.
pub struct OrganisationView {
    pub id: i64,
    pub name: String,
    pub category: String,
    pub website: String,
    pub description: String,
    pub size: String,
}

impl OrganisationView {
    pub fn new(t: Tr, organisation: &Organisation) -> Self {
        let fields = &organisation.fields;
        Self {
            id: organisation.id.0,
            name: fields.name.as_str().to_owned(),
            category: t.get(&fields.category.label_key()),
            website: fields
                .website
                .as_ref()
                .map(|w| w.as_str().to_owned())
                .unwrap_or_default(),
            description: fields.description.clone(),
            size: fields.size.map(|s| s.to_string()).unwrap_or_default(),
        }
    }
}

fn categories(t: Tr) -> Vec<(&'static str, String)> {
    OrganisationCategory::ALL
        .iter()
        .map(|c| (c.as_str(), t.get(&c.label_key())))
        .collect()
}

#[derive(Template)]
#[template(path = "register/organisations.html")]
struct ListPage {
    l: Layout,
    q: String,
    total: u64,
    pager: Pager,
    organisations: Vec<OrganisationView>,
    /// The creation form, for those who may create.
    form: Option<OrganisationInput>,
    categories: Vec<(&'static str, String)>,
    errors: FieldErrors,
}

async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(search): Query<RegisterSearch>,
) -> Result<Response, WebError> {
    list_page(&state, &viewer, &search, OrganisationInput::default(), &[]).await
}

async fn list_page(
    state: &AppState,
    viewer: &Viewer,
    search: &RegisterSearch,
    input: OrganisationInput,
    errors: &[ValidationError],
) -> Result<Response, WebError> {
    let found = membership::organisations(&state.context(), viewer.actor(), search).await?;
    let t = Tr(viewer.language);
    let may_create = policy::check(viewer.actor(), Action::ManageOrganisations).is_ok();
    let page = ListPage {
        l: Layout::new(state, viewer, "organisations-title", "/organisations"),
        pager: Pager::searched(
            t,
            "organisations-pages",
            "/organisations",
            &found.words,
            found.page.get(),
            found.pages,
        ),
        q: found.words.clone(),
        total: found.total,
        organisations: found
            .items
            .iter()
            .map(|o| OrganisationView::new(t, o))
            .collect(),
        form: may_create.then_some(input),
        categories: categories(t),
        errors: FieldErrors::new(viewer.language, errors),
    };
    render_form(&page, errors)
}

async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(input): Form<OrganisationInput>,
) -> Result<Response, WebError> {
    match membership::create_organisation(&state.context(), viewer.actor(), &input).await {
        Ok(id) => Ok(see_other(&format!("/organisations/{id}"))),
        Err(FlowError::Invalid(errors)) => {
            let search = RegisterSearch::default();
            list_page(&state, &viewer, &search, input, &errors).await
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Template)]
#[template(path = "register/organisation.html")]
struct ShowPage {
    l: Layout,
    organisation: OrganisationView,
    people: Vec<(i64, String, bool)>,
    /// The edit form, for those who may edit.
    form: Option<OrganisationInput>,
    categories: Vec<(&'static str, String)>,
    errors: FieldErrors,
}

async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    show_page(&state, &viewer, OrganisationId(id), None, &[]).await
}

async fn show_page(
    state: &AppState,
    viewer: &Viewer,
    id: OrganisationId,
    input: Option<OrganisationInput>,
    errors: &[ValidationError],
) -> Result<Response, WebError> {
    let (organisation, affiliations) =
        membership::organisation(&state.context(), viewer.actor(), id).await?;
    let t = Tr(viewer.language);
    let may_edit = policy::check(viewer.actor(), Action::ManageOrganisations).is_ok();
    let fields = &organisation.fields;
    let current = OrganisationInput {
        name: fields.name.as_str().to_owned(),
        category: fields.category.as_str().to_owned(),
        website: fields
            .website
            .as_ref()
            .map(|w| w.as_str().to_owned())
            .unwrap_or_default(),
        logo_url: fields
            .logo_url
            .as_ref()
            .map(|w| w.as_str().to_owned())
            .unwrap_or_default(),
        description: fields.description.clone(),
        size: fields.size.map(|s| s.to_string()).unwrap_or_default(),
    };
    let page = ShowPage {
        l: Layout::new(
            state,
            viewer,
            "organisation-title",
            &format!("/organisations/{}", id.0),
        ),
        organisation: OrganisationView::new(t, &organisation),
        people: affiliations
            .into_iter()
            .map(|a| (a.account.0, a.person, a.representative))
            .collect(),
        form: may_edit.then(|| input.unwrap_or(current)),
        categories: categories(t),
        errors: FieldErrors::new(viewer.language, errors),
    };
    render_form(&page, errors)
}

async fn update(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(input): Form<OrganisationInput>,
) -> Result<Response, WebError> {
    let id = OrganisationId(id);
    match membership::update_organisation(&state.context(), viewer.actor(), id, &input).await {
        Ok(()) => Ok(see_other(&format!("/organisations/{}", id.0))),
        Err(FlowError::Invalid(errors)) => {
            show_page(&state, &viewer, id, Some(input), &errors).await
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(serde::Deserialize)]
struct AffiliationForm {
    email: String,
    representative: Option<String>,
}

async fn affiliate(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<AffiliationForm>,
) -> Result<Response, WebError> {
    let id = OrganisationId(id);
    let representative = form.representative.is_some();
    match membership::affiliate(
        &state.context(),
        viewer.actor(),
        id,
        &form.email,
        representative,
    )
    .await
    {
        Ok(()) => Ok(see_other(&format!("/organisations/{}", id.0))),
        Err(FlowError::Invalid(errors)) => show_page(&state, &viewer, id, None, &errors).await,
        Err(other) => Err(other.into()),
    }
}

async fn unaffiliate(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, account)): Path<(i64, i64)>,
) -> Result<Response, WebError> {
    membership::unaffiliate(
        &state.context(),
        viewer.actor(),
        OrganisationId(id),
        AccountId(account),
    )
    .await?;
    Ok(see_other(&format!("/organisations/{id}")))
}
