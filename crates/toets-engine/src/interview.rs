//! The interview: the questions of a verdict asked one at a time, in the
//! engine's question order (`docs/questions.md`), then the judgements to
//! record. One logic for `toets interview`, the page and the tests that
//! measure how many questions an interview takes.
//!
//! "Don't know" is an answer too: the fact stays unknown and is not asked
//! again. A question is asked only while it can still change an outcome or
//! decide a finding, so an interview ends: every fact is asked at most once.

use std::collections::BTreeSet;

use crate::model::FactId;
use crate::verdict::{JudgementStep, Question, SystemInfo, Verdict};
use crate::{Description, EvalOptions, RuleSet, RuleSetMismatch, Value};

/// What the interview asks next.
#[derive(Debug, Clone, Copy)]
pub enum Next<'v> {
    /// An open question.
    Question(&'v Question),
    /// A part of the record of a judgement: the step after the facts.
    Record(&'v JudgementStep, &'v Question),
    /// Nothing is left to ask.
    Done,
}

/// The next thing to ask on `verdict`, skipping the facts `skipped` says
/// were answered "don't know".
pub fn next<'v>(verdict: &'v Verdict, skipped: impl Fn(&str) -> bool) -> Next<'v> {
    if let Some(q) = verdict.open_questions.iter().find(|q| !skipped(&q.fact)) {
        return Next::Question(q);
    }
    for step in &verdict.judgements {
        if let Some(q) = step.record.iter().find(|q| !skipped(&q.fact)) {
            return Next::Record(step, q);
        }
    }
    Next::Done
}

/// How many things are still to ask on `verdict`, `skipped` left out.
pub fn remaining(verdict: &Verdict, skipped: impl Fn(&str) -> bool) -> usize {
    let questions = verdict
        .open_questions
        .iter()
        .filter(|q| !skipped(&q.fact))
        .count();
    let records: BTreeSet<&str> = verdict
        .judgements
        .iter()
        .flat_map(|s| s.record.iter().map(|q| q.fact.as_str()))
        .filter(|f| !skipped(f))
        .collect();
    questions + records.len()
}

/// One answer given in an interview.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// The fact.
    pub fact: FactId,
    /// The value; `None` for "don't know".
    pub value: Option<Value>,
    /// The value the fact had before, to go back.
    previous: Option<Value>,
}

/// An interview in progress: a description, the answers given and the
/// facts answered "don't know".
#[derive(Debug, Clone)]
pub struct Session<'r> {
    rules: &'r RuleSet,
    options: EvalOptions,
    description: Description,
    skipped: BTreeSet<String>,
    answers: Vec<Answer>,
}

impl<'r> Session<'r> {
    /// Starts from `description` (an empty one to start from nothing).
    pub fn new(rules: &'r RuleSet, description: Description, options: EvalOptions) -> Self {
        Session {
            rules,
            options,
            description,
            skipped: BTreeSet::new(),
            answers: Vec::new(),
        }
    }

    /// The verdict on the answers so far.
    ///
    /// # Errors
    /// [`RuleSetMismatch`] if the description was loaded for other rules.
    pub fn verdict(&self) -> Result<Verdict, RuleSetMismatch> {
        self.rules.evaluate(&self.description, &self.options)
    }

    /// Whether the fact was answered "don't know".
    pub fn is_skipped(&self, fact: &str) -> bool {
        self.skipped.contains(fact)
    }

    /// Records an answer (`None`: "don't know").
    pub fn answer(&mut self, fact: FactId, value: Option<Value>) {
        let Some(decl) = self.rules.facts().get(fact.index()) else {
            return;
        };
        let previous = self.description.value(fact).cloned();
        if value.is_none() {
            self.skipped.insert(decl.id.clone());
        } else {
            self.skipped.remove(&decl.id);
        }
        self.description.set(fact, value.clone());
        self.answers.push(Answer {
            fact,
            value,
            previous,
        });
    }

    /// Takes the last answer back; false if there was none.
    pub fn back(&mut self) -> bool {
        let Some(last) = self.answers.pop() else {
            return false;
        };
        if let Some(decl) = self.rules.facts().get(last.fact.index()) {
            self.skipped.remove(&decl.id);
        }
        self.description.set(last.fact, last.previous);
        true
    }

    /// The answers given, in order.
    pub fn answers(&self) -> &[Answer] {
        &self.answers
    }

    /// Sets the system's name, organisation and purpose.
    pub fn set_system(&mut self, system: SystemInfo) {
        self.description.set_system(system);
    }

    /// The description with the answers.
    pub fn description(&self) -> &Description {
        &self.description
    }
}
