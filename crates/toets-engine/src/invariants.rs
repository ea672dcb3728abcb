//! The promises a verdict keeps, as code: used by the property tests and the
//! fuzz targets, and available to anyone who builds on the engine.

use crate::model::Fact;
use crate::{Description, EvalOptions, Outcome, RuleSet, Value, Verdict};

/// A broken promise, described for a bug report.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("verdict invariant broken: {0}")]
pub struct Violation(pub String);

/// Checks one verdict of `rules`: every norm appears exactly once with one
/// outcome; an undetermined norm asks at least one question; every question
/// a norm asks is listed, once, among the verdict's open questions, about a
/// fact the description leaves unknown.
///
/// # Errors
/// The first promise found broken.
pub fn check(
    rules: &RuleSet,
    description: &Description,
    verdict: &Verdict,
) -> Result<(), Violation> {
    let fail = |message: String| Err(Violation(message));
    if verdict.norms.len() != rules.norms().len() && verdict.laws.len() == rules.laws().len() {
        return fail(format!(
            "{} norms in the rules but {} in the verdict",
            rules.norms().len(),
            verdict.norms.len()
        ));
    }
    let mut ids: Vec<&str> = verdict.norms.iter().map(|n| n.id.as_str()).collect();
    ids.sort_unstable();
    if let Some(pair) = ids.windows(2).find(|w| w.first() == w.last()) {
        return fail(format!(
            "norm `{}` appears twice",
            pair.first().copied().unwrap_or_default()
        ));
    }
    let mut questions: Vec<&str> = verdict
        .open_questions
        .iter()
        .map(|q| q.fact.as_str())
        .collect();
    questions.sort_unstable();
    if let Some(pair) = questions.windows(2).find(|w| w.first() == w.last()) {
        return fail(format!(
            "question `{}` is listed twice",
            pair.first().copied().unwrap_or_default()
        ));
    }
    for norm in &verdict.norms {
        if norm.outcome == Outcome::Undetermined && norm.open_questions.is_empty() {
            return fail(format!("`{}` is undetermined but asks nothing", norm.id));
        }
        for asked in &norm.open_questions {
            if questions.binary_search(&asked.as_str()).is_err() {
                return fail(format!(
                    "`{}` asks `{asked}`, which the verdict does not list",
                    norm.id
                ));
            }
            let known = rules
                .fact_id(asked)
                .is_some_and(|id| description.value(id).is_some());
            if known {
                return fail(format!(
                    "`{}` asks `{asked}`, which the description gives",
                    norm.id
                ));
            }
        }
    }
    Ok(())
}

/// Plays an interview to its end: evaluates, answers every open question
/// with `answer(fact, round)`, and repeats until no norm is undetermined,
/// checking every verdict on the way. Returns the final verdict.
///
/// # Errors
/// A broken invariant, including questions that never run out.
pub fn answer_all(
    rules: &RuleSet,
    description: &mut Description,
    options: &EvalOptions,
    mut answer: impl FnMut(&Fact, usize) -> Value,
) -> Result<Verdict, Violation> {
    for round in 0..=rules.facts().len() {
        let verdict = rules
            .evaluate(description, options)
            .map_err(|e| Violation(e.to_string()))?;
        check(rules, description, &verdict)?;
        if verdict
            .norms
            .iter()
            .all(|n| n.outcome != Outcome::Undetermined)
        {
            return Ok(verdict);
        }
        for question in &verdict.open_questions {
            let Some(id) = rules.fact_id(&question.fact) else {
                return Err(Violation(format!(
                    "question about unknown fact `{}`",
                    question.fact
                )));
            };
            let Some(fact) = rules.facts().get(id.index()) else {
                return Err(Violation(format!(
                    "fact `{}` has no declaration",
                    question.fact
                )));
            };
            description.set(id, Some(answer(fact, round)));
        }
    }
    Err(Violation("the questions never ran out".to_owned()))
}
