//! Where each key and value of a YAML document starts, by dotted path.
//!
//! serde_yaml reports positions only for errors it finds itself; problems found later (an unknown type, an
//! unknown integration, two fields colliding after case conversion) need the line of the key that caused
//! them. This module replays the document through yaml-rust2's marked event parser and records the start of
//! every mapping key and value under its path (`fields.emails.items.type`, `methods.list.supported_in[0]`).
//! It also notices keys written twice in one mapping, which a `BTreeMap` would silently collapse.

use std::collections::{BTreeMap, BTreeSet};

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

use crate::diagnostics::Location;

/// One step of a path: a mapping key or a sequence index.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Segment {
    /// A mapping key.
    Key(String),
    /// A sequence index.
    Index(usize),
}

/// A path from the document root, printable as `fields.emails.items.type`.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct KeyPath(Vec<Segment>);

impl KeyPath {
    /// The document root.
    pub fn root() -> Self {
        Self::default()
    }

    /// This path extended by a mapping key.
    #[must_use]
    pub fn key(&self, key: &str) -> Self {
        let mut path = self.clone();
        path.0.push(Segment::Key(key.to_owned()));
        path
    }

    /// This path extended by a sequence index.
    #[must_use]
    pub fn index(&self, index: usize) -> Self {
        let mut path = self.clone();
        path.0.push(Segment::Index(index));
        path
    }

    fn parent(&self) -> Option<Self> {
        let mut path = self.clone();
        path.0.pop().map(|_| path)
    }
}

impl std::fmt::Display for KeyPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (position, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Key(key) if position == 0 => write!(f, "{key}")?,
                Segment::Key(key) => write!(f, ".{key}")?,
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// Start positions of the keys and values of one document.
#[derive(Debug, Default)]
pub struct Positions {
    keys: BTreeMap<KeyPath, Location>,
    /// Scalars and aliases.
    values: BTreeMap<KeyPath, Location>,
    /// Starts of mappings and sequences (less precise for block style: the parser marks them late).
    collections: BTreeMap<KeyPath, Location>,
    duplicate_keys: Vec<(KeyPath, Location)>,
}

impl Positions {
    /// Indexes `source`. Fails with the parser's message and position when it is not valid YAML.
    pub fn index(source: &str) -> Result<Self, (String, Location)> {
        let mut recorder = Recorder::default();
        Parser::new_from_str(source)
            .load(&mut recorder, false)
            .map_err(|error| (error.info().to_owned(), location(source, error.marker())))?;
        let Recorder { positions, .. } = recorder;
        let mut positions = positions;
        positions.fix_offsets(source);
        Ok(positions)
    }

    /// Where the value at `path` starts. A mapping or sequence is reported at the key naming it, and a path
    /// not in the file at its nearest ancestor (a missing key is reported where its mapping is named).
    pub fn value(&self, path: &KeyPath) -> Location {
        let mut current = Some(path.clone());
        while let Some(path) = current {
            let found = self.values.get(&path).or_else(|| self.keys.get(&path)).or_else(|| self.collections.get(&path));
            if let Some(location) = found {
                return *location;
            }
            current = path.parent();
        }
        Location { line: 1, column: 1, offset: 0 }
    }

    /// Where the key ending `path` starts (for names: a colliding field is reported at its name).
    pub fn key(&self, path: &KeyPath) -> Location {
        self.keys.get(path).copied().unwrap_or_else(|| self.value(path))
    }

    /// Keys written twice in one mapping, at their second occurrence.
    pub fn duplicate_keys(&self) -> &[(KeyPath, Location)] {
        &self.duplicate_keys
    }

    /// yaml-rust2 counts characters; diagnostics want byte offsets (for source excerpts).
    fn fix_offsets(&mut self, source: &str) {
        let byte_offsets: Vec<usize> = source.char_indices().map(|(offset, _)| offset).collect();
        let to_bytes = |location: &mut Location| {
            location.offset = byte_offsets.get(location.offset).copied().unwrap_or(source.len());
        };
        self.keys.values_mut().for_each(to_bytes);
        self.values.values_mut().for_each(to_bytes);
        self.collections.values_mut().for_each(to_bytes);
        self.duplicate_keys.iter_mut().for_each(|(_, location)| to_bytes(location));
    }
}

/// Turns a yaml-rust2 marker (character index, 1-based line, 0-based column) into a [`Location`].
fn location(source: &str, marker: &Marker) -> Location {
    let offset = source.char_indices().nth(marker.index()).map_or(source.len(), |(offset, _)| offset);
    Location { line: marker.line(), column: marker.col() + 1, offset }
}

/// A mapping or sequence being read.
enum Frame {
    Mapping { path: KeyPath, pending_key: Option<String>, seen: BTreeSet<String> },
    Sequence { path: KeyPath, next_index: usize },
}

#[derive(Default)]
struct Recorder {
    positions: Positions,
    stack: Vec<Frame>,
}

impl Recorder {
    /// The path of the value about to be read, recording its key when it is a mapping key instead.
    /// Returns `None` for a key (which is recorded here).
    fn next_value_path(&mut self, scalar_key: Option<&str>, mark: Location) -> Option<KeyPath> {
        match self.stack.last_mut() {
            None => Some(KeyPath::root()),
            Some(Frame::Sequence { path, next_index }) => {
                let value_path = path.index(*next_index);
                *next_index += 1;
                Some(value_path)
            }
            Some(Frame::Mapping { path, pending_key, seen }) => match pending_key.take() {
                Some(key) => Some(path.key(&key)),
                None => {
                    // A key. Complex (non-scalar) keys do not occur in schemas; they are indexed as "?".
                    let key = scalar_key.unwrap_or("?").to_owned();
                    let key_path = path.key(&key);
                    if !seen.insert(key.clone()) {
                        self.positions.duplicate_keys.push((key_path.clone(), mark));
                    }
                    self.positions.keys.entry(key_path).or_insert(mark);
                    *pending_key = Some(key);
                    None
                }
            },
        }
    }
}

impl MarkedEventReceiver for Recorder {
    fn on_event(&mut self, event: Event, marker: Marker) {
        // Offsets are fixed up to bytes once the whole document is read.
        let mark = Location { line: marker.line(), column: marker.col() + 1, offset: marker.index() };
        match event {
            Event::Scalar(value, ..) => {
                if let Some(path) = self.next_value_path(Some(&value), mark) {
                    self.positions.values.entry(path).or_insert(mark);
                }
            }
            Event::Alias(_) => {
                if let Some(path) = self.next_value_path(None, mark) {
                    self.positions.values.entry(path).or_insert(mark);
                }
            }
            Event::MappingStart(..) => {
                let path = self.next_value_path(None, mark).unwrap_or_else(|| KeyPath::root().key("?"));
                self.positions.collections.entry(path.clone()).or_insert(mark);
                self.stack.push(Frame::Mapping { path, pending_key: None, seen: BTreeSet::new() });
            }
            Event::SequenceStart(..) => {
                let path = self.next_value_path(None, mark).unwrap_or_else(|| KeyPath::root().key("?"));
                self.positions.collections.entry(path.clone()).or_insert(mark);
                self.stack.push(Frame::Sequence { path, next_index: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            Event::Nothing | Event::StreamStart | Event::StreamEnd | Event::DocumentStart | Event::DocumentEnd => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "\
resource: users
fields:
  id:
    type: string
  emails:
    type: array
    items:
      type: strnig
methods:
  list:
    supported_in: [outlook_calendar, slack]
";

    fn at(line: usize, column: usize) -> (usize, usize) {
        (line, column)
    }

    fn pos(location: Location) -> (usize, usize) {
        (location.line, location.column)
    }

    #[test]
    fn values_and_keys_by_path() {
        let positions = Positions::index(DOC).unwrap();
        let items_type = KeyPath::root().key("fields").key("emails").key("items").key("type");
        assert_eq!(items_type.to_string(), "fields.emails.items.type");
        assert_eq!(pos(positions.value(&items_type)), at(8, 13));
        assert_eq!(pos(positions.key(&items_type)), at(8, 7));
        let second = KeyPath::root().key("methods").key("list").key("supported_in").index(1);
        assert_eq!(second.to_string(), "methods.list.supported_in[1]");
        assert_eq!(pos(positions.value(&second)), at(11, 38));
    }

    #[test]
    fn missing_paths_fall_back_to_the_nearest_ancestor() {
        let positions = Positions::index(DOC).unwrap();
        let missing = KeyPath::root().key("fields").key("id").key("description");
        assert_eq!(pos(positions.value(&missing)), at(3, 3), "reported at the key `id:`");
        let emails = KeyPath::root().key("fields").key("emails");
        assert_eq!(pos(positions.value(&emails)), at(5, 3), "a mapping is reported at its key");
    }

    #[test]
    fn duplicate_keys_are_reported_at_the_second_occurrence() {
        let positions = Positions::index("a: 1\nb:\n  c: 1\n  c: 2\n").unwrap();
        let duplicates: Vec<_> =
            positions.duplicate_keys().iter().map(|(path, location)| (path.to_string(), pos(*location))).collect();
        assert_eq!(duplicates, [("b.c".to_owned(), at(4, 3))]);
    }

    #[test]
    fn offsets_are_bytes() {
        let positions = Positions::index("é: 1\nb: 2\n").unwrap();
        let b = positions.key(&KeyPath::root().key("b"));
        assert_eq!(b.offset, "é: 1\n".len());
    }

    #[test]
    fn syntax_errors_are_located() {
        let (message, location) = Positions::index("a: [1, 2\nb: 3\n").unwrap_err();
        assert!(!message.is_empty());
        assert!(location.line >= 1);
    }
}
