//! Governance's pages: the public page of the bodies and their mandates,
//! the administrators' forms of bodies, mandates and statutes, and general
//! assemblies with their roll, proxies, agenda, ballots and minutes.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use cercle_core::accounts::account::AccountId;
use cercle_core::accounts::flows::FlowError;
use cercle_core::events::event::DEFAULT_ZONE;
use cercle_core::governance::assembly::{
    AssemblyId, AssemblyInput, AssemblyKind, AssemblyState, ItemId, ItemInput, Presence, RollEntry,
    StatutesInput,
};
use cercle_core::governance::ballot::{BallotKind, BallotState, Choice, MajorityRule};
use cercle_core::governance::body::{
    Body, BodyId, BodyInput, BodyKind, Mandate, MandateId, MandateInput, Seat,
};
use cercle_core::governance::flows::{self as governance, AssemblyView, ItemView, PAGE_SIZE};
use cercle_core::kernel::date::Date;
use cercle_core::kernel::i18n::text_with;
use cercle_core::kernel::paging::PageNumber;
use cercle_core::kernel::validation::ValidationError;

use crate::http::error::WebError;
use crate::http::extract::{Form, Path};
use crate::http::middleware::see_other;
use crate::http::page_routes;
use crate::markdown::to_safe_html;
use crate::site::pages::WrittenGovernance;
use crate::state::AppState;
use crate::templates::{FieldErrors, Layout, Pager, Tr, around, render, render_form};
use crate::viewer::Viewer;

page_routes! {
    get "/governance" => governance_page,
    get "/governance/statutes" => statutes_form,
    post "/governance/statutes" => save_statutes,
    get "/governance/bodies/new" => new_body,
    post "/governance/bodies" => create_body,
    get "/governance/bodies/{id}" => body_page,
    post "/governance/bodies/{id}" => update_body,
    post "/governance/bodies/{id}/remove" => remove_body,
    post "/governance/bodies/{id}/mandates" => add_mandate,
    post "/governance/mandates/{id}/end" => end_mandate,
    get "/assemblies" => assemblies,
    get "/assemblies/new" => new_assembly,
    post "/assemblies" => create_assembly,
    get "/assemblies/{id}" => assembly,
    get "/assemblies/{id}/edit" => edit_assembly,
    post "/assemblies/{id}/edit" => update_assembly,
    get "/assemblies/{id}/assembly.ics" => assembly_calendar,
    post "/assemblies/{id}/convene" => convene,
    post "/assemblies/{id}/proxy" => give_proxy,
    post "/assemblies/{id}/proxy/revoke" => revoke_proxy,
    post "/assemblies/{id}/check-in" => check_in,
    post "/assemblies/{id}/open" => open,
    post "/assemblies/{id}/close" => close,
    get "/assemblies/{id}/roll" => roll,
    post "/assemblies/{id}/roll/{account}" => record_presence,
    post "/assemblies/{id}/items" => add_item,
    get "/assemblies/{id}/items/{item}/edit" => edit_item,
    post "/assemblies/{id}/items/{item}/edit" => update_item,
    post "/assemblies/{id}/items/{item}/open" => open_ballot,
    post "/assemblies/{id}/items/{item}/close" => close_ballot,
    post "/assemblies/{id}/items/{item}/vote" => vote,
    post "/assemblies/{id}/items/{item}/receipt" => check_receipt,
    get "/assemblies/{id}/minutes" => minutes,
    post "/assemblies/{id}/minutes" => save_minutes,
}

/// `(value, label)` pairs of a select, in the reader's language.
type Options = Vec<(&'static str, String)>;

fn kinds_of_body(t: Tr) -> Options {
    BodyKind::ALL
        .into_iter()
        .map(|kind| (kind.as_str(), t.get(&kind.label_key())))
        .collect()
}

fn seats(t: Tr) -> Options {
    Seat::ALL
        .into_iter()
        .map(|seat| (seat.as_str(), t.get(&seat.label_key())))
        .collect()
}

fn kinds_of_assembly(t: Tr) -> Options {
    AssemblyKind::ALL
        .into_iter()
        .map(|kind| (kind.as_str(), t.get(&assembly_kind_key(kind))))
        .collect()
}

fn assembly_kind_key(kind: AssemblyKind) -> String {
    format!("assembly-kind-{}", kind.as_str())
}

fn majorities(t: Tr) -> Options {
    MajorityRule::ALL
        .into_iter()
        .map(|rule| (rule.as_str(), t.get(&rule.label_key())))
        .collect()
}

fn ballots(t: Tr) -> Options {
    BallotKind::ALL
        .into_iter()
        .map(|kind| (kind.as_str(), t.get(&ballot_key(kind))))
        .collect()
}

fn ballot_key(kind: BallotKind) -> String {
    format!("ballot-kind-{}", kind.as_str())
}

fn presence_key(presence: Option<Presence>) -> &'static str {
    match presence {
        Some(Presence::InPerson) => "presence-in-person",
        Some(Presence::Online) => "presence-online",
        None => "presence-absent",
    }
}

/// An id from a form's hidden field; a tampered one is a bad request.
fn id_field(input: &str) -> Result<i64, WebError> {
    input
        .trim()
        .parse()
        .map_err(|_| WebError::BadRequest(format!("not an id: {input}")))
}

/// A mandate as the pages show it.
struct MandateView {
    id: i64,
    seat: String,
    name: String,
    /// "since 1 June 2025", with the day for `<time datetime>`.
    since: (String, String),
    until: Option<(String, String)>,
    current: bool,
    /// The communities the holder sponsors, as `(slug, name)`.
    sponsors: Vec<(String, String)>,
}

fn mandate_view(t: Tr, mandate: &Mandate, today: Date) -> MandateView {
    let day = |date: Date, key: &str| {
        (
            date.to_string(),
            t.with(key, "date", date.long(t.0).as_str()),
        )
    };
    MandateView {
        id: mandate.id.0,
        seat: t.get(&mandate.seat.label_key()),
        name: mandate.name.clone(),
        since: day(mandate.starts_on, "mandate-since"),
        until: mandate.ends_on.map(|ends| day(ends, "mandate-until")),
        current: mandate.is_current(today),
        sponsors: Vec::new(),
    }
}

/// A body of the public page: its current mandates and its history.
struct BodyView {
    id: i64,
    kind: String,
    name: String,
    /// Safe HTML from the description's Markdown.
    description: String,
    current: Vec<MandateView>,
    past: Vec<MandateView>,
}

#[derive(Template)]
#[template(path = "governance/governance.html")]
struct GovernancePage {
    l: Layout,
    bodies: Vec<BodyView>,
    written: WrittenGovernance,
    can_manage: bool,
}

async fn governance_page(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Response, WebError> {
    let t = Tr(viewer.language);
    let page = governance::governance(&state.context(), viewer.actor()).await?;
    let today = page.today;
    render(&GovernancePage {
        l: Layout::new(&state, &viewer, "governance-title", "/governance"),
        bodies: page
            .bodies
            .iter()
            .map(|body: &Body| BodyView {
                id: body.id.0,
                kind: t.get(&body.fields.kind.label_key()),
                name: body.fields.name.clone(),
                description: to_safe_html(&body.fields.description),
                current: body
                    .current(today)
                    .map(|m| MandateView {
                        sponsors: page.sponsored.get(&m.account).cloned().unwrap_or_default(),
                        ..mandate_view(t, m, today)
                    })
                    .collect(),
                past: body
                    .past(today)
                    .map(|m| mandate_view(t, m, today))
                    .collect(),
            })
            .collect(),
        written: WrittenGovernance::new(t, &page.written),
        can_manage: page.can_manage,
    })
}

#[derive(Template)]
#[template(path = "governance/statutes.html")]
struct StatutesPage {
    l: Layout,
    input: StatutesInput,
    errors: FieldErrors,
}

fn statutes_page(
    state: &AppState,
    viewer: &Viewer,
    input: StatutesInput,
    errors: &[ValidationError],
) -> Result<Response, WebError> {
    render_form(
        &StatutesPage {
            l: Layout::new(state, viewer, "statutes-title", "/governance/statutes"),
            input,
            errors: FieldErrors::new(viewer.language, errors),
        },
        errors,
    )
}

async fn statutes_form(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Response, WebError> {
    let statutes = governance::statutes(&state.context(), viewer.actor()).await?;
    statutes_page(&state, &viewer, StatutesInput::of(&statutes), &[])
}

async fn save_statutes(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(input): Form<StatutesInput>,
) -> Result<Response, WebError> {
    match governance::set_statutes(&state.context(), viewer.actor(), &input).await {
        Ok(_) => Ok(see_other("/governance/statutes")),
        Err(FlowError::Invalid(errors)) => statutes_page(&state, &viewer, input, &errors),
        Err(other) => Err(other.into()),
    }
}

#[derive(Template)]
#[template(path = "governance/body_form.html")]
struct BodyFormPage {
    l: Layout,
    input: BodyInput,
    kinds: Options,
    errors: FieldErrors,
}

fn body_form_page(
    state: &AppState,
    viewer: &Viewer,
    input: BodyInput,
    errors: &[ValidationError],
) -> Result<Response, WebError> {
    render_form(
        &BodyFormPage {
            l: Layout::new(state, viewer, "body-new-title", "/governance/bodies/new"),
            input,
            kinds: kinds_of_body(Tr(viewer.language)),
            errors: FieldErrors::new(viewer.language, errors),
        },
        errors,
    )
}

async fn new_body(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    governance::body_form(viewer.actor())?;
    let input = BodyInput {
        kind: BodyKind::Board.as_str().to_owned(),
        ..BodyInput::default()
    };
    body_form_page(&state, &viewer, input, &[])
}

async fn create_body(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(input): Form<BodyInput>,
) -> Result<Response, WebError> {
    match governance::create_body(&state.context(), viewer.actor(), &input).await {
        Ok(id) => Ok(see_other(&format!("/governance/bodies/{}", id.0))),
        Err(FlowError::Invalid(errors)) => body_form_page(&state, &viewer, input, &errors),
        Err(other) => Err(other.into()),
    }
}

#[derive(Template)]
#[template(path = "governance/body.html")]
struct BodyPage {
    l: Layout,
    id: i64,
    input: BodyInput,
    kinds: Options,
    mandates: Vec<MandateView>,
    mandate: MandateInput,
    seats: Options,
    /// What an "end" form refused, beside the mandate it was about.
    end_error: Option<(i64, String)>,
    errors: FieldErrors,
}

/// What a form of a body's page sent, shown again when refused.
#[derive(Default)]
struct BodySent {
    body: Option<BodyInput>,
    mandate: Option<MandateInput>,
    /// The mandate an "end" form was about.
    ended: Option<MandateId>,
    errors: Vec<ValidationError>,
}

async fn body_page_with(
    state: &AppState,
    viewer: &Viewer,
    id: BodyId,
    sent: BodySent,
) -> Result<Response, WebError> {
    let t = Tr(viewer.language);
    let body = governance::body(&state.context(), viewer.actor(), id).await?;
    let today = state.today();
    // An "end" form's refusal shows beside its mandate, not in the form
    // of a new mandate, whose fields bear the same names.
    let (end_error, shown) = match sent.ended {
        Some(mandate) => (
            sent.errors.first().map(|e| (mandate.0, t.get(e.message))),
            &[][..],
        ),
        None => (None, &sent.errors[..]),
    };
    let mut layout = Layout::new(
        state,
        viewer,
        "body-title",
        &format!("/governance/bodies/{}", id.0),
    );
    layout.title.clone_from(&body.fields.name);
    render_form(
        &BodyPage {
            l: layout,
            id: id.0,
            input: sent.body.unwrap_or_else(|| BodyInput::of(&body.fields)),
            kinds: kinds_of_body(t),
            mandates: body
                .mandates
                .iter()
                .map(|m| mandate_view(t, m, today))
                .collect(),
            mandate: sent.mandate.unwrap_or_else(|| MandateInput {
                seat: Seat::Member.as_str().to_owned(),
                starts_on: today.to_string(),
                ..MandateInput::default()
            }),
            seats: seats(t),
            end_error,
            errors: FieldErrors::new(viewer.language, shown),
        },
        &sent.errors,
    )
}

async fn body_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    body_page_with(&state, &viewer, BodyId(id), BodySent::default()).await
}

async fn update_body(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(input): Form<BodyInput>,
) -> Result<Response, WebError> {
    let id = BodyId(id);
    match governance::update_body(&state.context(), viewer.actor(), id, &input).await {
        Ok(()) => Ok(see_other(&format!("/governance/bodies/{}", id.0))),
        Err(FlowError::Invalid(errors)) => {
            let sent = BodySent {
                body: Some(input),
                errors,
                ..BodySent::default()
            };
            body_page_with(&state, &viewer, id, sent).await
        }
        Err(other) => Err(other.into()),
    }
}

async fn remove_body(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    governance::remove_body(&state.context(), viewer.actor(), BodyId(id)).await?;
    Ok(see_other("/governance"))
}

async fn add_mandate(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(input): Form<MandateInput>,
) -> Result<Response, WebError> {
    let id = BodyId(id);
    match governance::add_mandate(&state.context(), viewer.actor(), id, &input).await {
        Ok(_) => Ok(see_other(&format!("/governance/bodies/{}", id.0))),
        Err(FlowError::Invalid(errors)) => {
            let sent = BodySent {
                mandate: Some(input),
                errors,
                ..BodySent::default()
            };
            body_page_with(&state, &viewer, id, sent).await
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(serde::Deserialize)]
struct EndForm {
    #[serde(default)]
    ends_on: String,
    /// The body whose page to return to.
    body: String,
}

async fn end_mandate(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<EndForm>,
) -> Result<Response, WebError> {
    let body = BodyId(id_field(&form.body)?);
    let mandate = MandateId(id);
    match governance::end_mandate(&state.context(), viewer.actor(), mandate, &form.ends_on).await {
        Ok(()) => Ok(see_other(&format!("/governance/bodies/{}", body.0))),
        Err(FlowError::Invalid(errors)) => {
            let sent = BodySent {
                ended: Some(mandate),
                errors,
                ..BodySent::default()
            };
            body_page_with(&state, &viewer, body, sent).await
        }
        Err(other) => Err(other.into()),
    }
}

/// `?page=` of a paged list.
#[derive(Debug, Default, serde::Deserialize)]
struct PageQuery {
    #[serde(default)]
    page: String,
}

/// An assembly as the list shows it.
struct AssemblyRow {
    path: String,
    title: String,
    kind: String,
    when: String,
    datetime: String,
    state: String,
}

#[derive(Template)]
#[template(path = "governance/assemblies.html")]
struct AssembliesPage {
    l: Layout,
    rows: Vec<AssemblyRow>,
    total: u64,
    pager: Pager,
    can_manage: bool,
}

async fn assemblies(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(query): Query<PageQuery>,
) -> Result<Response, WebError> {
    let t = Tr(viewer.language);
    let page = PageNumber::parse("page", &query.page).map_err(|e| WebError::Invalid(vec![e]))?;
    let list = governance::assemblies(&state.context(), viewer.actor(), page).await?;
    let pages = PageNumber::count(list.assemblies.total, PAGE_SIZE);
    render(&AssembliesPage {
        l: Layout::new(&state, &viewer, "assemblies-title", "/assemblies"),
        rows: list
            .assemblies
            .items
            .iter()
            .map(|a| {
                let fields = &a.fields;
                AssemblyRow {
                    path: a.path(),
                    title: fields.title.clone(),
                    kind: t.get(&assembly_kind_key(fields.kind)),
                    when: fields.zone.long(fields.starts_at, t.0),
                    datetime: fields.zone.rfc3339(fields.starts_at),
                    state: t.get(&format!("assembly-state-{}", a.state.as_str())),
                }
            })
            .collect(),
        total: list.assemblies.total,
        pager: Pager::searched(
            t,
            "assemblies-pages",
            "/assemblies",
            "",
            list.page.get(),
            pages,
        ),
        can_manage: list.can_manage,
    })
}

#[derive(Template)]
#[template(path = "governance/assembly_form.html")]
struct AssemblyFormPage {
    l: Layout,
    /// Where the form is sent.
    action: String,
    input: AssemblyInput,
    kinds: Options,
    errors: FieldErrors,
}

/// The form of a new assembly (`editing` none) or of the one named.
fn assembly_form_page(
    state: &AppState,
    viewer: &Viewer,
    editing: Option<AssemblyId>,
    input: AssemblyInput,
    errors: &[ValidationError],
) -> Result<Response, WebError> {
    let (action, title) = match editing {
        Some(id) => (format!("/assemblies/{}/edit", id.0), "assembly-edit-title"),
        None => ("/assemblies".to_owned(), "assembly-new-title"),
    };
    render_form(
        &AssemblyFormPage {
            l: Layout::new(state, viewer, title, &action),
            action,
            input,
            kinds: kinds_of_assembly(Tr(viewer.language)),
            errors: FieldErrors::new(viewer.language, errors),
        },
        errors,
    )
}

async fn new_assembly(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    governance::assembly_form(viewer.actor())?;
    // A new assembly starts as an ordinary one, an afternoon on the
    // instance's clock.
    let input = AssemblyInput {
        kind: AssemblyKind::Ordinary.as_str().to_owned(),
        time: "14:00".to_owned(),
        time_zone: DEFAULT_ZONE.to_owned(),
        ..AssemblyInput::default()
    };
    assembly_form_page(&state, &viewer, None, input, &[])
}

async fn create_assembly(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(input): Form<AssemblyInput>,
) -> Result<Response, WebError> {
    match governance::create_assembly(&state.context(), viewer.actor(), &input).await {
        Ok(id) => Ok(see_other(&format!("/assemblies/{}", id.0))),
        Err(FlowError::Invalid(errors)) => {
            assembly_form_page(&state, &viewer, None, input, &errors)
        }
        Err(other) => Err(other.into()),
    }
}

async fn edit_assembly(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let id = AssemblyId(id);
    let view = governance::view(&state.context(), viewer.actor(), id).await?;
    if !view.can_edit {
        return Err(WebError::NotFound);
    }
    let input = AssemblyInput::of(&view.assembly.fields);
    assembly_form_page(&state, &viewer, Some(id), input, &[])
}

async fn update_assembly(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(input): Form<AssemblyInput>,
) -> Result<Response, WebError> {
    let id = AssemblyId(id);
    match governance::update_assembly(&state.context(), viewer.actor(), id, &input).await {
        Ok(()) => Ok(see_other(&format!("/assemblies/{}", id.0))),
        Err(FlowError::Invalid(errors)) => {
            assembly_form_page(&state, &viewer, Some(id), input, &errors)
        }
        Err(other) => Err(other.into()),
    }
}

async fn assembly_calendar(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let text = governance::calendar(&state.context(), viewer.actor(), AssemblyId(id)).await?;
    Ok(crate::events::pages::ics(
        text,
        Some(format!("assembly-{id}.ics")),
    ))
}

/// How the quorum stands, in words.
struct QuorumView {
    /// The section's heading: so far, or at the opening.
    title: String,
    line: String,
    reached: bool,
}

/// The viewer's line of the roll, in words.
struct MineView {
    /// The membership plan that put them on the roll, or the team.
    class: String,
    voting: bool,
    presence: String,
    proxy_to: Option<String>,
    proxies_held: Option<String>,
}

/// A voice the viewer may cast in a ballot.
struct VoiceView {
    /// The member whose proxy it is; none for the viewer's own voice.
    on_behalf: Option<i64>,
    /// The fieldset's legend, or the line saying it was cast.
    legend: String,
    cast: bool,
    /// Unique within the page, for the radios' ids.
    key: String,
}

/// A resolution in words.
struct ResolutionView {
    text: String,
    majority: String,
    ballot: String,
    secret: bool,
    /// A written consultation's days.
    window: Option<String>,
}

/// A closed ballot's count.
struct ResultView {
    for_: i64,
    against: i64,
    abstain: i64,
    outcome: String,
}

/// An agenda item with what the viewer sees of its ballot and may do.
struct ItemRow {
    id: i64,
    position: i64,
    title: String,
    /// Safe HTML from the description's Markdown.
    description: String,
    resolution: Option<ResolutionView>,
    state: Option<String>,
    result: Option<ResultView>,
    roll_call: Vec<(String, String)>,
    voices: Vec<VoiceView>,
    can_open: bool,
    can_close: bool,
    can_edit: bool,
    /// What a form of this item refused.
    error: Option<String>,
    /// The receipt of the secret vote this page answers, shown once.
    receipt: Option<String>,
    /// The answer to a receipt's check: counted or not found.
    checked: Option<String>,
}

#[derive(Template)]
#[template(path = "governance/assembly.html")]
struct AssemblyPage {
    l: Layout,
    id: i64,
    title: String,
    kind: String,
    when: String,
    datetime: String,
    zone: String,
    place: String,
    details: String,
    state: String,
    convene_by: Option<String>,
    roll_size: Option<i64>,
    quorum: Option<QuorumView>,
    mine: Option<MineView>,
    can_manage: bool,
    can_edit: bool,
    can_convene: bool,
    can_give_proxy: bool,
    can_revoke_proxy: bool,
    can_check_in: bool,
    can_open: bool,
    can_close: bool,
    can_add_item: bool,
    items: Vec<ItemRow>,
    item_form: ItemInput,
    /// The form of a new item was sent and refused.
    item_refused: bool,
    majorities: Options,
    ballots: Options,
    choices: Options,
    /// `Some(approved)` when the viewer may read the minutes.
    minutes: Option<bool>,
    errors: FieldErrors,
}

/// What the POST that renders the assembly's page brings besides the view.
#[derive(Default)]
struct Sent {
    errors: Vec<ValidationError>,
    /// The item whose form was sent: its errors show beside it.
    item: Option<ItemId>,
    item_form: Option<ItemInput>,
    receipt: Option<String>,
    checked: Option<bool>,
}

fn quorum_view(t: Tr, view: &AssemblyView) -> Option<QuorumView> {
    let quorum = view.quorum?;
    let title = if view.assembly.state == AssemblyState::Convened {
        "quorum-title-live"
    } else {
        "quorum-title-opening"
    };
    Some(QuorumView {
        title: t.get(title),
        line: text_with(
            t.0,
            "quorum-line",
            &[
                ("present", &quorum.present.to_string()),
                ("represented", &quorum.represented.to_string()),
                ("voting", &quorum.voting.to_string()),
                ("needed", &quorum.needed.to_string()),
            ],
        ),
        reached: quorum.reached(),
    })
}

fn mine_view(t: Tr, mine: &RollEntry) -> MineView {
    let names = |list: &[(AccountId, String)]| {
        list.iter()
            .map(|(_, name)| name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    MineView {
        class: if mine.class.is_empty() {
            t.get("roll-team")
        } else {
            mine.class.clone()
        },
        voting: mine.voting,
        presence: t.get(presence_key(mine.presence)),
        proxy_to: mine
            .proxy_to
            .as_ref()
            .map(|(_, name)| t.with("mine-proxy-to", "name", name)),
        proxies_held: (!mine.proxies_held.is_empty())
            .then(|| t.with("mine-proxies-held", "names", &names(&mine.proxies_held))),
    }
}

fn item_row(t: Tr, view: &AssemblyView, item: &ItemView, sent: &Sent) -> ItemRow {
    let zone = &view.assembly.fields.zone;
    let here = sent.item == Some(item.item.id);
    let resolution = item.item.resolution.as_ref().map(|r| ResolutionView {
        text: r.text.clone(),
        majority: t.with("item-majority", "majority", &t.get(&r.majority.label_key())),
        ballot: t.get(&ballot_key(r.ballot)),
        secret: r.ballot == BallotKind::Secret,
        window: r.opens_at.zip(r.closes_at).map(|(opens, closes)| {
            text_with(
                t.0,
                "ballot-window",
                &[
                    ("opens", &zone.long(opens, t.0)),
                    ("closes", &zone.long(closes, t.0)),
                ],
            )
        }),
    });
    let voices = item
        .voices
        .iter()
        .map(|voice| {
            let legend = match (voice.own, voice.cast) {
                (true, false) => t.get("vote-legend-own"),
                (true, true) => t.get("vote-done-own"),
                (false, false) => t.with("vote-legend-proxy", "name", &voice.name),
                (false, true) => t.with("vote-done-proxy", "name", &voice.name),
            };
            VoiceView {
                on_behalf: (!voice.own).then_some(voice.on_behalf.0),
                legend,
                cast: voice.cast,
                key: format!("{}-{}", item.item.id.0, voice.on_behalf.0),
            }
        })
        .collect();
    let started = matches!(item.state, Some(BallotState::Open | BallotState::Closed));
    ItemRow {
        id: item.item.id.0,
        position: item.item.position,
        title: item.item.title.clone(),
        description: to_safe_html(&item.item.description),
        resolution,
        state: item
            .state
            .map(|state| t.get(&format!("ballot-state-{}", state.as_str()))),
        result: item.result.map(|(tally, outcome)| ResultView {
            for_: tally.for_,
            against: tally.against,
            abstain: tally.abstain,
            outcome: t.with(
                "result-outcome",
                "outcome",
                &t.get(&format!("outcome-{}", outcome.as_str())),
            ),
        }),
        roll_call: item
            .roll_call
            .iter()
            .map(|(name, choice)| (name.clone(), t.get(&choice_key(*choice))))
            .collect(),
        voices,
        can_open: item.can_open,
        can_close: item.can_close,
        can_edit: view.can_manage && view.assembly.state != AssemblyState::Closed && !started,
        error: here
            .then(|| sent.errors.first().map(|e| t.get(e.message)))
            .flatten(),
        receipt: here.then(|| sent.receipt.clone()).flatten(),
        checked: here.then_some(sent.checked).flatten().map(|counted| {
            t.get(if counted {
                "receipt-counted"
            } else {
                "receipt-not-found"
            })
        }),
    }
}

fn choice_key(choice: Choice) -> String {
    format!("choice-{}", choice.as_str())
}

/// A blank agenda item: a resolution, when checked, needs a simple
/// majority in an open ballot unless the bureau says otherwise.
fn blank_item() -> ItemInput {
    ItemInput {
        majority: MajorityRule::Simple.as_str().to_owned(),
        ballot: BallotKind::Open.as_str().to_owned(),
        ..ItemInput::default()
    }
}

fn assembly_page(
    state: &AppState,
    viewer: &Viewer,
    view: &AssemblyView,
    sent: &Sent,
) -> Result<Response, WebError> {
    let t = Tr(viewer.language);
    let assembly = &view.assembly;
    let fields = &assembly.fields;
    let zone = &fields.zone;
    let mut layout = Layout::new(state, viewer, "assemblies-title", &assembly.path());
    layout.title.clone_from(&fields.title);
    let page_errors: &[ValidationError] = if sent.item.is_some() {
        &[]
    } else {
        &sent.errors
    };
    let page = AssemblyPage {
        l: layout,
        id: assembly.id.0,
        title: fields.title.clone(),
        kind: t.get(&assembly_kind_key(fields.kind)),
        when: zone.long(fields.starts_at, t.0),
        datetime: zone.rfc3339(fields.starts_at),
        zone: zone.as_str().to_owned(),
        place: fields.place.clone(),
        details: to_safe_html(&fields.details),
        state: t.get(&format!("assembly-state-{}", assembly.state.as_str())),
        convene_by: view.can_convene.then(|| {
            t.with(
                "assembly-convene-by",
                "date",
                &zone.long(view.convene_by, t.0),
            )
        }),
        roll_size: (assembly.state != AssemblyState::Draft).then_some(assembly.roll_size),
        quorum: quorum_view(t, view),
        mine: view.mine.as_ref().map(|mine| mine_view(t, mine)),
        can_manage: view.can_manage,
        can_edit: view.can_edit,
        can_convene: view.can_convene,
        can_give_proxy: view.can_give_proxy,
        can_revoke_proxy: view.can_give_proxy
            && view.mine.as_ref().is_some_and(|m| m.proxy_to.is_some()),
        can_check_in: view.can_check_in,
        can_open: view.can_manage && assembly.state == AssemblyState::Convened,
        can_close: view.can_manage && assembly.state == AssemblyState::Open,
        can_add_item: view.can_manage && assembly.state != AssemblyState::Closed,
        items: view
            .agenda
            .iter()
            .map(|item| item_row(t, view, item, sent))
            .collect(),
        item_refused: sent.item_form.is_some() && !sent.errors.is_empty(),
        item_form: sent.item_form.clone().unwrap_or_else(blank_item),
        majorities: majorities(t),
        ballots: ballots(t),
        choices: Choice::ALL
            .into_iter()
            .map(|choice| (choice.as_str(), t.get(&choice_key(choice))))
            .collect(),
        minutes: view.minutes.as_ref().map(|m| m.approved.is_some()),
        errors: FieldErrors::new(viewer.language, page_errors),
    };
    render_form(&page, &sent.errors)
}

async fn assembly(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let view = governance::view(&state.context(), viewer.actor(), AssemblyId(id)).await?;
    assembly_page(&state, &viewer, &view, &Sent::default())
}

/// After a form of the assembly's page: back to the page once done, or the
/// page again with what was refused.
async fn back_to_assembly(
    state: &AppState,
    viewer: &Viewer,
    id: AssemblyId,
    done: Result<(), FlowError>,
    item: Option<ItemId>,
) -> Result<Response, WebError> {
    match done {
        Ok(()) => Ok(see_other(&format!("/assemblies/{}", id.0))),
        Err(FlowError::Invalid(errors)) => {
            let view = governance::view(&state.context(), viewer.actor(), id).await?;
            let sent = Sent {
                errors,
                item,
                ..Sent::default()
            };
            assembly_page(state, viewer, &view, &sent)
        }
        Err(other) => Err(other.into()),
    }
}

async fn convene(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let id = AssemblyId(id);
    let done = governance::convene(&state.context(), viewer.actor(), id)
        .await
        .map(|_| state.jobs.wake());
    back_to_assembly(&state, &viewer, id, done, None).await
}

#[derive(serde::Deserialize)]
struct ProxyForm {
    #[serde(default)]
    holder: String,
}

async fn give_proxy(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<ProxyForm>,
) -> Result<Response, WebError> {
    let id = AssemblyId(id);
    let done = governance::give_proxy(&state.context(), viewer.actor(), id, &form.holder).await;
    back_to_assembly(&state, &viewer, id, done, None).await
}

async fn revoke_proxy(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let id = AssemblyId(id);
    let done = governance::revoke_proxy(&state.context(), viewer.actor(), id).await;
    back_to_assembly(&state, &viewer, id, done, None).await
}

async fn check_in(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let id = AssemblyId(id);
    let done = governance::check_in(&state.context(), viewer.actor(), id).await;
    back_to_assembly(&state, &viewer, id, done, None).await
}

async fn open(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let id = AssemblyId(id);
    let done = governance::open(&state.context(), viewer.actor(), id)
        .await
        .map(drop);
    back_to_assembly(&state, &viewer, id, done, None).await
}

async fn close(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let id = AssemblyId(id);
    let done = governance::close(&state.context(), viewer.actor(), id).await;
    back_to_assembly(&state, &viewer, id, done, None).await
}

async fn add_item(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(input): Form<ItemInput>,
) -> Result<Response, WebError> {
    let id = AssemblyId(id);
    match governance::add_item(&state.context(), viewer.actor(), id, &input).await {
        Ok(_) => Ok(see_other(&format!("/assemblies/{}", id.0))),
        Err(FlowError::Invalid(errors)) => {
            let view = governance::view(&state.context(), viewer.actor(), id).await?;
            let sent = Sent {
                errors,
                item_form: Some(input),
                ..Sent::default()
            };
            assembly_page(&state, &viewer, &view, &sent)
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Template)]
#[template(path = "governance/item_form.html")]
struct ItemFormPage {
    l: Layout,
    id: i64,
    title: String,
    item: i64,
    item_form: ItemInput,
    majorities: Options,
    ballots: Options,
    errors: FieldErrors,
}

async fn item_form_page(
    state: &AppState,
    viewer: &Viewer,
    (id, item): (AssemblyId, ItemId),
    input: Option<ItemInput>,
    errors: &[ValidationError],
) -> Result<Response, WebError> {
    let t = Tr(viewer.language);
    let (assembly, saved) =
        governance::edit_item(&state.context(), viewer.actor(), id, item).await?;
    let path = format!("/assemblies/{}/items/{}/edit", id.0, item.0);
    render_form(
        &ItemFormPage {
            l: Layout::new(state, viewer, "item-edit-title", &path),
            id: id.0,
            title: assembly.fields.title,
            item: item.0,
            item_form: input.unwrap_or_else(|| ItemInput::of(&saved, &assembly.fields.zone)),
            majorities: majorities(t),
            ballots: ballots(t),
            errors: FieldErrors::new(viewer.language, errors),
        },
        errors,
    )
}

async fn edit_item(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, item)): Path<(i64, i64)>,
) -> Result<Response, WebError> {
    item_form_page(&state, &viewer, (AssemblyId(id), ItemId(item)), None, &[]).await
}

async fn update_item(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, item)): Path<(i64, i64)>,
    Form(input): Form<ItemInput>,
) -> Result<Response, WebError> {
    let (id, item) = (AssemblyId(id), ItemId(item));
    match governance::update_item(&state.context(), viewer.actor(), id, item, &input).await {
        Ok(id) => Ok(see_other(&format!("/assemblies/{}", id.0))),
        Err(FlowError::Invalid(errors)) => {
            item_form_page(&state, &viewer, (id, item), Some(input), &errors).await
        }
        Err(other) => Err(other.into()),
    }
}

async fn open_ballot(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, item)): Path<(i64, i64)>,
) -> Result<Response, WebError> {
    let (id, item) = (AssemblyId(id), ItemId(item));
    let done = governance::open_ballot(&state.context(), viewer.actor(), id, item)
        .await
        .map(drop);
    back_to_assembly(&state, &viewer, id, done, Some(item)).await
}

async fn close_ballot(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, item)): Path<(i64, i64)>,
) -> Result<Response, WebError> {
    let (id, item) = (AssemblyId(id), ItemId(item));
    let done = governance::close_ballot(&state.context(), viewer.actor(), id, item)
        .await
        .map(drop);
    back_to_assembly(&state, &viewer, id, done, Some(item)).await
}

#[derive(serde::Deserialize)]
struct VoteForm {
    #[serde(default)]
    choice: String,
    /// The member whose proxy the voter casts; empty for their own voice.
    #[serde(default)]
    on_behalf: String,
}

/// A secret vote answers with its receipt on the page itself, this once:
/// nowhere else keeps it, neither an address nor a cookie.
async fn vote(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, item)): Path<(i64, i64)>,
    Form(form): Form<VoteForm>,
) -> Result<Response, WebError> {
    let (id, item) = (AssemblyId(id), ItemId(item));
    let on_behalf = match form.on_behalf.trim() {
        "" => None,
        account => Some(AccountId(id_field(account)?)),
    };
    match governance::vote(
        &state.context(),
        viewer.actor(),
        id,
        item,
        on_behalf,
        &form.choice,
    )
    .await
    {
        Ok(cast) => match cast.receipt {
            Some(receipt) => {
                let view = governance::view(&state.context(), viewer.actor(), id).await?;
                let sent = Sent {
                    item: Some(item),
                    receipt: Some(receipt),
                    ..Sent::default()
                };
                assembly_page(&state, &viewer, &view, &sent)
            }
            None => Ok(see_other(&format!("/assemblies/{}", cast.assembly.0))),
        },
        Err(error) => back_to_assembly(&state, &viewer, id, Err(error), Some(item)).await,
    }
}

#[derive(serde::Deserialize)]
struct ReceiptForm {
    #[serde(default)]
    receipt: String,
}

async fn check_receipt(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, item)): Path<(i64, i64)>,
    Form(form): Form<ReceiptForm>,
) -> Result<Response, WebError> {
    let (id, item) = (AssemblyId(id), ItemId(item));
    match governance::check_receipt(&state.context(), viewer.actor(), id, item, &form.receipt).await
    {
        Ok(counted) => {
            let view = governance::view(&state.context(), viewer.actor(), id).await?;
            let sent = Sent {
                item: Some(item),
                checked: Some(counted),
                ..Sent::default()
            };
            assembly_page(&state, &viewer, &view, &sent)
        }
        Err(error) => back_to_assembly(&state, &viewer, id, Err(error), Some(item)).await,
    }
}

/// `?search=` and `?page=` of the roll.
#[derive(Debug, Default, serde::Deserialize)]
struct RollQuery {
    #[serde(default)]
    search: String,
    #[serde(default)]
    page: String,
}

impl RollQuery {
    fn link(&self, id: AssemblyId, page: u32) -> String {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        let search = self.search.trim();
        if !search.is_empty() {
            query.append_pair("search", search);
        }
        query.append_pair("page", &page.to_string());
        format!("/assemblies/{}/roll?{}", id.0, query.finish())
    }
}

/// A person of the roll as the bureau's page lists them.
struct RollRow {
    account: i64,
    name: String,
    class: String,
    voting: bool,
    /// The presence's value for the form: empty for absent.
    presence: &'static str,
    proxy_to: Option<String>,
    proxies_held: Option<String>,
}

#[derive(Template)]
#[template(path = "governance/roll.html")]
struct RollListPage {
    l: Layout,
    id: i64,
    title: String,
    rows: Vec<RollRow>,
    search: String,
    page: u32,
    total: u64,
    pager: Pager,
    presences: Options,
    errors: FieldErrors,
}

async fn roll_page(
    state: &AppState,
    viewer: &Viewer,
    id: AssemblyId,
    query: &RollQuery,
    errors: &[ValidationError],
) -> Result<Response, WebError> {
    let t = Tr(viewer.language);
    let page = PageNumber::parse("page", &query.page).map_err(|e| WebError::Invalid(vec![e]))?;
    let (assembly, roll) =
        governance::roll(&state.context(), viewer.actor(), id, &query.search, page).await?;
    let pages = PageNumber::count(roll.total, PAGE_SIZE);
    let (previous, next) = around(page.get(), pages, |n| query.link(id, n));
    let names = |list: &[(AccountId, String)]| {
        list.iter()
            .map(|(_, name)| name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    render_form(
        &RollListPage {
            l: Layout::new(
                state,
                viewer,
                "roll-title",
                &format!("/assemblies/{}/roll", id.0),
            ),
            id: id.0,
            title: assembly.fields.title,
            rows: roll
                .items
                .iter()
                .map(|entry| RollRow {
                    account: entry.account.0,
                    name: entry.name.clone(),
                    class: if entry.class.is_empty() {
                        t.get("roll-team")
                    } else {
                        entry.class.clone()
                    },
                    voting: entry.voting,
                    presence: entry.presence.map_or("", Presence::as_str),
                    proxy_to: entry
                        .proxy_to
                        .as_ref()
                        .map(|(_, name)| t.with("roll-proxy-to", "name", name)),
                    proxies_held: (!entry.proxies_held.is_empty())
                        .then(|| t.with("roll-proxies-held", "names", &names(&entry.proxies_held))),
                })
                .collect(),
            search: query.search.trim().to_owned(),
            page: page.get(),
            total: roll.total,
            pager: Pager {
                label: t.get("roll-pages"),
                position: t.position(page.get(), pages),
                previous,
                next,
            },
            presences: [None, Some(Presence::InPerson), Some(Presence::Online)]
                .into_iter()
                .map(|p| (p.map_or("", Presence::as_str), t.get(presence_key(p))))
                .collect(),
            errors: FieldErrors::new(viewer.language, errors),
        },
        errors,
    )
}

async fn roll(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Query(query): Query<RollQuery>,
) -> Result<Response, WebError> {
    roll_page(&state, &viewer, AssemblyId(id), &query, &[]).await
}

#[derive(serde::Deserialize)]
struct PresenceForm {
    #[serde(default)]
    presence: String,
    /// The roll's search and page, to return to.
    #[serde(default)]
    search: String,
    #[serde(default)]
    page: String,
}

async fn record_presence(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, account)): Path<(i64, i64)>,
    Form(form): Form<PresenceForm>,
) -> Result<Response, WebError> {
    let id = AssemblyId(id);
    let query = RollQuery {
        search: form.search,
        page: form.page,
    };
    match governance::record_presence(
        &state.context(),
        viewer.actor(),
        id,
        AccountId(account),
        &form.presence,
    )
    .await
    {
        Ok(()) => {
            let page = PageNumber::parse("page", &query.page).unwrap_or(PageNumber::FIRST);
            Ok(see_other(&query.link(id, page.get())))
        }
        Err(FlowError::Invalid(errors)) => roll_page(&state, &viewer, id, &query, &errors).await,
        Err(other) => Err(other.into()),
    }
}

#[derive(Template)]
#[template(path = "governance/minutes.html")]
struct MinutesPage {
    l: Layout,
    id: i64,
    title: String,
    /// Safe HTML from the minutes' Markdown.
    html: String,
    /// The text as written, for the form.
    text: String,
    approved: Option<String>,
    editable: bool,
    errors: FieldErrors,
}

async fn minutes_page(
    state: &AppState,
    viewer: &Viewer,
    id: AssemblyId,
    typed: Option<String>,
    errors: &[ValidationError],
) -> Result<Response, WebError> {
    let t = Tr(viewer.language);
    let (assembly, minutes, editable) =
        governance::read_minutes(&state.context(), viewer.actor(), id).await?;
    let path = format!("/assemblies/{}/minutes", id.0);
    let mut layout = Layout::new(state, viewer, "minutes-title", &path);
    layout.title = format!("{} — {}", t.get("minutes-title"), assembly.fields.title);
    render_form(
        &MinutesPage {
            l: layout,
            id: id.0,
            title: assembly.fields.title,
            html: to_safe_html(&minutes.text),
            text: typed.unwrap_or_else(|| minutes.text.clone()),
            approved: minutes.approved.as_ref().map(|(at, name)| {
                text_with(
                    t.0,
                    "minutes-approved-by",
                    &[
                        ("date", &assembly.fields.zone.long(*at, t.0)),
                        ("name", name),
                    ],
                )
            }),
            editable,
            errors: FieldErrors::new(viewer.language, errors),
        },
        errors,
    )
}

async fn minutes(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    minutes_page(&state, &viewer, AssemblyId(id), None, &[]).await
}

#[derive(serde::Deserialize)]
struct MinutesForm {
    #[serde(default)]
    text: String,
    /// Sent by the "approve" button only.
    #[serde(default)]
    approve: Option<String>,
}

async fn save_minutes(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<MinutesForm>,
) -> Result<Response, WebError> {
    let id = AssemblyId(id);
    let approve = form.approve.as_deref().is_some_and(|v| !v.is_empty());
    match governance::save_minutes(&state.context(), viewer.actor(), id, &form.text, approve).await
    {
        Ok(()) => Ok(see_other(&format!("/assemblies/{}/minutes", id.0))),
        Err(FlowError::Invalid(errors)) => {
            minutes_page(&state, &viewer, id, Some(form.text), &errors).await
        }
        Err(other) => Err(other.into()),
    }
}
