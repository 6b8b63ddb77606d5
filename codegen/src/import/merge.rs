//! Merging an import into a schema folder that already has the file: what Truto defines follows the
//! environment, what people wrote stays.
//!
//! Three versions of a resource file take part, compared key path by key path:
//! - *theirs*: what the import makes of Truto's JSON now;
//! - *ours*: the file in the folder, perhaps edited by hand;
//! - *base*: what the previous import made (kept in `.truto/imported/`), which tells a hand edit (ours differs
//!   from base) from a change in Truto (theirs differs from base). Without it, every difference in a
//!   hand-written key counts as a hand edit.
//!
//! The rules:
//! - **Truto's facts** (every key not listed below: `type`, `values`, `items`, `fields`, `required`,
//!   `supported_in`, `required_in`, `methods`, …) are theirs.
//! - **Hand-written facts** — `description`, `example`, `inferred` and `model` — are ours when ours differs
//!   from base (a hand edit, or a removal), else theirs.
//! - **Keys only ours has** are kept when base did not have them either (a field, method, note, `read_only`
//!   or `example` someone added), unless they shape a type Truto now defines (`type`, `$ref`, `items`,
//!   `fields`, `values`); keys base had and theirs no longer has are gone from Truto, and dropped.
//! - **Comments** are not in the tree: [`super::comments`] ties each to its key, and they are written back
//!   next to the same key, or at the end of the file when the key is gone.
//!
//! The folder's `truto.yaml` and `integrations.yaml` are the user's: [`additive`] only adds what is missing.

use serde_yaml::{Mapping, Value as Yaml};

use super::yaml::{Comments, key_text};

/// Keys whose values people write, which a re-import keeps when edited.
const HAND_WRITTEN: [&str; 4] = ["description", "example", "inferred", "model"];

/// Keys that shape a type: never kept from the folder next to Truto's definition of the type.
const STRUCTURAL: [&str; 5] = ["type", "$ref", "items", "fields", "values"];

/// What a merge kept from the folder and what it overrode, as key paths (`fields.name.description`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Hand-written values and added keys kept.
    pub kept: Vec<String>,
    /// Hand edits of Truto's facts that Truto's values replaced, or of keys Truto no longer has.
    pub overridden: Vec<String>,
}

/// Merges `theirs` into `ours` (the folder's tree), given `base` (the previous import's tree).
pub fn merge(base: Option<&Yaml>, ours: &Yaml, theirs: &Yaml, report: &mut MergeReport) -> Yaml {
    merge_node(&mut Vec::new(), base, Some(ours), theirs, report)
}

fn merge_node(
    path: &mut Vec<String>,
    base: Option<&Yaml>,
    ours: Option<&Yaml>,
    theirs: &Yaml,
    report: &mut MergeReport,
) -> Yaml {
    match (ours, theirs) {
        (Some(Yaml::Mapping(ours)), Yaml::Mapping(theirs)) => {
            let base = base.and_then(Yaml::as_mapping);
            Yaml::Mapping(merge_mapping(path, base, ours, theirs, report))
        }
        (Some(ours), theirs) if ours != theirs && base != Some(ours) => {
            report.overridden.push(path.join("."));
            theirs.clone()
        }
        _ => theirs.clone(),
    }
}

fn merge_mapping(
    path: &mut Vec<String>,
    base: Option<&Mapping>,
    ours: &Mapping,
    theirs: &Mapping,
    report: &mut MergeReport,
) -> Mapping {
    let mut merged = Mapping::new();
    for (key, their_value) in theirs {
        let name = key_text(key);
        let (base_value, our_value) = (base.and_then(|base| base.get(key)), ours.get(key));
        path.push(name.clone());
        if HAND_WRITTEN.contains(&name.as_str()) && !their_value.is_mapping() {
            match (base_value, our_value) {
                (Some(_), None) => report.kept.push(format!("{} (removed by hand)", path.join("."))),
                (_, Some(our_value)) if Some(our_value) != base_value => {
                    if our_value != their_value {
                        report.kept.push(path.join("."));
                    }
                    merged.insert(key.clone(), our_value.clone());
                }
                _ => {
                    merged.insert(key.clone(), their_value.clone());
                }
            }
        } else {
            merged.insert(key.clone(), merge_node(path, base_value, our_value, their_value, report));
        }
        path.pop();
    }
    for (key, our_value) in ours.iter().filter(|(key, _)| !theirs.contains_key(*key)) {
        let name = key_text(key);
        let dotted = if path.is_empty() { name.clone() } else { format!("{}.{name}", path.join(".")) };
        match base.and_then(|base| base.get(key)) {
            None if STRUCTURAL.contains(&name.as_str()) && !theirs.is_empty() => report.overridden.push(dotted),
            None => {
                report.kept.push(dotted);
                merged.insert(key.clone(), our_value.clone());
            }
            Some(base_value) if base_value != our_value => report.overridden.push(dotted),
            Some(_) => {}
        }
    }
    merged
}

/// `ours` with every key of `theirs` it lacks added, recursively: the folder's values always win.
pub fn additive(ours: &Yaml, theirs: &Yaml) -> Yaml {
    match (ours, theirs) {
        (Yaml::Mapping(ours), Yaml::Mapping(theirs)) => {
            let mut merged = ours.clone();
            for (key, their_value) in theirs {
                let value = match ours.get(key) {
                    Some(our_value) => additive(our_value, their_value),
                    None => their_value.clone(),
                };
                merged.insert(key.clone(), value);
            }
            Yaml::Mapping(merged)
        }
        (ours, _) => ours.clone(),
    }
}

/// The comments of the folder's file that still have a key to go with in `merged`; the others are moved to
/// the end of the file, saying which key they were written at.
pub fn place_comments(comments: Comments, merged: &Yaml) -> Comments {
    let mut placed = Comments::default();
    for (path, lines) in comments.above {
        if has_path(merged, &path) {
            placed.above.insert(path, lines);
        } else {
            placed.end.push(format!("# (written above `{}`, which the import no longer has:)", path.join(".")));
            placed.end.extend(lines);
        }
    }
    for (path, comment) in comments.trailing {
        if has_path(merged, &path) {
            placed.trailing.insert(path, comment);
        } else {
            placed.end.push(format!("# (written after `{}`, which the import no longer has:)", path.join(".")));
            placed.end.push(comment);
        }
    }
    placed.end.extend(comments.end);
    placed
}

/// Whether `value` has a key at `path`.
fn has_path(value: &Yaml, path: &[String]) -> bool {
    let mut node = value;
    for segment in path {
        let Some(mapping) = node.as_mapping() else { return false };
        match mapping.iter().find(|(key, _)| key_text(key) == *segment) {
            Some((_, child)) => node = child,
            None => return false,
        }
    }
    !path.is_empty()
}

/// The key paths that differ between `before` (the folder's file) and `after`: `+` added, `-` removed, `~`
/// changed; a changed mapping is described by its keys.
pub fn differences(before: &Yaml, after: &Yaml) -> Vec<String> {
    let mut found = Vec::new();
    differences_at(&mut Vec::new(), before, after, &mut found);
    found
}

fn differences_at(path: &mut Vec<String>, before: &Yaml, after: &Yaml, found: &mut Vec<String>) {
    match (before, after) {
        (Yaml::Mapping(before), Yaml::Mapping(after)) => {
            for (key, after_value) in after {
                path.push(key_text(key));
                match before.get(key) {
                    Some(before_value) => differences_at(path, before_value, after_value, found),
                    None => found.push(format!("+{}", path.join("."))),
                }
                path.pop();
            }
            for key in before.keys().filter(|key| !after.contains_key(*key)) {
                path.push(key_text(key));
                found.push(format!("-{}", path.join(".")));
                path.pop();
            }
        }
        (before, after) if before != after => found.push(format!("~{}", path.join("."))),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(text: &str) -> Yaml {
        serde_yaml::from_str(text).unwrap()
    }

    #[test]
    fn truto_facts_follow_the_environment_and_hand_edits_stay() {
        let base =
            yaml("fields:\n  a: {type: string, description: Old}\n  b: {type: string}\n  gone: {type: string}\n");
        let ours = yaml(
            "fields:\n  a: {type: integer, description: Mine}\n  b: {type: string, description: Added, example: x}\n  \
             gone: {type: string}\n  mine: {type: any}\n",
        );
        let theirs =
            yaml("fields:\n  a: {type: string, description: New}\n  b: {type: boolean}\n  c: {type: string}\n");
        let mut report = MergeReport::default();
        let merged = merge(Some(&base), &ours, &theirs, &mut report);
        assert_eq!(
            merged,
            yaml(
                "fields:\n  a: {type: string, description: Mine}\n  b: {type: boolean, description: Added, example: x}\n  \
                 c: {type: string}\n  mine: {type: any}\n"
            )
        );
        assert_eq!(report.kept, ["fields.a.description", "fields.b.description", "fields.b.example", "fields.mine"]);
        assert_eq!(report.overridden, ["fields.a.type"]);
    }

    #[test]
    fn an_unedited_description_follows_truto_and_a_removed_one_stays_removed() {
        let base = yaml("a: {type: string, description: Old}\nb: {type: string, description: Old}\n");
        let ours = yaml("a: {type: string, description: Old}\nb: {type: string}\n");
        let theirs = yaml("a: {type: string, description: New}\nb: {type: string, description: New}\n");
        let merged = merge(Some(&base), &ours, &theirs, &mut MergeReport::default());
        assert_eq!(merged, yaml("a: {type: string, description: New}\nb: {type: string}\n"));
    }

    #[test]
    fn without_a_base_hand_written_values_win_but_types_follow_truto() {
        let ours = yaml("a: {type: array, items: {type: string}, description: Mine, read_only: true}\n");
        let theirs = yaml("a: {type: string, description: Truto's}\n");
        let mut report = MergeReport::default();
        let merged = merge(None, &ours, &theirs, &mut report);
        assert_eq!(merged, yaml("a: {type: string, description: Mine, read_only: true}\n"));
        assert_eq!(report.overridden, ["a.type", "a.items"]);
    }

    #[test]
    fn additive_only_adds() {
        let merged = additive(
            &yaml("apis: {crm: {name: Mine}}\nbase_url: x\n"),
            &yaml("apis: {crm: {name: CRM, description: d}, hris: {name: HRIS}}\n"),
        );
        assert_eq!(merged, yaml("apis: {crm: {name: Mine, description: d}, hris: {name: HRIS}}\nbase_url: x\n"));
    }

    #[test]
    fn differences_name_key_paths() {
        let found = differences(&yaml("a: {b: 1, c: 2}\nd: 1\n"), &yaml("a: {b: 1, c: 3, e: 1}\n"));
        assert_eq!(found, ["~a.c", "+a.e", "-d"]);
    }
}
