//! Governance in the JSON API, through the same core flows as the pages:
//! the bodies with their mandates and the statutes, for administrators; the
//! general assemblies with their roll, proxies, attendance, agenda, ballots
//! and minutes, for the bureau and the people of the roll.
//!
//! An answer carries only what the flow shows the caller: no count before
//! a ballot closes, no voter beside a choice in a secret ballot, and the
//! minutes only to those `read_minutes` lets read them.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use cercle_core::accounts::account::AccountId;
use cercle_core::events::event::Zone;
use cercle_core::governance::assembly::{
    AgendaItem, Assembly, AssemblyId, AssemblyInput, ItemId, ItemInput, Quorum, RollEntry,
    Statutes, StatutesInput,
};
use cercle_core::governance::ballot::{Outcome, Tally};
use cercle_core::governance::body::{BodyId, BodyInput, Mandate, MandateId, MandateInput};
use cercle_core::governance::flows::{self as governance, ItemView};
use cercle_core::governance::store::Voice;
use cercle_core::kernel::paging::PageNumber;
use cercle_core::kernel::time::Timestamp;
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
        .routes(routes!(overview))
        .routes(routes!(statutes, set_statutes))
        .routes(routes!(create_body))
        .routes(routes!(update_body, remove_body))
        .routes(routes!(add_mandate))
        .routes(routes!(end_mandate))
        .routes(routes!(assemblies, create_assembly))
        .routes(routes!(show_assembly, update_assembly))
        .routes(routes!(convene))
        .routes(routes!(give_proxy, revoke_proxy))
        .routes(routes!(check_in))
        .routes(routes!(open_assembly))
        .routes(routes!(close_assembly))
        .routes(routes!(roll))
        .routes(routes!(record_presence))
        .routes(routes!(add_item))
        .routes(routes!(update_item))
        .routes(routes!(open_ballot))
        .routes(routes!(close_ballot))
        .routes(routes!(vote))
        .routes(routes!(check_receipt))
        .routes(routes!(read_minutes, save_minutes))
}

/// Someone's seat in a body, from its first day to its last, when known.
#[derive(Serialize, ToSchema)]
struct MandateBody {
    id: i64,
    name: String,
    /// `president`, `vice_president`, `secretary`, `treasurer` or `member`.
    seat: String,
    /// `YYYY-MM-DD`.
    starts_on: String,
    ends_on: Option<String>,
}

impl From<&Mandate> for MandateBody {
    fn from(mandate: &Mandate) -> Self {
        Self {
            id: mandate.id.0,
            name: mandate.name.clone(),
            seat: mandate.seat.as_str().to_owned(),
            starts_on: mandate.starts_on.to_string(),
            ends_on: mandate.ends_on.map(|day| day.to_string()),
        }
    }
}

/// A body with who sits in it today and who sat before.
#[derive(Serialize, ToSchema)]
struct BodyBody {
    id: i64,
    name: String,
    /// `bureau`, `board`, `steering_committee` or `other`.
    kind: String,
    /// Markdown.
    description: String,
    /// By seat.
    current: Vec<MandateBody>,
    /// The latest first.
    past: Vec<MandateBody>,
}

/// The association's governance, as its public page shows it.
#[derive(Serialize, ToSchema)]
struct GovernanceBody {
    bodies: Vec<BodyBody>,
    /// Whether the caller may change the bodies, mandates and statutes.
    can_manage: bool,
}

#[utoipa::path(get, path = "/api/v1/governance", tag = "governance",
    responses((status = 200, description = "Every body with its current and past mandates", body = GovernanceBody)))]
async fn overview(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<axum::Json<GovernanceBody>, WebError> {
    let page = governance::governance(&state.context(), viewer.actor()).await?;
    let today = page.today;
    Ok(axum::Json(GovernanceBody {
        bodies: page
            .bodies
            .iter()
            .map(|body| BodyBody {
                id: body.id.0,
                name: body.fields.name.clone(),
                kind: body.fields.kind.as_str().to_owned(),
                description: body.fields.description.clone(),
                current: body.current(today).map(MandateBody::from).collect(),
                past: body.past(today).map(MandateBody::from).collect(),
            })
            .collect(),
        can_manage: page.can_manage,
    }))
}

/// What the statutes say of general assemblies.
#[derive(Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct StatutesBody {
    /// Days between the convocation and the assembly, at least; 365 at most.
    notice_days: u32,
    /// Proxies one voting member may carry, at most; 100 at most.
    proxy_cap: u32,
    /// The share of the voting roll, present or represented, that makes
    /// the quorum, in percent.
    ordinary_quorum_percent: u32,
    extraordinary_quorum_percent: u32,
    /// Whether abstentions count among the votes cast.
    abstentions_count: bool,
}

impl From<Statutes> for StatutesBody {
    fn from(statutes: Statutes) -> Self {
        Self {
            notice_days: statutes.notice_days,
            proxy_cap: statutes.proxy_cap,
            ordinary_quorum_percent: statutes.ordinary_quorum_percent,
            extraordinary_quorum_percent: statutes.extraordinary_quorum_percent,
            abstentions_count: statutes.abstentions_count,
        }
    }
}

impl From<StatutesBody> for StatutesInput {
    fn from(body: StatutesBody) -> Self {
        // The form's checkbox: present when checked.
        Self {
            notice_days: body.notice_days.to_string(),
            proxy_cap: body.proxy_cap.to_string(),
            ordinary_quorum_percent: body.ordinary_quorum_percent.to_string(),
            extraordinary_quorum_percent: body.extraordinary_quorum_percent.to_string(),
            abstentions_count: body.abstentions_count.then(|| "on".to_owned()),
        }
    }
}

#[utoipa::path(get, path = "/api/v1/governance/statutes", tag = "governance", security(("bearer" = [])),
    responses(
        (status = 200, body = StatutesBody),
        (status = 404, description = "Not an administrator", body = Problem, content_type = "application/problem+json")))]
async fn statutes(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<axum::Json<StatutesBody>, WebError> {
    let statutes = governance::statutes(&state.context(), viewer.actor()).await?;
    Ok(axum::Json(statutes.into()))
}

#[utoipa::path(put, path = "/api/v1/governance/statutes", tag = "governance", security(("bearer" = [])), request_body = StatutesBody,
    responses(
        (status = 200, description = "Saved: the statutes as they now read", body = StatutesBody),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A number out of its range", body = Problem, content_type = "application/problem+json")))]
async fn set_statutes(
    State(state): State<AppState>,
    viewer: Viewer,
    Json(body): Json<StatutesBody>,
) -> Result<axum::Json<StatutesBody>, WebError> {
    let saved = governance::set_statutes(&state.context(), viewer.actor(), &body.into()).await?;
    Ok(axum::Json(saved.into()))
}

/// A body's fields.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct BodyFieldsBody {
    name: String,
    /// `bureau`, `board`, `steering_committee` or `other`.
    kind: String,
    /// Markdown.
    description: Option<String>,
}

impl From<BodyFieldsBody> for BodyInput {
    fn from(body: BodyFieldsBody) -> Self {
        Self {
            name: body.name,
            kind: body.kind,
            description: body.description.unwrap_or_default(),
        }
    }
}

#[utoipa::path(post, path = "/api/v1/governance/bodies", tag = "governance", security(("bearer" = [])), request_body = BodyFieldsBody,
    responses(
        (status = 201, body = Created),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field refused", body = Problem, content_type = "application/problem+json")))]
async fn create_body(
    State(state): State<AppState>,
    viewer: Viewer,
    Json(body): Json<BodyFieldsBody>,
) -> Result<(StatusCode, axum::Json<Created>), WebError> {
    let id = governance::create_body(&state.context(), viewer.actor(), &body.into()).await?;
    Ok((StatusCode::CREATED, axum::Json(Created { id: id.0 })))
}

#[utoipa::path(put, path = "/api/v1/governance/bodies/{id}", tag = "governance", security(("bearer" = [])), request_body = BodyFieldsBody,
    params(("id" = i64, Path, description = "The body")),
    responses(
        (status = 204, description = "Saved"),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such body, or not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field refused", body = Problem, content_type = "application/problem+json")))]
async fn update_body(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Json(body): Json<BodyFieldsBody>,
) -> Result<StatusCode, WebError> {
    governance::update_body(&state.context(), viewer.actor(), BodyId(id), &body.into()).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(delete, path = "/api/v1/governance/bodies/{id}", tag = "governance", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The body")),
    responses(
        (status = 204, description = "Removed, with its mandates' history"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such body, or not an administrator", body = Problem, content_type = "application/problem+json")))]
async fn remove_body(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<StatusCode, WebError> {
    governance::remove_body(&state.context(), viewer.actor(), BodyId(id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A mandate: the person by their address, the seat, and its days
/// (`YYYY-MM-DD`), the last left out while unknown.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct MandateFieldsBody {
    email: String,
    /// `president`, `vice_president`, `secretary`, `treasurer` or `member`.
    seat: String,
    starts_on: String,
    ends_on: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/governance/bodies/{id}/mandates", tag = "governance", security(("bearer" = [])), request_body = MandateFieldsBody,
    params(("id" = i64, Path, description = "The body")),
    responses(
        (status = 201, body = Created),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such body, or not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field refused, or nobody with this address", body = Problem, content_type = "application/problem+json")))]
async fn add_mandate(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Json(body): Json<MandateFieldsBody>,
) -> Result<(StatusCode, axum::Json<Created>), WebError> {
    let input = MandateInput {
        email: body.email,
        seat: body.seat,
        starts_on: body.starts_on,
        ends_on: body.ends_on.unwrap_or_default(),
    };
    let mandate =
        governance::add_mandate(&state.context(), viewer.actor(), BodyId(id), &input).await?;
    Ok((StatusCode::CREATED, axum::Json(Created { id: mandate.0 })))
}

/// The mandate's last day, `YYYY-MM-DD`; today when null or left out.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct MandateEndBody {
    ends_on: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/governance/mandates/{id}/end", tag = "governance", security(("bearer" = [])), request_body = MandateEndBody,
    params(("id" = i64, Path, description = "The mandate")),
    responses(
        (status = 204, description = "Ended on that day"),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such mandate, or not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a day", body = Problem, content_type = "application/problem+json")))]
async fn end_mandate(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Json(body): Json<MandateEndBody>,
) -> Result<StatusCode, WebError> {
    governance::end_mandate(
        &state.context(),
        viewer.actor(),
        MandateId(id),
        body.ends_on.as_deref().unwrap_or(""),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// An assembly in a list. Moments are RFC 3339 on the assembly's clock.
#[derive(Serialize, ToSchema)]
struct AssemblySummary {
    id: i64,
    title: String,
    /// `ordinary` or `extraordinary`.
    kind: String,
    starts_at: String,
    /// The IANA time zone the assembly is held in.
    time_zone: String,
    place: String,
    /// `draft`, `convened`, `open` or `closed`.
    state: String,
    /// How many people the frozen roll holds, voting or not; 0 before the
    /// convocation.
    roll_size: i64,
}

impl From<&Assembly> for AssemblySummary {
    fn from(assembly: &Assembly) -> Self {
        let fields = &assembly.fields;
        Self {
            id: assembly.id.0,
            title: fields.title.clone(),
            kind: fields.kind.as_str().to_owned(),
            starts_at: fields.zone.rfc3339(fields.starts_at),
            time_zone: fields.zone.as_str().to_owned(),
            place: fields.place.clone(),
            state: assembly.state.as_str().to_owned(),
            roll_size: assembly.roll_size,
        }
    }
}

/// Which page to read.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct PageParams {
    /// From 1, 50 a page; the first when left out.
    page: Option<String>,
}

fn page_of(input: Option<&str>) -> Result<PageNumber, WebError> {
    PageNumber::parse("page", input.unwrap_or("")).map_err(|e| WebError::Invalid(vec![e]))
}

#[utoipa::path(get, path = "/api/v1/assemblies", tag = "assemblies", security(("bearer" = [])), params(PageParams),
    responses(
        (status = 200, description = "The assemblies the caller may see, the latest first: every one for the bureau, those the caller was convened to for the others", body = Vec<AssemblySummary>,
            headers(("X-Total-Count" = u64, description = "How many assemblies the caller may see, on every page"))),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a page number", body = Problem, content_type = "application/problem+json")))]
async fn assemblies(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(params): Query<PageParams>,
) -> Result<
    (
        [(&'static str, String); 1],
        axum::Json<Vec<AssemblySummary>>,
    ),
    WebError,
> {
    let page = page_of(params.page.as_deref())?;
    let list = governance::assemblies(&state.context(), viewer.actor(), page).await?;
    Ok((
        [("x-total-count", list.assemblies.total.to_string())],
        axum::Json(
            list.assemblies
                .items
                .iter()
                .map(AssemblySummary::from)
                .collect(),
        ),
    ))
}

/// An assembly's fields, as its form takes them: the day `YYYY-MM-DD` and
/// the time `HH:MM` on its clock, in `time_zone` (Europe/Paris when left
/// out).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct AssemblyFieldsBody {
    title: String,
    /// `ordinary` or `extraordinary`.
    kind: String,
    date: String,
    time: String,
    time_zone: Option<String>,
    place: Option<String>,
    /// The agenda's introduction and the documents' links, in Markdown.
    details: Option<String>,
}

impl From<AssemblyFieldsBody> for AssemblyInput {
    fn from(body: AssemblyFieldsBody) -> Self {
        Self {
            title: body.title,
            kind: body.kind,
            date: body.date,
            time: body.time,
            time_zone: body.time_zone.unwrap_or_default(),
            place: body.place.unwrap_or_default(),
            details: body.details.unwrap_or_default(),
        }
    }
}

#[utoipa::path(post, path = "/api/v1/assemblies", tag = "assemblies", security(("bearer" = [])), request_body = AssemblyFieldsBody,
    responses(
        (status = 201, description = "A draft, seen by the bureau alone until convened", body = Created),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not of the bureau", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field refused", body = Problem, content_type = "application/problem+json")))]
async fn create_assembly(
    State(state): State<AppState>,
    viewer: Viewer,
    Json(body): Json<AssemblyFieldsBody>,
) -> Result<(StatusCode, axum::Json<Created>), WebError> {
    let id = governance::create_assembly(&state.context(), viewer.actor(), &body.into()).await?;
    Ok((StatusCode::CREATED, axum::Json(Created { id: id.0 })))
}

/// How the quorum stands.
#[derive(Serialize, ToSchema)]
struct QuorumBody {
    /// Voting members on the roll.
    voting: i64,
    present: i64,
    represented: i64,
    /// Present or represented members the statutes ask for.
    needed: i64,
    reached: bool,
}

impl From<Quorum> for QuorumBody {
    fn from(quorum: Quorum) -> Self {
        Self {
            voting: quorum.voting,
            present: quorum.present,
            represented: quorum.represented,
            needed: quorum.needed,
            reached: quorum.reached(),
        }
    }
}

/// Someone of the roll, by account and name.
#[derive(Serialize, ToSchema)]
struct PersonBody {
    account: i64,
    name: String,
}

impl From<&(AccountId, String)> for PersonBody {
    fn from((account, name): &(AccountId, String)) -> Self {
        Self {
            account: account.0,
            name: name.clone(),
        }
    }
}

/// One line of an assembly's roll.
#[derive(Serialize, ToSchema)]
struct RollEntryBody {
    account: i64,
    name: String,
    /// The plan of the membership that put them on the roll; empty for the
    /// team, who do not vote.
    class: String,
    voting: bool,
    /// `in_person` or `online`, once recorded.
    presence: Option<String>,
    /// Whom they gave their proxy to.
    proxy_to: Option<PersonBody>,
    /// Whose proxies they carry.
    proxies_held: Vec<PersonBody>,
}

impl From<&RollEntry> for RollEntryBody {
    fn from(entry: &RollEntry) -> Self {
        Self {
            account: entry.account.0,
            name: entry.name.clone(),
            class: entry.class.clone(),
            voting: entry.voting,
            presence: entry.presence.map(|p| p.as_str().to_owned()),
            proxy_to: entry.proxy_to.as_ref().map(PersonBody::from),
            proxies_held: entry.proxies_held.iter().map(PersonBody::from).collect(),
        }
    }
}

/// A closed ballot's count and what it decided.
#[derive(Serialize, ToSchema)]
struct TallyBody {
    #[serde(rename = "for")]
    for_: i64,
    against: i64,
    abstain: i64,
    /// The voting members present or represented when it closed.
    eligible: i64,
}

impl From<Tally> for TallyBody {
    fn from(tally: Tally) -> Self {
        Self {
            for_: tally.for_,
            against: tally.against,
            abstain: tally.abstain,
            eligible: tally.eligible,
        }
    }
}

#[derive(Serialize, ToSchema)]
struct ResultBody {
    #[serde(flatten)]
    tally: TallyBody,
    /// `adopted` or `rejected`.
    outcome: String,
}

impl From<&(Tally, Outcome)> for ResultBody {
    fn from((tally, outcome): &(Tally, Outcome)) -> Self {
        Self {
            tally: (*tally).into(),
            outcome: outcome.as_str().to_owned(),
        }
    }
}

/// A voice of an open roll-call ballot, once it closed.
#[derive(Serialize, ToSchema)]
struct RollCallBody {
    name: String,
    /// `for`, `against` or `abstain`.
    choice: String,
}

/// A voice the caller carries in an open ballot.
#[derive(Serialize, ToSchema)]
struct VoiceBody {
    /// The account whose voice it is, to send as `on_behalf`.
    on_behalf: i64,
    name: String,
    /// The caller's own voice rather than a proxy.
    own: bool,
    cast: bool,
}

impl From<&Voice> for VoiceBody {
    fn from(voice: &Voice) -> Self {
        Self {
            on_behalf: voice.on_behalf.0,
            name: voice.name.clone(),
            own: voice.own,
            cast: voice.cast,
        }
    }
}

/// The resolution an item carries and where its ballot stands.
#[derive(Serialize, ToSchema)]
struct ResolutionBody {
    text: String,
    /// `simple`, `absolute` or `two_thirds`.
    majority: String,
    /// `open` (roll-call) or `secret`.
    ballot: String,
    /// A written consultation's window.
    opens_at: Option<String>,
    closes_at: Option<String>,
    /// When the chair opened and closed the ballot.
    opened_at: Option<String>,
    closed_at: Option<String>,
    /// `waiting`, `open` or `closed`.
    state: String,
    /// The count, once the ballot is closed: never before.
    result: Option<ResultBody>,
    /// Each voice by name, for a closed roll-call ballot only.
    roll_call: Vec<RollCallBody>,
    /// The voices the caller carries, while the ballot is open.
    voices: Vec<VoiceBody>,
}

/// An agenda item, with what the caller may do of its ballot.
#[derive(Serialize, ToSchema)]
struct ItemBody {
    id: i64,
    /// 1 for the first item.
    position: i64,
    title: String,
    /// Markdown.
    description: String,
    resolution: Option<ResolutionBody>,
    can_open: bool,
    can_close: bool,
}

fn item_body(zone: &Zone, view: &ItemView) -> ItemBody {
    let AgendaItem {
        id,
        position,
        title,
        description,
        resolution,
        ..
    } = &view.item;
    let moment = |at: Option<Timestamp>| at.map(|at| zone.rfc3339(at));
    ItemBody {
        id: id.0,
        position: *position,
        title: title.clone(),
        description: description.clone(),
        // An item carrying a resolution always has a ballot state.
        resolution: resolution
            .as_ref()
            .zip(view.state)
            .map(|(resolution, state)| ResolutionBody {
                text: resolution.text.clone(),
                majority: resolution.majority.as_str().to_owned(),
                ballot: resolution.ballot.as_str().to_owned(),
                opens_at: moment(resolution.opens_at),
                closes_at: moment(resolution.closes_at),
                opened_at: moment(resolution.opened_at),
                closed_at: moment(resolution.closed.map(|(at, _)| at)),
                state: state.as_str().to_owned(),
                result: view.result.as_ref().map(ResultBody::from),
                roll_call: view
                    .roll_call
                    .iter()
                    .map(|(name, choice)| RollCallBody {
                        name: name.clone(),
                        choice: choice.as_str().to_owned(),
                    })
                    .collect(),
                voices: view.voices.iter().map(VoiceBody::from).collect(),
            }),
        can_open: view.can_open,
        can_close: view.can_close,
    }
}

/// An assembly as the caller may see it, with what they may do.
#[derive(Serialize, ToSchema)]
struct AssemblyDetail {
    #[serde(flatten)]
    assembly: AssemblySummary,
    /// Markdown.
    details: String,
    /// The last moment it may be convened, as the statutes' notice asks.
    convene_by: String,
    convened_at: Option<String>,
    opened_at: Option<String>,
    closed_at: Option<String>,
    /// How the quorum stands now once convened, or stood at the opening.
    quorum: Option<QuorumBody>,
    /// The caller's line of the roll.
    roll: Option<RollEntryBody>,
    agenda: Vec<ItemBody>,
    can_manage: bool,
    can_edit: bool,
    can_convene: bool,
    can_give_proxy: bool,
    can_check_in: bool,
    can_write_minutes: bool,
}

#[utoipa::path(get, path = "/api/v1/assemblies/{id}", tag = "assemblies", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The assembly")),
    responses(
        (status = 200, body = AssemblyDetail),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such assembly, or the caller is neither of the bureau nor on its roll once convened", body = Problem, content_type = "application/problem+json")))]
async fn show_assembly(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<axum::Json<AssemblyDetail>, WebError> {
    let view = governance::view(&state.context(), viewer.actor(), AssemblyId(id)).await?;
    let assembly = &view.assembly;
    let zone = &assembly.fields.zone;
    let moment = |at: Option<Timestamp>| at.map(|at| zone.rfc3339(at));
    Ok(axum::Json(AssemblyDetail {
        assembly: AssemblySummary::from(assembly),
        details: assembly.fields.details.clone(),
        convene_by: zone.rfc3339(view.convene_by),
        convened_at: moment(assembly.convened_at),
        opened_at: moment(assembly.opened_at),
        closed_at: moment(assembly.closed_at),
        quorum: view.quorum.map(QuorumBody::from),
        roll: view.mine.as_ref().map(RollEntryBody::from),
        agenda: view
            .agenda
            .iter()
            .map(|item| item_body(zone, item))
            .collect(),
        can_manage: view.can_manage,
        can_edit: view.can_edit,
        can_convene: view.can_convene,
        can_give_proxy: view.can_give_proxy,
        can_check_in: view.can_check_in,
        can_write_minutes: view.can_write_minutes,
    }))
}

#[utoipa::path(put, path = "/api/v1/assemblies/{id}", tag = "assemblies", security(("bearer" = [])), request_body = AssemblyFieldsBody,
    params(("id" = i64, Path, description = "The assembly")),
    responses(
        (status = 204, description = "Saved"),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such assembly, or not of the bureau", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field refused, a convened assembly moved closer than the notice allows, or one already open", body = Problem, content_type = "application/problem+json")))]
async fn update_assembly(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Json(body): Json<AssemblyFieldsBody>,
) -> Result<StatusCode, WebError> {
    governance::update_assembly(
        &state.context(),
        viewer.actor(),
        AssemblyId(id),
        &body.into(),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The frozen roll's size.
#[derive(Serialize, ToSchema)]
struct ConvenedBody {
    roll_size: i64,
}

#[utoipa::path(post, path = "/api/v1/assemblies/{id}/convene", tag = "assemblies", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The assembly")),
    responses(
        (status = 200, description = "The roll is frozen as it stands today and the convocation is being emailed to it", body = ConvenedBody),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such assembly, or not of the bureau", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Already convened, or too late for the notice the statutes ask", body = Problem, content_type = "application/problem+json")))]
async fn convene(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<axum::Json<ConvenedBody>, WebError> {
    let roll_size = governance::convene(&state.context(), viewer.actor(), AssemblyId(id)).await?;
    state.jobs.wake();
    Ok(axum::Json(ConvenedBody { roll_size }))
}

/// The address of the voting member of the roll who will carry the
/// caller's vote.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct ProxyBody {
    holder: String,
}

#[utoipa::path(put, path = "/api/v1/assemblies/{id}/proxy", tag = "assemblies", security(("bearer" = [])), request_body = ProxyBody,
    params(("id" = i64, Path, description = "The assembly")),
    responses(
        (status = 204, description = "Given, replacing a proxy given before"),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such assembly, or hidden from the caller", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Refused: the holder carries the statutes' number of proxies, is not a voting member, gave their own, or the assembly has opened", body = Problem, content_type = "application/problem+json")))]
async fn give_proxy(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Json(body): Json<ProxyBody>,
) -> Result<StatusCode, WebError> {
    governance::give_proxy(
        &state.context(),
        viewer.actor(),
        AssemblyId(id),
        &body.holder,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(delete, path = "/api/v1/assemblies/{id}/proxy", tag = "assemblies", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The assembly")),
    responses(
        (status = 204, description = "The caller votes again themselves; nothing changes when they gave no proxy"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such assembly, or hidden from the caller", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The assembly has opened", body = Problem, content_type = "application/problem+json")))]
async fn revoke_proxy(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<StatusCode, WebError> {
    governance::revoke_proxy(&state.context(), viewer.actor(), AssemblyId(id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/assemblies/{id}/check-in", tag = "assemblies", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The assembly")),
    responses(
        (status = 204, description = "The caller attends online"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such assembly, or hidden from the caller", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not on the roll, or earlier than an hour before the start", body = Problem, content_type = "application/problem+json")))]
async fn check_in(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<StatusCode, WebError> {
    governance::check_in(&state.context(), viewer.actor(), AssemblyId(id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/assemblies/{id}/open", tag = "assemblies", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The assembly")),
    responses(
        (status = 200, description = "Open, with the quorum as it stood", body = QuorumBody),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such assembly, or not of the bureau", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not convened", body = Problem, content_type = "application/problem+json")))]
async fn open_assembly(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<axum::Json<QuorumBody>, WebError> {
    let quorum = governance::open(&state.context(), viewer.actor(), AssemblyId(id)).await?;
    Ok(axum::Json(quorum.into()))
}

#[utoipa::path(post, path = "/api/v1/assemblies/{id}/close", tag = "assemblies", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The assembly")),
    responses(
        (status = 204, description = "Closed: its open ballots are counted and the minutes drafted"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such assembly, or not of the bureau", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not open", body = Problem, content_type = "application/problem+json")))]
async fn close_assembly(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<StatusCode, WebError> {
    governance::close(&state.context(), viewer.actor(), AssemblyId(id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Which people of the roll to read.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct RollParams {
    /// Part of a name or an address; everyone when left out.
    search: Option<String>,
    /// From 1, 50 a page by name; the first when left out.
    page: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/assemblies/{id}/roll", tag = "assemblies", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The assembly"), RollParams),
    responses(
        (status = 200, description = "A page of the roll, by name", body = Vec<RollEntryBody>,
            headers(("X-Total-Count" = u64, description = "How many people match, on every page"))),
        (status = 404, description = "No such assembly, or not of the bureau", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a page number", body = Problem, content_type = "application/problem+json")))]
async fn roll(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Query(params): Query<RollParams>,
) -> Result<([(&'static str, String); 1], axum::Json<Vec<RollEntryBody>>), WebError> {
    let page = page_of(params.page.as_deref())?;
    let (_, roll) = governance::roll(
        &state.context(),
        viewer.actor(),
        AssemblyId(id),
        params.search.as_deref().unwrap_or(""),
        page,
    )
    .await?;
    Ok((
        [("x-total-count", roll.total.to_string())],
        axum::Json(roll.items.iter().map(RollEntryBody::from).collect()),
    ))
}

/// `in_person`, `online`, or null for absent.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct PresenceBody {
    presence: Option<String>,
}

#[utoipa::path(put, path = "/api/v1/assemblies/{id}/roll/{account}/presence", tag = "assemblies", security(("bearer" = [])), request_body = PresenceBody,
    params(("id" = i64, Path, description = "The assembly"), ("account" = i64, Path, description = "The person of the roll")),
    responses(
        (status = 204, description = "Recorded; one who comes in person takes back the proxy they gave"),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such assembly or person of its roll, or not of the bureau", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown presence, or an assembly neither convened nor open", body = Problem, content_type = "application/problem+json")))]
async fn record_presence(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, account)): Path<(i64, i64)>,
    Json(body): Json<PresenceBody>,
) -> Result<StatusCode, WebError> {
    governance::record_presence(
        &state.context(),
        viewer.actor(),
        AssemblyId(id),
        AccountId(account),
        body.presence.as_deref().unwrap_or(""),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The resolution an item puts to the vote. A written consultation gives
/// its first and last days (`YYYY-MM-DD` on the assembly's clock); a vote
/// the chair opens and closes gives neither.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct ResolutionFieldsBody {
    text: String,
    /// `simple`, `absolute` or `two_thirds`.
    majority: String,
    /// `open` (roll-call) or `secret`.
    ballot: String,
    opens_date: Option<String>,
    closes_date: Option<String>,
}

/// An agenda item, with or without a resolution.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct ItemFieldsBody {
    title: String,
    /// Markdown.
    description: Option<String>,
    resolution: Option<ResolutionFieldsBody>,
}

impl From<ItemFieldsBody> for ItemInput {
    fn from(body: ItemFieldsBody) -> Self {
        let description = body.description.unwrap_or_default();
        match body.resolution {
            // The form's checkbox: present when the item carries one.
            Some(resolution) => Self {
                title: body.title,
                description,
                resolution: Some("on".to_owned()),
                text: resolution.text,
                majority: resolution.majority,
                ballot: resolution.ballot,
                opens_date: resolution.opens_date.unwrap_or_default(),
                closes_date: resolution.closes_date.unwrap_or_default(),
            },
            None => Self {
                title: body.title,
                description,
                ..Self::default()
            },
        }
    }
}

#[utoipa::path(post, path = "/api/v1/assemblies/{id}/items", tag = "assemblies", security(("bearer" = [])), request_body = ItemFieldsBody,
    params(("id" = i64, Path, description = "The assembly")),
    responses(
        (status = 201, description = "Added at the end of the agenda", body = Created),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such assembly, or not of the bureau", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field refused, or the assembly closed", body = Problem, content_type = "application/problem+json")))]
async fn add_item(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Json(body): Json<ItemFieldsBody>,
) -> Result<(StatusCode, axum::Json<Created>), WebError> {
    let item = governance::add_item(
        &state.context(),
        viewer.actor(),
        AssemblyId(id),
        &body.into(),
    )
    .await?;
    Ok((StatusCode::CREATED, axum::Json(Created { id: item.0 })))
}

#[utoipa::path(put, path = "/api/v1/assemblies/{id}/items/{item}", tag = "assemblies", security(("bearer" = [])), request_body = ItemFieldsBody,
    params(("id" = i64, Path, description = "The assembly"), ("item" = i64, Path, description = "The agenda item")),
    responses(
        (status = 204, description = "Saved"),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such assembly or item, or not of the bureau", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field refused, or its ballot started", body = Problem, content_type = "application/problem+json")))]
async fn update_item(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, item)): Path<(i64, i64)>,
    Json(body): Json<ItemFieldsBody>,
) -> Result<StatusCode, WebError> {
    governance::update_item(
        &state.context(),
        viewer.actor(),
        AssemblyId(id),
        ItemId(item),
        &body.into(),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/assemblies/{id}/items/{item}/open", tag = "assemblies", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The assembly"), ("item" = i64, Path, description = "The agenda item")),
    responses(
        (status = 204, description = "The ballot is open"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such assembly or item, or not of the bureau", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The assembly not open, its quorum missed, no resolution, or a ballot opened already", body = Problem, content_type = "application/problem+json")))]
async fn open_ballot(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, item)): Path<(i64, i64)>,
) -> Result<StatusCode, WebError> {
    governance::open_ballot(
        &state.context(),
        viewer.actor(),
        AssemblyId(id),
        ItemId(item),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/assemblies/{id}/items/{item}/close", tag = "assemblies", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The assembly"), ("item" = i64, Path, description = "The agenda item")),
    responses(
        (status = 200, description = "Closed, with its count", body = TallyBody),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such assembly or item, or not of the bureau", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Closed already", body = Problem, content_type = "application/problem+json")))]
async fn close_ballot(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, item)): Path<(i64, i64)>,
) -> Result<axum::Json<TallyBody>, WebError> {
    let (_, tally) = governance::close_ballot(
        &state.context(),
        viewer.actor(),
        AssemblyId(id),
        ItemId(item),
    )
    .await?;
    Ok(axum::Json(tally.into()))
}

/// One voice: the caller's own, or, with `on_behalf`, that of a member
/// whose proxy the caller carries.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct VoteBody {
    /// `for`, `against` or `abstain`.
    choice: String,
    /// An account id from the caller's `voices`.
    on_behalf: Option<i64>,
}

/// What the voter keeps of a vote.
#[derive(Serialize, ToSchema)]
struct CastBody {
    /// For a secret ballot, the code to check the ballot was counted,
    /// shown this once; null for a roll-call.
    receipt: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/assemblies/{id}/items/{item}/votes", tag = "assemblies", security(("bearer" = [])), request_body = VoteBody,
    params(("id" = i64, Path, description = "The assembly"), ("item" = i64, Path, description = "The agenda item")),
    responses(
        (status = 201, description = "Cast", body = CastBody),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such assembly or item, or hidden from the caller", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Refused: the ballot not open, a voice that does not vote, one whose proxy was given or is not carried, or one cast already", body = Problem, content_type = "application/problem+json")))]
async fn vote(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, item)): Path<(i64, i64)>,
    Json(body): Json<VoteBody>,
) -> Result<(StatusCode, axum::Json<CastBody>), WebError> {
    let cast = governance::vote(
        &state.context(),
        viewer.actor(),
        AssemblyId(id),
        ItemId(item),
        body.on_behalf.map(AccountId),
        &body.choice,
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(CastBody {
            receipt: cast.receipt,
        }),
    ))
}

/// A receipt as given; case and separators do not matter.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct ReceiptBody {
    receipt: String,
}

#[derive(Serialize, ToSchema)]
struct ReceiptCheck {
    counted: bool,
}

#[utoipa::path(post, path = "/api/v1/assemblies/{id}/items/{item}/receipt", tag = "assemblies", security(("bearer" = [])), request_body = ReceiptBody,
    params(("id" = i64, Path, description = "The assembly"), ("item" = i64, Path, description = "The agenda item")),
    responses(
        (status = 200, description = "Whether a ballot with this receipt was counted", body = ReceiptCheck),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such assembly or item, or hidden from the caller", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a receipt", body = Problem, content_type = "application/problem+json")))]
async fn check_receipt(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, item)): Path<(i64, i64)>,
    Json(body): Json<ReceiptBody>,
) -> Result<axum::Json<ReceiptCheck>, WebError> {
    let counted = governance::check_receipt(
        &state.context(),
        viewer.actor(),
        AssemblyId(id),
        ItemId(item),
        &body.receipt,
    )
    .await?;
    Ok(axum::Json(ReceiptCheck { counted }))
}

/// An assembly's minutes.
#[derive(Serialize, ToSchema)]
struct MinutesBody {
    /// Markdown.
    text: String,
    /// RFC 3339 on the assembly's clock.
    updated_at: String,
    /// When and by whom they were approved; from then on they do not change.
    approved_at: Option<String>,
    approved_by: Option<String>,
    /// Whether the caller may still edit and approve them.
    editable: bool,
}

#[utoipa::path(get, path = "/api/v1/assemblies/{id}/minutes", tag = "assemblies", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The assembly")),
    responses(
        (status = 200, body = MinutesBody),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such assembly or minutes, or not approved yet and the caller does not write them", body = Problem, content_type = "application/problem+json")))]
async fn read_minutes(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<axum::Json<MinutesBody>, WebError> {
    let (assembly, minutes, editable) =
        governance::read_minutes(&state.context(), viewer.actor(), AssemblyId(id)).await?;
    let zone = &assembly.fields.zone;
    Ok(axum::Json(MinutesBody {
        text: minutes.text,
        updated_at: zone.rfc3339(minutes.updated_at),
        approved_at: minutes.approved.as_ref().map(|(at, _)| zone.rfc3339(*at)),
        approved_by: minutes.approved.map(|(_, by)| by),
        editable,
    }))
}

/// The minutes' text to save, or, with `approve`, the approval of the
/// minutes as last saved, which publishes them to the roll.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct MinutesSaveBody {
    /// Markdown; left as it was saved when approving.
    text: String,
    approve: bool,
}

#[utoipa::path(put, path = "/api/v1/assemblies/{id}/minutes", tag = "assemblies", security(("bearer" = [])), request_body = MinutesSaveBody,
    params(("id" = i64, Path, description = "The assembly")),
    responses(
        (status = 204, description = "Saved, or approved"),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such assembly, or the caller neither holds a secretary's seat nor administers", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Empty, or approved already", body = Problem, content_type = "application/problem+json")))]
async fn save_minutes(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Json(body): Json<MinutesSaveBody>,
) -> Result<StatusCode, WebError> {
    governance::save_minutes(
        &state.context(),
        viewer.actor(),
        AssemblyId(id),
        &body.text,
        body.approve,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
