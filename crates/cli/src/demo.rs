//! The demo instance: an association shaped after the seed pages, with an
//! administrator and a few members, ready to explore.

use cercle_core::account::{DisplayName, EmailAddress, NewAccountFields, Password, PasswordHash};
use cercle_core::accounts::{self, SetupInput};
use cercle_core::association::Language;
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
    Ok(logins)
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
