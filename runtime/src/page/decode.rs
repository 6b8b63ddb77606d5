//! Decoding a list page: the envelope, then each record on its own terms, so that one record that cannot be
//! read is set aside ([`Rejected`]) and never costs its neighbours.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserializer;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::Page;
use crate::decode::{Ctx, DecodeIssue, Lenient, Outcome, Seed};
use crate::record::{Item, Rejected, decode_item};

/// What a page's `result` can be: a list of records, or (with `truto_key_by`) a map of them.
pub(crate) trait PageResult: Default + Sized {
    /// The records, any that cannot be read going to `rejected`.
    fn decode_result<'de, D: Deserializer<'de>>(
        deserializer: D,
        ctx: &mut Ctx,
        rejected: &mut Vec<Rejected>,
    ) -> Result<Self, D::Error>;

    /// Every record's decode issues, with the record's position, for logging.
    fn each_issue(&self, each: &mut dyn FnMut(String, &DecodeIssue));
}

/// Decodes a page. Also returns the issues that belong to no record (an envelope field of another type), for
/// logging.
pub(crate) fn decode_page<'de, R: PageResult, D: Deserializer<'de>>(
    deserializer: D,
    strict: bool,
) -> Result<(Page<R>, Vec<DecodeIssue>), D::Error> {
    let mut ctx = Ctx::new(strict);
    let page = deserializer.deserialize_map(PageVisitor { ctx: &mut ctx, _result: PhantomData })?;
    Ok((page, ctx.take_since(0)))
}

impl<'de, R: PageResult> serde::Deserialize<'de> for Page<R> {
    /// Lenient, like the client: issues stay on the records; records that cannot be read go to `rejected`.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(PageVisitor { ctx: &mut Ctx::lenient(), _result: PhantomData })
    }
}

struct PageVisitor<'a, R> {
    ctx: &'a mut Ctx,
    _result: PhantomData<fn() -> R>,
}

impl<'de, R: PageResult> Visitor<'de> for PageVisitor<'_, R> {
    type Value = Page<R>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a list page: an object with `result`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Page<R>, A::Error> {
        let ctx = self.ctx;
        let mut page = Page::<R>::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "result" => page.result = map.next_value_seed(ResultSeed::new(&mut *ctx, &mut page.rejected))?,
                "next_cursor" => page.next_cursor = envelope_field(&mut map, ctx, "next_cursor")?,
                "prev_cursor" => page.prev_cursor = envelope_field(&mut map, ctx, "prev_cursor")?,
                "result_count" => {
                    let count: Option<i64> = envelope_field(&mut map, ctx, "result_count")?;
                    page.result_count = count.and_then(|count| u64::try_from(count).ok());
                }
                "is_partial_response" => {
                    page.is_partial_response = envelope_field(&mut map, ctx, "is_partial_response")?
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(page)
    }
}

/// An envelope field, read leniently: `None` when `null` or of another type (reported).
fn envelope_field<'de, A: MapAccess<'de>, T: Lenient>(
    map: &mut A,
    ctx: &mut Ctx,
    key: &str,
) -> Result<Option<T>, A::Error> {
    let mark = ctx.mark();
    let outcome = map.next_value_seed(Seed::<T>::new(ctx))?;
    ctx.prefix_key(mark, key);
    Ok(match outcome {
        Outcome::Value(value) | Outcome::Converted(value, _) => Some(value),
        Outcome::Null | Outcome::Unfitted(_) => None,
    })
}

struct ResultSeed<'a, R> {
    ctx: &'a mut Ctx,
    rejected: &'a mut Vec<Rejected>,
    _result: PhantomData<fn() -> R>,
}

impl<'a, R> ResultSeed<'a, R> {
    fn new(ctx: &'a mut Ctx, rejected: &'a mut Vec<Rejected>) -> Self {
        Self { ctx, rejected, _result: PhantomData }
    }
}

impl<'de, R: PageResult> DeserializeSeed<'de> for ResultSeed<'_, R> {
    type Value = R;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<R, D::Error> {
        R::decode_result(deserializer, self.ctx, self.rejected)
    }
}

/// One record of `result`.
struct ItemSeed<'a, T> {
    ctx: &'a mut Ctx,
    _item: PhantomData<fn() -> T>,
}

impl<'de, T: Item> DeserializeSeed<'de> for ItemSeed<'_, T> {
    type Value = Result<T, (String, serde_json::Value)>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        decode_item(deserializer, self.ctx, None)
    }
}

impl<T: Item> PageResult for Vec<T> {
    fn decode_result<'de, D: Deserializer<'de>>(
        deserializer: D,
        ctx: &mut Ctx,
        rejected: &mut Vec<Rejected>,
    ) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ListResult { ctx, rejected, _item: PhantomData })
    }

    fn each_issue(&self, each: &mut dyn FnMut(String, &DecodeIssue)) {
        for (index, item) in self.iter().enumerate() {
            item.issues().iter().for_each(|issue| each(format!("result[{index}]"), issue));
        }
    }
}

impl<T: Item> PageResult for BTreeMap<String, T> {
    fn decode_result<'de, D: Deserializer<'de>>(
        deserializer: D,
        ctx: &mut Ctx,
        rejected: &mut Vec<Rejected>,
    ) -> Result<Self, D::Error> {
        deserializer.deserialize_any(KeyedResult { ctx, rejected, _item: PhantomData })
    }

    fn each_issue(&self, each: &mut dyn FnMut(String, &DecodeIssue)) {
        for (key, item) in self {
            item.issues().iter().for_each(|issue| each(format!("result[{key:?}]"), issue));
        }
    }
}

struct ListResult<'a, T> {
    ctx: &'a mut Ctx,
    rejected: &'a mut Vec<Rejected>,
    _item: PhantomData<fn() -> T>,
}

impl<'de, T: Item> Visitor<'de> for ListResult<'_, T> {
    type Value = Vec<T>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("an array of records")
    }

    #[inline]
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        for index in 0.. {
            let seed = ItemSeed::<T> { ctx: &mut *self.ctx, _item: PhantomData };
            match seq.next_element_seed(seed)? {
                None => break,
                Some(Ok(item)) => items.push(item),
                Some(Err((reason, raw))) => self.rejected.push(Rejected { index, key: None, reason, raw }),
            }
        }
        Ok(items)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Vec<T>, E> {
        Ok(Vec::new())
    }
}

struct KeyedResult<'a, T> {
    ctx: &'a mut Ctx,
    rejected: &'a mut Vec<Rejected>,
    _item: PhantomData<fn() -> T>,
}

impl<'de, T: Item> Visitor<'de> for KeyedResult<'_, T> {
    type Value = BTreeMap<String, T>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("an object of records keyed by `truto_key_by`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut items = BTreeMap::new();
        let mut index = 0;
        while let Some(key) = map.next_key::<String>()? {
            let seed = ItemSeed::<T> { ctx: &mut *self.ctx, _item: PhantomData };
            match map.next_value_seed(seed)? {
                Ok(item) => {
                    items.insert(key, item);
                }
                Err((reason, raw)) => self.rejected.push(Rejected { index, key: Some(key), reason, raw }),
            }
            index += 1;
        }
        Ok(items)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(BTreeMap::new())
    }
}
