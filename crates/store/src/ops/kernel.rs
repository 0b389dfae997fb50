//! The kernel: the instance itself, and the jobs table every area enqueues
//! into.

use cercle_core::kernel::association::{Association, AssociationName, Language, ThemeColour};
use cercle_core::kernel::job::{Job, JobClaim, JobId, NewJob};
use cercle_core::kernel::store::{StoreError, StoreResult};
use cercle_core::kernel::time::Timestamp;

use crate::ops::{changed, decode, one};
use crate::sql::Sql;

pub(crate) async fn ping(db: &impl Sql) -> StoreResult<()> {
    db.query("SELECT 1", &[]).await.map(drop)
}

pub(crate) async fn association(db: &impl Sql) -> StoreResult<Option<Association>> {
    let rows = db
        .query(
            "SELECT name, default_language, theme_colour FROM association WHERE id = 1",
            &[],
        )
        .await?;
    rows.first()
        .map(|row| {
            Ok(Association {
                name: decode("association.name", AssociationName::parse(&row.text(0)?))?,
                default_language: decode(
                    "association.default_language",
                    Language::parse(&row.text(1)?),
                )?,
                theme_colour: decode(
                    "association.theme_colour",
                    ThemeColour::parse(&row.text(2)?),
                )?,
            })
        })
        .transpose()
}

pub(crate) async fn enqueue(db: &impl Sql, job: &NewJob) -> StoreResult<()> {
    db.execute(
        "INSERT INTO jobs (key, payload, run_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING",
        &[
            job.key.as_str().into(),
            job.payload.to_json().as_str().into(),
            job.run_at.0.into(),
        ],
    )
    .await
    .map(drop)
}

pub(crate) async fn claim_jobs<S: Sql>(db: &S, claim: &JobClaim) -> StoreResult<Vec<Job>> {
    let rows = db
        .query(
            S::CLAIM_JOBS,
            &[
                claim.now.0.into(),
                claim.lease_until.0.into(),
                i64::from(claim.limit).into(),
            ],
        )
        .await?;
    let mut jobs = rows
        .iter()
        .map(|row| {
            let attempts = i32::try_from(row.int(3)?).map_err(|error| {
                StoreError::Other(format!("jobs.attempts out of range: {error}").into())
            })?;
            let job = Job {
                id: JobId(row.int(0)?),
                key: row.text(1)?,
                payload: row.text(2)?,
                attempts,
            };
            Ok((row.int(4)?, job))
        })
        .collect::<StoreResult<Vec<_>>>()?;
    jobs.sort_by_key(|(run_at, job)| (*run_at, job.id.0));
    Ok(jobs.into_iter().map(|(_, job)| job).collect())
}

pub(crate) async fn complete_jobs(db: &impl Sql, jobs: &[JobId], at: Timestamp) -> StoreResult<()> {
    for job in jobs {
        db.execute(
            "UPDATE jobs SET done_at = $2, leased_until = NULL WHERE id = $1",
            &[job.0.into(), at.0.into()],
        )
        .await?;
    }
    Ok(())
}

pub(crate) async fn fail_job(
    db: &impl Sql,
    job: JobId,
    error: &str,
    retry_at: Option<Timestamp>,
) -> StoreResult<()> {
    match retry_at {
        Some(retry_at) => {
            changed(
                db,
                "UPDATE jobs SET last_error = $2, leased_until = NULL, run_at = $3 WHERE id = $1",
                &[job.0.into(), error.into(), retry_at.0.into()],
            )
            .await
        }
        None => changed(
            db,
            "UPDATE jobs SET last_error = $2, leased_until = NULL, failed_at = $3 WHERE id = $1",
            &[job.0.into(), error.into(), Timestamp::now().0.into()],
        )
        .await,
    }
}

pub(crate) async fn pending_jobs(db: &impl Sql) -> StoreResult<i64> {
    let row = one(
        db,
        "SELECT COUNT(*) FROM jobs WHERE done_at IS NULL AND failed_at IS NULL",
        &[],
    )
    .await?;
    row.int(0)
}
