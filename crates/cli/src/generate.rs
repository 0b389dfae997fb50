//! `cercle admin generate`: fills a new instance with a synthetic association
//! at a chosen scale, for benchmarks and load tests.

use std::sync::Arc;
use std::time::Instant;

use anyhow::Context as _;
use cercle_core::accounts::account::{Password, PasswordHash};
use cercle_core::accounts::flows::{self as accounts, SetupInput};
use cercle_core::kernel::association::Language;
use cercle_core::kernel::date::Date;
use cercle_core::kernel::time::Timestamp;
use cercle_core::population::{Population, Scale, ScaleInput};
use cercle_core::store::Store;
use cercle_store::bulk::{self, TableLoad};

use crate::config::Config;

/// The sizes and the seed, as given on the command line; the defaults are
/// the million-member benchmark's.
#[derive(clap::Args)]
pub struct GenerateArgs {
    /// The same seed writes the same data.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    #[arg(long, default_value_t = ScaleInput::MILLION.people)]
    pub people: u64,
    #[arg(long, default_value_t = ScaleInput::MILLION.organisations)]
    pub organisations: u64,
    #[arg(long, default_value_t = ScaleInput::MILLION.communities)]
    pub communities: u64,
    #[arg(long, default_value_t = ScaleInput::MILLION.community_memberships)]
    pub community_memberships: u64,
    #[arg(long, default_value_t = ScaleInput::MILLION.join_requests)]
    pub join_requests: u64,
    #[arg(long, default_value_t = ScaleInput::MILLION.dues_years)]
    pub dues_years: u64,
    /// People given a ready session, for load tests that act as them.
    #[arg(long, default_value_t = ScaleInput::MILLION.sessions)]
    pub sessions: u64,
    /// Events of the communities and of the association, a tenth of them
    /// weekly series.
    #[arg(long, default_value_t = ScaleInput::MILLION.events)]
    pub events: u64,
    #[arg(long, default_value_t = ScaleInput::MILLION.event_registrations)]
    pub event_registrations: u64,
}

impl GenerateArgs {
    fn scale(&self) -> ScaleInput {
        ScaleInput {
            people: self.people,
            organisations: self.organisations,
            communities: self.communities,
            community_memberships: self.community_memberships,
            join_requests: self.join_requests,
            dues_years: self.dues_years,
            sessions: self.sessions,
            events: self.events,
            event_registrations: self.event_registrations,
        }
    }
}

/// Sets the instance up when it is new (administrator `admin@example.org`,
/// with `password`), then loads the population; every generated person gets
/// the same password.
pub async fn generate(
    config: &Config,
    store: &dyn Store,
    args: &GenerateArgs,
    password: String,
) -> anyhow::Result<()> {
    let scale = Scale::parse(args.scale()).map_err(|error| {
        anyhow::anyhow!(
            "--{}: {}",
            error.field,
            cercle_core::kernel::i18n::text(Language::En, error.message)
        )
    })?;
    let parsed = Password::parse(&password).map_err(|error| {
        anyhow::anyhow!(
            "{}",
            cercle_core::kernel::i18n::text(Language::En, error.message)
        )
    })?;
    if store.association().await?.is_none() {
        let setup = SetupInput {
            name: "Réseau des communs numériques".to_owned(),
            language: "fr".to_owned(),
            theme_colour: "#009e89".to_owned(),
            display_name: "Cécile Admin".to_owned(),
            email: "admin@example.org".to_owned(),
            password: password.clone(),
        };
        accounts::set_up_instance(
            &cercle_core::kernel::flow::Context {
                store,
                association: setup.name.as_str().into(),
                base_url: "",
                now: Timestamp::now(),
            },
            &setup,
        )
        .await
        .map_err(|error| anyhow::anyhow!("cannot set the instance up: {error}"))?;
    }
    let population = Arc::new(Population::new(
        scale,
        args.seed,
        Date::of(cercle_core::kernel::time::Timestamp::now()),
        Timestamp::now(),
    ));
    let started = Instant::now();
    let loads = bulk::load(
        &config.database.url,
        population,
        PasswordHash::of(&parsed),
        |load: &TableLoad| {
            println!(
                "{:<24} {:>10} rows {:>8.1} s {:>10.0} rows/s",
                load.table,
                load.rows,
                load.elapsed.as_secs_f64(),
                load.rate()
            );
        },
    )
    .await
    .context("cannot load the generated association")?;
    let rows: u64 = loads.iter().map(|load| load.rows).sum();
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{rows} rows in {seconds:.1} s ({:.0} rows/s); {} people in {:.1} s",
        rows as f64 / seconds,
        args.people,
        loads
            .iter()
            .find(|load| load.table == "accounts")
            .map_or(0.0, |load| load.elapsed.as_secs_f64())
    );
    Ok(())
}
