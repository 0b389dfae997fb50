//! The results as one Markdown document: the machine, the commit, the
//! scale, each measurement with its ratio to the ceiling, and the targets
//! met or missed.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use cercle_core::population::ScaleInput;

use crate::assembly::AssemblyFigures;
use crate::measure::Load;

pub struct Row {
    backend: String,
    name: String,
    connections: u32,
    load: Load,
    /// A page read, compared with the ceiling.
    read: bool,
}

impl Row {
    pub fn new(backend: &str, name: &str, connections: u32, load: Load) -> Self {
        Self {
            backend: backend.to_owned(),
            name: name.to_owned(),
            connections,
            load,
            read: false,
        }
    }

    /// A page read, compared with the ceiling measured at the same number
    /// of connections.
    pub fn read(backend: &str, name: &str, connections: u32, load: Load) -> Self {
        Self {
            read: true,
            ..Self::new(backend, name, connections, load)
        }
    }
}

pub struct Report {
    scale: ScaleInput,
    seconds: u64,
    rows: Vec<Row>,
    ceilings: BTreeMap<u32, f64>,
    generations: Vec<(String, String, Duration)>,
    cold_starts: Vec<(String, Duration)>,
    community: Option<(String, u64)>,
    event: Option<(String, u64)>,
    assemblies: Vec<(String, AssemblyFigures)>,
}

/// What issue 6 asks the results to show, with a million members on SQLite.
const COMMUNITY_SHARE: f64 = 0.5;
const READ_P99_MS: f64 = 20.0;
const RSS_MB: f64 = 150.0;
const JOINS_PER_SECOND: f64 = 1_000.0;

/// What issue 12 asks of events.
const EVENT_PAGE_SHARE: f64 = 0.25;
const REGISTRATIONS_PER_SECOND: f64 = 2_000.0;

/// What issue 15 asks of a general assembly of the million-member roll.
const CONVOCATION_LIMIT: Duration = Duration::from_secs(300);
const VOTES_PER_MINUTE: f64 = 10_000.0;
const COUNT_LIMIT: Duration = Duration::from_secs(1);

impl Report {
    pub fn new(scale: ScaleInput, seconds: u64) -> Self {
        Self {
            scale,
            seconds,
            rows: Vec::new(),
            ceilings: BTreeMap::new(),
            generations: Vec::new(),
            cold_starts: Vec::new(),
            community: None,
            event: None,
            assemblies: Vec::new(),
        }
    }

    pub fn push(&mut self, row: Row) {
        self.rows.push(row);
    }

    pub fn ceiling(&mut self, connections: u32, requests_per_second: f64) {
        self.ceilings.insert(connections, requests_per_second);
    }

    pub fn generation(&mut self, backend: &str, (output, elapsed): (String, Duration)) {
        self.generations.push((backend.to_owned(), output, elapsed));
    }

    pub fn cold_start(&mut self, backend: &str, elapsed: Duration) {
        self.cold_starts.push((backend.to_owned(), elapsed));
    }

    pub fn community(&mut self, slug: String, members: u64) {
        self.community = Some((slug, members));
    }

    pub fn event(&mut self, path: String, registrations: u64) {
        self.event = Some((path, registrations));
    }

    pub fn assembly(&mut self, backend: &str, figures: AssemblyFigures) {
        self.assemblies.push((backend.to_owned(), figures));
    }

    pub fn markdown(&self) -> anyhow::Result<String> {
        let mut out = String::new();
        let scale = self.scale;
        writeln!(out, "# Cercle benchmark, {}", today())?;
        writeln!(out)?;
        writeln!(out, "- Commit: `{}`", commit())?;
        writeln!(out, "- Machine: {}", machine())?;
        writeln!(
            out,
            "- Data: {} people, {} organisations, {} communities, {} community memberships, \
             {} join requests, {} years of dues, {} events, {} event registrations",
            scale.people,
            scale.organisations,
            scale.communities,
            scale.community_memberships,
            scale.join_requests,
            scale.dues_years,
            scale.events,
            scale.event_registrations
        )?;
        if let Some((slug, members)) = &self.community {
            writeln!(
                out,
                "- Community page: `/c/{slug}`, the largest public community ({members} members); \
                 its events: `/events?community={slug}`"
            )?;
        }
        if let Some((path, registrations)) = &self.event {
            writeln!(
                out,
                "- Event page: `{path}`, the coming public event with a capacity and the most \
                 registrations ({registrations}), of that community when it holds one"
            )?;
        }
        writeln!(
            out,
            "- Load: `wrk -t2` for {} s a row on loopback, sharing the 2 cores with the server; \
             writes by the benchmark's own clients. `cercle serve` runs with its defaults (the \
             anonymous cache keeps visitors' public pages 2 s) and logs warnings only.",
            self.seconds
        )?;
        writeln!(
            out,
            "- Registering: each connection is a generated person who registers for a new \
             event of the association, with a seat for every eight connections, then cancels; \
             the others wait on its waitlist, and each seat cancelled promotes the first of them."
        )?;
        writeln!(out)?;
        writeln!(
            out,
            "| backend | what | connections | requests/s | p50 ms | p99 ms | errors | peak RSS MB | of ceiling |"
        )?;
        writeln!(
            out,
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
        )?;
        for row in &self.rows {
            let load = row.load;
            let share = match (row.read, self.ceilings.get(&row.connections)) {
                (true, Some(ceiling)) => {
                    format!("{:.0} %", 100.0 * load.requests_per_second / ceiling)
                }
                _ => String::new(),
            };
            writeln!(
                out,
                "| {} | {} | {} | {:.0} | {:.2} | {:.2} | {} | {:.0} | {share} |",
                row.backend,
                row.name,
                row.connections,
                load.requests_per_second,
                load.p50_ms,
                load.p99_ms,
                load.errors,
                load.peak_rss_mb
            )?;
        }
        writeln!(out)?;
        writeln!(out, "## Generation and cold start")?;
        writeln!(out)?;
        for (backend, output, elapsed) in &self.generations {
            writeln!(
                out,
                "{backend}: `cercle admin generate` took {:.1} s.",
                elapsed.as_secs_f64()
            )?;
            writeln!(out)?;
            writeln!(out, "```")?;
            write!(out, "{output}")?;
            writeln!(out, "```")?;
            writeln!(out)?;
        }
        for (backend, elapsed) in &self.cold_starts {
            writeln!(
                out,
                "- {backend}: from starting `cercle serve` to the community page's first answer: {:.0} ms",
                elapsed.as_secs_f64() * 1000.0
            )?;
        }
        writeln!(out)?;
        if !self.assemblies.is_empty() {
            writeln!(out, "## General assembly")?;
            writeln!(out)?;
            for (backend, a) in &self.assemblies {
                writeln!(
                    out,
                    "- {backend}: a roll of {} people frozen in {:.2} s; {} convocations in the \
                     outbox {:.1} s after the request, the server at {:.0} MB at most; {} online \
                     votes at {:.0} per second (p99 {:.1} ms, {} errors); the ballot closed and \
                     counted in {:.0} ms, {}.",
                    a.roll,
                    a.frozen_in.as_secs_f64(),
                    a.emails,
                    a.convened_in.as_secs_f64(),
                    a.convocation_rss_mb,
                    a.cast,
                    a.votes.requests_per_second,
                    a.votes.p99_ms,
                    a.votes.errors,
                    a.counted_in.as_secs_f64() * 1000.0,
                    if a.exact {
                        "the count exactly the votes accepted"
                    } else {
                        "THE COUNT DIFFERS FROM THE VOTES ACCEPTED"
                    }
                )?;
            }
            writeln!(out)?;
        }
        writeln!(out, "## Targets (SQLite)")?;
        writeln!(out)?;
        for (target, met) in self.targets() {
            writeln!(out, "- [{}] {target}", if met { "x" } else { " " })?;
        }
        Ok(out)
    }

    /// Writes the document as `<date>-<commit>.md` under `dir`.
    pub fn write(&self, dir: &Path, markdown: &str) -> anyhow::Result<PathBuf> {
        std::fs::create_dir_all(dir)?;
        let path = dir.join(format!("{}-{}.md", today(), short_commit()));
        std::fs::write(&path, markdown)?;
        Ok(path)
    }

    /// Each target in words with whether it is met; a target whose rows
    /// were not measured says so and is not met.
    fn targets(&self) -> Vec<(String, bool)> {
        let sqlite: Vec<&Row> = self.rows.iter().filter(|r| r.backend == "sqlite").collect();
        let shares: Vec<f64> = sqlite
            .iter()
            .filter(|r| r.name == "community page")
            .filter_map(|r| {
                let ceiling = self.ceilings.get(&r.connections)?;
                Some(r.load.requests_per_second / ceiling)
            })
            .collect();
        let p99s: Vec<f64> = sqlite
            .iter()
            .filter(|r| r.read && r.connections == 64)
            .map(|r| r.load.p99_ms)
            .collect();
        let joins: Vec<f64> = sqlite
            .iter()
            .filter(|r| r.name.starts_with("join request"))
            .map(|r| r.load.requests_per_second)
            .collect();
        let event_shares = |backend: &str| {
            let shares: Vec<f64> = self
                .rows
                .iter()
                .filter(|r| r.backend == backend && r.read)
                .filter(|r| r.name.starts_with("event") && r.name.ends_with("(signed in)"))
                .filter_map(|r| {
                    let ceiling = self.ceilings.get(&r.connections)?;
                    Some(r.load.requests_per_second / ceiling)
                })
                .collect();
            lowest(&shares)
        };
        let registering = |backend: &str| {
            self.rows
                .iter()
                .find(|r| {
                    r.backend == backend
                        && r.name.starts_with("event registration")
                        && r.connections == 64
                })
                .map(|r| r.load)
        };
        let share_says = |share: f64| format!("{:.0} % at worst", share * 100.0);
        let registering_says = |load: Load| {
            format!(
                "{:.0} per second, errors: {}",
                load.requests_per_second, load.errors
            )
        };
        let errors: u64 = sqlite.iter().map(|r| r.load.errors).sum();
        let rss = sqlite
            .iter()
            .map(|r| r.load.peak_rss_mb)
            .fold(0.0, f64::max);
        vec![
            measured(
                "community page at ≥ 50 % of the ceiling",
                lowest(&shares),
                |share| format!("{:.0} % at worst", share * 100.0),
                |share| share >= COMMUNITY_SHARE,
            ),
            measured(
                "p99 ≤ 20 ms at 64 connections on every read",
                highest(&p99s),
                |p99| format!("{p99:.1} ms at worst"),
                |p99| p99 <= READ_P99_MS,
            ),
            (format!("zero errors: {errors}"), errors == 0),
            (
                format!("server RSS ≤ 150 MB under load: {rss:.0} MB at peak"),
                rss <= RSS_MB,
            ),
            measured(
                "join-and-accept ≥ 1,000 per second",
                lowest(&joins),
                |joins| format!("{joins:.0} at worst"),
                |joins| joins >= JOINS_PER_SECOND,
            ),
            beside(
                measured(
                    "signed-in event pages ≥ 25 % of the ceiling",
                    event_shares("sqlite"),
                    share_says,
                    |share| share >= EVENT_PAGE_SHARE,
                ),
                event_shares("postgres").map(share_says),
            ),
            beside(
                measured(
                    "register then cancel ≥ 2,000 per second at 64 connections with zero errors",
                    registering("sqlite"),
                    registering_says,
                    |load| load.requests_per_second >= REGISTRATIONS_PER_SECOND && load.errors == 0,
                ),
                registering("postgres").map(registering_says),
            ),
            beside(
                measured(
                    "the whole roll convened (emails in the outbox) in ≤ 5 minutes",
                    self.assembly_of("sqlite"),
                    |a| format!("{:.0} s for {} people", a.convened_in.as_secs_f64(), a.roll),
                    |a| a.convened_in <= CONVOCATION_LIMIT && a.emails >= a.roll,
                ),
                self.assembly_of("postgres")
                    .map(|a| format!("{:.0} s", a.convened_in.as_secs_f64())),
            ),
            beside(
                measured(
                    "10,000 online votes in one minute, zero errors, the count exact",
                    self.assembly_of("sqlite"),
                    votes_say,
                    |a| {
                        a.cast >= 10_000
                            && a.votes.requests_per_second * 60.0 >= VOTES_PER_MINUTE
                            && a.exact
                    },
                ),
                self.assembly_of("postgres").map(votes_say),
            ),
            beside(
                measured(
                    "a ballot of the whole roll counted in ≤ 1 s",
                    self.assembly_of("sqlite"),
                    |a| format!("{:.0} ms", a.counted_in.as_secs_f64() * 1000.0),
                    |a| a.counted_in <= COUNT_LIMIT,
                ),
                self.assembly_of("postgres")
                    .map(|a| format!("{:.0} ms", a.counted_in.as_secs_f64() * 1000.0)),
            ),
        ]
    }

    fn assembly_of(&self, backend: &str) -> Option<&AssemblyFigures> {
        self.assemblies
            .iter()
            .find(|(b, _)| b == backend)
            .map(|(_, figures)| figures)
    }
}

fn votes_say(a: &AssemblyFigures) -> String {
    format!(
        "{} votes at {:.0} per minute, {} errors, count {}",
        a.cast,
        a.votes.requests_per_second * 60.0,
        a.votes.errors,
        if a.exact { "exact" } else { "wrong" }
    )
}

/// A target's line with PostgreSQL's figure beside SQLite's.
fn beside((line, met): (String, bool), postgres: Option<String>) -> (String, bool) {
    let postgres = postgres.unwrap_or_else(|| "not measured in this run".to_owned());
    (format!("{line} (PostgreSQL: {postgres})"), met)
}

/// A target's line and whether it is met, from its worst figure if any.
fn measured<T: Copy>(
    target: &str,
    worst: Option<T>,
    says: impl Fn(T) -> String,
    met: impl Fn(T) -> bool,
) -> (String, bool) {
    match worst {
        Some(worst) => (format!("{target}: {}", says(worst)), met(worst)),
        None => (format!("{target}: not measured in this run"), false),
    }
}

fn lowest(figures: &[f64]) -> Option<f64> {
    figures.iter().copied().reduce(f64::min)
}

fn highest(figures: &[f64]) -> Option<f64> {
    figures.iter().copied().reduce(f64::max)
}

fn today() -> String {
    cercle_core::kernel::date::Date::of(cercle_core::kernel::time::Timestamp::now()).to_string()
}

fn commit() -> String {
    let dirty = Command::new("git")
        .args(["status", "--porcelain", "--untracked-files=no"])
        .output()
        .map(|o| !o.stdout.is_empty())
        .unwrap_or(false);
    format!(
        "{}{}",
        git(&["rev-parse", "HEAD"]),
        if dirty {
            " (with uncommitted changes)"
        } else {
            ""
        }
    )
}

fn short_commit() -> String {
    git(&["rev-parse", "--short", "HEAD"])
}

fn git(args: &[&str]) -> String {
    Command::new("git")
        .args(args)
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "unknown".to_owned())
}

/// Processor, cores, memory and kernel, read from `/proc`.
fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .and_then(|l| l.split(':').nth(1))
        .map_or("unknown processor", str::trim)
        .to_owned();
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    let memory = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .find_map(|l| l.strip_prefix("MemTotal:"))?
                .split_whitespace()
                .next()?
                .parse::<u64>()
                .ok()
        })
        .map_or(0.0, |kb| kb as f64 / 1024.0 / 1024.0);
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    format!(
        "{model}, {cores} cores, {memory:.0} GiB, Linux {}",
        kernel.trim()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_target_is_judged_on_its_worst_figure_and_unmet_when_not_measured() {
        fn check(joins: &[f64], expected: (&str, bool)) {
            let line = measured(
                "joins ≥ 1,000",
                lowest(joins),
                |worst| format!("{worst:.0} at worst"),
                |worst| worst >= 1_000.0,
            );
            assert_eq!((line.0.as_str(), line.1), expected, "{joins:?}");
        }
        check(&[1_600.0, 2_500.0], ("joins ≥ 1,000: 1600 at worst", true));
        check(&[950.0, 2_500.0], ("joins ≥ 1,000: 950 at worst", false));
        check(&[], ("joins ≥ 1,000: not measured in this run", false));
        assert_eq!(highest(&[3.0, 14.0, 2.0]), Some(14.0));
    }

    #[test]
    fn event_targets_are_judged_on_sqlite_with_postgresql_beside() {
        fn load(requests_per_second: f64, errors: u64) -> Load {
            Load {
                requests_per_second,
                p50_ms: 1.0,
                p99_ms: 2.0,
                errors,
                peak_rss_mb: 50.0,
            }
        }
        const REGISTERING: &str = "event registration then cancellation, with a waitlist";
        let mut report = Report::new(ScaleInput::MILLION, 10);
        report.ceiling(64, 40_000.0);
        report.push(Row::read(
            "sqlite",
            "event page (signed in)",
            64,
            load(12_000.0, 0),
        ));
        report.push(Row::read(
            "sqlite",
            "events of a community (signed in)",
            64,
            load(10_800.0, 0),
        ));
        // Visitors' pages are cached: they do not count.
        report.push(Row::read(
            "sqlite",
            "events of a community",
            64,
            load(900.0, 0),
        ));
        report.push(Row::read(
            "postgres",
            "event page (signed in)",
            64,
            load(6_000.0, 0),
        ));
        report.push(Row::new("sqlite", REGISTERING, 64, load(2_400.0, 1)));
        report.push(Row::new("sqlite", REGISTERING, 256, load(900.0, 0)));
        let targets = report.targets();
        let line = |start: &str| {
            targets
                .iter()
                .find(|(line, _)| line.starts_with(start))
                .cloned()
                .unwrap()
        };
        assert_eq!(
            line("signed-in event pages"),
            (
                "signed-in event pages ≥ 25 % of the ceiling: 27 % at worst \
                 (PostgreSQL: 15 % at worst)"
                    .to_owned(),
                true
            )
        );
        assert_eq!(
            line("register then cancel"),
            (
                "register then cancel ≥ 2,000 per second at 64 connections with zero errors: \
                 2400 per second, errors: 1 (PostgreSQL: not measured in this run)"
                    .to_owned(),
                false
            ),
            "an error misses the target, and only 64 connections are judged"
        );
    }
}
