//! Turning schema names (JSON keys, enum values, path segments) into Rust identifiers.
//!
//! Every identifier the emitters print comes from here, so the rules live in one place:
//! - fields and methods are `snake_case`, types and variants `UpperCamelCase` (via heck);
//! - Rust keywords become raw identifiers (`r#type`), except the four that cannot be raw
//!   (`self`, `Self`, `super`, `crate`) and `_`, which get a trailing underscore;
//! - a name starting with a digit gets a leading `_` (fields) or `V` (types, variants);
//! - identifiers are ASCII: other letters are dropped (`café` → `caf`), since rustc lints non-ASCII names
//!   and not every Unicode letter or digit may start or continue an identifier;
//! - a name with no identifier characters at all (`""`, `-`, `日本`) becomes `empty`/`Empty`.
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
    let converted = ascii(&name.to_snake_case(), '_');
    let converted = if converted.is_empty() { "empty".to_owned() } else { converted };
    let converted = if starts_with_digit(&converted) { format!("_{converted}") } else { converted };
    escape_keyword(converted)
}

/// A type or variant name: `UpperCamelCase`, keyword-safe.
pub fn pascal(name: &str) -> String {
    let converted = ascii(&name.to_upper_camel_case(), '_');
    let converted = converted.replace('_', "");
    let converted = if converted.is_empty() { "Empty".to_owned() } else { converted };
    let converted = if starts_with_digit(&converted) { format!("V{converted}") } else { converted };
    escape_keyword(converted)
}

/// A name part in `UpperCamelCase` for composing type names (`RecordNested` + `Self`): converted like
/// [`pascal`] but not escaped, since only the whole name has to be an identifier.
pub fn pascal_part(name: &str) -> String {
    let converted = ascii(&name.to_upper_camel_case(), '_').replace('_', "");
    if converted.is_empty() { "Empty".to_owned() } else { converted }
}

/// The derived name of a type nested in `parent` under `field` (`UserEmail`); a root type (no parent) is
/// the field's name alone, escaped.
pub fn nested_type(parent: &str, field: &str) -> String {
    if parent.is_empty() { pascal(field) } else { format!("{parent}{}", pascal_part(field)) }
}

/// The file a module named `module` (as produced by [`snake`]) lives in: `type.rs` for `r#type`.
pub fn file_name(module: &str) -> String {
    format!("{}.rs", module.trim_start_matches("r#"))
}

/// `name` with every non-ASCII character turned into `separator`, runs of `_` collapsed and `_` trimmed
/// from both ends.
fn ascii(name: &str, separator: char) -> String {
    let mut out = String::with_capacity(name.len());
    for character in name.chars() {
        let character = if character.is_ascii_alphanumeric() { character } else { separator };
        if character == '_' && (out.is_empty() || out.ends_with('_')) {
            continue;
        }
        out.push(character);
    }
    out.truncate(out.trim_end_matches('_').len());
    out
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
    fn identifiers_are_ascii() {
        assert_eq!(snake("café_au_lait"), "caf_au_lait");
        assert_eq!(pascal("café au lait"), "CafAuLait");
        assert_eq!(snake("日本語"), "empty");
        assert_eq!(snake("x²"), "x");
        assert_eq!(snake("١abc"), "abc", "a non-ASCII digit cannot start an identifier");
        assert_eq!(pascal("١"), "Empty");
        assert_eq!(snake("__a__b__"), "a_b");
        for name in ["ǅungla", "Ⅻ", "½", "\u{301}a", "a\u{200d}b", "🙂", "ß", "İstanbul", "ﬁle"] {
            assert!(syn::parse_str::<syn::Ident>(&snake(name)).is_ok(), "{name:?} -> {}", snake(name));
            assert!(syn::parse_str::<syn::Ident>(&pascal(name)).is_ok(), "{name:?} -> {}", pascal(name));
        }
    }

    #[test]
    fn nested_type_names_escape_only_the_whole_name() {
        assert_eq!(nested_type("RecordNested", "self"), "RecordNestedSelf");
        assert_eq!(nested_type("Record", "1st"), "Record1st");
        assert_eq!(nested_type("", "self"), "Self_");
        assert_eq!(nested_type("", "1st"), "V1st");
        assert_eq!(nested_type("User", ""), "UserEmpty");
    }

    #[test]
    fn modules_live_in_files_without_the_raw_prefix() {
        assert_eq!(file_name(&snake("type")), "type.rs");
        assert_eq!(file_name(&snake("users")), "users.rs");
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
