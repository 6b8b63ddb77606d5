//! Every record arrives: a record that cannot be read at all is set aside with its JSON, never costing its
//! neighbours (in a page, and in a stream, which reports it and carries on); records keep what the schema does
//! not describe; and empty success answers (`204 No Content`, an empty `200`) of deletes, updates and custom
//! methods are success.

use futures::StreamExt;
use serde_json::json;
use truto_tests::wiremock::matchers::{method, path};
use truto_tests::wiremock::{Mock, ResponseTemplate};
use truto_tests::*;
use truto_unified::Error;
use truto_unified::calendar::EventUpdate;
use truto_unified::prelude::*;
use truto_unified::runtime::IssueOutcome;

const EVENTS: &str = "/unified/calendar/events";

#[tokio::test]
async fn a_page_delivers_every_record_it_can_read_and_sets_the_others_aside() {
    let server = server().await;
    let records =
        json!([user("u_1", "Ada"), "not a record", {"name": "no id"}, null, {"id": {"x": 1}}, user("u_2", "Grace")]);
    respond(&server, "GET", USERS_PATH, 200, list_body(records.clone(), None)).await;

    let page = account(&server).calendar().users().list().send().await.unwrap();

    let ids: Vec<&str> = page.result.iter().map(|user| user.id.as_str()).collect();
    assert_eq!(ids, ["u_1", "u_2"]);
    let rejected: Vec<(usize, &serde_json::Value)> =
        page.rejected().iter().map(|rejected| (rejected.index, &rejected.raw)).collect();
    assert_eq!(rejected, [(1, &records[1]), (2, &records[2]), (3, &records[3]), (4, &records[4])]);
    assert!(page.rejected()[1].reason.contains("no `id`"), "{:?}", page.rejected()[1]);
    assert!(page.rejected()[3].reason.contains("not a string or number"), "{:?}", page.rejected()[3]);
}

#[tokio::test]
async fn a_stream_reports_a_record_it_cannot_read_and_carries_on() {
    let server = server().await;
    Mock::given(path(USERS_PATH))
        .and(truto_tests::wiremock::matchers::query_param("next_cursor", "c2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(list_body(json!([user("u_3", "Three")]), None)))
        .mount(&server)
        .await;
    let first = list_body(json!([user("u_1", "One"), 42, user("u_2", "Two")]), Some("c2"));
    Mock::given(path(USERS_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(first))
        .up_to_n_times(1)
        .mount(&server)
        .await;

    let items: Vec<Result<_, Error>> = account(&server).calendar().users().list().stream().collect().await;

    assert_eq!(items.len(), 4, "three records and the one set aside, in order");
    assert_eq!(items[0].as_ref().unwrap().id, "u_1");
    let Err(Error::Rejected(rejected)) = &items[1] else { panic!("expected the rejected record: {:?}", items[1]) };
    assert_eq!((rejected.rejected.index, &rejected.rejected.raw), (1, &json!(42)));
    assert!(rejected.to_string().starts_with("GET /unified/calendar/users: record result[1] rejected"), "{rejected}");
    assert_eq!(items[2].as_ref().unwrap().id, "u_2");
    assert_eq!(items[3].as_ref().unwrap().id, "u_3", "the stream went on to the next page");
}

#[tokio::test]
async fn records_keep_and_write_back_what_the_schema_does_not_describe() {
    let server = server().await;
    let sent = json!({
        "id": "u_1",
        "name": 7,
        "languages": ["en", null, 3],
        "emails": [{"email": "a@x", "is_primary": "yes", "label": "work"}],
        "added_later": {"x": [1, 2]}
    });
    respond(&server, "GET", USERS_PATH, 200, list_body(json!([sent.clone()]), None)).await;

    let page = account(&server).calendar().users().list().send().await.unwrap();
    let user = &page.result[0];

    assert_eq!(user.name.as_deref(), Some("7"), "a number for a string is its JSON text");
    assert_eq!(user.languages, ["en", "3"]);
    assert_eq!(user.unknown_field("added_later"), Some(&json!({"x": [1, 2]})));
    assert_eq!(user.emails[0].unknown_field("label"), Some(&json!("work")));
    let issues: Vec<(&str, IssueOutcome)> =
        user.decode_issues().iter().map(|issue| (issue.path.as_str(), issue.outcome)).collect();
    assert_eq!(
        issues,
        [
            ("emails[0].is_primary", IssueOutcome::Kept),
            ("languages[1]", IssueOutcome::Skipped),
            ("languages[2]", IssueOutcome::Converted),
            ("name", IssueOutcome::Converted),
        ]
    );
    assert_eq!(serde_json::to_value(user).unwrap(), sent, "decode → encode gives back what was sent");
}

#[tokio::test]
async fn an_empty_answer_to_a_delete_is_the_deleted_id() {
    let server = server().await;
    Mock::given(method("DELETE"))
        .and(path(format!("{EVENTS}/ev1")))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path(format!("{EVENTS}/ev2")))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;

    let events = account(&server).calendar().events();
    assert_eq!(events.delete("ev1").send().await.unwrap().id, "ev1");
    assert_eq!(events.delete("ev2").send_with_meta().await.unwrap().value.id, "ev2");
}

#[tokio::test]
async fn an_empty_answer_to_an_update_is_the_record_with_its_id_alone() {
    let server = server().await;
    Mock::given(method("PATCH"))
        .and(path(format!("{EVENTS}/ev1")))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;

    let update = EventUpdate { title: Some("Renamed".into()), ..Default::default() };
    let response = account(&server).calendar().events().update("ev1", update).send_with_meta().await.unwrap();

    assert_eq!((response.status, response.value.id.as_str()), (204, "ev1"));
    let issues = response.value.decode_issues();
    assert!(issues.iter().any(|issue| issue.found == "an empty body (HTTP 204)"), "{issues:?}");
}

#[tokio::test]
async fn an_empty_answer_to_a_custom_method_is_an_empty_result() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path("/unified/crm/accounts/batch-delete"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;

    let result = account(&server).crm().accounts().batch_delete().send().await.unwrap();
    assert_eq!(result, serde_json::Value::Null);
}
