//! System descriptions: what an algorithm does, with which data, about whom.
//! YAML or JSON, with a `system` section (name, organisation, purpose,
//! contact) and a `facts` section keyed by the declared fact ids (dots in an
//! id are nesting). A fact left out, or given as `null`, is unknown.

mod error;
mod yaml;

use std::sync::Arc;

use miette::{NamedSource, SourceSpan};
use sha2::{Digest, Sha256};

pub use error::{DescriptionError, DescriptionErrors};
use yaml::{Node, NodeKind, Pos, ReadError, Scalar, scalar_kind};

use crate::RuleSet;
use crate::model::{FactId, FactType};
use crate::suggest::did_you_mean;
use crate::value::Value;
use crate::verdict::{Source, SystemInfo};

/// Largest description accepted, in bytes.
pub const MAX_DESCRIPTION_BYTES: usize = 8 * 1024 * 1024;
/// Deepest nesting of mappings and lists in a description.
pub const MAX_DESCRIPTION_DEPTH: usize = 64;

/// A loaded description: the known facts with where each came from.
#[derive(Debug, Clone)]
pub struct Description {
    pub(crate) name: String,
    pub(crate) system: SystemInfo,
    pub(crate) values: Vec<Option<(Value, Option<Source>)>>,
    pub(crate) sha256: String,
    pub(crate) rules_sha256: String,
}

impl Description {
    /// The value of a fact, if the description gives it.
    pub fn value(&self, id: FactId) -> Option<&Value> {
        self.values
            .get(id.index())
            .and_then(|v| v.as_ref())
            .map(|(v, _)| v)
    }

    /// Where in the description a fact's value stands.
    pub fn source(&self, id: FactId) -> Option<&Source> {
        self.values
            .get(id.index())
            .and_then(|v| v.as_ref())
            .and_then(|(_, s)| s.as_ref())
    }

    /// The system's metadata.
    pub fn system(&self) -> &SystemInfo {
        &self.system
    }

    /// The name the description was loaded under (usually its path).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// A description from values given in code or a test block; it has no
    /// source positions.
    pub fn from_values(rules: &RuleSet, given: &[(FactId, Value)]) -> Self {
        let mut values = vec![None; rules.facts.len()];
        for (id, v) in given {
            if let Some(slot) = values.get_mut(id.index()) {
                *slot = Some((v.clone(), None));
            }
        }
        // Hashed in the order of the rules, so that the order in which the
        // values were given does not change the verdict's provenance.
        let mut hasher = Sha256::new();
        for (fact, value) in rules.facts.iter().zip(&values) {
            if let Some((v, _)) = value {
                hasher.update(format!("{}={v}\n", fact.id));
            }
        }
        Description {
            name: "<given>".to_owned(),
            system: SystemInfo::default(),
            values,
            sha256: hex(&hasher.finalize()),
            rules_sha256: rules.sha256.clone(),
        }
    }

    /// Sets the system's metadata (as an interview does when it asks for it).
    pub fn set_system(&mut self, system: SystemInfo) {
        self.system = system;
    }

    /// Sets or clears one fact (as an interview does after an answer).
    pub fn set(&mut self, id: FactId, value: Option<Value>) {
        if let Some(slot) = self.values.get_mut(id.index()) {
            *slot = value.map(|v| (v, None));
        }
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Loads a description for `rules`. Every problem is reported, not just the first.
pub(crate) fn load(
    rules: &RuleSet,
    name: &str,
    text: &str,
) -> Result<Description, DescriptionErrors> {
    let src = NamedSource::new(name, Arc::<str>::from(text));
    let mut loader = Loader {
        rules,
        text,
        src,
        errors: Vec::new(),
        values: vec![None; rules.facts.len()],
        system: SystemInfo::default(),
    };
    if text.len() > MAX_DESCRIPTION_BYTES {
        loader.limit(
            Pos {
                index: 0,
                line: 1,
                column: 1,
            },
            format!(
                "the description is {} bytes, more than the limit of {MAX_DESCRIPTION_BYTES}",
                text.len()
            ),
            "describe one system per file; large data belongs elsewhere",
        );
        return Err(DescriptionErrors(loader.errors));
    }
    match yaml::read(text, MAX_DESCRIPTION_DEPTH) {
        Ok(root) => loader.root(&root),
        Err(ReadError::Syntax { message, pos }) => {
            let span = loader.span(pos, pos);
            loader.errors.push(DescriptionError::Syntax(error::Syntax {
                src: loader.src.clone(),
                span,
                message,
            }));
        }
        Err(ReadError::TooDeep { pos, limit }) => loader.limit(
            pos,
            format!("the description nests deeper than {limit} levels"),
            "facts nest only as deep as their dotted ids",
        ),
        Err(ReadError::Alias { pos }) => loader.limit(
            pos,
            "YAML anchors and aliases are not accepted in descriptions".to_owned(),
            "write the value out in full",
        ),
        Err(ReadError::Empty) => loader.limit(
            Pos {
                index: 0,
                line: 1,
                column: 1,
            },
            "the description is empty".to_owned(),
            "a description has a `system` section and a `facts` section; see `toets schema`",
        ),
    }
    if loader.errors.is_empty() {
        Ok(Description {
            name: name.to_owned(),
            system: loader.system,
            values: loader.values,
            sha256: hex(&Sha256::digest(text.as_bytes())),
            rules_sha256: rules.sha256.clone(),
        })
    } else {
        Err(DescriptionErrors(loader.errors))
    }
}

struct Loader<'a> {
    rules: &'a RuleSet,
    text: &'a str,
    src: NamedSource<Arc<str>>,
    errors: Vec<DescriptionError>,
    values: Vec<Option<(Value, Option<Source>)>>,
    system: SystemInfo,
}

const SECTIONS: [&str; 2] = ["system", "facts"];
const SYSTEM_KEYS: [&str; 4] = ["name", "organisation", "purpose", "contact"];

impl Loader<'_> {
    /// A byte span from two character positions.
    fn span(&self, start: Pos, end: Pos) -> SourceSpan {
        let byte = |index: usize| {
            self.text
                .char_indices()
                .nth(index)
                .map_or(self.text.len(), |(b, _)| b)
        };
        let (s, e) = (byte(start.index), byte(end.index));
        SourceSpan::from(s..e.max(s))
    }

    fn node_span(&self, node: &Node) -> SourceSpan {
        match node.kind {
            NodeKind::Scalar { .. } => self.span(node.pos, node.end),
            _ => self.span(node.pos, node.pos),
        }
    }

    fn limit(&mut self, pos: Pos, message: String, help: &str) {
        let span = self.span(pos, pos);
        self.errors.push(DescriptionError::Limit(error::Limit {
            src: self.src.clone(),
            span,
            message,
            help: help.to_owned(),
        }));
    }

    fn wrong_type(&mut self, node: &Node, path: &str, expected: String, help: Option<String>) {
        let span = self.node_span(node);
        self.errors
            .push(DescriptionError::WrongType(error::WrongType {
                src: self.src.clone(),
                span,
                path: path.to_owned(),
                expected,
                found: node.describe().to_owned(),
                label: format!("{} here", node.describe()),
                help,
            }));
    }

    fn unknown_key(
        &mut self,
        key: &Node,
        name: &str,
        section: &str,
        what: &'static str,
        candidates: Vec<String>,
    ) {
        let help = match did_you_mean(name, candidates.iter().map(String::as_str)) {
            Some(s) => format!("did you mean `{s}`?"),
            None if candidates.len() <= 8 => format!("expected one of: {}", candidates.join(", ")),
            None => "run `toets schema` for every key a description can have".to_owned(),
        };
        let span = self.node_span(key);
        self.errors
            .push(DescriptionError::UnknownKey(error::UnknownKey {
                src: self.src.clone(),
                span,
                key: name.to_owned(),
                section: section.to_owned(),
                what,
                help,
            }));
    }

    /// The entries of a mapping, with string keys; reports anything else.
    fn entries<'n>(&mut self, node: &'n Node, path: &str) -> Vec<(String, &'n Node, &'n Node)> {
        if let NodeKind::Scalar { text, plain } = &node.kind
            && path != "the description"
            && matches!(scalar_kind(text, *plain), Scalar::Null)
        {
            return Vec::new(); // an empty section
        }
        let NodeKind::Map(entries) = &node.kind else {
            self.wrong_type(node, path, "a mapping of keys to values".to_owned(), None);
            return Vec::new();
        };
        let mut out: Vec<(String, &Node, &Node)> = Vec::new();
        for (k, v) in entries {
            let NodeKind::Scalar { text, .. } = &k.kind else {
                self.wrong_type(k, path, "a plain key".to_owned(), None);
                continue;
            };
            if out.iter().any(|(name, _, _)| name == text) {
                let span = self.node_span(k);
                self.errors.push(DescriptionError::Limit(error::Limit {
                    src: self.src.clone(),
                    span,
                    message: format!("key `{text}` is given twice in `{path}`"),
                    help: "give each key once; a later value would silently win".to_owned(),
                }));
                continue;
            }
            out.push((text.clone(), k, v));
        }
        out
    }

    fn root(&mut self, root: &Node) {
        for (key, k, v) in self.entries(root, "the description") {
            match key.as_str() {
                "system" => self.system_section(v),
                "facts" => self.facts(v, ""),
                _ => self.unknown_key(
                    k,
                    &key,
                    "the description",
                    "section",
                    SECTIONS.map(str::to_owned).to_vec(),
                ),
            }
        }
    }

    fn system_section(&mut self, node: &Node) {
        for (key, k, v) in self.entries(node, "system") {
            let text = match &v.kind {
                NodeKind::Scalar { text, plain }
                    if !matches!(scalar_kind(text, *plain), Scalar::Null) =>
                {
                    Some(text.clone())
                }
                NodeKind::Scalar { .. } => None,
                _ => {
                    self.wrong_type(v, &format!("system.{key}"), "a text".to_owned(), None);
                    None
                }
            };
            match key.as_str() {
                "name" => self.system.name = text,
                "organisation" => self.system.organisation = text,
                "purpose" => self.system.purpose = text,
                "contact" => self.system.contact = text,
                _ => self.unknown_key(
                    k,
                    &key,
                    "system",
                    "system field",
                    SYSTEM_KEYS.map(str::to_owned).to_vec(),
                ),
            }
        }
    }

    /// Walks the `facts` mapping; `prefix` is the dotted path so far.
    fn facts(&mut self, node: &Node, prefix: &str) {
        let section = if prefix.is_empty() {
            "facts".to_owned()
        } else {
            format!("facts.{prefix}")
        };
        for (key, k, v) in self.entries(node, &section) {
            let path = if prefix.is_empty() {
                key.clone()
            } else {
                format!("{prefix}.{key}")
            };
            if let Some(id) = self.rules.fact_id(&path) {
                self.fact(id, &path, v);
                continue;
            }
            let group = format!("{path}.");
            if self.rules.facts.iter().any(|f| f.id.starts_with(&group)) {
                self.facts(v, &path);
                continue;
            }
            // Suggest among the ids and groups at this level.
            let mut candidates: Vec<String> = self
                .rules
                .facts
                .iter()
                .filter_map(|f| {
                    let rest = if prefix.is_empty() {
                        Some(f.id.as_str())
                    } else {
                        f.id.strip_prefix(&format!("{prefix}."))
                    }?;
                    Some(rest.split('.').next().unwrap_or(rest).to_owned())
                })
                .collect();
            candidates.sort_unstable();
            candidates.dedup();
            self.unknown_key(k, &key, &section, "fact", candidates);
        }
    }

    fn fact(&mut self, id: FactId, path: &str, node: &Node) {
        let Some(fact) = self.rules.facts.get(id.index()) else {
            return;
        };
        let ty = fact.ty.clone();
        if let NodeKind::Scalar { text, plain } = &node.kind
            && matches!(scalar_kind(text, *plain), Scalar::Null)
        {
            return; // explicitly unknown
        }
        let value = self.value(&ty, path, node);
        if let (Some(v), Some(slot)) = (value, self.values.get_mut(id.index())) {
            *slot = Some((
                v,
                Some(Source {
                    path: format!("facts.{path}"),
                    line: node.pos.line,
                    column: node.pos.column,
                }),
            ));
        }
    }

    fn value(&mut self, ty: &FactType, path: &str, node: &Node) -> Option<Value> {
        let scalar = match &node.kind {
            NodeKind::Scalar { text, plain } => Some((text.as_str(), scalar_kind(text, *plain))),
            _ => None,
        };
        match (ty, scalar) {
            (FactType::Bool, Some((_, Scalar::Bool(b)))) => Some(Value::Bool(b)),
            (FactType::Number, Some((_, Scalar::Number(n)))) => Some(Value::Number(n)),
            (FactType::Text, Some((text, _))) => Some(Value::Text(text.to_owned())),
            (FactType::Date, Some((text, _))) => {
                match crate::value::parse_iso_date(text) {
                    Some(d) => Some(Value::Date(d)),
                    None => {
                        self.wrong_type(node, path, "a date".to_owned(), Some(format!("write the date as YYYY-MM-DD, e.g. `2024-03-01`; `{text}` is not one")));
                        None
                    }
                }
            }
            (FactType::OneOf(vs), Some((text, Scalar::Text))) => {
                if vs.iter().any(|v| v == text) {
                    Some(Value::Text(text.to_owned()))
                } else {
                    self.bad_variant(node, path, text, vs);
                    None
                }
            }
            (FactType::SetOf(vs), None) => {
                let NodeKind::Seq(items) = &node.kind else {
                    self.wrong_type(
                        node,
                        path,
                        "a list".to_owned(),
                        Some(format!("write a list of values from: {}", vs.join(", "))),
                    );
                    return None;
                };
                let mut set = Vec::with_capacity(items.len());
                let mut ok = true;
                for item in items {
                    match &item.kind {
                        NodeKind::Scalar { text, .. } if vs.contains(text) => {
                            set.push(text.clone())
                        }
                        NodeKind::Scalar { text, .. } => {
                            self.bad_variant(item, path, text, vs);
                            ok = false;
                        }
                        _ => {
                            self.wrong_type(item, path, "a list of values".to_owned(), None);
                            ok = false;
                        }
                    }
                }
                set.sort_unstable();
                set.dedup();
                ok.then_some(Value::Set(set))
            }
            _ => {
                let help = match ty {
                    FactType::Bool => "write `true` or `false` (without quotes)".to_owned(),
                    FactType::Number => "write a number without quotes, e.g. `30000`".to_owned(),
                    FactType::OneOf(vs) => format!("write one of: {}", vs.join(", ")),
                    FactType::SetOf(vs) => format!(
                        "write a list of values from: {}, e.g. `[{}]`",
                        vs.join(", "),
                        vs.first().map_or("", String::as_str)
                    ),
                    FactType::Date | FactType::Text => "write it as a single value".to_owned(),
                };
                let expected = match ty {
                    FactType::Bool => "a boolean".to_owned(),
                    FactType::Number => "a number".to_owned(),
                    FactType::Date => "a date".to_owned(),
                    FactType::Text => "a text".to_owned(),
                    FactType::OneOf(_) => "one value of its list".to_owned(),
                    FactType::SetOf(_) => "a list of values".to_owned(),
                };
                self.wrong_type(node, path, expected, Some(help));
                None
            }
        }
    }

    fn bad_variant(&mut self, node: &Node, path: &str, text: &str, variants: &[String]) {
        let help = match did_you_mean(text, variants.iter().map(String::as_str)) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("the values are: {}", variants.join(", ")),
        };
        let span = self.node_span(node);
        self.errors
            .push(DescriptionError::WrongType(error::WrongType {
                src: self.src.clone(),
                span,
                path: path.to_owned(),
                expected: "one of its listed values".to_owned(),
                found: format!("`{text}`"),
                label: "not a listed value".to_owned(),
                help: Some(help),
            }));
    }
}
