//! The house rules of core's layout, checked so that they cannot rot: the
//! source is the kernel and one folder per area, areas depend only on the
//! areas below them, and no store trait grows past what one reader holds.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The areas from the bottom up: each may use the kernel and the areas
/// before it, never one after it.
const LAYERS: &[&str] = &[
    "kernel",
    "accounts",
    "notify",
    "register",
    "admission",
    "communities",
    "site",
    "newsletter",
    "events",
    "governance",
    "store",
    "renewal",
    "home",
    "jobs",
    "population",
];

/// The most methods a trait of core may declare.
const MAX_TRAIT_METHODS: usize = 25;

fn source() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`, with its text up to its tests.
fn files(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).expect("a readable source folder") {
        let path = entry.expect("a readable entry").path();
        if path.is_dir() {
            found.extend(files(&path));
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            let text = fs::read_to_string(&path).expect("a readable source file");
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            found.push((path, code.to_owned()));
        }
    }
    found
}

/// The areas a piece of code names through `crate::<area>::`, comments
/// left out.
fn areas_named(code: &str) -> Vec<String> {
    let mut named = Vec::new();
    for line in code
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
    {
        for (at, _) in line.match_indices("crate::") {
            let rest = &line[at + "crate::".len()..];
            let area: String = rest
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect();
            if !area.is_empty() && rest[area.len()..].starts_with("::") {
                named.push(area);
            }
        }
    }
    named
}

#[test]
fn the_source_is_the_kernel_and_one_folder_per_area() {
    let mut entries: Vec<String> = fs::read_dir(source())
        .unwrap()
        .map(|entry| {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            assert!(
                entry.path().is_dir() || name == "lib.rs",
                "core/src/{name} stands outside the kernel and the areas"
            );
            name
        })
        .filter(|name| name != "lib.rs")
        .collect();
    entries.sort();
    let mut layers: Vec<String> = LAYERS.iter().map(|&area| area.to_owned()).collect();
    layers.sort();
    assert_eq!(entries, layers, "every area has its place in LAYERS");
}

#[test]
fn areas_use_only_the_areas_below_them() {
    let mut wrong: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (rank, area) in LAYERS.iter().enumerate() {
        for (path, code) in files(&source().join(area)) {
            for named in areas_named(&code) {
                let allowed = LAYERS[..rank].contains(&named.as_str()) || named == *area;
                if !allowed {
                    let file = path.strip_prefix(source()).unwrap().display().to_string();
                    wrong.entry(file).or_default().push(named);
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "these files use an area above their own: {wrong:?}"
    );
}

#[test]
fn no_trait_has_more_than_25_methods() {
    for (path, code) in files(&source()) {
        let mut rest = code.as_str();
        while let Some(at) = rest.find("pub trait ") {
            let after = &rest[at..];
            let name: String = after["pub trait ".len()..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let body_start = after.find('{').unwrap_or(after.len());
            let body = &after[body_start..];
            let body_end = body.find("\n}").unwrap_or(body.len());
            let methods = body[..body_end].matches("fn ").count();
            assert!(
                methods <= MAX_TRAIT_METHODS,
                "{name} in {} declares {methods} methods",
                path.display()
            );
            rest = &after[body_start..];
        }
    }
}

/// What reads the system clock; only the kernel's `Timestamp::now` may, and
/// only the surfaces call it, handing the moment to flows in their context.
const CLOCK_READS: &[&str] = &[
    "SystemTime::now",
    "Instant::now",
    "Timestamp::now()",
    "Utc::now",
    "Zoned::now",
];

#[test]
fn no_flow_reads_the_system_clock() {
    let clock = source().join("kernel").join("time.rs");
    let mut readers = Vec::new();
    for (path, code) in files(&source()) {
        if path == clock {
            continue;
        }
        for read in CLOCK_READS {
            if code.contains(read) {
                let file = path.strip_prefix(source()).unwrap().display().to_string();
                readers.push(format!("{file} calls {read}"));
            }
        }
    }
    assert!(
        readers.is_empty(),
        "core reads the clock outside kernel/time.rs: {readers:?}"
    );
}
