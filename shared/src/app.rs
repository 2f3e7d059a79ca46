//! What a function instance holds between invocations: configuration, SDK clients, the
//! table adapter, the in-memory catalogue index and the clock.

use std::sync::Mutex;

use chrono::{DateTime, Utc};

use crate::aws::Clients;
use crate::catalogue::Catalogue;
use crate::config::{Config, ConfigError};
use crate::documents::Documents;
use crate::mail::Mailer;
use crate::store::Store;

pub struct App {
    pub config: Config,
    pub clients: Clients,
    pub store: Store,
    pub documents: Documents,
    pub mailer: Mailer,
    pub catalogue: Catalogue,
    /// Companies, associations and partnerships without any mission: what a function that
    /// does not search needs.
    pub directory: crate::catalogue::DirectoryCache,
    clock: Clock,
}

impl App {
    /// Built once per cold start from the environment.
    pub async fn from_env() -> Result<Self, ConfigError> {
        let config = Config::from_env()?;
        let clients = Clients::from_env().await;
        Ok(Self::new(config, clients))
    }

    pub fn new(config: Config, clients: Clients) -> Self {
        let store = Store::new(clients.dynamo.clone(), config.table_name.clone());
        let documents = Documents::new(clients.s3.clone(), config.bucket_name.clone());
        let mailer = Mailer {
            client: clients.ses.clone(),
            from: config.mail_from.clone(),
            configuration_set: config.ses_configuration_set.clone(),
            pace: std::sync::Arc::new(crate::mail::Governor::new(config.ses_max_send_rate)),
        };
        let directory = crate::catalogue::DirectoryCache::new(config.catalogue_max_age);
        let catalogue = Catalogue::new(config.catalogue_max_age, Some(documents.clone()));
        Self { config, clients, store, documents, mailer, catalogue, directory, clock: Clock::System }
    }

    /// The same application with a clock the caller sets (tests, demos).
    pub fn with_fixed_clock(mut self, at: DateTime<Utc>) -> Self {
        self.clock = Clock::Fixed(Mutex::new(at));
        self
    }

    pub fn now(&self) -> DateTime<Utc> {
        match &self.clock {
            Clock::System => Utc::now(),
            Clock::Fixed(t) => *t.lock().unwrap_or_else(|p| p.into_inner()),
        }
    }

    /// Moves a fixed clock (no effect on the system clock).
    pub fn set_now(&self, at: DateTime<Utc>) {
        if let Clock::Fixed(t) = &self.clock {
            *t.lock().unwrap_or_else(|p| p.into_inner()) = at;
        }
    }
}

enum Clock {
    System,
    Fixed(Mutex<DateTime<Utc>>),
}
