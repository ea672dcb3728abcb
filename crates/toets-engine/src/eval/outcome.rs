//! From the truth of a norm's clauses to its outcome.
//!
//! Each clause is true, false or unknown. Unknown clauses are expanded to
//! both values; the outcome is decided when every expansion gives the same
//! outcome, and is `undetermined` otherwise. An unknown clause's open
//! questions are listed only if flipping that clause alone can change the
//! outcome: a question that cannot change the result is never asked.

use super::exact::Clause;
use super::{Cond, Evaluation, Open};
use crate::model::{FactId, NormId};
use crate::verdict::Outcome;

/// The evaluated state of one norm.
#[derive(Debug, Clone)]
pub(crate) struct NormEval {
    pub outcome: Outcome,
    /// Every outcome still possible (one, unless undetermined).
    pub possible: Vec<Outcome>,
    pub in_force: bool,
    pub applies: Cond,
    pub requires: Cond,
    pub exceptions: Vec<Cond>,
    /// Index of the exception that holds, if one does and it mattered.
    pub exception_applied: Option<usize>,
    pub settled: Option<Cond>,
    /// What could still change the outcome.
    pub open: Open,
    /// For each open question, the clause it decides first (from the exact
    /// pass; empty when Kleene's result stands).
    pub clauses: Vec<(FactId, Clause)>,
    /// Open, and the exact pass could not refine it within its bound.
    pub approximate: bool,
}

impl NormEval {
    /// Whether a reader of this norm's state may still see it change: more
    /// than one outcome is possible, or a judgement is still awaited.
    pub(crate) fn is_open(&self) -> bool {
        self.possible.len() > 1 || matches!(self.outcome, Outcome::NeedsJudgement)
    }
}

impl Default for NormEval {
    fn default() -> Self {
        NormEval {
            outcome: Outcome::Undetermined,
            possible: Vec::new(),
            in_force: true,
            applies: Cond::default(),
            requires: Cond::default(),
            exceptions: Vec::new(),
            exception_applied: None,
            settled: None,
            open: Open::default(),
            clauses: Vec::new(),
            approximate: false,
        }
    }
}

/// The outcome for known clause values. `settled` is `None` when the norm
/// has a judgement step that no recorded judgement settles.
fn decide(
    applies: bool,
    requires: bool,
    excepted: bool,
    judgement: Option<Option<bool>>,
) -> Outcome {
    if !applies {
        return Outcome::NotApplicable;
    }
    let base = if !requires {
        Outcome::Violated
    } else {
        match judgement {
            None | Some(Some(true)) => Outcome::Met,
            Some(Some(false)) => Outcome::Violated,
            Some(None) => Outcome::NeedsJudgement,
        }
    };
    if excepted && matches!(base, Outcome::Violated | Outcome::NeedsJudgement) {
        Outcome::NotApplicable
    } else {
        base
    }
}

/// The values a clause may take.
fn values(t: Option<bool>) -> &'static [bool] {
    match t {
        Some(true) => &[true],
        Some(false) => &[false],
        None => &[true, false],
    }
}

impl Evaluation<'_> {
    pub(super) fn norm(&self, id: NormId) -> NormEval {
        let Some(norm) = self.rules.norms.get(id.index()) else {
            return NormEval::default();
        };
        let law = self.rules.laws.get(norm.law.index());
        let starts = [norm.in_force, law.and_then(|l| l.in_force)];
        let ends = [norm.until, law.and_then(|l| l.until)];
        let in_force = starts.iter().flatten().all(|d| self.date >= *d)
            && ends.iter().flatten().all(|d| self.date <= *d);
        if !in_force {
            // Whether it would apply on the facts, so that the reader sees
            // which duties are coming.
            let applies = norm.applies.as_ref().map_or_else(
                || Cond {
                    truth: Some(true),
                    open: Open::default(),
                },
                |e| self.clause(e),
            );
            return NormEval {
                outcome: Outcome::NotInForce,
                possible: vec![Outcome::NotInForce],
                in_force: false,
                applies,
                ..NormEval::default()
            };
        }
        let known_true = Cond {
            truth: Some(true),
            open: Open::default(),
        };
        let applies = norm
            .applies
            .as_ref()
            .map_or_else(|| known_true.clone(), |e| self.clause(e));
        let requires = norm
            .requires
            .as_ref()
            .map_or_else(|| known_true.clone(), |e| self.clause(e));
        let exceptions: Vec<Cond> = norm
            .exceptions
            .iter()
            .map(|e| self.clause(&e.when))
            .collect();
        let settled = norm.judgement.as_ref().map(|j| {
            j.settled_by
                .as_ref()
                .map_or_else(Cond::default, |e| self.clause(e))
        });

        // Kleene disjunction of the exceptions.
        let excepted = if exceptions.iter().any(|c| c.truth == Some(true)) {
            Cond {
                truth: Some(true),
                open: Open::default(),
            }
        } else if exceptions.iter().all(|c| c.truth == Some(false)) {
            Cond {
                truth: Some(false),
                open: Open::default(),
            }
        } else {
            let mut open = Open::default();
            for c in exceptions.iter().filter(|c| c.truth.is_none()) {
                open.extend(&c.open);
            }
            Cond { truth: None, open }
        };
        // An unrecorded judgement is a definite "needs judgement", not an unknown.
        let judgement: Option<Option<bool>> = settled.as_ref().map(|c| c.truth);

        let outcomes = |a: &[bool], r: &[bool], x: &[bool]| {
            let mut out = Vec::new();
            for &a in a {
                for &r in r {
                    for &x in x {
                        let o = decide(a, r, x, judgement);
                        if !out.contains(&o) {
                            out.push(o);
                        }
                    }
                }
            }
            out.sort_unstable();
            out
        };
        let (va, vr, vx) = (
            values(applies.truth),
            values(requires.truth),
            values(excepted.truth),
        );
        let possible = outcomes(va, vr, vx);
        let outcome = match possible.as_slice() {
            [one] => *one,
            _ => Outcome::Undetermined,
        };

        let mut open = Open::default();
        if outcome == Outcome::Undetermined {
            // A clause matters if, for some values of the others, its two
            // values give different outcomes.
            let matters = |which: usize| {
                let mut seen = false;
                for &a in va {
                    for &r in vr {
                        for &x in vx {
                            let flip = |v: bool| match which {
                                0 => decide(v, r, x, judgement),
                                1 => decide(a, v, x, judgement),
                                _ => decide(a, r, v, judgement),
                            };
                            seen |= flip(true) != flip(false);
                        }
                    }
                }
                seen
            };
            for (i, cond) in [&applies, &requires, &excepted].into_iter().enumerate() {
                if cond.truth.is_none() && matters(i) {
                    open.extend(&cond.open);
                }
            }
        } else if outcome == Outcome::NeedsJudgement
            && let Some(s) = &settled
        {
            open.extend(&s.open);
        }
        // Undetermined only because other norms await judgement: the norm
        // itself waits for that judgement.
        let outcome = if outcome == Outcome::Undetermined
            && open.facts.is_empty()
            && !open.judgements.is_empty()
        {
            Outcome::NeedsJudgement
        } else {
            outcome
        };
        let exception_applied = if excepted.truth == Some(true)
            && outcome == Outcome::NotApplicable
            && applies.truth != Some(false)
        {
            exceptions.iter().position(|c| c.truth == Some(true))
        } else {
            None
        };
        NormEval {
            outcome,
            possible,
            in_force: true,
            applies,
            requires,
            exceptions,
            exception_applied,
            settled,
            open,
            clauses: Vec::new(),
            approximate: false,
        }
    }
}
