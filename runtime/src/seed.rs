//! Typed seeding of fake Truto servers: what generated code calls so that tests fill a fake with typed records.
//!
//! A fake server (such as `truto-unified-fake`) implements [`Seeder`] for its handle on one integrated account:
//! it stores untyped JSON records per resource path. [`SeedResource`] puts the generated model types on top,
//! so a test writes records the way the bindings read them:
//!
//! ```ignore
//! let account = fake.account("acct-1");
//! account.calendar().users().insert(user);           // the generated accessors (see below)
//! SeedResource::<_, User>::new(account.clone(), "/unified/calendar/users").insert(user); // what they do
//! ```
//!
//! The generator emits, per unified API, a handle with one method per resource returning
//! `SeedResource<S, users::User>`, and a root extension trait implemented for every `S: Seeder`, so
//! `fake.account("acct-1").calendar().users()` works for the built-in bindings and for bindings generated from
//! a customer's own schema alike. This module has no dependency beyond serde.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Why seeding failed: a record that is not a JSON object, an id already taken, a stored record that does not
/// decode as the model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeedError {
    /// What went wrong, for a person.
    pub message: String,
}

impl SeedError {
    /// An error saying `message`.
    pub fn new(message: impl Into<String>) -> Self {
        Self { message: message.into() }
    }
}

impl fmt::Display for SeedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for SeedError {}

/// What a fake server's integrated account can do with untyped JSON. Implemented by fake servers; called by
/// [`SeedResource`] and by the generated seeding accessors.
///
/// Paths are resource paths below the base URL, without an id: `/unified/calendar/users`.
pub trait Seeder: Clone {
    /// Adds `records` (JSON objects) to the resource at `path`, after the records already there, and returns
    /// their ids in order. A record without an `id` (or with an empty one) is given one, as a create would.
    fn insert_records(&self, path: &str, records: Vec<Value>) -> Result<Vec<String>, SeedError>;

    /// Makes the custom method `method` of the resource at `path` (`POST {path}/{method}`) answer
    /// `{"result": result}`.
    fn set_custom_result(&self, path: &str, method: &str, result: Value);

    /// The records of the resource at `path` as they stand now, in list order.
    fn records(&self, path: &str) -> Vec<Value>;

    /// Removes every record of the resource at `path`.
    fn clear(&self, path: &str);
}

/// One resource of a fake account, typed by its model `T`: `insert(User { … })`.
pub struct SeedResource<S: Seeder, T: Serialize> {
    seeder: S,
    path: Cow<'static, str>,
    _record: PhantomData<fn(T) -> T>,
}

impl<S: Seeder, T: Serialize> SeedResource<S, T> {
    /// The resource at `path` (`/unified/calendar/users`) of the account `seeder` stands for.
    pub fn new(seeder: S, path: impl Into<Cow<'static, str>>) -> Self {
        Self { seeder, path: path.into(), _record: PhantomData }
    }

    /// The resource path.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Adds one record and returns its id (the record's own, or the one the fake gave it).
    ///
    /// # Panics
    ///
    /// When the record does not serialize to a JSON object or its id is already taken: a mistake in the test's
    /// setup. [`try_insert`](Self::try_insert) returns the error instead.
    pub fn insert(&self, record: T) -> String {
        self.try_insert(record).unwrap_or_else(|error| panic!("seeding {}: {error}", self.path))
    }

    /// Adds one record and returns its id, or why it cannot be added.
    pub fn try_insert(&self, record: T) -> Result<String, SeedError> {
        let mut ids = self.try_insert_many([record])?;
        ids.pop().ok_or_else(|| SeedError::new("the fake returned no id for the record"))
    }

    /// Adds records in order and returns their ids.
    ///
    /// # Panics
    ///
    /// As [`insert`](Self::insert); [`try_insert_many`](Self::try_insert_many) returns the error instead.
    pub fn insert_many(&self, records: impl IntoIterator<Item = T>) -> Vec<String> {
        self.try_insert_many(records).unwrap_or_else(|error| panic!("seeding {}: {error}", self.path))
    }

    /// Adds records in order and returns their ids, or why they cannot be added (then none is added).
    pub fn try_insert_many(&self, records: impl IntoIterator<Item = T>) -> Result<Vec<String>, SeedError> {
        let records = records.into_iter().map(|record| to_object(&record)).collect::<Result<Vec<_>, _>>()?;
        self.seeder.insert_records(&self.path, records)
    }

    /// Makes the custom method `method` (`POST {path}/{method}`) answer `{"result": result}`.
    ///
    /// # Panics
    ///
    /// When `result` cannot be serialized to JSON (a map with non-string keys).
    pub fn custom_result(&self, method: &str, result: impl Serialize) {
        let result = serde_json::to_value(result)
            .unwrap_or_else(|error| panic!("the result of {}/{method} is not JSON: {error}", self.path));
        self.seeder.set_custom_result(&self.path, method, result);
    }

    /// The records as they stand now (after the code under test wrote to them), untyped.
    pub fn records_json(&self) -> Vec<Value> {
        self.seeder.records(&self.path)
    }

    /// The records as they stand now, decoded as the model.
    pub fn records(&self) -> Result<Vec<T>, SeedError>
    where
        T: DeserializeOwned,
    {
        self.records_json()
            .into_iter()
            .enumerate()
            .map(|(index, record)| {
                serde_json::from_value(record).map_err(|error| {
                    SeedError::new(format!("record {index} of {} does not decode: {error}", self.path))
                })
            })
            .collect()
    }

    /// Removes every record.
    pub fn clear(&self) {
        self.seeder.clear(&self.path);
    }
}

impl<S: Seeder, T: Serialize> Clone for SeedResource<S, T> {
    fn clone(&self) -> Self {
        Self { seeder: self.seeder.clone(), path: self.path.clone(), _record: PhantomData }
    }
}

impl<S: Seeder + fmt::Debug, T: Serialize> fmt::Debug for SeedResource<S, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SeedResource").field("seeder", &self.seeder).field("path", &self.path).finish()
    }
}

/// A record as a JSON object.
fn to_object<T: Serialize>(record: &T) -> Result<Value, SeedError> {
    match serde_json::to_value(record) {
        Ok(object @ Value::Object(_)) => Ok(object),
        Ok(other) => Err(SeedError::new(format!("a record must be a JSON object, not {other}"))),
        Err(error) => Err(SeedError::new(format!("the record does not serialize to JSON: {error}"))),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::sync::{Arc, Mutex};

    use serde::Deserialize;
    use serde_json::json;

    use super::*;

    /// A seeder keeping records in memory, as a fake server would.
    #[derive(Clone, Default)]
    struct Memory(Arc<Mutex<BTreeMap<String, Vec<Value>>>>);

    impl Seeder for Memory {
        fn insert_records(&self, path: &str, records: Vec<Value>) -> Result<Vec<String>, SeedError> {
            let mut all = self.0.lock().unwrap();
            let stored = all.entry(path.to_owned()).or_default();
            let ids = records.iter().map(|record| record["id"].as_str().unwrap_or("new").to_owned()).collect();
            stored.extend(records);
            Ok(ids)
        }

        fn set_custom_result(&self, path: &str, method: &str, result: Value) {
            self.0.lock().unwrap().insert(format!("{path}/{method}"), vec![result]);
        }

        fn records(&self, path: &str) -> Vec<Value> {
            self.0.lock().unwrap().get(path).cloned().unwrap_or_default()
        }

        fn clear(&self, path: &str) {
            self.0.lock().unwrap().remove(path);
        }
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct User {
        id: String,
        name: Option<String>,
    }

    /// What the generator emits per unified API (`codegen/src/emit/seed.rs`): a handle with one method per
    /// resource, and an extension trait for every seeder.
    struct CalendarSeed<S: Seeder>(S);

    impl<S: Seeder> CalendarSeed<S> {
        fn users(&self) -> SeedResource<S, User> {
            SeedResource::new(self.0.clone(), "/unified/calendar/users")
        }
    }

    trait SeedApis: Seeder {
        fn calendar(&self) -> CalendarSeed<Self> {
            CalendarSeed(self.clone())
        }
    }

    impl<S: Seeder> SeedApis for S {}

    #[test]
    fn typed_records_go_in_and_come_back() {
        let account = Memory::default();
        let users = account.calendar().users();
        assert_eq!(users.insert(User { id: "u1".into(), name: Some("Ada".into()) }), "u1");
        let ids = users.insert_many([2, 3].map(|n| User { id: format!("u{n}"), name: None }));
        assert_eq!(ids, ["u2", "u3"]);
        assert_eq!(users.records().unwrap().len(), 3);
        assert_eq!(users.records_json()[0], json!({"id": "u1", "name": "Ada"}));
        users.custom_result("merge", json!({"ok": true}));
        assert_eq!(account.records("/unified/calendar/users/merge"), [json!({"ok": true})]);
        users.clear();
        assert!(users.records_json().is_empty());
    }

    #[test]
    fn records_that_are_not_objects_are_refused() {
        let numbers = SeedResource::<_, u32>::new(Memory::default(), "/unified/x/y");
        let error = numbers.try_insert(7).unwrap_err();
        assert_eq!(error.to_string(), "a record must be a JSON object, not 7");
        let many = numbers.try_insert_many([1, 2]);
        assert!(many.is_err());
        assert!(numbers.records_json().is_empty(), "nothing is added when one record is refused");
    }

    #[test]
    fn records_that_do_not_decode_say_which() {
        let account = Memory::default();
        account.insert_records("/unified/calendar/users", vec![json!({"name": "no id"})]).unwrap();
        let error = account.calendar().users().records().unwrap_err();
        assert!(error.message.starts_with("record 0 of /unified/calendar/users does not decode"), "{error}");
    }
}
