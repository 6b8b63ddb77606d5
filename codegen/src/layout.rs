//! The files at the root of a schema folder, by name: what the loader reads and the generated files'
//! headers name.

/// The file naming each unified API folder (optional).
pub const API_FILE: &str = "truto.yaml";
/// The integrations catalog (optional).
pub const INTEGRATIONS_FILE: &str = "integrations.yaml";
/// The shared types (optional).
pub const COMMON_FILE: &str = "common.yaml";
