//! Document symbols (laws, facts, concepts, findings, norms, tests) from a
//! file's syntax tree, and workspace symbols over every rule file.

use lsp_types::{DocumentSymbol, Location, OneOf, SymbolKind, WorkspaceSymbol};
use toets_syntax::ast::{self, Item};

use crate::convert::LineIndex;
use crate::workspace::{File, Workspace};

/// One declaration: its name, kind, detail, whole span and name span.
struct Declared<'a> {
    name: &'a str,
    kind: SymbolKind,
    detail: Option<&'a str>,
    span: toets_syntax::Span,
    name_span: toets_syntax::Span,
}

fn declared(item: &Item) -> Declared<'_> {
    let span = item.span();
    match item {
        Item::Law(d) => Declared {
            name: &d.id.text,
            kind: SymbolKind::NAMESPACE,
            detail: Some(&d.title.en.value),
            span,
            name_span: d.id.span,
        },
        Item::Fact(d) => Declared {
            name: &d.id.text,
            kind: SymbolKind::FIELD,
            detail: d.ask.as_ref().map(|a| a.en.value.as_str()),
            span,
            name_span: d.id.span,
        },
        Item::Concept(d) => Declared {
            name: &d.id.text,
            kind: SymbolKind::FUNCTION,
            detail: d.labels.as_ref().map(|l| l.en.value.as_str()),
            span,
            name_span: d.id.span,
        },
        Item::Finding(d) => Declared {
            name: &d.id.text,
            kind: SymbolKind::EVENT,
            detail: Some(&d.labels.en.value),
            span,
            name_span: d.id.span,
        },
        Item::Norm(d) => Declared {
            name: &d.id.text,
            kind: SymbolKind::STRUCT,
            detail: Some(&d.labels.en.value),
            span,
            name_span: d.id.span,
        },
        Item::Test(d) => Declared {
            name: &d.name.value,
            kind: SymbolKind::METHOD,
            detail: Some("test"),
            span,
            name_span: d.name.span,
        },
    }
}

/// The tree of a file with the line index of its text (the tree may be of
/// an older text that parsed).
fn tree(file: &File) -> Option<(&ast::File, LineIndex)> {
    let tree = file.tree.as_ref()?;
    let index = if file.stale {
        LineIndex::new(&tree.source)
    } else {
        file.index.clone()
    };
    Some((tree, index))
}

/// The declarations of a file, in order.
pub(crate) fn document(file: &File) -> Vec<DocumentSymbol> {
    let Some((tree, index)) = tree(file) else {
        return Vec::new();
    };
    tree.items
        .iter()
        .map(|item| {
            let d = declared(item);
            #[expect(deprecated, reason = "the field is deprecated but has to be given")]
            DocumentSymbol {
                name: d.name.to_owned(),
                detail: d.detail.map(str::to_owned),
                kind: d.kind,
                tags: None,
                deprecated: None,
                range: index.range(d.span),
                selection_range: index.range(d.name_span),
                children: None,
            }
        })
        .collect()
}

/// The declarations of every rule file that is not built in whose name
/// contains `query` (ignoring case), by file.
pub(crate) fn workspace(ws: &Workspace, query: &str) -> Vec<WorkspaceSymbol> {
    let query = query.to_lowercase();
    let mut out = Vec::new();
    for set in ws.sets.values() {
        for file in set.files.values().filter(|f| !f.builtin) {
            let Some((tree, index)) = tree(file) else {
                continue;
            };
            for item in &tree.items {
                let d = declared(item);
                if !d.name.to_lowercase().contains(&query) {
                    continue;
                }
                out.push(WorkspaceSymbol {
                    name: d.name.to_owned(),
                    kind: d.kind,
                    tags: None,
                    container_name: None,
                    location: OneOf::Left(Location::new(
                        file.uri.clone(),
                        index.range(d.name_span),
                    )),
                    data: None,
                });
            }
        }
    }
    out
}
