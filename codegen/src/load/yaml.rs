//! The one place that calls serde_yaml.
//!
//! serde_yaml 0.9 is archived upstream; keeping every call here means a maintained fork replaces it by
//! editing this file alone.
//!
//! serde_yaml is only handed documents that [`super::positions`] has already checked for depth and alias
//! expansion, so its recursive deserializers stay well inside their own limits.

use serde::de::DeserializeOwned;

use super::located;
use crate::diagnostics::Location;
use crate::suggest;

/// A deserialization failure: the dotted path serde_yaml was at, what went wrong, and where.
#[derive(Debug)]
pub struct YamlError {
    /// Dotted path of the key being read (`fields.emails.items`); empty at the document root.
    pub path: String,
    /// What went wrong, in the schema's terms.
    pub message: String,
    /// How to fix it, when it can be told.
    pub help: Option<String>,
    /// Where, when serde_yaml knows.
    pub location: Option<Location>,
}

/// Deserializes one YAML document into `T`.
pub fn from_str<T: DeserializeOwned>(source: &str) -> Result<T, YamlError> {
    serde_yaml::from_str(source).map_err(|error| convert(source, &error))
}

/// libyaml's account of a syntax error in `source`, when it finds one: its messages ("did not find
/// expected ',' or ']' … while parsing a flow sequence at line 1 column 4") say more than yaml-rust2's.
///
/// Only the document's events are read (`IgnoredAny` follows no alias), so this is linear in the input.
pub fn syntax_error(source: &str) -> Option<YamlError> {
    let error = serde_yaml::from_str::<serde::de::IgnoredAny>(source).err()?;
    let mut converted = convert(source, &error);
    converted.location?;
    // An unclosed quote is found at the end of the file; the problem is where the quote opens.
    if converted.message.starts_with("found unexpected end of stream, while scanning a quoted scalar")
        && let Some((line, column)) = context_position(&converted.message)
    {
        converted.location = Some(located(source, line, column));
        converted.message = "this quoted string is never closed".to_owned();
        converted.help = Some("end it with the quote it starts with; the file ends inside it".to_owned());
    }
    let character = converted.location.and_then(|location| source[location.offset..].chars().next());
    converted.help = converted.help.or_else(|| {
        let message = &converted.message;
        if message.contains("did not find expected key") {
            Some("check the indentation: the keys of one mapping start in the same column".to_owned())
        } else if message.contains("mapping values are not allowed in this context") {
            Some("a value containing `: ` must be quoted: \"…\"".to_owned())
        } else if message.contains("cannot start any token") && matches!(character, Some('@' | '`')) {
            Some("a value starting with `@` or a backtick must be quoted: \"…\"".to_owned())
        } else {
            None
        }
    });
    Some(converted)
}

/// The position in libyaml's context ("…, while scanning a quoted scalar at line 3 column 14").
fn context_position(message: &str) -> Option<(usize, usize)> {
    let (_, position) = message.rsplit_once(" at line ")?;
    let (line, column) = position.split_once(" column ")?;
    Some((line.parse().ok()?, column.parse().ok()?))
}

fn convert(source: &str, error: &serde_yaml::Error) -> YamlError {
    // serde_yaml's index is not reliably a byte offset: the offset is recomputed from line and column.
    let location = error.location().map(|location| located(source, location.line(), location.column()));
    let (path, message) = split_message(&error.to_string());
    let (message, help) = explain(&message);
    YamlError { path, message, help, location }
}

/// serde_yaml renders `path.to.key: message at line L column C`; the path and position are reported
/// separately by our diagnostics, so both are taken off the message.
fn split_message(rendered: &str) -> (String, String) {
    // The first " at line L column C" is the error's own position; libyaml may add context after it
    // (", while parsing a flow sequence at line 1 column 4"), which stays.
    let position = rendered.match_indices(" at line ").find_map(|(at, _)| {
        let rest = &rendered[at + " at line ".len()..];
        let (line, rest) = rest.split_once(" column ")?;
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        (line.chars().all(|c| c.is_ascii_digit()) && digits > 0)
            .then(|| (at, at + " at line ".len() + line.len() + " column ".len() + digits))
    });
    let message = match position {
        Some((start, end)) => format!("{}{}", &rendered[..start], &rendered[end..]),
        None => rendered.to_owned(),
    };
    // The path prefix is a run of key characters, dots and `[n]` indices, followed by ": ".
    if let Some((path, rest)) = message.split_once(": ") {
        let is_path = !path.is_empty()
            && path.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '[' | ']' | '$'));
        if is_path && path != "." {
            return (path.to_owned(), rest.to_owned());
        }
    }
    (String::new(), message)
}

/// Rewrites serde's messages in the schema's words and adds help: `unknown field `nmae`, expected one of …`
/// becomes `unknown key `nmae`` with "did you mean `name`?".
fn explain(message: &str) -> (String, Option<String>) {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (key, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        // truto.yaml's keys before the runtime took over Truto's own parameters.
        if candidates == ["apis"] && ["base_url", "parameters"].contains(&key) {
            let help = "Truto's base URL and its own query parameters are built into the runtime now (see \
                        CHANGELOG.md): delete `base_url` and `parameters` from truto.yaml";
            return (format!("unknown key \"{key}\""), Some(help.to_owned()));
        }
        let help = suggest::did_you_mean(key, candidates.iter().copied()).or_else(|| {
            (!candidates.is_empty()).then(|| format!("the keys allowed here are: {}", candidates.join(", ")))
        });
        return (format!("unknown key \"{key}\""), help);
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let key = rest.trim_end_matches('`');
        return (format!("missing key \"{key}\""), None);
    }
    if message.starts_with("invalid type") && message.ends_with("expected a boolean") {
        return (message.to_owned(), Some("write `true` or `false`".to_owned()));
    }
    let mut message = message.to_owned();
    for (serde, schema) in [
        ("struct ApiFile", "the mapping of truto.yaml (apis)"),
        ("struct IntegrationsFile", "the mapping of integrations.yaml (integrations)"),
        ("struct CommonFile", "the mapping of common.yaml (types)"),
        ("struct ResourceFile", "a resource's mapping (resource, model, description, methods, fields)"),
        ("struct ApiInfo", "an API's mapping (name, description)"),
        ("struct Method", "a method's mapping (`{}` when it has no settings)"),
        ("struct RequestField", "a request field note's mapping (description, supported_in, required_in)"),
        ("struct Field", "a field's mapping (`{ type: string }`)"),
        ("a map", "a mapping"),
        ("unit value", "nothing (null)"),
    ] {
        message = message.replace(serde, schema);
    }
    let help = message
        .contains("expected a string")
        .then(|| "quote the value if it is meant as text: \"…\"".to_owned())
        .filter(|_| !message.contains("invalid type: map") && !message.contains("invalid type: sequence"));
    (message, help)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)] // read only through Debug in the assertions
    struct Outer {
        inner: Inner,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        name: String,
    }

    #[test]
    fn unknown_keys_carry_path_position_and_a_suggestion() {
        let error = from_str::<Outer>("inner:\n  name: x\n  nmae: y\n").unwrap_err();
        assert_eq!(error.path, "inner");
        assert_eq!(error.message, "unknown key \"nmae\"");
        assert_eq!(error.help.as_deref(), Some("did you mean \"name\"?"));
        let location = error.location.unwrap();
        assert_eq!((location.line, location.column, location.offset), (3, 3, 19));
    }

    #[test]
    fn root_errors_have_no_path() {
        let error = from_str::<Outer>("- 1\n").unwrap_err();
        assert_eq!(error.path, "");
        assert!(error.message.contains("expected struct Outer"), "{}", error.message);
    }

    #[test]
    fn syntax_errors_keep_libyaml_context() {
        let error = syntax_error("a: [1, 2\nb: 3\n").unwrap();
        assert_eq!(error.message, "did not find expected ',' or ']', while parsing a flow sequence at line 1 column 4");
        assert_eq!(error.location.map(|location| location.line), Some(2));
        assert!(syntax_error("a: [1, 2]\n").is_none());
    }
}
