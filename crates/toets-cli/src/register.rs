//! `toets check --from-register`: a description from an Algoritmeregister
//! entry, and a note of what the entry gave.

use std::fmt::Write as _;
use std::path::Path;

use toets_engine::{Description, RuleSet};

use crate::{Failure, input};

/// The description mapped from entry `entry` (1-based) of the register file
/// at `path`, and the text that says which fields gave which facts.
pub(crate) fn description(
    rules: &RuleSet,
    path: &Path,
    entry: Option<usize>,
) -> Result<(Description, String), Failure> {
    let name = path.display().to_string();
    let text = input::read_text(path, input::Kind::Register)?;
    let mappings = toets_register::from_register_all(&text)
        .map_err(|e| Failure(format!("{}in `{name}`\n", input::render(&e))))?;
    let names: Vec<String> = mappings
        .iter()
        .map(|m| {
            m.description
                .pointer("/system/name")
                .and_then(serde_json::Value::as_str)
                .unwrap_or("(no name)")
                .to_owned()
        })
        .collect();
    let index = match (entry, mappings.len()) {
        (None, 1) => 0,
        (None, count) => {
            let mut message = format!(
                "error: `{name}` holds {count} entries; choose one with --entry\n  help: the entries are:\n"
            );
            for (i, n) in names.iter().enumerate() {
                let _ = writeln!(message, "    --entry {}  {n}", i + 1);
            }
            return Err(Failure(message));
        }
        (Some(n), count) if n == 0 || n > count => {
            return Err(Failure(format!(
                "error: `{name}` has no entry {n}; it holds {count} (give 1 to {count})\n"
            )));
        }
        (Some(n), _) => n - 1,
    };
    let Some(mapping) = mappings.get(index) else {
        return Err(Failure(format!("error: `{name}` has no entry {index}\n")));
    };
    let source_name = format!("{name} (entry {}, as a description)", index + 1);
    let description = rules
        .load_description(&source_name, &mapping.description_text())
        .map_err(|e| {
            Failure(format!(
                "error: the description made from `{name}` does not fit the rules: {e}\n  help: the rules may lack a fact the register mapping uses; use the built-in rules\n"
            ))
        })?;
    let entry_name = names.get(index).map_or("", String::as_str);
    let mut notes = format!("From the Algoritmeregister entry `{entry_name}` ({name}):\n");
    let mut any = false;
    for note in &mapping.notes {
        if let (Some(fact), Some(value)) = (note.fact, &note.value) {
            any = true;
            let fuzzy = if note.fuzzy { " (approximate)" } else { "" };
            let _ = writeln!(notes, "  {fact} = {value}{fuzzy}  from {}", note.field);
        }
    }
    if !any {
        notes.push_str("  no fact could be taken from its structured fields\n");
    }
    notes.push_str(
        "Everything else is unknown: the open questions below must still be answered.\n\n",
    );
    Ok((description, notes))
}
