//! The events' pages: the association's calendar with its filters and month
//! view, an event's page with its registration, the organisers' form and
//! their registrations page.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use cercle_core::accounts::flows::FlowError;
use cercle_core::events::event::{
    DEFAULT_ZONE, Event, EventFormat, EventId, EventInput, Occurrence, RegistrationId,
    RegistrationState, clock_of,
};
use cercle_core::events::flows::{
    self as events, CalendarInput, CalendarQuery, EventView, Listed, MoveInput, RegistrationInput,
    occurrence_key,
};
use cercle_core::events::recurrence::Repeat;
use cercle_core::kernel::date::Date;
use cercle_core::kernel::validation::ValidationError;
use cercle_core::kernel::visibility::Audience;

use crate::events::cards::{EventCard, card, place, seats};
use crate::http::error::WebError;
use crate::http::extract::{Form, Path};
use crate::http::middleware::see_other;
use crate::http::page_routes;
use crate::state::AppState;
use crate::templates::{FieldErrors, Layout, Tr, around, render, render_form};
use crate::viewer::Viewer;

page_routes! {
    get "/events" => calendar,
    get "/events/calendar.ics" => public_feed,
    get "/events/feed" => feed_page,
    post "/events/feed" => new_feed,
    post "/events/feed/end" => end_feed,
    get "/calendar/{token}" => personal_feed,
    get "/events/{id}/calendar.ics" => event_calendar,
    get "/events/new" => new_form,
    post "/events" => create,
    get "/events/{id}" => page,
    get "/events/{id}/edit" => edit_form,
    post "/events/{id}/edit" => update,
    post "/events/{id}/cancel" => cancel,
    post "/events/{id}/registration" => register,
    post "/events/{id}/registration/cancel" => unregister,
    get "/events/{id}/registrations" => registrations,
    get "/events/{id}/registrations.csv" => registrations_csv,
    post "/events/{id}/registrations/{registration}/attendance" => record_attendance,
    post "/events/{id}/registrations/{registration}" => decide,
    post "/events/{id}/occurrences/{occurrence}/cancel" => cancel_occurrence,
    post "/events/{id}/occurrences/{occurrence}/move" => move_occurrence,
    get "/events/{id}/occurrences/{occurrence}/edit" => edit_following_form,
    post "/events/{id}/occurrences/{occurrence}/edit" => update_following,
}

/// Which occurrence of a series a page shows: `?occurrence=` with the start
/// the rule gives it; none for a single event or the next occurrence.
#[derive(Debug, Default, serde::Deserialize)]
struct OccurrenceQuery {
    #[serde(default)]
    occurrence: String,
}

/// `path` for the occurrence of a series, as its `?occurrence=`; as it is
/// for a single event.
fn at_occurrence(path: String, occurrence: Option<i64>) -> String {
    match occurrence {
        Some(key) if key != 0 => format!("{path}?occurrence={key}"),
        _ => path,
    }
}

impl OccurrenceQuery {
    fn key(&self) -> Result<Option<i64>, WebError> {
        match self.occurrence.trim() {
            "" => Ok(None),
            key => Ok(Some(occurrence_key(key)?)),
        }
    }
}

#[derive(Template)]
#[template(path = "events/calendar.html")]
struct CalendarPage {
    l: Layout,
    cards: Vec<EventCard>,
    /// The filters as typed, to keep them in the form and the links.
    community: String,
    community_name: Option<String>,
    format: String,
    formats: Vec<(&'static str, String)>,
    month: String,
    past: bool,
    total: u64,
    position: String,
    previous: Option<String>,
    next: Option<String>,
    /// The weeks of the month asked for, Monday first.
    weeks: Option<Vec<Vec<DayCell>>>,
    month_title: String,
    /// The months before and after, as `YYYY-MM`.
    month_links: Option<(String, String)>,
    /// Where a new event is created, for those who may.
    create: Option<String>,
}

/// A day of the month view.
struct DayCell {
    day: u32,
    in_month: bool,
    /// `(page, title, start)` of each occurrence starting that day.
    events: Vec<(String, String, String)>,
}

fn formats(t: Tr) -> Vec<(&'static str, String)> {
    EventFormat::ALL
        .into_iter()
        .map(|f| (f.as_str(), t.get(&f.label_key())))
        .collect()
}

async fn calendar(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(input): Query<CalendarInput>,
) -> Result<Response, WebError> {
    let t = Tr(viewer.language);
    let query = CalendarQuery::parse(&input).map_err(WebError::Invalid)?;
    let calendar = events::calendar(&state.context(), viewer.actor(), &query).await?;
    let link = |page: u32| calendar_link(&input, page);
    let (previous, next) = around(calendar.page.get(), calendar.pages, link);
    let weeks = query.month.map(|first| month_grid(first, &calendar.events));
    let month_links = query.month.map(|first| {
        (
            month_code(shift_month(first, -1)),
            month_code(shift_month(first, 1)),
        )
    });
    let create = calendar.can_create.then(|| match &calendar.community {
        Some(c) => format!("/c/{}/events/new", c.fields.slug.as_str()),
        None => "/events/new".to_owned(),
    });
    render(&CalendarPage {
        l: Layout::new(&state, &viewer, "events-title", "/events"),
        cards: calendar.events.iter().map(|e| card(t, e)).collect(),
        community: input.community.trim().to_owned(),
        community_name: calendar.community.map(|c| c.fields.name),
        format: input.format.trim().to_owned(),
        formats: formats(t),
        month: input.month.trim().to_owned(),
        past: query.past,
        total: calendar.total,
        position: t.position(calendar.page.get(), calendar.pages),
        previous,
        next,
        month_title: query
            .month
            .map(|first| month_title(t, first))
            .unwrap_or_default(),
        weeks,
        month_links,
        create,
    })
}

/// A feed's filter: one community's events, else the association's.
#[derive(Debug, Default, serde::Deserialize)]
struct FeedQuery {
    #[serde(default)]
    community: String,
}

async fn public_feed(
    State(state): State<AppState>,
    Query(query): Query<FeedQuery>,
) -> Result<Response, WebError> {
    let community = Some(query.community.trim()).filter(|slug| !slug.is_empty());
    let text = events::public_feed(&state.context(), community).await?;
    Ok(ics(text, None))
}

async fn event_calendar(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let text = events::event_calendar(&state.context(), viewer.actor(), EventId(id)).await?;
    Ok(ics(text, Some(format!("event-{id}.ics"))))
}

#[derive(Template)]
#[template(path = "events/feed.html")]
struct FeedPage {
    l: Layout,
    /// Since when the viewer has a feed, if they have one.
    since: Option<String>,
    /// The address just made, shown this once.
    address: Option<String>,
}

async fn feed_page(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    let since = events::calendar_feed(&state.context(), viewer.actor()).await?;
    render(&FeedPage {
        l: Layout::new(&state, &viewer, "feed-title", "/events/feed"),
        since: since.map(|at| at.long(viewer.language)),
        address: None,
    })
}

/// Shows the new address once, as the API tokens' page does.
async fn new_feed(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    let secret = events::new_calendar_feed(&state.context(), viewer.actor()).await?;
    let since = events::calendar_feed(&state.context(), viewer.actor()).await?;
    render(&FeedPage {
        l: Layout::new(&state, &viewer, "feed-title", "/events/feed"),
        since: since.map(|at| at.long(viewer.language)),
        address: Some(format!(
            "{}/calendar/{}",
            state.settings.base(),
            secret.expose()
        )),
    })
}

async fn end_feed(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    events::end_calendar_feed(&state.context(), viewer.actor()).await?;
    Ok(see_other("/events/feed"))
}

async fn personal_feed(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    let text = events::personal_feed(&state.context(), &token).await?;
    Ok(ics(text, None))
}

/// An iCalendar answer; `file` names the download of a single event.
pub(crate) fn ics(text: String, file: Option<String>) -> Response {
    use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
    use axum::response::IntoResponse as _;
    let mut response = ([(CONTENT_TYPE, "text/calendar; charset=utf-8")], text).into_response();
    if let Some(file) = file
        && let Ok(value) = format!("attachment; filename=\"{file}\"").parse()
    {
        response.headers_mut().insert(CONTENT_DISPOSITION, value);
    }
    response
}

/// The calendar's address with its filters and another page.
fn calendar_link(input: &CalendarInput, page: u32) -> String {
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    for (name, value) in [
        ("community", input.community.trim()),
        ("format", input.format.trim()),
        ("month", input.month.trim()),
        ("when", input.when.trim()),
    ] {
        if !value.is_empty() {
            query.append_pair(name, value);
        }
    }
    query.append_pair("page", &page.to_string());
    format!("/events?{}", query.finish())
}

fn month_code(first: Date) -> String {
    let (year, month, _) = first.ymd();
    format!("{year:04}-{month:02}")
}

fn shift_month(first: Date, by: i64) -> Date {
    let (year, month, _) = first.ymd();
    let index = year * 12 + i64::from(month) - 1 + by;
    Date::from_ymd(
        index.div_euclid(12),
        u32::try_from(index.rem_euclid(12) + 1).unwrap_or(1),
        1,
    )
    .unwrap_or(first)
}

/// "décembre 2026": the month's name, from the long form of its first day.
fn month_title(t: Tr, first: Date) -> String {
    let long = first.long(t.0);
    long.split_once(' ')
        .map_or(long.clone(), |(_, rest)| rest.to_owned())
}

/// The weeks covering the month, Monday first, each day with the events
/// that start on it on the instance's clock.
fn month_grid(first: Date, events: &[Listed]) -> Vec<Vec<DayCell>> {
    let (_, month, _) = first.ymd();
    let mut day = first.plus_days(-first.days_from_monday());
    let mut weeks = Vec::new();
    loop {
        let mut week = Vec::new();
        for _ in 0..7 {
            let (_, m, d) = day.ymd();
            week.push(DayCell {
                day: d,
                in_month: m == month,
                events: events
                    .iter()
                    .filter(|e| e.event.fields.zone.date(e.occurrence.starts_at) == day)
                    .map(|e| {
                        (
                            e.event.occurrence_path(&e.occurrence),
                            e.event.fields.title.clone(),
                            e.event.fields.zone.clock(e.occurrence.starts_at),
                        )
                    })
                    .collect(),
            });
            day = day.plus_days(1);
        }
        weeks.push(week);
        if day.ymd().1 != month {
            break;
        }
    }
    weeks
}

#[derive(Template)]
#[template(path = "events/event.html")]
struct EventPage {
    l: Layout,
    id: i64,
    title: String,
    format: String,
    audience: String,
    when: String,
    datetime: String,
    ends: String,
    zone: String,
    community: Option<(String, String)>,
    organiser: Option<String>,
    description: String,
    place: String,
    online_link: Option<String>,
    online_hidden: bool,
    seats: String,
    cancelled: bool,
    /// The viewer's registration, in words, when they hold one.
    mine: Option<String>,
    can_register: bool,
    can_cancel: bool,
    signed_in: bool,
    closed: Option<String>,
    /// The guests one may bring, `0..=max`.
    guests: Vec<u32>,
    question: String,
    can_manage: bool,
    pending: i64,
    waitlisted: i64,
    json_ld: String,
    /// The occurrence shown, 0 for a single event, for the forms.
    occurrence: i64,
    /// A series' coming occurrences: `(page, when, cancelled, moved,
    /// current)`.
    series: Vec<(String, String, bool, bool, bool)>,
    /// The occurrence's day and hours, for the organisers' move form.
    moving: (String, String, String),
    /// The cover's address, when the event has one.
    cover: Option<String>,
    errors: FieldErrors,
}

/// How many of a series' coming occurrences its page lists.
const SERIES_SHOWN: usize = 12;

async fn page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Query(query): Query<OccurrenceQuery>,
) -> Result<Response, WebError> {
    let view = events::view(&state.context(), viewer.actor(), EventId(id), query.key()?).await?;
    event_page(&state, &viewer, &view, &[])
}

/// The coming occurrences of a series from the one shown, with it.
fn series(t: Tr, view: &EventView) -> Vec<(String, String, bool, bool, bool)> {
    let event = &view.event;
    if event.fields.recurrence.is_none() {
        return Vec::new();
    }
    let shown = view.occurrence;
    event
        .occurrences()
        .into_iter()
        .filter(|o: &Occurrence| o.ends_at >= shown.starts_at || o.key == shown.key)
        .take(SERIES_SHOWN)
        .map(|o| {
            (
                event.occurrence_path(&o),
                event.fields.zone.long(o.starts_at, t.0),
                o.cancelled,
                o.moved,
                o.key == shown.key,
            )
        })
        .collect()
}

pub(crate) fn event_page(
    state: &AppState,
    viewer: &Viewer,
    view: &EventView,
    errors: &[ValidationError],
) -> Result<Response, WebError> {
    let t = Tr(viewer.language);
    let event = &view.event;
    let fields = &event.fields;
    let zone = &fields.zone;
    let shown = &view.occurrence;
    let same_day = zone.date(shown.starts_at) == zone.date(shown.ends_at);
    let ends = if same_day {
        zone.clock(shown.ends_at)
    } else {
        zone.long(shown.ends_at, t.0)
    };
    let clock = |moment| clock_of(zone, moment);
    let mut layout = Layout::new(state, viewer, "events-title", &event.occurrence_path(shown));
    layout.title.clone_from(&fields.title);
    let page = EventPage {
        l: layout,
        id: event.id.0,
        title: fields.title.clone(),
        format: t.get(&fields.format.label_key()),
        audience: t.get(&format!("event-audience-{}", fields.audience.as_str())),
        when: zone.long(shown.starts_at, t.0),
        datetime: zone.rfc3339(shown.starts_at),
        ends,
        zone: zone.as_str().to_owned(),
        community: event
            .community
            .as_ref()
            .map(|c| (c.slug.as_str().to_owned(), c.name.clone())),
        organiser: event.organiser.as_ref().map(|(_, name)| name.clone()),
        description: crate::markdown::to_safe_html(&fields.description),
        place: place(t, event),
        online_link: fields.online_url.clone().filter(|_| view.show_online_link),
        online_hidden: fields.online_url.is_some() && !view.show_online_link,
        seats: seats(t, view.seats_left()),
        cancelled: shown.cancelled,
        mine: view
            .mine
            .as_ref()
            .map(|mine| t.get(&format!("registration-state-{}", mine.state.as_str()))),
        can_register: view.can_register(),
        can_cancel: view.can_cancel(),
        signed_in: viewer.account.is_some(),
        closed: view.closed.map(|key| t.get(key)),
        guests: (0..=fields.registration.max_guests).collect(),
        question: fields.registration.question.clone(),
        can_manage: view.can_manage,
        pending: view.seats.pending,
        waitlisted: view.seats.waitlisted,
        json_ld: json_ld(state, event, shown),
        occurrence: shown.key,
        series: series(t, view),
        moving: (
            zone.date(shown.starts_at).to_string(),
            clock(shown.starts_at),
            clock(shown.ends_at),
        ),
        cover: event.cover.map(|_| format!("{}/cover", event.path())),
        errors: FieldErrors::new(viewer.language, errors),
    };
    render_form(&page, errors)
}

/// The schema.org `Event` search engines and calendars read from the page,
/// without the online link, which is for confirmed attendees.
fn json_ld(state: &AppState, event: &Event, shown: &Occurrence) -> String {
    let fields = &event.fields;
    let iso = |moment| event.fields.zone.rfc3339(moment);
    let mode = match (fields.address.is_empty(), fields.online_url.is_some()) {
        (false, true) => "MixedEventAttendanceMode",
        (true, true) => "OnlineEventAttendanceMode",
        _ => "OfflineEventAttendanceMode",
    };
    let location = if fields.address.is_empty() {
        serde_json::json!({ "@type": "VirtualLocation" })
    } else {
        serde_json::json!({ "@type": "Place", "address": fields.address })
    };
    let status = if shown.cancelled {
        "EventCancelled"
    } else {
        "EventScheduled"
    };
    let mut value = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Event",
        "name": fields.title,
        "description": fields.description,
        "startDate": iso(shown.starts_at),
        "endDate": iso(shown.ends_at),
        "eventStatus": format!("https://schema.org/{status}"),
        "eventAttendanceMode": format!("https://schema.org/{mode}"),
        "location": location,
        "organizer": { "@type": "Organization", "name": state.association_name() },
        "url": format!("{}{}", state.settings.base(), event.occurrence_path(shown)),
    });
    if event.cover.is_some() {
        value["image"] = format!("{}{}/cover", state.settings.base(), event.path()).into();
    }
    // Inside a script element, `<` could close it: written as an escape.
    value.to_string().replace('<', "\\u003c")
}

#[derive(Template)]
#[template(path = "events/event_form.html")]
struct FormPage {
    l: Layout,
    /// Where the form is sent.
    action: String,
    /// The community it belongs to, by name.
    community: Option<String>,
    input: EventInput,
    formats: Vec<(&'static str, String)>,
    audiences: Vec<(&'static str, String)>,
    repeats: Vec<(&'static str, String)>,
    errors: FieldErrors,
}

fn audiences(t: Tr, in_community: bool) -> Vec<(&'static str, String)> {
    Audience::ALL
        .into_iter()
        .filter(|a| in_community || *a != Audience::Community)
        .map(|a| (a.as_str(), t.get(&format!("event-audience-{}", a.as_str()))))
        .collect()
}

/// A new event's form starts in the instance's zone, open to the public.
pub(crate) fn blank() -> EventInput {
    EventInput {
        format: "meetup".to_owned(),
        audience: "public".to_owned(),
        start_time: "18:00".to_owned(),
        end_time: "20:00".to_owned(),
        time_zone: DEFAULT_ZONE.to_owned(),
        max_guests: "0".to_owned(),
        ..EventInput::default()
    }
}

pub(crate) fn form_page(
    state: &AppState,
    viewer: &Viewer,
    form: (String, Option<String>, Option<i64>),
    input: EventInput,
    errors: &[ValidationError],
) -> Result<Response, WebError> {
    let t = Tr(viewer.language);
    let (action, community, editing) = form;
    let title = if editing.is_some() {
        "event-edit-title"
    } else {
        "event-new-title"
    };
    render_form(
        &FormPage {
            l: Layout::new(state, viewer, title, &action),
            audiences: audiences(t, community.is_some()),
            action,
            community,
            input,
            formats: formats(t),
            repeats: Repeat::ALL
                .into_iter()
                .map(|r| {
                    (
                        r.as_str(),
                        t.get(&format!("event-repeat-{}", r.as_str().replace('_', "-"))),
                    )
                })
                .chain([("rule", t.get("event-repeat-rule"))])
                .collect(),
            errors: FieldErrors::new(viewer.language, errors),
        },
        errors,
    )
}

async fn new_form(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    events::new_event(&state.context(), viewer.actor(), None).await?;
    form_page(
        &state,
        &viewer,
        ("/events".to_owned(), None, None),
        blank(),
        &[],
    )
}

async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(input): Form<EventInput>,
) -> Result<Response, WebError> {
    match events::create(&state.context(), viewer.actor(), None, &input).await {
        Ok(id) => Ok(see_other(&format!("/events/{}", id.0))),
        Err(FlowError::Invalid(errors)) => form_page(
            &state,
            &viewer,
            ("/events".to_owned(), None, None),
            input,
            &errors,
        ),
        Err(other) => Err(other.into()),
    }
}

/// The form's action, community and event, for an event being edited.
fn editing(view: &EventView) -> (String, Option<String>, Option<i64>) {
    let event = &view.event;
    (
        format!("{}/edit", event.path()),
        event.community.as_ref().map(|c| c.name.clone()),
        Some(event.id.0),
    )
}

async fn edit_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let view = events::managed(&state.context(), viewer.actor(), EventId(id), None).await?;
    let input = EventInput::of(&view.event.fields);
    form_page(&state, &viewer, editing(&view), input, &[])
}

async fn update(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(input): Form<EventInput>,
) -> Result<Response, WebError> {
    let id = EventId(id);
    match events::update(&state.context(), viewer.actor(), id, &input).await {
        Ok(()) => {
            state.jobs.wake();
            Ok(see_other(&format!("/events/{}", id.0)))
        }
        Err(FlowError::Invalid(errors)) => {
            let view = events::managed(&state.context(), viewer.actor(), id, None).await?;
            form_page(&state, &viewer, editing(&view), input, &errors)
        }
        Err(other) => Err(other.into()),
    }
}

async fn cancel(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let id = EventId(id);
    let done = events::cancel(&state.context(), viewer.actor(), id).await;
    back_to_event(&state, &viewer, (id, None), done).await
}

async fn register(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(input): Form<RegistrationInput>,
) -> Result<Response, WebError> {
    let id = EventId(id);
    let occurrence = OccurrenceQuery {
        occurrence: input.occurrence.clone(),
    }
    .key()?;
    let done = events::register(&state.context(), viewer.actor(), id, &input)
        .await
        .map(drop);
    back_to_event(&state, &viewer, (id, occurrence), done).await
}

async fn unregister(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<OccurrenceQuery>,
) -> Result<Response, WebError> {
    let id = EventId(id);
    let occurrence = form.key()?;
    let done = events::cancel_registration(
        &state.context(),
        viewer.actor(),
        id,
        occurrence.unwrap_or(0),
    )
    .await;
    back_to_event(&state, &viewer, (id, occurrence), done).await
}

async fn cancel_occurrence(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, occurrence)): Path<(i64, i64)>,
) -> Result<Response, WebError> {
    let id = EventId(id);
    let done = events::cancel_occurrence(&state.context(), viewer.actor(), id, occurrence).await;
    back_to_event(&state, &viewer, (id, Some(occurrence)), done).await
}

/// The form's action, community and event, for a series edited from one
/// occurrence on.
fn editing_following(view: &EventView, key: i64) -> (String, Option<String>, Option<i64>) {
    let (_, community, id) = editing(view);
    (
        format!("{}/occurrences/{key}/edit", view.event.path()),
        community,
        id,
    )
}

async fn edit_following_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, occurrence)): Path<(i64, i64)>,
) -> Result<Response, WebError> {
    let (view, fields) =
        events::edit_following(&state.context(), viewer.actor(), (EventId(id), occurrence)).await?;
    let form = editing_following(&view, occurrence);
    form_page(&state, &viewer, form, EventInput::of(&fields), &[])
}

async fn update_following(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, occurrence)): Path<(i64, i64)>,
    Form(input): Form<EventInput>,
) -> Result<Response, WebError> {
    let at = (EventId(id), occurrence);
    match events::update_following(&state.context(), viewer.actor(), at, &input).await {
        Ok(rest) => {
            state.jobs.wake();
            Ok(see_other(&format!("/events/{}", rest.0)))
        }
        Err(FlowError::Invalid(errors)) => {
            let (view, _) = events::edit_following(&state.context(), viewer.actor(), at).await?;
            let form = editing_following(&view, occurrence);
            form_page(&state, &viewer, form, input, &errors)
        }
        Err(other) => Err(other.into()),
    }
}

async fn move_occurrence(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, occurrence)): Path<(i64, i64)>,
    Form(input): Form<MoveInput>,
) -> Result<Response, WebError> {
    let id = EventId(id);
    let done =
        events::move_occurrence(&state.context(), viewer.actor(), id, occurrence, &input).await;
    back_to_event(&state, &viewer, (id, Some(occurrence)), done).await
}

/// After a form of an event's page: back to the occurrence's page once
/// done (its jobs woken), or the page again with the refused fields.
async fn back_to_event(
    state: &AppState,
    viewer: &Viewer,
    (id, occurrence): (EventId, Option<i64>),
    done: Result<(), FlowError>,
) -> Result<Response, WebError> {
    match done {
        Ok(()) => {
            state.jobs.wake();
            Ok(see_other(&at_occurrence(
                format!("/events/{}", id.0),
                occurrence,
            )))
        }
        Err(FlowError::Invalid(errors)) => {
            let view = events::view(&state.context(), viewer.actor(), id, occurrence).await?;
            event_page(state, viewer, &view, &errors)
        }
        Err(other) => Err(other.into()),
    }
}

/// A registration as the organisers' page lists it.
struct RegistrationRow {
    id: i64,
    name: String,
    state: String,
    guests: u32,
    answer: String,
    registered: String,
    /// Pending: approve or refuse; confirmed or waitlisted: refuse.
    may_approve: bool,
    may_refuse: bool,
    /// A confirmed attendee's attendance as recorded, for its form.
    attendance: Option<String>,
}

#[derive(Template)]
#[template(path = "events/registrations.html")]
struct RegistrationsPage {
    l: Layout,
    id: i64,
    title: String,
    when: String,
    datetime: String,
    seats: String,
    taken: i64,
    capacity: Option<u32>,
    question: String,
    rows: Vec<RegistrationRow>,
    /// The occurrence, 0 for a single event, for the decision forms.
    occurrence: i64,
    /// Attendance is recorded once the occurrence began.
    started: bool,
    attendances: Vec<(&'static str, String)>,
    errors: FieldErrors,
}

async fn registrations(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Query(query): Query<OccurrenceQuery>,
) -> Result<Response, WebError> {
    registrations_page(&state, &viewer, (EventId(id), query.key()?), &[]).await
}

async fn registrations_page(
    state: &AppState,
    viewer: &Viewer,
    (id, occurrence): (EventId, Option<i64>),
    errors: &[ValidationError],
) -> Result<Response, WebError> {
    let t = Tr(viewer.language);
    let list = events::registrations(&state.context(), viewer.actor(), id, occurrence).await?;
    let view = &list.view;
    let event = &view.event;
    let fields = &event.fields;
    let rows = list
        .registrations
        .iter()
        .map(|r| RegistrationRow {
            id: r.id.0,
            name: r.display_name.clone(),
            state: t.get(&format!("registration-state-{}", r.state.as_str())),
            guests: r.guests,
            answer: r.answer.clone(),
            registered: fields.zone.long(r.created_at, t.0),
            may_approve: r.state == RegistrationState::Pending,
            may_refuse: r.state.is_active(),
            attendance: (r.state == RegistrationState::Confirmed).then(|| {
                r.attendance
                    .map(|(a, _)| a.as_str().to_owned())
                    .unwrap_or_default()
            }),
        })
        .collect();
    let path = format!("{}/registrations", event.path());
    render_form(
        &RegistrationsPage {
            l: Layout::new(state, viewer, "registrations-title", &path),
            id: event.id.0,
            title: fields.title.clone(),
            when: fields.zone.long(view.occurrence.starts_at, t.0),
            datetime: event.fields.zone.rfc3339(view.occurrence.starts_at),
            seats: seats(t, view.seats_left()),
            taken: view.seats.taken,
            capacity: fields.registration.capacity,
            question: fields.registration.question.clone(),
            rows,
            occurrence: view.occurrence.key,
            started: list.started,
            attendances: cercle_core::events::event::Attendance::ALL
                .into_iter()
                .map(|a| (a.as_str(), t.get(&format!("attendance-{}", a.as_str()))))
                .collect(),
            errors: FieldErrors::new(viewer.language, errors),
        },
        errors,
    )
}

async fn registrations_csv(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Query(query): Query<OccurrenceQuery>,
) -> Result<Response, WebError> {
    use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
    use axum::response::IntoResponse as _;
    let csv = events::registrations_csv(
        &state.context(),
        viewer.actor(),
        EventId(id),
        query.key()?,
        viewer.language,
    )
    .await?;
    Ok((
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"registrations-{id}.csv\""),
            ),
        ],
        csv,
    )
        .into_response())
}

#[derive(serde::Deserialize)]
struct AttendanceForm {
    #[serde(default)]
    attendance: String,
    #[serde(default)]
    occurrence: String,
}

async fn record_attendance(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, registration)): Path<(i64, i64)>,
    Form(form): Form<AttendanceForm>,
) -> Result<Response, WebError> {
    let id = EventId(id);
    let occurrence = OccurrenceQuery {
        occurrence: form.occurrence.clone(),
    }
    .key()?;
    match events::record_attendance(
        &state.context(),
        viewer.actor(),
        id,
        RegistrationId(registration),
        &form.attendance,
    )
    .await
    {
        Ok(()) => Ok(see_other(&at_occurrence(
            format!("/events/{}/registrations", id.0),
            occurrence,
        ))),
        Err(FlowError::Invalid(errors)) => {
            registrations_page(&state, &viewer, (id, occurrence), &errors).await
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(serde::Deserialize)]
struct DecisionForm {
    #[serde(default)]
    decision: String,
    /// The occurrence whose page to return to.
    #[serde(default)]
    occurrence: String,
}

async fn decide(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, registration)): Path<(i64, i64)>,
    Form(form): Form<DecisionForm>,
) -> Result<Response, WebError> {
    let id = EventId(id);
    let occurrence = OccurrenceQuery {
        occurrence: form.occurrence.clone(),
    }
    .key()?;
    match events::decide(
        &state.context(),
        viewer.actor(),
        id,
        RegistrationId(registration),
        &form.decision,
    )
    .await
    {
        Ok(()) => {
            state.jobs.wake();
            Ok(see_other(&at_occurrence(
                format!("/events/{}/registrations", id.0),
                occurrence,
            )))
        }
        Err(FlowError::Invalid(errors)) => {
            registrations_page(&state, &viewer, (id, occurrence), &errors).await
        }
        Err(other) => Err(other.into()),
    }
}
