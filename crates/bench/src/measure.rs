//! One measurement: `wrk` against a path for a bounded time, with the
//! server's resident memory sampled meanwhile.

use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use anyhow::Context as _;

use crate::server::Server;

/// What one measurement gave.
#[derive(Debug, Clone, Copy)]
pub struct Load {
    pub requests_per_second: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    /// Non-2xx/3xx answers and socket errors.
    pub errors: u64,
    /// The server's largest resident set seen while loaded.
    pub peak_rss_mb: f64,
}

/// `wrk` with two threads and `connections` connections for `seconds`,
/// sending `cookie` when given.
pub fn wrk(
    server: &Server,
    path: &str,
    connections: u32,
    seconds: u64,
    cookie: Option<&str>,
) -> anyhow::Result<Load> {
    let sampler = RssSampler::start(server.pid());
    let mut command = Command::new("wrk");
    command.args([
        "-t2",
        &format!("-c{connections}"),
        &format!("-d{seconds}s"),
        "--timeout",
        "10s",
        "--latency",
    ]);
    if let Some(cookie) = cookie {
        command.args(["-H", &format!("Cookie: {cookie}")]);
    }
    let output = command
        .arg(server.url(path))
        .output()
        .context("cannot run wrk: install Debian's wrk")?;
    let peak_rss_mb = sampler.stop();
    let text = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        anyhow::bail!("wrk failed on {path}: {text}");
    }
    let mut load = parse_wrk(&text).with_context(|| format!("unexpected wrk output: {text}"))?;
    if load.requests_per_second == 0.0 {
        // wrk counts a request still waiting when it stops neither as an
        // answer nor as an error: each connection's is one.
        load.errors += u64::from(connections);
    }
    load.peak_rss_mb = peak_rss_mb;
    Ok(load)
}

fn parse_wrk(text: &str) -> Option<Load> {
    let mut load = Load {
        requests_per_second: 0.0,
        p50_ms: 0.0,
        p99_ms: 0.0,
        errors: 0,
        peak_rss_mb: 0.0,
    };
    let mut seen_rate = false;
    for line in text.lines().map(str::trim) {
        if let Some(rate) = line.strip_prefix("Requests/sec:") {
            load.requests_per_second = rate.trim().parse().ok()?;
            seen_rate = true;
        } else if let Some(latency) = line.strip_prefix("50%") {
            load.p50_ms = milliseconds(latency.trim())?;
        } else if let Some(latency) = line.strip_prefix("99%") {
            load.p99_ms = milliseconds(latency.trim())?;
        } else if let Some(count) = line.strip_prefix("Non-2xx or 3xx responses:") {
            load.errors += count.trim().parse::<u64>().ok()?;
        } else if let Some(counts) = line.strip_prefix("Socket errors:") {
            load.errors += counts
                .split(',')
                .filter_map(|part| part.split_whitespace().last()?.parse::<u64>().ok())
                .sum::<u64>();
        }
    }
    seen_rate.then_some(load)
}

/// `812.00us`, `1.23ms` or `1.02s` in milliseconds.
fn milliseconds(text: &str) -> Option<f64> {
    let split = text.find(|c: char| c.is_ascii_alphabetic())?;
    let (number, unit) = text.split_at(split);
    let number: f64 = number.parse().ok()?;
    match unit {
        "us" => Some(number / 1000.0),
        "ms" => Some(number),
        "s" => Some(number * 1000.0),
        "m" => Some(number * 60_000.0),
        _ => None,
    }
}

/// Reads the server's `VmRSS` every 50 ms on a thread of its own.
pub struct RssSampler {
    stop: Arc<AtomicBool>,
    peak_kb: Arc<AtomicU64>,
    thread: std::thread::JoinHandle<()>,
}

impl RssSampler {
    pub fn start(pid: u32) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let peak_kb = Arc::new(AtomicU64::new(0));
        let thread = {
            let (stop, peak_kb) = (Arc::clone(&stop), Arc::clone(&peak_kb));
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    if let Some(kb) = resident_kb(pid) {
                        peak_kb.fetch_max(kb, Ordering::Relaxed);
                    }
                    std::thread::sleep(Duration::from_millis(50));
                }
            })
        };
        Self {
            stop,
            peak_kb,
            thread,
        }
    }

    /// The peak in megabytes.
    pub fn stop(self) -> f64 {
        self.stop.store(true, Ordering::Relaxed);
        self.thread.join().ok();
        self.peak_kb.load(Ordering::Relaxed) as f64 / 1024.0
    }
}

fn resident_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const WRK: &str = "Running 10s test @ http://127.0.0.1:8080/
  2 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.10ms  500.00us  20.00ms   90.00%
    Req/Sec    30.00k     2.00k   35.00k    70.00%
  Latency Distribution
     50%  812.00us
     75%    1.20ms
     90%    1.80ms
     99%    3.90ms
  600000 requests in 10.00s, 3.00GB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:  60000.50
Transfer/sec:    300.00MB
";

    #[test]
    fn reads_what_wrk_prints() {
        let load = parse_wrk(WRK).unwrap();
        assert_eq!(load.requests_per_second, 60000.5);
        assert_eq!(load.p50_ms, 0.812);
        assert_eq!(load.p99_ms, 3.9);
        assert_eq!(load.errors, 7);
    }

    #[test]
    fn reads_latencies_in_any_unit() {
        fn check(input: &str, expected: Option<f64>) {
            assert_eq!(milliseconds(input), expected, "{input}");
        }
        check("812.00us", Some(0.812));
        check("1.20ms", Some(1.2));
        check("1.02s", Some(1020.0));
        check("fast", None);
    }
}
