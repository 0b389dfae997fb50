//! The web's house rules, checked so that they cannot rot: the pages and
//! the API ask core and never the store, read the clock in one place, and
//! leave permissions to core's policy.

use std::fs;
use std::path::{Path, PathBuf};

/// The one file that holds the store and reads the clock, handing both to
/// the flows in their context.
const STATE: &str = "state.rs";

/// Every file under `dir` with one of `extensions`, with its text.
fn files(dir: &Path, extensions: &[&str]) -> Vec<(PathBuf, String)> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).expect("a readable folder") {
        let path = entry.expect("a readable entry").path();
        if path.is_dir() {
            found.extend(files(&path, extensions));
        } else if path
            .extension()
            .is_some_and(|extension| extensions.iter().any(|wanted| extension == *wanted))
        {
            let text = fs::read_to_string(&path).expect("a readable file");
            found.push((path, text));
        }
    }
    found
}

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The lines of `code` outside comments that contain one of `needles`.
fn offending(code: &str, needles: &[&str]) -> Vec<String> {
    code.lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .filter(|line| needles.iter().any(|needle| line.contains(needle)))
        .map(|line| line.trim().to_owned())
        .collect()
}

/// Every offence under `src/` but in [`STATE`].
fn outside_state(needles: &[&str]) -> Vec<String> {
    let source = crate_dir().join("src");
    let mut found = Vec::new();
    for (path, code) in files(&source, &["rs"]) {
        if path == source.join(STATE) {
            continue;
        }
        let file = path
            .strip_prefix(&source)
            .expect("a file under src")
            .display()
            .to_string();
        found.extend(
            offending(&code, needles)
                .into_iter()
                .map(|line| format!("{file}: {line}")),
        );
    }
    found
}

#[test]
fn the_web_has_no_store() {
    // A chain split over lines reaches the store on a line of its own.
    let mut found = outside_state(&["state.store", ".store.", "store::prelude"]);
    let source = crate_dir().join("src");
    for (path, code) in files(&source, &["rs"]) {
        if path != source.join(STATE) && code.lines().any(|line| line.trim() == ".store") {
            found.push(format!("{}: .store", path.display()));
        }
    }
    assert!(
        found.is_empty(),
        "these lines reach the store instead of asking core: {found:#?}"
    );
    let state = fs::read_to_string(source.join(STATE)).unwrap();
    assert!(
        state.contains("\n    store: Arc<dyn Store>,"),
        "the state keeps its store private"
    );
}

#[test]
fn the_web_reads_the_clock_in_one_place() {
    let found = outside_state(&[
        "Timestamp::now()",
        "SystemTime::now",
        "Utc::now",
        "Zoned::now",
    ]);
    assert!(
        found.is_empty(),
        "these lines read the clock instead of asking the state: {found:#?}"
    );
}

#[test]
fn no_handler_or_template_compares_a_role() {
    let mut found = outside_state(&["has_role(", "Role::Administrator", "Role::BureauMember"]);
    for (path, text) in files(&crate_dir().join("templates"), &["html"]) {
        let file = path.display().to_string();
        found.extend(
            offending(
                &text,
                &["role ==", "roles.contains", "is_admin", "has_role"],
            )
            .into_iter()
            .map(|line| format!("{file}: {line}")),
        );
    }
    assert!(
        found.is_empty(),
        "permissions are core's policy's to answer, as can_* fields: {found:#?}"
    );
}
