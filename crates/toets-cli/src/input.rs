//! Reading rule files and descriptions from disk, and rendering their
//! diagnostics with miette.

use std::path::{Path, PathBuf};

use miette::Diagnostic;
use toets_engine::{Description, DescriptionErrors, RuleSet};
use toets_syntax::SourceFile;

use crate::Failure;

pub(crate) use crate::render::render;

/// How many diagnostics of one input are drawn in full; the rest are
/// counted. A file with thousands of the same mistake gets a readable
/// answer in bounded time, and the count (printed after) says how many there
/// are in all.
pub(crate) const SHOWN_ERRORS: usize = 50;

fn render_all<'a>(items: impl ExactSizeIterator<Item = &'a dyn Diagnostic>) -> String {
    let total = items.len();
    let mut text = items
        .take(SHOWN_ERRORS)
        .map(render)
        .collect::<Vec<_>>()
        .join("\n");
    if total > SHOWN_ERRORS {
        text.push_str(&format!(
            "\n… and {} more not shown (only the first {SHOWN_ERRORS} are drawn)\n",
            total - SHOWN_ERRORS
        ));
    }
    text
}

/// How much `toets` reads of one input, in bytes.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Kind {
    /// A rule file.
    Rules,
    /// A system description.
    Description,
    /// An Algoritmeregister file.
    Register,
}

impl Kind {
    fn limit(self) -> usize {
        match self {
            Kind::Rules => toets_syntax::Limits::default().max_file_bytes,
            Kind::Description => toets_engine::MAX_DESCRIPTION_BYTES,
            Kind::Register => toets_register::MAX_REGISTER_BYTES,
        }
    }

    fn what(self) -> &'static str {
        match self {
            Kind::Rules => "a rule file",
            Kind::Description => "a description",
            Kind::Register => "a register file",
        }
    }
}

/// Why a path cannot be read, in words; `cannot read` says what the system
/// said for the rest.
fn open_error(path: &Path, e: &std::io::Error) -> Failure {
    let shown = path.display();
    Failure(match e.kind() {
        std::io::ErrorKind::NotFound => format!("error: `{shown}` does not exist\n"),
        std::io::ErrorKind::PermissionDenied => {
            format!("error: cannot read `{shown}`: permission denied\n")
        }
        _ if cfg!(target_os = "linux") && e.raw_os_error() == Some(ELOOP) => format!(
            "error: cannot read `{shown}`: a loop of symbolic links\n  help: the link points back at itself, directly or through other links\n"
        ),
        _ => format!("error: cannot read `{shown}`: {e}\n"),
    })
}

/// `ELOOP` ("too many levels of symbolic links") on Linux; elsewhere the
/// value differs and the system's own words are shown (`std` has no stable
/// name for it yet).
const ELOOP: i32 = 40;

/// Opens a regular file for reading, or says precisely why not. FIFOs,
/// devices and sockets are refused before they are opened (opening a FIFO
/// blocks; `/dev/zero` never ends).
pub(crate) fn open_regular(path: &Path, kind: Kind) -> Result<std::fs::File, Failure> {
    let meta = std::fs::metadata(path).map_err(|e| open_error(path, &e))?;
    if meta.is_dir() {
        return Err(Failure(format!(
            "error: `{}` is a directory, not {}
",
            path.display(),
            kind.what()
        )));
    }
    if !meta.is_file() {
        return Err(Failure(format!(
            "error: `{}` is not a regular file (a FIFO, device or socket), so it is not read
  help: save the input to a file first, or give `-` to read standard input
",
            path.display()
        )));
    }
    std::fs::File::open(path).map_err(|e| open_error(path, &e))
}

/// Reads a regular file as UTF-8 text, at most `kind`'s limit, or says
/// precisely why not. FIFOs, devices and sockets are refused before they are
/// opened (opening a FIFO blocks; `/dev/zero` never ends).
pub(crate) fn read_text(path: &Path, kind: Kind) -> Result<String, Failure> {
    let file = open_regular(path, kind)?;
    let bytes = read_bounded(file, kind).map_err(|e| match e {
        Bounded::Io(e) => Failure(format!("error: cannot read `{}`: {e}\n", path.display())),
        Bounded::TooLarge => too_large(&path.display().to_string(), kind),
    })?;
    utf8(bytes, &path.display().to_string())
}

/// Reads standard input as UTF-8 text, at most `kind`'s limit.
pub(crate) fn read_stdin(kind: Kind) -> Result<String, Failure> {
    let bytes = read_bounded(std::io::stdin().lock(), kind).map_err(|e| match e {
        Bounded::Io(e) => Failure(format!("error: cannot read standard input: {e}\n")),
        Bounded::TooLarge => too_large("<stdin>", kind),
    })?;
    utf8(bytes, "<stdin>")
}

enum Bounded {
    Io(std::io::Error),
    TooLarge,
}

/// Reads at most the limit and one byte more, to tell "exactly the limit"
/// from "more".
fn read_bounded(reader: impl std::io::Read, kind: Kind) -> Result<Vec<u8>, Bounded> {
    use std::io::Read as _;
    let limit = kind.limit();
    let mut bytes = Vec::new();
    reader
        .take(u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(Bounded::Io)?;
    if bytes.len() > limit {
        Err(Bounded::TooLarge)
    } else {
        Ok(bytes)
    }
}

fn too_large(name: &str, kind: Kind) -> Failure {
    let limit = kind.limit();
    Failure(format!(
        "error: `{name}` is more than the limit of {limit} bytes ({} MiB) for {}; it was not read to the end\n  help: {}\n",
        limit / (1024 * 1024),
        kind.what(),
        match kind {
            Kind::Rules => "split the rules over several files; each file is checked on its own",
            Kind::Description => "describe one system per file; large data belongs elsewhere",
            Kind::Register => "export fewer entries per file",
        }
    ))
}

fn utf8(bytes: Vec<u8>, name: &str) -> Result<String, Failure> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let before = e.as_bytes().get(..valid).unwrap_or_default();
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        let col = before.iter().rev().take_while(|b| **b != b'\n').count() + 1;
        Failure(format!(
            "error: `{name}` is not UTF-8 text: invalid byte at line {line}, column {col} (byte {valid})\n  help: save the file as UTF-8; binary files cannot be read\n"
        ))
    })
}

/// The `.toets` files under a path (itself if it is a file), sorted.
fn rule_files(path: &Path, out: &mut Vec<PathBuf>) -> Result<(), Failure> {
    let meta = std::fs::metadata(path).map_err(|e| open_error(path, &e))?;
    if meta.is_dir() {
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
    } else {
        out.push(path.to_path_buf());
    }
    Ok(())
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
///
/// The built-in rules are loaded compiled, as embedded when toets was built.
/// Other rule files are compiled once and kept in a cache by the hash of
/// their names and texts (see [`crate::cache`]), so checking many descriptions
/// against the same files does not parse them again.
pub(crate) fn rules(paths: &[PathBuf]) -> Result<RuleSet, Failure> {
    if paths.is_empty() {
        if let Ok(rules) = RuleSet::from_artefact(toets_rules::COMPILED) {
            return Ok(rules);
        }
        // Only if the rules did not compile when toets was built: compile the
        // text, so that its errors are shown.
        return compile(
            toets_rules::BUILTIN
                .iter()
                .map(|(name, text)| SourceFile::new(*name, *text))
                .collect(),
        );
    }
    let sources = rule_sources(paths)?;
    let cache = crate::cache::Cache::from_env();
    let key = RuleSet::hash_sources(&sources);
    if let Some(rules) = cache.as_ref().and_then(|c| c.load(&key)) {
        return Ok(rules);
    }
    let rules = compile(sources)?;
    if let Some(c) = &cache {
        c.store(&key, &rules);
    }
    Ok(rules)
}

/// The texts of the rule files under `paths`, or of the built-in rules if
/// there are none, unchecked.
pub(crate) fn rule_sources(paths: &[PathBuf]) -> Result<Vec<SourceFile>, Failure> {
    if paths.is_empty() {
        return Ok(toets_rules::BUILTIN
            .iter()
            .map(|(name, text)| SourceFile::new(*name, *text))
            .collect());
    }
    let files = rule_paths(paths)?;
    let mut sources = Vec::with_capacity(files.len());
    for f in &files {
        sources.push(SourceFile::new(
            f.display().to_string(),
            read_text(f, Kind::Rules)?,
        ));
    }
    Ok(sources)
}

/// Renders diagnostics of rule files, and the line that sums them up.
pub(crate) fn render_diagnostics<'a>(
    items: impl ExactSizeIterator<Item = &'a dyn Diagnostic>,
    summary: &str,
) -> Failure {
    let mut text = render_all(items);
    text.push_str(&format!("\n{summary}\n"));
    Failure(text)
}

fn compile(sources: Vec<SourceFile>) -> Result<RuleSet, Failure> {
    RuleSet::compile(sources).map_err(|e| {
        let mut text = render_all(e.0.iter().map(|d| d as &dyn Diagnostic));
        text.push_str(&format!("\n{e}\n"));
        Failure(text)
    })
}

/// Loads a description file for `rules`.
pub(crate) fn description(rules: &RuleSet, path: &Path) -> Result<Description, Failure> {
    let (name, text) = if path.as_os_str() == "-" {
        ("<stdin>".to_owned(), read_stdin(Kind::Description)?)
    } else {
        (
            path.display().to_string(),
            read_text(path, Kind::Description)?,
        )
    };
    rules
        .load_description(&name, &text)
        .map_err(|e| Failure(render_errors(&e)))
}

/// The diagnostics of a description that did not load, drawn for stderr.
pub(crate) fn render_errors(e: &DescriptionErrors) -> String {
    let mut text = render_all(e.0.iter().map(|d| d as &dyn Diagnostic));
    text.push_str(&format!("\n{e}\n"));
    text
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
