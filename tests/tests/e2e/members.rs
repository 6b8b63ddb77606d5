//! Instant-messaging members end to end: object query parameters, partial responses, `get`.

use futures::TryStreamExt;
use serde_json::json;
use truto_tests::wiremock::matchers::{bearer_token, method, path, query_param};
use truto_tests::wiremock::{Mock, ResponseTemplate};
use truto_tests::*;
use truto_unified::UnifiedApis;
use truto_unified::instant_messaging::{ListMembersChannel, ListMembersWorkspace, MemberStatus};
use truto_unified::prelude::*;

#[tokio::test]
async fn list_encodes_channel_and_workspace_objects() {
    let server = server().await;
    let body = json!({
        "result": [member("M1", "Ada"), member("M2", "Grace")],
        "next_cursor": null,
        "result_count": 2,
        "is_partial_response": true,
    });
    Mock::given(method("GET"))
        .and(path(MEMBERS_PATH))
        .and(bearer_token(TOKEN))
        .and(query_param("channel[id]", "C1"))
        .and(query_param("workspace[id]", "W1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .expect(1)
        .mount(&server)
        .await;

    let page = account(&server)
        .instant_messaging()
        .members()
        .list()
        .channel(ListMembersChannel { id: Some("C1".into()) })
        .workspace(ListMembersWorkspace { id: Some("W1".into()) })
        .limit(50)
        .send()
        .await
        .unwrap();

    assert_eq!(page.is_partial_response, Some(true));
    assert_eq!(page.result_count, Some(2));
    assert!(!page.has_next());
    let names: Vec<_> = page.result.iter().map(|member| member.name.as_deref().unwrap()).collect();
    assert_eq!(names, ["Ada", "Grace"]);
    let ada = &page.result[0];
    assert_eq!(ada.r#type.as_deref(), Some("user"));
    assert_eq!(ada.status, Some(MemberStatus::Active));
    assert_eq!(ada.emails[0].email.as_deref(), Some("M1@example.com"));
    assert_eq!(ada.workspaces[0].name.as_deref(), Some("Acme"));
    let organization = ada.groups[0].organization.as_ref().unwrap();
    assert_eq!(organization.name.as_deref(), Some("Acme Inc"));

    let requests = received(&server).await;
    assert_request(&requests[0], MEMBERS_PATH, &[("channel[id]", "C1"), ("workspace[id]", "W1"), ("limit", "50")]);
}

#[tokio::test]
async fn an_empty_object_parameter_sends_nothing() {
    let server = server().await;
    Mock::given(path(MEMBERS_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(list_body(json!([]), None)))
        .expect(1)
        .mount(&server)
        .await;

    let page = account(&server)
        .instant_messaging()
        .members()
        .list()
        .channel(ListMembersChannel::default())
        .send()
        .await
        .unwrap();

    assert!(page.result.is_empty());
    assert_request(&received(&server).await[0], MEMBERS_PATH, &[]);
}

#[tokio::test]
async fn stream_keeps_object_parameters_on_every_page() {
    let server = server().await;
    Mock::given(path(MEMBERS_PATH))
        .and(query_param("next_cursor", "p2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(list_body(json!([member("M2", "Grace")]), None)))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path(MEMBERS_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(list_body(json!([member("M1", "Ada")]), Some("p2"))))
        .expect(1)
        .mount(&server)
        .await;

    let members: Vec<_> = account(&server)
        .instant_messaging()
        .members()
        .list()
        .channel(ListMembersChannel { id: Some("C1".into()) })
        .stream()
        .try_collect()
        .await
        .unwrap();

    assert_eq!(members.iter().map(|member| member.id.as_str()).collect::<Vec<_>>(), ["M1", "M2"]);
    let requests = received(&server).await;
    assert_eq!(requests.len(), 2);
    assert_request(&requests[0], MEMBERS_PATH, &[("channel[id]", "C1")]);
    assert_request(&requests[1], MEMBERS_PATH, &[("channel[id]", "C1"), ("next_cursor", "p2")]);
}

#[tokio::test]
async fn get_by_id() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path(format!("{MEMBERS_PATH}/M1")))
        .respond_with(ResponseTemplate::new(200).set_body_json(member("M1", "Ada")))
        .expect(1)
        .mount(&server)
        .await;

    let member = account(&server).instant_messaging().members().get("M1").send().await.unwrap();

    assert_eq!(member.id, "M1");
    assert_eq!(member.name.as_deref(), Some("Ada"));
    assert_eq!(member.emails[0].is_primary, Some(true));
    assert_request(&received(&server).await[0], &format!("{MEMBERS_PATH}/M1"), &[]);
}
