//! The demo's governance, after seeds 000, 001 and 004: a bureau whose
//! president changed last year, a board and a steering committee; last
//! month's general assembly with its approved minutes; the coming one,
//! convened, with a proxy given and a written consultation open now. Each
//! is made through the flows the pages use, the past ones with the flows'
//! clock set back to when they happened.

use cercle_core::accounts::account::Account;
use cercle_core::accounts::policy::Actor;
use cercle_core::governance::assembly::{AssemblyId, AssemblyInput, ItemId, ItemInput};
use cercle_core::governance::body::{BodyInput, MandateInput};
use cercle_core::governance::flows as governance;
use cercle_core::kernel::flow::Context;
use cercle_core::kernel::time::Timestamp;
use cercle_core::store::Store;

use super::{ADMIN, MEMBERS, account, refused};

const DAY: i64 = 24 * 3600;

pub async fn populate(ctx: &Context<'_, dyn Store>) -> anyhow::Result<()> {
    let admin = account(ctx.store, ADMIN.1).await?;
    let rozenn = account(ctx.store, MEMBERS[0].1).await?;
    bodies(ctx, &admin).await?;
    past_assembly(ctx, &rozenn, &admin).await?;
    coming_assembly(ctx, &rozenn).await
}

async fn bodies(ctx: &Context<'_, dyn Store>, admin: &Account) -> anyhow::Result<()> {
    let actor = Actor::Session(admin);
    let today = ctx.today();
    let year = today.year();
    let bodies = [
        (
            "Bureau",
            "bureau",
            "Le bureau examine les candidatures en séance régulière et convoque les \
             assemblées générales.",
            vec![
                (
                    MEMBERS[2].1,
                    "president",
                    format!("{}-06-01", year - 4),
                    Some(format!("{}-05-31", year - 1)),
                ),
                (
                    MEMBERS[0].1,
                    "president",
                    format!("{}-06-01", year - 1),
                    None,
                ),
                (
                    MEMBERS[1].1,
                    "treasurer",
                    format!("{}-06-01", year - 1),
                    None,
                ),
                (ADMIN.1, "secretary", format!("{}-06-01", year - 1), None),
            ],
        ),
        (
            "Conseil d'administration",
            "board",
            "Le conseil fixe les orientations ; chacune de ses personnes parraine une \
             communauté.",
            vec![
                (
                    MEMBERS[0].1,
                    "president",
                    format!("{}-06-01", year - 1),
                    None,
                ),
                (MEMBERS[3].1, "member", format!("{}-06-01", year - 1), None),
                (MEMBERS[4].1, "member", format!("{}-06-01", year - 1), None),
            ],
        ),
        (
            "Comité de pilotage du projet",
            "steering_committee",
            "Le comité de pilotage du logiciel décide de la feuille de route et des \
             versions.",
            vec![(MEMBERS[4].1, "president", format!("{}-01-01", year), None)],
        ),
    ];
    for (name, kind, description, mandates) in bodies {
        let input = BodyInput {
            name: name.to_owned(),
            kind: kind.to_owned(),
            description: description.to_owned(),
        };
        let body = governance::create_body(&ctx.part(), actor, &input)
            .await
            .map_err(refused)?;
        for (email, seat, starts_on, ends_on) in mandates {
            let input = MandateInput {
                email: email.to_owned(),
                seat: seat.to_owned(),
                starts_on,
                ends_on: ends_on.unwrap_or_default(),
            };
            governance::add_mandate(&ctx.part(), actor, body, &input)
                .await
                .map_err(refused)?;
        }
    }
    Ok(())
}

/// Last month's assembly, run from its convocation to its minutes at the
/// moments each step took place.
async fn past_assembly(
    ctx: &Context<'_, dyn Store>,
    bureau: &Account,
    secretary: &Account,
) -> anyhow::Result<()> {
    let at = |days: i64| {
        let mut then = ctx.clone();
        then.now = Timestamp(ctx.now.0 - days * DAY);
        then
    };
    let chair = Actor::Session(bureau);
    let starts = at(20);
    let input = assembly_input(
        "Assemblée générale ordinaire",
        "ordinary",
        &starts,
        "Le rapport moral et le rapport financier sont joints à la convocation.",
    );
    let id = governance::create_assembly(&at(45).part(), chair, &input)
        .await
        .map_err(refused)?;
    let items = [
        (
            "Rapport moral",
            "Approbation du rapport moral de l'année.",
            "open",
            "simple",
        ),
        (
            "Comptes de l'exercice",
            "Approbation des comptes et affectation du résultat.",
            "open",
            "simple",
        ),
        (
            "Élection au conseil d'administration",
            "Élection de Priya Raman et Tomás Ferreira au conseil d'administration.",
            "secret",
            "absolute",
        ),
    ];
    let mut item_ids = Vec::new();
    for (title, text, ballot, majority) in items {
        let motion = Motion {
            title,
            text,
            ballot,
            majority,
            window: None,
        };
        item_ids.push(add_resolution(&at(44), chair, id, motion).await?);
    }
    governance::convene(&at(40).part(), chair, id)
        .await
        .map_err(refused)?;
    let priya = account(ctx.store, MEMBERS[3].1).await?;
    let tomas = account(ctx.store, MEMBERS[4].1).await?;
    governance::give_proxy(&at(25).part(), Actor::Session(&priya), id, MEMBERS[0].1)
        .await
        .map_err(refused)?;
    for person in [bureau, &tomas] {
        governance::record_presence(&starts.part(), chair, id, person.id, "in_person")
            .await
            .map_err(refused)?;
    }
    governance::open(&starts.part(), chair, id)
        .await
        .map_err(refused)?;
    for (item, choices) in item_ids.iter().zip([
        ["for", "for", "for"],
        ["for", "abstain", "for"],
        ["for", "for", "against"],
    ]) {
        governance::open_ballot(&starts.part(), chair, id, *item)
            .await
            .map_err(refused)?;
        // Rozenn votes for herself and for Priya, whose proxy she carries.
        let voices = [
            (bureau, None, choices[0]),
            (bureau, Some(priya.id), choices[1]),
            (&tomas, None, choices[2]),
        ];
        for (voter, on_behalf, choice) in voices {
            governance::vote(
                &starts.part(),
                Actor::Session(voter),
                id,
                *item,
                on_behalf,
                choice,
            )
            .await
            .map_err(refused)?;
        }
        governance::close_ballot(&starts.part(), chair, id, *item)
            .await
            .map_err(refused)?;
    }
    let closing = {
        let mut then = starts.clone();
        then.now = Timestamp(starts.now.0 + 2 * 3600);
        then
    };
    governance::close(&closing.part(), chair, id)
        .await
        .map_err(refused)?;
    let (_, minutes, _) = governance::read_minutes(&at(10).part(), Actor::Session(secretary), id)
        .await
        .map_err(refused)?;
    let text = format!(
        "{}\n\nLa séance est levée à 16 h. Prochaine assemblée générale convoquée dans le mois.\n",
        minutes.text.trim_end()
    );
    governance::save_minutes(&at(10).part(), Actor::Session(secretary), id, &text, true)
        .await
        .map_err(refused)?;
    Ok(())
}

/// The coming extraordinary assembly on the statutes, convened today, with
/// Priya's proxy given to Rozenn and a written consultation open now.
async fn coming_assembly(ctx: &Context<'_, dyn Store>, bureau: &Account) -> anyhow::Result<()> {
    let chair = Actor::Session(bureau);
    let mut starts = ctx.clone();
    starts.now = Timestamp(ctx.now.0 + 30 * DAY);
    let input = assembly_input(
        "Assemblée générale extraordinaire : révision des statuts",
        "extraordinary",
        &starts,
        "Le projet de statuts révisés est en ligne : [statuts 2027](https://demo.cercle.test/statuts-2027).",
    );
    let id = governance::create_assembly(&ctx.part(), chair, &input)
        .await
        .map_err(refused)?;
    let statutes = Motion {
        title: "Révision des statuts",
        text: "Adoption des statuts révisés, qui ouvrent le collège des contributeurs.",
        ballot: "secret",
        majority: "two_thirds",
        window: None,
    };
    add_resolution(ctx, chair, id, statutes).await?;
    let today = ctx.today();
    let charter = Motion {
        title: "Consultation écrite : charte des communs",
        text: "Adoption de la charte des communs proposée par le conseil.",
        ballot: "secret",
        majority: "simple",
        window: Some((today.to_string(), today.plus_days(10).to_string())),
    };
    add_resolution(ctx, chair, id, charter).await?;
    governance::convene(&ctx.part(), chair, id)
        .await
        .map_err(refused)?;
    let priya = account(ctx.store, MEMBERS[3].1).await?;
    governance::give_proxy(&ctx.part(), Actor::Session(&priya), id, MEMBERS[0].1)
        .await
        .map_err(refused)?;
    Ok(())
}

/// An assembly's form for the moment `starts` runs at, 14:00 in Paris.
fn assembly_input(
    title: &str,
    kind: &str,
    starts: &Context<'_, dyn Store>,
    details: &str,
) -> AssemblyInput {
    AssemblyInput {
        title: title.to_owned(),
        kind: kind.to_owned(),
        date: starts.today().to_string(),
        time: "14:00".to_owned(),
        time_zone: "Europe/Paris".to_owned(),
        place: "Maison des associations, Nantes, et en ligne".to_owned(),
        details: details.to_owned(),
    }
}

/// A resolution as the demo puts it on an agenda.
struct Motion<'a> {
    title: &'a str,
    text: &'a str,
    ballot: &'a str,
    majority: &'a str,
    /// A written consultation's first and last days.
    window: Option<(String, String)>,
}

async fn add_resolution(
    ctx: &Context<'_, dyn Store>,
    chair: Actor<'_>,
    assembly: AssemblyId,
    motion: Motion<'_>,
) -> anyhow::Result<ItemId> {
    let (opens_date, closes_date) = motion.window.unwrap_or_default();
    let input = ItemInput {
        title: motion.title.to_owned(),
        description: String::new(),
        resolution: Some("on".to_owned()),
        text: motion.text.to_owned(),
        majority: motion.majority.to_owned(),
        ballot: motion.ballot.to_owned(),
        opens_date,
        closes_date,
    };
    governance::add_item(&ctx.part(), chair, assembly, &input)
        .await
        .map_err(refused)
}
