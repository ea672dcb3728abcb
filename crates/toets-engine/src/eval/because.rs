//! Why a condition came out as it did: the few facts, concepts or norms
//! that decided it. A false `and` is decided by its first false operand, a
//! true `or` by its first true one; a true `and` and a false `or` need all
//! of their operands.

use super::Evaluation;
use crate::model::{ConceptId, Expr, Ground};
use crate::verdict::{ConceptReason, Reason};

/// At most this many reasons are given for one conclusion; the first ones
/// in reading order.
pub(crate) const MAX_REASONS: usize = 6;

impl Evaluation<'_> {
    /// The grounds that make `e` come out `want`, in reading order, without
    /// duplicates. Concepts are not unfolded. Empty if `e` is not `want`.
    pub(crate) fn grounds(&self, e: &Expr, want: bool) -> Vec<Ground> {
        let mut out = Vec::new();
        if self.cond(e).truth == Some(want) {
            self.collect(e, want, &mut out);
        }
        out
    }

    fn collect(&self, e: &Expr, want: bool, out: &mut Vec<Ground>) {
        let push = |g: Ground, out: &mut Vec<Ground>| {
            if !out.contains(&g) {
                out.push(g);
            }
        };
        match e {
            Expr::Const(_) | Expr::Today => {}
            Expr::Fact(f) => push(Ground::Fact(*f), out),
            Expr::Concept(c) => push(Ground::Concept(*c), out),
            Expr::NormState(n, _) => push(Ground::Norm(*n), out),
            Expr::Not(inner) => self.collect(inner, !want, out),
            Expr::And(es) | Expr::Or(es) => {
                // The operand value that decides the junction on its own.
                let dominant = matches!(e, Expr::Or(_));
                if want == dominant {
                    if let Some(first) = es.iter().find(|o| self.cond(o).truth == Some(want)) {
                        self.collect(first, want, out);
                    }
                } else {
                    for o in es {
                        self.collect(o, want, out);
                    }
                }
            }
            Expr::Compare(..) | Expr::In(..) | Expr::Contains(..) => {
                e.visit_refs(&mut |g| push(g, out));
            }
        }
    }

    /// The facts and norms behind `e` coming out `want`, unfolding concepts.
    pub(crate) fn fact_grounds(&self, e: &Expr, want: bool) -> Vec<Ground> {
        let mut out: Vec<Ground> = Vec::new();
        let mut stack: Vec<Ground> = self.grounds(e, want);
        stack.reverse();
        let mut seen: Vec<ConceptId> = Vec::new();
        while let Some(g) = stack.pop() {
            match g {
                Ground::Concept(c) => {
                    if seen.contains(&c) {
                        continue;
                    }
                    seen.push(c);
                    let value = self.concept(c).and_then(|x| x.truth);
                    if let (Some(v), Some(concept)) = (value, self.rules.concepts.get(c.index())) {
                        let mut inner = self.grounds(&concept.expr.expr, v);
                        inner.reverse();
                        stack.extend(inner);
                    }
                }
                other => {
                    if !out.contains(&other) {
                        out.push(other);
                    }
                }
            }
        }
        out
    }

    /// A concept whose truth rests on exactly one other concept stands for
    /// that one: descend the chain to the most specific labelled concept.
    fn specific(&self, mut c: ConceptId) -> ConceptId {
        for _ in 0..self.rules.concepts.len() {
            let Some(concept) = self.rules.concepts.get(c.index()) else {
                break;
            };
            let Some(v) = self.concept(c).and_then(|x| x.truth) else {
                break;
            };
            match self.grounds(&concept.expr.expr, v).as_slice() {
                [Ground::Concept(next)] => c = *next,
                _ => break,
            }
        }
        c
    }

    /// The reasons a reader is shown for `e` coming out `want`: concepts
    /// (each with the facts behind it) where the rules name them, facts and
    /// norms otherwise. A condition that is one concept is unfolded once (a
    /// finding reports its concept; the reasons say more than the finding),
    /// and further while it stands for a single other concept or has no
    /// labels: `high risk` because `Annex III point 5(a)`, not because
    /// `Annex III`.
    pub(crate) fn reasons(&self, e: &Expr, want: bool) -> Vec<Reason> {
        let mut grounds = self.grounds(e, want);
        let mut first = true;
        while let [Ground::Concept(c)] = grounds.as_slice() {
            let c = *c;
            let (Some(concept), Some(v)) = (
                self.rules.concepts.get(c.index()),
                self.concept(c).and_then(|x| x.truth),
            ) else {
                break;
            };
            let inner = self.grounds(&concept.expr.expr, v);
            let chain = matches!(inner.as_slice(), [Ground::Concept(_)]);
            if inner.is_empty() || !(first || chain || concept.labels.is_none()) {
                break;
            }
            grounds = inner;
            first = false;
        }
        grounds
            .into_iter()
            .filter_map(|g| self.reason(g))
            .take(MAX_REASONS)
            .collect()
    }

    /// The reasons at the level of facts: for a violated requirement, "which
    /// fact failed it".
    pub(crate) fn fact_reasons(&self, e: &Expr, want: bool) -> Vec<Reason> {
        self.fact_grounds(e, want)
            .into_iter()
            .filter_map(|g| self.reason(g))
            .take(MAX_REASONS)
            .collect()
    }

    fn reason(&self, g: Ground) -> Option<Reason> {
        Some(match g {
            Ground::Fact(f) => Reason::Fact(self.fact_use(f)),
            Ground::Norm(n) => Reason::Norm(self.norm_ref(n)),
            Ground::Concept(c) => {
                let c = self.specific(c);
                let concept = self.rules.concepts.get(c.index());
                let value = self.concept(c).and_then(|x| x.truth);
                let because = match (concept, value) {
                    (Some(concept), Some(v)) => self.fact_reasons(&concept.expr.expr, v),
                    _ => Vec::new(),
                };
                Reason::Concept(ConceptReason {
                    concept: concept.map(|x| x.id.clone()).unwrap_or_default(),
                    label: concept.and_then(|x| x.labels.clone()),
                    value,
                    citations: concept.map(|x| x.cites.clone()).unwrap_or_default(),
                    because,
                })
            }
            // Conditions never read findings: the checker refuses it.
            Ground::Finding(_) => return None,
        })
    }
}
