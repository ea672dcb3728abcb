//! The question order: one order for the JSON, the interview and the page.
//! Documented in `docs/questions.md`.
//!
//! 1. Stages: questions that decide a finding (what the system is) come
//!    first; then those that decide whether a norm applies; then those that
//!    decide its requirement; then its exceptions, and an exception's own
//!    questions only once the norm applies and its requirement fails or is
//!    open (before that they come last).
//! 2. Within the finding stage, the findings in rule order, each in the order
//!    its condition reads; within the other stages, the question that decides
//!    most norms first, then the order in which the rules first mention it.
//! 3. Facts of one group (`dpia.*`) that fall in the same stage are asked
//!    together, where the group's first question stands.
//! 4. A question never comes before one it presupposes (see
//!    `model::Fact::presupposes`) where both bear on the same norm or
//!    finding: that one is asked first.

use std::collections::{BTreeMap, HashMap};

use super::Evaluation;
use super::exact::Clause;
use crate::model::{FactId, FindingId, NormId};
use crate::verdict::{JudgementStep, Outcome, Question, QuestionStage};

/// What one open question decides.
#[derive(Default)]
struct Use {
    stage: Option<QuestionStage>,
    norms: Vec<NormId>,
    findings: Vec<FindingId>,
    /// For the finding stage: (finding index, position in its condition).
    finding_key: (usize, usize),
}

/// The open questions of the reported norms and findings, in question order.
pub(super) fn order(
    ev: &Evaluation<'_>,
    norms: &[NormId],
    findings: &[FindingId],
) -> Vec<Question> {
    let rules = ev.rules;
    let mut uses: BTreeMap<FactId, Use> = BTreeMap::new();
    for &fid in findings {
        let (Some(f), Some(finding)) = (
            ev.findings.get(fid.index()),
            rules.findings.get(fid.index()),
        ) else {
            continue;
        };
        if f.truth.is_some() {
            continue;
        }
        let read: Vec<FactId> = finding
            .conditions()
            .into_iter()
            .flat_map(|c| c.facts_in_order.iter().copied())
            .collect();
        for &fact in &f.open.facts {
            let u = uses.entry(fact).or_default();
            let pos = read.iter().position(|x| *x == fact).unwrap_or(usize::MAX);
            if u.stage != Some(QuestionStage::Finding) {
                u.finding_key = (fid.index(), pos);
            }
            u.stage = Some(QuestionStage::Finding);
            u.findings.push(fid);
        }
    }
    for &nid in norms {
        let Some(n) = ev.norm_eval(nid) else { continue };
        if n.outcome != Outcome::Undetermined {
            continue;
        }
        for &fact in &n.open.facts {
            let clause = n
                .clauses
                .iter()
                .find(|(f, _)| *f == fact)
                .map(|(_, c)| *c)
                .unwrap_or(if n.applies.open.facts.contains(&fact) {
                    Clause::Applies
                } else if n.requires.open.facts.contains(&fact) {
                    Clause::Requires
                } else {
                    Clause::Exception
                });
            let stage = match clause {
                Clause::Applies => QuestionStage::Scope,
                Clause::Requires => QuestionStage::Requirement,
                Clause::Exception
                    if n.applies.truth == Some(true) && n.requires.truth != Some(true) =>
                {
                    QuestionStage::Exception
                }
                Clause::Exception => QuestionStage::ExceptionLater,
            };
            let u = uses.entry(fact).or_default();
            u.stage = Some(u.stage.map_or(stage, |s| s.min(stage)));
            u.norms.push(nid);
        }
    }

    let rank = |f: FactId| {
        rules
            .facts
            .get(f.index())
            .map_or(u32::MAX, |x| x.reading_rank)
    };
    let mut list: Vec<(FactId, Use)> = uses.into_iter().collect();
    let key = |(f, u): &(FactId, Use)| {
        let stage = u.stage.unwrap_or(QuestionStage::ExceptionLater);
        let within = if stage == QuestionStage::Finding {
            (u.finding_key.0, u.finding_key.1, 0usize)
        } else {
            (usize::MAX - u.norms.len(), 0, 0)
        };
        (stage, within, rank(*f), *f)
    };
    list.sort_by_key(key);
    // Groups: each fact moves up to where the first of its group stands in
    // the same stage.
    let group = |f: FactId| rules.facts.get(f.index()).map_or("", |x| x.group());
    let mut first: HashMap<(QuestionStage, &str), usize> = HashMap::new();
    for (i, (f, u)) in list.iter().enumerate() {
        let stage = u.stage.unwrap_or(QuestionStage::ExceptionLater);
        first.entry((stage, group(*f))).or_insert(i);
    }
    let mut keyed: Vec<(usize, usize, FactId, Use)> = list
        .into_iter()
        .enumerate()
        .map(|(i, (f, u))| {
            let stage = u.stage.unwrap_or(QuestionStage::ExceptionLater);
            let g = first.get(&(stage, group(f))).copied().unwrap_or(i);
            (g, i, f, u)
        })
        .collect();
    keyed.sort_by_key(|(g, i, _, _)| (*g, *i));

    // Presupposed questions first.
    let position: HashMap<FactId, usize> = keyed
        .iter()
        .enumerate()
        .map(|(i, (_, _, f, _))| (*f, i))
        .collect();
    let mut placed = vec![false; keyed.len()];
    let mut out_order: Vec<usize> = Vec::with_capacity(keyed.len());
    for i in 0..keyed.len() {
        place(i, &keyed, &position, &mut placed, &mut out_order, rules);
    }
    let mut slots: Vec<Option<(FactId, Use)>> =
        keyed.into_iter().map(|(_, _, f, u)| Some((f, u))).collect();
    out_order
        .into_iter()
        .filter_map(|i| slots.get_mut(i).and_then(Option::take))
        .filter_map(|(f, u)| question(ev, f, &u))
        .collect()
}

/// Places question `i` after the open questions it presupposes.
fn place(
    i: usize,
    keyed: &[(usize, usize, FactId, Use)],
    position: &HashMap<FactId, usize>,
    placed: &mut [bool],
    out: &mut Vec<usize>,
    rules: &crate::RuleSet,
) {
    if placed.get(i).copied().unwrap_or(true) {
        return;
    }
    if let Some(slot) = placed.get_mut(i) {
        *slot = true;
    }
    let Some((_, _, fact, u)) = keyed.get(i) else {
        return;
    };
    // Only a presupposed question that bears on the same norm or finding
    // comes first: one that matters only elsewhere keeps its own place.
    let shares = |j: usize| {
        keyed.get(j).is_some_and(|(_, _, _, v)| {
            v.norms.iter().any(|n| u.norms.contains(n))
                || v.findings.iter().any(|f| u.findings.contains(f))
        })
    };
    let mut before: Vec<usize> = rules
        .facts
        .get(fact.index())
        .map(|f| {
            f.presupposes
                .iter()
                .filter_map(|p| position.get(p).copied())
                .filter(|&j| shares(j))
                .collect()
        })
        .unwrap_or_default();
    before.sort_unstable();
    // INVARIANT: `presupposes` is acyclic and transitive, so the recursion
    // ends, and is at most as deep as there are facts.
    for j in before {
        place(j, keyed, position, placed, out, rules);
    }
    out.push(i);
}

fn question(ev: &Evaluation<'_>, f: FactId, u: &Use) -> Option<Question> {
    let rules = ev.rules;
    let fact = rules.facts.get(f.index())?;
    Some(Question {
        fact: fact.id.clone(),
        ask: fact.ask.clone(),
        help: fact.help.clone(),
        ty: fact.ty.describe(),
        options: super::trace::options(fact),
        stage: u.stage.unwrap_or(QuestionStage::ExceptionLater),
        group: fact.group().to_owned(),
        decides: u
            .norms
            .iter()
            .filter_map(|n| rules.norms.get(n.index()).map(|x| x.id.clone()))
            .collect(),
        findings: u
            .findings
            .iter()
            .filter_map(|n| rules.findings.get(n.index()).map(|x| x.id.clone()))
            .collect(),
    })
}

impl Evaluation<'_> {
    /// The judgements the reported norms wait for, with what their record
    /// still lacks: the interview's step after the facts.
    pub(super) fn judgement_steps(&self, norms: &[NormId]) -> Vec<JudgementStep> {
        norms
            .iter()
            .filter_map(|&id| {
                let n = self.norm_eval(id)?;
                let norm = self.rules.norms.get(id.index())?;
                let j = norm.judgement.as_ref()?;
                let pending = n.settled.as_ref().is_some_and(|s| s.truth.is_none());
                if n.outcome != Outcome::NeedsJudgement || !pending {
                    return None;
                }
                let (rests_on_facts, rests_on_concepts, rests_on_norms) = self.rests_on(j);
                let facts: Vec<FactId> = j
                    .settled_by
                    .iter()
                    .flat_map(|c| c.facts_in_order.iter().copied())
                    .collect();
                let record = facts
                    .iter()
                    .filter(|f| self.fact(**f).is_none())
                    .filter_map(|&f| {
                        let u = Use {
                            stage: Some(QuestionStage::Judgement),
                            norms: vec![id],
                            ..Use::default()
                        };
                        question(self, f, &u)
                    })
                    .collect();
                let recorded = facts
                    .iter()
                    .filter(|f| self.fact(**f).is_some())
                    .map(|f| self.fact_use(*f))
                    .collect();
                Some(JudgementStep {
                    norm: norm.id.clone(),
                    norm_label: norm.labels.clone(),
                    label: j.labels.clone(),
                    rests_on_facts,
                    rests_on_concepts,
                    rests_on_norms,
                    record,
                    recorded,
                })
            })
            .collect()
    }
}
