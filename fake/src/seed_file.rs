//! Seed files: the accounts, records and custom-method results a fake starts with, as JSON (what
//! `truto-codegen fake --seed FILE.json` serves).
//!
//! ```json
//! {
//!   "accounts": {
//!     "acct-1": {
//!       "integration": "highlevel",
//!       "records": {
//!         "/unified/crm/contacts": [{"id": "c1", "first_name": "Ada"}, {"first_name": "Grace"}]
//!       },
//!       "custom_results": {
//!         "/unified/crm/accounts": {"merge": {"id": "a1", "name": "Merged"}}
//!       }
//!     }
//!   }
//! }
//! ```
//!
//! Every key but `accounts` is optional. `integration` binds the account to an integration (its required
//! parameters are then enforced); `records` lists records per resource path, in list order (a record without an
//! `id` is given one); `custom_results` gives, per resource path and custom method, the `result` it answers.
//! Unknown keys are errors, so a typo is not silently ignored.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use truto_unified_runtime::seed::{SeedError, Seeder};

use crate::account::check_path;
use crate::server::FakeTruto;

/// A seed file's contents.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedFile {
    /// The integrated accounts, by id.
    pub accounts: BTreeMap<String, SeedAccount>,
}

/// One integrated account of a seed file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedAccount {
    /// The integration slug the account connects (`highlevel`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integration: Option<String>,
    /// Records by resource path (`/unified/crm/contacts`), in list order.
    #[serde(default)]
    pub records: BTreeMap<String, Vec<Value>>,
    /// Custom-method results by resource path, then method name.
    #[serde(default)]
    pub custom_results: BTreeMap<String, BTreeMap<String, Value>>,
}

impl SeedFile {
    /// Reads a seed file's JSON text.
    pub fn from_json(text: &str) -> Result<Self, SeedError> {
        serde_json::from_str(text).map_err(|error| SeedError::new(format!("not a seed file: {error}")))
    }

    /// Reads the seed file at `path`.
    pub fn read(path: impl AsRef<Path>) -> Result<Self, SeedError> {
        let path = path.as_ref();
        let text =
            std::fs::read_to_string(path).map_err(|error| SeedError::new(format!("{}: {error}", path.display())))?;
        Self::from_json(&text).map_err(|error| SeedError::new(format!("{}: {error}", path.display())))
    }

    /// Adds everything to `fake`.
    pub(crate) fn apply(&self, fake: &FakeTruto) -> Result<(), SeedError> {
        for (id, seeded) in &self.accounts {
            let mut account = fake.account(id.clone());
            if let Some(integration) = &seeded.integration {
                account = account.with_integration(integration.clone());
            }
            let context = |path: &str, error: SeedError| SeedError::new(format!("accounts.{id}: {path}: {error}"));
            for (path, records) in &seeded.records {
                account.insert_records(path, records.clone()).map_err(|error| context(path, error))?;
            }
            for (path, results) in &seeded.custom_results {
                check_path(path).map_err(|error| context(path, error))?;
                for (method, result) in results {
                    account.set_custom_result(path, method, result.clone());
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_files_are_read_strictly() {
        let seed = SeedFile::from_json(
            r#"{"accounts": {"a": {"integration": "close", "records": {"/unified/crm/contacts": [{"id": "c1"}]}}}}"#,
        )
        .unwrap();
        assert_eq!(seed.accounts["a"].integration.as_deref(), Some("close"));
        let typo = SeedFile::from_json(r#"{"accounts": {"a": {"record": {}}}}"#).unwrap_err();
        assert!(typo.message.contains("unknown field `record`"), "{typo}");
        assert!(SeedFile::read("/nonexistent/seed.json").unwrap_err().message.starts_with("/nonexistent/seed.json"));
    }
}
