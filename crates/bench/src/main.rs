//! `cercle-bench`: measures Cercle against a bare HTTP server on the same
//! machine, in one run, on a generated association of a million people.
//!
//! `run` generates the association with `cercle admin generate` on each
//! backend, starts `cercle serve` on it, loads each page with `wrk` (reads)
//! or with its own clients (writes, which need the answer of one request to
//! make the next), and prints one Markdown table, also written to
//! `bench/results/`. `ceiling` is the bare server: a fixed 5 KB page from
//! axum, the most any page could do on this machine.

mod assembly;
mod measure;
mod report;
mod server;
mod writes;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use cercle_core::kernel::date::Date;
use cercle_core::kernel::time::Timestamp;
use cercle_core::kernel::visibility::{Audience, Visibility};
use cercle_core::population::{Population, Scale, ScaleInput};
use clap::{Parser, Subcommand};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};

use crate::measure::wrk;
use crate::report::{Report, Row};
use crate::server::Server;

#[derive(Parser)]
#[command(name = "cercle-bench", about = "Measure Cercle against a bare server.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve a fixed 5 KB HTML page with bare axum: the ceiling.
    Ceiling {
        #[arg(long)]
        listen: std::net::SocketAddr,
    },
    /// Generate, serve and measure; print and write the results.
    Run(RunArgs),
}

#[derive(clap::Args)]
struct RunArgs {
    /// The `cercle` binary to measure, built in release mode.
    #[arg(long, default_value = "target/release/cercle")]
    cercle: PathBuf,
    /// People to generate; the other sizes follow in the proportions of the
    /// million-member association (20,000 organisations, 10,000
    /// communities, 3 memberships a person, 200,000 requests, 200,000
    /// events with 2,000,000 registrations).
    #[arg(long, default_value_t = 1_000_000)]
    people: u64,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// How long each measurement lasts.
    #[arg(long, default_value_t = 10)]
    seconds: u64,
    #[arg(long, value_delimiter = ',', default_value = "64,256")]
    connections: Vec<u32>,
    /// `sqlite`, `postgres`, or both.
    #[arg(long, value_delimiter = ',', default_value = "sqlite,postgres")]
    backends: Vec<String>,
    /// A PostgreSQL server where a scratch database may be created.
    #[arg(
        long,
        env = "CERCLE_BENCH_POSTGRES",
        default_value = "postgres://postgres@127.0.0.1:5432/test"
    )]
    postgres: String,
    /// Where the Markdown results are written.
    #[arg(long, default_value = "bench/results")]
    out: PathBuf,
    /// Measure only the rows whose name contains one of these words, such as
    /// `--only "member's home,join"` while profiling one path; every row
    /// when empty.
    #[arg(long, value_delimiter = ',')]
    only: Vec<String>,
}

impl RunArgs {
    fn measures(&self, row: &str) -> bool {
        self.only.is_empty() || self.only.iter().any(|word| row.contains(word.as_str()))
    }
}

const PASSWORD: &str = "correct horse battery";

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    match cli.command {
        Command::Ceiling { listen } => runtime.block_on(server::ceiling(listen)),
        Command::Run(args) => runtime.block_on(run(&args)),
    }
}

async fn run(args: &RunArgs) -> anyhow::Result<()> {
    let input = scale_for(args.people);
    let population = Population::new(
        Scale::parse(input).map_err(|e| anyhow::anyhow!("--people: {}", e.field))?,
        args.seed,
        Date::of(cercle_core::kernel::time::Timestamp::now()),
        Timestamp::now(),
    );
    let mut report = Report::new(input, args.seconds);

    let ceiling = Server::ceiling()?;
    ceiling.wait_until_answering("/").await?;
    for &connections in &args.connections {
        let load = wrk(&ceiling, "/", connections, args.seconds, None)?;
        report.ceiling(connections, load.requests_per_second);
        report.push(Row::new(
            "ceiling",
            "bare axum, fixed 5 KB page",
            connections,
            load,
        ));
    }
    ceiling.stop()?;

    for backend in &args.backends {
        measure_backend(args, backend, &population, &mut report).await?;
    }

    let markdown = report.markdown()?;
    println!("{markdown}");
    let path = report.write(&args.out, &markdown)?;
    println!("written to {}", path.display());
    Ok(())
}

/// The sizes of the million-member association, scaled to `people`.
fn scale_for(people: u64) -> ScaleInput {
    let million = ScaleInput::MILLION;
    let part = |n: u64| (n * people / million.people).max(1);
    ScaleInput {
        people,
        organisations: part(million.organisations),
        communities: part(million.communities),
        community_memberships: part(million.community_memberships),
        join_requests: part(million.join_requests),
        dues_years: million.dues_years,
        sessions: part(million.sessions).max(100),
        events: part(million.events),
        event_registrations: part(million.event_registrations),
    }
}

async fn measure_backend(
    args: &RunArgs,
    backend: &str,
    population: &Population,
    report: &mut Report,
) -> anyhow::Result<()> {
    let data = tempdir(backend)?;
    let scratch = match backend {
        "sqlite" => None,
        "postgres" => Some(
            cercle_store::testing::scratch_postgres(&args.postgres)
                .await
                .context("PostgreSQL must answer for the PostgreSQL run")?,
        ),
        other => anyhow::bail!("unknown backend {other}: use sqlite or postgres"),
    };
    let database_url = match &scratch {
        Some(scratch) => scratch.url.clone(),
        None => format!("sqlite://{}", data.join("cercle.db").display()),
    };

    let generated = server::generate(&args.cercle, &database_url, &data, population, args.seed)?;
    report.generation(backend, generated);

    let started = Instant::now();
    let serve = Server::cercle(&args.cercle, &database_url, &data)?;
    let (slug, members, c) = largest_public(population);
    let community_path = format!("/c/{slug}");
    serve.wait_until_answering(&community_path).await?;
    report.cold_start(backend, started.elapsed());

    let member = format!("cercle_session={}", population.session(0).0);
    let search_term = population.community(0).fields.theme;
    let community_events = format!("/events?community={slug}");
    let (event, registrations) = busiest_event(population, c)
        .context("no coming public event has a capacity: generate more events")?;
    // Identifiers follow the generation order from 1 on a new database.
    let event_path = format!("/events/{}", event + 1);
    let reads: Vec<(&str, String, Option<&str>)> = vec![
        ("home page", "/".to_owned(), None),
        ("directory, page 1", "/communities".to_owned(), None),
        (
            "directory, page 500",
            "/communities?page=500".to_owned(),
            None,
        ),
        ("community page", community_path.clone(), None),
        (
            "community page (signed in, never cached)",
            community_path.clone(),
            Some(member.as_str()),
        ),
        (
            "member's home (signed in)",
            "/home".to_owned(),
            Some(member.as_str()),
        ),
        (
            "directory search",
            format!(
                "/communities?q={}",
                utf8_percent_encode(&search_term, NON_ALPHANUMERIC)
            ),
            None,
        ),
        (
            "GET /api/v1/communities",
            "/api/v1/communities".to_owned(),
            None,
        ),
        ("events of the association", "/events".to_owned(), None),
        (
            "events of the association (signed in)",
            "/events".to_owned(),
            Some(member.as_str()),
        ),
        ("events of a community", community_events.clone(), None),
        (
            "events of a community (signed in)",
            community_events,
            Some(member.as_str()),
        ),
        (
            "event page (signed in)",
            event_path.clone(),
            Some(member.as_str()),
        ),
    ];
    for (name, path, cookie) in reads.iter().filter(|(name, ..)| args.measures(name)) {
        for &connections in &args.connections {
            let load = wrk(&serve, path, connections, args.seconds, *cookie)?;
            report.push(Row::read(backend, name, connections, load));
        }
    }
    let admin = population.administrator_session().0;
    const JOINS: &str = "join request submitted and accepted";
    const PAYMENTS: &str = "dues payment recorded";
    const REGISTRATIONS: &str = "event registration then cancellation, with a waitlist";
    for &connections in &args.connections {
        let duration = Duration::from_secs(args.seconds);
        if args.measures(JOINS) {
            let joins =
                writes::join_and_accept(&serve, population, &admin, connections, duration).await?;
            report.push(Row::new(backend, JOINS, connections, joins));
        }
        if args.measures(PAYMENTS) {
            let payments =
                writes::record_payments(&serve, population, &admin, connections, duration).await?;
            report.push(Row::new(backend, PAYMENTS, connections, payments));
        }
        if args.measures(REGISTRATIONS) {
            let registrations =
                writes::register_and_cancel(&serve, population, &admin, connections, duration)
                    .await?;
            report.push(Row::new(backend, REGISTRATIONS, connections, registrations));
        }
    }
    const ASSEMBLY: &str = "general assembly of the whole roll";
    if args.measures(ASSEMBLY) {
        let connections = args.connections.iter().copied().max().unwrap_or(64);
        let figures = assembly::run(&serve, population, &admin, &data, connections).await?;
        report.push(Row::new(
            backend,
            "online votes in a secret ballot",
            connections,
            figures.votes,
        ));
        report.assembly(backend, figures);
    }
    report.community(slug, members);
    report.event(event_path, registrations);
    serve.stop()?;
    if let Some(scratch) = scratch {
        scratch.drop_database().await?;
    }
    std::fs::remove_dir_all(&data).ok();
    Ok(())
}

/// The largest community a visitor may see, as its slug, its members and
/// its index: sizes fall with the index.
fn largest_public(population: &Population) -> (String, u64, u64) {
    (0..population.scale().communities)
        .map(|c| (c, population.community(c)))
        .find(|(_, community)| community.fields.visibility == Visibility::Public)
        .map(|(c, community)| {
            (
                community.fields.slug.as_str().to_owned(),
                community.members,
                c,
            )
        })
        .expect("some community is public")
}

/// The coming single event everyone sees with the most registrations and a
/// capacity, so that its page counts the seats left: one of
/// community `c`'s, else one of the association's. Its index and its
/// registrations.
fn busiest_event(population: &Population, c: u64) -> Option<(u64, u64)> {
    let now = Timestamp::now();
    let coming: Vec<(u64, Option<u64>)> = (0..population.scale().events)
        .filter_map(|e| {
            let event = population.event(e);
            let fields = &event.fields;
            (event.recurrence.is_none()
                && fields.audience == Audience::Public
                && fields.registration.capacity.is_some()
                && fields.starts_at > now)
                .then_some((e, event.community))
        })
        .collect();
    [Some(c), None].into_iter().find_map(|holder| {
        coming
            .iter()
            .filter(|(_, community)| *community == holder)
            .map(|(e, _)| (*e, population.registrations_for(*e)))
            .max_by_key(|(_, registrations)| *registrations)
    })
}

fn tempdir(backend: &str) -> anyhow::Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("cercle-bench-{backend}-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}
