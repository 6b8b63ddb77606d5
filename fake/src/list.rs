//! `GET /unified/{api}/{resource}`: a page of records with `limit`, opaque cursors and `truto_key_by`.

use serde_json::{Map, Value, json};

use crate::cursor::{self, Cursor};
use crate::errors::TrutoError;
use crate::reply::Reply;
use crate::request::Incoming;
use crate::shape::Shape;
use crate::store::Resource;

/// The records per page when a request sends no `limit` (or `truto_ignore_limit=true`).
pub const DEFAULT_PAGE_SIZE: usize = 25;

/// One page of `resource` (absent: a resource nobody wrote to, so an empty page) at `path`.
pub(crate) fn list(
    resource: Option<&Resource>,
    path: &str,
    request: &Incoming,
    shape: &Shape,
    page_size: usize,
) -> Result<Reply, TrutoError> {
    let limit = limit(request, page_size)?;
    let start = match request.param("next_cursor").filter(|cursor| !cursor.is_empty()) {
        None => None,
        Some(text) => Some(cursor::decode(path, text).ok_or_else(|| {
            TrutoError::bad_request(format!("Invalid next_cursor {text:?}: pass a cursor this resource returned"))
        })?),
    };
    let empty = Resource::default();
    let resource = resource.unwrap_or(&empty);
    let page = match start {
        None => resource.after(None, limit),
        Some(Cursor::After(position)) => resource.after(Some(position), limit),
        Some(Cursor::Before(position)) => resource.before(position, limit),
    };
    let next_cursor = page
        .last()
        .filter(|(last, _)| resource.has_after(*last))
        .map(|(last, _)| cursor::encode(path, Cursor::After(*last)));
    let prev_cursor = page
        .first()
        .filter(|(first, _)| resource.has_before(*first))
        .map(|(first, _)| cursor::encode(path, Cursor::Before(*first)));
    let count = page.len();
    let result = match request.param("truto_key_by").filter(|field| !field.is_empty()) {
        Some(field) => keyed(page.iter().map(|(_, record)| *record), field, shape),
        None => Value::Array(page.iter().map(|(_, record)| shape.record(record)).collect()),
    };
    let body = json!({
        "result": result,
        "next_cursor": next_cursor,
        "prev_cursor": prev_cursor,
        "result_count": count,
        "is_partial_response": false,
    });
    Ok(Reply::json(200, body))
}

/// The page size: `limit` (a positive integer), the default without it or with `truto_ignore_limit`.
fn limit(request: &Incoming, page_size: usize) -> Result<usize, TrutoError> {
    if request.flag("truto_ignore_limit") {
        return Ok(page_size);
    }
    match request.param("limit").filter(|limit| !limit.is_empty()) {
        None => Ok(page_size),
        Some(text) => match text.parse::<usize>() {
            Ok(limit) if limit > 0 => Ok(limit),
            _ => Err(TrutoError::bad_request(format!("Invalid limit {text:?}: expected a positive integer"))),
        },
    }
}

/// `truto_key_by`: the records as an object keyed by each one's `field` (as text); records without it are left
/// out.
fn keyed<'a>(records: impl Iterator<Item = &'a Value>, field: &str, shape: &Shape) -> Value {
    let mut keyed = Map::new();
    for record in records {
        let key = match record.get(field) {
            Some(Value::String(text)) => text.clone(),
            Some(scalar @ (Value::Number(_) | Value::Bool(_))) => scalar.to_string(),
            _ => continue,
        };
        keyed.insert(key, shape.record(record));
    }
    Value::Object(keyed)
}

#[cfg(test)]
mod tests {
    use bytes::Bytes;

    use super::*;

    const PATH: &str = "/unified/calendar/users";

    fn resource(count: usize) -> Resource {
        let mut resource = Resource::default();
        resource.insert_all((0..count).map(|n| json!({"id": format!("u{n}"), "n": n})).collect()).unwrap();
        resource
    }

    fn page(resource: &Resource, query: &str) -> Result<Value, u16> {
        let request = Incoming::new(http::Method::GET, PATH, Some(query), http::HeaderMap::new(), Bytes::new());
        let shape = Shape::of(&request).unwrap();
        list(Some(resource), PATH, &request, &shape, 3).map(|reply| reply.json.unwrap()).map_err(|error| error.status)
    }

    fn ids(page: &Value) -> Vec<String> {
        page["result"].as_array().unwrap().iter().map(|record| record["id"].as_str().unwrap().to_owned()).collect()
    }

    #[test]
    fn cursors_walk_forward_and_back_and_stop_at_the_end() {
        let users = resource(5);
        let first = page(&users, "limit=2").unwrap();
        assert_eq!(ids(&first), ["u0", "u1"]);
        assert_eq!((first["result_count"].clone(), first["prev_cursor"].clone()), (json!(2), Value::Null));
        let cursor = first["next_cursor"].as_str().unwrap();
        let second = page(&users, &format!("limit=2&next_cursor={cursor}")).unwrap();
        assert_eq!(ids(&second), ["u2", "u3"]);
        let last = page(&users, &format!("limit=2&next_cursor={}", second["next_cursor"].as_str().unwrap())).unwrap();
        assert_eq!((ids(&last), last["next_cursor"].clone()), (vec!["u4".to_owned()], Value::Null));
        let back = page(&users, &format!("limit=2&next_cursor={}", last["prev_cursor"].as_str().unwrap())).unwrap();
        assert_eq!(ids(&back), ["u2", "u3"]);
    }

    #[test]
    fn a_full_last_page_has_no_cursor() {
        let users = resource(4);
        let first = page(&users, "limit=2").unwrap();
        let second = page(&users, &format!("limit=2&next_cursor={}", first["next_cursor"].as_str().unwrap())).unwrap();
        assert_eq!(second["next_cursor"], Value::Null);
        assert_eq!(ids(&page(&users, "").unwrap()).len(), 3, "the default page size");
        assert_eq!(ids(&page(&users, "limit=1&truto_ignore_limit=true").unwrap()).len(), 3);
        assert_eq!(ids(&page(&users, "next_cursor=").unwrap()).len(), 3);
    }

    #[test]
    fn key_by_and_bad_parameters() {
        let keyed = page(&resource(2), "truto_key_by=n").unwrap();
        assert_eq!(keyed["result"], json!({"0": {"id": "u0", "n": 0}, "1": {"id": "u1", "n": 1}}));
        for query in ["limit=0", "limit=-1", "limit=ten", "next_cursor=nope"] {
            assert_eq!(page(&resource(1), query), Err(400), "{query}");
        }
    }
}
