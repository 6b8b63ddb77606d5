//! Query strings the way Truto reads them: scalars as-is, arrays as `a[]=x&a[]=y`, objects as `a[b]=c`,
//! nested to any depth (`a[b][]=c`), percent-encoded.

use serde_json::Value;

/// Appends `name` = `value` to `pairs`, flattening arrays and objects into bracketed keys.
pub(crate) fn flatten(name: &str, value: &Value, pairs: &mut Vec<(String, String)>) {
    match value {
        Value::Null => {}
        Value::Bool(flag) => pairs.push((name.to_owned(), flag.to_string())),
        Value::Number(number) => pairs.push((name.to_owned(), number.to_string())),
        Value::String(text) => pairs.push((name.to_owned(), text.clone())),
        Value::Array(items) => {
            let key = format!("{name}[]");
            for item in items {
                flatten(&key, item, pairs);
            }
        }
        Value::Object(entries) => {
            for (key, item) in entries {
                flatten(&format!("{name}[{key}]"), item, pairs);
            }
        }
    }
}

/// `application/x-www-form-urlencoded` text of `pairs`, in order.
pub(crate) fn encode(pairs: &[(String, String)]) -> String {
    let mut serializer = form_urlencoded::Serializer::new(String::new());
    for (key, value) in pairs {
        serializer.append_pair(key, value);
    }
    serializer.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn encoded(name: &str, value: Value) -> String {
        let mut pairs = Vec::new();
        flatten(name, &value, &mut pairs);
        encode(&pairs)
    }

    #[test]
    fn scalars_arrays_and_objects() {
        assert_eq!(encoded("is_active", json!(true)), "is_active=true");
        assert_eq!(encoded("limit", json!(50)), "limit=50");
        assert_eq!(encoded("name", json!("a b&c")), "name=a+b%26c");
        assert_eq!(encoded("f", json!(["id", "name"])), "f%5B%5D=id&f%5B%5D=name");
        assert_eq!(encoded("remote_query", json!({"foo": "bar"})), "remote_query%5Bfoo%5D=bar");
        assert_eq!(
            encoded("created_at", json!({"gt": "2024-01-01T00:00:00Z"})),
            "created_at%5Bgt%5D=2024-01-01T00%3A00%3A00Z"
        );
        assert_eq!(encoded("foo", json!([{"bar1": "baz1"}])), "foo%5B%5D%5Bbar1%5D=baz1");
        assert_eq!(encoded("a", json!({"b": {"c": ["d"]}})), "a%5Bb%5D%5Bc%5D%5B%5D=d");
        assert_eq!(encoded("gone", Value::Null), "");
    }
}
