//! Events and their registrations, with the waitlist moved in the
//! transaction that frees a seat.
//!
//! Every write that decides a seat begins by bumping the event's
//! `seats_version`: on PostgreSQL that takes the row's lock, so concurrent
//! registrations for the last seat wait for one another and each counts the
//! seats after the previous one committed (read committed takes a new
//! snapshot per statement); SQLite has one writer anyway. No seat is ever
//! given twice, and the waitlist keeps arrival order, the registration's id.

use cercle_core::accounts::account::AccountId;
use cercle_core::accounts::audit::AuditAction;
use cercle_core::accounts::secret::TokenHash;
use cercle_core::communities::community::{CommunityId, Slug};
use cercle_core::events::event::{
    Attendance, Event, EventCommunity, EventException, EventFields, EventFormat, EventId,
    OccurrenceChange, Registration, RegistrationId, RegistrationRules, RegistrationState, Zone,
};
use cercle_core::events::news::{RegistrationNews, Told};
use cercle_core::events::recurrence::Recurrence;
use cercle_core::events::store::{
    AttendanceSave, CoverChange, EventList, EventListing, EventSave, NewRegistration,
    OccurrenceSave, RegistrationChange, Seats, SeriesSplit,
};
use cercle_core::kernel::store::{StoreError, StoreResult};
use cercle_core::kernel::time::Timestamp;
use cercle_core::kernel::visibility::{Audience, Visibility};
use cercle_core::site::pages::ImageId;
use cercle_core::site::store::StoredImage;

use crate::ops::communities::Filter;
use crate::ops::kernel::enqueue;
use crate::ops::site::{insert_image, stored_image};
use crate::ops::{Audit, audit, changed, decode, one};
use crate::sql::{Param, Row, Sql};

const EVENT_COLUMNS: &str = "SELECT events.id, events.community_id, communities.slug, \
     communities.name, communities.visibility, events.title, events.description, events.format, \
     events.audience, events.starts_at, events.ends_at, events.time_zone, events.address, \
     events.online_url, events.capacity, events.approval, events.registration_opens_at, \
     events.registration_closes_at, events.max_guests, events.question, events.organiser_id, \
     accounts.display_name, events.cancelled_at, events.sequence, events.created_at, \
     events.updated_at, \
     (SELECT CAST(COALESCE(SUM(1 + r.guests), 0) AS BIGINT) FROM event_registrations r \
      WHERE r.event_id = events.id AND r.occurrence = 0 AND r.state = 'confirmed'), \
     (SELECT COUNT(*) FROM event_registrations r \
      WHERE r.event_id = events.id AND r.occurrence = 0 AND r.state = 'waitlisted'), \
     (SELECT COUNT(*) FROM event_registrations r \
      WHERE r.event_id = events.id AND r.occurrence = 0 AND r.state = 'pending'), \
     events.recurrence, events.cover_image_id \
     FROM events LEFT JOIN communities ON communities.id = events.community_id \
     LEFT JOIN accounts ON accounts.id = events.organiser_id";

const REGISTRATION_COLUMNS: &str = "SELECT event_registrations.id, event_registrations.event_id, \
     event_registrations.occurrence, event_registrations.account_id, accounts.display_name, event_registrations.state, \
     event_registrations.guests, event_registrations.answer, event_registrations.created_at, \
     event_registrations.updated_at, event_registrations.attendance, \
     event_registrations.attendance_at \
     FROM event_registrations JOIN accounts ON accounts.id = event_registrations.account_id";

pub(crate) async fn create_event(db: &impl Sql, save: &EventSave) -> StoreResult<EventId> {
    let mut params = field_params(&save.fields);
    params.extend::<[Param<'_>; 3]>([
        save.community.map(|c| c.0).into(),
        save.by.0.into(),
        save.at.0.into(),
    ]);
    let id = EventId(
        one(
            db,
            "INSERT INTO events (title, description, format, audience, starts_at, ends_at, \
             time_zone, address, online_url, capacity, approval, registration_opens_at, \
             registration_closes_at, max_guests, question, recurrence, series_ends_at, \
             community_id, organiser_id, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, \
             $18, $19, $20, $20) RETURNING id",
            &params,
        )
        .await
        .map_err(|error| match error {
            // The community went away meanwhile.
            StoreError::Conflict => StoreError::NotFound,
            other => other,
        })?
        .int(0)?,
    );
    audit(
        db,
        event_audit(id, save.by, save.at, AuditAction::EventCreated),
    )
    .await?;
    Ok(id)
}

/// The fields as `$1…$17` of the insert and the update.
fn field_params(fields: &EventFields) -> Vec<Param<'_>> {
    let rules = &fields.registration;
    vec![
        fields.title.as_str().into(),
        fields.description.as_str().into(),
        fields.format.as_str().into(),
        fields.audience.as_str().into(),
        fields.starts_at.0.into(),
        fields.ends_at.0.into(),
        fields.zone.as_str().into(),
        fields.address.as_str().into(),
        fields.online_url.as_deref().into(),
        rules.capacity.map(i64::from).into(),
        i64::from(rules.approval).into(),
        rules.opens_at.map(|t| t.0).into(),
        rules.closes_at.map(|t| t.0).into(),
        i64::from(rules.max_guests).into(),
        rules.question.as_str().into(),
        fields.recurrence.as_ref().map(Recurrence::as_str).into(),
        fields.series_ends_at().0.into(),
    ]
}

pub(crate) async fn set_event_cover(db: &impl Sql, change: &CoverChange) -> StoreResult<()> {
    let previous = one(
        db,
        "SELECT cover_image_id FROM events WHERE id = $1",
        &[change.event.0.into()],
    )
    .await?
    .optional_int(0)?;
    let image = match &change.image {
        Some(image) => Some(insert_image(db, image, change.at).await?.0),
        None => None,
    };
    db.execute(
        "UPDATE events SET cover_image_id = $1 WHERE id = $2",
        &[image.into(), change.event.0.into()],
    )
    .await?;
    if let Some(previous) = previous {
        db.execute("DELETE FROM site_images WHERE id = $1", &[previous.into()])
            .await?;
    }
    audit(
        db,
        event_audit(
            change.event,
            change.by,
            change.at,
            AuditAction::EventCoverChanged,
        ),
    )
    .await
}

/// The cover is as public as its event, which the flow has checked.
pub(crate) async fn event_cover(db: &impl Sql, id: EventId) -> StoreResult<StoredImage> {
    let row = one(
        db,
        "SELECT site_images.content_type, site_images.data FROM events \
         JOIN site_images ON site_images.id = events.cover_image_id WHERE events.id = $1",
        &[id.0.into()],
    )
    .await?;
    stored_image(&row, false)
}

fn event_audit(id: EventId, by: AccountId, at: Timestamp, action: AuditAction) -> Audit {
    Audit {
        at,
        actor: Some(by),
        action,
        subject: format!("event:{}", id.0),
    }
}

pub(crate) async fn update_event(db: &impl Sql, id: EventId, save: &EventSave) -> StoreResult<()> {
    take_seats(db, id, 0).await?;
    let fullest = fullest_occurrence(db, id).await?;
    if let Some(capacity) = save.fields.registration.capacity
        && fullest > i64::from(capacity)
    {
        return Err(StoreError::Conflict);
    }
    let mut params = field_params(&save.fields);
    params.extend::<[Param<'_>; 2]>([id.0.into(), save.at.0.into()]);
    changed(
        db,
        "UPDATE events SET title = $1, description = $2, format = $3, audience = $4, \
         starts_at = $5, ends_at = $6, time_zone = $7, address = $8, online_url = $9, \
         capacity = $10, approval = $11, registration_opens_at = $12, \
         registration_closes_at = $13, max_guests = $14, question = $15, recurrence = $16, \
         series_ends_at = $17, sequence = sequence + 1, updated_at = $19 \
         WHERE id = $18 AND cancelled_at IS NULL",
        &params,
    )
    .await?;
    // A larger capacity lets each occurrence's waitlist in.
    let waiting = db
        .query(
            "SELECT DISTINCT occurrence FROM event_registrations \
             WHERE event_id = $1 AND state = 'waitlisted' ORDER BY occurrence",
            &[id.0.into()],
        )
        .await?;
    for row in &waiting {
        promote(
            db,
            id,
            row.int(0)?,
            save.fields.registration.capacity,
            save.at,
        )
        .await?;
    }
    audit(
        db,
        event_audit(id, save.by, save.at, AuditAction::EventUpdated),
    )
    .await
}

pub(crate) async fn set_occurrence(db: &impl Sql, save: &OccurrenceSave) -> StoreResult<()> {
    let exception = &save.exception;
    let (cancelled, starts_at, ends_at) = match exception.change {
        OccurrenceChange::Cancelled => (1, None, None),
        OccurrenceChange::Moved { starts_at, ends_at } => (0, Some(starts_at.0), Some(ends_at.0)),
    };
    changed(
        db,
        "UPDATE events SET sequence = sequence + 1, updated_at = $2, \
         seats_version = seats_version + 1 WHERE id = $1 AND cancelled_at IS NULL",
        &[save.event.0.into(), save.at.0.into()],
    )
    .await?;
    db.execute(
        "INSERT INTO event_exceptions (event_id, occurrence, cancelled, starts_at, ends_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (event_id, occurrence) \
         DO UPDATE SET cancelled = $3, starts_at = $4, ends_at = $5",
        &[
            save.event.0.into(),
            exception.occurrence.0.into(),
            i64::from(cancelled).into(),
            starts_at.into(),
            ends_at.into(),
        ],
    )
    .await?;
    // Everyone registered to the occurrence hears of the change.
    let told = if cancelled == 1 {
        Told::EventCancelled
    } else {
        Told::Moved
    };
    let active = db
        .query(
            "SELECT id FROM event_registrations WHERE event_id = $1 AND occurrence = $2 \
             AND state IN ('pending', 'confirmed', 'waitlisted') ORDER BY id",
            &[save.event.0.into(), exception.occurrence.0.into()],
        )
        .await?;
    for row in &active {
        let registration = RegistrationId(row.int(0)?);
        enqueue(db, &RegistrationNews::job(registration, told, save.at)).await?;
    }
    audit(
        db,
        event_audit(save.event, save.by, save.at, AuditAction::EventUpdated),
    )
    .await
}

pub(crate) async fn split_series(db: &impl Sql, split: &SeriesSplit) -> StoreResult<EventId> {
    let old = split.event;
    take_seats(db, old, 0).await?;
    let rest = create_event(db, &split.rest).await?;
    let from = split.moves.first().map_or(i64::MAX, |m| m.from);
    changed(
        db,
        "UPDATE events SET recurrence = $2, series_ends_at = $3, sequence = sequence + 1, \
         updated_at = $4 WHERE id = $1",
        &[
            old.0.into(),
            split.kept.as_str().into(),
            split.kept_ends_at.0.into(),
            split.rest.at.0.into(),
        ],
    )
    .await?;
    db.execute(
        "DELETE FROM event_exceptions WHERE event_id = $1 AND occurrence >= $2",
        &[old.0.into(), from.into()],
    )
    .await?;
    let at = split.rest.at;
    for step in &split.moves {
        let Some(to) = step.to else {
            // The new series is shorter: what it no longer holds is cancelled.
            let active = db
                .query(
                    "UPDATE event_registrations SET state = 'cancelled', updated_at = $3 \
                     WHERE event_id = $1 AND occurrence = $2 \
                     AND state IN ('pending', 'confirmed', 'waitlisted') RETURNING id",
                    &[old.0.into(), step.from.into(), at.0.into()],
                )
                .await?;
            for row in &active {
                let id = RegistrationId(row.int(0)?);
                enqueue(db, &RegistrationNews::job(id, Told::EventCancelled, at)).await?;
            }
            continue;
        };
        let carried = db
            .query(
                "UPDATE event_registrations SET event_id = $3, occurrence = $4, updated_at = $5 \
                 WHERE event_id = $1 AND occurrence = $2 \
                 RETURNING id, \
                 CASE WHEN state IN ('pending', 'confirmed', 'waitlisted') THEN 1 ELSE 0 END",
                &[
                    old.0.into(),
                    step.from.into(),
                    rest.0.into(),
                    to.into(),
                    at.0.into(),
                ],
            )
            .await?;
        if step.cancelled && to != 0 {
            db.execute(
                "INSERT INTO event_exceptions (event_id, occurrence, cancelled) VALUES ($1, $2, 1)",
                &[rest.0.into(), to.into()],
            )
            .await?;
        } else if step.moved {
            for row in &carried {
                if row.int(1)? != 0 {
                    let id = RegistrationId(row.int(0)?);
                    enqueue(db, &RegistrationNews::job(id, Told::Moved, at)).await?;
                }
            }
        }
    }
    let fullest = fullest_occurrence(db, rest).await?;
    if let Some(capacity) = split.rest.fields.registration.capacity
        && fullest > i64::from(capacity)
    {
        return Err(StoreError::Conflict);
    }
    audit(
        db,
        event_audit(old, split.rest.by, at, AuditAction::EventUpdated),
    )
    .await?;
    Ok(rest)
}

pub(crate) async fn cancel_event(
    db: &impl Sql,
    id: EventId,
    by: AccountId,
    at: Timestamp,
) -> StoreResult<()> {
    changed(
        db,
        "UPDATE events SET cancelled_at = $2, sequence = sequence + 1, updated_at = $2, \
         seats_version = seats_version + 1 WHERE id = $1 AND cancelled_at IS NULL",
        &[id.0.into(), at.0.into()],
    )
    .await?;
    let active = db
        .query(
            "SELECT id FROM event_registrations WHERE event_id = $1 \
             AND state IN ('pending', 'confirmed', 'waitlisted') ORDER BY id",
            &[id.0.into()],
        )
        .await?;
    for row in &active {
        let registration = RegistrationId(row.int(0)?);
        enqueue(
            db,
            &RegistrationNews::job(registration, Told::EventCancelled, at),
        )
        .await?;
    }
    audit(db, event_audit(id, by, at, AuditAction::EventCancelled)).await
}

pub(crate) async fn event(db: &impl Sql, id: EventId) -> StoreResult<Event> {
    let row = one(
        db,
        &format!("{EVENT_COLUMNS} WHERE events.id = $1"),
        &[id.0.into()],
    )
    .await?;
    let mut events = vec![read_event(&row)?];
    with_exceptions(db, &mut events).await?;
    Ok(events.remove(0))
}

/// Reads the exceptions of the series among `events`, in one query.
async fn with_exceptions(db: &impl Sql, events: &mut [Event]) -> StoreResult<()> {
    let series: Vec<Param<'_>> = events
        .iter()
        .filter(|e| e.fields.recurrence.is_some())
        .map(|e| e.id.0.into())
        .collect();
    if series.is_empty() {
        return Ok(());
    }
    let mut filter = Filter::default();
    let list = filter.placeholders(series);
    let rows = db
        .query(
            &format!(
                "SELECT event_id, occurrence, cancelled, starts_at, ends_at FROM event_exceptions \
                 WHERE event_id IN ({list}) ORDER BY event_id, occurrence"
            ),
            &filter.params,
        )
        .await?;
    for row in &rows {
        let id = EventId(row.int(0)?);
        let change = match (row.int(2)?, row.optional_int(3)?, row.optional_int(4)?) {
            (0, Some(starts_at), Some(ends_at)) => OccurrenceChange::Moved {
                starts_at: Timestamp(starts_at),
                ends_at: Timestamp(ends_at),
            },
            _ => OccurrenceChange::Cancelled,
        };
        if let Some(event) = events.iter_mut().find(|e| e.id == id) {
            event.exceptions.push(EventException {
                occurrence: Timestamp(row.int(1)?),
                change,
            });
        }
    }
    Ok(())
}

/// One page and the total, in two queries over the same condition.
pub(crate) async fn list_events(db: &impl Sql, listing: &EventListing) -> StoreResult<EventList> {
    let mut filter = Filter::default();
    if let Some(condition) = filter.seen_condition(&listing.seen.communities) {
        filter
            .conditions
            .push(format!("(events.community_id IS NULL OR {condition})"));
    }
    if !Audience::ALL
        .iter()
        .all(|a| listing.seen.audiences.contains(a))
    {
        let mut either = Vec::new();
        if !listing.seen.audiences.is_empty() {
            let list =
                filter.placeholders(listing.seen.audiences.iter().map(|a| a.as_str().into()));
            either.push(format!("events.audience IN ({list})"));
        }
        if let Some(member) = listing.seen.member {
            let account = filter.bind(member.0.into());
            either.push(format!(
                "EXISTS (SELECT 1 FROM community_members WHERE \
                 community_members.community_id = events.community_id \
                 AND community_members.account_id = {account})"
            ));
        }
        filter.conditions.push(if either.is_empty() {
            "0 = 1".to_owned()
        } else {
            format!("({})", either.join(" OR "))
        });
    }
    if let Some(community) = listing.community {
        let community = filter.bind(community.0.into());
        filter
            .conditions
            .push(format!("events.community_id = {community}"));
    }
    if let Some(format) = listing.format {
        let format = filter.bind(format.as_str().into());
        filter.conditions.push(format!("events.format = {format}"));
    }
    if let Some(from) = listing.from {
        let from = filter.bind(from.0.into());
        filter
            .conditions
            .push(format!("events.series_ends_at >= {from}"));
    }
    if let Some(until) = listing.until {
        let until = filter.bind(until.0.into());
        filter
            .conditions
            .push(format!("events.starts_at < {until}"));
    }
    if let Some(account) = listing.mine {
        let account = filter.bind(account.0.into());
        filter.conditions.push(format!(
            "(EXISTS (SELECT 1 FROM event_registrations r WHERE r.event_id = events.id \
             AND r.account_id = {account} AND r.state IN ('pending', 'confirmed', 'waitlisted')) \
             OR EXISTS (SELECT 1 FROM community_members WHERE \
             community_members.community_id = events.community_id \
             AND community_members.account_id = {account}))"
        ));
    }
    if !listing.cancelled {
        filter
            .conditions
            .push("events.cancelled_at IS NULL".to_owned());
    }
    let condition = filter.sql();
    let total = one(
        db,
        &format!(
            "SELECT COUNT(*) FROM events \
             LEFT JOIN communities ON communities.id = events.community_id{condition}"
        ),
        &filter.params,
    )
    .await?
    .int(0)?;
    let order = if listing.newest_first {
        "events.starts_at DESC, events.id DESC"
    } else {
        "events.starts_at, events.id"
    };
    let offset = i64::try_from(listing.offset).map_err(|e| StoreError::Other(Box::new(e)))?;
    let limit = filter.bind(i64::from(listing.limit).into());
    let offset = filter.bind(offset.into());
    // The page's ids first, then their columns: the seat counts are
    // subqueries, which a sort would otherwise compute for every matching
    // event before keeping twenty.
    let mut events: Vec<Event> = db
        .query(
            &format!(
                "{EVENT_COLUMNS} WHERE events.id IN (SELECT events.id FROM events \
                 LEFT JOIN communities ON communities.id = events.community_id{condition} \
                 ORDER BY {order} LIMIT {limit} OFFSET {offset}) ORDER BY {order}"
            ),
            &filter.params,
        )
        .await?
        .iter()
        .map(read_event)
        .collect::<StoreResult<_>>()?;
    with_exceptions(db, &mut events).await?;
    Ok(EventList {
        events,
        total: u64::try_from(total).map_err(|e| StoreError::Other(Box::new(e)))?,
    })
}

pub(crate) async fn register_for_event(
    db: &impl Sql,
    registration: &NewRegistration,
) -> StoreResult<Registration> {
    let event = registration.event;
    let occurrence = registration.occurrence;
    let seats = take_seats(db, event, occurrence).await?;
    let earlier = db
        .query(
            "SELECT id, state FROM event_registrations \
             WHERE event_id = $1 AND occurrence = $2 AND account_id = $3",
            &[
                event.0.into(),
                occurrence.into(),
                registration.account.0.into(),
            ],
        )
        .await?;
    if let Some(row) = earlier.first() {
        if row.text(1)? != RegistrationState::Cancelled.as_str() {
            return Err(StoreError::Conflict);
        }
        db.execute(
            "DELETE FROM event_registrations WHERE id = $1",
            &[row.int(0)?.into()],
        )
        .await?;
    }
    let wanted = 1 + i64::from(registration.guests);
    let (state, told) = if seats.approval {
        (RegistrationState::Pending, Told::Pending)
    } else if seats.waitlisted == 0
        && seats
            .capacity
            .is_none_or(|capacity| seats.confirmed + wanted <= capacity)
    {
        (RegistrationState::Confirmed, Told::Confirmed)
    } else {
        (RegistrationState::Waitlisted, Told::Waitlisted)
    };
    let id = RegistrationId(
        one(
            db,
            "INSERT INTO event_registrations \
             (event_id, occurrence, account_id, state, guests, answer, created_at, updated_at) \
             VALUES ($1, $7, $2, $3, $4, $5, $6, $6) RETURNING id",
            &[
                event.0.into(),
                registration.account.0.into(),
                state.as_str().into(),
                i64::from(registration.guests).into(),
                registration.answer.as_str().into(),
                registration.at.0.into(),
                occurrence.into(),
            ],
        )
        .await?
        .int(0)?,
    );
    enqueue(db, &RegistrationNews::job(id, told, registration.at)).await?;
    self::registration(db, id).await
}

pub(crate) async fn change_registration(
    db: &impl Sql,
    change: &RegistrationChange,
) -> StoreResult<Registration> {
    let current = registration(db, change.registration).await?;
    let seats = take_seats(db, current.event, current.occurrence).await?;
    // Read again under the event's row: another write may have moved it.
    let current = registration(db, change.registration).await?;
    let (to, told) = match (current.state, change.to) {
        (from, RegistrationState::Cancelled) if from.is_active() => {
            (RegistrationState::Cancelled, Told::Cancelled)
        }
        (from, RegistrationState::Refused) if from.is_active() => {
            (RegistrationState::Refused, Told::Refused)
        }
        (RegistrationState::Pending, RegistrationState::Confirmed) => {
            let fits = seats.waitlisted == 0
                && seats
                    .capacity
                    .is_none_or(|capacity| seats.confirmed + current.seats() <= capacity);
            if fits {
                (RegistrationState::Confirmed, Told::Confirmed)
            } else {
                (RegistrationState::Waitlisted, Told::Waitlisted)
            }
        }
        _ => return Err(StoreError::Conflict),
    };
    db.execute(
        "UPDATE event_registrations SET state = $2, updated_at = $3 WHERE id = $1",
        &[current.id.0.into(), to.as_str().into(), change.at.0.into()],
    )
    .await?;
    enqueue(db, &RegistrationNews::job(current.id, told, change.at)).await?;
    if current.state == RegistrationState::Confirmed {
        promote(
            db,
            current.event,
            current.occurrence,
            seats.capacity_u32(),
            change.at,
        )
        .await?;
    }
    if let Some(by) = change.by {
        audit(
            db,
            Audit {
                at: change.at,
                actor: Some(by),
                action: AuditAction::EventRegistrationDecided,
                subject: format!("event_registration:{}", current.id.0),
            },
        )
        .await?;
    }
    registration(db, current.id).await
}

pub(crate) async fn record_attendance(db: &impl Sql, save: &AttendanceSave) -> StoreResult<()> {
    let recorded = db
        .execute(
            "UPDATE event_registrations SET attendance = $2, attendance_at = $3 \
             WHERE id = $1 AND state = 'confirmed'",
            &[
                save.registration.0.into(),
                save.attendance.as_str().into(),
                save.at.0.into(),
            ],
        )
        .await?;
    if recorded == 0 {
        registration(db, save.registration).await?;
        return Err(StoreError::Conflict);
    }
    audit(
        db,
        Audit {
            at: save.at,
            actor: Some(save.by),
            action: AuditAction::EventAttendanceRecorded,
            subject: format!("event_registration:{}", save.registration.0),
        },
    )
    .await
}

pub(crate) async fn registration(db: &impl Sql, id: RegistrationId) -> StoreResult<Registration> {
    let row = one(
        db,
        &format!("{REGISTRATION_COLUMNS} WHERE event_registrations.id = $1"),
        &[id.0.into()],
    )
    .await?;
    read_registration(&row)
}

pub(crate) async fn registration_of(
    db: &impl Sql,
    event: EventId,
    occurrence: i64,
    account: AccountId,
) -> StoreResult<Option<Registration>> {
    db.query(
        &format!(
            "{REGISTRATION_COLUMNS} WHERE event_registrations.event_id = $1 \
             AND event_registrations.occurrence = $2 AND event_registrations.account_id = $3"
        ),
        &[event.0.into(), occurrence.into(), account.0.into()],
    )
    .await?
    .first()
    .map(read_registration)
    .transpose()
}

pub(crate) async fn event_registrations(
    db: &impl Sql,
    event: EventId,
    occurrence: i64,
) -> StoreResult<Vec<Registration>> {
    db.query(
        &format!(
            "{REGISTRATION_COLUMNS} WHERE event_registrations.event_id = $1 \
             AND event_registrations.occurrence = $2 ORDER BY CASE event_registrations.state WHEN 'confirmed' THEN 0 \
             WHEN 'pending' THEN 1 WHEN 'waitlisted' THEN 2 ELSE 3 END, event_registrations.id"
        ),
        &[event.0.into(), occurrence.into()],
    )
    .await?
    .iter()
    .map(read_registration)
    .collect()
}

pub(crate) async fn occurrence_seats(
    db: &impl Sql,
    event: EventId,
    occurrence: i64,
) -> StoreResult<Seats> {
    let row = one(
        db,
        "SELECT CAST(COALESCE(SUM(CASE WHEN state = 'confirmed' THEN 1 + guests ELSE 0 END), 0) \
         AS BIGINT), \
         CAST(COALESCE(SUM(CASE WHEN state = 'waitlisted' THEN 1 ELSE 0 END), 0) AS BIGINT), \
         CAST(COALESCE(SUM(CASE WHEN state = 'pending' THEN 1 ELSE 0 END), 0) AS BIGINT) \
         FROM event_registrations WHERE event_id = $1 AND occurrence = $2",
        &[event.0.into(), occurrence.into()],
    )
    .await?;
    Ok(Seats {
        taken: row.int(0)?,
        waitlisted: row.int(1)?,
        pending: row.int(2)?,
    })
}

/// The seats of an occurrence as a write that decides one sees them, once
/// it holds the event's row.
struct Held {
    capacity: Option<i64>,
    approval: bool,
    confirmed: i64,
    waitlisted: i64,
}

impl Held {
    fn capacity_u32(&self) -> Option<u32> {
        self.capacity.and_then(|c| u32::try_from(c).ok())
    }
}

/// The most seats confirmed registrations hold in one occurrence.
async fn fullest_occurrence(db: &impl Sql, event: EventId) -> StoreResult<i64> {
    one(
        db,
        "SELECT CAST(COALESCE(MAX(seats), 0) AS BIGINT) FROM (SELECT SUM(1 + guests) AS seats \
         FROM event_registrations WHERE event_id = $1 AND state = 'confirmed' \
         GROUP BY occurrence) AS taken",
        &[event.0.into()],
    )
    .await?
    .int(0)
}

/// Takes the event's row for the rest of the transaction and reads the
/// occurrence's seats; [`StoreError::NotFound`] for an unknown or cancelled
/// event.
async fn take_seats(db: &impl Sql, event: EventId, occurrence: i64) -> StoreResult<Held> {
    changed(
        db,
        "UPDATE events SET seats_version = seats_version + 1 \
         WHERE id = $1 AND cancelled_at IS NULL",
        &[event.0.into()],
    )
    .await?;
    let row = one(
        db,
        "SELECT capacity, approval FROM events WHERE id = $1",
        &[event.0.into()],
    )
    .await?;
    let seats = occurrence_seats(db, event, occurrence).await?;
    Ok(Held {
        capacity: row.optional_int(0)?,
        approval: row.int(1)? != 0,
        confirmed: seats.taken,
        waitlisted: seats.waitlisted,
    })
}

/// Gives the seats left to the waitlist, first come first served: the head
/// of the list takes a seat while it fits, and nobody behind it jumps it.
async fn promote(
    db: &impl Sql,
    event: EventId,
    occurrence: i64,
    capacity: Option<u32>,
    at: Timestamp,
) -> StoreResult<()> {
    let mut free = match capacity {
        Some(capacity) => {
            i64::from(capacity) - occurrence_seats(db, event, occurrence).await?.taken
        }
        None => i64::MAX,
    };
    let waiting = db
        .query(
            "SELECT id, guests FROM event_registrations WHERE event_id = $1 \
             AND occurrence = $2 AND state = 'waitlisted' ORDER BY id",
            &[event.0.into(), occurrence.into()],
        )
        .await?;
    for row in &waiting {
        let seats = 1 + row.int(1)?;
        if seats > free {
            break;
        }
        free -= seats;
        let id = RegistrationId(row.int(0)?);
        db.execute(
            "UPDATE event_registrations SET state = 'confirmed', updated_at = $2 WHERE id = $1",
            &[id.0.into(), at.0.into()],
        )
        .await?;
        enqueue(db, &RegistrationNews::job(id, Told::Promoted, at)).await?;
    }
    Ok(())
}

fn read_event(row: &Row) -> StoreResult<Event> {
    let community = match row.optional_int(1)? {
        Some(id) => Some(EventCommunity {
            id: CommunityId(id),
            slug: decode("communities.slug", Slug::parse(&row.text(2)?))?,
            name: row.text(3)?,
            visibility: decode("communities.visibility", Visibility::parse(&row.text(4)?))?,
        }),
        None => None,
    };
    let moment = |column: usize| row.optional_int(column).map(|t| t.map(Timestamp));
    let count =
        |column: usize| -> StoreResult<u32> { decode("events", u32::try_from(row.int(column)?)) };
    let organiser = match (row.optional_int(20)?, row.optional_text(21)?) {
        (Some(id), Some(name)) => Some((AccountId(id), name)),
        _ => None,
    };
    Ok(Event {
        id: EventId(row.int(0)?),
        community,
        fields: EventFields {
            title: row.text(5)?,
            description: row.text(6)?,
            format: decode("events.format", EventFormat::parse(&row.text(7)?))?,
            audience: decode("events.audience", Audience::parse(&row.text(8)?))?,
            starts_at: Timestamp(row.int(9)?),
            ends_at: Timestamp(row.int(10)?),
            zone: decode("events.time_zone", Zone::parse(&row.text(11)?))?,
            address: row.text(12)?,
            online_url: row.optional_text(13)?,
            registration: RegistrationRules {
                capacity: row
                    .optional_int(14)?
                    .map(|c| decode("events.capacity", u32::try_from(c)))
                    .transpose()?,
                approval: row.int(15)? != 0,
                opens_at: moment(16)?,
                closes_at: moment(17)?,
                max_guests: count(18)?,
                question: row.text(19)?,
            },
            recurrence: row.optional_text(29)?.map(Recurrence::from_stored),
        },
        organiser,
        cancelled_at: moment(22)?,
        sequence: row.int(23)?,
        created_at: Timestamp(row.int(24)?),
        updated_at: Timestamp(row.int(25)?),
        taken: row.int(26)?,
        waitlisted: row.int(27)?,
        pending: row.int(28)?,
        exceptions: Vec::new(),
        cover: row.optional_int(30)?.map(ImageId),
    })
}

fn read_registration(row: &Row) -> StoreResult<Registration> {
    let state = row.text(5)?;
    Ok(Registration {
        id: RegistrationId(row.int(0)?),
        event: EventId(row.int(1)?),
        occurrence: row.int(2)?,
        account: AccountId(row.int(3)?),
        display_name: row.text(4)?,
        state: RegistrationState::parse(&state).ok_or_else(|| {
            StoreError::Other(format!("event_registrations.state holds {state}").into())
        })?,
        guests: decode("event_registrations.guests", u32::try_from(row.int(6)?))?,
        answer: row.text(7)?,
        created_at: Timestamp(row.int(8)?),
        updated_at: Timestamp(row.int(9)?),
        attendance: match (row.optional_text(10)?, row.optional_int(11)?) {
            (Some(attendance), Some(at)) => Some((
                decode(
                    "event_registrations.attendance",
                    Attendance::parse(&attendance),
                )?,
                Timestamp(at),
            )),
            _ => None,
        },
    })
}

pub(crate) async fn set_calendar_feed(
    db: &impl Sql,
    account: AccountId,
    token: &TokenHash,
    at: Timestamp,
) -> StoreResult<()> {
    db.execute(
        "INSERT INTO calendar_feeds (account_id, token_hash, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (account_id) DO UPDATE SET token_hash = $2, created_at = $3",
        &[account.0.into(), token.as_str().into(), at.0.into()],
    )
    .await
    .map(drop)
}

pub(crate) async fn remove_calendar_feed(db: &impl Sql, account: AccountId) -> StoreResult<()> {
    db.execute(
        "DELETE FROM calendar_feeds WHERE account_id = $1",
        &[account.0.into()],
    )
    .await
    .map(drop)
}

pub(crate) async fn calendar_feed_of(
    db: &impl Sql,
    account: AccountId,
) -> StoreResult<Option<Timestamp>> {
    db.query(
        "SELECT created_at FROM calendar_feeds WHERE account_id = $1",
        &[account.0.into()],
    )
    .await?
    .first()
    .map(|row| row.int(0).map(Timestamp))
    .transpose()
}

pub(crate) async fn calendar_feed_owner(
    db: &impl Sql,
    token: &TokenHash,
) -> StoreResult<AccountId> {
    Ok(AccountId(
        one(
            db,
            "SELECT account_id FROM calendar_feeds WHERE token_hash = $1",
            &[token.as_str().into()],
        )
        .await?
        .int(0)?,
    ))
}
