//! `cercle import members` and `cercle export members`, run as an
//! administrator would, on files shaped like real Galette and HelloAsso
//! exports.
//!
//! There is no command to create plans, so the imports that succeed here
//! carry people and organisations only; a file naming plans is checked to be
//! refused whole.

#![expect(
    clippy::unwrap_used,
    reason = "the helpers of a test unwrap: a panic there fails the test that called them"
)]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};

const PEOPLE: &str = "email,name,job_title,organisation\n\
    ana.martin@example.org,Ana Martin,\"=HYPERLINK(\"\"https://evil.example\"\",\"\"x\"\")\",Musée de Bretagne\n\
    bob.leroy@example.org,Bob Leroy,Trésorier,Musée de Bretagne\n\
    cy.kerbrat@example.org,Cy Kerbrat,,\n";

#[test]
fn imports_people_and_their_organisations_once_and_exports_them_neutralised() {
    let dir = instance();
    let people = write(dir.path(), "people.csv", PEOPLE.as_bytes());

    let first = import(dir.path(), &people);
    assert!(first.status.success(), "{first}");
    assert_eq!(
        first.stdout.trim(),
        "imported: 3 accounts, 1 organisations, 0 memberships, 0 payments",
        "{first}"
    );

    let again = import(dir.path(), &people);
    assert!(again.status.success(), "{again}");
    assert_eq!(
        again.stdout.trim(),
        "imported: 0 accounts, 0 organisations, 0 memberships, 0 payments",
        "{again}"
    );

    let exported = export(dir.path());
    assert!(exported.status.success(), "{exported}");
    let lines: Vec<&str> = exported.stdout.lines().collect();
    assert!(
        lines[0].starts_with("email,name,language,job_title,organisation,plan,status,"),
        "{exported}"
    );
    let line_of = |email: &str| {
        lines
            .iter()
            .find(|line| line.starts_with(email))
            .unwrap_or_else(|| panic!("no {email} in {exported}"))
            .to_string()
    };
    assert!(
        line_of("ana.martin@example.org,Ana Martin,fr,")
            .contains("\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"x\"\")\",Musée de Bretagne,"),
        "{exported}"
    );
    assert!(
        line_of("bob.leroy@example.org,Bob Leroy,fr,Trésorier,Musée de Bretagne,").contains(",no,"),
        "{exported}"
    );
    line_of("cy.kerbrat@example.org,Cy Kerbrat,fr,,,");
    line_of("cecile@example.org,Cécile,fr,");
    assert_eq!(lines.len(), 5, "{exported}");

    let file = dir.path().join("export.csv");
    let to_file = Cercle::in_dir(dir.path())
        .args(["export", "members", "--data-dir", "data", "--output"])
        .args([&file])
        .run();
    assert!(to_file.status.success(), "{to_file}");
    assert!(to_file.stdout.is_empty(), "{to_file}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), exported.stdout);
}

#[test]
fn imports_a_latin1_galette_file_with_its_accents_intact() {
    let dir = instance();

    let imported = import(dir.path(), &fixture("galette-adherents.csv"));
    assert!(imported.status.success(), "{imported}");
    assert_eq!(
        imported.stdout.trim(),
        "imported: 4 accounts, 2 organisations, 0 memberships, 0 payments",
        "{imported}"
    );

    let exported = export(dir.path());
    assert!(exported.status.success(), "{exported}");
    for expected in [
        "gwenaelle.legoff@example.org,Gwénaëlle LE GOFF,fr,Chargée de mission,Cœur d'Armor,",
        "helene.lefevre@example.org,Hélène Lefèvre,fr,Trésorière,Coopérative Ti Kreiz,",
        "francois.gueguen@example.org,François Guéguen,fr,\"Éleveur, président du GAEC\",Cœur d'Armor,",
        "siobhan.osullivan@example.org,Siobhán O'Sullivan,en,Ingénieure d'études,,",
    ] {
        assert!(
            exported
                .stdout
                .lines()
                .any(|line| line.starts_with(expected)),
            "no {expected} in {exported}"
        );
    }
}

#[test]
fn refuses_a_file_whose_fourth_row_has_a_bad_email_and_writes_nothing() {
    let dir = instance();
    let file = write(
        dir.path(),
        "bad.csv",
        "Nom;Prénom;Email\n\
         Morvan;Anaïs;anais.morvan@example.org\n\
         Tanguy;Loïc;loic.tanguy@example.org\n\
         Dupont;Jean;jean.dupont@\n\
         Cariou;Noël;noel.cariou@example.org\n"
            .as_bytes(),
    );

    let refused = import(dir.path(), &file);
    assert_eq!(refused.status.code(), Some(1), "{refused}");
    assert!(
        refused
            .stderr
            .contains("row 4: invalid email \"jean.dupont@\""),
        "{refused}"
    );
    assert!(refused.stdout.is_empty(), "{refused}");
    assert_nobody_from(dir.path(), &["anais.morvan", "loic.tanguy", "noel.cariou"]);
}

#[test]
fn refuses_a_helloasso_file_naming_unknown_plans_and_writes_nothing() {
    let dir = instance();

    let refused = import(dir.path(), &fixture("helloasso-adhesions.csv"));
    assert_eq!(refused.status.code(), Some(1), "{refused}");
    assert!(
        refused.stderr.contains("row 2: ")
            && refused
                .stderr
                .contains("unknown plan \"Adhésion individuelle 2025-2026\""),
        "{refused}"
    );
    assert_nobody_from(
        dir.path(),
        &[
            "anais.morvan",
            "loic.tanguy",
            "maelle.lebihan",
            "Les Amis du Léon",
        ],
    );
}

/// Exports and checks that none of `absent` is in the file.
fn assert_nobody_from(dir: &Path, absent: &[&str]) {
    let exported = export(dir);
    assert!(exported.status.success(), "{exported}");
    for text in absent {
        assert!(!exported.stdout.contains(text), "{text} in {exported}");
    }
    assert_eq!(exported.stdout.lines().count(), 2, "{exported}");
}

/// A folder with an instance set up in its `data`: the association ADN Ouest
/// and its administrator Cécile.
fn instance() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let setup = Cercle::in_dir(dir.path())
        .args(["admin", "setup", "--data-dir", "data"])
        .args(["--association", "ADN Ouest", "--name", "Cécile"])
        .args(["--email", "cecile@example.org"])
        .env("CERCLE_ADMIN_PASSWORD", "correct horse battery")
        .run();
    assert!(setup.status.success(), "{setup}");
    dir
}

fn import(dir: &Path, file: &Path) -> Outcome {
    Cercle::in_dir(dir)
        .args(["import", "members", "--data-dir", "data"])
        .args([file])
        .run()
}

fn export(dir: &Path) -> Outcome {
    Cercle::in_dir(dir)
        .args(["export", "members", "--data-dir", "data"])
        .run()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
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

    fn run(&mut self) -> Outcome {
        let output = self
            .0
            .stdin(Stdio::null())
            .output()
            .expect("the binary runs");
        Outcome {
            status: output.status,
            stdout: String::from_utf8(output.stdout).expect("UTF-8 on standard output"),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
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
