//! Tests written the way a user's crate writes them: `truto-unified` as a dependency, `truto-unified-fake` as a
//! dev-dependency, nothing but their public APIs, no hand-written JSON for records.
//!
//! Records go in through the generated seeding (`fake.account(…).user_directory().users()`, from
//! `truto_unified::prelude`), and the fake knows the schema through the generated `truto_unified::SPEC`.

use std::time::Duration;

use truto_unified::common::{Email, Reference};
use truto_unified::crm::accounts::Account as CrmAccount;
use truto_unified::crm::contacts::{ContactCreate, CreateContactWorkspace};
use truto_unified::prelude::*;
use truto_unified::runtime::{Error, RetryPolicy};
use truto_unified::user_directory::users::{User, UserUpdate};
use truto_unified_fake::{FakeTruto, Fault, FaultRule, RecordedRequest};

const USERS: &str = "/unified/user-directory/users";
const ACCOUNT: &str = "acct-1";

/// A user as the code under test would see it (generated models are `#[non_exhaustive]`: built from
/// `Default`).
fn user(n: usize) -> User {
    let mut user = User::default();
    user.id = format!("u{n:03}");
    user.name = Some(format!("User {n}"));
    user.status = Some("active".into());
    user
}

/// What a request was, for comparing sequences: method, path, cursor sent, status answered, fault injected.
type Summary = (String, String, bool, Option<u16>, Option<String>);

fn summary(request: &RecordedRequest) -> Summary {
    let cursor = request.query_value("next_cursor").is_some();
    (request.method.clone(), request.path.clone(), cursor, request.status, request.fault.clone())
}

fn expected(rows: &[(&str, &str, bool, u16, Option<&str>)]) -> Vec<Summary> {
    rows.iter()
        .map(|(method, path, cursor, status, fault)| {
            ((*method).to_owned(), (*path).to_owned(), *cursor, Some(*status), fault.map(str::to_owned))
        })
        .collect()
}

/// Issue 15's "done when": 250 users streamed across pages through a 429 and a truncated body, one updated and
/// one deleted, and the requests the fake recorded.
#[tokio::test]
async fn stream_250_users_through_a_429_and_a_truncated_body_then_update_and_delete() {
    let fake = FakeTruto::start().await;
    fake.account(ACCOUNT).user_directory().users().insert_many((0..250).map(user));
    let account = fake.client().account(ACCOUNT);

    fake.fail_next(1, Fault::rate_limited(0));
    let mut stream = account.user_directory().users().list().limit(100).stream();
    let mut ids = Vec::new();
    while let Some(user) = stream.try_next().await.expect("every page arrives") {
        ids.push(user.id);
        if ids.len() == 100 {
            fake.fail_next(1, Fault::TruncatedBody); // the second page breaks off mid-body
        }
    }
    assert_eq!(ids, (0..250).map(|n| format!("u{n:03}")).collect::<Vec<_>>());

    let change = UserUpdate { title: Some("Head of Platform".into()), ..UserUpdate::default() };
    let updated = account.user_directory().users().update("u042", change).send().await.unwrap();
    assert_eq!((updated.title.as_deref(), updated.name.as_deref()), (Some("Head of Platform"), Some("User 42")));
    assert_eq!(account.user_directory().users().delete("u007").send().await.unwrap().id, "u007");

    let requests = fake.requests();
    assert_eq!(
        requests.iter().map(summary).collect::<Vec<_>>(),
        expected(&[
            ("GET", USERS, false, 429, Some("RateLimited { retry_after: 0 }")),
            ("GET", USERS, false, 200, None),
            ("GET", USERS, true, 200, Some("TruncatedBody")),
            ("GET", USERS, true, 200, None),
            ("GET", USERS, true, 200, None),
            ("PATCH", "/unified/user-directory/users/u042", false, 200, None),
            ("DELETE", "/unified/user-directory/users/u007", false, 200, None),
        ])
    );
    assert_eq!(requests[2].query_value("next_cursor"), requests[3].query_value("next_cursor"), "the retry");
    assert!(requests.iter().all(|request| request.query_value("integrated_account_id") == Some(ACCOUNT)));
    assert!(requests[..5].iter().all(|request| request.query_value("limit") == Some("100")));
    assert!(requests.iter().all(|request| request.header("authorization") == Some("Bearer [redacted]")));
    assert_eq!(requests[5].json(), Some(truto_unified::runtime::json::json!({"title": "Head of Platform"})));

    let stored = fake.account(ACCOUNT).user_directory().users().records().unwrap();
    assert_eq!(stored.len(), 249);
    assert!(stored.iter().any(|user| user.id == "u042" && user.title.as_deref() == Some("Head of Platform")));
}

/// The same scenario with the 429 targeted by method and path (a `FaultRule`), and a get of the deleted record.
#[tokio::test]
async fn stream_250_users_through_a_429_then_update_and_delete() {
    let fake = FakeTruto::start().await;
    let seeded = fake.account(ACCOUNT).user_directory().users();
    seeded.insert_many((0..250).map(user));
    let account = fake.client().account(ACCOUNT);

    fake.inject(FaultRule::new(Fault::rate_limited(0)).method("GET").path(USERS));
    let all: Vec<User> = account.user_directory().users().list().limit(100).stream().try_collect().await.unwrap();
    assert_eq!(all.len(), 250);
    assert_eq!(all[249], user(249), "records come back as they were seeded");

    let change = UserUpdate { title: Some("Head of Platform".into()), ..UserUpdate::default() };
    account.user_directory().users().update("u042", change).send().await.unwrap();
    account.user_directory().users().delete("u007").send().await.unwrap();
    let gone = account.user_directory().users().get("u007").send().await.unwrap_err();
    assert_eq!(gone.status(), Some(404));

    assert_eq!(
        fake.requests().iter().map(summary).collect::<Vec<_>>(),
        expected(&[
            ("GET", USERS, false, 429, Some("RateLimited { retry_after: 0 }")),
            ("GET", USERS, false, 200, None),
            ("GET", USERS, true, 200, None),
            ("GET", USERS, true, 200, None),
            ("PATCH", "/unified/user-directory/users/u042", false, 200, None),
            ("DELETE", "/unified/user-directory/users/u007", false, 200, None),
            ("GET", "/unified/user-directory/users/u007", false, 404, None),
        ])
    );
    let stored = seeded.records().unwrap();
    assert_eq!(stored.len(), 249);
    assert_eq!(stored.iter().find(|user| user.id == "u042").unwrap().title.as_deref(), Some("Head of Platform"));
}

#[tokio::test]
async fn typed_records_round_trip_with_nested_fields_and_key_by() {
    let fake = FakeTruto::start().await;
    let mut ada = user(1);
    ada.emails = vec![Email { email: Some("ada@example.com".into()), is_primary: Some(true), ..Default::default() }];
    ada.languages = vec!["en-GB".into()];
    fake.account(ACCOUNT).user_directory().users().insert_many([ada.clone(), user(2)]);
    let account = fake.client().account(ACCOUNT);

    assert_eq!(account.user_directory().users().get("u001").send().await.unwrap(), ada);
    let keyed = account.user_directory().users().list().key_by("id").send().await.unwrap();
    assert_eq!(keyed.result.keys().collect::<Vec<_>>(), ["u001", "u002"]);
    let slim = account.user_directory().users().list().truto_exclude_fields(["emails", "languages"]).send().await;
    assert!(slim.unwrap().result.iter().all(|user| user.emails.is_empty() && user.languages.is_empty()));
}

#[tokio::test]
async fn an_integrations_required_parameters_come_back_as_trutos_insight() {
    let fake = FakeTruto::builder().spec(truto_unified::SPEC).start().await.unwrap();
    fake.account("highlevel-1").with_integration("highlevel");
    fake.account("close-1").with_integration("close");
    let client = fake.client_builder().max_retries(0).build().unwrap();
    let contact = || ContactCreate { first_name: Some("Ada".into()), ..ContactCreate::default() };

    let error = client.account("highlevel-1").crm().contacts().create(contact()).send().await.unwrap_err();
    let Error::Api(api) = &error else { panic!("expected Truto's 400: {error}") };
    let insight = api.body.as_ref().and_then(|body| body.truto_error_insight.as_ref()).unwrap();
    assert_eq!((api.status, insight.missing_required_query_parameters()), (400, vec!["workspace".to_owned()]));
    assert!(error.to_string().contains("missing required query parameters: workspace"), "{error}");
    let created = client
        .account("highlevel-1")
        .crm()
        .contacts()
        .create(contact())
        .workspace(CreateContactWorkspace::new("w1"))
        .send()
        .await
        .unwrap();
    assert_eq!(created.first_name.as_deref(), Some("Ada"));

    let error = client.account("close-1").crm().contacts().create(contact()).send().await.unwrap_err();
    let fields = error.api().and_then(|api| api.body.as_ref()?.truto_error_insight.as_ref()).unwrap();
    assert_eq!(fields.missing_required_body_fields(), ["account"]);
    let with_account =
        ContactCreate { account: Some(Reference { id: Some("a1".into()), ..Default::default() }), ..contact() };
    assert!(client.account("close-1").crm().contacts().create(with_account).send().await.is_ok());

    // What the schema does not have: accounting attachments have no delete, CRM has no `invoices`.
    let no_delete = client.account("close-1").unified("accounting", "attachments").delete("x").send().await;
    assert_eq!(no_delete.unwrap_err().status(), Some(404), "the schema has no delete for attachments");
    let no_resource = client.account("close-1").unified("crm", "invoices").list().send().await;
    assert_eq!(no_resource.unwrap_err().status(), Some(404), "the schema has no CRM invoices");
}

#[tokio::test]
async fn custom_methods_answer_the_configured_result() {
    let fake = FakeTruto::builder().spec(truto_unified::SPEC).start().await.unwrap();
    let mut merged = CrmAccount::default();
    merged.id = "acc-merged".into();
    merged.name = Some("Merged Inc".into());
    fake.account(ACCOUNT).crm().accounts().custom_result("batch-delete", &merged);
    let account = fake.client().account(ACCOUNT);
    let ids = truto_unified::runtime::json::json!({"ids": ["a", "b"]});
    let result = account.crm().accounts().batch_delete().body(ids.clone()).send().await.unwrap();
    assert_eq!(result["id"], "acc-merged");
    assert_eq!(fake.requests()[0].json(), Some(ids));
}

#[tokio::test]
async fn a_5xx_storm_exhausts_the_retries_and_every_attempt_is_recorded() {
    let fake = FakeTruto::start().await;
    fake.account(ACCOUNT).user_directory().users().insert(user(1));
    fake.inject(FaultRule::new(Fault::Status(502)).path_prefix(USERS).always());
    let retry = RetryPolicy::default().with_backoff(Duration::from_millis(1), Duration::from_millis(5));
    let account = fake.client_builder().retry(retry).build().unwrap().account(ACCOUNT);
    let error = account.user_directory().users().get("u001").send().await.unwrap_err();
    assert_eq!(error.status(), Some(502));
    assert_eq!(fake.requests().len(), 4, "the first attempt and three retries");
    fake.clear_faults();
    assert_eq!(account.user_directory().users().get("u001").send().await.unwrap().id, "u001");
}

/// Bindings a customer generates from their own schema (here the tests crate's, imported from Truto's JSON) get
/// the same seeding, under their own trait name, and their own `SPEC`. A module of its own: with truto-unified's
/// prelude in scope too, `.crm()` would be ambiguous.
mod custom_bindings {
    use truto_tests::imported::{self, CustomUnifiedApis, CustomUnifiedApisSeed};
    use truto_unified::prelude::ListRequest;
    use truto_unified_fake::FakeTruto;

    #[tokio::test]
    async fn custom_bindings_seed_and_describe_a_fake_the_same_way() {
        let fake = FakeTruto::builder().spec(imported::SPEC).start().await.unwrap();
        let mut ada = imported::crm::Contact::default();
        ada.id = "c1".into();
        ada.first_name = "Ada".into();
        let seeded = fake.account("sf-1").with_integration("salesforce").crm().contacts();
        assert_eq!(seeded.insert_many([ada.clone()]), ["c1"]);
        let contacts = fake.client_builder().max_retries(0).build().unwrap().account("sf-1").crm().contacts();

        // The imported meta says Salesforce's list requires `search_term`.
        let error = contacts.list().send().await.unwrap_err();
        let insight = error.api().and_then(|api| api.body.as_ref()?.truto_error_insight.as_ref()).unwrap();
        assert_eq!(insight.missing_required_query_parameters(), ["search_term"]);
        let page = contacts.list().search_term("ada").send().await.unwrap();
        assert_eq!(page.result, [ada]);
        assert_eq!(seeded.records().unwrap().len(), 1);
    }
}

// README example: begin (the README's "Testing without Truto" shows this module's contents)
mod readme_example {
    // tests/users.rs
    use truto_unified::prelude::*; // the client's traits, and typed seeding: `fake.account(…).user_directory()`
    use truto_unified::runtime::json::json;
    use truto_unified::user_directory::users::{User, UserUpdate};
    use truto_unified_fake::{FakeTruto, Fault};

    #[tokio::test]
    async fn my_sync_survives_rate_limits_and_broken_bodies() {
        // A fake Truto with one integrated account holding 250 typed users. Generated models are
        // `#[non_exhaustive]`: start from `Default` and set the fields the test needs.
        let fake = FakeTruto::start().await;
        let users = fake.account("acct-1").user_directory().users();
        users.insert_many((0..250).map(|n| {
            let mut user = User::default();
            user.id = format!("u{n}");
            user.name = Some(format!("User {n}"));
            user
        }));

        // The code under test gets a client pointed at the fake: its base URL and token.
        let account = fake.client().account("acct-1");

        // The first request is rate limited and its retry breaks off mid-body: the client retries both.
        fake.fail_next(1, Fault::rate_limited(0));
        fake.fail_next(1, Fault::TruncatedBody);
        let all: Vec<User> = account.user_directory().users().list().limit(100).stream().try_collect().await.unwrap();
        assert_eq!(all.len(), 250);
        let change = UserUpdate { title: Some("CTO".into()), ..UserUpdate::default() };
        account.user_directory().users().update("u7", change).send().await.unwrap();
        account.user_directory().users().delete("u8").send().await.unwrap();

        // What the fake received and answered, and what it holds now.
        let requests = fake.requests();
        let answered: Vec<_> =
            requests.iter().map(|request| (request.method.as_str(), request.status, request.fault.is_some())).collect();
        assert_eq!(
            answered,
            [
                ("GET", Some(429), true),
                ("GET", Some(200), true), // the body was cut short
                ("GET", Some(200), false),
                ("GET", Some(200), false),
                ("GET", Some(200), false),
                ("PATCH", Some(200), false),
                ("DELETE", Some(200), false),
            ]
        );
        assert_eq!(requests[5].json(), Some(json!({"title": "CTO"})));
        assert_eq!(requests[5].header("authorization"), Some("Bearer [redacted]"));
        let stored = users.records().unwrap();
        assert_eq!(stored.len(), 249);
        assert_eq!(stored.iter().find(|user| user.id == "u7").unwrap().title.as_deref(), Some("CTO"));
    }
}
// README example: end

/// The README's example is the module above, so that it compiles and passes.
#[test]
fn the_readme_shows_the_example_above() {
    let source = include_str!("fake.rs");
    let start = source.find("mod readme_example {\n").expect("the module") + "mod readme_example {\n".len();
    let end = source.find("}\n// README example: end").expect("its end");
    let example: String =
        source[start..end].lines().map(|line| format!("{}\n", line.strip_prefix("    ").unwrap_or(line))).collect();
    let readme = include_str!("../../README.md");
    assert!(readme.contains(&format!("```rust,ignore\n{example}```\n")), "update the README's example:\n{example}");
}
