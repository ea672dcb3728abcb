//! From an evaluation to the [`Verdict`]: per norm its clauses, the facts
//! and sub-results they used, the exception, the judgement and the open
//! questions; plus the summaries and provenance.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::{Cond, Evaluation};
use crate::check::Node;
use crate::model::{Bilingual, ConceptId, Condition, FactId, FindingId, Lang, NormId, Reads};
use crate::value::Value;
use crate::verdict::*;

/// Which norms to report.
pub(crate) struct Filter<'a> {
    pub laws: &'a [String],
}

impl Filter<'_> {
    pub(crate) fn keeps(&self, law: &str) -> bool {
        self.laws.is_empty() || self.laws.iter().any(|l| l == law)
    }
}

impl Evaluation<'_> {
    pub(crate) fn fact_use(&self, id: FactId) -> FactUse {
        let fact = self.rules.facts.get(id.index());
        let value = self.fact(id).cloned();
        let value_label = match (fact, &value) {
            (Some(f), Some(v))
                if f.ty.is_listed() && f.value_labels.iter().any(Option::is_some) =>
            {
                let label = |lang: Lang| match v {
                    Value::Text(t) => f.value_label(t, lang).to_owned(),
                    Value::Set(items) => items
                        .iter()
                        .map(|i| f.value_label(i, lang))
                        .collect::<Vec<_>>()
                        .join(", "),
                    other => other.to_string(),
                };
                Some(Bilingual {
                    nl: label(Lang::Nl),
                    en: label(Lang::En),
                })
            }
            _ => None,
        };
        FactUse {
            fact: fact.map(|f| f.id.clone()).unwrap_or_default(),
            value,
            value_label,
            source: self.description.source(id).cloned(),
        }
    }

    pub(crate) fn norm_ref(&self, id: NormId) -> NormRef {
        NormRef {
            norm: self
                .rules
                .norms
                .get(id.index())
                .map(|n| n.id.clone())
                .unwrap_or_default(),
            outcome: self
                .norm_eval(id)
                .map_or(Outcome::Undetermined, |n| self.shown(id, n.outcome)),
        }
    }

    /// The outcome a reader is shown ([`crate::model::Norm::shown`]).
    fn shown(&self, id: NormId, outcome: Outcome) -> Outcome {
        self.rules
            .norms
            .get(id.index())
            .map_or(outcome, |n| n.shown(outcome))
    }

    pub(crate) fn concept_id(&self, id: ConceptId) -> String {
        self.rules
            .concepts
            .get(id.index())
            .map(|c| c.id.clone())
            .unwrap_or_default()
    }

    fn condition(
        &self,
        clause: ClauseKind,
        label: Option<Bilingual>,
        condition: &Condition,
        cond: &Cond,
    ) -> ConditionTrace {
        let r = &condition.reads;
        ConditionTrace {
            clause,
            label,
            value: cond.truth,
            facts: r.facts.iter().map(|f| self.fact_use(*f)).collect(),
            concepts: r.concepts.iter().map(|c| self.concept_id(*c)).collect(),
            norms: r.norms.iter().map(|n| self.norm_ref(*n)).collect(),
        }
    }

    /// What a judgement rests on, with the values.
    pub(crate) fn rests_on(
        &self,
        j: &crate::model::Judgement,
    ) -> (Vec<FactUse>, Vec<ConceptRef>, Vec<NormRef>) {
        let grounds = Reads::split(j.rests_on.iter().copied());
        (
            grounds.facts.iter().map(|f| self.fact_use(*f)).collect(),
            grounds
                .concepts
                .iter()
                .map(|c| ConceptRef {
                    concept: self.concept_id(*c),
                    value: self.concept(*c).and_then(|c| c.truth),
                })
                .collect(),
            grounds.norms.iter().map(|n| self.norm_ref(*n)).collect(),
        )
    }

    /// What decided a norm's outcome, for the reader.
    fn because(&self, id: NormId) -> Vec<Reason> {
        let (Some(norm), Some(ev)) = (self.rules.norms.get(id.index()), self.norm_eval(id)) else {
            return Vec::new();
        };
        match ev.outcome {
            Outcome::Violated => {
                if ev.requires.truth == Some(false)
                    && let Some(r) = &norm.requires
                {
                    self.fact_reasons(&r.expr, false)
                } else if let Some(s) = norm.judgement.as_ref().and_then(|j| j.settled_by.as_ref())
                {
                    self.fact_reasons(&s.expr, false)
                } else {
                    Vec::new()
                }
            }
            Outcome::NotApplicable => match ev.exception_applied {
                Some(i) => norm
                    .exceptions
                    .get(i)
                    .map(|ex| self.fact_reasons(&ex.when.expr, true))
                    .unwrap_or_default(),
                None => norm
                    .applies
                    .as_ref()
                    .map(|a| self.fact_reasons(&a.expr, false))
                    .unwrap_or_default(),
            },
            _ => Vec::new(),
        }
    }

    fn norm_result(&self, id: NormId) -> Option<NormResult> {
        let norm = self.rules.norms.get(id.index())?;
        let ev = self.norm_eval(id)?;
        let law = self.rules.laws.get(norm.law.index());
        let mut conditions = Vec::new();
        let mut judgement = None;
        let mut in_force_note = None;
        let mut applies_from = None;
        let mut would_apply = None;
        if ev.in_force {
            if let Some(e) = &norm.applies {
                conditions.push(self.condition(ClauseKind::Applies, None, e, &ev.applies));
            }
            // Show only the clauses that took part in the outcome: nothing
            // past an applicability that is false, and exceptions only when
            // the norm would otherwise be violated or open.
            let applicable = ev.applies.truth != Some(false);
            let consulted = ev.exception_applied.is_some()
                || matches!(
                    ev.outcome,
                    Outcome::Violated | Outcome::Undetermined | Outcome::NeedsJudgement
                );
            if let (true, Some(e)) = (applicable, &norm.requires) {
                conditions.push(self.condition(ClauseKind::Requires, None, e, &ev.requires));
            }
            if applicable && consulted {
                for (ex, cond) in norm.exceptions.iter().zip(&ev.exceptions) {
                    conditions.push(self.condition(
                        ClauseKind::Exception,
                        Some(ex.labels.clone()),
                        &ex.when,
                        cond,
                    ));
                }
            }
            if let (Some(j), Some(settled)) = (&norm.judgement, &ev.settled) {
                let reached =
                    !matches!(ev.outcome, Outcome::NotApplicable) || ev.exception_applied.is_some();
                if reached {
                    let (rests_on_facts, rests_on_concepts, rests_on_norms) = self.rests_on(j);
                    let record = j
                        .settled_by
                        .iter()
                        .flat_map(|e| &e.reads.facts)
                        .map(|f| self.fact_use(*f))
                        .collect();
                    judgement = Some(JudgementOut {
                        label: j.labels.clone(),
                        rests_on_facts,
                        rests_on_concepts,
                        rests_on_norms,
                        settled: settled.truth,
                        record,
                    });
                }
            }
        } else {
            let starts = [norm.in_force, law.and_then(|l| l.in_force)];
            let ends = [norm.until, law.and_then(|l| l.until)];
            let from = starts.iter().flatten().filter(|d| self.date < **d).max();
            applies_from = from.map(ToString::to_string);
            if ends.iter().flatten().all(|d| self.date <= *d) {
                would_apply = Some(ev.applies.truth);
            }
            in_force_note = from.map(|d| format!("applies from {d}")).or_else(|| {
                ends.iter()
                    .flatten()
                    .filter(|d| self.date > **d)
                    .min()
                    .map(|d| format!("applied until {d}"))
            });
        }
        let exception = ev
            .exception_applied
            .and_then(|i| norm.exceptions.get(i))
            .map(|ex| AppliedException {
                label: ex.labels.clone(),
                citations: ex.cites.clone(),
            });
        let awaiting_judgement = ev
            .open
            .judgements
            .iter()
            .filter(|n| **n != id)
            .filter_map(|n| self.rules.norms.get(n.index()).map(|n| n.id.clone()))
            .collect();
        let open_questions = if ev.outcome == Outcome::Undetermined {
            ev.open
                .facts
                .iter()
                .filter_map(|f| self.rules.facts.get(f.index()).map(|f| f.id.clone()))
                .collect()
        } else {
            Vec::new()
        };
        Some(NormResult {
            id: norm.id.clone(),
            law: law.map(|l| l.id.clone()).unwrap_or_default(),
            label: norm.labels.clone(),
            citations: norm.cites.clone(),
            see: norm.see.clone(),
            guidance: norm.guidance.clone(),
            outcome: self.shown(id, ev.outcome),
            in_force_note,
            applies_from,
            would_apply,
            because: self.because(id),
            conditions,
            exception,
            judgement,
            awaiting_judgement,
            open_questions,
            approximate: ev.approximate,
        })
    }
}

/// Builds the verdict for the norms of the laws in `filter`.
pub(crate) fn build_verdict(
    ev: &Evaluation<'_>,
    filter: &Filter<'_>,
    provenance: Provenance,
) -> Verdict {
    let rules = ev.rules;
    let norms: Vec<NormResult> = (0..rules.norms.len())
        .map(|i| NormId(u32::try_from(i).unwrap_or(u32::MAX)))
        .filter(|id| {
            rules
                .norms
                .get(id.index())
                .and_then(|n| rules.laws.get(n.law.index()))
                .is_some_and(|l| filter.keeps(&l.id))
        })
        .filter_map(|id| ev.norm_result(id))
        .collect();

    // Concepts reached from the reported norms, transitively.
    let mut reached: BTreeSet<ConceptId> = BTreeSet::new();
    let mut stack: Vec<Node> = norms
        .iter()
        .filter_map(|n| rules.norm_id(&n.id).map(Node::Norm))
        .collect();
    let mut seen: BTreeSet<Node> = stack.iter().copied().collect();
    while let Some(node) = stack.pop() {
        for &dep in rules.graph.dependencies(node) {
            if let Node::Concept(c) = dep {
                reached.insert(c);
                if seen.insert(dep) {
                    stack.push(dep);
                }
            }
        }
    }
    let concepts = reached
        .into_iter()
        .filter_map(|id| {
            let c = rules.concepts.get(id.index())?;
            let cond = ev.concept(id)?;
            let r = &c.expr.reads;
            Some(ConceptResult {
                id: c.id.clone(),
                label: c.labels.clone(),
                citations: c.cites.clone(),
                value: cond.truth,
                facts: r.facts.iter().map(|f| ev.fact_use(*f)).collect(),
                concepts: r.concepts.iter().map(|c| ev.concept_id(*c)).collect(),
                norms: r.norms.iter().map(|n| ev.norm_ref(*n)).collect(),
            })
        })
        .collect();

    // Open questions in question order; each norm's and finding's own
    // questions in the same order.
    let reported: Vec<NormId> = norms.iter().filter_map(|n| rules.norm_id(&n.id)).collect();
    let reported_findings: Vec<FindingId> = rules
        .findings
        .iter()
        .enumerate()
        .filter(|(_, f)| {
            rules
                .laws
                .get(f.law.index())
                .is_some_and(|l| filter.keeps(&l.id))
        })
        .map(|(i, _)| FindingId(u32::try_from(i).unwrap_or(u32::MAX)))
        .collect();
    let open_questions = super::questions::order(ev, &reported, &reported_findings);
    let rank: HashMap<&str, usize> = open_questions
        .iter()
        .enumerate()
        .map(|(i, q)| (q.fact.as_str(), i))
        .collect();
    let by_rank = |qs: &mut Vec<String>| {
        qs.sort_by_key(|q| rank.get(q.as_str()).copied().unwrap_or(usize::MAX));
    };
    let mut norms = norms;
    for n in &mut norms {
        by_rank(&mut n.open_questions);
    }
    let mut findings = ev.finding_results(filter);
    for f in &mut findings {
        by_rank(&mut f.open_questions);
    }
    let judgements = ev.judgement_steps(&reported);

    let laws = rules
        .laws
        .iter()
        .filter(|l| filter.keeps(&l.id))
        .map(|l| {
            let mut counts: BTreeMap<&'static str, usize> =
                Outcome::ALL.iter().map(|o| (o.as_str(), 0)).collect();
            for n in norms.iter().filter(|n| n.law == l.id) {
                *counts.entry(n.outcome.as_str()).or_default() += 1;
            }
            LawSummary {
                law: l.id.clone(),
                abbrev: l.abbrev.clone(),
                counts,
            }
        })
        .collect();
    let any = |o: Outcome| norms.iter().any(|n| n.outcome == o);
    let overall = if any(Outcome::Violated) {
        Overall::Violations
    } else if any(Outcome::Undetermined) {
        Overall::Undetermined
    } else if any(Outcome::NeedsJudgement) {
        Overall::NeedsJudgement
    } else {
        Overall::NoViolations
    };
    Verdict {
        format_version: 1,
        overall,
        system: ev.description.system().clone(),
        provenance,
        findings,
        laws,
        norms,
        concepts,
        open_questions,
        judgements,
    }
}

/// The values of a listed fact with their labels.
pub(crate) fn options(f: &crate::model::Fact) -> Vec<AnswerOption> {
    f.ty.variants()
        .iter()
        .map(|v| AnswerOption {
            value: v.clone(),
            label: Bilingual {
                nl: f.value_label(v, Lang::Nl).to_owned(),
                en: f.value_label(v, Lang::En).to_owned(),
            },
        })
        .collect()
}
