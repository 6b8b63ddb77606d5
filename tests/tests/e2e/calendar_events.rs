//! Calendar events end to end: list, get with the calendar some integrations require, typed create (required
//! fields through `new`), update, delete (against the offline fake).

use serde_json::json;
use truto_tests::fake::{assert_recorded, fake, fake_account, recorded_body, seeded};
use truto_tests::*;
use truto_unified::UnifiedApis;
use truto_unified::calendar::{EventAttendee, EventCreate, EventStatus, EventUpdate, GetEventCalendar};
use truto_unified::common::Person;
use truto_unified::prelude::*;
use truto_unified::runtime::IssueOutcome;

const EVENTS: &str = "/unified/calendar/events";

fn event() -> serde_json::Value {
    json!({
        "id": "ev1",
        "title": "Standup",
        "start_time": "2024-05-01T09:00:00+02:00",
        "end_time": "2024-05-01T09:15:00+02:00",
        "status": "confirmed",
        "calendar": {"id": "cal1", "name": "Work"},
        "location": {"name": "Room 1", "coordinates": {"latitude": 51.5, "longitude": -0.12}},
        "attendees": [{
            "is_organizer": true,
            "person": {"id": "p1", "name": "Ada", "emails": [{"email": "ada@example.com"}]},
            "response": {"status": "accepted"}
        }],
        "created_by": {"id": "p1", "name": "Ada"}
    })
}

#[tokio::test]
async fn list_and_get_events() {
    let server = server().await;
    respond(&server, "GET", EVENTS, 200, list_body(json!([event()]), None)).await;
    respond(&server, "GET", &format!("{EVENTS}/ev1"), 200, event()).await;
    let events = account(&server).calendar().events();

    let page = events.list().send().await.unwrap();
    let calendar = GetEventCalendar { id: Some("cal1".into()), ..Default::default() };
    let standup = events.get("ev1").calendar(calendar).send().await.unwrap();

    assert_eq!(page.result[0], standup);
    assert_eq!((standup.title.as_str(), standup.status.clone()), ("Standup", Some(EventStatus::Confirmed)));
    assert_eq!(standup.start_time.to_utc().unwrap().to_rfc3339(), "2024-05-01T07:00:00+00:00");
    let coordinates = standup.location.as_ref().and_then(|location| location.coordinates.as_ref()).unwrap();
    assert_eq!((coordinates.latitude, coordinates.longitude), (Some(51.5), Some(-0.12)));
    let attendee = &standup.attendees[0];
    assert_eq!(attendee.is_organizer, Some(true));
    assert_eq!(attendee.person.as_ref().unwrap().emails[0].email.as_deref(), Some("ada@example.com"));
    assert_eq!(attendee.response.as_ref().unwrap().status.as_ref().unwrap().as_str(), "accepted");
    let requests = received(&server).await;
    assert_request(&requests[0], EVENTS, &[]);
    assert_request(&requests[1], &format!("{EVENTS}/ev1"), &[("calendar[id]", "cal1")]);
}

#[tokio::test]
async fn a_record_without_a_required_field_arrives_with_the_field_empty_and_an_issue() {
    let server = server().await;
    let sent = json!({"id": "ev1", "title": "No start"});
    respond(&server, "GET", &format!("{EVENTS}/ev1"), 200, sent.clone()).await;

    let event = account(&server).calendar().events().get("ev1").send().await.unwrap();

    assert_eq!(event.start_time.as_str(), "");
    let issues = event.decode_issues();
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert_eq!((issues[0].path.as_str(), issues[0].outcome), ("start_time", IssueOutcome::Missing));
    assert_eq!(serde_json::to_value(&event).unwrap(), sent, "the empty value is not written back");
}

#[tokio::test]
async fn strict_decoding_fails_on_a_missing_required_field() {
    let server = server().await;
    respond(&server, "GET", &format!("{EVENTS}/ev1"), 200, json!({"id": "ev1", "title": "No start"})).await;
    let client = truto_unified::Client::builder()
        .token(truto_tests::TOKEN)
        .base_url(server.uri())
        .strict_decoding(true)
        .build()
        .unwrap();

    let error = client.account(truto_tests::ACCOUNT_ID).calendar().events().get("ev1").send().await.unwrap_err();

    let truto_unified::Error::Decode(decode) = &error else { panic!("expected Error::Decode, got {error:?}") };
    assert!(decode.message.starts_with("missing field `start_time`"), "{error}");
}

#[tokio::test]
async fn create_update_and_delete_an_event() {
    let fake = fake().await;
    let events = fake_account(&fake).calendar().events();

    let person = Person { name: Some("Grace".into()), ..Default::default() };
    let attendee = EventAttendee { person: Some(person), is_optional: Some(true), ..Default::default() };
    let mut body = EventCreate::new("2024-05-01T09:00:00Z", "Standup");
    body.attendees = vec![attendee];
    let created = events.create(body).send().await.unwrap();
    let moved = EventUpdate {
        start_time: Some("2024-05-01T10:00:00Z".into()),
        end_time: Some("2024-05-01T10:15:00Z".into()),
        ..Default::default()
    };
    let updated = events.update(&created.id, moved).send().await.unwrap();
    let deleted = events.delete(&created.id).send().await.unwrap();

    assert_eq!(deleted.id, created.id);
    assert_eq!((updated.title.as_str(), updated.start_time.as_str()), ("Standup", "2024-05-01T10:00:00Z"));
    let requests = fake.requests();
    let one = format!("{EVENTS}/{}", created.id);
    assert_recorded(&requests[0], "POST", EVENTS, &[]);
    assert_eq!(
        recorded_body(&requests[0]),
        json!({
            "start_time": "2024-05-01T09:00:00Z",
            "title": "Standup",
            "attendees": [{"is_optional": true, "person": {"name": "Grace"}}]
        })
    );
    assert_recorded(&requests[1], "PATCH", &one, &[]);
    assert_eq!(
        recorded_body(&requests[1]),
        json!({"start_time": "2024-05-01T10:00:00Z", "end_time": "2024-05-01T10:15:00Z"})
    );
    assert_recorded(&requests[2], "DELETE", &one, &[]);
    assert!(seeded(&fake).calendar().events().records().unwrap().is_empty());
}
