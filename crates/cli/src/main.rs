//! `cercle`: the one binary. Serves the instance, runs the demo, applies
//! migrations, prints the effective configuration and administers.

mod config;
mod demo;
mod generate;
mod members;

use std::io::BufRead as _;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context as _;
use cercle_core::accounts::flows::{self as accounts, SetupInput};
use cercle_core::kernel::time::Timestamp;
use cercle_core::store::Store;
use cercle_jobs::{Worker, WorkerHandle, build_mailer};
use clap::{Parser, Subcommand};
use tokio::sync::watch;

use crate::config::{Config, ConfigArgs};
use crate::members::{ExportCommand, ImportCommand};

#[derive(Parser)]
#[command(
    name = "cercle",
    version,
    about = "Run your association's communities."
)]
struct Cli {
    /// A TOML file with any of the settings below.
    #[arg(long, global = true, env = "CERCLE_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the instance.
    Serve(ConfigArgs),
    /// Serve a ready instance filled with demo data, and print its log-ins.
    Demo(ConfigArgs),
    /// Apply pending database migrations, and nothing else.
    Migrate(ConfigArgs),
    /// Print the effective configuration, secrets masked.
    Config(ConfigArgs),
    /// Administer without a browser.
    #[command(subcommand)]
    Admin(AdminCommand),
    /// Import from a CSV file.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Export as a CSV file.
    #[command(subcommand)]
    Export(ExportCommand),
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Name the association and create its first administrator, as the setup
    /// page does. The password is read from CERCLE_ADMIN_PASSWORD or, when
    /// unset, from the first line of standard input.
    Setup {
        #[command(flatten)]
        config: ConfigArgs,
        #[arg(
            long = "password-from-env",
            env = "CERCLE_ADMIN_PASSWORD",
            hide = true,
            hide_env_values = true
        )]
        password: Option<String>,
        #[arg(long)]
        association: String,
        /// `fr` or `en`.
        #[arg(long, default_value = "fr")]
        language: String,
        #[arg(long, default_value = "#009e89")]
        theme_colour: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        email: String,
    },
    /// Fill a new instance with a synthetic association for benchmarks (by
    /// default a million people, 20,000 organisations, 10,000 communities,
    /// 3,000,000 community memberships, 200,000 join requests and 5 years of
    /// dues), set up first if it is not, and print the rate. The password of
    /// the administrator (admin@example.org) and of every generated person is
    /// read from CERCLE_ADMIN_PASSWORD or standard input.
    Generate {
        #[command(flatten)]
        config: ConfigArgs,
        #[command(flatten)]
        sizes: generate::GenerateArgs,
        #[arg(
            long = "password-from-env",
            env = "CERCLE_ADMIN_PASSWORD",
            hide = true,
            hide_env_values = true
        )]
        password: Option<String>,
    },
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(run(cli))
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let file = cli.config.as_deref();
    match cli.command {
        Command::Serve(args) => {
            let config = Config::build(&args, file)?;
            init_logging(&config);
            serve(&config, None).await
        }
        Command::Demo(args) => {
            let args = ConfigArgs {
                data_dir: args.data_dir.clone().or(Some(PathBuf::from("demo-data"))),
                ..args
            };
            let config = Config::build(&args, file)?;
            init_logging(&config);
            let store = open_store(&config).await?;
            let logins = demo::populate(&*store, config.base_url.as_str()).await?;
            serve(&config, Some(demo::banner(&config, &logins))).await
        }
        Command::Migrate(args) => {
            let config = Config::build(&args, file)?;
            init_logging(&config);
            let applied = cercle_store::migrate(&config.database).await?;
            if applied.is_empty() {
                println!("The database is up to date.");
            }
            for name in applied {
                println!("applied {name}");
            }
            Ok(())
        }
        Command::Config(args) => {
            println!("{}", Config::build(&args, file)?.describe());
            Ok(())
        }
        // No logging for these two: the export's standard output is the CSV,
        // and the import's is its report.
        Command::Import(ImportCommand::Members { config, file: csv }) => {
            let store = open_store(&Config::build(&config, file)?).await?;
            members::import(&*store, &csv).await
        }
        Command::Export(ExportCommand::Members { config, output }) => {
            let store = open_store(&Config::build(&config, file)?).await?;
            members::export(&*store, output.as_deref()).await
        }
        Command::Admin(AdminCommand::Generate {
            config,
            sizes,
            password,
        }) => {
            let config = Config::build(&config, file)?;
            let password = match password {
                Some(password) => password,
                None => read_password()?,
            };
            let store = open_store(&config).await?;
            generate::generate(&config, &*store, &sizes, password).await
        }
        Command::Admin(AdminCommand::Setup {
            config,
            password,
            association,
            language,
            theme_colour,
            name,
            email,
        }) => {
            let config = Config::build(&config, file)?;
            init_logging(&config);
            let password = match password {
                Some(password) => password,
                None => read_password()?,
            };
            let store = open_store(&config).await?;
            let input = SetupInput {
                name: association,
                language,
                theme_colour,
                display_name: name,
                email,
                password,
            };
            accounts::set_up_instance(
                &cercle_core::kernel::flow::Context {
                    store: &*store,
                    association: input.name.as_str().into(),
                    base_url: "",
                    now: Timestamp::now(),
                },
                &input,
            )
            .await
            .map_err(|error| match error {
                accounts::FlowError::Invalid(errors) => anyhow::anyhow!(
                    "refused: {}",
                    errors
                        .iter()
                        .map(|e| format!(
                            "{}: {}",
                            e.field,
                            cercle_core::kernel::i18n::text(
                                cercle_core::kernel::association::Language::En,
                                e.message
                            )
                        ))
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
                other => anyhow::anyhow!("{other}"),
            })?;
            println!(
                "The instance is set up; its administrator can log in at {}login",
                config.base_url
            );
            Ok(())
        }
    }
}

fn read_password() -> anyhow::Result<String> {
    eprintln!("Administrator password (10 to 128 characters):");
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("cannot read the password")?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

fn init_logging(config: &Config) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,tower_http=info"));
    let colours = std::io::IsTerminal::is_terminal(&std::io::stdout());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(colours);
    if config.json_logs {
        builder.json().init();
    } else {
        builder.init();
    }
}

async fn open_store(config: &Config) -> anyhow::Result<Arc<dyn Store>> {
    std::fs::create_dir_all(&config.data_dir).with_context(|| {
        format!(
            "cannot create the data directory {}",
            config.data_dir.display()
        )
    })?;
    Ok(cercle_store::open(&config.database).await?)
}

/// Serves until SIGTERM or Ctrl-C, then lets requests in flight and the job
/// in hand finish.
async fn serve(config: &Config, banner: Option<String>) -> anyhow::Result<()> {
    let store = open_store(config).await?;
    let mailer = build_mailer(&config.mail, &config.mail_from)?;
    let jobs = WorkerHandle::default();
    let worker = Worker::new(Arc::clone(&store), mailer, &config.worker_settings(), &jobs);
    let state = cercle_web::AppState::new(store, config.web_settings(), jobs).await?;
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("cannot listen on {}", config.listen))?;
    let (stop, stopped) = watch::channel(false);
    let mut worker_stopped = stopped.clone();
    let worker_task = tokio::spawn(worker.run(async move {
        let _ = worker_stopped.wait_for(|stop| *stop).await;
    }));
    tracing::info!(address = %listener.local_addr()?, base_url = %config.base_url, "serving");
    if let Some(banner) = banner {
        println!("{banner}");
    }
    let mut server_stopped = stopped;
    let server = cercle_web::serve(listener, cercle_web::app(state), async move {
        let _ = server_stopped.wait_for(|stop| *stop).await;
    });
    tokio::spawn(async move {
        shutdown_signal().await;
        tracing::info!("shutting down");
        let _ = stop.send(true);
    });
    server.await?;
    worker_task.await?;
    Ok(())
}

async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut terminate =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
                .expect("SIGTERM can be listened to");
        tokio::select! {
            _ = interrupt => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = interrupt.await;
    }
}
