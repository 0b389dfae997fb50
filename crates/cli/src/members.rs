//! `cercle import members` and `cercle export members`: the register in and
//! out as CSV, for moving from Galette or HelloAsso and for spreadsheets.

use std::io::{IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context as _;
use cercle_core::kernel::association::Language;
use cercle_core::kernel::date::Date;
use cercle_core::kernel::time::Timestamp;
use cercle_core::register::store::ImportFailure;
use cercle_core::register::store::MemberImport;
use cercle_core::register::{export, import};
use cercle_core::store::Store;
use clap::Subcommand;
use indicatif::{ProgressBar, ProgressStyle};

use crate::config::ConfigArgs;

#[derive(Subcommand)]
pub enum ImportCommand {
    /// Import people, their organisations and memberships from a CSV file: a
    /// Cercle, Galette or HelloAsso export (see docs/import.md). Every row is
    /// written or, when one is wrong, none.
    Members {
        #[command(flatten)]
        config: ConfigArgs,
        file: PathBuf,
    },
}

#[derive(Subcommand)]
pub enum ExportCommand {
    /// Write every person, their organisation and their membership's
    /// standing as CSV.
    Members {
        #[command(flatten)]
        config: ConfigArgs,
        /// Write here rather than to standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
}

/// Reads, checks and imports `file`; a refused row is an error naming it, and
/// then nothing is written.
pub async fn import(store: &dyn Store, file: &Path) -> anyhow::Result<()> {
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let text = import::decode(&bytes);
    let bar = progress(ProgressBar::new(
        u64::try_from(text.lines().count()).unwrap_or(u64::MAX),
    ));
    bar.set_message("reading");
    let rows = import::parse_members_with(&text, |row| {
        bar.set_position(u64::try_from(row).unwrap_or(u64::MAX));
    })
    .map_err(|refusal| anyhow::anyhow!("row {}: {}", refusal.row, refusal.reason))?;
    bar.set_message("writing");
    let imported = store
        .import_members(&MemberImport {
            rows,
            by: None,
            at: Timestamp::now(),
        })
        .await;
    bar.finish_and_clear();
    let report = match imported {
        Ok(report) => report,
        Err(refused @ ImportFailure::Row(_)) => anyhow::bail!("{refused}"),
        Err(ImportFailure::Store(error)) => return Err(error).context("the import failed"),
    };
    println!(
        "imported: {} accounts, {} organisations, {} memberships, {} payments",
        report.accounts, report.organisations, report.memberships, report.payments
    );
    Ok(())
}

/// Writes the register to `output`, or to standard output. Standings are
/// told in the association's language.
pub async fn export(store: &dyn Store, output: Option<&Path>) -> anyhow::Result<()> {
    let bar = progress(ProgressBar::new_spinner());
    bar.set_message("reading the register");
    let language = store
        .association()
        .await?
        .map_or(Language::Fr, |association| association.default_language);
    let members = store.export_members().await?;
    bar.set_message("writing");
    let csv = export::members_csv(
        &members,
        Date::of(cercle_core::kernel::time::Timestamp::now()),
        language,
    );
    let written = match output {
        Some(path) => {
            std::fs::write(path, csv).with_context(|| format!("cannot write {}", path.display()))
        }
        None => std::io::stdout()
            .lock()
            .write_all(csv.as_bytes())
            .context("cannot write to standard output"),
    };
    bar.finish_and_clear();
    written
}

/// `bar`, drawn on standard error when a person watches it, hidden when the
/// command runs in a script so that logs stay clean.
fn progress(bar: ProgressBar) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let style = if bar.length().is_some() {
        ProgressStyle::with_template("{msg} {bar:40} {pos}/{len} rows")
    } else {
        ProgressStyle::with_template("{spinner} {msg}")
    };
    bar.set_style(style.expect("the templates above are valid"));
    bar.enable_steady_tick(Duration::from_millis(100));
    bar
}
