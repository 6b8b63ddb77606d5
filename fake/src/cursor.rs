//! Opaque list cursors: where the next (or previous) page starts, tied to the resource they came from.
//!
//! A cursor names a position in the resource's list order (records keep the order they were added in), not an
//! offset: a record added or deleted between two pages neither repeats nor skips a record of the others.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// Where a page starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Cursor {
    /// The records after the one with this position (a `next_cursor`).
    After(u64),
    /// The records before the one with this position (a `prev_cursor`).
    Before(u64),
}

/// The cursor text for `cursor` in the resource at `path`.
pub(crate) fn encode(path: &str, cursor: Cursor) -> String {
    let (direction, position) = match cursor {
        Cursor::After(position) => ('a', position),
        Cursor::Before(position) => ('b', position),
    };
    URL_SAFE_NO_PAD.encode(format!("fake-truto:1:{direction}:{position}:{path}"))
}

/// Reads a cursor of the resource at `path`; `None` for anything this fake did not give out for it.
pub(crate) fn decode(path: &str, text: &str) -> Option<Cursor> {
    let bytes = URL_SAFE_NO_PAD.decode(text.trim_end_matches('=')).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let rest = text.strip_prefix("fake-truto:1:")?;
    let (direction, rest) = rest.split_once(':')?;
    let (position, cursor_path) = rest.split_once(':')?;
    if cursor_path != path {
        return None;
    }
    let position = position.parse().ok()?;
    match direction {
        "a" => Some(Cursor::After(position)),
        "b" => Some(Cursor::Before(position)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_within_their_resource_only() {
        let path = "/unified/crm/contacts";
        for cursor in [Cursor::After(0), Cursor::After(u64::MAX), Cursor::Before(7)] {
            let text = encode(path, cursor);
            assert!(text.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'), "{text}");
            assert_eq!(decode(path, &text), Some(cursor));
            assert_eq!(decode("/unified/crm/accounts", &text), None);
        }
        for garbage in ["", "abc", "%%%", "ZmFrZS10cnV0bzoxOnE6MTov", &"A".repeat(10_000)] {
            assert_eq!(decode(path, garbage), None, "{garbage}");
        }
    }
}
