//! Opening a store: database URLs, and the SQLite file settings and migrations.

#![expect(
    clippy::unwrap_used,
    reason = "the helpers of a test unwrap: a panic there fails the test that called them"
)]

use cercle_core::kernel::store::StoreError;
use cercle_store::{
    DatabaseUrl, OpenError, OpenOptions, Synchronous, migrate, open, sqlite_pragmas,
};

fn options_in(directory: &tempfile::TempDir) -> OpenOptions {
    OpenOptions::new(DatabaseUrl::Sqlite(
        directory.path().join("data").join("cercle.db"),
    ))
}

#[tokio::test]
async fn migrates_an_empty_file_once() {
    let directory = tempfile::tempdir().unwrap();
    let options = options_in(&directory);
    assert_eq!(
        migrate(&options).await.unwrap(),
        [
            "V1__initial",
            "V2__register_and_dues",
            "V3__admission_and_import",
            "V4__communities",
            "V5__exclusions",
            "V6__charters",
            "V7__joining",
            "V8__notifications",
            "V9__public_site",
            "V10__newsletter_and_reports",
            "V11__directory_at_scale",
            "V12__member_roles_by_account",
            "V13__count_visible_communities",
            "V14__arrival_rounds",
            "V15__register_at_scale",
            "V16__events",
            "V17__governance",
            "V18__event_covers",
        ]
    );
    assert!(migrate(&options).await.unwrap().is_empty());
}

#[tokio::test]
async fn opens_the_same_file_twice_without_migrating_again() {
    let directory = tempfile::tempdir().unwrap();
    let options = options_in(&directory);
    let first = open(&options).await.unwrap();
    first.enqueue(&welcome_job()).await.unwrap();
    drop(first);

    let second = open(&options).await.unwrap();
    assert_eq!(
        second.pending_jobs().await.unwrap(),
        1,
        "the data survived reopening"
    );
    assert!(migrate(&options).await.unwrap().is_empty());
    assert!(matches!(
        second
            .account(cercle_core::accounts::account::AccountId(1))
            .await,
        Err(StoreError::NotFound)
    ));
}

#[tokio::test]
async fn uses_wal_foreign_keys_and_full_sync_by_default() {
    let directory = tempfile::tempdir().unwrap();
    let options = options_in(&directory);
    let DatabaseUrl::Sqlite(path) = &options.url else {
        unreachable!()
    };
    let _store = open(&options).await.unwrap();

    let pragmas = sqlite_pragmas(path, options.sqlite_synchronous).unwrap();
    let expected = [
        ("journal_mode", "wal"),
        ("synchronous", "2"),
        ("foreign_keys", "1"),
        ("busy_timeout", "5000"),
    ];
    assert_eq!(
        pragmas,
        expected.map(|(name, value)| (name.to_owned(), value.to_owned()))
    );

    let normal = sqlite_pragmas(path, Synchronous::Normal).unwrap();
    assert!(
        normal.contains(&("synchronous".to_owned(), "1".to_owned())),
        "{normal:?}"
    );
}

#[test]
fn parses_database_urls() {
    let sqlite = |path: &str| DatabaseUrl::Sqlite(path.into());
    assert_eq!(
        DatabaseUrl::parse("sqlite://data/cercle.db").unwrap(),
        sqlite("data/cercle.db")
    );
    assert_eq!(
        DatabaseUrl::parse("sqlite:///var/lib/cercle.db").unwrap(),
        sqlite("/var/lib/cercle.db")
    );
    assert_eq!(
        DatabaseUrl::default_in("/srv/cercle".as_ref()),
        sqlite("/srv/cercle/cercle.db")
    );
    for url in [
        "postgres://cercle@db:5432/cercle",
        "postgresql://cercle:secret@db/cercle",
    ] {
        assert_eq!(
            DatabaseUrl::parse(url).unwrap(),
            DatabaseUrl::Postgres(url.to_owned())
        );
    }
    for refused in [
        "mysql://db/cercle",
        "cercle.db",
        "sqlite://",
        "postgres://db:notaport/cercle",
    ] {
        assert!(
            matches!(DatabaseUrl::parse(refused), Err(OpenError::InvalidUrl(_))),
            "{refused}"
        );
    }
    let shown = DatabaseUrl::parse("postgres://cercle:secret@db/cercle")
        .unwrap()
        .to_string();
    assert!(!shown.contains("secret"), "{shown}");
}

fn welcome_job() -> cercle_core::kernel::job::NewJob {
    cercle_core::kernel::job::NewJob::new(
        "welcome".to_owned(),
        cercle_core::kernel::mail::OutgoingEmail {
            to: cercle_core::kernel::email::EmailAddress::parse("someone@asso.fr").unwrap(),
            subject: "Bienvenue".to_owned(),
            text: "Bonjour".to_owned(),
            list_unsubscribe: None,
            calendar: None,
        },
        cercle_core::kernel::time::Timestamp(0),
    )
}
