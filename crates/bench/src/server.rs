//! The servers under measure, as child processes: the bare ceiling and
//! `cercle serve`, each on a free loopback port.

use std::net::{SocketAddr, TcpListener};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use axum::response::Html;
use cercle_core::population::Population;

use crate::PASSWORD;

pub struct Server {
    child: Child,
    pub address: SocketAddr,
}

impl Server {
    /// This binary's own `ceiling` subcommand.
    pub fn ceiling() -> anyhow::Result<Self> {
        let address = free_port()?;
        let child = Command::new(std::env::current_exe()?)
            .args(["ceiling", "--listen", &address.to_string()])
            .stdout(Stdio::null())
            .spawn()
            .context("cannot start the ceiling server")?;
        Ok(Self { child, address })
    }

    /// `cercle serve` on `database_url`, logging warnings only, as the
    /// ceiling logs nothing.
    pub fn cercle(cercle: &Path, database_url: &str, data: &Path) -> anyhow::Result<Self> {
        let address = free_port()?;
        let child = Command::new(cercle)
            .args(["serve", "--listen", &address.to_string()])
            .arg("--database-url")
            .arg(database_url)
            .arg("--data-dir")
            .arg(data)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .spawn()
            .with_context(|| format!("cannot start {}", cercle.display()))?;
        Ok(Self { child, address })
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Polls `path` until it answers 200, for at most two minutes.
    pub async fn wait_until_answering(&self, path: &str) -> anyhow::Result<()> {
        let client = reqwest::Client::new();
        let deadline = Instant::now() + Duration::from_secs(120);
        while Instant::now() < deadline {
            if let Ok(response) = client.get(self.url(path)).send().await
                && response.status() == reqwest::StatusCode::OK
            {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        anyhow::bail!("{} did not answer 200 within two minutes", self.url(path))
    }

    /// SIGTERM, then waits: `cercle serve` finishes what it has in hand.
    /// Past a minute it is killed, so that a stuck server cannot hold the
    /// run.
    pub fn stop(mut self) -> anyhow::Result<()> {
        Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()?;
        let deadline = Instant::now() + Duration::from_secs(60);
        while self.child.try_wait()?.is_none() {
            if Instant::now() > deadline {
                self.child.kill()?;
                self.child.wait()?;
                anyhow::bail!("the server did not stop within a minute of SIGTERM");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(())
    }
}

/// Runs `cercle admin generate` for `population`'s sizes into a new
/// database; returns its output (the rate of each table) and how long it
/// took.
pub fn generate(
    cercle: &Path,
    database_url: &str,
    data: &Path,
    population: &Population,
    seed: u64,
) -> anyhow::Result<(String, Duration)> {
    let scale = population.scale();
    let started = Instant::now();
    let output = Command::new(cercle)
        .args(["admin", "generate", "--database-url", database_url])
        .arg("--data-dir")
        .arg(data)
        .args([
            "--seed".to_owned(),
            seed.to_string(),
            "--people".to_owned(),
            scale.people.to_string(),
            "--organisations".to_owned(),
            scale.organisations.to_string(),
            "--communities".to_owned(),
            scale.communities.to_string(),
            "--community-memberships".to_owned(),
            scale.community_memberships.to_string(),
            "--join-requests".to_owned(),
            scale.join_requests.to_string(),
            "--dues-years".to_owned(),
            scale.dues_years.to_string(),
            "--sessions".to_owned(),
            scale.sessions.to_string(),
            "--events".to_owned(),
            scale.events.to_string(),
            "--event-registrations".to_owned(),
            scale.event_registrations.to_string(),
        ])
        .env("CERCLE_ADMIN_PASSWORD", PASSWORD)
        .env("RUST_LOG", "warn")
        .output()
        .with_context(|| format!("cannot run {}", cercle.display()))?;
    let elapsed = started.elapsed();
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    if !output.status.success() {
        anyhow::bail!(
            "cercle admin generate failed: {text}{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    print!("{text}");
    Ok((text, elapsed))
}

/// The bare server: a fixed 5 KB HTML page, whatever the path.
pub async fn ceiling(listen: SocketAddr) -> anyhow::Result<()> {
    let page: &'static str = Box::leak(fixed_page().into_boxed_str());
    let app = axum::Router::new().fallback(move || async move { Html(page) });
    let listener = tokio::net::TcpListener::bind(listen).await?;
    axum::serve(listener, app).await?;
    Ok(())
}

fn fixed_page() -> String {
    let mut page = String::from(
        "<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Plafond</title></head><body><main>",
    );
    while page.len() < 5 * 1024 - 32 {
        page.push_str("<p>Une page fixe de cinq kilo-octets, servie telle quelle.</p>");
    }
    page.push_str("</main></body></html>");
    page
}

fn free_port() -> anyhow::Result<SocketAddr> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?)
}
