//! CRM end to end: contacts (list filters against wiremock, pinning the query encoding; get, typed
//! create/update and delete against the offline fake) and the accounts `merge` and `batch-delete` custom methods.

use serde_json::json;
use truto_tests::fake::{assert_recorded, fake, fake_account, recorded_body, seeded};
use truto_tests::*;
use truto_unified::UnifiedApis;
use truto_unified::common::Reference;
use truto_unified::crm::{
    Account, Contact, ContactCreate, ContactUpdate, CreateContactWorkspace, ListContactsEmailAddress,
    ListContactsPhoneNumber, ListContactsPhoneNumberType, MergeAccountsBody, MergeAccountsBodyDuplicateRecord,
    MergeAccountsBodyMasterRecord,
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

/// A contact as the fake holds it.
fn ada() -> Contact {
    let mut ada = Contact::default();
    ada.id = "c1".into();
    ada.first_name = Some("Ada".into());
    ada.etag = Some("v3".into());
    ada
}

#[tokio::test]
async fn get_a_contact() {
    let fake = fake().await;
    seeded(&fake).crm().contacts().insert(ada());

    let got = fake_account(&fake).crm().contacts().get("c1").send().await.unwrap();

    assert_eq!((got.id.as_str(), got.etag.as_deref()), ("c1", Some("v3")));
    assert_eq!(got, ada());
    assert_recorded(&fake.requests()[0], "GET", &format!("{CONTACTS}/c1"), &[]);
}

#[tokio::test]
async fn create_sends_the_writable_fields_that_are_set() {
    let fake = fake().await;
    let account_ref = Reference { id: Some("a1".into()), ..Default::default() };

    let body = ContactCreate {
        first_name: Some("Ada".into()),
        account: Some(account_ref),
        custom_fields: [("lead_score".to_owned(), json!(42))].into(),
        ..Default::default()
    };
    let created = fake_account(&fake).crm().contacts().create(body).workspace(CreateContactWorkspace::new("w1"));
    let created = created.send().await.unwrap();

    let request = &fake.requests()[0];
    assert_recorded(request, "POST", CONTACTS, &[("workspace[id]", "w1")]);
    // Only what was set; read-only fields (id, etag, timestamps, remote_data) are not even in `ContactCreate`.
    assert_eq!(
        recorded_body(request),
        json!({"first_name": "Ada", "account": {"id": "a1"}, "custom_fields": {"lead_score": 42}})
    );
    assert_eq!(request.status, Some(201));
    // The answer is the stored record, with the id the server gave it.
    assert!(!created.id.is_empty());
    assert_eq!(created.custom_fields["lead_score"], json!(42));
    assert_eq!(seeded(&fake).crm().contacts().records().unwrap(), [created]);
}

#[tokio::test]
async fn update_sends_only_the_fields_that_change() {
    let fake = fake().await;
    seeded(&fake).crm().contacts().insert(ada());

    let change = ContactUpdate { title: Some("Countess".into()), ..Default::default() };
    let updated = fake_account(&fake).crm().contacts().update("c1", change).send().await.unwrap();

    let request = &fake.requests()[0];
    assert_recorded(request, "PATCH", &format!("{CONTACTS}/c1"), &[]);
    assert_eq!(recorded_body(request), json!({"title": "Countess"}));
    // Truto merges the change into the record: the fields not sent stay.
    assert_eq!((updated.title.as_deref(), updated.first_name.as_deref()), (Some("Countess"), Some("Ada")));
}

#[tokio::test]
async fn delete_answers_the_id() {
    let fake = fake().await;
    seeded(&fake).crm().contacts().insert(ada());

    let deleted = fake_account(&fake).crm().contacts().delete("c1").send().await.unwrap();

    assert_eq!(deleted.id, "c1");
    let request = &fake.requests()[0];
    assert_recorded(request, "DELETE", &format!("{CONTACTS}/c1"), &[]);
    assert_eq!(recorded_body(request), serde_json::Value::Null);
    assert!(seeded(&fake).crm().contacts().records().unwrap().is_empty());
}

#[tokio::test]
async fn merge_accounts_sends_its_typed_body_and_returns_the_result() {
    let fake = fake().await;
    let mut merged = Account::default();
    merged.id = "a1".into();
    merged.name = Some("Merged Inc".into());
    seeded(&fake).crm().accounts().custom_result("merge", &merged);

    let body = MergeAccountsBody {
        master_record: Some(MergeAccountsBodyMasterRecord::new("a1")),
        duplicate_records: vec![MergeAccountsBodyDuplicateRecord { id: Some("a2".into()), fields: Vec::new() }],
    };
    let result = fake_account(&fake).crm().accounts().merge(body).idempotency_key("merge-1").send().await.unwrap();

    assert_eq!((result.id.as_str(), result.name.as_deref()), ("a1", Some("Merged Inc")), "the merged account");
    let request = &fake.requests()[0];
    assert_recorded(request, "POST", "/unified/crm/accounts/merge", &[]);
    assert_eq!(
        recorded_body(request),
        json!({"master_record": {"id": "a1"}, "duplicate_records": [{"id": "a2", "fields": []}]})
    );
    assert_eq!(request.header("idempotency-key"), Some("merge-1"));
}

#[tokio::test]
async fn batch_delete_without_a_body_sends_an_empty_object() {
    let fake = fake().await;
    seeded(&fake).crm().accounts().custom_result("batch-delete", serde_json::Value::Null);

    let result = fake_account(&fake).crm().accounts().batch_delete().send().await.unwrap();

    assert_eq!(result, serde_json::Value::Null);
    let request = &fake.requests()[0];
    assert_recorded(request, "POST", "/unified/crm/accounts/batch-delete", &[]);
    assert_eq!(recorded_body(request), json!({}));
}
