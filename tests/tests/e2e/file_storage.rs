//! File storage end to end: drive items (list and get with integration-specific parameters, and the `download`
//! custom method read as bytes, against wiremock; typed create and delete) and drives (list, get, create), against
//! the offline fake.

use serde_json::json;
use truto_tests::fake::{assert_recorded, fake, fake_account, recorded_body, seeded};
use truto_tests::wiremock::matchers::{method, path};
use truto_tests::wiremock::{Mock, ResponseTemplate};
use truto_tests::*;
use truto_unified::UnifiedApis;
use truto_unified::common::Reference;
use truto_unified::file_storage::{
    Drive, DriveCreate, DriveItemCreate, DriveItemType, DriveItemUrlType, GetDriveItemDrive, GetDriveItemType,
    ListDriveItemsDrive, ListDriveItemsParent, ListDriveItemsProduct,
};
use truto_unified::prelude::*;

const ITEMS: &str = "/unified/file-storage/drive-items";

fn item() -> serde_json::Value {
    json!({
        "id": "f1",
        "name": "report.pdf",
        "type": "file",
        "size": 2048,
        "mime_type": "application/pdf",
        "parent": {"id": "d1", "name": "Reports"},
        "drive": {"id": "drv1"},
        "creator": {"id": "u1", "emails": [{"email": "ada@example.com", "is_primary": true}]},
        "urls": [{"type": "self", "url": "https://files.example/f1"}, {"type": "preview", "url": "https://p.example"}],
        "tags": ["q1", {"id": "t1"}]
    })
}

#[tokio::test]
async fn list_and_get_drive_items() {
    let server = server().await;
    respond(&server, "GET", ITEMS, 200, list_body(json!([item()]), None)).await;
    respond(&server, "GET", &format!("{ITEMS}/f1"), 200, item()).await;
    let items = account(&server).file_storage().drive_items();

    let page = items
        .list()
        .drive(ListDriveItemsDrive { id: Some("drv1".into()) })
        .parent(ListDriveItemsParent { id: Some("d1".into()), ..Default::default() })
        .product(ListDriveItemsProduct::Sharepoint)
        .send()
        .await
        .unwrap();
    let file = items
        .get("f1")
        .r#type(GetDriveItemType::File)
        .drive(GetDriveItemDrive { id: Some("drv1".into()) })
        .send()
        .await
        .unwrap();

    assert_eq!(page.result[0], file);
    assert_eq!((file.r#type.clone(), file.size), (Some(DriveItemType::File), Some(2048)));
    assert_eq!(file.parent.as_ref().and_then(|parent| parent.name.as_deref()), Some("Reports"));
    assert_eq!(file.creator.as_ref().unwrap().emails[0].email.as_deref(), Some("ada@example.com"));
    let url_types: Vec<_> = file.urls.iter().map(|url| url.r#type.clone().unwrap()).collect();
    assert_eq!(url_types, [DriveItemUrlType::Self_, DriveItemUrlType::Other("preview".into())]);
    assert_eq!(file.tags, [json!("q1"), json!({"id": "t1"})]);
    let requests = received(&server).await;
    assert_request(&requests[0], ITEMS, &[("drive[id]", "drv1"), ("parent[id]", "d1"), ("product", "sharepoint")]);
    assert_request(&requests[1], &format!("{ITEMS}/f1"), &[("type", "file"), ("drive[id]", "drv1")]);
}

#[tokio::test]
async fn create_and_delete_a_drive_item() {
    let fake = fake().await;
    let items = fake_account(&fake).file_storage().drive_items();

    let body = DriveItemCreate {
        name: Some("Archive".into()),
        r#type: Some(DriveItemType::Folder),
        path: Some("/Reports/Archive".into()),
        ..Default::default()
    };
    let created = items.create(body).send().await.unwrap();
    let deleted = items.delete(&created.id).send().await.unwrap();

    assert_eq!((created.name.as_deref(), created.r#type.clone()), (Some("Archive"), Some(DriveItemType::Folder)));
    assert_eq!(deleted.id, created.id);
    let requests = fake.requests();
    assert_recorded(&requests[0], "POST", ITEMS, &[]);
    assert_eq!(recorded_body(&requests[0]), json!({"name": "Archive", "type": "folder", "path": "/Reports/Archive"}));
    assert_recorded(&requests[1], "DELETE", &format!("{ITEMS}/{}", created.id), &[]);
    assert!(seeded(&fake).file_storage().drive_items().records().unwrap().is_empty());
}

#[tokio::test]
async fn download_returns_the_file_bytes() {
    let server = server().await;
    let download = format!("{ITEMS}/download");
    Mock::given(method("POST"))
        .and(path(download.as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_raw(b"%PDF-1.7".to_vec(), "application/pdf"))
        .expect(1)
        .mount(&server)
        .await;

    let bytes =
        account(&server).file_storage().drive_items().download().body(json!({"id": "f1"})).byte_stream().await.unwrap();

    assert_eq!(bytes.content_type(), Some("application/pdf"));
    assert_eq!(bytes.collect_bytes().await.unwrap(), b"%PDF-1.7");
    let request = only_request(&server).await;
    assert_call(&request, "POST", &download, &[("truto_response_format", "stream")]);
    assert_eq!(body_of(&request), json!({"id": "f1"}));
}

#[tokio::test]
async fn list_get_and_create_drives() {
    let fake = fake().await;
    let path = "/unified/file-storage/drives";
    let mut team = Drive::default();
    team.id = "drv1".into();
    team.name = Some("Team".into());
    team.path = Some("/".into());
    team.workspace = Some(Reference { id: Some("site1".into()), name: Some("Intranet".into()), ..Default::default() });
    seeded(&fake).file_storage().drives().insert(team.clone());
    let drives = fake_account(&fake).file_storage().drives();

    let page = drives.list().send().await.unwrap();
    let got = drives.get("drv1").send().await.unwrap();
    drives.create(DriveCreate { name: Some("Team".into()), ..Default::default() }).send().await.unwrap();

    assert_eq!((page.result[0].clone(), got.clone()), (team.clone(), team));
    assert_eq!(got.workspace.as_ref().and_then(|workspace| workspace.name.as_deref()), Some("Intranet"));
    let requests = fake.requests();
    assert_recorded(&requests[0], "GET", path, &[]);
    assert_recorded(&requests[1], "GET", &format!("{path}/drv1"), &[]);
    assert_recorded(&requests[2], "POST", path, &[]);
    assert_eq!(recorded_body(&requests[2]), json!({"name": "Team"}));
    assert_eq!(seeded(&fake).file_storage().drives().records_json().len(), 2);
}
