//! What the page's interview needs after each answer: the outcomes without
//! the trace, the findings, the judgements to record, and the next step as
//! the engine's interview logic (`toets_engine::interview`) gives it. The
//! page keeps no order of its own.

use jiff::civil::Date;
use serde::Serialize;
use toets_engine::interview::{self, Next};
use toets_engine::model::Bilingual;
use toets_engine::verdict::{FindingResult, JudgementStep, SystemInfo};
use toets_engine::{Outcome, Verdict};

use super::{CheckOptions, Engine, Failed, QuestionInfo};

/// What the interview asks next.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NextStep {
    /// An open question.
    Question {
        /// The question.
        question: QuestionInfo,
    },
    /// A part of the record of a judgement a person must make: asked after
    /// the open questions, with what the judgement rests on.
    Record {
        /// The judgement: what is to be judged, what it rests on, the record.
        judgement: Box<JudgementStep>,
        /// The part of the record asked now.
        question: QuestionInfo,
    },
    /// Nothing is left to ask (skipped facts may still be open).
    Done,
}

/// One norm's outcome, without its trace.
#[derive(Debug, Clone, Serialize)]
pub struct NormOutcome {
    /// The norm's id.
    pub id: String,
    /// Its law's id.
    pub law: String,
    /// Its name.
    pub label: Bilingual,
    /// Its outcome.
    pub outcome: Outcome,
    /// When not yet in force: the date from which it applies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applies_from: Option<String>,
    /// When not in force: whether it would apply on the facts (`null`: open).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub would_apply: Option<Option<bool>>,
}

/// A check without the trace: what an interview needs after each answer.
/// Much smaller than the verdict, so much faster to hand to JavaScript.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Always `true`.
    pub ok: bool,
    /// The overall result.
    pub overall: toets_engine::Overall,
    /// The system, with what the interview gave.
    pub system: SystemInfo,
    /// The findings, in rule-set order, with what decided them.
    pub findings: Vec<FindingResult>,
    /// Norms per outcome, per law (as in the verdict).
    pub laws: Vec<toets_engine::verdict::LawSummary>,
    /// Every reported norm with its outcome, in rule-set order.
    pub norms: Vec<NormOutcome>,
    /// The open questions, in the engine's question order.
    pub questions: Vec<QuestionInfo>,
    /// The judgements still to record.
    pub judgements: Vec<JudgementStep>,
    /// What the interview asks next, the skipped facts left out.
    pub next: NextStep,
    /// How many things are left to ask, the skipped facts left out.
    pub remaining: usize,
}

impl Engine {
    /// The next step of the interview on `verdict` and how many are left,
    /// the facts in `skipped` left out.
    pub fn next(&self, verdict: &Verdict, skipped: &[String]) -> (NextStep, usize) {
        let is_skipped = |fact: &str| skipped.iter().any(|s| s == fact);
        let next = match interview::next(verdict, is_skipped) {
            Next::Question(q) => NextStep::Question {
                question: self.question(q),
            },
            Next::Record(step, q) => NextStep::Record {
                judgement: Box::new(step.clone()),
                question: self.question(q),
            },
            Next::Done => NextStep::Done,
        };
        (next, interview::remaining(verdict, is_skipped))
    }

    /// Checks a description and gives the outcomes, findings, open questions
    /// and the interview's next step, without the trace.
    ///
    /// # Errors
    /// What was wrong with the options, the description or the answers.
    pub fn summary(
        &self,
        text: &str,
        options: &CheckOptions,
        today: Date,
    ) -> Result<Summary, Failed> {
        let verdict = self.evaluate(text, options, today)?;
        let (next, remaining) = self.next(&verdict, &options.skipped);
        Ok(Summary {
            ok: true,
            overall: verdict.overall,
            questions: self.questions(&verdict),
            norms: verdict
                .norms
                .iter()
                .map(|n| NormOutcome {
                    id: n.id.clone(),
                    law: n.law.clone(),
                    label: n.label.clone(),
                    outcome: n.outcome,
                    applies_from: n.applies_from.clone(),
                    would_apply: n.would_apply,
                })
                .collect(),
            next,
            remaining,
            system: verdict.system,
            findings: verdict.findings,
            laws: verdict.laws,
            judgements: verdict.judgements,
        })
    }
}

#[cfg(test)]
mod tests;
