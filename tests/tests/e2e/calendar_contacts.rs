//! Calendar contacts end to end: the list, with the search term Google Calendar requires; CRM-style contact
//! points shared with CRM contacts.

use serde_json::json;
use truto_tests::*;
use truto_unified::UnifiedApis;
use truto_unified::prelude::*;

#[tokio::test]
async fn list_contacts_by_search_term() {
    let server = server().await;
    let path = "/unified/calendar/contacts";
    let contact = json!({
        "id": "p1",
        "name": "Ada Lovelace",
        "email_addresses": [{"email": "ada@example.com", "type": "home"}],
        "phone_numbers": [{"number": "+44 20 7946 0000"}],
        "addresses": [{"city": "London"}]
    });
    respond(&server, "GET", path, 200, list_body(json!([contact]), None)).await;

    let page = account(&server).calendar().contacts().list().search_term("ada").send().await.unwrap();

    let ada = &page.result[0];
    // The same Rust types as CRM contacts' contact points.
    let email: &truto_unified::common::EmailAddress = &ada.email_addresses[0];
    assert_eq!(email.email.as_deref(), Some("ada@example.com"));
    assert_eq!(ada.phone_numbers[0].number.as_deref(), Some("+44 20 7946 0000"));
    assert_eq!(ada.addresses[0].city.as_deref(), Some("London"));
    assert_request(&only_request(&server).await, path, &[("search_term", "ada")]);
}
