//! Instant messaging end to end: channels (list, get, the typed `join` custom method answering with a channel)
//! and messages (list, get, typed create/update, delete, against the offline fake). Members have their own file.

use serde_json::json;
use truto_tests::fake::{assert_recorded, fake, fake_account, recorded_body, seeded};
use truto_tests::*;
use truto_unified::UnifiedApis;
use truto_unified::common::Reference;
use truto_unified::instant_messaging::{
    ChannelStatus, ChannelType, JoinChannelsBody, JoinChannelsBodyChannel, Message, MessageAttachment, MessageBody,
    MessageChannel, MessageCreate, MessageParent, MessageUpdate,
};
use truto_unified::prelude::*;

const CHANNELS: &str = "/unified/instant-messaging/channels";
const MESSAGES: &str = "/unified/instant-messaging/messages";

fn channel() -> serde_json::Value {
    json!({
        "id": "C1",
        "name": "general",
        "type": "private_channel",
        "status": "active",
        "is_member": false,
        "workspace": {"id": "T1", "name": "Acme"},
        "created_by": {"id": "U1"}
    })
}

#[tokio::test]
async fn list_get_and_join_channels() {
    let server = server().await;
    respond(&server, "GET", CHANNELS, 200, list_body(json!([channel()]), None)).await;
    respond(&server, "GET", &format!("{CHANNELS}/C1"), 200, channel()).await;
    let joined = json!({"result": {"id": "C1", "name": "general", "is_member": true}});
    respond(&server, "POST", &format!("{CHANNELS}/join"), 200, joined).await;
    let channels = account(&server).instant_messaging().channels();

    let page = channels.list().send().await.unwrap();
    let general = channels.get("C1").send().await.unwrap();
    let body = JoinChannelsBody { channel: Some(JoinChannelsBodyChannel { id: Some("C1".into()) }) };
    let after_join = channels.join(body).send().await.unwrap();

    assert_eq!(page.result[0], general);
    assert_eq!(
        (general.r#type.clone(), general.status.clone()),
        (Some(ChannelType::PrivateChannel), Some(ChannelStatus::Active))
    );
    assert_eq!(general.workspace.as_ref().and_then(|workspace| workspace.name.as_deref()), Some("Acme"));
    assert_eq!((after_join.id.as_str(), after_join.is_member), ("C1", Some(true)));
    let requests = received(&server).await;
    assert_request(&requests[0], CHANNELS, &[]);
    assert_request(&requests[1], &format!("{CHANNELS}/C1"), &[]);
    assert_call(&requests[2], "POST", &format!("{CHANNELS}/join"), &[]);
    assert_eq!(body_of(&requests[2]), json!({"channel": {"id": "C1"}}));
}

/// A message with read-only fields (author, parent, attachments), as the fake holds it.
fn hello() -> Message {
    let mut hello = Message::default();
    hello.id = "m1".into();
    hello.body = Some(MessageBody { format: Some("text".into()), content: Some("hello".into()), ..Default::default() });
    hello.author = Some(Reference { id: Some("U1".into()), name: Some("Ada".into()), ..Default::default() });
    hello.channel =
        Some(MessageChannel { id: Some("C1".into()), r#type: Some("channel".into()), ..Default::default() });
    hello.parent = Some(MessageParent { id: Some("m0".into()), r#type: Some("message".into()), ..Default::default() });
    hello.has_children = Some(false);
    let url = Some("https://files.example/cat.png".into());
    hello.attachments =
        vec![MessageAttachment { id: Some("a1".into()), name: Some("cat.png".into()), url, ..Default::default() }];
    hello
}

#[tokio::test]
async fn messages_from_list_to_delete() {
    let fake = fake().await;
    seeded(&fake).instant_messaging().messages().insert(hello());
    let messages = fake_account(&fake).instant_messaging().messages();

    let page = messages.list().send().await.unwrap();
    let got = messages.get("m1").send().await.unwrap();
    let body = MessageBody { content: Some("hello".into()), ..Default::default() };
    let channel = MessageChannel { id: Some("C1".into()), ..Default::default() };
    let created = messages
        .create(MessageCreate { body: Some(body), channel: Some(channel), ..Default::default() })
        .send()
        .await
        .unwrap();
    let edited = MessageBody { content: Some("hello, world".into()), ..Default::default() };
    messages.update("m1", MessageUpdate { body: Some(edited), ..Default::default() }).send().await.unwrap();
    let deleted = messages.delete("m1").send().await.unwrap();

    assert_eq!((page.result[0].clone(), got.clone()), (hello(), hello()));
    assert_eq!(got.author.as_ref().and_then(|author| author.name.as_deref()), Some("Ada"));
    assert_eq!(got.body.as_ref().and_then(|body| body.content.as_deref()), Some("hello"));
    assert_eq!(
        got.parent.as_ref().and_then(|parent| parent.r#type.as_ref()).map(|kind| kind.as_str()),
        Some("message")
    );
    assert_eq!(got.attachments[0].name.as_deref(), Some("cat.png"));
    assert_eq!(deleted.id, "m1");
    let requests = fake.requests();
    assert_recorded(&requests[0], "GET", MESSAGES, &[]);
    assert_recorded(&requests[1], "GET", &format!("{MESSAGES}/m1"), &[]);
    assert_recorded(&requests[2], "POST", MESSAGES, &[]);
    // `author`, `created_at`, `has_children` and `remote_data` are read-only: `MessageCreate` has no such fields.
    assert_eq!(recorded_body(&requests[2]), json!({"body": {"content": "hello"}, "channel": {"id": "C1"}}));
    assert_recorded(&requests[3], "PATCH", &format!("{MESSAGES}/m1"), &[]);
    assert_eq!(recorded_body(&requests[3]), json!({"body": {"content": "hello, world"}}));
    assert_recorded(&requests[4], "DELETE", &format!("{MESSAGES}/m1"), &[]);
    assert_eq!(seeded(&fake).instant_messaging().messages().records().unwrap(), [created], "only the new one is left");
}
