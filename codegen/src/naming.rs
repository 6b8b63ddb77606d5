//! Turning schema names (JSON keys, enum values, path segments) into Rust identifiers.
//!
//! Every identifier the emitters print comes from here, so the rules live in one place:
//! - fields and methods are `snake_case`, types and variants `UpperCamelCase` (via heck);
//! - Rust keywords become raw identifiers (`r#type`), except the four that cannot be raw
//!   (`self`, `Self`, `super`, `crate`) and `_`, which get a trailing underscore;
//! - a name starting with a digit gets a leading `_` (fields) or `V` (types, variants);
//! - a name with no identifier characters at all (`""`, `-`) becomes `empty`/`Empty`.
//!
//! Collisions after conversion (`fooBar` vs `foo_bar`) are not resolved here: validation reports them.

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

/// Keywords of Rust 2024 (strict and reserved) that may be written as raw identifiers.
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn", "else", "enum",
    "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod", "move",
    "mut", "override", "priv", "pub", "ref", "return", "static", "struct", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NON_RAW_KEYWORDS: &[&str] = &["self", "Self", "super", "crate", "_"];

/// A field, method or module name: `snake_case`, keyword-safe.
pub fn snake(name: &str) -> String {
    let converted = name.to_snake_case();
    let converted = if converted.is_empty() { "empty".to_owned() } else { converted };
    let converted = if starts_with_digit(&converted) { format!("_{converted}") } else { converted };
    escape_keyword(converted)
}

/// A type or variant name: `UpperCamelCase`, keyword-safe.
pub fn pascal(name: &str) -> String {
    let converted = name.to_upper_camel_case();
    let converted = if converted.is_empty() { "Empty".to_owned() } else { converted };
    let converted = if starts_with_digit(&converted) { format!("V{converted}") } else { converted };
    escape_keyword(converted)
}

/// The Cargo feature name of a unified API (`instant-messaging` stays `instant-messaging`).
pub fn feature(api: &str) -> String {
    api.to_snake_case().replace('_', "-")
}

/// A crude English singular, for naming the item type of an array field (`emails` → `email`).
///
/// Only the regular plural endings are handled; schema authors name irregular cases with `model:`.
pub fn singular(name: &str) -> String {
    if let Some(stem) = name.strip_suffix("ies") {
        format!("{stem}y")
    } else if name.ends_with("sses") || name.ends_with("shes") || name.ends_with("ches") || name.ends_with("xes") {
        name[..name.len() - 2].to_owned()
    } else if name.ends_with('s') && !["ss", "us", "is"].iter().any(|end| name.ends_with(end)) {
        name[..name.len() - 1].to_owned()
    } else {
        name.to_owned()
    }
}

/// An identifier token for a name produced by [`snake`] or [`pascal`].
///
/// Raw identifiers (`r#type`) are built with `Ident::new_raw`, which `Ident::new` would reject.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// Whether `name` is a valid Rust type name as written in a schema's `model:` key.
pub fn is_type_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(first) if first.is_ascii_uppercase())
        && chars.all(|c| c.is_ascii_alphanumeric())
        && !NON_RAW_KEYWORDS.contains(&name)
}

fn starts_with_digit(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_ascii_digit())
}

fn escape_keyword(name: String) -> String {
    if NON_RAW_KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else if RAW_KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_fields() {
        assert_eq!(snake("first_name"), "first_name");
        assert_eq!(snake("fooBar"), "foo_bar");
        assert_eq!(snake("is_2fa_enabled"), "is_2fa_enabled");
        assert_eq!(snake("instant-messaging"), "instant_messaging");
    }

    #[test]
    fn keywords_become_raw_or_suffixed() {
        assert_eq!(snake("type"), "r#type");
        assert_eq!(snake("match"), "r#match");
        assert_eq!(snake("async"), "r#async");
        assert_eq!(snake("self"), "self_");
        assert_eq!(snake("super"), "super_");
        assert_eq!(snake("crate"), "crate_");
        assert_eq!(pascal("self"), "Self_");
        for keyword in RAW_KEYWORDS {
            let name = snake(keyword);
            assert!(name.starts_with("r#"), "{keyword} -> {name}");
            assert!(syn::parse_str::<syn::Ident>(&name).is_ok(), "{name} is not an identifier");
        }
        for keyword in NON_RAW_KEYWORDS {
            let name = snake(keyword);
            assert!(syn::parse_str::<syn::Ident>(&name).is_ok(), "{name} is not an identifier");
        }
    }

    #[test]
    fn digits_and_empty_names() {
        assert_eq!(snake("1st"), "_1st");
        assert_eq!(pascal("1st"), "V1st");
        assert_eq!(snake(""), "empty");
        assert_eq!(pascal(""), "Empty");
        assert_eq!(pascal("-"), "Empty");
    }

    #[test]
    fn pascal_case_types() {
        assert_eq!(pascal("in_progress"), "InProgress");
        assert_eq!(pascal("private_channel"), "PrivateChannel");
        assert_eq!(pascal("drive-items"), "DriveItems");
    }

    #[test]
    fn singular_forms() {
        assert_eq!(singular("emails"), "email");
        assert_eq!(singular("addresses"), "address");
        assert_eq!(singular("companies"), "company");
        assert_eq!(singular("status"), "status");
        assert_eq!(singular("analysis"), "analysis");
        assert_eq!(singular("class"), "class");
        assert_eq!(singular("data"), "data");
    }

    #[test]
    fn type_names() {
        assert!(is_type_name("User"));
        assert!(is_type_name("UserEmail2"));
        assert!(!is_type_name("user"));
        assert!(!is_type_name("User-Email"));
        assert!(!is_type_name("Self"));
    }

    #[test]
    fn features() {
        assert_eq!(feature("instant-messaging"), "instant-messaging");
        assert_eq!(feature("file_storage"), "file-storage");
    }
}
