//! The one state struct every handler receives.

use std::ops::Deref;
use std::sync::{Arc, RwLock};

use cercle_core::kernel::association::{Association, Language};
use cercle_core::kernel::date::Date;
use cercle_core::kernel::flow::Context;
use cercle_core::kernel::store::{PoolStatus, StoreResult};
use cercle_core::kernel::time::Timestamp;
use cercle_core::store::Store;
use cercle_jobs::WorkerHandle;
use metrics_exporter_prometheus::PrometheusHandle;

use crate::http::anonymous_cache::AnonymousCache;
use crate::http::rate_limit::RateLimiter;
use crate::settings::Settings;

#[derive(Clone)]
pub struct AppState(Arc<Inner>);

pub struct Inner {
    /// Private: the pages and the API ask core's flows, which this state
    /// hands the store through [`AppState::context`], and never the store
    /// itself.
    store: Arc<dyn Store>,
    pub settings: Settings,
    pub jobs: WorkerHandle,
    pub limiter: RateLimiter,
    pub metrics: PrometheusHandle,
    pub anonymous_cache: AnonymousCache,
    /// Read on every page; cached here and reloaded by this process when it
    /// changes it. Only setup changes it so far.
    association: RwLock<Option<Association>>,
}

impl Deref for AppState {
    type Target = Inner;

    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    pub async fn new(
        store: Arc<dyn Store>,
        settings: Settings,
        jobs: WorkerHandle,
    ) -> StoreResult<Self> {
        let association = store.association().await?;
        Ok(Self(Arc::new(Inner {
            limiter: RateLimiter::new(settings.rate_limits),
            anonymous_cache: AnonymousCache::new(settings.anonymous_caching),
            store,
            settings,
            jobs,
            metrics: crate::http::metrics::recorder(),
            association: RwLock::new(association),
        })))
    }

    pub fn association(&self) -> Option<Association> {
        self.association
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    pub async fn reload_association(&self) -> StoreResult<()> {
        let fresh = self.store.association().await?;
        *self
            .association
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = fresh;
        Ok(())
    }

    pub fn association_name(&self) -> String {
        self.association()
            .map_or_else(|| "Cercle".to_owned(), |a| a.name.as_str().to_owned())
    }

    pub fn default_language(&self) -> Language {
        self.association()
            .map_or(Language::Fr, |a| a.default_language)
    }

    /// The context a flow runs in, over the part of the store its area
    /// asks for: the association, the public address and this moment, the
    /// one place the pages and the API read the clock.
    pub fn context<'a, S: ?Sized>(&'a self) -> Context<'a, S>
    where
        Context<'a, dyn Store>: Into<Context<'a, S>>,
    {
        let whole: Context<'a, dyn Store> = Context {
            store: &*self.store,
            association: self.association_name().into(),
            base_url: self.settings.base(),
            now: self.now(),
        };
        whole.into()
    }

    /// Whether the database answers, for the readiness probe.
    pub async fn ping(&self) -> StoreResult<()> {
        self.store.ping().await
    }

    /// How busy the database connections are, for the metrics.
    pub fn pool_status(&self) -> PoolStatus {
        self.store.pool_status()
    }

    /// This moment: the web reads the clock here and nowhere else.
    pub fn now(&self) -> Timestamp {
        Timestamp::now()
    }

    /// Today, in UTC.
    pub fn today(&self) -> Date {
        Date::of(self.now())
    }
}
