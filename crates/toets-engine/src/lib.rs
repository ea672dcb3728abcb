//! The toets engine: compiles rule files into a checked [`RuleSet`] with its
//! norm graph, loads system descriptions, and evaluates them into traceable
//! [`Verdict`]s. It does no file or network I/O, so it builds for
//! `wasm32-unknown-unknown`.
//!
//! ```
//! use toets_engine::{EvalOptions, RuleSet};
//! use toets_syntax::SourceFile;
//!
//! let rules = RuleSet::compile(vec![SourceFile::new(
//!     "demo.toets",
//!     r#"
//!     law avg "Algemene verordening gegevensbescherming" / "General Data Protection Regulation" {
//!       abbrev "AVG" / "GDPR"
//!     }
//!     fact dpia_performed: bool ask nl "Is er een DPIA?" en "Was a DPIA performed?"
//!     norm avg.dpia "DPIA" / "DPIA" cites avg art 35(1) requires dpia_performed
//!     "#,
//! )])?;
//! let description = rules.load_description("system.yaml", "facts: { dpia_performed: false }")?;
//! let verdict = rules.evaluate(&description, &EvalOptions::on("2026-11-23".parse()?))?;
//! assert_eq!(verdict.norm("avg.dpia").map(|n| n.outcome), Some(toets_engine::Outcome::Violated));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod artefact;
mod check;
pub mod coverage;
mod description;
mod error;
mod eval;
pub mod interview;
pub mod invariants;
pub mod model;
pub mod mutate;
mod schema;
mod suggest;
mod testing;
mod value;
pub mod verdict;

pub use artefact::ArtefactError;

use std::collections::HashMap;

use jiff::civil::Date;
use sha2::{Digest, Sha256};
use toets_syntax::{SourceFile, ast};

pub use description::{
    Description, DescriptionError, DescriptionErrors, MAX_DESCRIPTION_BYTES, MAX_DESCRIPTION_DEPTH,
};
pub use error::{RuleError, RuleErrors};
pub use testing::{TestFailure, TestReport, TestResult};
pub use value::{Truth, Value, parse_iso_date, truth_word};
pub use verdict::{Outcome, Overall, Verdict};

use check::{Graph, Symbol};
use model::{Concept, ConceptId, Fact, FactId, Finding, Ground, Law, Norm, NormId, TestCase};

/// Largest number of facts a rule set may declare.
pub const MAX_FACTS: usize = 10_000;

/// A compiled, checked rule set. Compile once, evaluate many descriptions:
/// it is immutable, `Send` and `Sync`. [`RuleSet::to_artefact`] stores it
/// compiled, and [`RuleSet::from_artefact`] loads it without parsing.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct RuleSet {
    pub(crate) sources: Vec<SourceFile>,
    pub(crate) laws: Vec<Law>,
    pub(crate) facts: Vec<Fact>,
    pub(crate) concepts: Vec<Concept>,
    pub(crate) norms: Vec<Norm>,
    pub(crate) findings: Vec<Finding>,
    pub(crate) tests: Vec<TestCase>,
    #[serde(with = "artefact::sorted_map")]
    pub(crate) names: HashMap<String, Symbol>,
    pub(crate) graph: Graph,
    pub(crate) expansions: check::Expansions,
    pub(crate) sha256: String,
}

/// How to evaluate.
#[derive(Debug, Clone)]
pub struct EvalOptions {
    /// The date that decides which norms are in force.
    pub date: Date,
    /// Report only the norms of these laws (by id); empty for all.
    pub laws: Vec<String>,
}

impl EvalOptions {
    /// Evaluate on `date`, reporting every law.
    pub fn on(date: Date) -> Self {
        EvalOptions {
            date,
            laws: Vec::new(),
        }
    }
}

/// Parsed rule files checked for an editor (see [`RuleSet::analyse`]).
#[derive(Debug)]
pub struct Analysis {
    /// The files, in the order [`model::Origin::file`] counts them.
    pub sources: Vec<SourceFile>,
    /// The rule set, or every error the checker found.
    pub rules: Result<RuleSet, RuleErrors>,
    /// Every resolved name and citation with what it stands for, also when
    /// the files hold errors.
    pub references: model::References,
}

/// The description was loaded for another rule set.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("the description was loaded for another rule set")]
#[diagnostic(
    code(toets::evaluate::mismatch),
    help("load the description with the rule set that evaluates it")
)]
pub struct RuleSetMismatch;

impl RuleSet {
    /// Parses and checks rule files into a rule set. Files are taken in name
    /// order, so the result does not depend on the order they are given in.
    ///
    /// # Errors
    /// Every syntax and semantic error found, each with file, line and column.
    pub fn compile(mut sources: Vec<SourceFile>) -> Result<RuleSet, RuleErrors> {
        if sources.is_empty() {
            return Err(RuleErrors(vec![RuleError::Empty]));
        }
        sources.sort_by(|a, b| a.name().cmp(b.name()));
        let mut files = Vec::with_capacity(sources.len());
        let mut errors = Vec::new();
        for source in &sources {
            match toets_syntax::parse(source) {
                Ok(file) => files.push(file),
                Err(es) => errors.extend(es.into_iter().map(RuleError::from)),
            }
        }
        if !errors.is_empty() {
            return Err(RuleErrors(errors));
        }
        Self::analyse(&files).rules
    }

    /// Checks rule files that are already parsed: an editor re-parses only
    /// the file that changed. The files are taken in the order given (give
    /// them in name order to get the rule set [`RuleSet::compile`] gives).
    /// The references table comes back also when the files hold errors.
    pub fn analyse(files: &[ast::File]) -> Analysis {
        let sources: Vec<SourceFile> = files.iter().map(|f| f.source.clone()).collect();
        let (checked, references) = check::Checker::check(files);
        let rules = checked.map_err(RuleErrors).and_then(|checked| {
            let sha256 = RuleSet::hash_sources(&sources);
            Self::assemble(files, sources.clone(), checked, sha256)
        });
        Analysis {
            sources,
            rules,
            references,
        }
    }

    /// Checks parsed files (one per source, in the same order) into a rule
    /// set that claims `sha256`: a mutant of a rule set keeps its hash.
    pub(crate) fn assemble_claiming(
        sources: Vec<SourceFile>,
        files: &[ast::File],
        sha256: String,
    ) -> Result<RuleSet, RuleErrors> {
        let (checked, _) = check::Checker::check(files);
        Self::assemble(files, sources, checked.map_err(RuleErrors)?, sha256)
    }

    fn assemble(
        files: &[ast::File],
        sources: Vec<SourceFile>,
        checked: check::Checked,
        sha256: String,
    ) -> Result<RuleSet, RuleErrors> {
        if files.is_empty() {
            return Err(RuleErrors(vec![RuleError::Empty]));
        }
        if checked.norms.is_empty() {
            return Err(RuleErrors(vec![RuleError::NoNorms(error::NoNorms {
                files: sources
                    .iter()
                    .map(|s| format!("`{}`", s.name()))
                    .collect::<Vec<_>>()
                    .join(", "),
            })]));
        }
        if checked.facts.len() > MAX_FACTS {
            let first = files.first().map(|f| f.source.named_source());
            return Err(RuleErrors(vec![RuleError::Structure(error::Structure {
                src: first
                    .unwrap_or_else(|| miette::NamedSource::new("", std::sync::Arc::from(""))),
                span: (0..0).into(),
                message: format!(
                    "the rule set declares {} facts, more than the limit of {MAX_FACTS}",
                    checked.facts.len()
                ),
                label: "here".to_owned(),
                help: "split the rules into separate rule sets".to_owned(),
            })]));
        }
        Ok(RuleSet {
            sources,
            laws: checked.laws,
            facts: checked.facts,
            concepts: checked.concepts,
            norms: checked.norms,
            findings: checked.findings,
            tests: checked.tests,
            names: checked.names,
            graph: checked.graph,
            expansions: checked.expansions,
            sha256,
        })
    }

    /// The SHA-256 a rule set compiled from `sources` has (see
    /// [`RuleSet::sha256`]), without compiling: the key of a cache of
    /// compiled rule sets.
    pub fn hash_sources(sources: &[SourceFile]) -> String {
        let mut sorted: Vec<&SourceFile> = sources.iter().collect();
        sorted.sort_by(|a, b| a.name().cmp(b.name()));
        let mut hasher = Sha256::new();
        for s in sorted {
            hasher.update(s.name().as_bytes());
            hasher.update([0]);
            hasher.update(s.text().as_bytes());
            hasher.update([0]);
        }
        description::hex(&hasher.finalize())
    }

    /// Loads a YAML or JSON system description against this rule set.
    ///
    /// # Errors
    /// Every unknown key, wrong type and syntax error, with line and column.
    pub fn load_description(
        &self,
        name: &str,
        text: &str,
    ) -> Result<Description, DescriptionErrors> {
        description::load(self, name, text)
    }

    /// Evaluates a description into a verdict.
    ///
    /// # Errors
    /// [`RuleSetMismatch`] if the description was loaded for another rule set.
    pub fn evaluate(
        &self,
        description: &Description,
        options: &EvalOptions,
    ) -> Result<Verdict, RuleSetMismatch> {
        if description.rules_sha256 != self.sha256 {
            return Err(RuleSetMismatch);
        }
        let ev = eval::Evaluation::run(self, description, options.date, &options.laws);
        let provenance = verdict::Provenance {
            toets_version: env!("CARGO_PKG_VERSION").to_owned(),
            rules_sha256: self.sha256.clone(),
            description_sha256: description.sha256.clone(),
            evaluation_date: options.date.to_string(),
            laws: self
                .laws
                .iter()
                .map(|l| verdict::LawInfo {
                    id: l.id.clone(),
                    title: l.title.clone(),
                    abbrev: l.abbrev.clone(),
                    cite: l.cite.clone(),
                    in_force: l.in_force.map(|d| d.to_string()),
                    until: l.until.map(|d| d.to_string()),
                })
                .collect(),
        };
        let filter = eval::Filter {
            laws: &options.laws,
        };
        Ok(eval::build_verdict(&ev, &filter, provenance))
    }

    /// The files the rule set was compiled from, in name order.
    pub fn sources(&self) -> &[SourceFile] {
        &self.sources
    }

    /// SHA-256 of the rule files (names and texts, in name order).
    pub fn sha256(&self) -> &str {
        &self.sha256
    }

    /// The declared laws.
    pub fn laws(&self) -> &[Law] {
        &self.laws
    }

    /// A law by its index, as held by [`Norm::law`].
    pub fn law(&self, id: model::LawId) -> Option<&Law> {
        self.laws.get(id.index())
    }

    /// The declared facts.
    pub fn facts(&self) -> &[Fact] {
        &self.facts
    }

    /// The declared concepts.
    pub fn concepts(&self) -> &[Concept] {
        &self.concepts
    }

    /// The declared norms.
    pub fn norms(&self) -> &[Norm] {
        &self.norms
    }

    /// The declared findings, in rule-set order.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// The test blocks.
    pub fn tests(&self) -> &[TestCase] {
        &self.tests
    }

    /// A fact by id.
    pub fn fact_id(&self, id: &str) -> Option<FactId> {
        match self.names.get(id) {
            Some(Symbol::Fact(f)) => Some(*f),
            _ => None,
        }
    }

    /// A norm by id.
    pub fn norm_id(&self, id: &str) -> Option<NormId> {
        match self.names.get(id) {
            Some(Symbol::Norm(n)) => Some(*n),
            _ => None,
        }
    }

    /// A concept by id.
    pub fn concept_id(&self, id: &str) -> Option<ConceptId> {
        match self.names.get(id) {
            Some(Symbol::Concept(c)) => Some(*c),
            _ => None,
        }
    }

    /// The display name of a node of the graph.
    pub fn node_name(&self, node: Ground) -> &str {
        match node {
            Ground::Fact(id) => self.facts.get(id.index()).map(|x| x.id.as_str()),
            Ground::Concept(id) => self.concepts.get(id.index()).map(|x| x.id.as_str()),
            Ground::Norm(id) => self.norms.get(id.index()).map(|x| x.id.as_str()),
            Ground::Finding(id) => self.findings.get(id.index()).map(|x| x.id.as_str()),
        }
        .unwrap_or_default()
    }

    /// All names in the shared namespace, for suggestions.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.names.keys().map(String::as_str)
    }

    /// What a node reads directly (facts, concepts, norms), sorted.
    pub fn dependencies(&self, node: Ground) -> &[Ground] {
        self.graph.dependencies(node)
    }

    /// What reads a node directly, sorted.
    pub fn dependents(&self, node: Ground) -> &[Ground] {
        self.graph.dependents(node)
    }

    /// Every edge of the norm graph, from what is read to what reads it.
    pub fn edges(&self) -> Vec<(Ground, Ground)> {
        let g = &self.graph.graph;
        let mut out: Vec<(Ground, Ground)> = g
            .edge_indices()
            .filter_map(|e| g.edge_endpoints(e))
            .filter_map(|(a, b)| Some((*g.node_weight(a)?, *g.node_weight(b)?)))
            .collect();
        out.sort_unstable();
        out
    }

    /// A JSON Schema of descriptions for this rule set.
    pub fn description_schema(&self) -> serde_json::Value {
        schema::description_schema(self)
    }

    /// Runs the rule files' test blocks.
    pub fn run_tests(&self, default_date: Date) -> TestReport {
        testing::run(self, default_date)
    }

    /// Runs one test block, by its index in [`RuleSet::tests`].
    pub fn run_test(&self, index: usize, default_date: Date) -> Option<TestResult> {
        let test = self.tests.get(index)?;
        Some(testing::run_one(self, test, default_date))
    }
}

#[cfg(test)]
mod tests;
