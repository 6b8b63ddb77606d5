//! Calendar users end to end: one page and streams across pages against wiremock (pinning the JSON and the
//! cursors sent, and servers that misbehave), laziness, whole pages, a given first cursor and `get` by id against
//! the offline fake.

use futures::{StreamExt, TryStreamExt};
use serde_json::json;
use truto_tests::fake::{FakeTruto, assert_recorded, fake, fake_account, seeded};
use truto_tests::wiremock::matchers::{bearer_token, method, path, query_param, query_param_is_missing};
use truto_tests::wiremock::{Mock, MockServer, ResponseTemplate};
use truto_tests::*;
use truto_unified::UnifiedApis;
use truto_unified::calendar::{User, UserStatus};
use truto_unified::common::Email;
use truto_unified::prelude::*;
use truto_unified::user_directory::User as DirectoryUser;

#[tokio::test]
async fn list_decodes_one_page_with_nested_fields() {
    let server = server().await;
    let body = json!({
        "result": [full_user(), user("u_2", "Grace Hopper")],
        "next_cursor": "cur_2",
        "prev_cursor": "cur_0",
        "result_count": 2,
        "is_partial_response": false,
    });
    Mock::given(method("GET"))
        .and(path(USERS_PATH))
        .and(bearer_token(TOKEN))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .expect(1)
        .mount(&server)
        .await;

    let page = account(&server).calendar().users().list().limit(2).send().await.unwrap();

    assert_eq!(page.next_cursor.as_deref(), Some("cur_2"));
    assert_eq!(page.prev_cursor.as_deref(), Some("cur_0"));
    assert_eq!(page.result_count, Some(2));
    assert_eq!(page.is_partial_response, Some(false));
    assert!(page.has_next());
    assert_eq!(page.result.len(), 2);

    let ada = &page.result[0];
    assert_eq!(ada.id, "u_1");
    assert_eq!(ada.name.as_deref(), Some("Ada Lovelace"));
    assert_eq!(ada.first_name.as_deref(), Some("Ada"));
    assert_eq!(ada.last_name.as_deref(), Some("Lovelace"));
    assert_eq!(ada.username.as_deref(), Some("ada"));
    assert_eq!(ada.title.as_deref(), Some("Analyst"));
    assert_eq!(ada.status, Some(UserStatus::Active));
    assert_eq!(ada.languages, ["en-GB", "fr"]);

    assert_eq!(ada.emails.len(), 2);
    assert_eq!(ada.emails[0].email.as_deref(), Some("ada@example.com"));
    assert_eq!(ada.emails[0].r#type.as_deref(), Some("work"));
    assert_eq!(ada.emails[0].is_primary, Some(true));
    assert_eq!(ada.emails[1].is_primary, Some(false));
    assert_eq!(ada.phones.len(), 1);
    assert_eq!(ada.phones[0].number.as_deref(), Some("+44 20 7946 0000"));
    assert_eq!(ada.phones[0].extension.as_deref(), Some("12"));
    assert_eq!(ada.roles.len(), 1);
    assert_eq!(ada.roles[0].name.as_deref(), Some("Administrator"));
    assert_eq!(ada.roles[0].workspace.as_deref(), Some("w_1"));
    assert_eq!(ada.roles[0].organization, None);

    // Timestamps are kept exactly as sent, even when they are not RFC 3339.
    let created = ada.created_at.as_ref().unwrap();
    assert_eq!(created.as_str(), "2024-05-01T10:00:00.000+02:00");
    assert_eq!(created.to_utc().unwrap().to_rfc3339(), "2024-05-01T08:00:00+00:00");
    let updated = ada.updated_at.as_ref().unwrap();
    assert_eq!(updated.as_str(), "2024-05-02 11:30");
    assert!(updated.parse().is_err());

    assert_eq!(ada.remote_data.len(), 3);
    assert_eq!(ada.remote_data["id"], json!("AAMkAD"));
    assert_eq!(ada.remote_data["accountEnabled"], json!(true));
    assert_eq!(ada.remote_data["businessPhones"], json!(["+44 20 7946 0000"]));

    let grace = &page.result[1];
    assert_eq!((grace.id.as_str(), grace.name.as_deref()), ("u_2", Some("Grace Hopper")));
    assert!(grace.emails.is_empty() && grace.remote_data.is_empty() && grace.created_at.is_none());

    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    assert_request(&requests[0], USERS_PATH, &[("limit", "2")]);
}

/// Mounts three pages: `u_1,u_2` -> cursor `c2` -> `u_3,u_4` -> cursor `c3` -> `u_5` -> no cursor.
async fn mount_three_pages(server: &MockServer) {
    let page = |users, cursor| ResponseTemplate::new(200).set_body_json(list_body(users, cursor));
    Mock::given(path(USERS_PATH))
        .and(query_param_is_missing("next_cursor"))
        .respond_with(page(json!([user("u_1", "One"), user("u_2", "Two")]), Some("c2")))
        .expect(1)
        .mount(server)
        .await;
    Mock::given(path(USERS_PATH))
        .and(query_param("next_cursor", "c2"))
        .respond_with(page(json!([user("u_3", "Three"), user("u_4", "Four")]), Some("c3")))
        .expect(1)
        .mount(server)
        .await;
    // The last page sends `"next_cursor": null`.
    Mock::given(path(USERS_PATH))
        .and(query_param("next_cursor", "c3"))
        .respond_with(page(json!([user("u_5", "Five")]), None))
        .expect(1)
        .mount(server)
        .await;
}

#[tokio::test]
async fn stream_follows_every_cursor_until_it_is_null() {
    let server = server().await;
    mount_three_pages(&server).await;

    let users: Vec<_> = account(&server).calendar().users().list().limit(2).stream().try_collect().await.unwrap();

    let ids: Vec<&str> = users.iter().map(|user| user.id.as_str()).collect();
    assert_eq!(ids, ["u_1", "u_2", "u_3", "u_4", "u_5"]);
    let requests = received(&server).await;
    assert_eq!(requests.len(), 3, "one request per page, none after the null cursor");
    assert_request(&requests[0], USERS_PATH, &[("limit", "2")]);
    assert_request(&requests[1], USERS_PATH, &[("limit", "2"), ("next_cursor", "c2")]);
    assert_request(&requests[2], USERS_PATH, &[("limit", "2"), ("next_cursor", "c3")]);
}

#[tokio::test]
async fn stream_ends_when_the_cursor_is_absent() {
    let server = server().await;
    Mock::given(path(USERS_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"result": [user("u_1", "Only")]})))
        .expect(1)
        .mount(&server)
        .await;

    let users: Vec<_> = account(&server).calendar().users().list().stream().try_collect().await.unwrap();

    assert_eq!(users.len(), 1);
    assert_eq!(users[0].id, "u_1");
}

/// Five calendar users, `u_1` to `u_5`, in a fake.
async fn fake_with_five_users() -> FakeTruto {
    let fake = fake().await;
    seeded(&fake).calendar().users().insert_many((1..=5).map(|n| {
        let mut user = User::default();
        user.id = format!("u_{n}");
        user.status = Some(UserStatus::Active);
        user
    }));
    fake
}

#[tokio::test]
async fn stream_is_lazy() {
    let fake = fake_with_five_users().await;

    let mut users = fake_account(&fake).calendar().users().list().limit(2).stream();
    assert_eq!(fake.requests().len(), 0, "nothing is sent before the stream is polled");

    let first_page: Vec<_> = users.by_ref().take(2).try_collect().await.unwrap();
    assert_eq!(first_page.iter().map(|user| user.id.as_str()).collect::<Vec<_>>(), ["u_1", "u_2"]);
    let requests = fake.requests();
    assert_eq!(requests.len(), 1, "the second page is fetched only when its records are wanted");
    assert_recorded(&requests[0], "GET", USERS_PATH, &[("limit", "2")]);
}

#[tokio::test]
async fn pages_yield_whole_pages() {
    let fake = fake_with_five_users().await;

    let pages: Vec<_> = fake_account(&fake).calendar().users().list().limit(2).pages().try_collect().await.unwrap();

    let shape: Vec<(usize, bool)> = pages.iter().map(|page| (page.result.len(), page.next_cursor.is_some())).collect();
    assert_eq!(shape, [(2, true), (2, true), (1, false)]);
    assert_eq!(pages[2].result[0].id, "u_5");
    let requests = fake.requests();
    assert_eq!(requests.len(), 3);
    // Each page asks for the cursor the page before answered.
    for (request, page) in requests[1..].iter().zip(&pages) {
        assert_eq!(request.query_value("next_cursor"), page.next_cursor.as_deref());
    }
}

#[tokio::test]
async fn stream_starts_at_a_given_cursor() {
    let fake = fake_with_five_users().await;
    let users = fake_account(&fake).calendar().users();
    let cursor = users.list().limit(2).send().await.unwrap().next_cursor.expect("a second page");

    // The stream starts at the page after `cursor`.
    let rest: Vec<_> = users.list().limit(2).next_cursor(cursor.as_str()).stream().try_collect().await.unwrap();

    assert_eq!(rest.iter().map(|user| user.id.as_str()).collect::<Vec<_>>(), ["u_3", "u_4", "u_5"]);
    assert_recorded(&fake.requests()[1], "GET", USERS_PATH, &[("limit", "2"), ("next_cursor", cursor.as_str())]);
}

#[tokio::test]
async fn a_repeated_cursor_is_an_error_not_a_loop() {
    let server = server().await;
    Mock::given(path(USERS_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(list_body(json!([user("u_1", "One")]), Some("same"))))
        .expect(2)
        .mount(&server)
        .await;

    let result: Result<Vec<_>, _> = account(&server).calendar().users().list().stream().try_collect().await;

    let error = result.unwrap_err();
    assert!(matches!(error, truto_unified::Error::Protocol(_)), "{error}");
    assert!(error.to_string().contains("\"same\""), "{error}");
}

#[tokio::test]
async fn a_cursor_cycle_is_an_error_not_a_loop() {
    let server = server().await;
    let page =
        |id: &str, next: &str| ResponseTemplate::new(200).set_body_json(list_body(json!([user(id, "x")]), Some(next)));
    Mock::given(path(USERS_PATH))
        .and(query_param("next_cursor", "b"))
        .respond_with(page("u_2", "a"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path(USERS_PATH))
        .and(query_param("next_cursor", "a"))
        .respond_with(page("u_3", "b"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path(USERS_PATH)).respond_with(page("u_1", "a")).expect(1).mount(&server).await;

    let mut users = account(&server).calendar().users().list().stream();
    let mut ids = Vec::new();
    let error = loop {
        match users.try_next().await {
            Ok(Some(user)) => ids.push(user.id),
            Ok(None) => panic!("the stream ended without noticing the cycle"),
            Err(error) => break error,
        }
    };

    // Cursors: (none) → a → b → a again.
    assert_eq!(ids, ["u_1", "u_3", "u_2"], "every page up to the repeated cursor is delivered");
    assert!(matches!(error, truto_unified::Error::Protocol(_)), "{error}");
    assert!(error.to_string().contains("\"a\""), "{error}");
}

#[tokio::test]
async fn get_by_id() {
    let fake = fake().await;
    let mut ada = DirectoryUser::default();
    ada.id = "u_1".into();
    ada.emails = vec![Email { email: Some("ada@example.com".into()), ..Default::default() }];
    ada.status = Some("active".into());
    seeded(&fake).user_directory().users().insert(ada.clone());

    let user = fake_account(&fake).user_directory().users().get("u_1").send().await.unwrap();

    assert_eq!(user.id, "u_1");
    assert_eq!(user.emails[0].email.as_deref(), Some("ada@example.com"));
    assert_eq!(user.status.as_ref().map(|status| status.as_str()), Some("active"));
    assert_eq!(user, ada);
    assert_recorded(&fake.requests()[0], "GET", &format!("{DIRECTORY_USERS_PATH}/u_1"), &[]);
}

#[tokio::test]
async fn get_percent_encodes_the_id_as_one_segment() {
    let server = server().await;
    Mock::given(path(format!("{DIRECTORY_USERS_PATH}/a%2Fb%20c")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "a/b c", "name": "Slashed"})))
        .expect(1)
        .mount(&server)
        .await;

    let user = account(&server).user_directory().users().get("a/b c").send().await.unwrap();

    assert_eq!(user.id, "a/b c");
    assert_eq!(user.name.as_deref(), Some("Slashed"));
    let requests = received(&server).await;
    assert_eq!(requests[0].url.path(), "/unified/user-directory/users/a%2Fb%20c");
}

#[tokio::test]
async fn stream_skips_an_empty_page_and_stops_at_an_empty_cursor() {
    let server = server().await;
    Mock::given(path(USERS_PATH))
        .and(query_param("next_cursor", "c2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(list_body(json!([]), Some("c3"))))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path(USERS_PATH))
        .and(query_param("next_cursor", "c3"))
        .respond_with(ResponseTemplate::new(200).set_body_json(list_body(json!([user("u_2", "Two")]), Some(""))))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path(USERS_PATH))
        .and(query_param_is_missing("next_cursor"))
        .respond_with(ResponseTemplate::new(200).set_body_json(list_body(json!([user("u_1", "One")]), Some("c2"))))
        .expect(1)
        .mount(&server)
        .await;

    let users: Vec<_> = account(&server).calendar().users().list().stream().try_collect().await.unwrap();

    assert_eq!(users.iter().map(|user| user.id.as_str()).collect::<Vec<_>>(), ["u_1", "u_2"]);
    assert_eq!(received(&server).await.len(), 3);
}
