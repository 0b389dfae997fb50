//! The register and dues in the JSON API, asking the same core flows as the
//! pages.

use axum::extract::State;
use axum::http::StatusCode;
use cercle_core::account::AccountId;
use cercle_core::date::Date;
use cercle_core::dues::{Membership, MembershipId, Plan};
use cercle_core::membership::{self, PaymentInput, employer_label};
use cercle_core::register::{Organisation, OrganisationInput};
use cercle_core::time::Timestamp;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::WebError;
use crate::extract::{Json, Path};
use crate::routes::api::Problem;
use crate::state::AppState;
use crate::viewer::Viewer;

pub fn routes(router: OpenApiRouter<AppState>) -> OpenApiRouter<AppState> {
    router
        .routes(routes!(adherence))
        .routes(routes!(person))
        .routes(routes!(organisations, create_organisation))
        .routes(routes!(plans))
        .routes(routes!(memberships))
        .routes(routes!(membership))
        .routes(routes!(record_payment))
}

/// Whether the signed-in person is an adherent today, and why.
#[derive(Serialize, ToSchema)]
struct AdherenceBody {
    adherent: bool,
    reason: String,
}

#[utoipa::path(get, path = "/api/v1/me/adherence", tag = "membership", security(("bearer" = [])),
    responses((status = 200, body = AdherenceBody), (status = 401, body = Problem, content_type = "application/problem+json")))]
async fn adherence(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<axum::Json<AdherenceBody>, WebError> {
    let account = viewer.account.as_ref().ok_or(WebError::SignInRequired)?;
    let answer =
        membership::adherence_of(&*state.store, account, Date::today(), viewer.language).await?;
    Ok(axum::Json(AdherenceBody {
        adherent: answer.adherent,
        reason: answer.reason,
    }))
}

/// What a person shows of themselves.
#[derive(Serialize, ToSchema)]
struct PersonBody {
    id: i64,
    display_name: String,
    job_title: String,
    employer: Option<String>,
    bio: String,
    expertise: Vec<String>,
    languages: Vec<String>,
}

#[utoipa::path(get, path = "/api/v1/people/{id}", tag = "register", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Account id")),
    responses((status = 200, body = PersonBody), (status = 404, description = "No such person, or a private profile", body = Problem, content_type = "application/problem+json")))]
async fn person(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<axum::Json<PersonBody>, WebError> {
    let profile = membership::view_profile(&*state.store, viewer.actor(), AccountId(id)).await?;
    let details = profile.details;
    Ok(axum::Json(PersonBody {
        id,
        display_name: profile.display_name.as_str().to_owned(),
        employer: employer_label(&details.employer).map(str::to_owned),
        job_title: details.job_title,
        bio: details.bio,
        expertise: details.expertise,
        languages: details.languages,
    }))
}

#[derive(Serialize, ToSchema)]
struct OrganisationBody {
    id: i64,
    name: String,
    /// `company`, `public_body`, `research_unit`, `association`, `international_organisation` or `other`.
    category: String,
    website: Option<String>,
    logo_url: Option<String>,
    description: String,
    size: Option<u32>,
}

impl From<&Organisation> for OrganisationBody {
    fn from(organisation: &Organisation) -> Self {
        let fields = &organisation.fields;
        Self {
            id: organisation.id.0,
            name: fields.name.as_str().to_owned(),
            category: fields.category.as_str().to_owned(),
            website: fields.website.as_ref().map(|w| w.as_str().to_owned()),
            logo_url: fields.logo_url.as_ref().map(|w| w.as_str().to_owned()),
            description: fields.description.clone(),
            size: fields.size,
        }
    }
}

#[utoipa::path(get, path = "/api/v1/organisations", tag = "register", security(("bearer" = [])),
    responses((status = 200, body = Vec<OrganisationBody>), (status = 401, body = Problem, content_type = "application/problem+json")))]
async fn organisations(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<axum::Json<Vec<OrganisationBody>>, WebError> {
    let organisations = membership::organisations(&*state.store, viewer.actor()).await?;
    Ok(axum::Json(
        organisations.iter().map(OrganisationBody::from).collect(),
    ))
}

/// A new organisation. Optional fields may be left out.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct NewOrganisationBody {
    name: String,
    category: String,
    website: Option<String>,
    logo_url: Option<String>,
    description: Option<String>,
    size: Option<u32>,
}

#[derive(Serialize, ToSchema)]
struct Created {
    id: i64,
}

#[utoipa::path(post, path = "/api/v1/organisations", tag = "register", security(("bearer" = [])), request_body = NewOrganisationBody,
    responses((status = 201, body = Created), (status = 422, body = Problem, content_type = "application/problem+json"), (status = 404, description = "Not allowed", body = Problem, content_type = "application/problem+json")))]
async fn create_organisation(
    State(state): State<AppState>,
    viewer: Viewer,
    Json(body): Json<NewOrganisationBody>,
) -> Result<(StatusCode, axum::Json<Created>), WebError> {
    let input = OrganisationInput {
        name: body.name,
        category: body.category,
        website: body.website.unwrap_or_default(),
        logo_url: body.logo_url.unwrap_or_default(),
        description: body.description.unwrap_or_default(),
        size: body.size.map(|s| s.to_string()).unwrap_or_default(),
    };
    let id =
        membership::create_organisation(&*state.store, viewer.actor(), &input, Timestamp::now())
            .await?;
    Ok((StatusCode::CREATED, axum::Json(Created { id: id.0 })))
}

#[derive(Serialize, ToSchema)]
struct PlanBody {
    id: i64,
    name: String,
    /// `yearly` or `monthly`.
    period: String,
    /// `person` or `organisation`.
    holder: String,
    currency: String,
    /// Price bands in minor units (cents), by organisation size.
    prices: Vec<PriceBody>,
    services: Vec<String>,
}

#[derive(Serialize, ToSchema)]
struct PriceBody {
    min_size: u32,
    amount_minor: i64,
}

impl From<&Plan> for PlanBody {
    fn from(plan: &Plan) -> Self {
        let fields = &plan.fields;
        Self {
            id: plan.id.0,
            name: fields.name.as_str().to_owned(),
            period: fields.period.as_str().to_owned(),
            holder: fields.holder.as_str().to_owned(),
            currency: fields.currency.as_str().to_owned(),
            prices: fields
                .prices
                .iter()
                .map(|b| PriceBody {
                    min_size: b.min_size,
                    amount_minor: b.amount.0,
                })
                .collect(),
            services: fields.services.clone(),
        }
    }
}

#[utoipa::path(get, path = "/api/v1/plans", tag = "membership", responses((status = 200, body = Vec<PlanBody>)))]
async fn plans(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<axum::Json<Vec<PlanBody>>, WebError> {
    cercle_core::policy::check(viewer.actor(), cercle_core::policy::Action::ViewPlans)?;
    Ok(axum::Json(
        state
            .store
            .plans()
            .await?
            .iter()
            .map(PlanBody::from)
            .collect(),
    ))
}

#[derive(Serialize, ToSchema)]
struct MembershipBody {
    id: i64,
    holder: String,
    plan: String,
    /// `applicant`, `active`, `lapsed`, `resigned` or `excluded`.
    status: String,
    in_good_standing: bool,
    /// Why, in the reader's language.
    standing: String,
    currency: String,
    periods: Vec<PeriodBody>,
}

#[derive(Serialize, ToSchema)]
struct PeriodBody {
    id: i64,
    starts_on: String,
    ends_on: String,
    amount_due_minor: i64,
    amount_paid_minor: i64,
}

fn membership_body(m: &Membership, viewer: &Viewer) -> MembershipBody {
    let standing = m.standing(Date::today());
    MembershipBody {
        id: m.id.0,
        holder: m.holder_name.clone(),
        plan: m.plan_name.clone(),
        status: m.status.as_str().to_owned(),
        in_good_standing: standing.is_good(),
        standing: standing.reason(&m.holder_name, viewer.language),
        currency: m.currency.as_str().to_owned(),
        periods: m
            .periods
            .iter()
            .map(|p| PeriodBody {
                id: p.id.0,
                starts_on: p.starts_on.to_string(),
                ends_on: p.ends_on.to_string(),
                amount_due_minor: p.amount_due.0,
                amount_paid_minor: m.paid_for(p.id).0,
            })
            .collect(),
    }
}

#[utoipa::path(get, path = "/api/v1/memberships", tag = "membership", security(("bearer" = [])),
    responses((status = 200, body = Vec<MembershipBody>), (status = 404, description = "Not allowed", body = Problem, content_type = "application/problem+json")))]
async fn memberships(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<axum::Json<Vec<MembershipBody>>, WebError> {
    let memberships = membership::memberships(&*state.store, viewer.actor()).await?;
    Ok(axum::Json(
        memberships
            .iter()
            .map(|m| membership_body(m, &viewer))
            .collect(),
    ))
}

#[utoipa::path(get, path = "/api/v1/memberships/{id}", tag = "membership", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Membership id")),
    responses((status = 200, body = MembershipBody), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn membership(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<axum::Json<MembershipBody>, WebError> {
    let m = membership::view_membership(&*state.store, viewer.actor(), MembershipId(id)).await?;
    Ok(axum::Json(membership_body(&m, &viewer)))
}

/// A dues payment. `amount` is a decimal string such as `"30.00"`; dates are `YYYY-MM-DD`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct PaymentBody {
    period: i64,
    amount: String,
    paid_on: String,
    /// `transfer`, `card`, `cheque`, `cash`, `direct_debit` or `other`.
    method: String,
    reference: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/memberships/{id}/payments", tag = "membership", security(("bearer" = [])), request_body = PaymentBody,
    params(("id" = i64, Path, description = "Membership id")),
    responses((status = 201, body = Created), (status = 422, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn record_payment(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Json(body): Json<PaymentBody>,
) -> Result<(StatusCode, axum::Json<Created>), WebError> {
    let input = PaymentInput {
        period: body.period.to_string(),
        amount: body.amount,
        paid_on: body.paid_on,
        method: body.method,
        reference: body.reference.unwrap_or_default(),
    };
    let payment = membership::record_payment(
        &*state.store,
        viewer.actor(),
        MembershipId(id),
        &input,
        Timestamp::now(),
    )
    .await?;
    Ok((StatusCode::CREATED, axum::Json(Created { id: payment.0 })))
}
