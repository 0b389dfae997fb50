//! Events in the JSON API, through the same core flows as the pages: the
//! calendar, an event with the caller's registration, creating, editing and
//! cancelling for organisers, registering and cancelling, and the
//! organisers' decisions.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use cercle_core::events::event::{
    Event, EventId, EventInput, Occurrence, Registration, RegistrationId,
};
use cercle_core::events::flows::{
    self as events, CalendarInput, CalendarQuery, Listed, MoveInput, RegistrationInput,
};
use cercle_core::events::store::Seats;
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
        .routes(routes!(list, create))
        .routes(routes!(create_in_community))
        .routes(routes!(show, update))
        .routes(routes!(cancel))
        .routes(routes!(register, unregister))
        .routes(routes!(registrations))
        .routes(routes!(decide))
        .routes(routes!(cancel_occurrence))
        .routes(routes!(move_occurrence))
        .routes(routes!(update_following))
        .routes(routes!(record_attendance))
}

/// An event, at one of its occurrences, as anyone who sees it may read it.
/// Moments are RFC 3339 on the event's own clock.
#[derive(Serialize, ToSchema)]
struct EventBody {
    id: i64,
    /// The occurrence: 0 for a single event, else the start (Unix seconds)
    /// the rule gives it, which names it in the other calls.
    occurrence: i64,
    /// The RFC 5545 rule of a series.
    recurrence: Option<String>,
    title: String,
    /// Markdown.
    description: String,
    /// `seminar`, `forum`, `webinar`, `meetup`, `workshop`,
    /// `working_group_meeting`, `general_assembly` or `other`.
    format: String,
    /// `public`, `members` or `community`.
    audience: String,
    /// The occurrence's start and end.
    starts_at: String,
    ends_at: String,
    /// The IANA time zone the event is held in.
    time_zone: String,
    address: String,
    /// The community's slug; none for the association's own events.
    community: Option<String>,
    /// Seats, guests included, of each occurrence; none for no limit.
    capacity: Option<u32>,
    /// The occurrence's seats taken and waitlist, when known.
    seats_taken: Option<i64>,
    waitlisted: Option<i64>,
    approval: bool,
    max_guests: u32,
    question: String,
    cancelled: bool,
    /// The cover image's path on the instance, when the event has one.
    cover: Option<String>,
}

impl EventBody {
    fn of(event: &Event, occurrence: &Occurrence, seats: Option<Seats>) -> Self {
        let fields = &event.fields;
        Self {
            id: event.id.0,
            occurrence: occurrence.key,
            recurrence: fields.recurrence.as_ref().map(|r| r.as_str().to_owned()),
            title: fields.title.clone(),
            description: fields.description.clone(),
            format: fields.format.as_str().to_owned(),
            audience: fields.audience.as_str().to_owned(),
            starts_at: event.fields.zone.rfc3339(occurrence.starts_at),
            ends_at: event.fields.zone.rfc3339(occurrence.ends_at),
            time_zone: fields.zone.as_str().to_owned(),
            address: fields.address.clone(),
            community: event.community.as_ref().map(|c| c.slug.as_str().to_owned()),
            capacity: fields.registration.capacity,
            seats_taken: seats.map(|s| s.taken),
            waitlisted: seats.map(|s| s.waitlisted),
            approval: fields.registration.approval,
            max_guests: fields.registration.max_guests,
            question: fields.registration.question.clone(),
            cancelled: occurrence.cancelled,
            cover: event.cover.map(|_| format!("{}/cover", event.path())),
        }
    }
}

impl From<&Listed> for EventBody {
    fn from(listed: &Listed) -> Self {
        let event = &listed.event;
        // A single event's seats come with it; a series counts each
        // occurrence apart, on its own page.
        let seats = event.fields.recurrence.is_none().then_some(Seats {
            taken: event.taken,
            waitlisted: event.waitlisted,
            pending: event.pending,
        });
        Self::of(event, &listed.occurrence, seats)
    }
}

/// The calendar's filters, as the HTML calendar takes them.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct ListParams {
    /// A community's slug.
    community: Option<String>,
    /// One of the formats.
    format: Option<String>,
    /// `YYYY-MM`: the events of that month, all on one page.
    month: Option<String>,
    /// `past` for the events that ended, latest first; else upcoming ones.
    when: Option<String>,
    /// The page, from 1; 20 events a page.
    page: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/events", tag = "events", params(ListParams),
    responses(
        (status = 200, description = "The events the caller may see: upcoming ones soonest first", body = Vec<EventBody>,
            headers(("X-Total-Count" = u64, description = "How many events match, on every page"))),
        (status = 404, description = "A community the caller may not see", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A filter that is not valid", body = Problem, content_type = "application/problem+json")))]
async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(params): Query<ListParams>,
) -> Result<([(&'static str, String); 1], axum::Json<Vec<EventBody>>), WebError> {
    let input = CalendarInput {
        community: params.community.unwrap_or_default(),
        format: params.format.unwrap_or_default(),
        month: params.month.unwrap_or_default(),
        when: params.when.unwrap_or_default(),
        page: params.page.unwrap_or_default(),
    };
    let query = CalendarQuery::parse(&input).map_err(WebError::Invalid)?;
    let calendar = events::calendar(&state.context(), viewer.actor(), &query).await?;
    Ok((
        [("x-total-count", calendar.total.to_string())],
        axum::Json(calendar.events.iter().map(EventBody::from).collect()),
    ))
}

/// An event's fields, as its form takes them: dates `YYYY-MM-DD` and times
/// `HH:MM` on the event's clock, in `time_zone` (Europe/Paris when left out).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct EventFieldsBody {
    title: String,
    description: Option<String>,
    format: String,
    audience: String,
    start_date: String,
    start_time: String,
    end_date: String,
    end_time: String,
    time_zone: Option<String>,
    address: Option<String>,
    /// An `https` link, shown to confirmed attendees only.
    online_url: Option<String>,
    capacity: Option<u32>,
    approval: Option<bool>,
    /// The first day registration is open.
    opens_date: Option<String>,
    /// The last day registration is open.
    closes_date: Option<String>,
    max_guests: Option<u32>,
    question: Option<String>,
    /// A series: `weekly`, `every_two_weeks`, `monthly_on_weekday`, or
    /// `rule` with `rule` an RFC 5545 RRULE starting on the first start.
    repeat: Option<String>,
    rule: Option<String>,
    /// The series' last day, or its number of occurrences: one of the two,
    /// unless the rule has UNTIL or COUNT.
    repeat_until: Option<String>,
    repeat_count: Option<u32>,
}

impl From<EventFieldsBody> for EventInput {
    fn from(body: EventFieldsBody) -> Self {
        Self {
            title: body.title,
            description: body.description.unwrap_or_default(),
            format: body.format,
            audience: body.audience,
            start_date: body.start_date,
            start_time: body.start_time,
            end_date: body.end_date,
            end_time: body.end_time,
            time_zone: body.time_zone.unwrap_or_default(),
            address: body.address.unwrap_or_default(),
            online_url: body.online_url.unwrap_or_default(),
            capacity: body.capacity.map(|c| c.to_string()).unwrap_or_default(),
            approval: body.approval.filter(|on| *on).map(|_| "on".to_owned()),
            opens_date: body.opens_date.unwrap_or_default(),
            closes_date: body.closes_date.unwrap_or_default(),
            max_guests: body.max_guests.map(|n| n.to_string()).unwrap_or_default(),
            question: body.question.unwrap_or_default(),
            repeat: body.repeat.unwrap_or_default(),
            rule: body.rule.unwrap_or_default(),
            repeat_until: body.repeat_until.unwrap_or_default(),
            repeat_count: body.repeat_count.map(|n| n.to_string()).unwrap_or_default(),
        }
    }
}

#[utoipa::path(post, path = "/api/v1/events", tag = "events", security(("bearer" = [])), request_body = EventFieldsBody,
    responses(
        (status = 201, description = "An event of the association", body = Created),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field refused", body = Problem, content_type = "application/problem+json")))]
async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    Json(body): Json<EventFieldsBody>,
) -> Result<(StatusCode, axum::Json<Created>), WebError> {
    let id = events::create(&state.context(), viewer.actor(), None, &body.into()).await?;
    Ok((StatusCode::CREATED, axum::Json(Created { id: id.0 })))
}

#[utoipa::path(post, path = "/api/v1/communities/{slug}/events", tag = "events", security(("bearer" = [])), request_body = EventFieldsBody,
    params(("slug" = String, Path, description = "The community's address")),
    responses(
        (status = 201, description = "An event of the community", body = Created),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such community, or the caller organises none of its events", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field refused", body = Problem, content_type = "application/problem+json")))]
async fn create_in_community(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
    Json(body): Json<EventFieldsBody>,
) -> Result<(StatusCode, axum::Json<Created>), WebError> {
    let id = events::create(&state.context(), viewer.actor(), Some(&slug), &body.into()).await?;
    Ok((StatusCode::CREATED, axum::Json(Created { id: id.0 })))
}

/// An event with what the caller may do and see of it.
#[derive(Serialize, ToSchema)]
struct EventDetail {
    #[serde(flatten)]
    event: EventBody,
    /// For confirmed attendees and organisers only.
    online_url: Option<String>,
    /// The caller's registration, in any state.
    registration: Option<RegistrationBody>,
    /// Why registering is not possible now, when it is not.
    closed: Option<String>,
    can_manage: bool,
}

/// A registration: `pending`, `confirmed`, `waitlisted`, `refused` or
/// `cancelled`.
#[derive(Serialize, ToSchema)]
struct RegistrationBody {
    id: i64,
    /// The occurrence's key, 0 for a single event.
    occurrence: i64,
    name: String,
    state: String,
    guests: u32,
    answer: String,
    /// `present`, `absent` or `excused`, once recorded.
    attendance: Option<String>,
}

impl From<&Registration> for RegistrationBody {
    fn from(registration: &Registration) -> Self {
        Self {
            id: registration.id.0,
            occurrence: registration.occurrence,
            name: registration.display_name.clone(),
            state: registration.state.as_str().to_owned(),
            guests: registration.guests,
            answer: registration.answer.clone(),
            attendance: registration.attendance.map(|(a, _)| a.as_str().to_owned()),
        }
    }
}

/// Which occurrence of a series: its key, from the event's `occurrence`.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct OccurrenceParams {
    /// The next occurrence when left out.
    occurrence: Option<i64>,
}

#[utoipa::path(get, path = "/api/v1/events/{id}", tag = "events",
    params(("id" = i64, Path, description = "The event"), OccurrenceParams),
    responses(
        (status = 200, body = EventDetail),
        (status = 404, description = "No such event, or hidden from the caller", body = Problem, content_type = "application/problem+json")))]
async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Query(params): Query<OccurrenceParams>,
) -> Result<axum::Json<EventDetail>, WebError> {
    let view = events::view(
        &state.context(),
        viewer.actor(),
        EventId(id),
        params.occurrence,
    )
    .await?;
    let language = viewer.language;
    Ok(axum::Json(EventDetail {
        event: EventBody::of(&view.event, &view.occurrence, Some(view.seats)),
        online_url: view
            .event
            .fields
            .online_url
            .clone()
            .filter(|_| view.show_online_link),
        registration: view.mine.as_ref().map(RegistrationBody::from),
        closed: view
            .closed
            .map(|key| cercle_core::kernel::i18n::text(language, key)),
        can_manage: view.can_manage,
    }))
}

#[utoipa::path(put, path = "/api/v1/events/{id}", tag = "events", security(("bearer" = [])), request_body = EventFieldsBody,
    params(("id" = i64, Path, description = "The event")),
    responses(
        (status = 204, description = "Saved; a capacity raised lets the waitlist in"),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such event, or the caller does not organise it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field refused, or a capacity below the seats confirmed", body = Problem, content_type = "application/problem+json")))]
async fn update(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Json(body): Json<EventFieldsBody>,
) -> Result<StatusCode, WebError> {
    events::update(&state.context(), viewer.actor(), EventId(id), &body.into()).await?;
    state.jobs.wake();
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(put, path = "/api/v1/events/{id}/occurrences/{occurrence}/following", tag = "events", security(("bearer" = [])), request_body = EventFieldsBody,
    params(("id" = i64, Path, description = "The series"), ("occurrence" = i64, Path, description = "The first occurrence changed: it and those after it take the fields")),
    responses(
        (status = 200, description = "The event that holds the occurrence now: a new one that takes the registrations from it on, or the same event when the occurrence is its first", body = Created),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such series or occurrence, or the caller does not organise it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field refused, or a capacity below the seats an occurrence holds", body = Problem, content_type = "application/problem+json")))]
async fn update_following(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, occurrence)): Path<(i64, i64)>,
    Json(body): Json<EventFieldsBody>,
) -> Result<axum::Json<Created>, WebError> {
    let at = (EventId(id), occurrence);
    let rest = events::update_following(&state.context(), viewer.actor(), at, &body.into()).await?;
    state.jobs.wake();
    Ok(axum::Json(Created { id: rest.0 }))
}

#[utoipa::path(post, path = "/api/v1/events/{id}/cancel", tag = "events", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The event")),
    responses(
        (status = 204, description = "Cancelled; everyone registered is told"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such event, or the caller does not organise it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Already cancelled", body = Problem, content_type = "application/problem+json")))]
async fn cancel(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<StatusCode, WebError> {
    events::cancel(&state.context(), viewer.actor(), EventId(id)).await?;
    state.jobs.wake();
    Ok(StatusCode::NO_CONTENT)
}

/// The occurrence of a series (left out for a single event), guests
/// coming along, and the answer to the organisers' question.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct RegistrationRequest {
    occurrence: Option<i64>,
    guests: Option<u32>,
    answer: Option<String>,
}

#[utoipa::path(put, path = "/api/v1/events/{id}/registration", tag = "events", security(("bearer" = [])), request_body = RegistrationRequest,
    params(("id" = i64, Path, description = "The event")),
    responses(
        (status = 200, description = "Registered: confirmed, pending approval or on the waitlist", body = RegistrationBody),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such event, or hidden from the caller", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Registration closed, already registered, or too many guests", body = Problem, content_type = "application/problem+json")))]
async fn register(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Json(body): Json<RegistrationRequest>,
) -> Result<axum::Json<RegistrationBody>, WebError> {
    let input = RegistrationInput {
        occurrence: body.occurrence.map(|o| o.to_string()).unwrap_or_default(),
        guests: body.guests.map(|n| n.to_string()).unwrap_or_default(),
        answer: body.answer.unwrap_or_default(),
    };
    let registration =
        events::register(&state.context(), viewer.actor(), EventId(id), &input).await?;
    state.jobs.wake();
    Ok(axum::Json(RegistrationBody::from(&registration)))
}

#[utoipa::path(delete, path = "/api/v1/events/{id}/registration", tag = "events", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The event"), OccurrenceParams),
    responses(
        (status = 204, description = "Cancelled; the next on the waitlist takes the seat"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such event, or hidden from the caller", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not registered", body = Problem, content_type = "application/problem+json")))]
async fn unregister(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Query(params): Query<OccurrenceParams>,
) -> Result<StatusCode, WebError> {
    events::cancel_registration(
        &state.context(),
        viewer.actor(),
        EventId(id),
        params.occurrence.unwrap_or(0),
    )
    .await?;
    state.jobs.wake();
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/events/{id}/registrations", tag = "events", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The event"), OccurrenceParams),
    responses(
        (status = 200, description = "Confirmed first, then pending, then the waitlist in order, then the others", body = Vec<RegistrationBody>),
        (status = 404, description = "No such event, or the caller does not organise it", body = Problem, content_type = "application/problem+json")))]
async fn registrations(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Query(params): Query<OccurrenceParams>,
) -> Result<axum::Json<Vec<RegistrationBody>>, WebError> {
    let list = events::registrations(
        &state.context(),
        viewer.actor(),
        EventId(id),
        params.occurrence,
    )
    .await?;
    Ok(axum::Json(
        list.registrations
            .iter()
            .map(RegistrationBody::from)
            .collect(),
    ))
}

/// `approve` or `refuse`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct DecisionBody {
    decision: String,
}

#[utoipa::path(post, path = "/api/v1/events/{id}/registrations/{registration}/decision", tag = "events", security(("bearer" = [])), request_body = DecisionBody,
    params(("id" = i64, Path, description = "The event"), ("registration" = i64, Path, description = "The registration")),
    responses(
        (status = 204, description = "Decided; the person is told"),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such event or registration, or the caller does not organise it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown decision, or one already taken", body = Problem, content_type = "application/problem+json")))]
async fn decide(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, registration)): Path<(i64, i64)>,
    Json(body): Json<DecisionBody>,
) -> Result<StatusCode, WebError> {
    events::decide(
        &state.context(),
        viewer.actor(),
        EventId(id),
        RegistrationId(registration),
        &body.decision,
    )
    .await?;
    state.jobs.wake();
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/events/{id}/occurrences/{occurrence}/cancel", tag = "events", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The series"), ("occurrence" = i64, Path, description = "The occurrence's key")),
    responses(
        (status = 204, description = "The occurrence is not held; its registrants are told"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such series or occurrence, or the caller does not organise it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a series, or already cancelled", body = Problem, content_type = "application/problem+json")))]
async fn cancel_occurrence(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, occurrence)): Path<(i64, i64)>,
) -> Result<StatusCode, WebError> {
    events::cancel_occurrence(&state.context(), viewer.actor(), EventId(id), occurrence).await?;
    state.jobs.wake();
    Ok(StatusCode::NO_CONTENT)
}

/// The occurrence's new day and hours, on the event's clock.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct MoveBody {
    /// `YYYY-MM-DD`.
    date: String,
    /// `HH:MM`.
    start_time: String,
    end_time: String,
}

#[utoipa::path(put, path = "/api/v1/events/{id}/occurrences/{occurrence}", tag = "events", security(("bearer" = [])), request_body = MoveBody,
    params(("id" = i64, Path, description = "The series"), ("occurrence" = i64, Path, description = "The occurrence's key")),
    responses(
        (status = 204, description = "Held at the new time; its registrations stay"),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such series or occurrence, or the caller does not organise it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A day or hour refused, or not a series", body = Problem, content_type = "application/problem+json")))]
async fn move_occurrence(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, occurrence)): Path<(i64, i64)>,
    Json(body): Json<MoveBody>,
) -> Result<StatusCode, WebError> {
    let input = MoveInput {
        date: body.date,
        start_time: body.start_time,
        end_time: body.end_time,
    };
    events::move_occurrence(
        &state.context(),
        viewer.actor(),
        EventId(id),
        occurrence,
        &input,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `present`, `absent` or `excused`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct AttendanceBody {
    attendance: String,
}

#[utoipa::path(put, path = "/api/v1/events/{id}/registrations/{registration}/attendance", tag = "events", security(("bearer" = [])), request_body = AttendanceBody,
    params(("id" = i64, Path, description = "The event"), ("registration" = i64, Path, description = "The registration")),
    responses(
        (status = 204, description = "Recorded, as a dated fact of participation"),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such event or registration, or the caller does not organise it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown attendance, an occurrence not begun, or no seat held", body = Problem, content_type = "application/problem+json")))]
async fn record_attendance(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, registration)): Path<(i64, i64)>,
    Json(body): Json<AttendanceBody>,
) -> Result<StatusCode, WebError> {
    events::record_attendance(
        &state.context(),
        viewer.actor(),
        EventId(id),
        RegistrationId(registration),
        &body.attendance,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
