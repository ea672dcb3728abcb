//! Reading rule files and descriptions from disk, and rendering their
//! diagnostics with miette.

use std::path::{Path, PathBuf};

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme};
use toets_engine::{Description, RuleSet};
use toets_syntax::SourceFile;

use crate::Failure;

/// Renders one diagnostic (and its related ones) for stderr.
pub(crate) fn render(diagnostic: &dyn Diagnostic) -> String {
    let color = anstream::AutoStream::choice(&std::io::stderr()) != anstream::ColorChoice::Never;
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_links(false);
    let mut out = String::new();
    if handler.render_report(&mut out, diagnostic).is_err() {
        out = format!("error: {diagnostic}\n");
    }
    out
}

fn render_all<'a>(items: impl Iterator<Item = &'a dyn Diagnostic>) -> String {
    items.map(render).collect::<Vec<_>>().join("\n")
}

/// Reads a file as UTF-8 text, or says precisely why not.
pub(crate) fn read_text(path: &Path) -> Result<String, Failure> {
    let bytes = std::fs::read(path)
        .map_err(|e| Failure(format!("error: cannot read `{}`: {e}\n", path.display())))?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let before = e.as_bytes().get(..valid).unwrap_or_default();
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        let col = before.iter().rev().take_while(|b| **b != b'\n').count() + 1;
        Failure(format!(
            "error: `{}` is not UTF-8 text: invalid byte at line {line}, column {col} (byte {valid})\n  help: save the file as UTF-8; binary files cannot be read\n",
            path.display()
        ))
    })
}

/// The `.toets` files under a path (itself if it is a file), sorted.
fn rule_files(path: &Path, out: &mut Vec<PathBuf>) -> Result<(), Failure> {
    if path.is_dir() {
        let entries = std::fs::read_dir(path).map_err(|e| {
            Failure(format!(
                "error: cannot read directory `{}`: {e}\n",
                path.display()
            ))
        })?;
        let mut found: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "toets"))
            .collect();
        found.sort();
        out.extend(found);
        Ok(())
    } else if path.exists() {
        out.push(path.to_path_buf());
        Ok(())
    } else {
        Err(Failure(format!(
            "error: `{}` does not exist\n",
            path.display()
        )))
    }
}

/// The `.toets` files under the given paths, or an error if there are none.
pub(crate) fn rule_paths(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Failure> {
    let mut files = Vec::new();
    for p in paths {
        rule_files(p, &mut files)?;
    }
    if files.is_empty() {
        return Err(Failure(format!(
            "error: no `.toets` files in {}\n",
            paths
                .iter()
                .map(|p| format!("`{}`", p.display()))
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    Ok(files)
}

/// The rule set from the given paths, or the built-in rules when none are given.
pub(crate) fn rules(paths: &[PathBuf]) -> Result<RuleSet, Failure> {
    let sources: Vec<SourceFile> = if paths.is_empty() {
        toets_rules::BUILTIN
            .iter()
            .map(|(name, text)| SourceFile::new(*name, *text))
            .collect()
    } else {
        let files = rule_paths(paths)?;
        let mut sources = Vec::with_capacity(files.len());
        for f in &files {
            sources.push(SourceFile::new(f.display().to_string(), read_text(f)?));
        }
        sources
    };
    RuleSet::compile(sources).map_err(|e| {
        let mut text = render_all(e.0.iter().map(|d| d as &dyn Diagnostic));
        text.push_str(&format!("\n{e}\n"));
        Failure(text)
    })
}

/// Loads a description file for `rules`.
pub(crate) fn description(rules: &RuleSet, path: &Path) -> Result<Description, Failure> {
    let text = read_text(path)?;
    rules
        .load_description(&path.display().to_string(), &text)
        .map_err(|e| {
            let mut text = render_all(e.0.iter().map(|d| d as &dyn Diagnostic));
            text.push_str(&format!("\n{e}\n"));
            Failure(text)
        })
}

/// The message for `toets explain` of a norm that does not exist: the near
/// matches (close in spelling, or containing what was typed), best first.
pub(crate) fn unknown_norm(rules: &RuleSet, id: &str) -> String {
    const MAX: usize = 5;
    let needle = id.to_lowercase();
    let mut near: Vec<(f64, &str)> = rules
        .norms()
        .iter()
        .map(|n| {
            let score = strsim::jaro_winkler(id, &n.id);
            // A norm whose id contains what was typed is a near match too.
            let contains = needle.len() >= 3 && n.id.to_lowercase().contains(&needle);
            (if contains { score.max(0.8) } else { score }, n.id.as_str())
        })
        .filter(|(s, _)| *s >= 0.8)
        .collect();
    near.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    let mut msg = format!("error: there is no norm `{id}`\n");
    match near.as_slice() {
        [] => msg.push_str("  help: `toets norms` lists every norm\n"),
        [(_, one)] => msg.push_str(&format!("  help: did you mean `{one}`?\n")),
        [(_, first), rest @ ..] => {
            msg.push_str(&format!("  help: did you mean `{first}`?\n"));
            let more: Vec<String> = rest
                .iter()
                .take(MAX - 1)
                .map(|(_, s)| format!("`{s}`"))
                .collect();
            msg.push_str(&format!("  help: near matches: {}\n", more.join(", ")));
        }
    }
    msg
}
