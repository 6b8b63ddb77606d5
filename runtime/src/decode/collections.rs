//! Lists and maps: `null` elements (and `null` map values) are skipped, elements that do not fit are left
//! out, and either way the list as sent is kept so that it encodes back unchanged.
//!
//! The list as sent is only rebuilt once the first irregular element arrives (from the elements decoded so
//! far, which encode back exactly): a regular list costs nothing extra.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserializer;
use serde::de::{self, Visitor};
use serde_json::{Map, Value};

use super::scalars::unfitted;
use super::{Ctx, DecodeIssue, IssueOutcome, Lenient, Outcome, Seed, to_value};

/// A value that is a collection: empty when absent.
pub trait Collection: Default {
    /// Whether it holds nothing.
    fn is_empty(&self) -> bool;
}

impl<T> Collection for Vec<T> {
    fn is_empty(&self) -> bool {
        Vec::is_empty(self)
    }
}

impl<T> Collection for BTreeMap<String, T> {
    fn is_empty(&self) -> bool {
        BTreeMap::is_empty(self)
    }
}

impl<T: Lenient> Lenient for Vec<T> {
    const EXPECTED: &'static str = "an array";

    #[inline]
    fn decode<'de, D: Deserializer<'de>>(deserializer: D, ctx: &mut Ctx) -> Result<Outcome<Self>, D::Error> {
        deserializer.deserialize_any(ListVisitor { ctx, _items: PhantomData })
    }
}

struct ListVisitor<'a, T> {
    ctx: &'a mut Ctx,
    _items: PhantomData<fn() -> T>,
}

/// The collection as sent, started from the entries decoded so far.
fn shadow<'s, T: serde::Serialize>(shadow: &'s mut Option<Vec<Value>>, items: &[T]) -> &'s mut Vec<Value> {
    shadow.get_or_insert_with(|| items.iter().map(to_value).collect())
}

impl<'de, T: Lenient> Visitor<'de> for ListVisitor<'_, T> {
    type Value = Outcome<Vec<T>>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("an array")
    }

    #[inline]
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let ctx = self.ctx;
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        let mut sent: Option<Vec<Value>> = None;
        let top_level = ctx.depth == 0;
        for index in 0.. {
            let mark = ctx.mark();
            let Some(outcome) = seq.next_element_seed(Seed::<T>::new(ctx))? else { break };
            match outcome {
                Outcome::Value(mut item) => {
                    if let Some(sent) = &mut sent {
                        sent.push(to_value(&item));
                    }
                    // Outside any record, each record keeps the issues found in it.
                    if top_level {
                        let rest = item.adopt(ctx.take_since(mark));
                        ctx.issues.extend(rest);
                    }
                    items.push(item);
                }
                Outcome::Converted(item, wire) => {
                    shadow(&mut sent, &items).push(*wire);
                    items.push(item);
                }
                Outcome::Null => {
                    ctx.report(DecodeIssue::new(T::EXPECTED, "null".to_owned(), IssueOutcome::Skipped))?;
                    shadow(&mut sent, &items).push(Value::Null);
                }
                Outcome::Unfitted(wire) => shadow(&mut sent, &items).push(*wire),
            }
            ctx.prefix_index(mark, index);
        }
        Ok(match sent {
            None => Outcome::Value(items),
            Some(sent) => Outcome::Converted(items, Box::new(Value::Array(sent))),
        })
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Outcome::Null)
    }

    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let wire = serde::Deserialize::deserialize(de::value::MapAccessDeserializer::new(map))?;
        unfitted(self.ctx, "an array", wire)
    }

    keep_scalars!("an array");
}

impl<T: Lenient> Lenient for BTreeMap<String, T> {
    const EXPECTED: &'static str = "an object";

    #[inline]
    fn decode<'de, D: Deserializer<'de>>(deserializer: D, ctx: &mut Ctx) -> Result<Outcome<Self>, D::Error> {
        deserializer.deserialize_any(MapVisitor { ctx, _values: PhantomData })
    }
}

struct MapVisitor<'a, T> {
    ctx: &'a mut Ctx,
    _values: PhantomData<fn() -> T>,
}

/// The map as sent, started from the entries decoded so far.
fn shadow_map<'s, T: serde::Serialize>(
    shadow: &'s mut Option<Map<String, Value>>,
    entries: &BTreeMap<String, T>,
) -> &'s mut Map<String, Value> {
    shadow.get_or_insert_with(|| entries.iter().map(|(key, value)| (key.clone(), to_value(value))).collect())
}

impl<'de, T: Lenient> Visitor<'de> for MapVisitor<'_, T> {
    type Value = Outcome<BTreeMap<String, T>>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("an object")
    }

    #[inline]
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let ctx = self.ctx;
        let mut entries = BTreeMap::new();
        let mut sent: Option<Map<String, Value>> = None;
        let top_level = ctx.depth == 0;
        while let Some(key) = map.next_key::<String>()? {
            let mark = ctx.mark();
            let mut outcome = map.next_value_seed(Seed::<T>::new(ctx))?;
            match &mut outcome {
                // Outside any record, each record keeps the issues found in it.
                Outcome::Value(value) if top_level => {
                    let rest = value.adopt(ctx.take_since(mark));
                    ctx.issues.extend(rest);
                }
                Outcome::Null => {
                    ctx.report(DecodeIssue::new(T::EXPECTED, "null".to_owned(), IssueOutcome::Skipped))?;
                }
                _ => {}
            }
            ctx.prefix_key(mark, &key);
            match outcome {
                Outcome::Value(value) => {
                    if let Some(sent) = &mut sent {
                        sent.insert(key.clone(), to_value(&value));
                    }
                    entries.insert(key, value);
                }
                Outcome::Converted(value, wire) => {
                    shadow_map(&mut sent, &entries).insert(key.clone(), *wire);
                    entries.insert(key, value);
                }
                Outcome::Null => {
                    shadow_map(&mut sent, &entries).insert(key, Value::Null);
                }
                Outcome::Unfitted(wire) => {
                    shadow_map(&mut sent, &entries).insert(key, *wire);
                }
            }
        }
        Ok(match sent {
            None => Outcome::Value(entries),
            Some(sent) => Outcome::Converted(entries, Box::new(Value::Object(sent))),
        })
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Outcome::Null)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        let wire = serde::Deserialize::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
        unfitted(self.ctx, "an object", wire)
    }

    keep_scalars!("an object");
}
