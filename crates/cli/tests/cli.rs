//! The `cercle` binary, run as an administrator would run it: flags,
//! environment, a configuration file, standard input, and signals.

use std::ffi::OsStr;
use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

const GOOD_PASSWORD: &str = "correct horse battery";

#[test]
fn config_prints_the_effective_settings_with_secrets_masked() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cercle.toml");
    std::fs::write(
        &file,
        "listen = \"10.0.0.1:7100\"\nbase_url = \"https://asso.example.org\"\nmail_from = \"ADN Ouest <bureau@asso.example.org>\"\n",
    )
    .unwrap();
    let file = file.to_str().unwrap();
    let check = |args: &[&str], env: &[(&str, &str)], expected: &[&str]| {
        let outcome = Cercle::in_dir(dir.path())
            .args(["config", "--data-dir", "data"])
            .args(args)
            .envs(env.iter().copied())
            .run("");
        assert!(outcome.status.success(), "{args:?} {env:?}: {outcome}");
        for line in expected {
            assert!(
                outcome.stdout.lines().any(|printed| printed == *line),
                "{args:?} {env:?}: no {line} in {outcome}"
            );
        }
        assert!(!outcome.stdout.contains("s3cr3t-value"), "{outcome}");
        assert!(!outcome.stderr.contains("s3cr3t-value"), "{outcome}");
    };

    check(
        &[
            "--smtp-host",
            "mail.example.org",
            "--smtp-password",
            "s3cr3t-value",
        ],
        &[],
        &[
            "smtp_host = \"mail.example.org\"",
            "smtp_password = \"********\"",
        ],
    );
    check(
        &["--smtp-host", "mail.example.org"],
        &[("CERCLE_SMTP_PASSWORD", "s3cr3t-value")],
        &["smtp_password = \"********\""],
    );
    check(
        &[],
        &[("CERCLE_LISTEN", "0.0.0.0:9999")],
        &["listen = \"0.0.0.0:9999\""],
    );
    check(
        &["--listen", "127.0.0.1:7000"],
        &[("CERCLE_LISTEN", "0.0.0.0:9999")],
        &["listen = \"127.0.0.1:7000\""],
    );
    check(
        &["--config", file],
        &[],
        &[
            "listen = \"10.0.0.1:7100\"",
            "base_url = \"https://asso.example.org/\"",
            "mail_from = \"ADN Ouest <bureau@asso.example.org>\"",
        ],
    );
    check(
        &["--config", file, "--listen", "127.0.0.1:7000"],
        &[("CERCLE_BASE_URL", "https://cercle.example.net/")],
        &[
            "listen = \"127.0.0.1:7000\"",
            "base_url = \"https://cercle.example.net/\"",
            "mail_from = \"ADN Ouest <bureau@asso.example.org>\"",
        ],
    );
    check(
        &[],
        &[("CERCLE_CONFIG", file)],
        &["listen = \"10.0.0.1:7100\""],
    );
}

#[test]
fn config_refuses_an_invalid_value_naming_the_setting() {
    let dir = tempfile::tempdir().unwrap();
    let unknown_key = dir.path().join("unknown.toml");
    std::fs::write(&unknown_key, "smtp_hots = \"mail.example.org\"\n").unwrap();
    let check = |args: &[&str], named: &str| {
        let outcome = Cercle::in_dir(dir.path())
            .args(["config", "--data-dir", "data"])
            .args(args)
            .run("");
        assert!(!outcome.status.success(), "{args:?}: {outcome}");
        assert!(outcome.stderr.contains(named), "{args:?}: {outcome}");
    };

    check(
        &["--smtp-host", "mail.example.org", "--smtp-security", "ssl"],
        "smtp_security",
    );
    check(&["--sqlite-synchronous", "off"], "sqlite_synchronous");
    check(&["--log-format", "xml"], "log_format");
    check(&["--base-url", "ftp://asso.example.org"], "base_url");
    check(
        &["--database-url", "mysql://db.example.org/cercle"],
        "mysql",
    );
    check(&["--listen", "everywhere"], "--listen");
    check(&["--smtp-port", "70000"], "--smtp-port");
    check(&["--config", unknown_key.to_str().unwrap()], "smtp_hots");
}

#[test]
fn migrate_applies_the_migrations_once() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let migrate = || {
        Cercle::in_dir(dir.path())
            .args(["migrate", "--data-dir", data.to_str().unwrap()])
            .run("")
    };

    let first = migrate();
    assert!(first.status.success(), "{first}");
    assert!(
        first
            .stdout
            .lines()
            .any(|line| line == "applied V1__initial"),
        "{first}"
    );
    assert!(data.join("cercle.db").is_file());

    let second = migrate();
    assert!(second.status.success(), "{second}");
    assert!(
        second
            .stdout
            .lines()
            .any(|line| line == "The database is up to date."),
        "{second}"
    );
    assert!(!second.stdout.contains("applied"), "{second}");
}

#[test]
fn admin_setup_creates_the_first_administrator_once() {
    let dir = tempfile::tempdir().unwrap();

    let first = setup(dir.path())
        .env("CERCLE_ADMIN_PASSWORD", GOOD_PASSWORD)
        .run("");
    assert!(first.status.success(), "{first}");
    assert!(first.stdout.contains("The instance is set up"), "{first}");

    let again = setup(dir.path())
        .env("CERCLE_ADMIN_PASSWORD", GOOD_PASSWORD)
        .run("");
    assert!(!again.status.success(), "{again}");
    assert!(again.stderr.contains("already set up"), "{again}");
}

#[test]
fn admin_setup_refuses_a_short_password_from_standard_input_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();

    let short = setup(dir.path()).run("short\n");
    assert!(!short.status.success(), "{short}");
    assert!(
        short.stderr.contains("password") && short.stderr.contains("between 10 and 128"),
        "{short}"
    );

    let good = setup(dir.path()).run(&format!("{GOOD_PASSWORD}\n"));
    assert!(good.status.success(), "{good}");
    assert!(good.stdout.contains("The instance is set up"), "{good}");
}

#[test]
fn serve_answers_health_checks_then_stops_cleanly_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let log = dir.path().join("serve.log");
    let mut server = Cercle::in_dir(dir.path())
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .args(["--data-dir", dir.path().join("data").to_str().unwrap()])
        .spawn(&log);

    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(status) = server.0.try_wait().unwrap() {
            panic!("cercle serve exited early with {status}:\n{}", read(&log));
        }
        if health_status(port).as_deref() == Some("HTTP/1.1 200 OK") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "/healthz never answered 200:\n{}",
            read(&log)
        );
        std::thread::sleep(Duration::from_millis(100));
    }

    let terminated = Command::new("kill")
        .args(["-TERM", &server.0.id().to_string()])
        .status()
        .unwrap();
    assert!(terminated.success());
    let status = server.wait_for(Duration::from_secs(10));
    assert!(
        status.is_some_and(|status| status.success()),
        "after SIGTERM: {status:?}\n{}",
        read(&log)
    );
}

/// `cercle admin setup` for the association ADN Ouest and its administrator
/// Cécile, in `dir`.
fn setup(dir: &Path) -> Cercle {
    let mut cercle = Cercle::in_dir(dir);
    cercle.args(["admin", "setup", "--data-dir", "data"]).args([
        "--association",
        "ADN Ouest",
        "--name",
        "Cécile",
        "--email",
        "cecile@example.org",
    ]);
    cercle
}

/// The binary under test, with none of the `CERCLE_*` variables of the
/// environment running the tests, so that only what a test sets counts.
struct Cercle(Command);

impl Cercle {
    fn in_dir(dir: &Path) -> Self {
        let mut command = Command::new(env!("CARGO_BIN_EXE_cercle"));
        for (key, _) in std::env::vars_os() {
            if key.to_string_lossy().starts_with("CERCLE_") {
                command.env_remove(key);
            }
        }
        // A relative data directory, or the default `data`, lands in the
        // test's own folder.
        command.current_dir(dir);
        Self(command)
    }

    fn args(&mut self, args: impl IntoIterator<Item = impl AsRef<OsStr>>) -> &mut Self {
        self.0.args(args);
        self
    }

    fn env(&mut self, key: &str, value: &str) -> &mut Self {
        self.0.env(key, value);
        self
    }

    fn envs<'a>(&mut self, vars: impl IntoIterator<Item = (&'a str, &'a str)>) -> &mut Self {
        self.0.envs(vars);
        self
    }

    /// Runs to completion with `stdin` as standard input.
    fn run(&mut self, stdin: &str) -> Outcome {
        let mut child = self
            .0
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts");
        let mut input = child.stdin.take().expect("a piped stdin");
        // A command that does not read its input may end before it is
        // written; the broken pipe that follows is no failure of the test.
        let _ = input.write_all(stdin.as_bytes());
        drop(input);
        let output = child.wait_with_output().expect("the binary ends");
        Outcome {
            status: output.status,
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Starts in the background, both outputs going to `log`.
    fn spawn(&mut self, log: &Path) -> Running {
        let file = std::fs::File::create(log).expect("a log file");
        let child = self
            .0
            .stdin(Stdio::null())
            .stdout(file.try_clone().expect("a second handle on the log"))
            .stderr(file)
            .spawn()
            .expect("the binary starts");
        Running(child)
    }
}

struct Outcome {
    status: ExitStatus,
    stdout: String,
    stderr: String,
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}\n--- stdout\n{}\n--- stderr\n{}",
            self.status, self.stdout, self.stderr
        )
    }
}

/// A background `cercle`, killed if the test ends without stopping it, so a
/// failed test leaves no server behind.
struct Running(Child);

impl Running {
    fn wait_for(&mut self, limit: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if let Some(status) = self.0.try_wait().expect("the child can be waited on") {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        None
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if matches!(self.0.try_wait(), Ok(None)) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

/// A loopback port nothing listens on right now.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free loopback port")
        .port()
}

/// The status line of `GET /healthz`, or `None` while nothing answers.
fn health_status(port: u16) -> Option<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    stream
        .write_all(
            format!("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        )
        .ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    response.lines().next().map(str::to_owned)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}
