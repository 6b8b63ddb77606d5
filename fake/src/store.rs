//! The fake's data: integrated accounts, and per account the records and custom-method results of each resource.
//!
//! Records are JSON objects kept in the order they were added (each has a position that never changes), with an
//! index by id. Ids are compared as text: a record seeded with `"id": 7` is found at `…/7`.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Value};

use crate::reply::Reply;

/// Every integrated account, by id.
#[derive(Debug, Default)]
pub(crate) struct Store {
    pub accounts: BTreeMap<String, AccountData>,
}

/// One integrated account.
#[derive(Debug, Default)]
pub(crate) struct AccountData {
    /// The integration it connects (`highlevel`), whose required parameters the fake enforces.
    pub integration: Option<String>,
    /// Resources by path (`/unified/crm/contacts`), created when first written.
    pub resources: BTreeMap<String, Resource>,
    /// Answers to mutations sent with an `Idempotency-Key`, by key.
    pub idempotent: HashMap<String, Reply>,
}

/// One resource of one account.
#[derive(Debug, Default)]
pub(crate) struct Resource {
    records: BTreeMap<u64, Value>,
    positions: HashMap<String, u64>,
    next_position: u64,
    next_id: u64,
    /// Results of custom methods, by method name.
    pub custom: BTreeMap<String, Value>,
}

/// The text of a record's id, when it has a usable one (a non-empty string, or a number).
pub(crate) fn id_text(record: &Map<String, Value>) -> Option<String> {
    match record.get("id")? {
        Value::String(id) if !id.is_empty() => Some(id.clone()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

impl Resource {
    /// Adds records atomically: every record must be an object whose id (if it has one) is free; records
    /// without an id get `fake-<n>`. Returns the ids in order.
    pub fn insert_all(&mut self, records: Vec<Value>) -> Result<Vec<String>, String> {
        let mut objects = Vec::with_capacity(records.len());
        let mut taken: Vec<String> = Vec::new();
        for (index, record) in records.into_iter().enumerate() {
            let Value::Object(object) = record else {
                return Err(format!("record {index} is not a JSON object"));
            };
            if let Some(id) = id_text(&object) {
                if self.positions.contains_key(&id) || taken.contains(&id) {
                    return Err(format!("id {id:?} is already taken"));
                }
                taken.push(id);
            }
            objects.push(object);
        }
        Ok(objects.into_iter().map(|object| self.insert_unchecked(object)).collect())
    }

    /// Adds one record (its id, if any, is known to be free) and returns its id.
    fn insert_unchecked(&mut self, mut object: Map<String, Value>) -> String {
        let id = match id_text(&object) {
            Some(id) => id,
            None => {
                let id = self.fresh_id();
                object.insert("id".into(), Value::String(id.clone()));
                id
            }
        };
        let position = self.next_position;
        self.next_position += 1;
        self.positions.insert(id.clone(), position);
        self.records.insert(position, Value::Object(object));
        id
    }

    /// An id no record has.
    fn fresh_id(&mut self) -> String {
        loop {
            self.next_id += 1;
            let id = format!("fake-{}", self.next_id);
            if !self.positions.contains_key(&id) {
                return id;
            }
        }
    }

    /// The record with this id.
    pub fn get(&self, id: &str) -> Option<&Value> {
        self.records.get(self.positions.get(id)?)
    }

    /// The record with this id, to change it (its id must stay the same).
    pub fn get_mut(&mut self, id: &str) -> Option<&mut Value> {
        self.records.get_mut(self.positions.get(id)?)
    }

    /// Removes the record with this id.
    pub fn remove(&mut self, id: &str) -> Option<Value> {
        let position = self.positions.remove(id)?;
        self.records.remove(&position)
    }

    /// Every record, in list order.
    pub fn records(&self) -> impl Iterator<Item = &Value> {
        self.records.values()
    }

    /// Removes every record (custom results stay).
    pub fn clear(&mut self) {
        self.records.clear();
        self.positions.clear();
    }

    /// Up to `limit` records after position `after` (from the start when `None`), with their positions.
    pub fn after(&self, after: Option<u64>, limit: usize) -> Vec<(u64, &Value)> {
        let start = after.map_or(0, |position| position.saturating_add(1));
        self.records.range(start..).take(limit).map(|(position, record)| (*position, record)).collect()
    }

    /// The last `limit` records before position `before`, in list order, with their positions.
    pub fn before(&self, before: u64, limit: usize) -> Vec<(u64, &Value)> {
        let mut page: Vec<_> =
            self.records.range(..before).rev().take(limit).map(|(position, record)| (*position, record)).collect();
        page.reverse();
        page
    }

    /// Whether a record lies after position `position`.
    pub fn has_after(&self, position: u64) -> bool {
        self.records.range(position.saturating_add(1)..).next().is_some() && position != u64::MAX
    }

    /// Whether a record lies before position `position`.
    pub fn has_before(&self, position: u64) -> bool {
        self.records.range(..position).next().is_some()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn ids_are_kept_assigned_and_never_reused() {
        let mut resource = Resource::default();
        let ids = resource.insert_all(vec![json!({"id": "fake-1"}), json!({"name": "x"}), json!({"id": 7})]).unwrap();
        assert_eq!(ids, ["fake-1", "fake-2", "7"]);
        assert_eq!(resource.get("fake-2"), Some(&json!({"id": "fake-2", "name": "x"})));
        assert!(resource.get("7").is_some());
        assert_eq!(resource.insert_all(vec![json!({"id": "7"})]).unwrap_err(), "id \"7\" is already taken");
        assert!(resource.insert_all(vec![json!({"id": "a"}), json!({"id": "a"})]).is_err());
        assert!(resource.insert_all(vec![json!({"id": "b"}), json!(3)]).is_err());
        assert!(resource.get("b").is_none(), "a refused batch adds nothing");
        assert_eq!(resource.insert_all(vec![json!({"id": ""})]).unwrap(), ["fake-3"]);
    }

    #[test]
    fn pages_follow_positions_across_deletes() {
        let mut resource = Resource::default();
        resource.insert_all((0..5).map(|n| json!({"id": n.to_string()})).collect()).unwrap();
        let first: Vec<u64> = resource.after(None, 2).into_iter().map(|(position, _)| position).collect();
        assert_eq!(first, [0, 1]);
        resource.remove("2");
        let second: Vec<u64> = resource.after(Some(1), 2).into_iter().map(|(position, _)| position).collect();
        assert_eq!(second, [3, 4]);
        assert!(!resource.has_after(4) && resource.has_after(3) && !resource.has_after(u64::MAX));
        let before: Vec<u64> = resource.before(3, 2).into_iter().map(|(position, _)| position).collect();
        assert_eq!(before, [0, 1]);
        assert!(resource.has_before(1) && !resource.has_before(0));
        resource.clear();
        assert!(resource.after(None, 10).is_empty());
    }
}
