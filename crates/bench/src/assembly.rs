//! The general assembly of the generated association, issue 15's scale:
//! the bureau convenes the whole roll, the worker writes one convocation
//! per person to the outbox, people of the roll vote online in a secret
//! written consultation, and the chair closes the ballot, whose count must
//! be exactly the votes accepted.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use cercle_core::kernel::date::Date;
use cercle_core::population::Population;
use reqwest::StatusCode;

use crate::measure::{Load, RssSampler};
use crate::server::Server;
use crate::writes::{client, cookie, drive};

/// How many online votes are cast, at most: the ten thousand.
const VOTES: usize = 10_000;

/// How long the convocation may take before the benchmark stops waiting.
const CONVOCATION_LIMIT: Duration = Duration::from_secs(600);

/// What the assembly gave on one backend.
pub struct AssemblyFigures {
    pub roll: u64,
    /// Freezing the roll, the convocation request's answer.
    pub frozen_in: Duration,
    /// From the convocation to its last email in the outbox.
    pub convened_in: Duration,
    pub convocation_rss_mb: f64,
    pub emails: u64,
    /// Votes sent, one per person.
    pub cast: u64,
    pub votes: Load,
    /// Closing the ballot, which counts it.
    pub counted_in: Duration,
    /// Whether the count is the votes accepted, choice by choice.
    pub exact: bool,
}

pub async fn run(
    server: &Server,
    population: &Population,
    admin: &str,
    data: &Path,
    connections: u32,
) -> anyhow::Result<AssemblyFigures> {
    let client = client()?;
    let admin = cookie(admin);
    let today = Date::of(cercle_core::kernel::time::Timestamp::now());
    let created = client
        .post(server.url("/assemblies"))
        .header("Cookie", &admin)
        .form(&[
            ("title", "Assemblée générale du banc d'essai"),
            ("kind", "ordinary"),
            ("date", &today.plus_days(30).to_string()),
            ("time", "14:00"),
            ("place", "En ligne"),
        ])
        .send()
        .await?;
    anyhow::ensure!(
        created.status() == StatusCode::SEE_OTHER,
        "cannot create the assembly: {}",
        created.status()
    );
    let assembly = created
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|location| location.to_str().ok())
        .context("the new assembly's address")?
        .to_owned();
    let added = client
        .post(server.url(&format!("{assembly}/items")))
        .header("Cookie", &admin)
        .form(&[
            ("title", "Consultation écrite"),
            ("resolution", "on"),
            ("text", "Le rapport d'activité est approuvé."),
            ("majority", "simple"),
            ("ballot", "secret"),
            ("opens_date", &today.to_string()),
            ("closes_date", &today.plus_days(10).to_string()),
        ])
        .send()
        .await?;
    anyhow::ensure!(
        added.status() == StatusCode::SEE_OTHER,
        "cannot add the resolution: {}",
        added.status()
    );
    let api = server.url(&format!("/api/v1{assembly}"));
    let item = client
        .get(&api)
        .header("Cookie", &admin)
        .send()
        .await?
        .json::<serde_json::Value>()
        .await?["agenda"][0]["id"]
        .as_i64()
        .context("the resolution's id in the assembly's API")?;

    let outbox = data.join("outbox");
    let before = count_files(&outbox);
    let sampler = RssSampler::start(server.pid());
    let started = Instant::now();
    let convened = client
        .post(server.url(&format!("{assembly}/convene")))
        .header("Cookie", &admin)
        .timeout(CONVOCATION_LIMIT)
        .send()
        .await?;
    let frozen_in = started.elapsed();
    anyhow::ensure!(
        convened.status() == StatusCode::SEE_OTHER,
        "cannot convene: {}",
        convened.status()
    );
    let roll = client
        .get(&api)
        .header("Cookie", &admin)
        .send()
        .await?
        .json::<serde_json::Value>()
        .await?["roll_size"]
        .as_u64()
        .context("the roll's size in the assembly's API")?;
    let mut emails = 0;
    while started.elapsed() < CONVOCATION_LIMIT {
        emails = count_files(&outbox).saturating_sub(before);
        if emails >= roll {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let convened_in = started.elapsed();
    let convocation_rss_mb = sampler.stop();

    // The people of the roll with a session, each voting once, for or
    // against by turns.
    let voters: Vec<(String, &'static str)> = (1..population.scale().sessions)
        .filter(|i| population.on_roll(*i))
        .take(VOTES)
        .enumerate()
        .map(|(n, i)| {
            let choice = if n % 3 == 0 { "against" } else { "for" };
            (population.session(i).0, choice)
        })
        .collect();
    let expected_for = voters.iter().filter(|(_, c)| *c == "for").count();
    let expected_against = voters.len() - expected_for;
    let cast = u64::try_from(voters.len()).unwrap_or(u64::MAX);
    let votes_url = format!("{api}/items/{item}/votes");
    let shared = std::sync::Arc::new((client.clone(), votes_url));
    let votes = drive(
        server,
        connections,
        Duration::from_secs(120),
        voters,
        move |(secret, choice)| {
            let shared = std::sync::Arc::clone(&shared);
            async move {
                let (client, url) = &*shared;
                let cast = client
                    .post(url)
                    .header("Cookie", cookie(&secret))
                    .json(&serde_json::json!({ "choice": choice }))
                    .send()
                    .await
                    .ok()?;
                (cast.status() == StatusCode::CREATED).then_some(())
            }
        },
    )
    .await?;

    let started = Instant::now();
    let closed = client
        .post(format!("{api}/items/{item}/close"))
        .header("Cookie", &admin)
        .send()
        .await?;
    let counted_in = started.elapsed();
    anyhow::ensure!(
        closed.status().is_success(),
        "cannot close the ballot: {}",
        closed.status()
    );
    let tally: serde_json::Value = closed.json().await?;
    let accepted = |n: usize| u64::try_from(n).unwrap_or(u64::MAX);
    let exact = votes.errors == 0
        && tally["for"].as_u64() == Some(accepted(expected_for))
        && tally["against"].as_u64() == Some(accepted(expected_against));
    Ok(AssemblyFigures {
        roll,
        frozen_in,
        convened_in,
        convocation_rss_mb,
        emails,
        cast,
        votes,
        counted_in,
        exact,
    })
}

fn count_files(folder: &Path) -> u64 {
    std::fs::read_dir(folder).map_or(0, |entries| {
        u64::try_from(entries.filter_map(Result::ok).count()).unwrap_or(u64::MAX)
    })
}
