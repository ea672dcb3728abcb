//! The verdict: what evaluation concludes, with the trace a lawyer can follow.
//!
//! Its JSON shape is documented in `docs/verdict-json.md` and is stable:
//! fields may be added, never renamed or removed, within a major version.

use serde::Serialize;

use crate::model::{Bilingual, Citation};
use crate::value::Value;

/// The outcome of one norm.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The norm does not apply to this system (or an exception holds).
    NotApplicable,
    /// The norm applies and its requirement is met.
    Met,
    /// The norm applies and its requirement is not met.
    Violated,
    /// A norm that rests on guidance or policy, not on a statute, applies
    /// and its requirement is not met: a recommendation not followed, not a
    /// violation of the law.
    NotFollowed,
    /// Unknown facts decide; see the open questions.
    Undetermined,
    /// Only human judgement can settle it; see what it rests on.
    NeedsJudgement,
    /// The norm (or its law) is not in force on the evaluation date.
    NotInForce,
}

impl Outcome {
    /// Every outcome, in display order.
    pub const ALL: [Outcome; 7] = [
        Outcome::Violated,
        Outcome::NotFollowed,
        Outcome::Undetermined,
        Outcome::NeedsJudgement,
        Outcome::Met,
        Outcome::NotApplicable,
        Outcome::NotInForce,
    ];

    /// The outcome's stable name, as in JSON and test blocks.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::NotApplicable => "not_applicable",
            Outcome::Met => "met",
            Outcome::Violated => "violated",
            Outcome::NotFollowed => "not_followed",
            Outcome::Undetermined => "undetermined",
            Outcome::NeedsJudgement => "needs_judgement",
            Outcome::NotInForce => "not_in_force",
        }
    }

    /// A short human label.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::NotApplicable => "not applicable",
            Outcome::Met => "met",
            Outcome::Violated => "violated",
            Outcome::NotFollowed => "not followed",
            Outcome::Undetermined => "undetermined",
            Outcome::NeedsJudgement => "needs judgement",
            Outcome::NotInForce => "not in force",
        }
    }
}

/// The overall result of a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Overall {
    /// At least one norm is violated.
    Violations,
    /// No violation, but open questions decide at least one norm.
    Undetermined,
    /// No violation and nothing open, but at least one step needs human judgement.
    NeedsJudgement,
    /// Every norm is met, not applicable or not in force.
    NoViolations,
}

impl Overall {
    /// A short human label.
    pub fn label(self) -> &'static str {
        match self {
            Overall::Violations => "violations found",
            Overall::Undetermined => "undetermined: open questions remain",
            Overall::NeedsJudgement => "needs human judgement",
            Overall::NoViolations => "no violations found",
        }
    }
}

/// Everything needed to reproduce a verdict later.
#[derive(Debug, Clone, Serialize)]
pub struct Provenance {
    /// Version of toets that produced it.
    pub toets_version: String,
    /// SHA-256 of the rule set (file names and texts, in name order).
    pub rules_sha256: String,
    /// SHA-256 of the description text.
    pub description_sha256: String,
    /// The date the norms were evaluated on.
    pub evaluation_date: String,
    /// The laws with their dates.
    pub laws: Vec<LawInfo>,
}

/// A law as the verdict cites it.
#[derive(Debug, Clone, Serialize)]
pub struct LawInfo {
    /// Short id.
    pub id: String,
    /// Title.
    pub title: Bilingual,
    /// Abbreviation.
    pub abbrev: Bilingual,
    /// Official citation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cite: Option<String>,
    /// In force from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_force: Option<String>,
    /// In force until.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
}

/// The system the description is about.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SystemInfo {
    /// Name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Organisation responsible.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    /// What it is for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    /// Who to ask.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
}

/// Counts of outcomes for one law.
#[derive(Debug, Clone, Serialize)]
pub struct LawSummary {
    /// The law's id.
    pub law: String,
    /// Its abbreviation.
    pub abbrev: Bilingual,
    /// Norms per outcome; every outcome is present, zero or not.
    pub counts: std::collections::BTreeMap<&'static str, usize>,
}

/// Where a value came from in the description.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    /// Key path, e.g. `facts.dpia.performed`.
    pub path: String,
    /// One-based line.
    pub line: usize,
    /// One-based column.
    pub column: usize,
}

/// A fact a conclusion used.
#[derive(Debug, Clone, Serialize)]
pub struct FactUse {
    /// The fact's id.
    pub fact: String,
    /// Its value, or `null` when unknown.
    pub value: Option<Value>,
    /// For a listed value (or values), its label (labels joined with `, `).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_label: Option<Bilingual>,
    /// Where the value came from; absent when unknown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

/// Which part of a norm a condition is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClauseKind {
    /// `applies when`
    Applies,
    /// `requires`
    Requires,
    /// `unless`
    Exception,
    /// `settled by`
    Judgement,
}

/// One clause of a norm with its truth value.
#[derive(Debug, Clone, Serialize)]
pub struct ConditionTrace {
    /// Which clause.
    pub clause: ClauseKind,
    /// The exception's or judgement's label, for those clauses.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<Bilingual>,
    /// `true`, `false` or `null` (unknown).
    pub value: Option<bool>,
    /// Facts the clause read directly.
    pub facts: Vec<FactUse>,
    /// Concepts the clause read directly.
    pub concepts: Vec<String>,
    /// Norms the clause read directly, with their outcomes.
    pub norms: Vec<NormRef>,
}

/// A reference to another norm's result.
#[derive(Debug, Clone, Serialize)]
pub struct NormRef {
    /// The norm's id.
    pub norm: String,
    /// Its outcome.
    pub outcome: Outcome,
}

/// The exception that took a norm out of play.
#[derive(Debug, Clone, Serialize)]
pub struct AppliedException {
    /// Labels.
    pub label: Bilingual,
    /// Its citations.
    pub citations: Vec<CitationOut>,
}

/// A citation with its rendered forms (`text`: `AVG art. 35(3)(a)` /
/// `GDPR Art. 35(3)(a)`), as the checked model holds it.
pub type CitationOut = Citation;

/// What decided a conclusion: a fact, a concept or another norm.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    /// A fact with its value.
    Fact(FactUse),
    /// A concept with its truth, and the facts that decided it.
    Concept(ConceptReason),
    /// Another norm's outcome.
    Norm(NormRef),
}

/// A concept as a reason.
#[derive(Debug, Clone, Serialize)]
pub struct ConceptReason {
    /// The concept's id.
    pub concept: String,
    /// Its labels, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<Bilingual>,
    /// Its truth.
    pub value: Option<bool>,
    /// Its citations.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub citations: Vec<CitationOut>,
    /// The facts (and norms) that decided it.
    pub because: Vec<Reason>,
}

/// The case a finding takes.
#[derive(Debug, Clone, Serialize)]
pub struct CaseOut {
    /// The case's id.
    pub id: String,
    /// Its labels.
    pub label: Bilingual,
}

/// A finding: a conclusion shown first, such as a classification.
#[derive(Debug, Clone, Serialize)]
pub struct FindingResult {
    /// The finding's id.
    pub id: String,
    /// Its law's id.
    pub law: String,
    /// Labels.
    pub label: Bilingual,
    /// Citations.
    pub citations: Vec<CitationOut>,
    /// Links.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub see: Vec<String>,
    /// `true` or `false`; `null` while open. For a finding with cases: `true`
    /// when a case holds (see `case`), `false` when none does.
    pub value: Option<bool>,
    /// The case that holds, for a finding with cases.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub case: Option<CaseOut>,
    /// The facts and concepts that decided it (empty while open).
    pub because: Vec<Reason>,
    /// While open: the questions that could decide it, in question order.
    pub open_questions: Vec<String>,
}

/// The human judgement a norm waits for, and what it rests on.
#[derive(Debug, Clone, Serialize)]
pub struct JudgementOut {
    /// What is to be judged.
    pub label: Bilingual,
    /// The facts it rests on, with their values.
    pub rests_on_facts: Vec<FactUse>,
    /// The concepts it rests on, with their truth.
    pub rests_on_concepts: Vec<ConceptRef>,
    /// The norms it rests on, with their outcomes.
    pub rests_on_norms: Vec<NormRef>,
    /// Whether a recorded judgement settles it: `true`/`false`, `null` if none is recorded.
    pub settled: Option<bool>,
    /// The record the settlement rests on (facts read by `settled by`).
    pub record: Vec<FactUse>,
}

/// A concept with its truth.
#[derive(Debug, Clone, Serialize)]
pub struct ConceptRef {
    /// The concept's id.
    pub concept: String,
    /// Its truth.
    pub value: Option<bool>,
}

/// A question whose answer could still change a result.
#[derive(Debug, Clone, Serialize)]
pub struct Question {
    /// The fact to answer.
    pub fact: String,
    /// The question.
    pub ask: Bilingual,
    /// Help, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<Bilingual>,
    /// The type of answer expected, as written in rule files.
    #[serde(rename = "type")]
    pub ty: String,
    /// What kind of question it is in the question order.
    pub stage: QuestionStage,
    /// The group it is asked with (its id up to the last dot).
    pub group: String,
    /// For a `one of` or `set of` fact: the values with their labels.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<AnswerOption>,
    /// The norms whose outcome it could change, in verdict order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub decides: Vec<String>,
    /// The findings it could decide.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<String>,
}

/// Where a question stands in the question order (`docs/questions.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionStage {
    /// It decides a finding: what the system is.
    Finding,
    /// It decides whether a norm applies.
    Scope,
    /// It decides a norm's requirement.
    Requirement,
    /// It decides an exception of a norm that applies and whose requirement
    /// fails or is open.
    Exception,
    /// It decides an exception of a norm that may not apply, or whose
    /// requirement may hold: asked last.
    ExceptionLater,
    /// It records a human judgement (see `judgements`).
    Judgement,
}

/// A judgement a person must still record: the step of the interview after
/// the facts.
#[derive(Debug, Clone, Serialize)]
pub struct JudgementStep {
    /// The norm whose judgement it is.
    pub norm: String,
    /// The norm's labels.
    pub norm_label: Bilingual,
    /// What is to be judged.
    pub label: Bilingual,
    /// What the judgement rests on, with the values.
    pub rests_on_facts: Vec<FactUse>,
    /// The concepts it rests on.
    pub rests_on_concepts: Vec<ConceptRef>,
    /// The norms it rests on.
    pub rests_on_norms: Vec<NormRef>,
    /// The parts of the record still missing, as questions.
    pub record: Vec<Question>,
    /// The parts of the record already given.
    pub recorded: Vec<FactUse>,
}

/// A value a listed fact can take.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerOption {
    /// The value as written in descriptions.
    pub value: String,
    /// Its labels (the value itself where the rules give none).
    pub label: Bilingual,
}

/// A concept's value, as used by the norms in this verdict.
#[derive(Debug, Clone, Serialize)]
pub struct ConceptResult {
    /// The concept's id.
    pub id: String,
    /// Labels, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<Bilingual>,
    /// Its citations.
    pub citations: Vec<CitationOut>,
    /// Its truth.
    pub value: Option<bool>,
    /// Facts it read directly.
    pub facts: Vec<FactUse>,
    /// Concepts it read directly.
    pub concepts: Vec<String>,
    /// Norms it read directly.
    pub norms: Vec<NormRef>,
}

/// One norm's conclusion with its trace.
#[derive(Debug, Clone, Serialize)]
pub struct NormResult {
    /// The norm's id.
    pub id: String,
    /// Its law's id.
    pub law: String,
    /// Labels.
    pub label: Bilingual,
    /// Exact citations.
    pub citations: Vec<CitationOut>,
    /// Links, e.g. Algoritmekader requirement ids.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub see: Vec<String>,
    /// The guidance or policy the norm rests on instead of a statute; absent
    /// for a norm of the law itself.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub guidance: Vec<String>,
    /// The outcome.
    pub outcome: Outcome,
    /// Why it is not in force, if so: the date it starts or ended.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_force_note: Option<String>,
    /// When not yet in force: the date from which it applies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applies_from: Option<String>,
    /// When not in force: whether it would apply to this system on the facts
    /// (`null` if that is open).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub would_apply: Option<Option<bool>>,
    /// What decided the outcome: the facts that failed the requirement of a
    /// violated norm, that put a norm out of scope, or that made its
    /// exception hold.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub because: Vec<Reason>,
    /// The clauses with their values.
    pub conditions: Vec<ConditionTrace>,
    /// The exception that applied, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exception: Option<AppliedException>,
    /// The judgement step, if the norm has one and reached it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub judgement: Option<JudgementOut>,
    /// Norms whose judgement this result waits for.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub awaiting_judgement: Vec<String>,
    /// Questions whose answers could change this outcome (only when
    /// undetermined), in question order.
    pub open_questions: Vec<String>,
    /// Open, but the exact pass stopped at its bound: the outcome is sound,
    /// and `open_questions` may list a question that cannot change it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub approximate: bool,
}

/// The result of checking one description against a rule set.
#[derive(Debug, Clone, Serialize)]
pub struct Verdict {
    /// Version of this JSON shape.
    pub format_version: u32,
    /// The overall result.
    pub overall: Overall,
    /// The system checked.
    pub system: SystemInfo,
    /// Reproduction data.
    pub provenance: Provenance,
    /// The findings, in rule-set order: what the system is, legally.
    pub findings: Vec<FindingResult>,
    /// One summary per law, in rule-set order.
    pub laws: Vec<LawSummary>,
    /// Every evaluated norm, in rule-set order.
    pub norms: Vec<NormResult>,
    /// Every concept a norm used, in rule-set order.
    pub concepts: Vec<ConceptResult>,
    /// The questions still open, in question order (`docs/questions.md`).
    pub open_questions: Vec<Question>,
    /// The judgements still to record, in rule-set order: asked after the
    /// open questions.
    pub judgements: Vec<JudgementStep>,
}

impl Verdict {
    /// The result of one norm.
    pub fn norm(&self, id: &str) -> Option<&NormResult> {
        self.norms.iter().find(|n| n.id == id)
    }

    /// The result of one finding.
    pub fn finding(&self, id: &str) -> Option<&FindingResult> {
        self.findings.iter().find(|f| f.id == id)
    }

    /// The verdict as pretty-printed JSON, in its documented shape.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|e| {
            // Serialising plain data cannot fail; keep the error visible if it ever does.
            format!("{{\"error\": \"{e}\"}}")
        })
    }
}
