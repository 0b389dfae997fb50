//! The write path, driven by this process's own clients: a join request
//! needs the answer of its submission to be accepted, which `wrk` cannot
//! chain. Each operation is timed from its first request to its last answer.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use cercle_core::kernel::date::Date;
use cercle_core::population::Population;
use reqwest::StatusCode;

use crate::measure::{Load, RssSampler};
use crate::server::Server;

/// People ask to join a new community that takes requests, and the
/// administrator accepts each request: two requests an operation.
pub async fn join_and_accept(
    server: &Server,
    population: &Population,
    admin: &str,
    connections: u32,
    duration: Duration,
) -> anyhow::Result<Load> {
    let client = client()?;
    let slug = format!("bench-joins-{connections}");
    let created = client
        .post(server.url("/communities"))
        .header("Cookie", cookie(admin))
        .form(&[
            ("slug", slug.as_str()),
            ("name", &format!("Accueil des nouveaux {connections}")),
            ("kind", "community"),
            ("theme", "Accueil"),
            ("description", "Les demandes y sont relues une à une."),
            ("visibility", "public"),
            ("access", "request"),
        ])
        .send()
        .await?;
    anyhow::ensure!(
        created.status() == StatusCode::SEE_OTHER,
        "cannot create the community for joins: {}",
        created.status()
    );
    // Person 0 is the signed-in member of the read measurements and the
    // first few hold the association's roles: newcomers come after them.
    let newcomers: Vec<String> = (10..population.scale().sessions)
        .map(|i| population.session(i).0)
        .collect();
    let shared = Arc::new((client, server.url(""), slug, cookie(admin)));
    drive(server, connections, duration, newcomers, move |secret| {
        let shared = Arc::clone(&shared);
        async move {
            let (client, base, slug, admin) = &*shared;
            let asked = client
                .post(format!("{base}/api/v1/communities/{slug}/join"))
                .header("Cookie", cookie(&secret))
                .json(&serde_json::json!({"motivation": "Je souhaite contribuer."}))
                .send()
                .await
                .ok()?;
            let answer: serde_json::Value = asked.json().await.ok()?;
            let request = answer["request"].as_i64()?;
            let decided = client
                .post(format!("{base}/join-requests/{request}/decision"))
                .header("Cookie", admin.as_str())
                .form(&[("verdict", "accept")])
                .send()
                .await
                .ok()?;
            (decided.status() == StatusCode::SEE_OTHER).then_some(())
        }
    })
    .await
}

/// The administrator records the dues of the generated memberships, period
/// after period.
pub async fn record_payments(
    server: &Server,
    population: &Population,
    admin: &str,
    connections: u32,
    duration: Duration,
) -> anyhow::Result<Load> {
    let today = Date::of(cercle_core::kernel::time::Timestamp::now()).to_string();
    // Identifiers follow the generation order from 1 on a new database.
    let payments: Vec<(u64, u64, String)> = population
        .periods()
        .take(500_000)
        .map(|(m, n, period)| (m + 1, n + 1, period.amount_due.plain()))
        .collect();
    let shared = Arc::new((client()?, server.url(""), cookie(admin), today));
    drive(
        server,
        connections,
        duration,
        payments,
        move |(m, n, amount)| {
            let shared = Arc::clone(&shared);
            async move {
                let (client, base, admin, today) = &*shared;
                let recorded = client
                    .post(format!("{base}/memberships/{m}/payments"))
                    .header("Cookie", admin.as_str())
                    .form(&[
                        ("period", n.to_string().as_str()),
                        ("amount", amount.as_str()),
                        ("paid_on", today.as_str()),
                        ("method", "transfer"),
                    ])
                    .send()
                    .await
                    .ok()?;
                (recorded.status() == StatusCode::SEE_OTHER).then_some(())
            }
        },
    )
    .await
}

/// People register for an event with few seats and cancel at once, over
/// and over, each person in one operation at a time: with more registrants
/// than seats a waitlist forms, and each seat cancelled promotes the head of
/// the list in the cancellation's transaction. Two requests an operation.
pub async fn register_and_cancel(
    server: &Server,
    population: &Population,
    admin: &str,
    connections: u32,
    duration: Duration,
) -> anyhow::Result<Load> {
    let client = client()?;
    let day = Date::of(cercle_core::kernel::time::Timestamp::now())
        .plus_days(30)
        .to_string();
    let created = client
        .post(server.url("/events"))
        .header("Cookie", cookie(admin))
        .form(&[
            ("title", format!("Places limitées {connections}").as_str()),
            ("format", "meetup"),
            ("audience", "public"),
            ("start_date", &day),
            ("start_time", "18:30"),
            ("end_date", &day),
            ("end_time", "20:30"),
            ("capacity", &seats_for(connections).to_string()),
        ])
        .send()
        .await?;
    anyhow::ensure!(
        created.status() == StatusCode::SEE_OTHER,
        "cannot create the event to register for: {}",
        created.status()
    );
    let event = created
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|location| location.to_str().ok())
        .context("the new event's address")?
        .to_owned();
    // As for joins, the people after the first few.
    let people: Vec<String> = (10..population.scale().sessions)
        .map(|i| population.session(i).0)
        .collect();
    anyhow::ensure!(
        people.len() >= connections as usize,
        "registering at {connections} connections needs as many people with a session"
    );
    // A person is taken from those free and given back once their
    // cancellation is answered, so that nobody registers twice at once;
    // there are at least as many as workers, so one is always free.
    let free = Arc::new(Mutex::new(people));
    let next_free = {
        let free = Arc::clone(&free);
        std::iter::from_fn(move || free.lock().ok()?.pop())
    };
    let shared = Arc::new((client, server.url(&event)));
    drive(server, connections, duration, next_free, move |secret| {
        let (shared, free) = (Arc::clone(&shared), Arc::clone(&free));
        async move {
            let (client, event) = &*shared;
            let done = register_then_cancel(client, event, &cookie(&secret)).await;
            free.lock().ok()?.push(secret);
            done
        }
    })
    .await
}

/// The seats of the event people register for: one for every eight
/// connections, fewer than the registrations under way at any moment.
fn seats_for(connections: u32) -> u32 {
    (connections / 8).max(1)
}

async fn register_then_cancel(client: &reqwest::Client, event: &str, cookie: &str) -> Option<()> {
    let empty: [(&str, &str); 0] = [];
    let registered = client
        .post(format!("{event}/registration"))
        .header("Cookie", cookie)
        .form(&empty)
        .send()
        .await
        .ok()?;
    if registered.status() != StatusCode::SEE_OTHER {
        return None;
    }
    let cancelled = client
        .post(format!("{event}/registration/cancel"))
        .header("Cookie", cookie)
        .form(&empty)
        .send()
        .await
        .ok()?;
    (cancelled.status() == StatusCode::SEE_OTHER).then_some(())
}

/// Runs `operation` on `items` in order from `connections` workers until
/// `duration` passes or the items run out; `None` from an operation is an
/// error.
pub(crate) async fn drive<T, I, F, Fut>(
    server: &Server,
    connections: u32,
    duration: Duration,
    items: I,
    operation: F,
) -> anyhow::Result<Load>
where
    T: Send + 'static,
    I: IntoIterator<Item = T>,
    I::IntoIter: Send + 'static,
    F: Fn(T) -> Fut + Send + Sync + Clone + 'static,
    Fut: std::future::Future<Output = Option<()>> + Send,
{
    let sampler = RssSampler::start(server.pid());
    let items = Arc::new(Mutex::new(items.into_iter()));
    let started = Instant::now();
    let deadline = started + duration;
    let mut workers = Vec::new();
    for _ in 0..connections {
        let (items, operation) = (Arc::clone(&items), operation.clone());
        workers.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut errors = 0_u64;
            while Instant::now() < deadline {
                let Some(item) = items.lock().ok().and_then(|mut items| items.next()) else {
                    break;
                };
                let began = Instant::now();
                match operation(item).await {
                    Some(()) => latencies.push(began.elapsed()),
                    None => errors += 1,
                }
            }
            (latencies, errors)
        }));
    }
    let mut latencies = Vec::new();
    let mut errors = 0;
    for worker in workers {
        let (mut mine, failed) = worker.await.context("a load worker stopped")?;
        latencies.append(&mut mine);
        errors += failed;
    }
    let elapsed = started.elapsed();
    let peak_rss_mb = sampler.stop();
    latencies.sort_unstable();
    let percentile = |p: f64| {
        latencies
            .get(((latencies.len() as f64 * p) as usize).min(latencies.len().saturating_sub(1)))
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    Ok(Load {
        requests_per_second: latencies.len() as f64 / elapsed.as_secs_f64(),
        p50_ms: percentile(0.50),
        p99_ms: percentile(0.99),
        errors,
        peak_rss_mb,
    })
}

pub(crate) fn client() -> anyhow::Result<reqwest::Client> {
    Ok(reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(1024)
        .timeout(Duration::from_secs(10))
        .build()?)
}

pub(crate) fn cookie(secret: &str) -> String {
    format!("cercle_session={secret}")
}
