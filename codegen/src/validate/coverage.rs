//! Checking `supported_in` / `required_in` / `partial_in` against the integrations catalog.

use std::collections::BTreeMap;

use crate::diagnostics::Diagnostics;
use crate::ir::{Coverage, Integration};
use crate::load::Source;
use crate::load::positions::KeyPath;
use crate::load::raw;

use crate::suggest;

/// The integrations declared in `integrations.yaml`, used to resolve slugs.
pub struct Catalog<'a> {
    integrations: &'a BTreeMap<String, Integration>,
}

impl<'a> Catalog<'a> {
    /// Wraps the catalog.
    pub fn new(integrations: &'a BTreeMap<String, Integration>) -> Self {
        Self { integrations }
    }

    /// Resolves a coverage list; unknown slugs and duplicates are reported at their list entry.
    pub fn resolve<T>(
        &self,
        raw: Option<&raw::Coverage>,
        source: &Source<T>,
        path: &KeyPath,
        diagnostics: &mut Diagnostics,
    ) -> Coverage {
        match raw {
            None | Some(raw::Coverage::Some(false)) => Coverage::Unknown,
            Some(raw::Coverage::Some(true)) => Coverage::Unnamed,
            Some(raw::Coverage::Count(count)) => Coverage::Count(*count),
            Some(raw::Coverage::Named(slugs)) => Coverage::Named(self.named(slugs, source, path, diagnostics)),
            Some(raw::Coverage::Partial { count, named }) => {
                let named = self.named(named, source, &path.key("named"), diagnostics);
                if (*count as usize) < named.len() {
                    diagnostics.push(
                        source
                            .error_at(
                                &path.key("count"),
                                format!("a count of {count} integrations, yet {} are named", named.len()),
                            )
                            .with_help("`count` is how many integrations the docs count, `named` the ones they name"),
                    );
                }
                Coverage::Partial { count: *count, named }
            }
        }
    }

    /// The integrations of a list of slugs (at `path`), sorted by display name.
    fn named<T>(
        &self,
        slugs: &[String],
        source: &Source<T>,
        path: &KeyPath,
        diagnostics: &mut Diagnostics,
    ) -> Vec<Integration> {
        let mut resolved: Vec<Integration> = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for (index, slug) in slugs.iter().enumerate() {
            let entry = path.index(index);
            match self.integrations.get(slug) {
                Some(_) if !seen.insert(slug.as_str()) => {
                    diagnostics.push(source.error_at(&entry, format!("integration \"{slug}\" is listed twice")));
                }
                Some(integration) => resolved.push(integration.clone()),
                None => {
                    let mut diagnostic = source.error_at(&entry, format!("unknown integration \"{slug}\""));
                    diagnostic.help = suggest::did_you_mean(slug, self.integrations.keys().map(String::as_str))
                        .or_else(|| Some("integrations are declared in integrations.yaml".to_owned()));
                    diagnostics.push(diagnostic);
                }
            }
        }
        resolved.sort_by(|a, b| (&a.name, &a.slug).cmp(&(&b.name, &b.slug)));
        resolved
    }
}
