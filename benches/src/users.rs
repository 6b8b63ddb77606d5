//! `calendar/users` list pages for the decode and streaming benchmarks, and the hand-written serde struct of
//! the same shape that the generated `truto_unified::calendar::User` is compared with.

use std::fmt::Write as _;

use serde::Deserialize;

/// One user as JSON, with every field of `schema/calendar/users.yaml` filled (about 1.3 KB).
pub fn user_json(index: usize, out: &mut String) {
    let status = ["active", "inactive", "deleted", "invited", "suspended"][index % 5];
    let _ = write!(
        out,
        r#"{{"id":"u_{index:08}","avatar":"https://cdn.example.com/avatars/{index}.png","bio":"Works on the synthetic benchmark team, number {index}.","created_at":"2024-01-{day:02}T10:{minute:02}:00.000Z","emails":[{{"email":"user{index}@example.com","is_primary":true,"type":"work"}},{{"email":"user{index}@home.example.org","is_primary":false,"type":"personal"}}],"external_id":null,"first_name":"First{index}","groups":[{{"id":"g_{group}","name":"Group {group}","organization":"org_1"}}],"identifiers":{{"scim":"scim-{index}","upn":"user{index}@example.com"}},"languages":["en","de"],"last_name":"Last{index}","licenses":[{{"id":"lic_1","last_active_at":"2024-05-01T08:00:00Z","name":"Enterprise","organization":"org_1"}}],"name":"First{index} Last{index}","phones":[{{"extension":null,"number":"+1 555 {phone:04}","type":"mobile"}}],"remote_data":{{"id":"{index}","displayName":"First{index} Last{index}","mail":"user{index}@example.com","accountEnabled":true,"jobTitle":"Engineer"}},"roles":[{{"group":null,"id":"r_admin","name":"Admin","organization":"member","workspace":null}}],"status":"{status}","timezone":"Europe/Berlin","title":"Engineer","updated_at":"2024-06-{day:02}T12:00:00.000Z","urls":[{{"type":"profile","url":"https://example.com/u/{index}"}}],"user_type":"member","username":"user{index}"}}"#,
        day = index % 28 + 1,
        minute = index % 60,
        group = index % 17,
        phone = index % 10_000,
    );
}

/// A list page (`{result, next_cursor, result_count}`) of users `first..first + count`.
pub fn page_json(first: usize, count: usize, next_cursor: Option<&str>) -> String {
    let mut out = String::with_capacity(count * 1400 + 128);
    out.push_str(r#"{"result":["#);
    for index in first..first + count {
        if index > first {
            out.push(',');
        }
        user_json(index, &mut out);
    }
    out.push_str("],\"next_cursor\":");
    match next_cursor {
        Some(cursor) => {
            let _ = write!(out, "\"{cursor}\"");
        }
        None => out.push_str("null"),
    }
    let _ = write!(out, ",\"result_count\":{count}}}");
    out
}

/// A list page of at least `bytes` bytes (users from 0).
pub fn page_of_size(bytes: usize) -> (String, usize) {
    let mut count = bytes / 1300;
    loop {
        let page = page_json(0, count, Some("cursor-2"));
        if page.len() >= bytes {
            return (page, count);
        }
        count += 10;
    }
}

/// The irregularities [`irregular_page`] puts into one record in `every`, in turn: what the server sent
/// instead of the schema's shape, as a replacement in the record's JSON.
pub const IRREGULARITIES: [(&str, &str, &str); 6] = [
    ("a number for a string", r#""title":"Engineer""#, r#""title":42"#),
    ("a string for a list", r#""languages":["en","de"]"#, r#""languages":"en""#),
    ("a null list element", r#""emails":["#, r#""emails":[null,"#),
    ("a key the schema does not know", r#""bio":"#, r#""added_later":{"x":[1,2]},"bio":"#),
    ("a number for an enum", r#""status":"active""#, r#""status":3"#),
    ("a record without id", r#"{"id":"#, r#"{"uid":"#),
];

/// The page of [`page_of_size`] with one record in `every` carrying one of [`IRREGULARITIES`] (in turn),
/// and how many records that is.
pub fn irregular_page(bytes: usize, every: usize) -> (String, usize, usize) {
    let (_, count) = page_of_size(bytes);
    let mut out = String::with_capacity(count * 1400 + 128);
    out.push_str(r#"{"result":["#);
    let mut irregular = 0;
    for index in 0..count {
        if index > 0 {
            out.push(',');
        }
        let mut user = String::with_capacity(1400);
        user_json(index, &mut user);
        if index % every == every / 2 {
            let (what, from, to) = IRREGULARITIES[irregular % IRREGULARITIES.len()];
            assert!(user.contains(from), "record {index} cannot carry {what}: pick `every` as a multiple of 10");
            user = user.replacen(from, to, 1);
            irregular += 1;
        }
        out.push_str(&user);
    }
    let _ = write!(out, r#"],"next_cursor":"cursor-2","result_count":{count}}}"#);
    (out, count, irregular)
}

/// What a developer would write by hand for the same JSON: plain derives, `Option` for every optional
/// field, `Vec` and `BTreeMap` with `#[serde(default)]`, `String` for dates and the status.
#[allow(
    missing_docs,
    dead_code,
    reason = "the baseline of the decode benchmark: its fields are decoded, never read, like a plain serde struct"
)]
pub mod hand {
    use std::collections::BTreeMap;

    use super::Deserialize;

    #[derive(Debug, Deserialize)]
    pub struct Page {
        #[serde(default)]
        pub result: Vec<User>,
        #[serde(default)]
        pub next_cursor: Option<String>,
        #[serde(default)]
        pub prev_cursor: Option<String>,
        #[serde(default)]
        pub result_count: Option<u64>,
        #[serde(default)]
        pub is_partial_response: Option<bool>,
    }

    #[derive(Debug, Deserialize)]
    pub struct User {
        pub id: String,
        pub avatar: Option<String>,
        pub bio: Option<String>,
        pub created_at: Option<String>,
        #[serde(default)]
        pub emails: Vec<Email>,
        pub external_id: Option<String>,
        pub first_name: Option<String>,
        #[serde(default)]
        pub groups: Vec<Group>,
        #[serde(default)]
        pub identifiers: BTreeMap<String, serde_json::Value>,
        #[serde(default)]
        pub languages: Vec<String>,
        pub last_name: Option<String>,
        #[serde(default)]
        pub licenses: Vec<License>,
        pub name: Option<String>,
        #[serde(default)]
        pub phones: Vec<Phone>,
        #[serde(default)]
        pub remote_data: BTreeMap<String, serde_json::Value>,
        #[serde(default)]
        pub roles: Vec<Role>,
        pub status: Option<String>,
        pub timezone: Option<String>,
        pub title: Option<String>,
        pub updated_at: Option<String>,
        #[serde(default)]
        pub urls: Vec<Url>,
        pub user_type: Option<String>,
        pub username: Option<String>,
    }

    #[derive(Debug, Deserialize)]
    pub struct Email {
        pub email: Option<String>,
        pub is_primary: Option<bool>,
        #[serde(rename = "type")]
        pub kind: Option<String>,
    }

    #[derive(Debug, Deserialize)]
    pub struct Group {
        pub id: Option<String>,
        pub name: Option<String>,
        pub organization: Option<String>,
    }

    #[derive(Debug, Deserialize)]
    pub struct License {
        pub id: Option<String>,
        pub last_active_at: Option<String>,
        pub name: Option<String>,
        pub organization: Option<String>,
    }

    #[derive(Debug, Deserialize)]
    pub struct Phone {
        pub extension: Option<String>,
        pub number: Option<String>,
        #[serde(rename = "type")]
        pub kind: Option<String>,
    }

    #[derive(Debug, Deserialize)]
    pub struct Role {
        pub group: Option<String>,
        pub id: Option<String>,
        pub name: Option<String>,
        pub organization: Option<String>,
        pub workspace: Option<String>,
    }

    #[derive(Debug, Deserialize)]
    pub struct Url {
        #[serde(rename = "type")]
        pub kind: Option<String>,
        pub url: Option<String>,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_models_decode_the_same_page() {
        let (page, count) = page_of_size(64 * 1024);
        let ours: truto_unified::ListPage<truto_unified::calendar::User> = serde_json::from_str(&page).unwrap();
        let hand: hand::Page = serde_json::from_str(&page).unwrap();
        assert_eq!(ours.result.len(), count);
        assert_eq!(hand.result.len(), count);
        assert_eq!(ours.result[3].emails.len(), 2);
        assert_eq!(ours.result[4].status.as_ref().unwrap().as_str(), "suspended");
    }

    #[test]
    fn the_irregular_page_has_one_of_each_irregularity_and_loses_nothing_else() {
        use truto_unified::runtime::Model as _;
        let (page, count, irregular) = irregular_page(64 * 1024, 10);
        assert!(irregular >= IRREGULARITIES.len(), "{irregular} irregular records");
        for (what, from, to) in IRREGULARITIES {
            assert!(page.contains(to) && to != from, "{what} is on the page");
        }
        let ours: truto_unified::ListPage<truto_unified::calendar::User> = serde_json::from_str(&page).unwrap();
        let rejected = irregular.div_ceil(IRREGULARITIES.len());
        assert_eq!(ours.rejected().len(), rejected, "only the records without id are set aside");
        assert_eq!(ours.result.len(), count - rejected);
        let with_issues = ours.result.iter().filter(|user| !user.decode_issues().is_empty()).count();
        let with_unknown = ours.result.iter().filter(|user| !user.unknown_fields().is_empty()).count();
        assert_eq!(with_issues + with_unknown, irregular - rejected, "every other irregularity is on its record");
    }
}
