//! The demo instance: an association shaped after the seed pages, with an
//! administrator and a few members, ready to explore.

use cercle_core::accounts::account::{DisplayName, NewAccountFields, Password, PasswordHash};
use cercle_core::accounts::flows::{self as accounts, FlowError, SetupInput};
use cercle_core::accounts::policy::Actor;
use cercle_core::accounts::store::NewAccount;
use cercle_core::accounts::store::Verification;
use cercle_core::admission::{self, ApplicationInput, ContributionInput, SessionInput};
use cercle_core::communities::community::CommunityInput;
use cercle_core::communities::flows::{self as communities, AppointmentInput, JoinInput};
use cercle_core::kernel::association::Language;
use cercle_core::kernel::date::Date;
use cercle_core::kernel::email::EmailAddress;
use cercle_core::kernel::flow::Context;
use cercle_core::kernel::store::StoreError;
use cercle_core::kernel::time::Timestamp;
use cercle_core::newsletter::{self, MailingListInput};
use cercle_core::register::dues::PlanInput;
use cercle_core::register::membership::{self, MembershipInput, PaymentInput};
use cercle_core::register::people::OrganisationInput;
use cercle_core::site::pages::Section;
use cercle_core::store::Store;

use crate::config::Config;

mod events;
mod governance;
mod site;

/// The password of every demo account, printed with the log-ins.
pub const DEMO_PASSWORD: &str = "demo-cercle-2026";

pub(crate) const ADMIN: (&str, &str) = ("Camille Le Goff", "admin@demo.cercle.test");

/// Members after seed 002's roles: pilots, a facilitator, members.
pub(crate) const MEMBERS: [(&str, &str, Language); 5] = [
    ("Rozenn Le Bihan", "rozenn@demo.cercle.test", Language::Fr),
    ("Yann Carré", "yann@demo.cercle.test", Language::Fr),
    ("Maëlle Durand", "maelle@demo.cercle.test", Language::Fr),
    ("Priya Raman", "priya@demo.cercle.test", Language::En),
    ("Tomás Ferreira", "tomas@demo.cercle.test", Language::En),
];

/// A person to sign in as, and why.
pub struct DemoLogin {
    pub email: &'static str,
    pub role: &'static str,
}

/// Fills an empty instance; on an instance already set up, adds only what
/// is missing, so the demo can be restarted on the same data.
pub async fn populate(store: &dyn Store, base_url: &str) -> anyhow::Result<Vec<DemoLogin>> {
    const NAME: &str = "Réseau des communs de l'Ouest";
    let now = Timestamp::now();
    let association = store.association().await?;
    let ctx = Context {
        store,
        association: association
            .as_ref()
            .map_or(NAME, |a| a.name.as_str())
            .into(),
        base_url: base_url.trim_end_matches('/'),
        now,
    };
    if association.is_none() {
        let setup = SetupInput {
            name: NAME.to_owned(),
            language: "fr".to_owned(),
            theme_colour: "#009e89".to_owned(),
            display_name: ADMIN.0.to_owned(),
            email: ADMIN.1.to_owned(),
            password: DEMO_PASSWORD.to_owned(),
        };
        accounts::set_up_instance(&ctx.part(), &setup)
            .await
            .map_err(|error| anyhow::anyhow!("{error}"))?;
    }
    let password_hash =
        PasswordHash::of(&Password::parse(DEMO_PASSWORD).map_err(anyhow::Error::msg)?);
    let mut logins = vec![DemoLogin {
        email: ADMIN.1,
        role: "administrator",
    }];
    for (name, email, language) in MEMBERS {
        let account = NewAccount {
            fields: NewAccountFields {
                email: EmailAddress::parse(email).map_err(anyhow::Error::msg)?,
                display_name: DisplayName::parse(name).map_err(anyhow::Error::msg)?,
                password_hash: password_hash.clone(),
                language,
            },
            verification: Verification::Confirmed,
            at: now,
        };
        match store.create_account(&account).await {
            Ok(_) | Err(StoreError::Conflict) => {}
            Err(other) => return Err(other.into()),
        }
        logins.push(DemoLogin {
            email,
            role: "member",
        });
    }
    if store.organisations().await?.is_empty() {
        register(&ctx).await?;
    }
    if store.communities().await?.is_empty() {
        communities(&ctx).await?;
    }
    let admin = account(store, ADMIN.1).await?;
    let upcoming = cercle_core::events::flows::CalendarQuery::parse(&Default::default())
        .map_err(|errors| anyhow::anyhow!("{errors:?}"))?;
    let calendar =
        cercle_core::events::flows::calendar(&ctx.part(), Actor::Session(&admin), &upcoming)
            .await
            .map_err(refused)?;
    if calendar.total == 0 {
        events::populate(&ctx).await?;
    }
    if store.bodies().await?.is_empty() {
        governance::populate(&ctx).await?;
    }
    if store.site_entries(Section::Cards).await?.is_empty() {
        site::populate(&ctx).await?;
    }
    let lists = store.mailing_lists().await?;
    if !lists.iter().any(|list| list.slug.as_str() == "developers") {
        reaching_out(&ctx).await?;
    }
    logins[1].role = "bureau member";
    logins[2].role = "treasurer";
    logins[3].role = "member, representative of Acme (dues unpaid)";
    logins[4].role = "moderator, reviews the adopters who ask to be listed";
    logins[5].role = "member, security contact";
    logins.push(DemoLogin {
        email: "lea@demo.cercle.test",
        role: "applicant waiting for the bureau",
    });
    Ok(logins)
}

/// Organisations, plans, memberships and a bureau after seeds 002 and 004:
/// member companies, one of them behind with its dues; a bureau that met
/// last month; an application waiting for the next session.
async fn register(ctx: &Context<'_, dyn Store>) -> anyhow::Result<()> {
    let admin = account(ctx.store, ADMIN.1).await?;
    let actor = Actor::Session(&admin);
    let rozenn = account(ctx.store, MEMBERS[0].1).await?;
    let yann = account(ctx.store, MEMBERS[1].1).await?.id;
    membership::set_roles(&ctx.part(), actor, rozenn.id, &["bureau_member".to_owned()])
        .await
        .map_err(refused)?;
    membership::set_roles(&ctx.part(), actor, yann, &["treasurer".to_owned()])
        .await
        .map_err(refused)?;

    let organisations = [
        (
            "Acme Infrastructures",
            "company",
            "https://acme-infra.example",
            "120",
            "Hébergeur régional, membre depuis 2019.",
        ),
        (
            "TerraNIS",
            "company",
            "https://terranis.fr",
            "45",
            "Services de géoinformation pour l'agriculture et l'environnement.",
        ),
        (
            "Région Bretagne",
            "public_body",
            "https://geobretagne.fr",
            "",
            "Via le partenariat GeoBretagne.",
        ),
        (
            "UMR LETG",
            "research_unit",
            "https://letg.cnrs.fr",
            "",
            "Littoral, environnement, télédétection, géomatique.",
        ),
        (
            "Les Libres Géographes",
            "association",
            "https://ifl.francophonelibre.org",
            "",
            "Via le projet IFL.",
        ),
    ];
    let mut ids = Vec::new();
    for (name, category, website, size, description) in organisations {
        let input = OrganisationInput {
            name: name.to_owned(),
            category: category.to_owned(),
            website: website.to_owned(),
            logo_url: String::new(),
            description: description.to_owned(),
            size: size.to_owned(),
        };
        ids.push(
            membership::create_organisation(&ctx.part(), actor, &input)
                .await
                .map_err(refused)?,
        );
    }
    membership::affiliate(&ctx.part(), actor, ids[0], MEMBERS[2].1, true)
        .await
        .map_err(refused)?;
    membership::affiliate(&ctx.part(), actor, ids[1], MEMBERS[4].1, true)
        .await
        .map_err(refused)?;

    let plans = [
        (
            "Individuel",
            "person",
            "20",
            "Toutes les communautés\nAssemblée générale",
        ),
        (
            "Organisation",
            "organisation",
            "0:300; 50:900; 250:2500",
            "Communautés pour tous les salariés\nAnnuaire des adhérents",
        ),
        (
            "Contributeur actif",
            "person",
            "0",
            "Salon privé des membres",
        ),
    ];
    let mut plan_ids = Vec::new();
    for (name, holder, prices, services) in plans {
        let input = PlanInput {
            name: name.to_owned(),
            period: "yearly".to_owned(),
            holder: holder.to_owned(),
            currency: "EUR".to_owned(),
            prices: prices.to_owned(),
            services: services.to_owned(),
            non_voting: None,
        };
        plan_ids.push(
            membership::create_plan(&ctx.part(), actor, &input)
                .await
                .map_err(refused)?
                .0
                .to_string(),
        );
    }
    let this_year = format!(
        "{}-01-01",
        Date::of(cercle_core::kernel::time::Timestamp::now()).year()
    );
    let holders = [
        // Acme's dues stay unpaid: its people are refused where good standing counts.
        (format!("organisation:{}", ids[0].0), &plan_ids[1], None),
        (
            format!("organisation:{}", ids[1].0),
            &plan_ids[1],
            Some(("300", "VIR-TERRANIS")),
        ),
        (
            format!("person:{}", account(ctx.store, MEMBERS[3].1).await?.id.0),
            &plan_ids[0],
            Some(("20", "HELLOASSO-4711")),
        ),
        (format!("person:{}", rozenn.id.0), &plan_ids[2], None),
    ];
    for (holder, plan, payment) in holders {
        let input = MembershipInput {
            holder,
            plan: plan.clone(),
            starts_on: this_year.clone(),
        };
        let id = membership::create_membership(&ctx.part(), actor, &input)
            .await
            .map_err(refused)?;
        if let Some((amount, reference)) = payment {
            let input = PaymentInput {
                period: ctx.store.membership(id).await?.periods[0].id.0.to_string(),
                amount: amount.to_owned(),
                paid_on: this_year.clone(),
                method: "transfer".to_owned(),
                reference: reference.to_owned(),
            };
            membership::record_payment(&ctx.part(), actor, id, &input)
                .await
                .map_err(refused)?;
        }
    }

    // Reloaded: the account ctx.now holds the role granted above.
    let rozenn = account(ctx.store, MEMBERS[0].1).await?;
    let bureau = Actor::Session(&rozenn);
    for (kind, days_ago, note) in [
        ("moderation", 30, "Modération du salon #general"),
        ("events", 60, "Organisation du forum annuel"),
    ] {
        let input = ContributionInput {
            kind: kind.to_owned(),
            on: Date::of(cercle_core::kernel::time::Timestamp::now())
                .plus_days(-days_ago)
                .to_string(),
            note: note.to_owned(),
        };
        admission::record_contribution(&ctx.part(), bureau, rozenn.id, &input)
            .await
            .map_err(refused)?;
    }
    let session = SessionInput {
        held_on: Date::of(cercle_core::kernel::time::Timestamp::now())
            .plus_days(-30)
            .to_string(),
        title: "Séance du bureau".to_owned(),
        attendees: vec![rozenn.id.0.to_string(), admin.id.0.to_string()],
    };
    admission::hold_session(&ctx.part(), bureau, &session)
        .await
        .map_err(refused)?;
    let candidate = NewAccount {
        fields: NewAccountFields {
            email: EmailAddress::parse("lea@demo.cercle.test").map_err(anyhow::Error::msg)?,
            display_name: DisplayName::parse("Léa Candidate").map_err(anyhow::Error::msg)?,
            password_hash: PasswordHash::of(
                &Password::parse(DEMO_PASSWORD).map_err(anyhow::Error::msg)?,
            ),
            language: Language::Fr,
        },
        verification: Verification::Confirmed,
        at: ctx.now,
    };
    let lea = ctx
        .store
        .account(ctx.store.create_account(&candidate).await?)
        .await?;
    let application = ApplicationInput {
        plan: plan_ids[0].clone(),
        organisation: String::new(),
        motivation:
            "Je contribue à la documentation et j'aimerais rejoindre le groupe de travail Patterns."
                .to_owned(),
    };
    admission::apply(&ctx.part(), Actor::Session(&lea), &application)
        .await
        .map_err(refused)?;
    Ok(())
}

/// The working groups of seed 000, the members-only community of seed 002
/// with its rules, and seed 003's club with its profile card.
async fn communities(ctx: &Context<'_, dyn Store>) -> anyhow::Result<()> {
    let admin = account(ctx.store, ADMIN.1).await?;
    let actor = Actor::Session(&admin);
    let groups = [
        (
            "learning-path",
            "Groupe de travail Learning Path",
            "working_group",
            "Parcours d'apprentissage",
            "chaque semaine",
            "Produit une série de courtes vidéos et d'articles qui enseignent l'InnerSource.",
            "slack | #learning-path | https://innersourcecommons.slack.com/archives/learning-path",
            "public",
            "open",
        ),
        (
            "patterns",
            "Groupe de travail Patterns",
            "working_group",
            "Bonnes pratiques",
            "régulièrement, surtout en asynchrone",
            "Rédige le livre des InnerSource Patterns.",
            "github | InnerSourcePatterns | https://github.com/InnerSourceCommons/InnerSourcePatterns",
            "public",
            "open",
        ),
        (
            "marketing",
            "Marketing et Communication",
            "working_group",
            "Communication",
            "toutes les deux semaines",
            "Promeut les réussites, soutient la communication et organise les événements.",
            "slack | #marketing | https://innersourcecommons.slack.com/archives/marketing",
            "public",
            "open",
        ),
        (
            "infra-services",
            "Infra & Services",
            "community",
            "Infrastructures numériques",
            "une rencontre par mois",
            "Une communauté d'adhérents autour des infrastructures : retours d'expérience, témoignages, vision prospective.",
            "slack | #infra | https://adnouest.slack.com/archives/infra",
            "members_only",
            "request",
        ),
        (
            "club-innovateurs",
            "Club des innovateurs",
            "community",
            "Communautés de pratique",
            "un jeudi par mois",
            "Pour changer le monde, vous avez besoin d'un réseau !",
            "",
            "public",
            "open",
        ),
        (
            "equipe-technique",
            "Équipe technique",
            "team",
            "Infrastructure et services de l'association",
            "chaque semaine",
            "Maintient les serveurs et le cluster, construit et déploie les services de l'association.",
            "matrix | #tech | https://matrix.to/#/#tech:example.org",
            "members_only",
            "application",
        ),
        (
            "mentors",
            "Cercle des mentors",
            "community",
            "Accompagnement des nouveaux venus",
            "un déjeuner par trimestre",
            "Des membres expérimentés qui accompagnent les nouveaux venus ; on y entre coopté·e par deux mentors.",
            "",
            "public",
            "cooptation",
        ),
    ];
    for (slug, name, kind, theme, cadence, description, channels, visibility, access) in groups {
        let infra = slug == "infra-services";
        let club = slug == "club-innovateurs";
        let input = CommunityInput {
            slug: slug.to_owned(),
            name: name.to_owned(),
            kind: kind.to_owned(),
            theme: theme.to_owned(),
            description: description.to_owned(),
            objectives: if infra {
                "Accompagner la transformation de la vision infra\nVulgariser et expliquer ce qu'est l'infrastructure".to_owned()
            } else {
                String::new()
            },
            cadence: cadence.to_owned(),
            channels: channels.to_owned(),
            visibility: visibility.to_owned(),
            access: access.to_owned(),
            adherents_only: infra.then(|| "on".to_owned()),
            organisation_in_good_standing: infra.then(|| "on".to_owned()),
            individuals_only: None,
            active_contributor_days: String::new(),
            vouches_required: "2".to_owned(),
            questions: if slug == "equipe-technique" {
                "Quelles compétences techniques souhaitez-vous apporter ?\nCombien d'heures par mois pouvez-vous y consacrer ?".to_owned()
            } else {
                String::new()
            },
            card_colour: if club {
                "#009e89".to_owned()
            } else {
                String::new()
            },
            card_quotes: if club {
                "Le monde de demain se fera en réseau et non en grande structure\nOn a besoin de se supporter avec les gens qui travaillent sur les mêmes sujets que nous".to_owned()
            } else {
                String::new()
            },
            card_scores: if club {
                "Program: 100, Open: 90, Mix: 100, Contenu: 10, Make: 90, Neutral: 90".to_owned()
            } else {
                String::new()
            },
        };
        communities::create(&ctx.part(), actor, &input)
            .await
            .map_err(refused)?;
    }
    for (slug, email, role) in [
        ("infra-services", MEMBERS[0].1, "pilot"),
        ("infra-services", ADMIN.1, "facilitator"),
        ("patterns", MEMBERS[3].1, "pilot"),
        ("learning-path", MEMBERS[4].1, "pilot"),
        ("equipe-technique", MEMBERS[1].1, "pilot"),
        ("mentors", MEMBERS[0].1, "pilot"),
        ("mentors", MEMBERS[1].1, "member"),
        // Each sponsor sits on the board (seed 002), which both pages show.
        ("patterns", MEMBERS[4].1, "sponsor"),
        ("learning-path", MEMBERS[3].1, "sponsor"),
    ] {
        let appointment = AppointmentInput {
            email: email.to_owned(),
            role: role.to_owned(),
        };
        communities::appoint(&ctx.part(), actor, slug, &appointment)
            .await
            .map_err(refused)?;
    }
    let priya = account(ctx.store, MEMBERS[3].1).await?;
    let rules = "Intégrer une communauté, c'est aussi accepter ses règles de vie. Il est attendu que le membre :\n\n\
        1. respecte les engagements pris ou propose des solutions alternatives ;\n\
        2. participe dans la mesure du possible aux échanges virtuels et/ou physiques ;\n\
        3. informe le pilote de tout changement de son statut professionnel ;\n\
        4. ne fait pas de la communauté un lieu de promotion de son entreprise, de ses solutions ou de ses services.";
    let version = communities::publish_charter(&ctx.part(), actor, "infra-services", rules)
        .await
        .map_err(refused)?;
    let request = JoinInput {
        motivation: "J'exploite un petit datacenter associatif.".to_owned(),
        engagement: "regular".to_owned(),
        charter_version: version.to_string(),
        accept_charter: Some("on".to_owned()),
        answers: Vec::new(),
    };
    communities::join(
        &ctx.part(),
        Actor::Session(&priya),
        "infra-services",
        &request,
    )
    .await
    .map_err(refused)?;
    joining_demo(ctx).await
}

/// An application waiting for its interview in the association's team, and
/// a co-optation with one vouch of the two it needs.
async fn joining_demo(ctx: &Context<'_, dyn Store>) -> anyhow::Result<()> {
    let maelle = account(ctx.store, MEMBERS[2].1).await?;
    let application = JoinInput {
        motivation: "J'administre des serveurs Debian depuis dix ans.".to_owned(),
        engagement: "regular".to_owned(),
        answers: vec![
            "Supervision, sauvegardes et mises à jour du cluster.".to_owned(),
            "Environ huit heures.".to_owned(),
        ],
        ..JoinInput::default()
    };
    communities::join(
        &ctx.part(),
        Actor::Session(&maelle),
        "equipe-technique",
        &application,
    )
    .await
    .map_err(refused)?;
    let tomas = account(ctx.store, MEMBERS[4].1).await?;
    let cooptation = JoinInput {
        motivation: "J'ai accueilli les nouveaux contributeurs de mon projet pendant trois ans."
            .to_owned(),
        engagement: "occasional".to_owned(),
        ..JoinInput::default()
    };
    let outcome = communities::join(&ctx.part(), Actor::Session(&tomas), "mentors", &cooptation)
        .await
        .map_err(refused)?;
    if let communities::JoinOutcome::Requested(id) = outcome {
        let rozenn = account(ctx.store, MEMBERS[0].1).await?;
        cercle_core::communities::joining::vouch(&ctx.part(), Actor::Session(&rozenn), id)
            .await
            .map_err(refused)?;
    }
    Ok(())
}

/// Seed 001's second mailing list, the developers' beside the general one,
/// and a security contact who receives the private reports.
async fn reaching_out(ctx: &Context<'_, dyn Store>) -> anyhow::Result<()> {
    let admin = account(ctx.store, ADMIN.1).await?;
    let actor = Actor::Session(&admin);
    let developers = MailingListInput {
        slug: "developers".to_owned(),
        name: "Liste des développeurs".to_owned(),
        description: "Le code, les versions et l'administration des serveurs".to_owned(),
    };
    newsletter::create_list(&ctx.part(), actor, &developers)
        .await
        .map_err(refused)?;
    let tomas = account(ctx.store, MEMBERS[4].1).await?;
    membership::set_roles(
        &ctx.part(),
        actor,
        tomas.id,
        &["security_contact".to_owned()],
    )
    .await
    .map_err(refused)?;
    Ok(())
}

pub(crate) async fn account(
    store: &dyn cercle_core::accounts::store::AccountStore,
    email: &str,
) -> anyhow::Result<cercle_core::accounts::account::Account> {
    Ok(store
        .account_by_email(&EmailAddress::parse(email).map_err(anyhow::Error::msg)?)
        .await?)
}

#[expect(
    clippy::needless_pass_by_value,
    reason = "called through map_err, which hands the error over by value"
)]
pub(crate) fn refused(error: FlowError) -> anyhow::Error {
    anyhow::anyhow!("the demo data was refused: {error:?}")
}

pub fn banner(config: &Config, logins: &[DemoLogin]) -> String {
    let mut lines = vec![
        String::new(),
        format!("Cercle demo running at {}", config.base_url),
        format!(
            "Data in {} (emails in its outbox/ folder)",
            config.data_dir.display()
        ),
        format!("Every account's password: {DEMO_PASSWORD}"),
    ];
    lines.extend(
        logins
            .iter()
            .map(|login| format!("  {:<28} {}", login.email, login.role)),
    );
    lines.push(String::new());
    lines.join("\n")
}
