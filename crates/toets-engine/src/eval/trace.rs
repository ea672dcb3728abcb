//! From an evaluation to the [`Verdict`]: per norm its clauses, the facts
//! and sub-results they used, the exception, the judgement and the open
//! questions; plus the summaries and provenance.

use std::collections::{BTreeMap, BTreeSet};

use super::{Cond, Evaluation};
use crate::check::Node;
use crate::model::{Citation, ConceptId, Expr, FactId, Ground, NormId};
use crate::verdict::*;

/// Which norms to report.
pub(crate) struct Filter<'a> {
    pub laws: &'a [String],
}

impl Filter<'_> {
    fn keeps(&self, law: &str) -> bool {
        self.laws.is_empty() || self.laws.iter().any(|l| l == law)
    }
}

struct Refs {
    facts: Vec<FactId>,
    concepts: Vec<ConceptId>,
    norms: Vec<NormId>,
}

fn refs<'e>(exprs: impl IntoIterator<Item = &'e Expr>) -> Refs {
    let mut set = BTreeSet::new();
    for e in exprs {
        e.visit_refs(&mut |g| {
            set.insert(g);
        });
    }
    split(set.into_iter())
}

fn split(grounds: impl Iterator<Item = Ground>) -> Refs {
    let mut r = Refs {
        facts: Vec::new(),
        concepts: Vec::new(),
        norms: Vec::new(),
    };
    for g in grounds {
        match g {
            Ground::Fact(f) => r.facts.push(f),
            Ground::Concept(c) => r.concepts.push(c),
            Ground::Norm(n) => r.norms.push(n),
        }
    }
    r
}

impl Evaluation<'_> {
    fn fact_use(&self, id: FactId) -> FactUse {
        FactUse {
            fact: self
                .rules
                .facts
                .get(id.index())
                .map(|f| f.id.clone())
                .unwrap_or_default(),
            value: self.fact(id).cloned(),
            source: self.description.source(id).cloned(),
        }
    }

    fn norm_ref(&self, id: NormId) -> NormRef {
        NormRef {
            norm: self
                .rules
                .norms
                .get(id.index())
                .map(|n| n.id.clone())
                .unwrap_or_default(),
            outcome: self
                .norm_eval(id)
                .map_or(Outcome::Undetermined, |n| n.outcome),
        }
    }

    fn concept_id(&self, id: ConceptId) -> String {
        self.rules
            .concepts
            .get(id.index())
            .map(|c| c.id.clone())
            .unwrap_or_default()
    }

    pub(crate) fn citation(&self, c: &Citation) -> CitationOut {
        let abbrev = self
            .rules
            .laws
            .iter()
            .find(|l| l.id == c.law)
            .map(|l| l.abbrev.clone())
            .unwrap_or_else(|| crate::model::Bilingual {
                nl: c.law.to_uppercase(),
                en: c.law.to_uppercase(),
            });
        CitationOut {
            citation: c.clone(),
            text: crate::model::Bilingual {
                nl: c.render(&abbrev.nl, crate::model::Lang::Nl),
                en: c.render(&abbrev.en, crate::model::Lang::En),
            },
        }
    }

    fn condition(
        &self,
        clause: ClauseKind,
        label: Option<crate::model::Bilingual>,
        expr: &Expr,
        cond: &Cond,
    ) -> ConditionTrace {
        let r = refs([expr]);
        ConditionTrace {
            clause,
            label,
            value: cond.truth,
            facts: r.facts.into_iter().map(|f| self.fact_use(f)).collect(),
            concepts: r.concepts.into_iter().map(|c| self.concept_id(c)).collect(),
            norms: r.norms.into_iter().map(|n| self.norm_ref(n)).collect(),
        }
    }

    fn norm_result(&self, id: NormId) -> Option<NormResult> {
        let norm = self.rules.norms.get(id.index())?;
        let ev = self.norm_eval(id)?;
        let law = self.rules.laws.get(norm.law.index());
        let mut conditions = Vec::new();
        let mut judgement = None;
        let mut in_force_note = None;
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
                    let grounds = split(j.rests_on.iter().copied());
                    let record = j
                        .settled_by
                        .as_ref()
                        .map(|e| refs([e]).facts)
                        .unwrap_or_default();
                    judgement = Some(JudgementOut {
                        label: j.labels.clone(),
                        rests_on_facts: grounds
                            .facts
                            .into_iter()
                            .map(|f| self.fact_use(f))
                            .collect(),
                        rests_on_concepts: grounds
                            .concepts
                            .into_iter()
                            .map(|c| ConceptRef {
                                concept: self.concept_id(c),
                                value: self.concept(c).and_then(|c| c.truth),
                            })
                            .collect(),
                        rests_on_norms: grounds
                            .norms
                            .into_iter()
                            .map(|n| self.norm_ref(n))
                            .collect(),
                        settled: settled.truth,
                        record: record.into_iter().map(|f| self.fact_use(f)).collect(),
                    });
                }
            }
        } else {
            let starts = [norm.in_force, law.and_then(|l| l.in_force)];
            let ends = [norm.until, law.and_then(|l| l.until)];
            in_force_note = starts
                .iter()
                .flatten()
                .filter(|d| self.date < **d)
                .max()
                .map(|d| format!("applies from {d}"))
                .or_else(|| {
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
                citations: ex.cites.iter().map(|c| self.citation(c)).collect(),
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
            citations: norm.cites.iter().map(|c| self.citation(c)).collect(),
            see: norm.see.clone(),
            outcome: ev.outcome,
            in_force_note,
            conditions,
            exception,
            judgement,
            awaiting_judgement,
            open_questions,
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
        for dep in rules.graph.dependencies(node) {
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
            let r = refs([&c.expr]);
            Some(ConceptResult {
                id: c.id.clone(),
                label: c.labels.clone(),
                citations: c.cites.iter().map(|x| ev.citation(x)).collect(),
                value: cond.truth,
                facts: r.facts.into_iter().map(|f| ev.fact_use(f)).collect(),
                concepts: r.concepts.into_iter().map(|c| ev.concept_id(c)).collect(),
                norms: r.norms.into_iter().map(|n| ev.norm_ref(n)).collect(),
            })
        })
        .collect();

    // Open questions: each fact with the norms it could decide.
    let mut decides: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for n in &norms {
        for q in &n.open_questions {
            decides.entry(q.clone()).or_default().push(n.id.clone());
        }
    }
    let mut open_questions: Vec<(usize, Question)> = decides
        .into_iter()
        .filter_map(|(fact_id, decides)| {
            let id = rules.fact_id(&fact_id)?;
            let f = rules.facts.get(id.index())?;
            Some((
                id.index(),
                Question {
                    fact: f.id.clone(),
                    ask: f.ask.clone(),
                    help: f.help.clone(),
                    ty: f.ty.describe(),
                    decides,
                },
            ))
        })
        .collect();
    open_questions
        .sort_by(|(ia, a), (ib, b)| b.decides.len().cmp(&a.decides.len()).then(ia.cmp(ib)));

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
        laws,
        norms,
        concepts,
        open_questions: open_questions.into_iter().map(|(_, q)| q).collect(),
    }
}
