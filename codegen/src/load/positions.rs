//! Where each key and value of a YAML document starts, by dotted path; and the structural limits every
//! schema file must respect before serde sees it.
//!
//! serde_yaml reports positions only for errors it finds itself; problems found later (an unknown type, an
//! unknown integration, two fields colliding after case conversion) need the line of the key that caused
//! them. This module replays the document through yaml-rust2's marked event parser and records the start of
//! every mapping key and value under its path (`fields.emails.items.type`, `methods.list.supported_in[0]`).
//! It also notices keys written twice in one mapping, which a `BTreeMap` would silently collapse.
//!
//! The replay is also the loader's guard against hostile input, because it is linear and never recursive:
//! - nesting deeper than [`MAX_DEPTH`] (counting what aliases expand to) is refused, so neither serde's
//!   recursive deserializers nor the generator's recursive lowering can overflow the stack;
//! - aliases may add at most [`MAX_ALIAS_NODES`] nodes to the document once expanded, so a "billion laughs"
//!   document is refused before serde_yaml expands it;
//! - a file holds one document.
//!
//! Paths are stored as a tree (each node holds one path segment), so the index stays linear in the size of
//! the file however deep its keys are.

use std::collections::{BTreeMap, HashMap};

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::Marker;

use crate::diagnostics::Location;

/// How deeply mappings and sequences may nest (a field of an object of an object … is two levels each).
/// The repository's schemas use 7; serde_yaml gives up at 128.
pub const MAX_DEPTH: usize = 64;

/// How many nodes aliases (`*name`) may add to a document once expanded.
pub const MAX_ALIAS_NODES: u64 = 100_000;

/// One step of a path: a mapping key or a sequence index.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Segment {
    /// A mapping key.
    Key(String),
    /// A sequence index.
    Index(usize),
}

/// A path from the document root, printable as `fields.emails.items.type`.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
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

    /// The path one level up (`None` at the root).
    pub fn parent(&self) -> Option<Self> {
        let mut path = self.clone();
        path.0.pop().map(|_| path)
    }

    /// The segments from the root.
    pub fn segments(&self) -> &[Segment] {
        &self.0
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

/// Why a document could not be indexed: a YAML syntax error or a structural limit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndexError {
    /// What is wrong.
    pub message: String,
    /// Where.
    pub location: Location,
    /// The path of the key being read, when known (`fields.a.fields.b`).
    pub path: String,
    /// How to fix it.
    pub help: Option<String>,
    /// Whether this is a YAML syntax error (rather than a limit of the generator).
    pub syntax: bool,
}

/// Start positions of the keys and values of one document.
#[derive(Debug)]
pub struct Positions {
    /// `nodes[0]` is the document root.
    nodes: Vec<Node>,
    duplicate_keys: Vec<(KeyPath, Location)>,
}

#[derive(Debug, Default)]
struct Node {
    /// The parent node and the segment leading here (`None` for the root).
    parent: Option<(usize, Segment)>,
    children: BTreeMap<Segment, usize>,
    /// Where the key naming this node is.
    key: Option<Location>,
    /// Where this node's value starts, when it is a scalar or an alias.
    value: Option<Location>,
    /// Where this node's value starts, when it is a mapping or a sequence (less precise for block style:
    /// the parser marks them late).
    collection: Option<Location>,
}

impl Default for Positions {
    fn default() -> Self {
        Self { nodes: vec![Node::default()], duplicate_keys: Vec::new() }
    }
}

impl Positions {
    /// Indexes `source`. Fails with a located message when it is not valid YAML, holds more than one
    /// document, nests deeper than [`MAX_DEPTH`] or expands aliases beyond [`MAX_ALIAS_NODES`].
    pub fn index(source: &str) -> Result<Self, IndexError> {
        let mut recorder = Recorder::new(source);
        let mut parser = Parser::new_from_str(source);
        loop {
            let (event, marker) = parser.next_token().map_err(|error| {
                let location = recorder.location(error.marker());
                // yaml-rust2's scanner has its own nesting limit (256 open brackets ahead of the parser).
                if error.info().contains("recursion limit") {
                    return recorder.too_deep(location, false);
                }
                IndexError {
                    message: error.info().to_owned(),
                    location,
                    path: recorder.current_path(),
                    help: None,
                    syntax: true,
                }
            })?;
            if event == Event::StreamEnd {
                break;
            }
            recorder.on_event(event, &marker)?;
        }
        Ok(recorder.positions)
    }

    /// Where the value at `path` starts. A mapping or sequence is reported at the key naming it, and a path
    /// not in the file at its nearest ancestor (a missing key is reported where its mapping is named).
    pub fn value(&self, path: &KeyPath) -> Location {
        let node = &self.nodes[self.deepest(path)];
        node.value.or(node.key).or(node.collection).unwrap_or(Location { line: 1, column: 1, offset: 0 })
    }

    /// Where the key ending `path` starts (for names: a colliding field is reported at its name).
    pub fn key(&self, path: &KeyPath) -> Location {
        let id = self.deepest(path);
        match self.nodes[id].key {
            Some(location) if self.depth_of(path) == Some(id) => location,
            _ => self.value(path),
        }
    }

    /// Whether the file has something at exactly `path`.
    pub fn contains(&self, path: &KeyPath) -> bool {
        self.depth_of(path).is_some()
    }

    /// Whether the document has no content at all (only comments, or nothing).
    pub fn is_empty(&self) -> bool {
        let root = &self.nodes[0];
        root.children.is_empty() && root.value.is_none() && root.collection.is_none()
    }

    /// Keys written twice in one mapping, at their second occurrence.
    pub fn duplicate_keys(&self) -> &[(KeyPath, Location)] {
        &self.duplicate_keys
    }

    /// The node at `path`, or its deepest ancestor in the file.
    fn deepest(&self, path: &KeyPath) -> usize {
        let mut id = 0;
        for segment in &path.0 {
            match self.nodes[id].children.get(segment) {
                Some(&child) => id = child,
                None => break,
            }
        }
        id
    }

    /// The node at exactly `path`, when the file has it.
    fn depth_of(&self, path: &KeyPath) -> Option<usize> {
        path.0.iter().try_fold(0, |id, segment| self.nodes[id].children.get(segment).copied())
    }

    fn child(&mut self, parent: usize, segment: Segment) -> (usize, bool) {
        if let Some(&id) = self.nodes[parent].children.get(&segment) {
            return (id, false);
        }
        let id = self.nodes.len();
        self.nodes.push(Node { parent: Some((parent, segment.clone())), ..Node::default() });
        self.nodes[parent].children.insert(segment, id);
        (id, true)
    }

    /// A node under `parent` that paths do not reach (the value of a duplicate key).
    fn detached(&mut self, parent: usize, segment: Segment) -> usize {
        self.nodes.push(Node { parent: Some((parent, segment)), ..Node::default() });
        self.nodes.len() - 1
    }

    fn path_of(&self, mut id: usize) -> KeyPath {
        let mut path = Vec::new();
        while let Some((parent, segment)) = &self.nodes[id].parent {
            path.push(segment.clone());
            id = *parent;
        }
        path.reverse();
        KeyPath(path)
    }
}

/// A mapping or sequence being read.
struct Frame {
    node: usize,
    kind: FrameKind,
    /// The anchor id of the collection (0 for none).
    anchor: usize,
    /// Nodes in the collection once aliases are expanded, itself included.
    size: u64,
    /// Nesting levels below the collection once aliases are expanded (0 when it holds only scalars).
    height: usize,
}

enum FrameKind {
    /// `pending_key`: the node of the key whose value comes next.
    Mapping {
        pending_key: Option<usize>,
    },
    Sequence {
        next_index: usize,
    },
}

struct Recorder<'a> {
    source: &'a str,
    ascii: bool,
    /// A character index and its byte offset, to convert yaml-rust2's character indices in one pass.
    cursor: (usize, usize),
    positions: Positions,
    stack: Vec<Frame>,
    /// Expanded size and height of each anchored node, by anchor id.
    anchors: HashMap<usize, (u64, usize)>,
    /// Nodes added by aliases so far.
    alias_nodes: u64,
    documents: usize,
}

/// Where a node about to be read goes.
enum Slot {
    /// A mapping key (recorded by `next_slot`).
    Key,
    /// A value at this node.
    Value(usize),
}

impl<'a> Recorder<'a> {
    fn new(source: &'a str) -> Self {
        Self {
            source,
            ascii: source.is_ascii(),
            cursor: (0, 0),
            positions: Positions::default(),
            stack: Vec::new(),
            anchors: HashMap::new(),
            alias_nodes: 0,
            documents: 0,
        }
    }

    /// Turns a yaml-rust2 marker (character index, 1-based line, 0-based column) into a [`Location`] with a
    /// byte offset.
    fn location(&mut self, marker: &Marker) -> Location {
        Location { line: marker.line(), column: marker.col() + 1, offset: self.byte_offset(marker.index()) }
    }

    fn byte_offset(&mut self, chars: usize) -> usize {
        if self.ascii {
            return chars.min(self.source.len());
        }
        if chars < self.cursor.0 {
            self.cursor = (0, 0);
        }
        let (mut index, mut offset) = self.cursor;
        for character in self.source[offset..].chars() {
            if index == chars {
                break;
            }
            index += 1;
            offset += character.len_utf8();
        }
        self.cursor = (index, offset);
        offset
    }

    /// The path of the innermost collection being read, for messages.
    fn current_path(&self) -> String {
        self.stack.last().map(|frame| self.positions.path_of(frame.node).to_string()).unwrap_or_default()
    }

    /// Where the next node goes; a scalar key (`scalar_key`) is recorded here.
    fn next_slot(&mut self, scalar_key: Option<&str>, mark: Location) -> Slot {
        let Some(frame) = self.stack.last_mut() else { return Slot::Value(0) };
        let parent = frame.node;
        match &mut frame.kind {
            FrameKind::Sequence { next_index } => {
                let index = *next_index;
                *next_index += 1;
                Slot::Value(self.positions.child(parent, Segment::Index(index)).0)
            }
            FrameKind::Mapping { pending_key } => match pending_key.take() {
                Some(key) => Slot::Value(key),
                None => {
                    // A key. Complex (non-scalar) keys do not occur in schemas; they are indexed as "?".
                    let key = scalar_key.unwrap_or("?").to_owned();
                    let (mut id, new) = self.positions.child(parent, Segment::Key(key.clone()));
                    if !new {
                        self.positions.duplicate_keys.push((self.positions.path_of(id), mark));
                        // The second value is indexed apart, so keys inside it are not duplicates of the first's.
                        id = self.positions.detached(parent, Segment::Key(key));
                    }
                    self.positions.nodes[id].key = Some(mark);
                    if let Some(Frame { kind: FrameKind::Mapping { pending_key }, .. }) = self.stack.last_mut() {
                        *pending_key = Some(id);
                    }
                    Slot::Key
                }
            },
        }
    }

    /// Accounts for a finished node of `size` expanded nodes and `height` levels in its parent.
    fn finish_node(&mut self, size: u64, height: usize) {
        if let Some(parent) = self.stack.last_mut() {
            parent.size = parent.size.saturating_add(size);
            parent.height = parent.height.max(height + 1);
        }
    }

    fn too_deep(&self, location: Location, through_alias: bool) -> IndexError {
        let message = if through_alias {
            format!("an alias here nests the document more than {MAX_DEPTH} levels deep once expanded")
        } else {
            format!("nested more than {MAX_DEPTH} levels deep")
        };
        IndexError {
            message,
            location,
            path: self.current_path(),
            help: Some("flatten the schema: give deep objects a `model:` name in common.yaml and `$ref` them".into()),
            syntax: false,
        }
    }

    fn on_event(&mut self, event: Event, marker: &Marker) -> Result<(), IndexError> {
        let mark = self.location(marker);
        match event {
            Event::DocumentStart => self.on_document_start(mark),
            Event::Scalar(value, _, anchor, _) => {
                self.on_scalar(&value, anchor, mark);
                Ok(())
            }
            Event::Alias(anchor) => self.on_alias(anchor, mark),
            Event::MappingStart(anchor, _) => self.on_collection_start(anchor, true, mark),
            Event::SequenceStart(anchor, _) => self.on_collection_start(anchor, false, mark),
            Event::MappingEnd | Event::SequenceEnd => {
                self.on_collection_end();
                Ok(())
            }
            Event::Nothing | Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => Ok(()),
        }
    }

    /// A schema file holds one document.
    fn on_document_start(&mut self, mark: Location) -> Result<(), IndexError> {
        self.documents += 1;
        if self.documents > 1 {
            return Err(IndexError {
                message: "a schema file holds one YAML document, this is a second one".to_owned(),
                location: mark,
                path: String::new(),
                help: Some("remove the `---` separator and merge the documents, or split the file".into()),
                syntax: false,
            });
        }
        Ok(())
    }

    fn on_scalar(&mut self, value: &str, anchor: usize, mark: Location) {
        if let Slot::Value(id) = self.next_slot(Some(value), mark) {
            self.positions.nodes[id].value.get_or_insert(mark);
        }
        if anchor != 0 {
            self.anchors.insert(anchor, (1, 0));
        }
        self.finish_node(1, 0);
    }

    /// An alias counts as the nodes it stands for, against the depth and expansion limits.
    fn on_alias(&mut self, anchor: usize, mark: Location) -> Result<(), IndexError> {
        if let Slot::Value(id) = self.next_slot(None, mark) {
            self.positions.nodes[id].value.get_or_insert(mark);
        }
        let (size, height) = self.anchors.get(&anchor).copied().unwrap_or((1, 0));
        if self.stack.len() + height > MAX_DEPTH {
            return Err(self.too_deep(mark, true));
        }
        self.alias_nodes = self.alias_nodes.saturating_add(size);
        if self.alias_nodes > MAX_ALIAS_NODES {
            return Err(IndexError {
                message: format!(
                    "aliases expand this document by more than {MAX_ALIAS_NODES} nodes (a \"billion laughs\" document?)"
                ),
                location: mark,
                path: self.current_path(),
                help: Some("write the repeated parts out, or share them through common.yaml and `$ref`".into()),
                syntax: false,
            });
        }
        self.finish_node(size, height);
        Ok(())
    }

    fn on_collection_start(&mut self, anchor: usize, mapping: bool, mark: Location) -> Result<(), IndexError> {
        let node = match self.next_slot(None, mark) {
            Slot::Value(id) => id,
            Slot::Key => {
                let parent = self.stack.last().map_or(0, |frame| frame.node);
                self.positions.child(parent, Segment::Key("?".to_owned())).0
            }
        };
        if self.stack.len() >= MAX_DEPTH {
            // Reported at the key naming the collection, where there is one (block collections are marked
            // where their first entry starts).
            let location = self.positions.nodes[node].key.unwrap_or(mark);
            return Err(self.too_deep(location, false));
        }
        self.positions.nodes[node].collection.get_or_insert(mark);
        let kind =
            if mapping { FrameKind::Mapping { pending_key: None } } else { FrameKind::Sequence { next_index: 0 } };
        self.stack.push(Frame { node, kind, anchor, size: 1, height: 0 });
        Ok(())
    }

    fn on_collection_end(&mut self) {
        if let Some(frame) = self.stack.pop() {
            let height = frame.height.max(1);
            if frame.anchor != 0 {
                self.anchors.insert(frame.anchor, (frame.size, height));
            }
            self.finish_node(frame.size, height);
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
        assert_eq!(pos(positions.key(&missing)), at(3, 3), "a missing key too");
        let emails = KeyPath::root().key("fields").key("emails");
        assert_eq!(pos(positions.value(&emails)), at(5, 3), "a mapping is reported at its key");
    }

    #[test]
    fn duplicate_keys_are_reported_at_the_second_occurrence() {
        let positions = Positions::index("a: 1\nb:\n  c: 1\n  c: 2\n").unwrap();
        let duplicates: Vec<_> =
            positions.duplicate_keys().iter().map(|(path, location)| (path.to_string(), pos(*location))).collect();
        assert_eq!(duplicates, [("b.c".to_owned(), at(4, 3))]);
        let positions = Positions::index("a:\n  x: 1\n  y: 2\na:\n  x: 3\n").unwrap();
        let duplicates: Vec<_> = positions.duplicate_keys().iter().map(|(path, _)| path.to_string()).collect();
        assert_eq!(duplicates, ["a"], "keys inside the second `a` are not duplicates");
        assert_eq!(pos(positions.key(&KeyPath::root().key("a").key("x"))), at(2, 3), "paths lead to the first");
    }

    #[test]
    fn offsets_are_bytes() {
        let source = "é: 1\nb: [ü, x]\n";
        let positions = Positions::index(source).unwrap();
        let b = positions.key(&KeyPath::root().key("b"));
        assert_eq!(b.offset, "é: 1\n".len());
        let x = positions.value(&KeyPath::root().key("b").index(1));
        assert_eq!(&source[x.offset..x.offset + 1], "x");
    }

    #[test]
    fn syntax_errors_are_located() {
        let error = Positions::index("a: [1, 2\nb: 3\n").unwrap_err();
        assert!(!error.message.is_empty());
        assert!(error.syntax);
        assert_eq!(error.location.line, 2);
    }

    #[test]
    fn deep_nesting_is_refused_at_the_limit() {
        let error = Positions::index(&"[".repeat(200)).unwrap_err();
        assert!(!error.syntax);
        assert_eq!(error.message, format!("nested more than {MAX_DEPTH} levels deep"));
        assert_eq!(pos(error.location), at(1, MAX_DEPTH + 1));
        // Deeper than yaml-rust2's scanner looks ahead: its own limit (256) answers first, reworded.
        let error = Positions::index(&"[".repeat(100_000)).unwrap_err();
        assert_eq!((error.message.as_str(), error.syntax), ("nested more than 64 levels deep", false));
        let block: String = (0..200).map(|level| format!("{}k:\n", "  ".repeat(level))).collect();
        let error = Positions::index(&block).unwrap_err();
        assert_eq!(pos(error.location), at(MAX_DEPTH, 2 * MAX_DEPTH - 1), "at the key naming the mapping too deep");
        let nested_ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(Positions::index(&nested_ok).is_ok());
    }

    #[test]
    fn aliases_count_towards_depth_and_size() {
        let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 1..10 {
            bomb.push_str(&format!("a{level}: &a{level} [{}]\n", vec![format!("*a{}", level - 1); 10].join(", ")));
        }
        let error = Positions::index(&bomb).unwrap_err();
        assert!(error.message.contains("billion laughs"), "{}", error.message);
        assert_eq!(error.location.line, 5, "refused as soon as the expansion passes the limit");

        let nested = format!("a: &a {}{}\nb: [[[[*a]]]]\n", "[".repeat(MAX_DEPTH - 2), "]".repeat(MAX_DEPTH - 2));
        let error = Positions::index(&nested).unwrap_err();
        assert!(error.message.contains("alias"), "{}", error.message);

        let shared = "base: &base {type: string}\na: *base\nb: *base\n";
        assert!(Positions::index(shared).is_ok(), "ordinary aliases are fine");
    }

    #[test]
    fn one_document_per_file() {
        let error = Positions::index("a: 1\n---\nb: 2\n").unwrap_err();
        assert_eq!(pos(error.location), at(2, 1));
        assert!(Positions::index("---\na: 1\n...\n").is_ok());
    }
}
