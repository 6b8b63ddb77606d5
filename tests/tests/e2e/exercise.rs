//! Every resource of truto-unified, exercised: for each, `build.rs` writes an example record holding every
//! field and nested field its schema file documents (`$OUT_DIR/exercise/<api>/<resource>.json`) and a test
//! that serves it from a local server and calls the generated client (its `list`, else `get`, else its first
//! custom method, else `create`). Each test proves that the model decodes the example without an issue or an
//! unknown field and encodes it back unchanged (see `truto_tests::exercise`).
//!
//! Run one unified API's tests with `cargo test -p truto-tests --test e2e exercise::crm`.

include!(concat!(env!("OUT_DIR"), "/exercise.rs"));
