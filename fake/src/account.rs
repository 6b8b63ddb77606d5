//! A handle on one integrated account of the fake: seed it (typed, through [`Seeder`]), bind it to an
//! integration, and read back what the code under test wrote.

use std::fmt;
use std::sync::Arc;

use serde::Serialize;
use serde_json::Value;
use truto_unified_runtime::seed::{SeedError, SeedResource, Seeder};

use crate::server::{Shared, lock};

/// One integrated account of a [`FakeTruto`](crate::FakeTruto). Cheap to clone; every clone is the same account.
///
/// It implements [`Seeder`], so the generated seeding accessors work on it
/// (`account.calendar().users().insert(…)`), as does [`SeedResource`] by hand:
///
/// ```no_run
/// # async fn demo() {
/// use truto_unified_fake::FakeTruto;
/// use truto_unified_fake::seed::SeedResource;
///
/// let fake = FakeTruto::start().await;
/// let account = fake.account("acct-1").with_integration("outlook_calendar");
/// let users = SeedResource::<_, serde_json::Value>::new(account.clone(), "/unified/calendar/users");
/// users.insert(serde_json::json!({"id": "u1", "name": "Ada"}));
/// # }
/// ```
#[derive(Clone)]
pub struct FakeAccount {
    shared: Arc<Shared>,
    id: String,
}

impl FakeAccount {
    /// The account `id`, created when missing.
    pub(crate) fn open(shared: Arc<Shared>, id: String) -> Self {
        lock(&shared.store).accounts.entry(id.clone()).or_default();
        Self { shared, id }
    }

    /// The integrated account id (what clients send as `integrated_account_id`).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Binds the account to an integration (a slug: `highlevel`): its requests must then carry what the spec
    /// says that integration requires.
    pub fn with_integration(self, integration: impl Into<String>) -> Self {
        self.with_store(|account| account.integration = Some(integration.into()));
        self
    }

    /// The integration the account is bound to.
    pub fn integration(&self) -> Option<String> {
        self.with_store(|account| account.integration.clone())
    }

    /// The resource at `path` (`/unified/calendar/users`), typed by its model `T`, to seed or read back.
    pub fn resource<T: Serialize>(&self, path: impl Into<String>) -> SeedResource<Self, T> {
        SeedResource::new(self.clone(), path.into())
    }

    fn with_store<R>(&self, change: impl FnOnce(&mut crate::store::AccountData) -> R) -> R {
        let mut store = lock(&self.shared.store);
        change(store.accounts.entry(self.id.clone()).or_default())
    }
}

impl fmt::Debug for FakeAccount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FakeAccount").field("id", &self.id).finish_non_exhaustive()
    }
}

impl Seeder for FakeAccount {
    fn insert_records(&self, path: &str, records: Vec<Value>) -> Result<Vec<String>, SeedError> {
        check_path(path)?;
        self.with_store(|account| account.resources.entry(path.to_owned()).or_default().insert_all(records))
            .map_err(SeedError::new)
    }

    fn set_custom_result(&self, path: &str, method: &str, result: Value) {
        self.with_store(|account| {
            account.resources.entry(path.to_owned()).or_default().custom.insert(method.to_owned(), result)
        });
    }

    fn records(&self, path: &str) -> Vec<Value> {
        self.with_store(|account| {
            account.resources.get(path).map(|resource| resource.records().cloned().collect()).unwrap_or_default()
        })
    }

    fn clear(&self, path: &str) {
        self.with_store(|account| {
            if let Some(resource) = account.resources.get_mut(path) {
                resource.clear();
            }
        });
    }
}

/// A resource path the fake can serve: `/unified/{api}/{resource}`.
pub(crate) fn check_path(path: &str) -> Result<(), SeedError> {
    let segments: Vec<&str> = path.strip_prefix("/unified/").map(|rest| rest.split('/').collect()).unwrap_or_default();
    if segments.len() == 2 && segments.iter().all(|segment| !segment.is_empty()) {
        Ok(())
    } else {
        Err(SeedError::new(format!("{path:?} is not a resource path: expected /unified/{{api}}/{{resource}}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resource_paths() {
        assert!(check_path("/unified/crm/contacts").is_ok());
        for bad in ["crm/contacts", "/unified/crm", "/unified/crm/contacts/1", "/unified//contacts", "/unified/crm/"] {
            assert!(check_path(bad).is_err(), "{bad}");
        }
    }
}
