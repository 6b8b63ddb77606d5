//! HRIS end to end: employees (list filters, get, typed create).

use serde_json::json;
use truto_tests::*;
use truto_unified::UnifiedApis;
use truto_unified::common::Email;
use truto_unified::hris::{
    EmployeeCreate, EmployeeEmploymentStatus, EmployeeEmploymentType, ListEmployeesCompany,
    ListEmployeesEmploymentStatus,
};
use truto_unified::prelude::*;

const EMPLOYEES: &str = "/unified/hris/employees";

fn employee() -> serde_json::Value {
    json!({
        "id": "e1",
        "first_name": "Ada",
        "employment_status": "on_leave",
        "manager": {"id": "e0", "name": "Charles"},
        "company": {"id": "co1"},
        "employments": [{"id": "job1", "job_title": "Analyst", "pay_rate": 12.5, "employment_type": "full_time"}],
        "emails": [{"email": "ada@example.com", "is_primary": true}],
        "start_date": "2020-01-06",
        "work_location": {"name": "HQ", "city": "London"}
    })
}

#[tokio::test]
async fn list_and_get_employees() {
    let server = server().await;
    respond(&server, "GET", EMPLOYEES, 200, list_body(json!([employee()]), None)).await;
    respond(&server, "GET", &format!("{EMPLOYEES}/e1"), 200, employee()).await;
    let employees = account(&server).hris().employees();

    let page = employees
        .list()
        .company(ListEmployeesCompany { id: Some("co1".into()) })
        .employment_status(ListEmployeesEmploymentStatus::All)
        .start_date("2020-01-01")
        .send()
        .await
        .unwrap();
    let ada = employees.get("e1").send().await.unwrap();

    assert_eq!(page.result[0], ada);
    // A value the schema does not list survives as `Other`.
    assert_eq!(ada.employment_status, Some(EmployeeEmploymentStatus::Other("on_leave".into())));
    assert_eq!(ada.manager.as_ref().and_then(|manager| manager.name.as_deref()), Some("Charles"));
    assert_eq!(ada.employments[0].id, "job1");
    assert_eq!(ada.employments[0].pay_rate, Some(12.5));
    assert_eq!(ada.employments[0].employment_type, Some(EmployeeEmploymentType::FullTime));
    assert_eq!(ada.start_date.as_ref().map(|date| date.parse().unwrap().to_string()), Some("2020-01-06".into()));
    assert_eq!(ada.work_location.as_ref().and_then(|location| location.city.as_deref()), Some("London"));
    let requests = received(&server).await;
    assert_request(
        &requests[0],
        EMPLOYEES,
        &[("company[id]", "co1"), ("employment_status", "all"), ("start_date", "2020-01-01")],
    );
    assert_request(&requests[1], &format!("{EMPLOYEES}/e1"), &[]);
}

#[tokio::test]
async fn create_an_employee() {
    let server = server().await;
    respond(&server, "POST", EMPLOYEES, 201, employee()).await;
    let email = Email { email: Some("ada@example.com".into()), is_primary: Some(true), ..Default::default() };

    let body = EmployeeCreate {
        first_name: Some("Ada".into()),
        last_name: Some("Lovelace".into()),
        employment_status: Some(EmployeeEmploymentStatus::Active),
        emails: vec![email],
        date_of_birth: Some("1815-12-10".into()),
        ..Default::default()
    };
    let created = account(&server).hris().employees().create(body).idempotent().send().await.unwrap();

    assert_eq!(created.id, "e1");
    let request = only_request(&server).await;
    assert_call(&request, "POST", EMPLOYEES, &[]);
    assert!(request.headers.contains_key("idempotency-key"));
    assert_eq!(
        body_of(&request),
        json!({
            "first_name": "Ada",
            "last_name": "Lovelace",
            "employment_status": "active",
            "emails": [{"email": "ada@example.com", "is_primary": true}],
            "date_of_birth": "1815-12-10"
        })
    );
}
