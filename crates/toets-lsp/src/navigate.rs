//! Go to definition, find references and rename, all read from the
//! checker's references table.

use std::collections::HashMap;

use lsp_types::{Location, TextEdit, Uri, WorkspaceEdit};

use crate::completion::KEYWORDS;
use crate::workspace::{File, FileSet};

/// Where the name at `offset` is declared.
pub(crate) fn definition(set: &FileSet, file: &File, offset: usize) -> Option<Location> {
    let r = set.reference_at(file.source.name(), offset)?;
    let decl = set
        .references_of(r.target)
        .into_iter()
        .find(|r| r.declaration)?;
    set.location(decl)
}

/// Every use of the name at `offset`, with its declaration if asked for.
pub(crate) fn references(
    set: &FileSet,
    file: &File,
    offset: usize,
    declaration: bool,
) -> Vec<Location> {
    let Some(r) = set.reference_at(file.source.name(), offset) else {
        return Vec::new();
    };
    set.references_of(r.target)
        .into_iter()
        .filter(|r| declaration || !r.declaration)
        .filter_map(|r| set.location(r))
        .collect()
}

/// Why a rename was refused.
#[derive(Debug, thiserror::Error)]
pub(crate) enum RenameError {
    /// Nothing to rename at the position.
    #[error("there is no fact, concept, norm or finding here to rename")]
    Nothing,
    /// The new name is not a valid name.
    #[error(transparent)]
    BadName(BadName),
}

/// A new name that the grammar does not accept.
#[derive(Debug, thiserror::Error)]
#[error(
    "`{name}` is not a valid name: use lowercase letters, digits and `_`, parts joined by `.`, no keyword"
)]
pub(crate) struct BadName {
    name: String,
}

/// The edits that rename the name at `offset` everywhere in its rule set,
/// tests included.
pub(crate) fn rename(
    set: &FileSet,
    file: &File,
    offset: usize,
    new_name: &str,
) -> Result<WorkspaceEdit, RenameError> {
    if !valid_name(new_name) {
        return Err(RenameError::BadName(BadName {
            name: new_name.to_owned(),
        }));
    }
    let r = set
        .reference_at(file.source.name(), offset)
        .ok_or(RenameError::Nothing)?;
    #[expect(
        clippy::mutable_key_type,
        reason = "a Uri hashes and compares by its text, which never changes"
    )]
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for location in set
        .references_of(r.target)
        .into_iter()
        .filter_map(|r| set.location(r))
    {
        changes
            .entry(location.uri)
            .or_default()
            .push(TextEdit::new(location.range, new_name.to_owned()));
    }
    Ok(WorkspaceEdit {
        changes: Some(changes),
        ..WorkspaceEdit::default()
    })
}

/// A name as the grammar's `path` reads it: lowercase parts of letters,
/// digits and `_`, each starting with a letter, none a keyword.
fn valid_name(name: &str) -> bool {
    name.split('.').all(|part| {
        part.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && part
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            && !KEYWORDS.contains(&part)
    })
}
