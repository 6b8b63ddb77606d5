//! What the runtime (`truto-unified-runtime`) speaks, as far as the generator must know it: the methods
//! every request builder gets from the runtime's traits, and the methods of `Account`. Validation reserves
//! these names, so that no generated setter or accessor shadows one.
//!
//! Truto's own query parameters (`integrated_account_id`, `truto_response_format`, `truto_key_by`, `limit`,
//! `next_cursor`, `truto_ignore_limit`, `truto_ignore_remote_data`, `truto_exclude_fields`, `remote_query`,
//! `truto_super_query`) are defined once, in the runtime's request traits; the schema does not declare them.
//!
//! `codegen/tests/runtime_api.rs` proves these lists are exactly the runtime's: it reads the runtime's source
//! and compares its request traits, `Account`'s methods and the parameters it sends with these lists.

use crate::ir::MethodKind;

/// The query parameters Truto accepts on every unified call, which the runtime sets (the account, the
/// response format, `truto_key_by`, `limit`, `next_cursor`) or its request traits set
/// (`truto_ignore_limit`, `truto_ignore_remote_data`, `truto_exclude_fields`, `remote_query`,
/// `truto_super_query`): a schema (or an import) never declares them again.
pub const TRUTO_PARAMETERS: [&str; 10] = [
    "integrated_account_id",
    "truto_response_format",
    "truto_key_by",
    "truto_ignore_limit",
    "truto_ignore_remote_data",
    "truto_exclude_fields",
    "remote_query",
    "truto_super_query",
    "limit",
    "next_cursor",
];

/// Methods of the runtime's `TrutoRequest` trait, which every request builder implements.
pub const TRUTO_REQUEST_METHODS: [&str; 9] = [
    "request_mut",
    "into_request",
    "truto_ignore_remote_data",
    "truto_exclude_fields",
    "remote_query",
    "truto_super_query",
    "raw",
    "normalized",
    "byte_stream",
];

/// Methods generated types get from their derives (`Clone`, `Debug`).
pub const DERIVED_METHODS: [&str; 2] = ["clone", "fmt"];

/// Methods of `ListRequest` (list builders).
pub const LIST_REQUEST_METHODS: [&str; 7] =
    ["send", "stream", "pages", "key_by", "limit", "next_cursor", "truto_ignore_limit"];

/// Methods of `RecordRequest`, `DeleteRequest` and `CustomRequest` (every other builder).
pub const SEND_METHODS: [&str; 2] = ["send", "send_with_meta"];

/// Methods of `WriteRequest` (create, update and custom builders).
pub const WRITE_REQUEST_METHODS: [&str; 2] = ["idempotency_key", "idempotent"];

/// The method a custom method's builder gets when the schema does not describe its body.
pub const UNTYPED_BODY_METHOD: &str = "body";

/// Methods of the runtime's `Account`, which no unified API accessor may take.
pub const ACCOUNT_METHODS: [&str; 3] = ["id", "client", "unified"];

/// Methods of every generated resource handle besides the schema's methods.
pub const HANDLE_METHODS: [&str; 2] = ["new", "meta"];

/// Every method a builder of `kind` has before its own query parameters' setters (`untyped_body`: a custom
/// method without a described body).
pub fn builder_methods(kind: MethodKind, untyped_body: bool) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = TRUTO_REQUEST_METHODS.into_iter().chain(DERIVED_METHODS).collect();
    match kind {
        MethodKind::List => names.extend(LIST_REQUEST_METHODS),
        _ => names.extend(SEND_METHODS),
    }
    if matches!(kind, MethodKind::Create | MethodKind::Update | MethodKind::Custom) {
        names.extend(WRITE_REQUEST_METHODS);
    }
    if untyped_body {
        names.push(UNTYPED_BODY_METHOD);
    }
    names
}
