//! The communities directory, each community's page, joining, leaving and
//! the review queue.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use cercle_core::accounts::flows::FlowError;
use cercle_core::accounts::policy::{self, Action};
use cercle_core::communities::community::{
    AccessPolicy, Community, CommunityInput, CommunityKind, Engagement, JoinRequestId,
};
use cercle_core::communities::flows::{
    self as communities, AppointmentInput, CommunityView, DirectoryInput, DirectoryQuery,
    ExclusionInput, JoinInput, JoinOutcome, ReviewInput,
};
use cercle_core::governance::flows as governance;
use cercle_core::kernel::paging::PageNumber;
use cercle_core::kernel::validation::ValidationError;
use cercle_core::kernel::visibility::Visibility;

use crate::http::error::WebError;
use crate::http::extract::{Form, Path};
use crate::http::middleware::see_other;
use crate::http::page_routes;
use crate::state::AppState;
use crate::templates::{FieldErrors, Layout, Tr, around, render, render_form};
use crate::viewer::Viewer;

page_routes! {
    get "/communities" => directory,
    post "/communities" => create,
    get "/c/{slug}" => page,
    get "/c/{slug}/edit" => edit_form,
    post "/c/{slug}/edit" => update,
    post "/c/{slug}/join" => join,
    post "/c/{slug}/leave" => leave,
    post "/c/{slug}/appointments" => appoint,
    post "/c/{slug}/exclusions" => exclude,
    post "/c/{slug}/charter" => publish_charter,
    post "/c/{slug}/charter/accept" => accept_charter,
    post "/c/{slug}/engagement" => set_engagement,
    post "/c/{slug}/exclusions/{account}/readmit" => readmit,
    get "/c/{slug}/requests" => requests,
    post "/join-requests/{id}/decision" => decide,
    post "/join-requests/{id}/withdraw" => withdraw,
}

/// A community as a card of the directory.
struct Card {
    slug: String,
    name: String,
    kind: String,
    theme: String,
    cadence: String,
    members: i64,
    access: String,
}

fn card(t: Tr, community: &Community) -> Card {
    let fields = &community.fields;
    Card {
        slug: fields.slug.as_str().to_owned(),
        name: fields.name.clone(),
        kind: t.get(&format!("kind-{}", fields.kind.as_str().replace('_', "-"))),
        theme: fields.theme.clone(),
        cadence: fields.cadence.clone(),
        members: community.members,
        access: t.get(&format!("access-{}", fields.access.as_str())),
    }
}

#[derive(Template)]
#[template(path = "communities/communities.html")]
struct DirectoryPage {
    l: Layout,
    cards: Vec<Card>,
    q: String,
    kind: String,
    kinds: Vec<(&'static str, String)>,
    theme: String,
    /// The themes of the communities the viewer may see.
    themes: Vec<String>,
    open: bool,
    total: u64,
    /// "Page 2 of 5".
    position: String,
    /// The addresses of the pages before and after, filters kept.
    previous: Option<String>,
    next: Option<String>,
    form: Option<CommunityForm>,
    errors: FieldErrors,
}

/// The community form with its choices.
struct CommunityForm {
    input: CommunityInput,
    kinds: Vec<(&'static str, String)>,
    visibilities: Vec<(&'static str, String)>,
    accesses: Vec<(&'static str, String)>,
}

fn community_form(t: Tr, input: CommunityInput) -> CommunityForm {
    CommunityForm {
        input,
        kinds: kinds(t),
        visibilities: Visibility::ALL
            .iter()
            .map(|v| {
                (
                    v.as_str(),
                    t.get(&format!("visibility-{}", v.as_str().replace('_', "-"))),
                )
            })
            .collect(),
        accesses: AccessPolicy::ALL
            .iter()
            .map(|a| (a.as_str(), t.get(&format!("access-{}", a.as_str()))))
            .collect(),
    }
}

fn kinds(t: Tr) -> Vec<(&'static str, String)> {
    CommunityKind::ALL
        .iter()
        .map(|k| {
            (
                k.as_str(),
                t.get(&format!("kind-{}", k.as_str().replace('_', "-"))),
            )
        })
        .collect()
}

async fn directory(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(query): Query<DirectoryInput>,
) -> Result<Response, WebError> {
    let input = CommunityInput {
        kind: "working_group".to_owned(),
        visibility: "public".to_owned(),
        access: "open".to_owned(),
        ..CommunityInput::default()
    };
    directory_page(&state, &viewer, query, input, &[]).await
}

/// The address of another page of the directory at `path`, its filters kept.
pub(crate) fn directory_link(path: &str, input: &DirectoryInput, page: u32) -> String {
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    for (name, value) in [
        ("q", input.q.trim()),
        ("kind", input.kind.trim()),
        ("theme", input.theme.trim()),
    ] {
        if !value.is_empty() {
            query.append_pair(name, value);
        }
    }
    if input.open.is_some() {
        query.append_pair("open", "on");
    }
    query.append_pair("page", &page.to_string());
    format!("{path}?{}", query.finish())
}

/// The pages before and after `page` of `pages`, when there are.
pub(crate) fn neighbours(
    path: &str,
    input: &DirectoryInput,
    page: u32,
    pages: u32,
) -> (Option<String>, Option<String>) {
    around(page, pages, |page| directory_link(path, input, page))
}

async fn directory_page(
    state: &AppState,
    viewer: &Viewer,
    query: DirectoryInput,
    input: CommunityInput,
    errors: &[ValidationError],
) -> Result<Response, WebError> {
    let t = Tr(viewer.language);
    let parsed = DirectoryQuery::parse(&query).map_err(WebError::Invalid)?;
    let directory = communities::directory(&state.context(), viewer.actor(), &parsed).await?;
    let page = directory.page.get();
    let (previous, next) = neighbours("/communities", &query, page, directory.pages);
    let page = DirectoryPage {
        l: Layout::new(state, viewer, "communities-title", "/communities"),
        cards: directory.communities.iter().map(|c| card(t, c)).collect(),
        theme: query.theme.trim().to_owned(),
        themes: directory.themes,
        open: parsed.open_to_me,
        position: t.position(page, directory.pages),
        total: directory.total,
        previous,
        next,
        q: query.q,
        kind: query.kind,
        kinds: kinds(t),
        form: policy::check(viewer.actor(), Action::ManageCommunities)
            .is_ok()
            .then(|| community_form(t, input)),
        errors: FieldErrors::new(viewer.language, errors),
    };
    render_form(&page, errors)
}

async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(input): Form<CommunityInput>,
) -> Result<Response, WebError> {
    match communities::create(&state.context(), viewer.actor(), &input).await {
        Ok(_) => Ok(see_other(&format!("/c/{}", input.slug.trim()))),
        Err(FlowError::Invalid(errors)) => {
            directory_page(&state, &viewer, DirectoryInput::default(), input, &errors).await
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Template)]
#[template(path = "communities/community.html")]
struct CommunityPage {
    l: Layout,
    slug: String,
    name: String,
    kind: String,
    theme: String,
    description: String,
    objectives: Vec<String>,
    cadence: String,
    channels: Vec<(String, String, String)>,
    referents: Vec<(String, String)>,
    /// The sponsors who sit on a body now: `(name, seat, body, body id)`.
    board: Vec<(String, String, String, i64)>,
    card: Option<CardChart>,
    access: String,
    rules: Vec<String>,
    member: bool,
    /// The member's engagement, as a keyword.
    my_engagement: String,
    pending: Option<i64>,
    signed_in: bool,
    reviewer: bool,
    admin: bool,
    /// A page of members, the newest first: `(name, roles, engagement)`.
    members: Option<Vec<(String, String, String)>>,
    /// How many belong, and the member list's page among how many, with
    /// the addresses of the pages before and after.
    member_count: i64,
    members_position: String,
    members_previous: Option<String>,
    members_next: Option<String>,
    /// The roles one may appoint to, for those who may.
    appointable: Option<Vec<(String, String)>>,
    /// For moderators: the people excluded, `(account, name, reason)`.
    exclusions: Option<Vec<(i64, String, String)>>,
    /// The charter in force: its version and its text as safe HTML.
    charter: Option<(i64, String)>,
    must_accept_charter: bool,
    may_publish_charter: bool,
    outcome: Vec<String>,
    engagements: Vec<(&'static str, String)>,
    /// The access policy, as a keyword.
    policy: &'static str,
    /// An application's questions, for the join form.
    questions: Vec<String>,
    /// Why the viewer's access is suspended, when it is.
    lapsed: Vec<String>,
    /// Under co-optation, for active members: the pending requests.
    cooptation: Option<Vec<CooptationRow>>,
    vouches_required: u8,
    /// For those who may invite: the invitations not used yet, as
    /// `(id, email, expiry)`.
    invitations: Option<Vec<(i64, String, String)>>,
    /// The charter's numbered rules, for the exclusion form.
    charter_rules: Vec<(u32, String)>,
    /// The community's next events and its latest, on their clock.
    upcoming: Vec<crate::events::cards::EventCard>,
    recent: Vec<crate::events::cards::EventCard>,
    can_create_event: bool,
    errors: FieldErrors,
}

/// A request waiting for vouches, as the members see it.
struct CooptationRow {
    id: i64,
    name: String,
    motivation: String,
    vouchers: String,
    count: usize,
    vouched: bool,
}

/// Seed 003's profile card as a bar chart: `(axis, score, bar width)`.
struct CardChart {
    colour: String,
    quotes: Vec<String>,
    bars: Vec<(String, u8, u32, u32)>,
    height: u32,
}

/// The member list's page, in the community page's query string.
#[derive(serde::Deserialize)]
struct MembersQuery {
    #[serde(default)]
    members: String,
}

async fn page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
    Query(query): Query<MembersQuery>,
) -> Result<Response, WebError> {
    let members = PageNumber::parse("members", &query.members)
        .map_err(|error| WebError::Invalid(vec![error]))?;
    let view = communities::view(&state.context(), viewer.actor(), &slug).await?;
    let shown = Shown {
        members,
        ..Shown::default()
    };
    community_page(&state, &viewer, view, shown, &[]).await
}

/// What a community page shows beyond the community: the outcome of a
/// refused join, and which page of the member list.
pub(crate) struct Shown {
    pub(crate) outcome: Vec<String>,
    pub(crate) members: PageNumber,
}

impl Default for Shown {
    fn default() -> Self {
        Self {
            outcome: Vec::new(),
            members: PageNumber::FIRST,
        }
    }
}

pub(crate) async fn community_page(
    state: &AppState,
    viewer: &Viewer,
    view: CommunityView,
    shown: Shown,
    errors: &[ValidationError],
) -> Result<Response, WebError> {
    let t = Tr(viewer.language);
    let member_page = communities::members(&state.context(), &view, shown.members).await?;
    let page_link = |page: u32| {
        format!(
            "/c/{}?members={page}#members-title",
            view.community.fields.slug.as_str()
        )
    };
    let (members_page, members_pages, members_previous, members_next) = match &member_page {
        Some(list) => {
            let (page, pages) = (list.page.get(), list.pages);
            let (previous, next) = around(page, pages, page_link);
            (page, pages, previous, next)
        }
        None => (1, 1, None, None),
    };
    let fields = &view.community.fields;
    let mut rules = Vec::new();
    if fields.eligibility.adherents_only {
        rules.push(t.get("rule-adherents-only"));
    }
    if fields.eligibility.organisation_in_good_standing {
        rules.push(t.get("rule-organisation-dues"));
    }
    if fields.eligibility.individuals_only {
        rules.push(t.get("rule-individuals-only"));
    }
    if let Some(days) = fields.eligibility.active_contributor_days {
        rules.push(t.with("rule-active-contributor", "days", &days.to_string()));
    }
    let role_label = |key: &str| {
        let label = t.get(&format!("community-role-{key}"));
        if label.starts_with("community-role-") {
            key.to_owned()
        } else {
            label
        }
    };
    let card = fields.card.as_ref().map(|card| CardChart {
        colour: card.colour.clone(),
        quotes: card.quotes.clone(),
        bars: card
            .scores
            .iter()
            .enumerate()
            .map(|(i, (axis, score))| {
                (
                    axis.clone(),
                    *score,
                    u32::from(*score) * 2,
                    u32::try_from(i).unwrap_or(0) * 28,
                )
            })
            .collect(),
        height: u32::try_from(card.scores.len()).unwrap_or(0) * 28,
    });
    let exclusions = communities::exclusions(&state.context(), viewer.actor(), &view)
        .await?
        .map(|list| {
            list.into_iter()
                .map(|e| {
                    let reason = match e.rule {
                        Some(rule) => {
                            t.with("community-excluded-rule", "rule", &rule.number.to_string())
                                + " — "
                                + &e.reason
                        }
                        None => e.reason,
                    };
                    (e.account.0, e.display_name, reason)
                })
                .collect()
        });
    let me = viewer.account.as_ref().map(|a| a.id);
    let cooptation = cercle_core::communities::joining::cooptation_queue(
        &state.context(),
        viewer.actor(),
        &view,
    )
    .await?
    .map(|requests| {
        requests
            .into_iter()
            .map(|r| CooptationRow {
                id: r.id.0,
                name: r.display_name,
                motivation: r.motivation,
                count: r.vouchers.len(),
                vouched: r.vouchers.iter().any(|v| Some(v.account) == me),
                vouchers: r
                    .vouchers
                    .iter()
                    .map(|v| v.display_name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
            .collect()
    });
    let invitations = cercle_core::communities::joining::open_invitations(
        &state.context(),
        viewer.actor(),
        &view,
    )
    .await?
    .map(|list| {
        list.into_iter()
            .map(|i| (i.id.0, i.email.as_str().to_owned(), i.expires_at.long(t.0)))
            .collect()
    });
    let manages_content = view.me.as_ref().is_some_and(|me| {
        me.roles.iter().any(|key| {
            view.roles
                .iter()
                .any(|r| &r.key == key && r.permissions.manage_content)
        })
    });
    let events =
        cercle_core::events::flows::of_community(&state.context(), viewer.actor(), &view).await?;
    let page = CommunityPage {
        upcoming: events
            .upcoming
            .iter()
            .map(|e| crate::events::cards::card(t, e))
            .collect(),
        recent: events
            .past
            .iter()
            .map(|e| crate::events::cards::card(t, e))
            .collect(),
        can_create_event: events.can_create,
        exclusions,
        charter: view
            .charter
            .as_ref()
            .map(|c| (c.version, crate::markdown::to_safe_html(&c.text))),
        must_accept_charter: view.must_accept_charter,
        may_publish_charter: policy::check(
            viewer.actor(),
            Action::ManageCommunityContent {
                manager: manages_content,
            },
        )
        .is_ok(),
        l: Layout::new(
            state,
            viewer,
            "community-title",
            &format!("/c/{}", fields.slug.as_str()),
        ),
        slug: fields.slug.as_str().to_owned(),
        name: fields.name.clone(),
        kind: t.get(&format!("kind-{}", fields.kind.as_str().replace('_', "-"))),
        theme: fields.theme.clone(),
        description: crate::markdown::to_safe_html(&fields.description),
        objectives: fields.objectives.clone(),
        cadence: fields.cadence.clone(),
        channels: fields
            .channels
            .iter()
            .map(|c| {
                (
                    t.get(&format!("channel-{}", c.kind.as_str().replace('_', "-"))),
                    c.label.clone(),
                    c.url.clone(),
                )
            })
            .collect(),
        referents: view
            .referents
            .iter()
            .map(|(name, role)| (name.clone(), role_label(role)))
            .collect(),
        board: governance::sponsor_seats(&state.context(), &view)
            .await?
            .into_iter()
            .map(|s| (s.name, t.get(&s.seat.label_key()), s.body_name, s.body.0))
            .collect(),
        card,
        access: t.get(&format!("access-{}", fields.access.as_str())),
        rules,
        member: view.me.is_some(),
        my_engagement: view
            .me
            .as_ref()
            .map(|m| m.engagement.as_str().to_owned())
            .unwrap_or_default(),
        pending: view.pending.as_ref().map(|r| r.id.0),
        signed_in: viewer.account.is_some(),
        reviewer: view.reviewer,
        admin: policy::check(viewer.actor(), Action::ManageCommunities).is_ok(),
        member_count: view.community.members,
        members_position: t.position(members_page, members_pages),
        members_previous,
        members_next,
        members: member_page.map(|list| {
            list.members
                .iter()
                .map(|m| {
                    let roles = m
                        .roles
                        .iter()
                        .map(|r| role_label(r))
                        .collect::<Vec<_>>()
                        .join(", ");
                    (
                        m.display_name.clone(),
                        roles,
                        t.get(&format!("engagement-{}", m.engagement.as_str())),
                    )
                })
                .collect()
        }),
        appointable: {
            let manages = view.me.as_ref().is_some_and(|me| {
                me.roles.iter().any(|key| {
                    view.roles
                        .iter()
                        .any(|r| &r.key == key && r.permissions.manage_roles)
                })
            });
            policy::check(
                viewer.actor(),
                Action::ManageCommunityRoles { manager: manages },
            )
            .is_ok()
            .then(|| {
                view.roles
                    .iter()
                    .map(|r| (r.key.clone(), role_label(&r.key)))
                    .collect()
            })
        },
        outcome: shown.outcome,
        policy: fields.access.as_str(),
        questions: fields.questions.clone(),
        lapsed: view.lapsed.clone(),
        cooptation,
        vouches_required: fields.vouches_required,
        invitations,
        charter_rules: view
            .charter
            .as_ref()
            .map(|c| c.rules().into_iter().map(|r| (r.number, r.text)).collect())
            .unwrap_or_default(),
        engagements: Engagement::ALL
            .iter()
            .map(|e| (e.as_str(), t.get(&format!("engagement-{}", e.as_str()))))
            .collect(),
        errors: FieldErrors::new(viewer.language, errors),
    };
    render_form(&page, errors)
}

async fn join(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
    Form(input): Form<JoinInput>,
) -> Result<Response, WebError> {
    match communities::join(&state.context(), viewer.actor(), &slug, &input).await {
        Ok(JoinOutcome::Joined | JoinOutcome::Requested(_)) => {
            state.jobs.wake();
            Ok(see_other(&format!("/c/{slug}")))
        }
        Ok(JoinOutcome::Ineligible(reasons)) => {
            let view = communities::view(&state.context(), viewer.actor(), &slug).await?;
            let shown = Shown {
                outcome: reasons,
                ..Shown::default()
            };
            community_page(&state, &viewer, view, shown, &[])
                .await
                .map(|mut response| {
                    *response.status_mut() = axum::http::StatusCode::FORBIDDEN;
                    response
                })
        }
        Err(FlowError::Invalid(errors)) => {
            let view = communities::view(&state.context(), viewer.actor(), &slug).await?;
            community_page(&state, &viewer, view, Shown::default(), &errors).await
        }
        Err(other) => Err(other.into()),
    }
}

/// Answers a form posted from a community's page: back to the page when it
/// worked, the page again with the refused fields when it did not.
async fn back_to_page(
    state: &AppState,
    viewer: &Viewer,
    slug: &str,
    result: Result<(), FlowError>,
) -> Result<Response, WebError> {
    match result {
        Ok(()) => {
            // Appointments and exclusions enqueue emails.
            state.jobs.wake();
            Ok(see_other(&format!("/c/{slug}")))
        }
        Err(FlowError::Invalid(errors)) => {
            let view = communities::view(&state.context(), viewer.actor(), slug).await?;
            community_page(state, viewer, view, Shown::default(), &errors).await
        }
        Err(other) => Err(other.into()),
    }
}

async fn appoint(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
    Form(input): Form<AppointmentInput>,
) -> Result<Response, WebError> {
    let result = communities::appoint(&state.context(), viewer.actor(), &slug, &input).await;
    back_to_page(&state, &viewer, &slug, result).await
}

async fn exclude(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
    Form(input): Form<ExclusionInput>,
) -> Result<Response, WebError> {
    let result = communities::exclude(&state.context(), viewer.actor(), &slug, &input).await;
    back_to_page(&state, &viewer, &slug, result).await
}

async fn readmit(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((slug, account)): Path<(String, i64)>,
) -> Result<Response, WebError> {
    communities::readmit(
        &state.context(),
        viewer.actor(),
        &slug,
        cercle_core::accounts::account::AccountId(account),
    )
    .await?;
    Ok(see_other(&format!("/c/{slug}")))
}

#[derive(serde::Deserialize)]
struct CharterForm {
    text: String,
}

async fn publish_charter(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
    Form(form): Form<CharterForm>,
) -> Result<Response, WebError> {
    let result = communities::publish_charter(&state.context(), viewer.actor(), &slug, &form.text)
        .await
        .map(|_| ());
    back_to_page(&state, &viewer, &slug, result).await
}

#[derive(serde::Deserialize)]
struct AcceptanceForm {
    version: String,
}

async fn accept_charter(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
    Form(form): Form<AcceptanceForm>,
) -> Result<Response, WebError> {
    let result =
        communities::accept_charter(&state.context(), viewer.actor(), &slug, &form.version).await;
    back_to_page(&state, &viewer, &slug, result).await
}

#[derive(serde::Deserialize)]
struct EngagementForm {
    engagement: String,
}

async fn set_engagement(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
    Form(form): Form<EngagementForm>,
) -> Result<Response, WebError> {
    let result =
        communities::set_engagement(&state.context(), viewer.actor(), &slug, &form.engagement)
            .await;
    back_to_page(&state, &viewer, &slug, result).await
}

async fn leave(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
) -> Result<Response, WebError> {
    communities::leave(&state.context(), viewer.actor(), &slug).await?;
    state.jobs.wake();
    Ok(see_other(&format!("/c/{slug}")))
}

#[derive(Template)]
#[template(path = "communities/community_edit.html")]
struct EditPage {
    l: Layout,
    slug: String,
    form: CommunityForm,
    errors: FieldErrors,
}

async fn edit_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
) -> Result<Response, WebError> {
    policy::check(viewer.actor(), Action::ManageCommunities)?;
    let view = communities::view(&state.context(), viewer.actor(), &slug).await?;
    let f = &view.community.fields;
    let on = |b: bool| b.then(|| "on".to_owned());
    let input = CommunityInput {
        slug: f.slug.as_str().to_owned(),
        name: f.name.clone(),
        kind: f.kind.as_str().to_owned(),
        theme: f.theme.clone(),
        description: f.description.clone(),
        objectives: f.objectives.join("\n"),
        cadence: f.cadence.clone(),
        channels: f
            .channels
            .iter()
            .map(|c| format!("{} | {} | {}", c.kind.as_str(), c.label, c.url))
            .collect::<Vec<_>>()
            .join("\n"),
        visibility: f.visibility.as_str().to_owned(),
        access: f.access.as_str().to_owned(),
        adherents_only: on(f.eligibility.adherents_only),
        organisation_in_good_standing: on(f.eligibility.organisation_in_good_standing),
        individuals_only: on(f.eligibility.individuals_only),
        active_contributor_days: f
            .eligibility
            .active_contributor_days
            .map(|d| d.to_string())
            .unwrap_or_default(),
        vouches_required: f.vouches_required.to_string(),
        questions: f.questions.join("\n"),
        card_colour: f
            .card
            .as_ref()
            .map(|c| c.colour.clone())
            .unwrap_or_default(),
        card_quotes: f
            .card
            .as_ref()
            .map(|c| c.quotes.join("\n"))
            .unwrap_or_default(),
        card_scores: f
            .card
            .as_ref()
            .map(|c| {
                c.scores
                    .iter()
                    .map(|(a, s)| format!("{a}: {s}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default(),
    };
    let page = EditPage {
        l: Layout::new(
            &state,
            &viewer,
            "community-edit-title",
            &format!("/c/{slug}/edit"),
        ),
        slug,
        form: community_form(Tr(viewer.language), input),
        errors: FieldErrors::default(),
    };
    render(&page)
}

async fn update(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
    Form(input): Form<CommunityInput>,
) -> Result<Response, WebError> {
    match communities::update(&state.context(), viewer.actor(), &slug, &input).await {
        Ok(()) => Ok(see_other(&format!("/c/{}", input.slug.trim()))),
        Err(FlowError::Invalid(errors)) => {
            let page = EditPage {
                l: Layout::new(
                    &state,
                    &viewer,
                    "community-edit-title",
                    &format!("/c/{slug}/edit"),
                ),
                slug,
                form: community_form(Tr(viewer.language), input),
                errors: FieldErrors::new(viewer.language, &errors),
            };
            render_form(&page, &errors)
        }
        Err(other) => Err(other.into()),
    }
}

struct RequestRow {
    id: i64,
    name: String,
    motivation: String,
    engagement: String,
    submitted: String,
    adherence: String,
    concerns: Vec<String>,
    answers: Vec<(String, String)>,
    /// `(date, notes, interviewer)` once recorded.
    interview: Option<(String, String, String)>,
    vouchers: String,
    vouch_count: usize,
}

#[derive(Template)]
#[template(path = "communities/requests.html")]
struct RequestsPage {
    l: Layout,
    slug: String,
    name: String,
    requests: Vec<RequestRow>,
    /// Under application, the interview step comes before acceptance.
    application: bool,
    cooptation: bool,
    vouches_required: u8,
    /// Members whose access is suspended: `(name, reasons)`.
    lapsed: Vec<(String, Vec<String>)>,
    today: String,
    errors: FieldErrors,
}

async fn requests(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
) -> Result<Response, WebError> {
    requests_page(&state, &viewer, &slug, &[]).await
}

pub(crate) async fn requests_page(
    state: &AppState,
    viewer: &Viewer,
    slug: &str,
    errors: &[ValidationError],
) -> Result<Response, WebError> {
    let t = Tr(viewer.language);
    let queue =
        communities::review_queue(&state.context(), viewer.actor(), slug, viewer.language).await?;
    let fields = &queue.view.community.fields;
    let page = RequestsPage {
        l: Layout::new(
            state,
            viewer,
            "requests-title",
            &format!("/c/{slug}/requests"),
        ),
        slug: slug.to_owned(),
        name: fields.name.clone(),
        application: fields.access == AccessPolicy::Application,
        cooptation: fields.access == AccessPolicy::Cooptation,
        vouches_required: fields.vouches_required,
        today: state.today().to_string(),
        lapsed: queue
            .lapsed
            .into_iter()
            .map(|(member, reasons)| (member.display_name, reasons))
            .collect(),
        requests: queue
            .items
            .into_iter()
            .map(|item| RequestRow {
                id: item.request.id.0,
                name: item.request.display_name,
                motivation: item.request.motivation,
                engagement: t.get(&format!("engagement-{}", item.request.engagement.as_str())),
                submitted: item.request.created_at.long(t.0),
                adherence: item.adherence,
                concerns: item.concerns,
                answers: item
                    .request
                    .answers
                    .into_iter()
                    .map(|a| (a.question, a.answer))
                    .collect(),
                interview: item
                    .request
                    .interview
                    .map(|i| (i.held_on.long(viewer.language), i.notes, i.by_name)),
                vouch_count: item.request.vouchers.len(),
                vouchers: item
                    .request
                    .vouchers
                    .iter()
                    .map(|v| v.display_name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
            .collect(),
        errors: FieldErrors::new(viewer.language, errors),
    };
    render_form(&page, errors)
}

async fn decide(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(input): Form<ReviewInput>,
) -> Result<Response, WebError> {
    let request = JoinRequestId(id);
    match communities::review(&state.context(), viewer.actor(), request, &input).await {
        Ok(community) => {
            state.jobs.wake();
            Ok(see_other(&format!(
                "/c/{}/requests",
                community.fields.slug.as_str()
            )))
        }
        Err(FlowError::Invalid(errors)) => {
            let community = cercle_core::communities::joining::request_community(
                &state.context(),
                viewer.actor(),
                request,
            )
            .await?;
            requests_page(&state, &viewer, community.fields.slug.as_str(), &errors).await
        }
        Err(other) => Err(other.into()),
    }
}

async fn withdraw(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let community =
        communities::withdraw(&state.context(), viewer.actor(), JoinRequestId(id)).await?;
    Ok(see_other(&format!("/c/{}", community.fields.slug.as_str())))
}
