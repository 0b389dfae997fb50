//! The demo's events, after seeds 000 and 001: the Learning Path group's
//! weekly meeting with one meeting moved, the Marketing group's seminar,
//! full with someone on its waitlist, and the association's webinar for its
//! members; each made through the flows the pages use.

use cercle_core::accounts::policy::Actor;
use cercle_core::events::event::{EventId, EventInput, Zone};
use cercle_core::events::flows::{self as events, MoveInput, RegistrationInput};
use cercle_core::kernel::flow::Context;
use cercle_core::kernel::image::Upload;
use cercle_core::store::Store;

use super::{ADMIN, MEMBERS, account, refused};

pub async fn populate(ctx: &Context<'_, dyn Store>) -> anyhow::Result<()> {
    let admin = account(ctx.store, ADMIN.1).await?;
    let tomas = account(ctx.store, MEMBERS[4].1).await?;
    let today = ctx.today();
    // The coming Tuesday, at least two days ahead.
    let tuesday = {
        let ahead = (1 - today.days_from_monday()).rem_euclid(7);
        today.plus_days(if ahead < 2 { ahead + 7 } else { ahead })
    };
    let meeting = EventInput {
        title: "Réunion du groupe Learning Path".to_owned(),
        description: "Chaque semaine : l'avancement des vidéos et des articles, puis les \
            prochains sujets. Ouvert à toutes et à tous."
            .to_owned(),
        format: "working_group_meeting".to_owned(),
        audience: "public".to_owned(),
        start_date: tuesday.to_string(),
        start_time: "18:30".to_owned(),
        end_date: tuesday.to_string(),
        end_time: "19:30".to_owned(),
        time_zone: "Europe/Paris".to_owned(),
        online_url: "https://meet.example.org/learning-path".to_owned(),
        repeat: "weekly".to_owned(),
        repeat_count: "26".to_owned(),
        ..EventInput::default()
    };
    let weekly = events::create(
        &ctx.part(),
        Actor::Session(&tomas),
        Some("learning-path"),
        &meeting,
    )
    .await
    .map_err(refused)?;
    let series = events::view(&ctx.part(), Actor::Session(&tomas), weekly, None)
        .await
        .map_err(refused)?
        .event
        .occurrences();
    // The third meeting moves to the Wednesday, the week of a holiday.
    if let Some(third) = series.get(2) {
        let paris = Zone::parse(&meeting.time_zone).map_err(anyhow::Error::msg)?;
        let wednesday = paris.date(third.starts_at).plus_days(1);
        let moved = MoveInput {
            date: wednesday.to_string(),
            start_time: "18:30".to_owned(),
            end_time: "19:30".to_owned(),
        };
        events::move_occurrence(
            &ctx.part(),
            Actor::Session(&tomas),
            weekly,
            third.key,
            &moved,
        )
        .await
        .map_err(refused)?;
    }
    if let Some(first) = series.first() {
        register(ctx, MEMBERS[3].1, weekly, first.key).await?;
    }

    let seminar_day = today.plus_days(24);
    let seminar = EventInput {
        title: "Séminaire annuel InnerSource".to_owned(),
        description: "Une journée de retours d'expérience, d'ateliers et de rencontres entre \
            communautés. **Places limitées** : une liste d'attente prend le relais."
            .to_owned(),
        format: "seminar".to_owned(),
        audience: "public".to_owned(),
        start_date: seminar_day.to_string(),
        start_time: "09:30".to_owned(),
        end_date: seminar_day.to_string(),
        end_time: "17:00".to_owned(),
        time_zone: "Europe/Paris".to_owned(),
        address: "Les Champs Libres, 10 cours des Alliés, Rennes".to_owned(),
        capacity: "3".to_owned(),
        max_guests: "1".to_owned(),
        question: "Un régime alimentaire pour le déjeuner ?".to_owned(),
        ..EventInput::default()
    };
    let full = events::create(
        &ctx.part(),
        Actor::Session(&admin),
        Some("marketing"),
        &seminar,
    )
    .await
    .map_err(refused)?;
    // A cover drawn in the association's colours, as an organiser uploads one.
    let cover = Upload {
        file_name: "seminaire.svg".to_owned(),
        bytes: SEMINAR_COVER.as_bytes().to_vec(),
    };
    events::set_cover(&ctx.part(), Actor::Session(&admin), full, Some(&cover))
        .await
        .map_err(refused)?;
    // Three seats taken, then Priya on the waitlist.
    for email in [MEMBERS[0].1, MEMBERS[1].1, MEMBERS[2].1, MEMBERS[3].1] {
        register(ctx, email, full, 0).await?;
    }

    let webinar_day = today.plus_days(10);
    let webinar = EventInput {
        title: "Webinaire : ouvrir son infrastructure".to_owned(),
        description: "Une heure pour partager les retours d'expérience des adhérents, \
            réservée aux membres de l'association."
            .to_owned(),
        format: "webinar".to_owned(),
        audience: "members".to_owned(),
        start_date: webinar_day.to_string(),
        start_time: "12:30".to_owned(),
        end_date: webinar_day.to_string(),
        end_time: "13:30".to_owned(),
        time_zone: "Europe/Paris".to_owned(),
        online_url: "https://meet.example.org/webinaire-infra".to_owned(),
        ..EventInput::default()
    };
    events::create(&ctx.part(), Actor::Session(&admin), None, &webinar)
        .await
        .map_err(refused)?;
    Ok(())
}

async fn register(
    ctx: &Context<'_, dyn Store>,
    email: &str,
    event: EventId,
    occurrence: i64,
) -> anyhow::Result<()> {
    let person = account(ctx.store, email).await?;
    let input = RegistrationInput {
        occurrence: if occurrence == 0 {
            String::new()
        } else {
            occurrence.to_string()
        },
        ..RegistrationInput::default()
    };
    events::register(&ctx.part(), Actor::Session(&person), event, &input)
        .await
        .map_err(refused)?;
    Ok(())
}

/// The seminar's cover: a plain SVG banner, which passes the checks every
/// uploaded image passes.
const SEMINAR_COVER: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1200 400" width="1200" height="400"><rect width="1200" height="400" fill="#00695c"/><circle cx="980" cy="200" r="150" fill="#4db6ac"/><circle cx="1080" cy="120" r="60" fill="#b2dfdb"/><rect x="80" y="170" width="620" height="24" rx="12" fill="#e0f2f1"/><rect x="80" y="220" width="420" height="24" rx="12" fill="#80cbc4"/></svg>"##;
