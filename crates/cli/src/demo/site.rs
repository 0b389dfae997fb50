//! The demo's public site, after seeds 000 and 001: the welcome and the
//! "ways to get involved" of InnerSource Commons' community page, the
//! adopters of geOrchestra's "who uses it" by category, its help channels
//! and mailing lists, and a board with terms.

use cercle_core::accounts::policy::Actor;
use cercle_core::kernel::date::Date;
use cercle_core::kernel::flow::Context;
use cercle_core::kernel::image::Upload;
use cercle_core::register::membership;
use cercle_core::site::outreach;
use cercle_core::site::pages::{AdopterInput, EntryInput, Section, SiteSettingsInput};
use cercle_core::store::Store;

use super::{ADMIN, MEMBERS, account, refused};

pub(super) async fn populate(ctx: &Context<'_, dyn Store>) -> anyhow::Result<()> {
    let admin = account(ctx.store, ADMIN.1).await?;
    let actor = Actor::Session(&admin);
    settings(ctx, actor).await?;
    outreach::set_logo(&ctx.part(), actor, &logo("RC", "#009e89"))
        .await
        .map_err(refused)?;
    entries(ctx, actor).await?;
    adopters(ctx, actor).await
}

async fn settings(ctx: &Context<'_, dyn Store>, actor: Actor<'_>) -> anyhow::Result<()> {
    let input = SiteSettingsInput {
        welcome_fr: "Bienvenue sur la page de la communauté : nous sommes heureux de vous voir ici ! \
            Toutes nos ressources d'apprentissage et tous nos événements sont ouverts à tous et leur \
            utilisation est gratuite. Toutefois, la magie opère lorsque la communauté se réunit pour \
            partager ses connaissances. Nous espérons que vous vous joindrez à nous !"
            .to_owned(),
        welcome_en: "Welcome to the community page: we are glad to see you here! All our learning \
            resources and events are open to everyone and free to use. Still, the magic happens when \
            the community comes together to share what it knows. We hope you will join us!"
            .to_owned(),
        rules_fr: "Vous trouverez ci-dessous quelques détails sur notre mode de fonctionnement.\n\n\
            - **Outils et ressources** : la plupart de nos discussions se déroulent sur Slack ; nos \
            projets publics sont sur [GitHub](https://github.com/InnerSourceCommons).\n\
            - **Assemblée générale** : tous les membres y sont conviés chaque année."
            .to_owned(),
        rules_en: "Here are a few details about how we work.\n\n\
            - **Tools and resources**: most of our conversations happen on Slack; our public \
            projects are on [GitHub](https://github.com/InnerSourceCommons).\n\
            - **General assembly**: every member is invited once a year."
            .to_owned(),
        code_of_conduct_fr: "Soyez bienveillant et courtois. Chaque communauté publie sa charte, \
            que ses membres acceptent en la rejoignant."
            .to_owned(),
        code_of_conduct_en: "Be kind and courteous. Each community publishes its charter, which \
            its members accept when they join."
            .to_owned(),
        chatham_fr: "Toutes les discussions de nos canaux sont soumises à la \
            [règle de Chatham House](https://www.chathamhouse.org/about-us/chatham-house-rule) : \
            ce qui s'y dit peut être repris, jamais en nommant qui l'a dit."
            .to_owned(),
        chatham_en: "Every conversation in our channels is held under the \
            [Chatham House Rule](https://www.chathamhouse.org/about-us/chatham-house-rule): what \
            is said may be used, never naming who said it."
            .to_owned(),
        developers_fr: "La [liste des commiters](https://github.com/orgs/georchestra/people) n'offre \
            qu'un aperçu des contributeurs réguliers : les contributions externes passent par des \
            *pull requests*, toujours relues et testées avant d'être intégrées."
            .to_owned(),
        developers_en: "The [list of committers](https://github.com/orgs/georchestra/people) only \
            shows the regular contributors: outside contributions come as pull requests, always \
            reviewed and tested before they are merged."
            .to_owned(),
        help_fr: "Pour un coup de main ou un renseignement rapide, n'hésitez pas à nous joindre sur \
            IRC ou Matrix ; les listes de discussion sont ouvertes à tous."
            .to_owned(),
        help_en: "For a hand or a quick answer, reach us on IRC or Matrix; the mailing lists are \
            open to everyone."
            .to_owned(),
        steering_note_fr: "Aucun support ne sera fourni à cette adresse.".to_owned(),
        steering_note_en: "No support is given at this address.".to_owned(),
        free_participation: Some("on".to_owned()),
        licence_name: "Creative Commons Attribution-ShareAlike 4.0 International (CC BY-SA 4.0)"
            .to_owned(),
        licence_url: "https://creativecommons.org/licenses/by-sa/4.0/".to_owned(),
        steering_email: "psc@reseau-communs.example".to_owned(),
    };
    outreach::save_settings(&ctx.part(), actor, &input)
        .await
        .map_err(refused)
}

/// A small SVG logo: `initials` on a rounded square of `colour`.
fn logo(initials: &str, colour: &str) -> Upload {
    let svg = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 60"><rect width="120" height="60" rx="10" fill="{colour}"/><text x="60" y="39" font-size="24" font-family="sans-serif" font-weight="700" text-anchor="middle" fill="#ffffff">{initials}</text></svg>"##
    );
    Upload {
        file_name: "logo.svg".to_owned(),
        bytes: svg.into_bytes(),
    }
}

/// The fields of an entry, the rest left empty.
#[derive(Default)]
struct Row<'a> {
    tag: &'a str,
    title: (&'a str, &'a str),
    text: (&'a str, &'a str),
    link: &'a str,
    dates: (String, String),
    parent: String,
}

async fn add(
    ctx: &Context<'_, dyn Store>,
    actor: Actor<'_>,
    (section, position): (Section, usize),
    row: Row<'_>,
) -> anyhow::Result<cercle_core::site::pages::EntryId> {
    let input = EntryInput {
        position: position.to_string(),
        parent: row.parent,
        tag: row.tag.to_owned(),
        title_fr: row.title.0.to_owned(),
        title_en: row.title.1.to_owned(),
        text_fr: row.text.0.to_owned(),
        text_en: row.text.1.to_owned(),
        link: row.link.to_owned(),
        starts_on: row.dates.0,
        ends_on: row.dates.1,
    };
    outreach::create_entry(&ctx.part(), actor, section, &input)
        .await
        .map_err(refused)
}

async fn entries(ctx: &Context<'_, dyn Store>, actor: Actor<'_>) -> anyhow::Result<()> {
    let cards = [
        (
            "hand",
            ("Rencontrer la communauté", "Meet the community"),
            (
                "Dites bonjour dans le canal **#general**. Partagez vos expériences ou posez vos questions : nous profiterons tous de ces discussions.",
                "Say hello in the **#general** channel. Share your own experience or ask your questions: we all benefit from these conversations.",
            ),
            "/help",
        ),
        (
            "chat",
            ("Discuter avec nous", "Talk with us"),
            (
                "Rejoignez les *virtual coffee buddies* pour un café en tête à tête avec un membre de la communauté, et réfléchissez ensemble à vos défis.",
                "Join the *virtual coffee buddies* for a one-to-one coffee with a member of the community, and think your challenges through together.",
            ),
            "/communities",
        ),
        (
            "key",
            ("Rejoindre un groupe de travail", "Join a working group"),
            (
                "Collaborez avec d'autres praticiens : chaque groupe de travail produit des ressources d'apprentissage.",
                "Work with other practitioners: each working group produces learning resources.",
            ),
            "/communities?kind=working_group",
        ),
    ];
    for (position, (tag, title, text, link)) in cards.into_iter().enumerate() {
        let row = Row {
            tag,
            title,
            text,
            link,
            ..Row::default()
        };
        add(ctx, actor, (Section::Cards, position), row).await?;
    }

    let today = Date::of(cercle_core::kernel::time::Timestamp::now());
    let highlights = [
        (
            14,
            ("Forum annuel des communs", "Annual commons forum"),
            (
                "Une journée de retours d'expérience, à Rennes et en ligne.",
                "A day of experience sharing, in Rennes and online.",
            ),
            "/communities",
        ),
        (
            35,
            (
                "Webinaire : premiers pas en InnerSource",
                "Webinar: first steps in InnerSource",
            ),
            (
                "Le groupe Learning Path présente son nouveau parcours.",
                "The Learning Path group presents its new series.",
            ),
            "/c/learning-path",
        ),
        (
            -20,
            ("Assemblée générale", "General assembly"),
            (
                "Elle a eu lieu : le compte rendu suivra.",
                "It took place: the minutes will follow.",
            ),
            "",
        ),
    ];
    for (position, (days, title, text, link)) in highlights.into_iter().enumerate() {
        let row = Row {
            title,
            text,
            link,
            dates: (today.plus_days(days).to_string(), String::new()),
            ..Row::default()
        };
        add(ctx, actor, (Section::Highlights, position), row).await?;
    }

    // The bodies whose members hold accounts are the governance area's; the
    // site describes the one made of outside experts.
    let council = add(
        ctx,
        actor,
        (Section::Bodies, 0),
        Row {
            title: ("Conseil scientifique", "Scientific council"),
            text: (
                "Des chercheurs extérieurs à l'association relisent chaque année le catalogue de patterns ; ils ne votent pas.",
                "Researchers from outside the association review the catalogue of patterns each year; they do not vote.",
            ),
            ..Row::default()
        },
    )
    .await?;
    let experts = [
        (
            "Hélène Garnier",
            ("Université de Rennes", "University of Rennes"),
        ),
        (
            "Tomás Ibarra",
            ("Universidad de Sevilla", "University of Seville"),
        ),
    ];
    for (position, (name, affiliation)) in experts.into_iter().enumerate() {
        let row = Row {
            title: (name, ""),
            text: affiliation,
            dates: (format!("{}-01-01", today.year()), String::new()),
            parent: council.0.to_string(),
            ..Row::default()
        };
        add(ctx, actor, (Section::Members, position), row).await?;
    }

    let contributors = [
        (
            "Priya Raman",
            (
                "Pilote du groupe Patterns, relit les contributions.",
                "Leads the Patterns group and reviews contributions.",
            ),
            "https://github.com/InnerSourceCommons/InnerSourcePatterns",
        ),
        (
            "Tomás Ferreira",
            (
                "Maintient le parcours Learning Path.",
                "Maintains the Learning Path series.",
            ),
            "",
        ),
    ];
    for (position, (name, text, link)) in contributors.into_iter().enumerate() {
        let row = Row {
            title: (name, ""),
            text,
            link,
            ..Row::default()
        };
        add(ctx, actor, (Section::Contributors, position), row).await?;
    }

    let help = [
        (
            "irc",
            (
                "#reseau-communs sur libera.chat",
                "#reseau-communs on libera.chat",
            ),
            (
                "Le canal historique, ouvert à tous.",
                "The historic channel, open to all.",
            ),
            "https://kiwiirc.com/client/irc.libera.chat/reseau-communs",
        ),
        (
            "matrix",
            ("#reseau-communs:libera.chat", "#reseau-communs:libera.chat"),
            (
                "Le même salon, depuis Matrix.",
                "The same room, from Matrix.",
            ),
            "https://app.element.io/#/room/#reseau-communs:libera.chat",
        ),
        (
            "mailing_list",
            ("Liste des utilisateurs", "Users' list"),
            (
                "Pour les utilisateurs et les administrateurs de données.",
                "For users and data administrators.",
            ),
            "https://groups.google.com/g/reseau-communs",
        ),
        (
            "mailing_list",
            ("Liste des développeurs", "Developers' list"),
            (
                "Pour les développeurs et les administrateurs système.",
                "For developers and system administrators.",
            ),
            "https://groups.google.com/g/reseau-communs-dev",
        ),
    ];
    for (position, (tag, title, text, link)) in help.into_iter().enumerate() {
        let row = Row {
            tag,
            title,
            text,
            link,
            ..Row::default()
        };
        add(ctx, actor, (Section::Help, position), row).await?;
    }
    Ok(())
}

/// Seed 001's adopters by category, each asking to be listed and approved
/// by the moderator; one request still waits. TerraNIS, a member
/// organisation, agrees to be shown.
async fn adopters(ctx: &Context<'_, dyn Store>, actor: Actor<'_>) -> anyhow::Result<()> {
    let moderator = account(ctx.store, MEMBERS[3].1).await?;
    membership::set_roles(&ctx.part(), actor, moderator.id, &["moderator".to_owned()])
        .await
        .map_err(refused)?;
    let moderator = account(ctx.store, MEMBERS[3].1).await?;
    let listed = [
        (
            "Région Hauts-de-France",
            "public_body",
            "Projet Géo2France",
            "https://www.geo2france.fr/portail/",
            "#1d4f91",
        ),
        (
            "Région Grand Est",
            "public_body",
            "Projet DataGrandEst",
            "https://www.datagrandest.fr/portail/fr",
            "#b3261e",
        ),
        (
            "Rennes Métropole",
            "public_body",
            "",
            "https://portail.sig.rennesmetropole.fr/",
            "#7a1f5c",
        ),
        (
            "Métropole Européenne de Lille",
            "public_body",
            "Via dataMEL, le portail open data",
            "https://data.lillemetropole.fr/",
            "#c2410c",
        ),
        (
            "UMR SAS (INRAE - Agrocampus Ouest, Rennes)",
            "research_unit",
            "Via GéoSAS",
            "https://geosas.fr/web/",
            "#2f6b3a",
        ),
        (
            "CIRAD",
            "research_unit",
            "Via GeoDE",
            "https://geode.cirad.fr/",
            "#00747a",
        ),
        (
            "IRD",
            "research_unit",
            "Via DataSuds-geo",
            "https://datasuds-geo.ird.fr/",
            "#3b5bdb",
        ),
        (
            "Deutsche Telekom",
            "company",
            "La plus grande société allemande et européenne de télécommunications.",
            "",
            "#e20074",
        ),
        (
            "Représentation de la FAO en Bolivie",
            "international_organisation",
            "",
            "https://www.fao.org/bolivia/es/",
            "#116aab",
        ),
    ];
    for (name, category, text, link, colour) in listed {
        let initials: String = name
            .split([' ', '-'])
            .filter_map(|word| word.chars().next())
            .filter(|c| c.is_uppercase())
            .take(3)
            .collect();
        let input = AdopterInput {
            name: name.to_owned(),
            category: category.to_owned(),
            text: text.to_owned(),
            link: link.to_owned(),
            email: "contact@adopter.example".to_owned(),
        };
        let id = outreach::submit_adopter(
            &ctx.part(),
            Actor::Anonymous,
            (&input, Some(&logo(&initials, colour))),
            cercle_core::kernel::association::Language::Fr,
        )
        .await
        .map_err(refused)?;
        outreach::decide_adopter(&ctx.part(), Actor::Session(&moderator), id, "approve")
            .await
            .map_err(refused)?;
    }
    let waiting = AdopterInput {
        name: "Département de la Haute-Loire".to_owned(),
        category: "public_body".to_owned(),
        text: "Notre catalogue de données géographiques départementales.".to_owned(),
        link: "https://sig.hauteloire.fr/".to_owned(),
        email: "sig@hauteloire.example".to_owned(),
    };
    outreach::submit_adopter(
        &ctx.part(),
        Actor::Anonymous,
        (&waiting, None),
        cercle_core::kernel::association::Language::Fr,
    )
    .await
    .map_err(refused)?;
    if let Some(terranis) = ctx
        .store
        .organisations()
        .await?
        .into_iter()
        .find(|o| o.fields.name.as_str() == "TerraNIS")
    {
        outreach::show_organisation(&ctx.part(), actor, terranis.id, true)
            .await
            .map_err(refused)?;
    }
    Ok(())
}
