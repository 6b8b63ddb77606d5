//! CRM end to end: contacts (list filters, get, typed create/update, delete) and the accounts `merge` custom
//! method.

use serde_json::json;
use truto_tests::*;
use truto_unified::UnifiedApis;
use truto_unified::common::Reference;
use truto_unified::crm::{
    ContactCreate, ContactUpdate, CreateContactWorkspace, ListContactsEmailAddress, ListContactsPhoneNumber,
    ListContactsPhoneNumberType, MergeAccountsBody, MergeAccountsBodyDuplicateRecord, MergeAccountsBodyMasterRecord,
};
use truto_unified::prelude::*;

const CONTACTS: &str = "/unified/crm/contacts";

fn contact() -> serde_json::Value {
    json!({
        "id": "c1",
        "first_name": "Ada",
        "name": "Ada Lovelace",
        "account": {"id": "a1", "name": "Analytical Engines"},
        "email_addresses": [{"id": "e1", "email": "ada@example.com", "type": "work"}],
        "phone_numbers": [{"number": "+44 20 7946 0000", "type": "mobile"}],
        "addresses": [{"street_1": "12 St James's Square", "city": "London", "country": "GB"}],
        "tags": [{"id": "t1", "name": "VIP"}],
        "owner": {"id": "u9"},
        "custom_fields": {"lead_score": 42},
        "etag": "v3",
        "last_activity_at": "2024-05-01T10:00:00Z"
    })
}

#[tokio::test]
async fn list_contacts_with_filters() {
    let server = server().await;
    respond(&server, "GET", CONTACTS, 200, list_body(json!([contact()]), None)).await;

    let page = account(&server)
        .crm()
        .contacts()
        .list()
        .email_addresses(vec![ListContactsEmailAddress { email: Some("ada@example.com".into()), ..Default::default() }])
        .phone_numbers(vec![ListContactsPhoneNumber {
            number: Some("+44".into()),
            r#type: Some(ListContactsPhoneNumberType::Mobile),
            ..Default::default()
        }])
        .created_at_gte("2024-01-01T00:00:00Z")
        .search_term("ada")
        .send()
        .await
        .unwrap();

    let ada = &page.result[0];
    assert_eq!(ada.account.as_ref().and_then(|account| account.name.as_deref()), Some("Analytical Engines"));
    assert_eq!(ada.email_addresses[0].email.as_deref(), Some("ada@example.com"));
    assert_eq!(ada.addresses[0].city.as_deref(), Some("London"));
    assert_eq!(ada.tags[0].name.as_deref(), Some("VIP"));
    assert_eq!(ada.owner.as_ref().and_then(|owner| owner.id.as_deref()), Some("u9"));
    assert_eq!(ada.custom_fields["lead_score"], json!(42));
    assert_eq!(ada.last_activity_at.as_ref().map(|at| at.as_str()), Some("2024-05-01T10:00:00Z"));
    assert_request(
        &only_request(&server).await,
        CONTACTS,
        &[
            ("email_addresses[][email]", "ada@example.com"),
            ("phone_numbers[][number]", "+44"),
            ("phone_numbers[][type]", "mobile"),
            ("created_at[gte]", "2024-01-01T00:00:00Z"),
            ("search_term", "ada"),
        ],
    );
}

#[tokio::test]
async fn get_a_contact() {
    let server = server().await;
    respond(&server, "GET", &format!("{CONTACTS}/c1"), 200, contact()).await;

    let ada = account(&server).crm().contacts().get("c1").send().await.unwrap();

    assert_eq!((ada.id.as_str(), ada.etag.as_deref()), ("c1", Some("v3")));
    assert_request(&only_request(&server).await, &format!("{CONTACTS}/c1"), &[]);
}

#[tokio::test]
async fn create_sends_the_writable_fields_that_are_set() {
    let server = server().await;
    respond(&server, "POST", CONTACTS, 201, contact()).await;
    let account_ref = Reference { id: Some("a1".into()), ..Default::default() };

    let body = ContactCreate {
        first_name: Some("Ada".into()),
        account: Some(account_ref),
        custom_fields: [("lead_score".to_owned(), json!(42))].into(),
        ..Default::default()
    };
    let created = account(&server).crm().contacts().create(body).workspace(CreateContactWorkspace::new("w1")).send();
    let created = created.await.unwrap();

    assert_eq!(created.id, "c1");
    let request = only_request(&server).await;
    assert_call(&request, "POST", CONTACTS, &[("workspace[id]", "w1")]);
    // Only what was set; read-only fields (id, etag, timestamps, remote_data) are not even in `ContactCreate`.
    assert_eq!(
        body_of(&request),
        json!({"first_name": "Ada", "account": {"id": "a1"}, "custom_fields": {"lead_score": 42}})
    );
}

#[tokio::test]
async fn update_sends_only_the_fields_that_change() {
    let server = server().await;
    respond(&server, "PATCH", &format!("{CONTACTS}/c1"), 200, contact()).await;

    let change = ContactUpdate { title: Some("Countess".into()), ..Default::default() };
    account(&server).crm().contacts().update("c1", change).send().await.unwrap();

    let request = only_request(&server).await;
    assert_call(&request, "PATCH", &format!("{CONTACTS}/c1"), &[]);
    assert_eq!(body_of(&request), json!({"title": "Countess"}));
}

#[tokio::test]
async fn delete_answers_the_id() {
    let server = server().await;
    respond(&server, "DELETE", &format!("{CONTACTS}/c1"), 200, json!({"id": "c1"})).await;

    let deleted = account(&server).crm().contacts().delete("c1").send().await.unwrap();

    assert_eq!(deleted.id, "c1");
    let request = only_request(&server).await;
    assert_call(&request, "DELETE", &format!("{CONTACTS}/c1"), &[]);
    assert_eq!(body_of(&request), serde_json::Value::Null);
}

#[tokio::test]
async fn merge_accounts_sends_its_typed_body_and_returns_the_result() {
    let server = server().await;
    let path = "/unified/crm/accounts/merge";
    respond(&server, "POST", path, 200, json!({"result": {"id": "a1", "name": "Merged Inc"}})).await;

    let body = MergeAccountsBody {
        master_record: Some(MergeAccountsBodyMasterRecord::new("a1")),
        duplicate_records: vec![MergeAccountsBodyDuplicateRecord { id: Some("a2".into()), fields: Vec::new() }],
    };
    let result = account(&server).crm().accounts().merge(body).idempotency_key("merge-1").send().await.unwrap();

    assert_eq!((result.id.as_str(), result.name.as_deref()), ("a1", Some("Merged Inc")), "the merged account");
    let request = only_request(&server).await;
    assert_call(&request, "POST", path, &[]);
    assert_eq!(
        body_of(&request),
        json!({"master_record": {"id": "a1"}, "duplicate_records": [{"id": "a2", "fields": []}]})
    );
    assert_eq!(request.headers.get("idempotency-key").and_then(|value| value.to_str().ok()), Some("merge-1"));
}

#[tokio::test]
async fn batch_delete_without_a_body_sends_an_empty_object() {
    let server = server().await;
    let path = "/unified/crm/accounts/batch-delete";
    respond(&server, "POST", path, 200, json!({"result": null})).await;

    let result = account(&server).crm().accounts().batch_delete().send().await.unwrap();

    assert_eq!(result, serde_json::Value::Null);
    assert_eq!(body_of(&only_request(&server).await), json!({}));
}
