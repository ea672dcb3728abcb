//! Writing interview answers into a YAML description, keeping every line of
//! the original: its comments, layout and facts stay as they were, and the
//! answers go in one block at the end of `facts:` (a `system:` block where
//! the file has none). A line that only said a fact is unknown (`key: null`)
//! gives way to the answer.
//!
//! Every write is checked first: the new text must load and give the
//! answers back, or nothing is written. The file is then replaced
//! atomically (a temporary file in the same folder, renamed over it), so
//! Ctrl-C or a crash leaves either the old file or the new one.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use toets_engine::verdict::SystemInfo;
use toets_engine::{RuleSet, Value};

use crate::Failure;

/// A description file being filled in.
#[derive(Debug)]
pub(crate) struct Document {
    path: PathBuf,
    /// The original lines (empty for a new file).
    lines: Vec<String>,
    /// Whether the original has a top-level `system:` key.
    has_system: bool,
}

/// The answers to write: facts in the order answered, `None` for "don't know".
pub(crate) struct Answers<'a> {
    pub system: Option<&'a SystemInfo>,
    pub facts: Vec<(&'a str, Option<&'a Value>)>,
}

impl Document {
    /// Opens `path`, or starts a new file there if it does not exist.
    pub(crate) fn open(path: &Path, text: Option<&str>) -> Result<Self, Failure> {
        let text = text.unwrap_or_default();
        if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
            || text.trim_start().starts_with('{')
        {
            return Err(Failure(format!(
                "error: `{}` is JSON; `toets interview` writes its answers into YAML\n  help: give a new `.yaml` file to write the answers to, or convert the description to YAML\n",
                path.display()
            )));
        }
        let lines: Vec<String> = text.lines().map(str::to_owned).collect();
        let doc = Document {
            path: path.to_path_buf(),
            has_system: lines.iter().any(|l| top_key(l) == Some("system")),
            lines,
        };
        if let Some(l) = doc.lines.iter().position(|l| top_key(l) == Some("facts"))
            && let Some(line) = doc.lines.get(l)
            && !block_start(line)
        {
            return Err(Failure(format!(
                "error: `facts` in `{}` (line {}) is not written as a block mapping\n  help: write `facts:` on a line of its own with each fact indented below it, so the answers can be added without rewriting the file\n",
                path.display(),
                l + 1
            )));
        }
        Ok(doc)
    }

    /// Where the answers go.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// The file's text with the answers in it.
    pub(crate) fn render(&self, answers: &Answers<'_>) -> String {
        let mut lines = self.lines.clone();
        let facts_at = lines.iter().position(|l| top_key(l) == Some("facts"));
        let indent = facts_at
            .and_then(|at| block_indent(&lines, at))
            .unwrap_or_else(|| "  ".to_owned());
        // Lines that only said a fact is unknown give way to the answer.
        if let Some(at) = facts_at {
            let end = block_end(&lines, at);
            let answered: Vec<&str> = answers.facts.iter().map(|(f, _)| *f).collect();
            let mut i = end;
            while i > at + 1 {
                i -= 1;
                if lines
                    .get(i)
                    .is_some_and(|l| is_null_entry(l, &indent, &answered))
                {
                    lines.remove(i);
                }
            }
        }
        let mut block = Vec::new();
        if !answers.facts.is_empty() {
            block.push(format!("{indent}# answered in `toets interview`"));
            for (fact, value) in &answers.facts {
                block.push(match value {
                    Some(v) => format!("{indent}{fact}: {}", yaml_value(v)),
                    None => format!("{indent}{fact}: null # don't know / weet ik niet"),
                });
            }
        }
        match lines.iter().position(|l| top_key(l) == Some("facts")) {
            Some(at) => {
                let end = block_end(&lines, at);
                let tail = lines.split_off(end);
                lines.extend(block);
                lines.extend(tail);
            }
            None if !block.is_empty() => {
                if lines.last().is_some_and(|l| !l.trim().is_empty()) {
                    lines.push(String::new());
                }
                lines.push("facts:".to_owned());
                lines.extend(block);
            }
            None => {}
        }
        if let Some(system) = answers.system.filter(|_| !self.has_system) {
            let mut sys = vec!["system:".to_owned()];
            for (key, value) in [
                ("name", &system.name),
                ("organisation", &system.organisation),
                ("purpose", &system.purpose),
            ] {
                if let Some(v) = value {
                    sys.push(format!("  {key}: {}", quoted(v)));
                }
            }
            if sys.len() > 1 {
                // After the file's opening comments, before its first key.
                let at = lines
                    .iter()
                    .position(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
                    .unwrap_or(lines.len());
                sys.push(String::new());
                lines.splice(at..at, sys);
            }
        }
        let mut text = lines.join("\n");
        text.push('\n');
        text
    }

    /// Writes the answers, after checking that the new text gives them back.
    pub(crate) fn save(&self, rules: &RuleSet, answers: &Answers<'_>) -> Result<(), Failure> {
        let text = self.render(answers);
        let name = self.path.display().to_string();
        let loaded = rules.load_description(&name, &text).map_err(|e| {
            Failure(format!(
                "error: the answers cannot be written into `{name}` without breaking it ({e}); the file is unchanged\n  help: the answers so far, to copy into the file:\n{}\n",
                self.block_only(answers)
            ))
        })?;
        for (fact, value) in &answers.facts {
            let back = rules.fact_id(fact).and_then(|id| loaded.value(id));
            if back != *value {
                return Err(Failure(format!(
                    "error: `{fact}` would not read back as answered from `{name}` (the file may give it elsewhere); the file is unchanged\n  help: the answers so far, to copy into the file:\n{}\n",
                    self.block_only(answers)
                )));
            }
        }
        let dir = match self.path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let fail = |e: std::io::Error| {
            Failure(format!(
                "error: cannot write `{name}`: {e}; the file is unchanged\n"
            ))
        };
        let mut tmp = tempfile::NamedTempFile::new_in(&dir).map_err(fail)?;
        tmp.write_all(text.as_bytes()).map_err(fail)?;
        tmp.as_file().sync_all().map_err(fail)?;
        tmp.persist(&self.path).map_err(|e| fail(e.error))?;
        Ok(())
    }

    fn block_only(&self, answers: &Answers<'_>) -> String {
        Document {
            path: self.path.clone(),
            lines: Vec::new(),
            has_system: false,
        }
        .render(answers)
    }
}

/// The key of a top-level mapping line (`facts:` gives `facts`).
fn top_key(line: &str) -> Option<&str> {
    if line.starts_with([' ', '\t', '#', '-']) {
        return None;
    }
    let (key, _) = line.split_once(':')?;
    let key = key.trim().trim_matches(['"', '\'']);
    (!key.is_empty()).then_some(key)
}

/// Whether a top-level `key:` line opens a block (nothing but a comment after it).
fn block_start(line: &str) -> bool {
    line.split_once(':').is_some_and(|(_, rest)| {
        let rest = rest.trim();
        rest.is_empty() || rest.starts_with('#') || rest == "{}"
    })
}

/// The index after the last indented line of the block opened at `at`.
fn block_end(lines: &[String], at: usize) -> usize {
    let mut end = at + 1;
    for (i, l) in lines.iter().enumerate().skip(at + 1) {
        if l.trim().is_empty() || l.trim_start().starts_with('#') {
            continue;
        }
        if l.starts_with([' ', '\t']) {
            end = i + 1;
        } else {
            break;
        }
    }
    end
}

/// The indentation of the block's first entry.
fn block_indent(lines: &[String], at: usize) -> Option<String> {
    lines
        .iter()
        .skip(at + 1)
        .find(|l| !l.trim().is_empty() && l.starts_with([' ', '\t']))
        .map(|l| l.chars().take_while(|c| *c == ' ' || *c == '\t').collect())
}

/// Whether `line` is `indent` + one of `facts` + `: null` (or `~`, or nothing).
fn is_null_entry(line: &str, indent: &str, facts: &[&str]) -> bool {
    let Some(rest) = line.strip_prefix(indent) else {
        return false;
    };
    if rest.starts_with([' ', '\t']) {
        return false;
    }
    let Some((key, value)) = rest.split_once(':') else {
        return false;
    };
    let value = value.split('#').next().unwrap_or_default().trim();
    facts.contains(&key.trim()) && matches!(value, "" | "null" | "~")
}

/// A value as YAML that reads back as the same value.
fn yaml_value(v: &Value) -> String {
    match v {
        Value::Bool(b) => b.to_string(),
        Value::Number(_) => serde_json::to_string(v).unwrap_or_default(),
        Value::Date(d) => d.to_string(),
        Value::Text(t) => quoted_if_needed(t),
        Value::Set(items) => {
            let items: Vec<String> = items.iter().map(|i| quoted_if_needed(i)).collect();
            format!("[{}]", items.join(", "))
        }
    }
}

fn quoted_if_needed(text: &str) -> String {
    let plain = text.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !matches!(
            text.to_lowercase().as_str(),
            "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n"
        );
    if plain { text.to_owned() } else { quoted(text) }
}

/// A double-quoted YAML scalar (JSON's string syntax is valid YAML).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned())
}
