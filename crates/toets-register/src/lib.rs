//! Turns an entry of the Dutch Algoritmeregister into a toets system
//! description. Only what the register holds in structured form is mapped
//! (organisation, type of algorithm, supplier, start month, named legal basis,
//! listed impact assessments, a link to the register of processing
//! activities, listed data sources); everything else, and all free text,
//! stays unknown, so toets asks for it. Every field read leaves a
//! [`MappedField`] note saying what it became and why.
//!
//! Both spellings of the register are read: the publication standard
//! (`supplier`, `start_date`, `legal_basis_title`, …) and the register's
//! export (`provider`, `begin_date`, `lawful_basis_grouping`, …). The table of
//! the mapping is [`Rule`]; `docs/register.md` explains it.
//!
//! The crate does no I/O and never panics on any input.
//!
//! ```
//! let entry = r#"{"name": "Parkeerscan", "organization": "Gemeente Voorbeeld", "type": "Zelflerend"}"#;
//! let mapping = toets_register::from_register(entry)?;
//! assert_eq!(mapping.description["facts"]["logic"], "learned_from_data");
//! assert_eq!(mapping.description["facts"]["public_body"], true);
//! # Ok::<(), toets_register::RegisterError>(())
//! ```

mod entry;
mod table;

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;
use serde_json::{Map, Value};

pub use table::{Produces, Row, Rule, markdown as table_markdown};

use entry::{Entry, Item, Text};

/// Largest register file accepted, in bytes.
pub const MAX_REGISTER_BYTES: usize = 8 * 1024 * 1024;

/// How many characters of a register value a note repeats.
const FOUND_CHARS: usize = 120;

/// Why a register entry could not be mapped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, miette::Diagnostic)]
pub enum RegisterError {
    /// The text is larger than [`MAX_REGISTER_BYTES`].
    #[error("the register file is {size} bytes, more than the limit of {limit}")]
    #[diagnostic(
        code(toets::register::too_large),
        help("give one entry, or a list of entries, as exported by the register")
    )]
    TooLarge {
        /// Size of the text in bytes.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// The text is not JSON.
    #[error("the register file is not valid JSON: {message} (line {line}, column {column})")]
    #[diagnostic(code(toets::register::syntax))]
    Syntax {
        /// What the JSON reader found wrong.
        message: String,
        /// Line of the problem, from 1.
        line: usize,
        /// Column of the problem, from 1.
        column: usize,
    },
    /// A value the mapping reads has the wrong type.
    #[error("`{path}`: expected {expected}, found {found}")]
    #[diagnostic(
        code(toets::register::shape),
        help("see the Algoritmeregister publication standard for the type of each field")
    )]
    Shape {
        /// JSON path of the value, e.g. `$.lawful_basis_grouping[0].title`.
        path: String,
        /// What the field should hold.
        expected: &'static str,
        /// What it holds.
        found: &'static str,
    },
    /// A field every register entry has is missing.
    #[error("`{path}` is missing: every register entry has a name")]
    #[diagnostic(
        code(toets::register::missing),
        help(
            "is this an Algoritmeregister entry? a toets description is checked without --from-register"
        )
    )]
    Missing {
        /// JSON path of the missing field.
        path: String,
    },
    /// The file holds a list of entries where one was expected.
    #[error("the register file holds {count} entries, expected one")]
    #[diagnostic(
        code(toets::register::several),
        help("map them all with `from_register_all`, or give a file with one entry")
    )]
    SeveralEntries {
        /// How many.
        count: usize,
    },
    /// The file holds an empty list.
    #[error("the register file holds an empty list of entries")]
    #[diagnostic(code(toets::register::empty))]
    NoEntries,
}

impl RegisterError {
    /// The JSON path of the problem, where there is one.
    pub fn path(&self) -> Option<&str> {
        match self {
            RegisterError::Shape { path, .. } | RegisterError::Missing { path } => Some(path),
            _ => None,
        }
    }

    /// Line and column of the problem (from 1), where there are.
    pub fn line_column(&self) -> Option<(usize, usize)> {
        match self {
            RegisterError::Syntax { line, column, .. } => Some((*line, *column)),
            _ => None,
        }
    }
}

/// What happened to one register field: which fact it set, or why it set
/// none.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MappedField {
    /// JSON path of the field in the register file, e.g. `$.type`.
    pub field: String,
    /// The register's value, shortened, where it is a text.
    pub found: Option<String>,
    /// The row of the mapping table that applied.
    pub rule: Rule,
    /// The fact concerned, if any.
    pub fact: Option<&'static str>,
    /// The value given to the fact; `None` leaves it unknown.
    pub value: Option<Value>,
    /// The field's meaning matches the fact only roughly (see `why`).
    pub fuzzy: bool,
    /// Why.
    pub why: &'static str,
}

impl fmt::Display for MappedField {
    /// `$.type = "Zelflerend" -> logic = "learned_from_data"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.field)?;
        if let Some(found) = &self.found {
            write!(f, " = {found:?}")?;
        }
        match (self.fact, &self.value) {
            (Some(fact), Some(value)) => write!(f, " -> {fact} = {value}")?,
            (Some(fact), None) => write!(f, " -> {fact} unknown")?,
            (None, _) => write!(f, " -> no fact")?,
        }
        if self.fuzzy {
            write!(f, " (fuzzy)")?;
        }
        Ok(())
    }
}

/// A register entry turned into a toets description.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mapping {
    /// The register's id of the entry (`id`, else `source_id`), if any.
    pub id: Option<String>,
    /// The description: `{"system": {...}, "facts": {...}}`, ready for
    /// `RuleSet::load_description` (see [`Mapping::description_text`]).
    pub description: Value,
    /// One note per register field read, in the order of the table.
    pub notes: Vec<MappedField>,
}

impl Mapping {
    /// The description as JSON text, for `RuleSet::load_description`.
    pub fn description_text(&self) -> String {
        serde_json::to_string_pretty(&self.description).unwrap_or_default()
    }

    /// The facts the mapping gave a value, with their values.
    pub fn facts(&self) -> Vec<(&'static str, &Value)> {
        let mut out: Vec<(&'static str, &Value)> = self
            .notes
            .iter()
            .filter_map(|n| Some((n.fact?, n.value.as_ref()?)))
            .collect();
        out.sort_by(|a, b| a.0.cmp(b.0));
        out.dedup_by(|a, b| a.0 == b.0);
        out
    }
}

/// Maps one register entry: a JSON object, or a list holding exactly one.
///
/// # Errors
/// The text is too large or not JSON (with line and column), a field the
/// mapping reads has the wrong type (with its JSON path), the entry has no
/// name, or the list holds no or several entries.
pub fn from_register(json: &str) -> Result<Mapping, RegisterError> {
    let root = parse(json)?;
    match &root {
        Value::Array(items) => match items.as_slice() {
            [] => Err(RegisterError::NoEntries),
            [one] => map_entry(&Entry::new("$[0]".to_owned(), one)?),
            more => Err(RegisterError::SeveralEntries { count: more.len() }),
        },
        other => map_entry(&Entry::new("$".to_owned(), other)?),
    }
}

/// Maps every entry of a register file: a JSON object, or a list of them
/// (as the register exports them).
///
/// # Errors
/// As [`from_register`]; the first entry that fails stops the mapping. An
/// empty list is an error.
pub fn from_register_all(json: &str) -> Result<Vec<Mapping>, RegisterError> {
    let root = parse(json)?;
    match &root {
        Value::Array(items) if items.is_empty() => Err(RegisterError::NoEntries),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, item)| map_entry(&Entry::new(format!("$[{i}]"), item)?))
            .collect(),
        other => Ok(vec![map_entry(&Entry::new("$".to_owned(), other)?)?]),
    }
}

/// Maps every entry of a register file on its own: a bad entry gives its
/// error and does not stop the others (for `toets check --batch`).
///
/// # Errors
/// Only for the file as a whole: too large, not JSON, or an empty list.
pub fn from_register_each(
    json: &str,
) -> Result<Vec<Result<Mapping, RegisterError>>, RegisterError> {
    let root = parse(json)?;
    match &root {
        Value::Array(items) if items.is_empty() => Err(RegisterError::NoEntries),
        Value::Array(items) => Ok(items
            .iter()
            .enumerate()
            .map(|(i, item)| map_entry(&Entry::new(format!("$[{i}]"), item)?))
            .collect()),
        other => Ok(vec![
            Entry::new("$".to_owned(), other).and_then(|e| map_entry(&e)),
        ]),
    }
}

fn parse(json: &str) -> Result<Value, RegisterError> {
    if json.len() > MAX_REGISTER_BYTES {
        return Err(RegisterError::TooLarge {
            size: json.len(),
            limit: MAX_REGISTER_BYTES,
        });
    }
    // serde_json stops at 128 levels of nesting, so deep input cannot
    // exhaust the stack.
    serde_json::from_str(json).map_err(|e| {
        let (line, column) = (e.line(), e.column());
        let full = e.to_string();
        let suffix = format!(" at line {line} column {column}");
        let message = full.strip_suffix(&suffix).unwrap_or(&full).to_owned();
        RegisterError::Syntax {
            message,
            line,
            column,
        }
    })
}

/// Collects notes and facts.
#[derive(Default)]
struct Builder {
    notes: Vec<MappedField>,
    facts: BTreeMap<&'static str, Value>,
}

impl Builder {
    /// Applies a row: writes its fact (with `data` for date and text facts)
    /// and records the note.
    fn apply(&mut self, rule: Rule, field: &str, found: Option<&str>, data: Option<String>) {
        let row = rule.row();
        let value = match row.produces {
            Produces::Nothing => None,
            Produces::Bool(b) => Some(Value::Bool(b)),
            Produces::Choice(c) => Some(Value::String(c.to_owned())),
            Produces::Date | Produces::Text => data.map(Value::String),
        };
        if let (Some(fact), Some(value)) = (row.fact, &value) {
            self.facts.insert(fact, value.clone());
        }
        self.notes.push(MappedField {
            field: field.to_owned(),
            found: found.map(shorten),
            rule,
            fact: row.fact,
            value,
            fuzzy: row.fuzzy,
            why: row.why,
        });
    }

    /// The `facts` section, with dotted ids nested (`dpia.performed` becomes
    /// `{"dpia": {"performed": ...}}`).
    fn facts_json(&self) -> Value {
        let mut root = Map::new();
        for (id, value) in &self.facts {
            insert_nested(&mut root, id, value.clone());
        }
        Value::Object(root)
    }
}

fn insert_nested(map: &mut Map<String, Value>, id: &str, value: Value) {
    match id.split_once('.') {
        None => {
            map.insert(id.to_owned(), value);
        }
        Some((head, rest)) => {
            let slot = map
                .entry(head.to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(inner) = slot {
                insert_nested(inner, rest, value);
            } else {
                // A fact and a group with the same name cannot both exist in
                // a rule set; keep the dotted id rather than lose the value.
                map.insert(id.to_owned(), value);
            }
        }
    }
}

fn shorten(text: &str) -> String {
    let mut out: String = text.chars().take(FOUND_CHARS).collect();
    if text.chars().nth(FOUND_CHARS).is_some() {
        out.push('…');
    }
    out
}

/// Lowercase, single spaces, no trailing full stop.
fn normalise(text: &str) -> String {
    let lower = text.to_lowercase();
    let joined = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    joined.trim_end_matches('.').to_owned()
}

/// The lowercase words of a text (letters and digits).
fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Whether `phrase` (lowercase words) occurs in `words` as consecutive words.
fn has_phrase(words: &[String], phrase: &str) -> bool {
    let wanted: Vec<&str> = phrase.split(' ').collect();
    words
        .windows(wanted.len().max(1))
        .any(|w| w.iter().map(String::as_str).eq(wanted.iter().copied()))
}

/// `YYYY-MM` with a month from 01 to 12.
fn month(text: &str) -> Option<String> {
    let (year, month) = text.split_once('-')?;
    let digits = |s: &str, n: usize| s.len() == n && s.chars().all(|c| c.is_ascii_digit());
    if !digits(year, 4) || !digits(month, 2) {
        return None;
    }
    let m: u8 = month.parse().ok()?;
    (1..=12).contains(&m).then(|| format!("{year}-{month}-01"))
}

/// Text with HTML tags removed, common entities decoded and whitespace
/// collapsed: the register's short description may hold HTML.
fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut chars = html.chars().peekable();
    while let Some(c) = chars.next() {
        let starts_tag = c == '<'
            && chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphabetic() || *n == '/' || *n == '!');
        if starts_tag {
            for inner in chars.by_ref() {
                if inner == '>' {
                    break;
                }
            }
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    let decoded = out
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The path of the list an item stands in: `$.x[2]` gives `$.x`.
fn container(path: &str) -> &str {
    match path.rsplit_once('[') {
        Some((head, _)) if path.ends_with(']') => head,
        _ => path,
    }
}

fn map_entry(entry: &Entry<'_>) -> Result<Mapping, RegisterError> {
    let mut b = Builder::default();

    let name = entry
        .text(&["name"])?
        .ok_or_else(|| RegisterError::Missing {
            path: format!("{}.name", entry.base),
        })?;
    let organisation = entry.text(&["organization"])?;
    let contact = entry.text(&["contact", "contact_email"])?;
    let short = entry.text(&["description_short"])?;

    // Organisation: public body.
    match &organisation {
        Some(org) => b.apply(Rule::OrganisationNamed, &org.path, Some(&org.value), None),
        None => b.apply(
            Rule::NoOrganisation,
            &format!("{}.organization", entry.base),
            None,
            None,
        ),
    }

    // Type of algorithm: logic.
    if let Some(ty) = entry.text(&["type"])? {
        let rule = match normalise(&ty.value).as_str() {
            "zelflerend" => Rule::SelfLearning,
            "op regels gebaseerd" => Rule::RuleBased,
            _ => Rule::TypeUnrecognised,
        };
        b.apply(rule, &ty.path, Some(&ty.value), None);
    }

    // Supplier: role.
    if let Some(supplier) = entry.text(&["supplier", "provider"])? {
        let rule = match &organisation {
            None => Rule::SupplierWithoutOrganisation,
            Some(org) => {
                let s = normalise(&supplier.value);
                if s == "intern ontwikkeld" || s == "intern" || s == normalise(&org.value) {
                    Rule::InternallyDeveloped
                } else {
                    Rule::ExternalSupplier
                }
            }
        };
        b.apply(rule, &supplier.path, Some(&supplier.value), None);
    }

    // Start month and status: placed_in_service.
    let status = entry.text(&["status"])?;
    if let Some(start) = entry.text(&["start_date", "begin_date"])? {
        let in_development = status
            .as_ref()
            .is_some_and(|s| normalise(&s.value) == "in ontwikkeling");
        match month(&start.value) {
            None => b.apply(Rule::StartUnreadable, &start.path, Some(&start.value), None),
            Some(_) if in_development => b.apply(
                Rule::StartInDevelopment,
                &start.path,
                Some(&start.value),
                None,
            ),
            Some(date) => b.apply(
                Rule::StartMonth,
                &start.path,
                Some(&start.value),
                Some(date),
            ),
        }
    }
    if let Some(status) = &status {
        b.apply(Rule::Status, &status.path, Some(&status.value), None);
    }

    // Publication category: no fact.
    if let Some(category) = entry.text(&["publication_category"])? {
        let c = normalise(&category.value);
        let rule = if c.starts_with("hoog-risico ai-systeem") {
            Rule::CategoryHighRiskAi
        } else if c.starts_with("impactvolle algoritmes") {
            Rule::CategoryImpactful
        } else if c.starts_with("overige algoritmes") {
            Rule::CategoryOther
        } else {
            Rule::CategoryUnrecognised
        };
        b.apply(rule, &category.path, Some(&category.value), None);
    }

    // Legal basis: legal_basis.statute.
    let mut bases: Vec<Item> = Vec::new();
    bases.extend(entry.pair("legal_basis_title", "legal_basis_link")?);
    bases.extend(entry.items("lawful_basis_grouping")?);
    if let Some(link) = entry.text(&["lawful_basis_link"])? {
        bases.push(Item {
            path: link.path,
            title: None,
            link: Some(link.value),
        });
    }
    let mut statutes: Vec<String> = Vec::new();
    let mut fields: Vec<&str> = Vec::new();
    for item in &bases {
        if let Some(named) = item.title.as_ref().or(item.link.as_ref())
            && !statutes.iter().any(|s| normalise(s) == normalise(named))
        {
            statutes.push(named.clone());
        }
        let field = container(&item.path);
        if !fields.contains(&field) {
            fields.push(field);
        }
    }
    if statutes.is_empty() {
        for key in ["legal_basis", "lawful_basis"] {
            if entry.has(key) {
                b.apply(
                    Rule::LegalBasisProse,
                    &format!("{}.{key}", entry.base),
                    None,
                    None,
                );
                break;
            }
        }
    } else {
        let joined = statutes.join("; ");
        b.apply(
            Rule::LegalBasisNamed,
            &fields.join(", "),
            Some(&joined),
            Some(joined.clone()),
        );
    }

    // Impact assessments: dpia.performed, fria.performed.
    let (mut dpia, mut iama) = (false, false);
    for item in entry.items("impacttoetsen_grouping")? {
        let title = item.title.as_deref().unwrap_or_default();
        let w = words(title);
        let names_dpia = w
            .iter()
            .any(|x| x == "dpia" || x == "gegevensbeschermingseffectbeoordeling")
            || has_phrase(&w, "data protection impact assessment");
        let names_iama = w.iter().any(|x| x == "iama" || x == "fria")
            || has_phrase(&w, "impact assessment mensenrechten")
            || has_phrase(&w, "fundamental rights impact assessment");
        let path = format!("{}.title", item.path);
        let found = item.title.as_deref().or(item.link.as_deref());
        if names_dpia && !dpia {
            dpia = true;
            b.apply(Rule::DpiaNamed, &path, found, None);
        }
        if names_iama && !iama {
            iama = true;
            b.apply(Rule::IamaNamed, &path, found, None);
        }
        if !names_dpia && !names_iama {
            b.apply(Rule::OtherAssessment, &path, found, None);
        }
    }
    for key in ["impact_assessments", "impacttoetsen"] {
        if entry.has(key) {
            b.apply(
                Rule::AssessmentProse,
                &format!("{}.{key}", entry.base),
                None,
                None,
            );
            break;
        }
    }

    // Personal data: processes_personal_data.
    if let Some(link) = entry.text(&["processing_register_link", "process_index_url"])? {
        b.apply(
            Rule::ProcessingRegister,
            &link.path,
            Some(&link.value),
            None,
        );
    }
    let mut sources: Vec<Item> = Vec::new();
    sources.extend(entry.pair("data_source_title", "data_source_link")?);
    sources.extend(entry.items("source_data_grouping")?);
    for item in &sources {
        let w = words(item.title.as_deref().unwrap_or_default());
        if w.iter().any(|x| x == "brp") || has_phrase(&w, "basisregistratie personen") {
            b.apply(
                Rule::PersonalRecordsSource,
                &item.path,
                item.title.as_deref(),
                None,
            );
            break;
        }
    }

    // Themes: no fact.
    let mut themes: Vec<Text> = entry.texts("theme")?;
    themes.extend(entry.texts("category")?);
    if let Some(first) = themes.first() {
        let joined = themes
            .iter()
            .map(|t| t.value.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        b.apply(Rule::Theme, container(&first.path), Some(&joined), None);
    }

    // The notes follow the order of the table.
    b.notes.sort_by_key(|n| {
        Rule::ALL
            .iter()
            .position(|r| *r == n.rule)
            .unwrap_or(usize::MAX)
    });

    let mut system = Map::new();
    system.insert("name".to_owned(), Value::String(name.value));
    if let Some(org) = organisation {
        system.insert("organisation".to_owned(), Value::String(org.value));
    }
    if let Some(short) = short {
        let purpose = plain_text(&short.value);
        if !purpose.is_empty() {
            system.insert("purpose".to_owned(), Value::String(purpose));
        }
    }
    if let Some(contact) = contact {
        system.insert("contact".to_owned(), Value::String(contact.value));
    }
    let mut description = Map::new();
    description.insert("system".to_owned(), Value::Object(system));
    description.insert("facts".to_owned(), b.facts_json());

    Ok(Mapping {
        id: entry.id(),
        description: Value::Object(description),
        notes: b.notes,
    })
}

#[cfg(test)]
mod tests;
