//! The register and dues in the JSON API, asking the same core flows as the
//! pages.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use cercle_core::accounts::account::AccountId;
use cercle_core::kernel::date::Date;
use cercle_core::kernel::paging::PageNumber;
use cercle_core::register::dues::{Membership, MembershipId, Plan, PlanInput};
use cercle_core::register::membership::{
    self, MembershipInput, PaymentInput, RegisterSearch, employer_label,
};
use cercle_core::register::people::{
    Organisation, OrganisationId, OrganisationInput, Profile, ProfileInput,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::Problem;
use crate::http::error::WebError;
use crate::http::extract::{Json, Path};
use crate::state::AppState;
use crate::viewer::Viewer;

pub fn routes(router: OpenApiRouter<AppState>) -> OpenApiRouter<AppState> {
    router
        .routes(routes!(adherence))
        .routes(routes!(save_profile))
        .routes(routes!(person))
        .routes(routes!(set_roles))
        .routes(routes!(organisations, create_organisation))
        .routes(routes!(update_organisation))
        .routes(routes!(affiliate))
        .routes(routes!(unaffiliate))
        .routes(routes!(confirm_profile_current))
        .routes(routes!(plans, create_plan))
        .routes(routes!(memberships, create_membership))
        .routes(routes!(membership))
        .routes(routes!(record_payment))
        .routes(routes!(renew))
        .routes(routes!(set_status))
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
    let answer = membership::adherence_of(&state.context(), account, viewer.language).await?;
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
    let profile = membership::view_profile(&state.context(), viewer.actor(), AccountId(id)).await?;
    Ok(axum::Json(person_body(id, profile)))
}

fn person_body(id: i64, profile: Profile) -> PersonBody {
    let details = profile.details;
    PersonBody {
        id,
        display_name: profile.display_name.as_str().to_owned(),
        employer: employer_label(&details.employer).map(str::to_owned),
        job_title: details.job_title,
        bio: details.bio,
        expertise: details.expertise,
        languages: details.languages,
    }
}

/// The signed-in person's whole profile; fields left out are cleared.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct ProfileBody {
    #[serde(default)]
    job_title: String,
    /// The id of a member organisation, or null.
    employer_organisation: Option<i64>,
    /// An employer that is not a member organisation.
    #[serde(default)]
    employer_other: String,
    #[serde(default)]
    bio: String,
    #[serde(default)]
    expertise: Vec<String>,
    #[serde(default)]
    languages: Vec<String>,
    /// Whether other members may see the profile.
    #[serde(default)]
    public: bool,
}

#[utoipa::path(put, path = "/api/v1/me/profile", tag = "register", security(("bearer" = [])), request_body = ProfileBody,
    responses(
        (status = 200, body = PersonBody),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field was refused; `errors` lists each", body = Problem, content_type = "application/problem+json")))]
async fn save_profile(
    State(state): State<AppState>,
    viewer: Viewer,
    Json(body): Json<ProfileBody>,
) -> Result<axum::Json<PersonBody>, WebError> {
    let input = ProfileInput {
        job_title: body.job_title,
        employer_organisation: body
            .employer_organisation
            .map(|id| id.to_string())
            .unwrap_or_default(),
        employer_other: body.employer_other,
        bio: body.bio,
        expertise: body.expertise.join(", "),
        languages: body.languages.join(", "),
        public: body.public.then(|| "on".to_owned()),
    };
    membership::save_profile(&state.context(), viewer.actor(), &input).await?;
    // The answer shows the profile as saved, with the employer's name the
    // store resolved.
    let account = viewer.account.as_ref().ok_or(WebError::SignInRequired)?.id;
    let profile = membership::view_profile(&state.context(), viewer.actor(), account).await?;
    Ok(axum::Json(person_body(account.0, profile)))
}

/// The association roles a person holds; those left out are taken away.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct RolesBody {
    /// `administrator`, `bureau_member`, `treasurer`, `moderator` or `security_contact`.
    roles: Vec<String>,
}

#[utoipa::path(put, path = "/api/v1/people/{id}/roles", tag = "register", security(("bearer" = [])), request_body = RolesBody,
    params(("id" = i64, Path, description = "Account id")),
    responses(
        (status = 204, description = "Saved"),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn set_roles(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Json(body): Json<RolesBody>,
) -> Result<StatusCode, WebError> {
    membership::set_roles(&state.context(), viewer.actor(), AccountId(id), &body.roles).await?;
    Ok(StatusCode::NO_CONTENT)
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

/// Which organisations to read.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct OrganisationListParams {
    /// Part of the name, in any case; every organisation when left out.
    q: Option<String>,
    /// From 1, 50 a page by name; the first when left out.
    page: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/organisations", tag = "register", security(("bearer" = [])),
    params(OrganisationListParams),
    responses((status = 200, body = Vec<OrganisationBody>), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 422, description = "Not a page number", body = Problem, content_type = "application/problem+json")))]
async fn organisations(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(params): Query<OrganisationListParams>,
) -> Result<axum::Json<Vec<OrganisationBody>>, WebError> {
    let search = RegisterSearch {
        q: params.q.unwrap_or_default(),
        page: params.page.unwrap_or_default(),
    };
    let found = membership::organisations(&state.context(), viewer.actor(), &search).await?;
    Ok(axum::Json(
        found.items.iter().map(OrganisationBody::from).collect(),
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

impl From<NewOrganisationBody> for OrganisationInput {
    fn from(body: NewOrganisationBody) -> Self {
        Self {
            name: body.name,
            category: body.category,
            website: body.website.unwrap_or_default(),
            logo_url: body.logo_url.unwrap_or_default(),
            description: body.description.unwrap_or_default(),
            size: body.size.map(|s| s.to_string()).unwrap_or_default(),
        }
    }
}

/// The id of what was created.
#[derive(Serialize, ToSchema)]
pub struct Created {
    pub id: i64,
}

#[utoipa::path(post, path = "/api/v1/organisations", tag = "register", security(("bearer" = [])), request_body = NewOrganisationBody,
    responses((status = 201, body = Created), (status = 422, body = Problem, content_type = "application/problem+json"), (status = 404, description = "Not allowed", body = Problem, content_type = "application/problem+json")))]
async fn create_organisation(
    State(state): State<AppState>,
    viewer: Viewer,
    Json(body): Json<NewOrganisationBody>,
) -> Result<(StatusCode, axum::Json<Created>), WebError> {
    let id =
        membership::create_organisation(&state.context(), viewer.actor(), &body.into()).await?;
    Ok((StatusCode::CREATED, axum::Json(Created { id: id.0 })))
}

#[utoipa::path(put, path = "/api/v1/organisations/{id}", tag = "register", security(("bearer" = [])), request_body = NewOrganisationBody,
    params(("id" = i64, Path, description = "Organisation id")),
    responses(
        (status = 204, description = "Saved: the organisation now reads as sent"),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation, or not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn update_organisation(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Json(body): Json<NewOrganisationBody>,
) -> Result<StatusCode, WebError> {
    membership::update_organisation(
        &state.context(),
        viewer.actor(),
        OrganisationId(id),
        &body.into(),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Affiliates the person with this email address to the organisation.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct AffiliationBody {
    email: String,
    /// Whether the person represents the organisation.
    #[serde(default)]
    representative: bool,
}

#[utoipa::path(post, path = "/api/v1/organisations/{id}/affiliations", tag = "register", security(("bearer" = [])), request_body = AffiliationBody,
    params(("id" = i64, Path, description = "Organisation id")),
    responses(
        (status = 204, description = "Affiliated"),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation, or not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn affiliate(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Json(body): Json<AffiliationBody>,
) -> Result<StatusCode, WebError> {
    membership::affiliate(
        &state.context(),
        viewer.actor(),
        OrganisationId(id),
        &body.email,
        body.representative,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(delete, path = "/api/v1/organisations/{id}/affiliations/{account}", tag = "register", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Organisation id"), ("account" = i64, Path, description = "The affiliated person's account")),
    responses(
        (status = 204, description = "No longer affiliated"),
        (status = 403, description = "Read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such affiliation, or not allowed", body = Problem, content_type = "application/problem+json")))]
async fn unaffiliate(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, account)): Path<(i64, i64)>,
) -> Result<StatusCode, WebError> {
    membership::unaffiliate(
        &state.context(),
        viewer.actor(),
        OrganisationId(id),
        AccountId(account),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/me/profile/current", tag = "register", security(("bearer" = [])),
    responses(
        (status = 204, description = "The profile is recorded as reviewed today, unchanged"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Read-only token", body = Problem, content_type = "application/problem+json")))]
async fn confirm_profile_current(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<StatusCode, WebError> {
    membership::confirm_profile_current(&state.context(), viewer.actor()).await?;
    Ok(StatusCode::NO_CONTENT)
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
    Ok(axum::Json(
        cercle_core::register::reads::plans(&state.context(), viewer.actor())
            .await?
            .iter()
            .map(PlanBody::from)
            .collect(),
    ))
}

/// A new plan, as on the plans page.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct NewPlanBody {
    name: String,
    /// `yearly` or `monthly`.
    period: String,
    /// `person` or `organisation`.
    holder: String,
    /// An ISO 4217 code such as `EUR`.
    currency: String,
    /// One price such as `"20"`, or bands by organisation size such as `"0:500; 50:1200"`.
    prices: String,
    #[serde(default)]
    services: Vec<String>,
}

#[utoipa::path(post, path = "/api/v1/plans", tag = "membership", security(("bearer" = [])), request_body = NewPlanBody,
    responses(
        (status = 201, body = Created),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn create_plan(
    State(state): State<AppState>,
    viewer: Viewer,
    Json(body): Json<NewPlanBody>,
) -> Result<(StatusCode, axum::Json<Created>), WebError> {
    let input = PlanInput {
        name: body.name,
        period: body.period,
        holder: body.holder,
        currency: body.currency,
        prices: body.prices,
        // The page's form takes one service per line.
        services: body.services.join("\n"),
        // The API's plans vote, as they did before plans had a say in it.
        non_voting: None,
    };
    let id = membership::create_plan(&state.context(), viewer.actor(), &input).await?;
    Ok((StatusCode::CREATED, axum::Json(Created { id: id.0 })))
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

fn membership_body(m: &Membership, viewer: &Viewer, today: Date) -> MembershipBody {
    let standing = m.standing(today);
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

/// Which page of the memberships to read.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct MembershipListParams {
    /// From 1, the newest first, 50 a page; the first when left out.
    page: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/memberships", tag = "membership", security(("bearer" = [])),
    params(MembershipListParams),
    responses((status = 200, body = Vec<MembershipBody>), (status = 422, description = "Not a page number", body = Problem, content_type = "application/problem+json"), (status = 404, description = "Not allowed", body = Problem, content_type = "application/problem+json")))]
async fn memberships(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(params): Query<MembershipListParams>,
) -> Result<axum::Json<Vec<MembershipBody>>, WebError> {
    let page = PageNumber::parse("page", params.page.as_deref().unwrap_or(""))
        .map_err(|e| WebError::Invalid(vec![e]))?;
    let list = membership::memberships(&state.context(), viewer.actor(), page).await?;
    Ok(axum::Json(
        list.items
            .iter()
            .map(|m| membership_body(m, &viewer, state.today()))
            .collect(),
    ))
}

/// A new active membership, whose first period starts on `starts_on` (`YYYY-MM-DD`).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct NewMembershipBody {
    /// `person:<account id>` or `organisation:<organisation id>`.
    holder: String,
    /// A plan id.
    plan: i64,
    starts_on: String,
}

#[utoipa::path(post, path = "/api/v1/memberships", tag = "membership", security(("bearer" = [])), request_body = NewMembershipBody,
    responses(
        (status = 201, body = Created),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn create_membership(
    State(state): State<AppState>,
    viewer: Viewer,
    Json(body): Json<NewMembershipBody>,
) -> Result<(StatusCode, axum::Json<Created>), WebError> {
    let input = MembershipInput {
        holder: body.holder,
        plan: body.plan.to_string(),
        starts_on: body.starts_on,
    };
    let id = membership::create_membership(&state.context(), viewer.actor(), &input).await?;
    Ok((StatusCode::CREATED, axum::Json(Created { id: id.0 })))
}

#[utoipa::path(get, path = "/api/v1/memberships/{id}", tag = "membership", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Membership id")),
    responses((status = 200, body = MembershipBody), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn membership(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<axum::Json<MembershipBody>, WebError> {
    let m = membership::view_membership(&state.context(), viewer.actor(), MembershipId(id)).await?;
    Ok(axum::Json(membership_body(&m, &viewer, state.today())))
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
    let payment =
        membership::record_payment(&state.context(), viewer.actor(), MembershipId(id), &input)
            .await?;
    Ok((StatusCode::CREATED, axum::Json(Created { id: payment.0 })))
}

#[utoipa::path(post, path = "/api/v1/memberships/{id}/renew", tag = "membership", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Membership id")),
    responses(
        (status = 201, description = "The period added", body = Created),
        (status = 403, description = "Read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn renew(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<(StatusCode, axum::Json<Created>), WebError> {
    let period = membership::renew(&state.context(), viewer.actor(), MembershipId(id)).await?;
    Ok((StatusCode::CREATED, axum::Json(Created { id: period.0 })))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct StatusBody {
    /// `applicant`, `active`, `lapsed`, `resigned` or `excluded`.
    status: String,
}

#[utoipa::path(put, path = "/api/v1/memberships/{id}/status", tag = "membership", security(("bearer" = [])), request_body = StatusBody,
    params(("id" = i64, Path, description = "Membership id")),
    responses(
        (status = 204, description = "Saved"),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn set_status(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Json(body): Json<StatusBody>,
) -> Result<StatusCode, WebError> {
    membership::set_status(
        &state.context(),
        viewer.actor(),
        MembershipId(id),
        &body.status,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
