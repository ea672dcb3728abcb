//! The API behind the JavaScript bindings, in plain Rust, so that it can be
//! tested on the host. Everything here returns values; nothing panics or
//! throws. Every result is `Serialize` and goes to JavaScript as JSON.
//!
//! The engine does the work: compiling (`RuleSet::compile`), loading
//! descriptions (`RuleSet::load_description`), evaluating, and the
//! presenters of `toets-report` (Markdown, DOT, Mermaid). This module only
//! converts between JavaScript-shaped values and the engine's types.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};
use toets_engine::model::{Bilingual, Fact, FactType, Ground, Lang};
use toets_engine::verdict::{AnswerOption, Question, QuestionStage, SystemInfo};
use toets_engine::{Description, EvalOptions, Outcome, RuleSet, TestReport, Verdict};

mod diagnostic;
mod interview;
pub use diagnostic::Diagnostic;
pub use interview::{NextStep, NormOutcome, Summary};
use toets_syntax::SourceFile;

/// A rule file: its name (as shown in diagnostics) and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleFile {
    /// The file name, e.g. `rules/avg.toets`.
    pub name: String,
    /// The rule text.
    pub text: String,
}

/// What the answer to a fact looks like, for building an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerKind {
    /// Yes or no.
    Bool,
    /// A number.
    Number,
    /// A date `YYYY-MM-DD`.
    Date,
    /// Free text.
    Text,
    /// One of `options`.
    OneOf,
    /// Any subset of `options`; `[]` is "none of these".
    SetOf,
}

fn kind(ty: &FactType) -> AnswerKind {
    match ty {
        FactType::Bool => AnswerKind::Bool,
        FactType::Number => AnswerKind::Number,
        FactType::Date => AnswerKind::Date,
        FactType::Text => AnswerKind::Text,
        FactType::OneOf(_) => AnswerKind::OneOf,
        FactType::SetOf(_) => AnswerKind::SetOf,
    }
}

/// A declared fact, with what is needed to ask for it.
#[derive(Debug, Clone, Serialize)]
pub struct FactInfo {
    /// The fact id: the key in a description (dots are nesting).
    pub fact: String,
    /// The question.
    pub ask: Bilingual,
    /// Help for answering, if the rules give it.
    pub help: Option<Bilingual>,
    /// The type as written in the rules, e.g. `one of { a, b }`.
    #[serde(rename = "type")]
    pub ty: String,
    /// The kind of answer.
    pub kind: AnswerKind,
    /// The listed values of a `one of` or `set of` fact; else empty.
    pub options: Vec<String>,
    /// The same values with their labels (nl/en), for the answer options;
    /// a value without a label is its own label.
    pub choices: Vec<AnswerOption>,
    /// The facts this one is asked after (its `follows` and the facts that
    /// guard it in the conditions that read it), transitively.
    pub presupposes: Vec<String>,
}

/// An open question: a fact whose answer could still change an outcome.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionInfo {
    /// The fact, its question and its kind of answer.
    #[serde(flatten)]
    pub fact: FactInfo,
    /// The norms whose outcome the answer could change, in verdict order.
    pub decides: Vec<String>,
    /// The findings the answer could decide.
    pub findings: Vec<String>,
    /// Where it stands in the engine's question order (`docs/questions.md`).
    pub stage: QuestionStage,
    /// The group it is asked with (its id up to the last dot).
    pub group: String,
}

/// A law of the rule set.
#[derive(Debug, Clone, Serialize)]
pub struct LawInfo {
    /// Its id, e.g. `avg`.
    pub id: String,
    /// Its title.
    pub title: Bilingual,
    /// Its abbreviation.
    pub abbrev: Bilingual,
}

/// What a rule set holds.
#[derive(Debug, Clone, Serialize)]
pub struct RulesInfo {
    /// SHA-256 of the rule files, as in a verdict's provenance.
    pub sha256: String,
    /// The rule files, in name order.
    pub files: Vec<RuleFile>,
    /// The laws, in declaration order.
    pub laws: Vec<LawInfo>,
    /// The norm ids, in rule-set order.
    pub norms: Vec<String>,
    /// Every declared fact, in declaration order.
    pub facts: Vec<FactInfo>,
}

/// A node of the norm graph.
#[derive(Debug, Clone, Serialize)]
pub struct GraphNode {
    /// The name of the fact, concept or norm (one namespace, so unique).
    pub id: String,
    /// `fact`, `concept` or `norm`.
    pub kind: &'static str,
    /// Its label (norms, and concepts that have one).
    pub label: Option<Bilingual>,
    /// The norm's outcome, when a verdict was given.
    pub outcome: Option<Outcome>,
}

/// An edge of the norm graph: `to` reads `from`.
#[derive(Debug, Clone, Serialize)]
pub struct GraphEdge {
    /// What is read.
    pub from: String,
    /// What reads it.
    pub to: String,
}

/// The norm graph, as data and as Graphviz DOT and Mermaid text (from
/// `toets-report`), coloured by outcome when a verdict is given.
#[derive(Debug, Clone, Serialize)]
pub struct Graph {
    /// Every fact, concept and norm that takes part.
    pub nodes: Vec<GraphNode>,
    /// Every dependency.
    pub edges: Vec<GraphEdge>,
    /// Graphviz DOT.
    pub dot: String,
    /// Mermaid flowchart.
    pub mermaid: String,
}

/// Options of a check. Every field is optional.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckOptions {
    /// The evaluation date, `YYYY-MM-DD`; today when absent.
    #[serde(default)]
    pub date: Option<String>,
    /// Answers by fact id (or group of facts): they override the
    /// description; `null` makes a fact unknown again.
    #[serde(default)]
    pub answers: BTreeMap<String, Json>,
    /// Report only these laws (by id); all when empty.
    #[serde(default)]
    pub laws: Vec<String>,
    /// The name of the description in diagnostics.
    #[serde(default)]
    pub name: Option<String>,
    /// Also give the verdict as Markdown, in this language.
    #[serde(default)]
    pub markdown: Option<Lang>,
    /// Also give the norm graph coloured by the verdict.
    #[serde(default)]
    pub graph: bool,
    /// Facts answered "don't know": the interview does not ask them again
    /// (`next` and `remaining` leave them out). They stay unknown.
    #[serde(default)]
    pub skipped: Vec<String>,
    /// The system's name, organisation, purpose and contact, given in the
    /// interview: each one given replaces the description's.
    #[serde(default)]
    pub system: Option<SystemOption>,
}

/// The system as the page's interview gives it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SystemOption {
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// Organisation responsible.
    #[serde(default)]
    pub organisation: Option<String>,
    /// What it is for.
    #[serde(default)]
    pub purpose: Option<String>,
    /// Who to ask.
    #[serde(default)]
    pub contact: Option<String>,
}

impl SystemOption {
    /// `system` with the values given here put over it (blank ones ignored).
    fn over(&self, system: &SystemInfo) -> SystemInfo {
        let pick =
            |given: &Option<String>, old: &Option<String>| match given.as_deref().map(str::trim) {
                Some(text) if !text.is_empty() => Some(text.to_owned()),
                _ => old.clone(),
            };
        SystemInfo {
            name: pick(&self.name, &system.name),
            organisation: pick(&self.organisation, &system.organisation),
            purpose: pick(&self.purpose, &system.purpose),
            contact: pick(&self.contact, &system.contact),
        }
    }
}

/// Where a check failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// The rules did not compile.
    Rules,
    /// The options were wrong (date, laws, unknown option).
    Options,
    /// The description did not load.
    Description,
    /// The answers did not fit their facts.
    Answers,
    /// The Algoritmeregister entry could not be read.
    Register,
}

/// A successful check.
#[derive(Debug, Clone, Serialize)]
pub struct Checked {
    /// Always `true`.
    pub ok: bool,
    /// The verdict, in the shape of `docs/verdict-json.md`.
    pub verdict: Verdict,
    /// The open questions in the engine's question order, with their kind
    /// of answer.
    pub questions: Vec<QuestionInfo>,
    /// What the interview asks next (`toets_engine::interview::next`), the
    /// skipped facts left out.
    pub next: NextStep,
    /// How many questions and parts of judgement records are left to ask,
    /// the skipped facts left out (`toets_engine::interview::remaining`).
    pub remaining: usize,
    /// The verdict as Markdown, when asked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub markdown: Option<String>,
    /// The coloured norm graph, when asked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub graph: Option<Graph>,
}

/// A failed check: what went wrong, where.
#[derive(Debug, Clone, Serialize)]
pub struct Failed {
    /// Always `false`.
    pub ok: bool,
    /// Which input was wrong.
    pub stage: Stage,
    /// Every problem found.
    pub diagnostics: Vec<Diagnostic>,
}

impl Failed {
    fn new(stage: Stage, diagnostics: Vec<Diagnostic>) -> Self {
        Failed {
            ok: false,
            stage,
            diagnostics,
        }
    }
}

/// A text result (merged description), or what went wrong.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum TextResult {
    /// It worked.
    Ok {
        /// Always `true`.
        ok: bool,
        /// The text.
        text: String,
    },
    /// It did not.
    Err(Failed),
}

/// One Algoritmeregister entry turned into a description (by `toets-register`).
#[derive(Debug, Clone, Serialize)]
pub struct RegisterEntry {
    /// The register's id of the entry, if any.
    pub id: Option<String>,
    /// The system's name, if the entry gives one.
    pub name: Option<String>,
    /// The description as JSON text, ready for a check.
    pub text: String,
    /// What happened to each register field read: which fact it set, or why none.
    pub notes: Vec<toets_register::MappedField>,
}

/// Every entry of an Algoritmeregister file (one object, or a list as the
/// register exports them), each turned into a description. Only structured
/// fields are mapped; everything else stays unknown, so the interview asks.
///
/// # Errors
/// Not JSON (with line and column), a field of the wrong type (with its JSON
/// path), no name, an empty list.
pub fn from_register(json: &str) -> Result<Vec<RegisterEntry>, Failed> {
    let mappings = toets_register::from_register_all(json).map_err(|e| {
        let mut d = Diagnostic::from_miette(&e, &[]);
        d.source_name = Some("register entry".to_owned());
        if let Some((line, column)) = e.line_column() {
            (d.line, d.column, d.end_line, d.end_column) =
                (Some(line), Some(column), Some(line), Some(column));
        }
        Failed::new(Stage::Register, vec![d])
    })?;
    Ok(mappings
        .into_iter()
        .map(|m| RegisterEntry {
            id: m.id.clone(),
            name: m
                .description
                .get("system")
                .and_then(|s| s.get("name"))
                .and_then(Json::as_str)
                .map(str::to_owned),
            text: m.description_text() + "\n",
            notes: m.notes,
        })
        .collect())
}

/// A compiled rule set with the files it came from.
#[derive(Debug, Clone)]
pub struct Engine {
    rules: RuleSet,
    files: Vec<RuleFile>,
}

/// The built-in rule files.
pub fn builtin_files() -> Vec<RuleFile> {
    toets_rules::BUILTIN
        .iter()
        .map(|(name, text)| RuleFile {
            name: (*name).to_owned(),
            text: (*text).to_owned(),
        })
        .collect()
}

impl Engine {
    /// Compiles the built-in rules.
    ///
    /// # Errors
    /// The diagnostics, if the built-in rules do not compile.
    pub fn builtin() -> Result<Engine, Vec<Diagnostic>> {
        Engine::compile(builtin_files())
    }

    /// Compiles rule files.
    ///
    /// # Errors
    /// Every syntax and semantic error, with file, line and column.
    pub fn compile(files: Vec<RuleFile>) -> Result<Engine, Vec<Diagnostic>> {
        let sources = files
            .iter()
            .map(|f| SourceFile::new(f.name.as_str(), f.text.as_str()))
            .collect();
        match RuleSet::compile(sources) {
            Ok(rules) => {
                let mut files = files;
                files.sort_by(|a, b| a.name.cmp(&b.name));
                Ok(Engine { rules, files })
            }
            Err(errors) => {
                let texts: Vec<(&str, &str)> = files
                    .iter()
                    .map(|f| (f.name.as_str(), f.text.as_str()))
                    .collect();
                Err(errors
                    .0
                    .iter()
                    .map(|e| Diagnostic::from_miette(e, &texts))
                    .collect())
            }
        }
    }

    /// The compiled rule set.
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// What the rule set holds.
    pub fn info(&self) -> RulesInfo {
        RulesInfo {
            sha256: self.rules.sha256().to_owned(),
            files: self.files.clone(),
            laws: self
                .rules
                .laws()
                .iter()
                .map(|l| LawInfo {
                    id: l.id.clone(),
                    title: l.title.clone(),
                    abbrev: l.abbrev.clone(),
                })
                .collect(),
            norms: self.rules.norms().iter().map(|n| n.id.clone()).collect(),
            facts: self
                .rules
                .facts()
                .iter()
                .map(|f| self.declared(f))
                .collect(),
        }
    }

    /// A declared fact as the page asks it.
    fn declared(&self, f: &Fact) -> FactInfo {
        FactInfo {
            fact: f.id.clone(),
            ask: f.ask.clone(),
            help: f.help.clone(),
            ty: f.ty.describe(),
            kind: kind(&f.ty),
            options: f.ty.variants().to_vec(),
            choices: f
                .ty
                .variants()
                .iter()
                .map(|v| AnswerOption {
                    value: v.clone(),
                    label: Bilingual {
                        nl: f.value_label(v, Lang::Nl).to_owned(),
                        en: f.value_label(v, Lang::En).to_owned(),
                    },
                })
                .collect(),
            presupposes: f
                .presupposes
                .iter()
                .filter_map(|p| self.rules.facts().get(p.index()))
                .map(|p| p.id.clone())
                .collect(),
        }
    }

    fn fact_info(&self, q: &Question) -> FactInfo {
        let declared = self
            .rules
            .fact_id(&q.fact)
            .and_then(|id| self.rules.facts().get(id.index()));
        match declared {
            Some(f) => FactInfo {
                ask: q.ask.clone(),
                help: q.help.clone(),
                ..self.declared(f)
            },
            None => FactInfo {
                fact: q.fact.clone(),
                ask: q.ask.clone(),
                help: q.help.clone(),
                ty: q.ty.clone(),
                kind: AnswerKind::Text,
                options: Vec::new(),
                choices: Vec::new(),
                presupposes: Vec::new(),
            },
        }
    }

    /// One question with its kind of answer and its place in the order.
    pub fn question(&self, q: &Question) -> QuestionInfo {
        QuestionInfo {
            fact: self.fact_info(q),
            decides: q.decides.clone(),
            findings: q.findings.clone(),
            stage: q.stage,
            group: q.group.clone(),
        }
    }

    /// The open questions of a verdict, with their kind of answer.
    pub fn questions(&self, verdict: &Verdict) -> Vec<QuestionInfo> {
        verdict
            .open_questions
            .iter()
            .map(|q| self.question(q))
            .collect()
    }

    /// Loads a description (YAML or JSON text) and applies the answers.
    fn load(
        &self,
        text: &str,
        name: &str,
        answers: &BTreeMap<String, Json>,
    ) -> Result<Description, Failed> {
        let mut description = self.rules.load_description(name, text).map_err(|es| {
            Failed::new(
                Stage::Description,
                es.0.iter()
                    .map(|e| Diagnostic::from_miette(e, &[(name, text)]))
                    .collect(),
            )
        })?;
        if answers.is_empty() {
            return Ok(description);
        }
        // The answers are checked by the engine itself: as a description of
        // their own, whose values are then copied over.
        let nested = nest(answers).map_err(|d| Failed::new(Stage::Answers, vec![*d]))?;
        let mut root = Map::new();
        root.insert("facts".to_owned(), Json::Object(nested));
        let answers_text =
            serde_json::to_string_pretty(&Json::Object(root)).unwrap_or_else(|_| "{}".to_owned());
        let given = self
            .rules
            .load_description("answers", &answers_text)
            .map_err(|es| {
                Failed::new(
                    Stage::Answers,
                    es.0.iter()
                        .map(|e| Diagnostic::from_miette(e, &[("answers", &answers_text)]))
                        .collect(),
                )
            })?;
        for key in answers.keys() {
            let group = format!("{key}.");
            for fact in self.rules.facts() {
                let matches = fact.id == *key || fact.id.starts_with(&group);
                if let (true, Some(id)) = (matches, self.rules.fact_id(&fact.id)) {
                    description.set(id, given.value(id).cloned());
                }
            }
        }
        Ok(description)
    }

    fn eval_options(&self, options: &CheckOptions, today: Date) -> Result<EvalOptions, Failed> {
        let date = match &options.date {
            None => today,
            Some(text) => toets_engine::parse_iso_date(text).ok_or_else(|| {
                Failed::new(
                    Stage::Options,
                    vec![Diagnostic::plain(
                        "toets::wasm::date",
                        format!("`{text}` is not a valid date in the form YYYY-MM-DD"),
                        Some("write the date as YYYY-MM-DD, e.g. `2026-11-23`"),
                    )],
                )
            })?,
        };
        let unknown: Vec<Diagnostic> = options
            .laws
            .iter()
            .filter(|id| !self.rules.laws().iter().any(|l| l.id == **id))
            .map(|id| {
                let known: Vec<&str> = self.rules.laws().iter().map(|l| l.id.as_str()).collect();
                Diagnostic::plain(
                    "toets::wasm::law",
                    format!("unknown law `{id}`"),
                    Some(&format!("the rules declare: {}", known.join(", "))),
                )
            })
            .collect();
        if !unknown.is_empty() {
            return Err(Failed::new(Stage::Options, unknown));
        }
        Ok(EvalOptions {
            date,
            laws: options.laws.clone(),
        })
    }

    /// Evaluates a description on a date, with answers applied.
    ///
    /// # Errors
    /// What was wrong with the options, the description or the answers.
    pub fn evaluate(
        &self,
        text: &str,
        options: &CheckOptions,
        today: Date,
    ) -> Result<Verdict, Failed> {
        let eval = self.eval_options(options, today)?;
        let name = options.name.as_deref().unwrap_or("description");
        let mut description = self.load(text, name, &options.answers)?;
        if let Some(system) = &options.system {
            description.set_system(system.over(description.system()));
        }
        self.rules
            .evaluate(&description, &eval)
            .map_err(|e| Failed::new(Stage::Description, vec![Diagnostic::from_miette(&e, &[])]))
    }

    /// Checks a description: the verdict, the open questions and, when
    /// asked, Markdown and the coloured graph.
    ///
    /// # Errors
    /// What was wrong with the options, the description or the answers.
    pub fn check(
        &self,
        text: &str,
        options: &CheckOptions,
        today: Date,
    ) -> Result<Checked, Failed> {
        let verdict = self.evaluate(text, options, today)?;
        let (next, remaining) = self.next(&verdict, &options.skipped);
        Ok(Checked {
            ok: true,
            questions: self.questions(&verdict),
            next,
            remaining,
            markdown: options
                .markdown
                .map(|l| toets_report::markdown(&verdict, l)),
            graph: options.graph.then(|| self.graph(Some(&verdict))),
            verdict,
        })
    }

    /// The norm graph; coloured by outcome when a verdict is given.
    pub fn graph(&self, verdict: Option<&Verdict>) -> Graph {
        let rules = &self.rules;
        let nodes = toets_report::graph_nodes(rules)
            .into_iter()
            .map(|g| {
                let id = rules.node_name(g).to_owned();
                let (kind, label, outcome) = match g {
                    Ground::Fact(_) => ("fact", None, None),
                    Ground::Concept(_) => (
                        "concept",
                        rules
                            .concepts()
                            .iter()
                            .find(|c| c.id == id)
                            .and_then(|c| c.labels.clone()),
                        None,
                    ),
                    Ground::Norm(_) => (
                        "norm",
                        rules
                            .norms()
                            .iter()
                            .find(|n| n.id == id)
                            .map(|n| n.labels.clone()),
                        verdict.and_then(|v| v.norm(&id)).map(|n| n.outcome),
                    ),
                    Ground::Finding(f) => (
                        "finding",
                        rules.findings().get(f.index()).map(|x| x.labels.clone()),
                        None,
                    ),
                };
                GraphNode {
                    id,
                    kind,
                    label,
                    outcome,
                }
            })
            .collect();
        let edges = rules
            .edges()
            .into_iter()
            .map(|(a, b)| GraphEdge {
                from: rules.node_name(a).to_owned(),
                to: rules.node_name(b).to_owned(),
            })
            .collect();
        Graph {
            nodes,
            edges,
            dot: toets_report::graph_dot(rules, verdict),
            mermaid: toets_report::graph_mermaid(rules, verdict),
        }
    }

    /// The description with the answers applied, as JSON text: what a page
    /// offers to save after an interview. Comments of the original are lost.
    ///
    /// # Errors
    /// What was wrong with the description or the answers.
    pub fn merged_description(&self, text: &str, options: &CheckOptions) -> Result<String, Failed> {
        let name = options.name.as_deref().unwrap_or("description");
        let mut description = self.load(text, name, &options.answers)?;
        if let Some(system) = &options.system {
            description.set_system(system.over(description.system()));
        }
        let mut facts = Map::new();
        for fact in self.rules.facts() {
            let Some(id) = self.rules.fact_id(&fact.id) else {
                continue;
            };
            if let Some(value) = description.value(id) {
                let json = serde_json::to_value(value).unwrap_or(Json::Null);
                insert_path(&mut facts, &fact.id, json);
            }
        }
        let mut root = Map::new();
        let system = serde_json::to_value(description.system()).unwrap_or(Json::Null);
        if system.as_object().is_some_and(|o| !o.is_empty()) {
            root.insert("system".to_owned(), system);
        }
        root.insert("facts".to_owned(), Json::Object(facts));
        Ok(serde_json::to_string_pretty(&Json::Object(root)).unwrap_or_default() + "\n")
    }

    /// Runs the test blocks of the rule files.
    pub fn run_tests(&self, date: Date) -> TestReport {
        self.rules.run_tests(date)
    }

    /// A JSON Schema of descriptions for these rules.
    pub fn schema(&self) -> Json {
        self.rules.description_schema()
    }
}

/// Inserts `value` at the dotted `path`, creating objects on the way.
/// Returns `false` if a value already stands where an object is needed.
fn insert_path(root: &mut Map<String, Json>, path: &str, value: Json) -> bool {
    let mut map = root;
    let mut parts = path.split('.').peekable();
    while let Some(part) = parts.next() {
        if parts.peek().is_none() {
            map.insert(part.to_owned(), value);
            return true;
        }
        let entry = map
            .entry(part.to_owned())
            .or_insert_with(|| Json::Object(Map::new()));
        let Json::Object(next) = entry else {
            return false;
        };
        map = next;
    }
    false
}

/// Nests answers keyed by dotted fact ids into a `facts` mapping.
fn nest(answers: &BTreeMap<String, Json>) -> Result<Map<String, Json>, Box<Diagnostic>> {
    let mut facts = Map::new();
    for (key, value) in answers {
        if key.is_empty() || !insert_path(&mut facts, key, value.clone()) {
            return Err(Box::new(Diagnostic::plain(
                "toets::wasm::answers",
                format!("the answer `{key}` conflicts with another answer"),
                Some("give each fact once, either by its full id or within its group"),
            )));
        }
    }
    Ok(facts)
}

#[cfg(test)]
mod tests;
