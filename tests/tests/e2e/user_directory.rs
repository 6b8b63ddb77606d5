//! User directory end to end: users (list, get, the `downgrade` custom method; typed create/update and delete
//! against the offline fake).

use serde_json::json;
use truto_tests::fake::{assert_recorded, fake, fake_account, recorded_body, seeded};
use truto_tests::*;
use truto_unified::UnifiedApis;
use truto_unified::prelude::*;
use truto_unified::user_directory::{UserCreate, UserStatus, UserUpdate};

const USERS: &str = "/unified/user-directory/users";

fn user() -> serde_json::Value {
    json!({
        "id": "u1",
        "name": "Ada Lovelace",
        "status": "suspended",
        "is_2fa_enabled": true,
        "identifiers": {"okta_id": "00u1"},
        "roles": [{"id": "r1", "name": "Admin", "workspace": "w1"}],
        "licenses": [{"id": "l1", "name": "Pro", "last_active_at": "2024-05-01T10:00:00Z"}],
        "emails": [{"email": "ada@example.com", "is_primary": true}]
    })
}

#[tokio::test]
async fn list_and_get_users() {
    let server = server().await;
    respond(&server, "GET", USERS, 200, list_body(json!([user()]), None)).await;
    respond(&server, "GET", &format!("{USERS}/u1"), 200, user()).await;
    let users = account(&server).user_directory().users();

    let page = users.list().truto_ignore_remote_data(true).send().await.unwrap();
    let ada = users.get("u1").send().await.unwrap();

    assert_eq!(page.result[0], ada);
    assert_eq!(ada.status, Some(UserStatus::Other("suspended".into())));
    assert_eq!(ada.is_2fa_enabled, Some(true));
    assert_eq!(ada.identifiers["okta_id"], json!("00u1"));
    assert_eq!(ada.roles[0].workspace.as_deref(), Some("w1"));
    assert_eq!(ada.licenses[0].last_active_at.as_ref().map(|at| at.as_str()), Some("2024-05-01T10:00:00Z"));
    let requests = received(&server).await;
    assert_request(&requests[0], USERS, &[("truto_ignore_remote_data", "true")]);
    assert_request(&requests[1], &format!("{USERS}/u1"), &[]);
}

#[tokio::test]
async fn create_update_and_delete_a_user() {
    let fake = fake().await;
    let users = fake_account(&fake).user_directory().users();

    let body = UserCreate {
        first_name: Some("Ada".into()),
        username: Some("ada".into()),
        languages: vec!["en-GB".into()],
        ..Default::default()
    };
    let created = users.create(body).send().await.unwrap();
    let change = UserUpdate { status: Some(UserStatus::Inactive), ..Default::default() };
    let updated = users.update(&created.id, change).send().await.unwrap();
    let deleted = users.delete(&created.id).send().await.unwrap();

    assert_eq!(deleted.id, created.id);
    assert_eq!((updated.status, updated.username.as_deref()), (Some(UserStatus::Inactive), Some("ada")));
    let requests = fake.requests();
    let one = format!("{USERS}/{}", created.id);
    assert_recorded(&requests[0], "POST", USERS, &[]);
    assert_eq!(recorded_body(&requests[0]), json!({"first_name": "Ada", "username": "ada", "languages": ["en-GB"]}));
    assert_recorded(&requests[1], "PATCH", &one, &[]);
    assert_eq!(recorded_body(&requests[1]), json!({"status": "inactive"}));
    assert_recorded(&requests[2], "DELETE", &one, &[]);
    assert!(seeded(&fake).user_directory().users().records().unwrap().is_empty());
}

#[tokio::test]
async fn downgrade_returns_the_result() {
    let server = server().await;
    let path = "/unified/user-directory/users/downgrade";
    respond(&server, "POST", path, 200, json!({"result": {"id": "u1", "status": "downgraded"}})).await;

    let users = account(&server).user_directory().users();
    let result = users.downgrade().body(json!({"id": "u1"})).send_with_meta().await.unwrap();

    let request = only_request(&server).await;
    assert_eq!(result.status, 200);
    assert_eq!(result.into_value(), json!({"id": "u1", "status": "downgraded"}));
    assert_call(&request, "POST", path, &[]);
    assert_eq!(body_of(&request), json!({"id": "u1"}));
}
