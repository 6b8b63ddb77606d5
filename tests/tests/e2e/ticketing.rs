//! Ticketing end to end: tickets (list, get, typed create/update, delete, the `import` custom method answering
//! with a ticket) and contacts (list filters, get).

use serde_json::json;
use truto_tests::*;
use truto_unified::UnifiedApis;
use truto_unified::prelude::*;
use truto_unified::ticketing::{
    ListContactsEmail, TicketCreate, TicketCreatedByType, TicketStatusRefName, TicketUpdate,
};

const TICKETS: &str = "/unified/ticketing/tickets";

fn ticket() -> serde_json::Value {
    json!({
        "id": "t1",
        "name": "Printer on fire",
        "number": "42",
        "status": {"id": "s1", "name": "open"},
        "created_by": {"id": "u1", "name": "Ada", "type": "contact"},
        "assignees": [{"id": "u2", "name": "Grace", "emails": [{"email": "grace@example.com", "type": "work"}]}],
        "workspace": {"id": "w1", "name": "Support"},
        "collections": [{"id": "col1", "name": "Hardware", "type": "project"}],
        "due_date": "2024-06-01T17:00:00Z",
        "remote_data": {"priority": "urgent"}
    })
}

#[tokio::test]
async fn list_and_get_tickets() {
    let server = server().await;
    respond(&server, "GET", TICKETS, 200, list_body(json!([ticket()]), Some("n2"))).await;
    respond(&server, "GET", &format!("{TICKETS}/t1"), 200, ticket()).await;

    let page = account(&server).ticketing().tickets().list().limit(10).send().await.unwrap();
    let fetched = account(&server).ticketing().tickets().get("t1").send().await.unwrap();

    let listed = &page.result[0];
    assert_eq!(listed, &fetched);
    assert_eq!(listed.status.as_ref().and_then(|status| status.name.clone()), Some(TicketStatusRefName::Open));
    let creator = listed.created_by.as_ref().unwrap();
    assert_eq!(creator.r#type, Some(TicketCreatedByType::Contact));
    assert_eq!(listed.assignees[0].emails[0].email, "grace@example.com");
    assert_eq!(listed.workspace.as_ref().and_then(|workspace| workspace.name.as_deref()), Some("Support"));
    assert_eq!(listed.remote_data["priority"], json!("urgent"));
    let requests = received(&server).await;
    assert_request(&requests[0], TICKETS, &[("limit", "10")]);
    assert_request(&requests[1], &format!("{TICKETS}/t1"), &[]);
}

#[tokio::test]
async fn create_update_and_delete_a_ticket() {
    let server = server().await;
    respond(&server, "POST", TICKETS, 201, ticket()).await;
    respond(&server, "PATCH", &format!("{TICKETS}/t1"), 200, ticket()).await;
    respond(&server, "DELETE", &format!("{TICKETS}/t1"), 200, json!({"id": "t1"})).await;
    let tickets = account(&server).ticketing().tickets();

    let body =
        TicketCreate { name: Some("Printer on fire".into()), description: Some("Smoke".into()), ..Default::default() };
    let created = tickets.create(body).send().await.unwrap();
    let update = TicketUpdate { due_date: Some("2024-06-02T09:00:00Z".into()), ..Default::default() };
    tickets.update("t1", update).send().await.unwrap();
    let deleted = tickets.delete("t1").send().await.unwrap();

    assert_eq!((created.id.as_str(), created.number.as_deref()), ("t1", Some("42")));
    assert_eq!(deleted.id, "t1");
    let requests = received(&server).await;
    assert_call(&requests[0], "POST", TICKETS, &[]);
    assert_eq!(body_of(&requests[0]), json!({"name": "Printer on fire", "description": "Smoke"}));
    assert_call(&requests[1], "PATCH", &format!("{TICKETS}/t1"), &[]);
    assert_eq!(body_of(&requests[1]), json!({"due_date": "2024-06-02T09:00:00Z"}));
    assert_call(&requests[2], "DELETE", &format!("{TICKETS}/t1"), &[]);
}

#[tokio::test]
async fn import_passes_the_body_through_and_answers_with_a_ticket() {
    let server = server().await;
    let path = "/unified/ticketing/tickets/import";
    respond(&server, "POST", path, 200, json!({"result": ticket()})).await;

    let imported = account(&server)
        .ticketing()
        .tickets()
        .import()
        .body(json!({"ticket": {"subject": "Printer on fire", "comments": [{"value": "Smoke"}]}}))
        .send()
        .await
        .unwrap();

    assert_eq!(imported.id, "t1");
    assert_eq!(imported.name.as_deref(), Some("Printer on fire"));
    let request = only_request(&server).await;
    assert_call(&request, "POST", path, &[]);
    assert_eq!(body_of(&request), json!({"ticket": {"subject": "Printer on fire", "comments": [{"value": "Smoke"}]}}));
}

#[tokio::test]
async fn list_and_get_contacts() {
    let server = server().await;
    let path = "/unified/ticketing/contacts";
    let contact = json!({
        "id": "k1",
        "name": "Ada",
        "emails": [{"email": "ada@example.com"}],
        "phones": [{"number": "+1 555", "extension": "7"}],
        "is_active": true,
        "account_id": "acc9"
    });
    respond(&server, "GET", path, 200, list_body(json!([contact.clone()]), None)).await;
    respond(&server, "GET", &format!("{path}/k1"), 200, contact).await;

    let contacts = account(&server).ticketing().contacts();
    let page = contacts
        .list()
        .emails(vec![ListContactsEmail { email: Some("ada@example.com".into()), ..Default::default() }])
        .updated_at_lt("2024-01-01")
        .send()
        .await
        .unwrap();
    let fetched = contacts.get("k1").send().await.unwrap();

    assert_eq!(page.result[0], fetched);
    assert_eq!(fetched.emails[0].email, "ada@example.com");
    assert_eq!(fetched.phones[0].extension.as_deref(), Some("7"));
    assert_eq!((fetched.is_active, fetched.account_id.as_deref()), (Some(true), Some("acc9")));
    let requests = received(&server).await;
    assert_request(&requests[0], path, &[("emails[][email]", "ada@example.com"), ("updated_at[lt]", "2024-01-01")]);
    assert_request(&requests[1], &format!("{path}/k1"), &[]);
}
