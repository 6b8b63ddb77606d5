//! The one place that calls serde_yaml.
//!
//! serde_yaml 0.9 is archived upstream; keeping every call here means a maintained fork replaces it by
//! editing this file alone.

use serde::de::DeserializeOwned;

use crate::diagnostics::Location;

/// A deserialization failure: the dotted path serde_yaml was at, what went wrong, and where.
#[derive(Debug)]
pub struct YamlError {
    /// Dotted path of the key being read (`fields.emails.items`); empty at the document root.
    pub path: String,
    /// serde_yaml's message without its path prefix and position suffix.
    pub message: String,
    /// Where, when serde_yaml knows.
    pub location: Option<Location>,
}

/// Deserializes one YAML document into `T`.
pub fn from_str<T: DeserializeOwned>(source: &str) -> Result<T, YamlError> {
    serde_yaml::from_str(source).map_err(|error| {
        let location = error.location().map(|location| Location {
            line: location.line(),
            column: location.column(),
            offset: location.index(),
        });
        let (path, message) = split_message(&error.to_string());
        YamlError { path, message, location }
    })
}

/// serde_yaml renders `path.to.key: message at line L column C`; the path and position are reported
/// separately by our diagnostics, so both are taken off the message.
fn split_message(rendered: &str) -> (String, String) {
    let message = match rendered.rfind(" at line ") {
        Some(at) if rendered[at..].contains(" column ") => &rendered[..at],
        _ => rendered,
    };
    // The path prefix is a run of key characters, dots and `[n]` indices, followed by ": ".
    if let Some((path, rest)) = message.split_once(": ") {
        let is_path = !path.is_empty()
            && path.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '[' | ']' | '$'));
        if is_path && path != "." {
            return (path.to_owned(), rest.to_owned());
        }
    }
    (String::new(), message.to_owned())
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
    fn unknown_keys_carry_path_and_position() {
        let error = from_str::<Outer>("inner:\n  name: x\n  nmae: y\n").unwrap_err();
        assert_eq!(error.path, "inner");
        assert!(error.message.starts_with("unknown field `nmae`"), "{}", error.message);
        let location = error.location.unwrap();
        assert_eq!((location.line, location.column), (3, 3));
    }

    #[test]
    fn root_errors_have_no_path() {
        let error = from_str::<Outer>("- 1\n").unwrap_err();
        assert_eq!(error.path, "");
        assert!(error.message.contains("expected struct Outer"), "{}", error.message);
    }
}
