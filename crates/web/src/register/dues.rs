//! Plans, memberships, periods and dues payments.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use cercle_core::accounts::flows::FlowError;
use cercle_core::accounts::policy::{self, Action};
use cercle_core::kernel::association::Language;
use cercle_core::kernel::date::{Amount, Date};
use cercle_core::kernel::paging::PageNumber;
use cercle_core::kernel::validation::ValidationError;
use cercle_core::register::dues::{
    Holder, Membership, MembershipId, MembershipStatus, PaymentMethod, Plan, PlanInput,
};
use cercle_core::register::membership::{self, MembershipInput, PaymentInput};
use cercle_core::register::reads;

use crate::http::error::WebError;
use crate::http::extract::{Form, Path};
use crate::http::middleware::see_other;
use crate::http::page_routes;
use crate::state::AppState;
use crate::templates::{FieldErrors, Layout, Pager, Tr, render_form};
use crate::viewer::Viewer;

page_routes! {
    get "/plans" => plans,
    post "/plans" => create_plan,
    get "/memberships" => memberships,
    post "/memberships" => create_membership,
    get "/memberships/{id}" => membership,
    post "/memberships/{id}/payments" => record_payment,
    post "/memberships/{id}/renew" => renew,
    post "/memberships/{id}/status" => set_status,
}

pub struct PlanView {
    pub name: String,
    pub period: String,
    pub holder: String,
    pub prices: Vec<String>,
    pub services: Vec<String>,
}

impl PlanView {
    pub fn new(t: Tr, plan: &Plan) -> Self {
        let fields = &plan.fields;
        let currency = fields.currency.as_str();
        let prices = match fields.prices.as_slice() {
            [only] => vec![format!("{} {currency}", only.amount.format(t.0))],
            bands => bands
                .iter()
                .map(|band| {
                    let from = t.with("plans-from-size", "size", &band.min_size.to_string());
                    format!("{from} : {} {currency}", band.amount.format(t.0))
                })
                .collect(),
        };
        Self {
            name: fields.name.as_str().to_owned(),
            period: t.get(&format!("plans-period-{}", fields.period.as_str())),
            holder: t.get(&format!("plans-holder-{}", fields.holder.as_str())),
            prices,
            services: fields.services.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "register/plans.html")]
struct PlansPage {
    l: Layout,
    plans: Vec<PlanView>,
    form: Option<PlanInput>,
    errors: FieldErrors,
}

async fn plans(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    plans_page(
        &state,
        &viewer,
        PlanInput {
            currency: "EUR".to_owned(),
            ..PlanInput::default()
        },
        &[],
    )
    .await
}

async fn plans_page(
    state: &AppState,
    viewer: &Viewer,
    input: PlanInput,
    errors: &[ValidationError],
) -> Result<Response, WebError> {
    let plans = reads::plans(&state.context(), viewer.actor()).await?;
    let t = Tr(viewer.language);
    let page = PlansPage {
        l: Layout::new(state, viewer, "plans-title", "/plans"),
        plans: plans.iter().map(|p| PlanView::new(t, p)).collect(),
        form: policy::check(viewer.actor(), Action::ManagePlans)
            .is_ok()
            .then_some(input),
        errors: FieldErrors::new(viewer.language, errors),
    };
    render_form(&page, errors)
}

async fn create_plan(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(input): Form<PlanInput>,
) -> Result<Response, WebError> {
    match membership::create_plan(&state.context(), viewer.actor(), &input).await {
        Ok(_) => Ok(see_other("/plans")),
        Err(FlowError::Invalid(errors)) => plans_page(&state, &viewer, input, &errors).await,
        Err(other) => Err(other.into()),
    }
}

/// A membership as a line of the register.
struct MembershipRow {
    id: i64,
    holder: String,
    plan: String,
    status: String,
    standing: String,
    good: bool,
}

fn membership_row(language: Language, m: &Membership, today: Date) -> MembershipRow {
    let standing = m.standing(today);
    MembershipRow {
        id: m.id.0,
        holder: m.holder_name.clone(),
        plan: m.plan_name.clone(),
        status: Tr(language).get(&format!("status-{}", m.status.as_str())),
        standing: standing.reason(&m.holder_name, language),
        good: standing.is_good(),
    }
}

#[derive(Template)]
#[template(path = "register/memberships.html")]
struct MembershipsPage {
    l: Layout,
    memberships: Vec<MembershipRow>,
    total: u64,
    pager: Pager,
    /// The creation form and its choices, for the bureau.
    form: Option<MembershipInput>,
    /// What was searched to pick the holder.
    holder_q: String,
    holders: Vec<(String, String)>,
    plans: Vec<(i64, String)>,
    errors: FieldErrors,
}

/// The list's page and the search for a new membership's holder, as the
/// query string sends them.
#[derive(Debug, Clone, Default, serde::Deserialize)]
struct MembershipsQuery {
    #[serde(default)]
    page: String,
    #[serde(default)]
    holder_q: String,
}

async fn memberships(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(query): Query<MembershipsQuery>,
) -> Result<Response, WebError> {
    let input = MembershipInput {
        starts_on: state.today().to_string(),
        ..MembershipInput::default()
    };
    memberships_page(&state, &viewer, &query, input, &[]).await
}

async fn memberships_page(
    state: &AppState,
    viewer: &Viewer,
    query: &MembershipsQuery,
    input: MembershipInput,
    errors: &[ValidationError],
) -> Result<Response, WebError> {
    let page = PageNumber::parse("page", &query.page).map_err(|e| WebError::Invalid(vec![e]))?;
    let list = membership::memberships(&state.context(), viewer.actor(), page).await?;
    let today = state.today();
    let may_create = policy::check(viewer.actor(), Action::ManageMemberships).is_ok();
    let (holders, plans) = if may_create {
        let holders =
            membership::holder_candidates(&state.context(), viewer.actor(), &query.holder_q)
                .await?
                .into_iter()
                .map(|(holder, name)| (holder_value(holder), name))
                .collect();
        let plans = reads::plans(&state.context(), viewer.actor())
            .await?
            .into_iter()
            .map(|p| (p.id.0, p.fields.name.as_str().to_owned()))
            .collect();
        (holders, plans)
    } else {
        (Vec::new(), Vec::new())
    };
    let page = MembershipsPage {
        l: Layout::new(state, viewer, "memberships-title", "/memberships"),
        memberships: list
            .items
            .iter()
            .map(|m| membership_row(viewer.language, m, today))
            .collect(),
        total: list.total,
        pager: Pager::searched(
            Tr(viewer.language),
            "memberships-pages",
            "/memberships",
            "",
            list.page.get(),
            list.pages,
        ),
        form: may_create.then_some(input),
        holder_q: query.holder_q.trim().to_owned(),
        holders,
        plans,
        errors: FieldErrors::new(viewer.language, errors),
    };
    render_form(&page, errors)
}

/// How the creation form names a holder.
fn holder_value(holder: Holder) -> String {
    match holder {
        Holder::Person(account) => format!("person:{}", account.0),
        Holder::Organisation(organisation) => format!("organisation:{}", organisation.0),
    }
}

async fn create_membership(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(input): Form<MembershipInput>,
) -> Result<Response, WebError> {
    match membership::create_membership(&state.context(), viewer.actor(), &input).await {
        Ok(id) => Ok(see_other(&format!("/memberships/{id}"))),
        Err(FlowError::Invalid(errors)) => {
            let query = MembershipsQuery::default();
            memberships_page(&state, &viewer, &query, input, &errors).await
        }
        Err(other) => Err(other.into()),
    }
}

struct PeriodRow {
    id: i64,
    label: String,
    due: String,
    paid: String,
    settled: bool,
}

struct PaymentRow {
    paid_on: String,
    amount: String,
    method: String,
    reference: String,
}

#[derive(Template)]
#[template(path = "register/membership.html")]
struct MembershipPage {
    l: Layout,
    id: i64,
    holder: String,
    plan: String,
    status: String,
    standing: String,
    good: bool,
    periods: Vec<PeriodRow>,
    payments: Vec<PaymentRow>,
    payment_form: Option<PaymentInput>,
    methods: Vec<(&'static str, String)>,
    statuses: Option<Vec<(&'static str, String, bool)>>,
    errors: FieldErrors,
}

async fn membership(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    membership_page(&state, &viewer, MembershipId(id), None, &[]).await
}

async fn membership_page(
    state: &AppState,
    viewer: &Viewer,
    id: MembershipId,
    input: Option<PaymentInput>,
    errors: &[ValidationError],
) -> Result<Response, WebError> {
    let m = membership::view_membership(&state.context(), viewer.actor(), id).await?;
    let t = Tr(viewer.language);
    let language = viewer.language;
    let row = membership_row(language, &m, state.today());
    let currency = m.currency.as_str().to_owned();
    let money = |amount: Amount| format!("{} {currency}", amount.format(language));
    let periods = m
        .periods
        .iter()
        .map(|p| PeriodRow {
            id: p.id.0,
            label: format!(
                "{} → {}",
                p.starts_on.long(language),
                p.ends_on.long(language)
            ),
            due: money(p.amount_due),
            paid: money(m.paid_for(p.id)),
            settled: m.is_paid(p),
        })
        .collect();
    let payments = m
        .payments
        .iter()
        .map(|p| PaymentRow {
            paid_on: p.paid_on.long(language),
            amount: money(p.amount),
            method: t.get(&format!("method-{}", p.method.as_str().replace('_', "-"))),
            reference: p.reference.clone(),
        })
        .collect();
    let unpaid = m
        .periods
        .iter()
        .rev()
        .find(|p| !m.is_paid(p))
        .or(m.periods.last());
    let default_payment = PaymentInput {
        period: unpaid.map(|p| p.id.0.to_string()).unwrap_or_default(),
        amount: unpaid
            .map(|p| Amount(p.amount_due.0 - m.paid_for(p.id).0).plain())
            .unwrap_or_default(),
        paid_on: state.today().to_string(),
        method: PaymentMethod::Transfer.as_str().to_owned(),
        reference: String::new(),
    };
    let page = MembershipPage {
        l: Layout::new(
            state,
            viewer,
            "membership-title",
            &format!("/memberships/{}", id.0),
        ),
        id: id.0,
        holder: row.holder,
        plan: row.plan,
        status: row.status,
        standing: row.standing,
        good: row.good,
        periods,
        payments,
        payment_form: policy::check(viewer.actor(), Action::RecordPayment)
            .is_ok()
            .then(|| input.unwrap_or(default_payment)),
        methods: PaymentMethod::ALL
            .iter()
            .map(|m| {
                (
                    m.as_str(),
                    t.get(&format!("method-{}", m.as_str().replace('_', "-"))),
                )
            })
            .collect(),
        statuses: policy::check(viewer.actor(), Action::ManageMemberships)
            .is_ok()
            .then(|| {
                MembershipStatus::ALL
                    .iter()
                    .map(|s| {
                        (
                            s.as_str(),
                            t.get(&format!("status-{}", s.as_str())),
                            *s == m.status,
                        )
                    })
                    .collect()
            }),
        errors: FieldErrors::new(language, errors),
    };
    render_form(&page, errors)
}

async fn record_payment(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(input): Form<PaymentInput>,
) -> Result<Response, WebError> {
    let id = MembershipId(id);
    match membership::record_payment(&state.context(), viewer.actor(), id, &input).await {
        Ok(_) => Ok(see_other(&format!("/memberships/{id}"))),
        Err(FlowError::Invalid(errors)) => {
            membership_page(&state, &viewer, id, Some(input), &errors).await
        }
        Err(other) => Err(other.into()),
    }
}

async fn renew(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    membership::renew(&state.context(), viewer.actor(), MembershipId(id)).await?;
    Ok(see_other(&format!("/memberships/{id}")))
}

#[derive(serde::Deserialize)]
struct StatusForm {
    status: String,
}

async fn set_status(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<StatusForm>,
) -> Result<Response, WebError> {
    let id = MembershipId(id);
    match membership::set_status(&state.context(), viewer.actor(), id, &form.status).await {
        Ok(()) => Ok(see_other(&format!("/memberships/{id}"))),
        Err(FlowError::Invalid(errors)) => {
            membership_page(&state, &viewer, id, None, &errors).await
        }
        Err(other) => Err(other.into()),
    }
}
