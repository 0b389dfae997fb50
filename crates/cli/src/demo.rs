//! The demo instance: an association shaped after the seed pages, with an
//! administrator and a few members, ready to explore.

use cercle_core::account::{DisplayName, EmailAddress, NewAccountFields, Password, PasswordHash};
use cercle_core::accounts::{self, FlowError, SetupInput};
use cercle_core::admission::{self, ApplicationInput, ContributionInput, SessionInput};
use cercle_core::association::Language;
use cercle_core::date::Date;
use cercle_core::dues::PlanInput;
use cercle_core::membership::{self, MembershipInput, PaymentInput};
use cercle_core::policy::Actor;
use cercle_core::register::OrganisationInput;
use cercle_core::store::{NewAccount, Store, StoreError, Verification};
use cercle_core::time::Timestamp;

use crate::config::Config;

/// The password of every demo account, printed with the log-ins.
pub const DEMO_PASSWORD: &str = "demo-cercle-2026";

const ADMIN: (&str, &str) = ("Camille Le Goff", "admin@demo.cercle.test");

/// Members after seed 002's roles: pilots, a facilitator, members.
const MEMBERS: [(&str, &str, Language); 5] = [
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
pub async fn populate(store: &dyn Store) -> anyhow::Result<Vec<DemoLogin>> {
    let now = Timestamp::now();
    if store.association().await?.is_none() {
        let setup = SetupInput {
            name: "Réseau des communs de l'Ouest".to_owned(),
            language: "fr".to_owned(),
            theme_colour: "#009e89".to_owned(),
            display_name: ADMIN.0.to_owned(),
            email: ADMIN.1.to_owned(),
            password: DEMO_PASSWORD.to_owned(),
        };
        accounts::set_up_instance(store, &setup, now)
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
        register(store, now).await?;
    }
    logins[1].role = "bureau member";
    logins[2].role = "treasurer";
    logins[3].role = "member, representative of Acme (dues unpaid)";
    logins.push(DemoLogin {
        email: "lea@demo.cercle.test",
        role: "applicant waiting for the bureau",
    });
    Ok(logins)
}

/// Organisations, plans, memberships and a bureau after seeds 002 and 004:
/// member companies, one of them behind with its dues; a bureau that met
/// last month; an application waiting for the next session.
async fn register(store: &dyn Store, now: Timestamp) -> anyhow::Result<()> {
    let admin = account(store, ADMIN.1).await?;
    let actor = Actor::Session(&admin);
    let rozenn = account(store, MEMBERS[0].1).await?;
    let yann = account(store, MEMBERS[1].1).await?.id;
    membership::set_roles(store, actor, rozenn.id, &["bureau_member".to_owned()], now)
        .await
        .map_err(refused)?;
    membership::set_roles(store, actor, yann, &["treasurer".to_owned()], now)
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
            membership::create_organisation(store, actor, &input, now)
                .await
                .map_err(refused)?,
        );
    }
    membership::affiliate(store, actor, ids[0], MEMBERS[2].1, true, now)
        .await
        .map_err(refused)?;
    membership::affiliate(store, actor, ids[1], MEMBERS[4].1, true, now)
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
        };
        plan_ids.push(
            membership::create_plan(store, actor, &input, now)
                .await
                .map_err(refused)?
                .0
                .to_string(),
        );
    }
    let this_year = format!("{}-01-01", Date::today().year());
    let holders = [
        // Acme's dues stay unpaid: its people are refused where good standing counts.
        (format!("organisation:{}", ids[0].0), &plan_ids[1], None),
        (
            format!("organisation:{}", ids[1].0),
            &plan_ids[1],
            Some(("300", "VIR-TERRANIS")),
        ),
        (
            format!("person:{}", account(store, MEMBERS[3].1).await?.id.0),
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
        let id = membership::create_membership(store, actor, &input, now)
            .await
            .map_err(refused)?;
        if let Some((amount, reference)) = payment {
            let input = PaymentInput {
                period: store.membership(id).await?.periods[0].id.0.to_string(),
                amount: amount.to_owned(),
                paid_on: this_year.clone(),
                method: "transfer".to_owned(),
                reference: reference.to_owned(),
            };
            membership::record_payment(store, actor, id, &input, now)
                .await
                .map_err(refused)?;
        }
    }

    // Reloaded: the account now holds the role granted above.
    let rozenn = account(store, MEMBERS[0].1).await?;
    let bureau = Actor::Session(&rozenn);
    for (kind, days_ago, note) in [
        ("moderation", 30, "Modération du salon #general"),
        ("events", 60, "Organisation du forum annuel"),
    ] {
        let input = ContributionInput {
            kind: kind.to_owned(),
            on: Date::today().plus_days(-days_ago).to_string(),
            note: note.to_owned(),
        };
        admission::record_contribution(store, bureau, rozenn.id, &input, now)
            .await
            .map_err(refused)?;
    }
    let session = SessionInput {
        held_on: Date::today().plus_days(-30).to_string(),
        title: "Séance du bureau".to_owned(),
        attendees: vec![rozenn.id.0.to_string(), admin.id.0.to_string()],
    };
    admission::hold_session(store, bureau, &session, now)
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
        at: now,
    };
    let lea = store
        .account(store.create_account(&candidate).await?)
        .await?;
    let application = ApplicationInput {
        plan: plan_ids[0].clone(),
        organisation: String::new(),
        motivation:
            "Je contribue à la documentation et j'aimerais rejoindre le groupe de travail Patterns."
                .to_owned(),
    };
    admission::apply(store, Actor::Session(&lea), &application, now)
        .await
        .map_err(refused)?;
    Ok(())
}

async fn account(store: &dyn Store, email: &str) -> anyhow::Result<cercle_core::account::Account> {
    Ok(store
        .account_by_email(&EmailAddress::parse(email).map_err(anyhow::Error::msg)?)
        .await?)
}

fn refused(error: FlowError) -> anyhow::Error {
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
