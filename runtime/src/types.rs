//! Date and date-time values, kept exactly as the server sent them and parsed on demand.
//!
//! Integrations send timestamps in many shapes (with or without fractions, offsets, even bare dates). A
//! model that failed to decode over one odd timestamp would lose the whole page, so the text is kept and
//! [`DateTime::parse`] is there when a typed value is wanted.

use std::fmt;

use serde::{Deserialize, Serialize};

/// An ISO 8601 date and time, as sent by the server (`2024-05-01T10:00:00.000Z`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DateTime(String);

impl DateTime {
    /// The text as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The text as sent, owned.
    pub fn into_string(self) -> String {
        self.0
    }

    /// Parses the text as RFC 3339 / ISO 8601, with its offset.
    pub fn parse(&self) -> Result<chrono::DateTime<chrono::FixedOffset>, chrono::ParseError> {
        chrono::DateTime::parse_from_rfc3339(self.0.trim())
    }

    /// Parses the text and converts it to UTC.
    pub fn to_utc(&self) -> Result<chrono::DateTime<chrono::Utc>, chrono::ParseError> {
        self.parse().map(|parsed| parsed.with_timezone(&chrono::Utc))
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for DateTime {
    fn from(text: String) -> Self {
        Self(text)
    }
}

impl From<&str> for DateTime {
    fn from(text: &str) -> Self {
        Self(text.to_owned())
    }
}

impl<Tz: chrono::TimeZone> From<chrono::DateTime<Tz>> for DateTime
where
    Tz::Offset: fmt::Display,
{
    /// RFC 3339 with `Z` for UTC, as Truto's filters expect.
    fn from(value: chrono::DateTime<Tz>) -> Self {
        Self(value.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
    }
}

/// An ISO 8601 calendar date, as sent by the server (`2024-05-01`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Date(String);

impl Date {
    /// The text as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The text as sent, owned.
    pub fn into_string(self) -> String {
        self.0
    }

    /// Parses the text as `YYYY-MM-DD`.
    pub fn parse(&self) -> Result<chrono::NaiveDate, chrono::ParseError> {
        chrono::NaiveDate::parse_from_str(self.0.trim(), "%Y-%m-%d")
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for Date {
    fn from(text: String) -> Self {
        Self(text)
    }
}

impl From<&str> for Date {
    fn from(text: &str) -> Self {
        Self(text.to_owned())
    }
}

impl From<chrono::NaiveDate> for Date {
    fn from(value: chrono::NaiveDate) -> Self {
        Self(value.format("%Y-%m-%d").to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_verbatim_and_parsed_on_demand() {
        let odd: DateTime = serde_json::from_str("\"last tuesday\"").unwrap();
        assert_eq!(odd.as_str(), "last tuesday");
        assert!(odd.parse().is_err());
        assert_eq!(serde_json::to_string(&odd).unwrap(), "\"last tuesday\"");

        let exact: DateTime = "2024-05-01T10:00:00.000+02:00".into();
        assert_eq!(exact.to_utc().unwrap().to_rfc3339(), "2024-05-01T08:00:00+00:00");
        assert_eq!(serde_json::to_string(&exact).unwrap(), "\"2024-05-01T10:00:00.000+02:00\"");
    }

    #[test]
    fn from_chrono_values() {
        let utc = chrono::DateTime::parse_from_rfc3339("2024-01-02T03:04:05Z").unwrap().with_timezone(&chrono::Utc);
        assert_eq!(DateTime::from(utc).as_str(), "2024-01-02T03:04:05Z");
        let day = chrono::NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        assert_eq!(Date::from(day).as_str(), "2024-02-29");
        assert_eq!(Date::from("2024-02-29").parse().unwrap(), day);
    }
}
