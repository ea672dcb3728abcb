//! Evaluating findings: whether a finding holds, or which of its cases is
//! the first to hold.

use super::{Cond, Evaluation, Filter, Open};
use crate::model::{FindingBody, FindingId};
use crate::verdict::{CaseOut, FindingResult};

/// The evaluated state of one finding.
#[derive(Debug, Clone, Default)]
pub(crate) struct FindingEval {
    /// For `when`: its truth. For cases: `true` when a case holds, `false`
    /// when none does, unknown while an earlier case is open.
    pub truth: Option<bool>,
    /// For cases: the index of the case that holds, once decided.
    pub case: Option<usize>,
    /// What could still change it.
    pub open: Open,
}

impl Evaluation<'_> {
    pub(super) fn finding(&self, id: FindingId) -> FindingEval {
        let Some(finding) = self.rules.findings.get(id.index()) else {
            return FindingEval::default();
        };
        match &finding.body {
            FindingBody::When(condition) => {
                let cond = self.clause(condition);
                FindingEval {
                    truth: cond.truth,
                    case: None,
                    open: cond.open,
                }
            }
            FindingBody::Cases(cases) => {
                let conds: Vec<Cond> = cases.iter().map(|c| self.clause(&c.when)).collect();
                // First match: a case holds when it is true and every case
                // before it is false. An open case before the first true one
                // leaves the finding open, waiting for both.
                let mut open = Open::default();
                let mut undecided = false;
                for (i, cond) in conds.iter().enumerate() {
                    match cond.truth {
                        Some(false) => {}
                        Some(true) if !undecided => {
                            return FindingEval {
                                truth: Some(true),
                                case: Some(i),
                                open: Open::default(),
                            };
                        }
                        Some(true) => break,
                        None => {
                            undecided = true;
                            open.extend(&cond.open);
                        }
                    }
                }
                FindingEval {
                    truth: if undecided { None } else { Some(false) },
                    case: None,
                    open,
                }
            }
        }
    }
}

impl Evaluation<'_> {
    /// The findings of the laws the filter keeps, for the verdict.
    pub(super) fn finding_results(&self, filter: &Filter<'_>) -> Vec<FindingResult> {
        self.rules
            .findings
            .iter()
            .zip(&self.findings)
            .filter_map(|(finding, ev)| {
                let law = self.rules.laws.get(finding.law.index())?;
                if !filter.keeps(&law.id) {
                    return None;
                }
                let (case, because) = match (&finding.body, ev.case) {
                    (FindingBody::When(c), _) => (
                        None,
                        ev.truth
                            .map(|t| self.reasons(&c.expr, t))
                            .unwrap_or_default(),
                    ),
                    (FindingBody::Cases(cases), Some(i)) => {
                        let case = cases.get(i);
                        (
                            case.map(|c| CaseOut {
                                id: c.id.clone(),
                                label: c.labels.clone(),
                            }),
                            case.map(|c| self.reasons(&c.when.expr, true))
                                .unwrap_or_default(),
                        )
                    }
                    (FindingBody::Cases(_), None) => (None, Vec::new()),
                };
                let open_questions = if ev.truth.is_none() {
                    ev.open
                        .facts
                        .iter()
                        .filter_map(|f| self.rules.facts.get(f.index()).map(|f| f.id.clone()))
                        .collect()
                } else {
                    Vec::new()
                };
                Some(FindingResult {
                    id: finding.id.clone(),
                    law: law.id.clone(),
                    label: finding.labels.clone(),
                    citations: finding.cites.clone(),
                    see: finding.see.clone(),
                    value: ev.truth,
                    case,
                    because,
                    open_questions,
                })
            })
            .collect()
    }
}
