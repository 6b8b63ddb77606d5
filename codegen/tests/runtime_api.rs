//! `truto_codegen::runtime_api` lists what the runtime speaks, so that validation can reserve those names.
//! These tests read the runtime's source (`runtime/src`) and prove the lists are exactly the runtime's: a
//! method added to a request trait or to `Account`, or a Truto parameter the runtime starts sending, fails
//! here until the generator knows it.

#[path = "support/tree.rs"]
mod tree;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use proc_macro2::{TokenStream, TokenTree};
use truto_codegen::runtime_api;

fn runtime_src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime/src")
}

/// Every `.rs` file of the runtime, parsed.
fn runtime_files() -> Vec<(PathBuf, syn::File)> {
    let files: Vec<(PathBuf, syn::File)> = tree::files(&runtime_src())
        .into_iter()
        .filter(|(relative, _)| relative.ends_with(".rs"))
        .map(|(_, path)| {
            let text = std::fs::read_to_string(&path).unwrap();
            let file = syn::parse_file(&text).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
            (path, file)
        })
        .collect();
    assert!(files.len() > 10, "the runtime's source is at {}", runtime_src().display());
    files
}

/// The methods of the runtime's trait `name`.
fn trait_methods(files: &[(PathBuf, syn::File)], name: &str) -> BTreeSet<String> {
    let found: Vec<BTreeSet<String>> = files
        .iter()
        .flat_map(|(_, file)| &file.items)
        .filter_map(|item| match item {
            syn::Item::Trait(definition) if definition.ident == name => Some(
                definition
                    .items
                    .iter()
                    .filter_map(|item| match item {
                        syn::TraitItem::Fn(method) => Some(method.sig.ident.to_string()),
                        _ => None,
                    })
                    .collect(),
            ),
            _ => None,
        })
        .collect();
    assert_eq!(found.len(), 1, "the runtime defines trait {name} once");
    found.into_iter().next().unwrap_or_default()
}

/// The public methods of every inherent `impl Account` of the runtime.
fn account_methods(files: &[(PathBuf, syn::File)]) -> BTreeSet<String> {
    let mut methods = BTreeSet::new();
    for item in files.iter().flat_map(|(_, file)| &file.items) {
        let syn::Item::Impl(block) = item else { continue };
        let syn::Type::Path(ty) = &*block.self_ty else { continue };
        if block.trait_.is_some() || !ty.path.is_ident("Account") {
            continue;
        }
        for item in &block.items {
            if let syn::ImplItem::Fn(method) = item
                && matches!(method.vis, syn::Visibility::Public(_))
            {
                methods.insert(method.sig.ident.to_string());
            }
        }
    }
    methods
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|name| (*name).to_owned()).collect()
}

#[test]
fn the_request_trait_lists_are_the_runtimes_traits() {
    let files = runtime_files();
    assert_eq!(trait_methods(&files, "TrutoRequest"), set(&runtime_api::TRUTO_REQUEST_METHODS));
    assert_eq!(trait_methods(&files, "ListRequest"), set(&runtime_api::LIST_REQUEST_METHODS));
    for name in ["RecordRequest", "DeleteRequest", "CustomRequest"] {
        assert_eq!(trait_methods(&files, name), set(&runtime_api::SEND_METHODS), "trait {name}");
    }
    assert_eq!(trait_methods(&files, "WriteRequest"), set(&runtime_api::WRITE_REQUEST_METHODS));
}

#[test]
fn the_account_list_is_the_runtimes_account() {
    assert_eq!(account_methods(&runtime_files()), set(&runtime_api::ACCOUNT_METHODS));
}

/// String literals in `tokens`: those given first to a call of `set_query`/`set_query_entry`, and the values
/// of `const …_PARAM: &str = "…"`.
fn sent_parameters(tokens: TokenStream, found: &mut BTreeSet<String>) {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    for (index, token) in tokens.iter().enumerate() {
        match token {
            TokenTree::Group(group) => {
                if let (Some(TokenTree::Ident(call)), Some(TokenTree::Literal(first))) =
                    (index.checked_sub(1).map(|before| &tokens[before]), group.stream().into_iter().next())
                    && (call == "set_query" || call == "set_query_entry")
                    && let Some(name) = string_literal(&first)
                {
                    found.insert(name);
                }
                sent_parameters(group.stream(), found);
            }
            TokenTree::Ident(name) if name.to_string().ends_with("_PARAM") => {
                if let Some(TokenTree::Literal(value)) = tokens[index..]
                    .iter()
                    .take(8)
                    .find(|token| matches!(token, TokenTree::Literal(literal) if string_literal(literal).is_some()))
                {
                    found.extend(string_literal(value));
                }
            }
            _ => {}
        }
    }
}

fn string_literal(literal: &proc_macro2::Literal) -> Option<String> {
    let text = literal.to_string();
    text.strip_prefix('"')?.strip_suffix('"').map(str::to_owned)
}

#[test]
fn the_truto_parameters_are_the_ones_the_runtime_sends() {
    let mut sent = BTreeSet::new();
    for (path, _) in runtime_files() {
        let text = std::fs::read_to_string(&path).unwrap();
        // Unit tests set parameters of their own (`limit` twice, …); only shipped code counts.
        let shipped = text.split("#[cfg(test)]").next().unwrap_or_default();
        sent_parameters(TokenStream::from_str(shipped).unwrap(), &mut sent);
    }
    assert_eq!(sent, set(&runtime_api::TRUTO_PARAMETERS));
}
