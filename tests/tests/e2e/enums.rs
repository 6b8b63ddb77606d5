//! Lenient decoding end to end: open enums, unknown fields, `null` lists.

use serde_json::json;
use truto_tests::wiremock::matchers::path;
use truto_tests::wiremock::{Mock, MockServer, ResponseTemplate};
use truto_tests::*;
use truto_unified::UnifiedApis;
use truto_unified::calendar::{User, UserStatus};
use truto_unified::instant_messaging::MemberStatus;
use truto_unified::prelude::*;

/// Serves `users` as one list page and returns what the client decoded.
async fn list_users(users: serde_json::Value) -> Vec<User> {
    list_users_raw(list_body(users, None).to_string()).await
}

/// Serves `body` verbatim as a list page and returns what the client decoded.
async fn list_users_raw(body: String) -> Vec<User> {
    let server: MockServer = server().await;
    Mock::given(path(USERS_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
        .expect(1)
        .mount(&server)
        .await;
    account(&server).calendar().users().list().send().await.unwrap().result
}

#[tokio::test]
async fn unknown_status_is_kept_and_round_trips() {
    let users = list_users(json!([{"id": "u_1", "name": "Sam", "status": "suspended"}])).await;

    let status = users[0].status.as_ref().unwrap();
    assert_eq!(*status, UserStatus::Other("suspended".to_owned()));
    assert_eq!(status.as_str(), "suspended");
    assert_eq!(status.to_string(), "suspended");

    let json = serde_json::to_value(&users[0]).unwrap();
    assert_eq!(json, json!({"id": "u_1", "name": "Sam", "status": "suspended"}));
    let text = serde_json::to_string(&users[0]).unwrap();
    assert!(text.contains(r#""status":"suspended""#), "{text}");
    let again: User = serde_json::from_str(&text).unwrap();
    assert_eq!(again, users[0]);
}

#[tokio::test]
async fn known_statuses_map_to_variants() {
    let users = list_users(json!([
        {"id": "1", "status": "active"},
        {"id": "2", "status": "inactive"},
        {"id": "3", "status": "deleted"},
        {"id": "4", "status": "invited"},
        {"id": "5", "status": "Active"},
        {"id": "7", "status": null},
        {"id": "8"}
    ]))
    .await;

    let statuses: Vec<Option<UserStatus>> = users.into_iter().map(|user| user.status).collect();
    assert_eq!(
        statuses,
        [
            Some(UserStatus::Active),
            Some(UserStatus::Inactive),
            Some(UserStatus::Deleted),
            Some(UserStatus::Invited),
            // Matching is exact: another spelling is kept as sent, not guessed at.
            Some(UserStatus::Other("Active".to_owned())),
            None,
            None,
        ]
    );
}

#[tokio::test]
async fn escaped_status_text_is_unescaped_before_matching() {
    let users =
        list_users_raw(r#"{"result":[{"id":"1","status":"\u0061ctive"},{"id":"2","status":"on\tleave"}]}"#.into())
            .await;

    assert_eq!(users[0].status, Some(UserStatus::Active));
    assert_eq!(users[1].status.as_ref().map(UserStatus::as_str), Some("on\tleave"));
}

#[test]
fn enums_build_from_text_and_serialize_as_sent() {
    assert_eq!(UserStatus::from("invited"), UserStatus::Invited);
    assert_eq!("on_leave".parse::<MemberStatus>().unwrap(), MemberStatus::Other("on_leave".to_owned()));
    assert_eq!(MemberStatus::from(String::from("deleted")), MemberStatus::Deleted);
    assert_eq!(serde_json::to_value(MemberStatus::Inactive).unwrap(), json!("inactive"));
    assert_eq!(serde_json::to_value(UserStatus::Other("x y".into())).unwrap(), json!("x y"));
    assert_eq!(UserStatus::KNOWN_VALUES, ["active", "inactive", "deleted", "invited"]);
    // Any JSON scalar decodes: a number is kept as its text in the catch-all variant.
    assert_eq!(serde_json::from_value::<UserStatus>(json!(3)).unwrap(), UserStatus::Other("3".to_owned()));
    assert!(serde_json::from_value::<UserStatus>(json!([])).is_err());
}

#[tokio::test]
async fn unknown_fields_are_kept_and_written_back() {
    let users = list_users(json!([{
        "id": "u_1",
        "name": "Ada",
        "brand_new_field": {"nested": [1, 2, 3]},
        "emails": [{"email": "ada@example.com", "verified_by": "okta"}]
    }]))
    .await;

    assert_eq!(users[0].id, "u_1");
    assert_eq!(users[0].name.as_deref(), Some("Ada"));
    assert_eq!(users[0].emails[0].email.as_deref(), Some("ada@example.com"));
    // Unknown fields are kept, on the record and its nested objects, and written back out.
    assert_eq!(users[0].unknown_field("brand_new_field"), Some(&json!({"nested": [1, 2, 3]})));
    assert_eq!(users[0].emails[0].unknown_field("verified_by"), Some(&json!("okta")));
    let encoded = serde_json::to_value(&users[0]).unwrap();
    assert_eq!(encoded["brand_new_field"], json!({"nested": [1, 2, 3]}));
    assert_eq!(encoded["emails"][0]["verified_by"], json!("okta"));
    assert!(users[0].decode_issues().is_empty(), "unknown keys are not irregular");
}

#[tokio::test]
async fn null_lists_and_maps_decode_as_empty() {
    let users = list_users(json!([{
        "id": "u_1",
        "emails": null,
        "phones": null,
        "roles": null,
        "languages": null,
        "groups": null,
        "licenses": null,
        "urls": null,
        "remote_data": null,
        "identifiers": null,
        "name": null
    }]))
    .await;

    let user = &users[0];
    assert!(user.emails.is_empty() && user.phones.is_empty() && user.roles.is_empty());
    assert!(user.languages.is_empty() && user.groups.is_empty() && user.licenses.is_empty() && user.urls.is_empty());
    assert!(user.remote_data.is_empty() && user.identifiers.is_empty());
    assert_eq!(user.name, None);
    assert!(user.decode_issues().is_empty(), "null is absence, not an irregularity");
    // Written back as sent: `null` stays `null`.
    assert_eq!(serde_json::to_value(user).unwrap()["emails"], json!(null));
    assert_eq!(serde_json::to_value(user).unwrap().as_object().unwrap().len(), 11);
}

#[tokio::test]
async fn a_null_result_is_an_empty_page() {
    let server = server().await;
    Mock::given(path(USERS_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"result": null, "next_cursor": null})))
        .expect(1)
        .mount(&server)
        .await;

    let page = account(&server).calendar().users().list().send().await.unwrap();

    assert!(page.result.is_empty());
    assert!(!page.has_next());
}
