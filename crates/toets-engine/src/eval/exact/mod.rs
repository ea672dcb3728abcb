//! Exact outcomes and open questions, with binary decision diagrams.
//!
//! Kleene's three-valued logic is sound but not exact where facts are
//! shared: `a or not a` is unknown to it, and a norm whose every completion
//! is `not_applicable` can look open. Whenever Kleene leaves a concept, a
//! norm or a finding open, this module builds its decision diagram over the
//! facts that are still unknown (and over the pending human judgements it
//! waits for) and reads off what is exact:
//!
//! - the outcome is decided when only one outcome is possible;
//! - a fact is an open question when the outcome depends on it, i.e. some
//!   answer to it alone changes the outcome for some answers to the others.
//!
//! Each unknown fact is encoded in a few variables: a `bool` in one, each
//! value of a `set of` in one, and any other fact by the class of its value
//! (see [`domain`]) in binary, where the spare codes stand for the last class
//! so that every assignment is a real answer. Judgement records (`settled
//! by`) keep their meaning: an unrecorded judgement is a pending judgement,
//! not an unknown fact; a norm reading another norm that awaits a judgement
//! depends on a variable that stands for that judgement's outcome.
//!
//! Bound: a diagram larger than [`MAX_NODES`] stops the exact pass for the
//! rest of the evaluation; what it has not refined keeps Kleene's result,
//! which is sound (never a wrong outcome), may list questions that cannot
//! change it, and is marked `approximate` in the verdict.

mod domain;

use std::collections::BTreeSet;
use std::rc::Rc;

use biodivine_lib_bdd::{Bdd, BddVariable, BddVariableSet, op_function};
use toets_syntax::ast::{CompareOp, ContainsMode, NormState};

use super::{Cond, Evaluation, FindingEval, NormEval, Open, compare};
use crate::model::{ConceptId, Expr, FactId, FindingBody, FindingId, NormId};
use crate::value::Value;
use crate::verdict::Outcome;

/// Largest decision diagram built for one condition.
pub(crate) const MAX_NODES: usize = 50_000;

/// How an unknown fact is encoded.
enum Enc {
    Known,
    Bool(BddVariable),
    /// One variable per listed value.
    Set(Vec<BddVariable>),
    /// The class of the value, in binary.
    Classes {
        reps: Vec<Value>,
        bits: Vec<BddVariable>,
    },
}

/// Who a variable stands for.
#[derive(Clone, Copy)]
enum Owner {
    Fact(FactId),
    Judgement(NormId),
}

/// The clause a question belongs to, for the question order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Clause {
    Applies,
    Requires,
    Exception,
}

/// A norm's outcome as diagrams: one per outcome, together a partition.
struct NormBdds {
    not_applicable: Bdd,
    met: Bdd,
    violated: Bdd,
    needs_judgement: Bdd,
}

/// The diagrams of one evaluation.
pub(crate) struct Exact {
    vars: BddVariableSet,
    encs: Vec<Enc>,
    judges: Vec<Option<BddVariable>>,
    owners: Vec<Owner>,
    concepts: Vec<Option<Bdd>>,
    norms: Vec<Option<Rc<NormBdds>>>,
    failed: bool,
}

impl Exact {
    /// Variables for every unknown fact and every judgement; `None` if there
    /// would be more than a diagram can hold.
    pub(crate) fn new(ev: &Evaluation<'_>) -> Option<Exact> {
        let mut count = 0usize;
        let mut plan: Vec<(usize, Option<Vec<Value>>)> = Vec::with_capacity(ev.rules.facts.len());
        for (i, fact) in ev.rules.facts.iter().enumerate() {
            let id = FactId(u32::try_from(i).ok()?);
            if ev.fact(id).is_some() {
                plan.push((0, None));
                continue;
            }
            let reps = domain::representatives(fact, ev.date);
            let n = match (&reps, &fact.ty) {
                (None, crate::model::FactType::SetOf(v)) => v.len(),
                (None, _) => 1,
                (Some(r), _) => bits_for(r.len()),
            };
            count += n;
            plan.push((n, reps));
        }
        let judged = ev
            .rules
            .norms
            .iter()
            .filter(|n| n.judgement.is_some())
            .count();
        let total = u16::try_from(count + judged).ok()?;
        let vars = BddVariableSet::new_anonymous(total);
        let mut next = 0usize;
        let mut take = |owners: &mut Vec<Owner>, owner: Owner| {
            let v = BddVariable::from_index(next);
            next += 1;
            owners.push(owner);
            v
        };
        let mut owners = Vec::with_capacity(usize::from(total));
        // Variables in the order the rules first mention the facts: facts read
        // together sit together, which keeps the diagrams small.
        let mut by_rank: Vec<usize> = (0..plan.len()).collect();
        by_rank.sort_by_key(|&i| ev.rules.facts.get(i).map_or(u32::MAX, |f| f.reading_rank));
        let mut plan: Vec<Option<(usize, Option<Vec<Value>>)>> =
            plan.into_iter().map(Some).collect();
        let mut encs: Vec<Enc> = (0..plan.len()).map(|_| Enc::Known).collect();
        for i in by_rank {
            let id = FactId(u32::try_from(i).ok()?);
            let fact = ev.rules.facts.get(i)?;
            let Some((n, reps)) = plan.get_mut(i).and_then(Option::take) else {
                continue;
            };
            if ev.fact(id).is_some() {
                continue;
            }
            let enc = match (reps, &fact.ty) {
                (Some(reps), _) => Enc::Classes {
                    bits: (0..n).map(|_| take(&mut owners, Owner::Fact(id))).collect(),
                    reps,
                },
                (None, crate::model::FactType::SetOf(_)) => {
                    Enc::Set((0..n).map(|_| take(&mut owners, Owner::Fact(id))).collect())
                }
                (None, _) => Enc::Bool(take(&mut owners, Owner::Fact(id))),
            };
            if let Some(slot) = encs.get_mut(i) {
                *slot = enc;
            }
        }
        let judges = ev
            .rules
            .norms
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let id = NormId(u32::try_from(i).unwrap_or(u32::MAX));
                n.judgement
                    .as_ref()
                    .map(|_| take(&mut owners, Owner::Judgement(id)))
            })
            .collect();
        Some(Exact {
            vars,
            encs,
            judges,
            owners,
            concepts: vec![None; ev.rules.concepts.len()],
            norms: (0..ev.rules.norms.len()).map(|_| None).collect(),
            failed: false,
        })
    }

    fn constant(&self, b: bool) -> Bdd {
        if b {
            self.vars.mk_true()
        } else {
            self.vars.mk_false()
        }
    }

    fn and(&mut self, a: &Bdd, b: &Bdd) -> Option<Bdd> {
        self.op(a, b, op_function::and)
    }

    fn or(&mut self, a: &Bdd, b: &Bdd) -> Option<Bdd> {
        self.op(a, b, op_function::or)
    }

    fn op(
        &mut self,
        a: &Bdd,
        b: &Bdd,
        f: fn(Option<bool>, Option<bool>) -> Option<bool>,
    ) -> Option<Bdd> {
        let out = Bdd::binary_op_with_limit(MAX_NODES, a, b, f);
        if out.is_none() {
            self.failed = true;
        }
        out
    }

    /// What a diagram depends on: unknown facts and awaited judgements.
    fn support(&self, bdds: &[&Bdd]) -> Open {
        let mut open = Open::default();
        for b in bdds {
            for v in b.support_set() {
                match self.owners.get(v.to_index()) {
                    Some(Owner::Fact(f)) => {
                        open.facts.insert(*f);
                    }
                    Some(Owner::Judgement(n)) => {
                        open.judgements.insert(*n);
                    }
                    None => {}
                }
            }
        }
        open
    }

    /// `fact has the value of class idx`.
    fn class(&self, bits: &[BddVariable], count: usize, idx: usize) -> Bdd {
        let mut out = self.vars.mk_false();
        for code in 0..(1usize << bits.len()) {
            if code.min(count.saturating_sub(1)) != idx {
                continue;
            }
            let mut term = self.vars.mk_true();
            for (k, v) in bits.iter().enumerate() {
                term = term.and(&self.vars.mk_literal(*v, code & (1 << k) != 0));
            }
            out = out.or(&term);
        }
        out
    }

    fn concept(&mut self, ev: &Evaluation<'_>, id: ConceptId) -> Option<Bdd> {
        if let Some(Some(b)) = self.concepts.get(id.index()) {
            return Some(b.clone());
        }
        let b = match ev.concept(id).and_then(|c| c.truth) {
            Some(t) => self.constant(t),
            None => {
                let concept = ev.rules.concepts.get(id.index())?;
                self.expr(ev, &concept.expr.expr)?
            }
        };
        if let Some(slot) = self.concepts.get_mut(id.index()) {
            *slot = Some(b.clone());
        }
        Some(b)
    }

    fn norm_bdds(&mut self, ev: &Evaluation<'_>, id: NormId) -> Option<Rc<NormBdds>> {
        if let Some(Some(b)) = self.norms.get(id.index()) {
            return Some(b.clone());
        }
        // A norm read by another is evaluated and refined already.
        let n = ev.norm_eval(id)?;
        let b = match n.possible.as_slice() {
            [one] => Rc::new(self.decided(*one)),
            _ => Rc::new(self.build_norm(ev, id, n)?.0),
        };
        if let Some(slot) = self.norms.get_mut(id.index()) {
            *slot = Some(b.clone());
        }
        Some(b)
    }

    fn decided(&self, o: Outcome) -> NormBdds {
        NormBdds {
            not_applicable: self.constant(o == Outcome::NotApplicable),
            met: self.constant(o == Outcome::Met),
            violated: self.constant(o == Outcome::Violated),
            needs_judgement: self.constant(o == Outcome::NeedsJudgement),
        }
    }

    /// The outcome diagrams of a norm, and its clauses' diagrams.
    fn build_norm(
        &mut self,
        ev: &Evaluation<'_>,
        id: NormId,
        n: &NormEval,
    ) -> Option<(NormBdds, Vec<(Clause, Bdd)>)> {
        let norm = ev.rules.norms.get(id.index())?;
        if !n.in_force {
            return Some((self.decided(Outcome::NotInForce), Vec::new()));
        }
        let t = self.constant(true);
        let a = match &norm.applies {
            Some(c) => self.expr(ev, &c.expr)?,
            None => t.clone(),
        };
        let r = match &norm.requires {
            Some(c) => self.expr(ev, &c.expr)?,
            None => t.clone(),
        };
        let mut clauses = vec![(Clause::Applies, a.clone()), (Clause::Requires, r.clone())];
        let mut x = self.constant(false);
        for e in &norm.exceptions {
            let b = self.expr(ev, &e.when.expr)?;
            x = self.or(&x, &b)?;
            clauses.push((Clause::Exception, b));
        }
        let not_a = a.not();
        let not_r = r.not();
        let not_x = x.not();
        let a_x = self.and(&a, &x)?;
        let f = self.constant(false);
        let judgement = n.settled.as_ref().map(|s| s.truth);
        let bdds = match judgement {
            None | Some(Some(true)) => {
                let a_not_r = self.and(&a, &not_r)?;
                let a_not_r_x = self.and(&a_not_r, &x)?;
                NormBdds {
                    met: self.and(&a, &r)?,
                    violated: self.and(&a_not_r, &not_x)?,
                    not_applicable: self.or(&not_a, &a_not_r_x)?,
                    needs_judgement: f,
                }
            }
            Some(Some(false)) => NormBdds {
                met: f.clone(),
                violated: self.and(&a, &not_x)?,
                not_applicable: self.or(&not_a, &a_x)?,
                needs_judgement: f,
            },
            Some(None) => {
                let a_not_r = self.and(&a, &not_r)?;
                let a_r = self.and(&a, &r)?;
                NormBdds {
                    met: f,
                    violated: self.and(&a_not_r, &not_x)?,
                    needs_judgement: self.and(&a_r, &not_x)?,
                    not_applicable: self.or(&not_a, &a_x)?,
                }
            }
        };
        Some((bdds, clauses))
    }

    fn norm_state(&mut self, ev: &Evaluation<'_>, id: NormId, state: NormState) -> Option<Bdd> {
        let b = self.norm_bdds(ev, id)?;
        let j = match self.judges.get(id.index()).copied().flatten() {
            Some(v) => self.vars.mk_var(v),
            None => self.constant(false),
        };
        match state {
            NormState::Met => {
                let pending = self.and(&b.needs_judgement, &j)?;
                self.or(&b.met, &pending)
            }
            NormState::Violated => {
                let pending = self.and(&b.needs_judgement, &j.not())?;
                self.or(&b.violated, &pending)
            }
            NormState::Applicable => {
                let decided = self.or(&b.met, &b.violated)?;
                self.or(&decided, &b.needs_judgement)
            }
        }
    }

    /// The diagram of a condition.
    fn expr(&mut self, ev: &Evaluation<'_>, e: &Expr) -> Option<Bdd> {
        if self.failed {
            return None;
        }
        match e {
            Expr::Const(v) => Some(self.constant(*v == Value::Bool(true))),
            Expr::Today => Some(self.constant(false)),
            Expr::Fact(f) => match self.encs.get(f.index())? {
                Enc::Bool(v) => Some(self.vars.mk_var(*v)),
                _ => Some(self.constant(ev.fact(*f) == Some(&Value::Bool(true)))),
            },
            Expr::Concept(c) => self.concept(ev, *c),
            Expr::NormState(n, s) => self.norm_state(ev, *n, *s),
            Expr::Not(inner) => Some(self.expr(ev, inner)?.not()),
            Expr::And(es) | Expr::Or(es) => {
                let is_and = matches!(e, Expr::And(_));
                let mut acc = self.constant(is_and);
                for o in es {
                    let b = self.expr(ev, o)?;
                    acc = if is_and {
                        self.and(&acc, &b)?
                    } else {
                        self.or(&acc, &b)?
                    };
                }
                Some(acc)
            }
            Expr::Contains(inner, mode, values) => {
                let Expr::Fact(f) = inner.as_ref() else {
                    return Some(self.constant(false));
                };
                let vars = match self.encs.get(f.index())? {
                    Enc::Set(vars) => vars.clone(),
                    _ => {
                        let t = ev.cond(e).truth == Some(true);
                        return Some(self.constant(t));
                    }
                };
                let variants = ev.rules.facts.get(f.index())?.ty.variants().to_vec();
                let mut acc = self.constant(*mode == ContainsMode::All);
                for value in values {
                    let Some(v) = variants
                        .iter()
                        .position(|x| x == value)
                        .and_then(|i| vars.get(i))
                    else {
                        continue;
                    };
                    let lit = self.vars.mk_var(*v);
                    acc = match mode {
                        ContainsMode::All => self.and(&acc, &lit)?,
                        ContainsMode::Any => self.or(&acc, &lit)?,
                    };
                }
                Some(acc)
            }
            Expr::Compare(op, a, b) if is_boolish(ev, a) && is_boolish(ev, b) => {
                let (x, y) = (self.expr(ev, a)?, self.expr(ev, b)?);
                Some(match op {
                    CompareOp::Eq => x.iff(&y),
                    CompareOp::Ne => x.xor(&y),
                    CompareOp::Lt => x.not().and(&y),
                    CompareOp::Le => x.not().or(&y),
                    CompareOp::Gt => x.and(&y.not()),
                    CompareOp::Ge => x.or(&y.not()),
                })
            }
            Expr::Compare(..) | Expr::In(..) => self.atom(ev, e),
        }
    }

    /// A comparison or `in` over facts with classes: the union, over the
    /// combinations of classes that make it true, of those classes.
    fn atom(&mut self, ev: &Evaluation<'_>, e: &Expr) -> Option<Bdd> {
        let mut unknown: Vec<FactId> = Vec::new();
        e.visit_refs(&mut |g| {
            if let crate::model::Ground::Fact(f) = g
                && ev.fact(f).is_none()
                && !unknown.contains(&f)
            {
                unknown.push(f);
            }
        });
        let mut choices: Vec<(FactId, Vec<Value>, Vec<BddVariable>)> = Vec::new();
        for f in &unknown {
            match self.encs.get(f.index())? {
                Enc::Classes { reps, bits } => choices.push((*f, reps.clone(), bits.clone())),
                _ => return Some(self.constant(false)),
            }
        }
        let mut out = self.constant(false);
        let mut index = vec![0usize; choices.len()];
        loop {
            let lookup = |f: FactId| -> Option<Value> {
                match choices.iter().position(|(g, _, _)| *g == f) {
                    Some(k) => choices
                        .get(k)
                        .and_then(|(_, reps, _)| reps.get(*index.get(k)?))
                        .cloned(),
                    None => ev.fact(f).cloned(),
                }
            };
            if atom_truth(ev, e, &lookup) == Some(true) {
                let mut term = self.constant(true);
                for ((_, reps, bits), &i) in choices.iter().zip(&index) {
                    let class = self.class(bits, reps.len(), i);
                    term = self.and(&term, &class)?;
                }
                out = self.or(&out, &term)?;
            }
            // The next combination, like an odometer.
            let mut k = 0;
            loop {
                let Some(slot) = index.get_mut(k) else {
                    return Some(out);
                };
                *slot += 1;
                if *slot < choices.get(k).map_or(0, |c| c.1.len()) {
                    break;
                }
                *slot = 0;
                k += 1;
            }
        }
    }

    /// Refines a concept that Kleene left open.
    pub(crate) fn refine_concept(&mut self, ev: &Evaluation<'_>, id: ConceptId, cond: &mut Cond) {
        if cond.truth.is_some() || self.failed {
            return;
        }
        let Some(concept) = ev.rules.concepts.get(id.index()) else {
            return;
        };
        let Some(b) = self.expr(ev, &concept.expr.expr) else {
            return;
        };
        *cond = self.cond_of(&b);
        if let Some(slot) = self.concepts.get_mut(id.index()) {
            *slot = Some(b);
        }
    }

    fn cond_of(&self, b: &Bdd) -> Cond {
        match b.as_bool() {
            Some(t) => Cond {
                truth: Some(t),
                open: Open::default(),
            },
            None => Cond {
                truth: None,
                open: self.support(&[b]),
            },
        }
    }

    /// Refines a norm that Kleene left open: its outcome, its possible
    /// outcomes, its open questions with the clause each belongs to.
    pub(crate) fn refine_norm(&mut self, ev: &Evaluation<'_>, id: NormId, n: &mut NormEval) {
        if n.possible.len() < 2 || self.failed {
            return;
        }
        let Some((bdds, clauses)) = self.build_norm(ev, id, n) else {
            n.approximate = true;
            return;
        };
        let by_outcome = [
            (Outcome::NotApplicable, &bdds.not_applicable),
            (Outcome::Met, &bdds.met),
            (Outcome::Violated, &bdds.violated),
            (Outcome::NeedsJudgement, &bdds.needs_judgement),
        ];
        let mut possible: Vec<Outcome> = by_outcome
            .iter()
            .filter(|(_, b)| !b.is_false())
            .map(|(o, _)| *o)
            .collect();
        possible.sort_unstable();
        let open = self.support(&[
            &bdds.not_applicable,
            &bdds.met,
            &bdds.violated,
            &bdds.needs_judgement,
        ]);
        for (clause, b) in &clauses {
            let cond = self.cond_of(b);
            match clause {
                Clause::Applies => n.applies = cond,
                Clause::Requires => n.requires = cond,
                Clause::Exception => {}
            }
        }
        let exceptions: Vec<Cond> = clauses
            .iter()
            .filter(|(c, _)| *c == Clause::Exception)
            .map(|(_, b)| self.cond_of(b))
            .collect();
        if exceptions.len() == n.exceptions.len() {
            n.exceptions = exceptions;
        }
        let settled_open = n
            .settled
            .as_ref()
            .map(|s| s.open.clone())
            .unwrap_or_default();
        (n.outcome, n.open) = match possible.as_slice() {
            [Outcome::NeedsJudgement] => (Outcome::NeedsJudgement, settled_open),
            [one] => (*one, Open::default()),
            _ if open.facts.is_empty() => (
                Outcome::NeedsJudgement,
                Open {
                    facts: BTreeSet::new(),
                    judgements: open.judgements.clone(),
                },
            ),
            _ => (Outcome::Undetermined, open.clone()),
        };
        let supports: Vec<(Clause, Open)> = clauses
            .iter()
            .map(|(c, b)| (*c, self.support(&[b])))
            .collect();
        n.clauses = open
            .facts
            .iter()
            .map(|f| {
                let clause = supports
                    .iter()
                    .find(|(_, s)| s.facts.contains(f))
                    .map_or(Clause::Requires, |(c, _)| *c);
                (*f, clause)
            })
            .collect();
        n.exception_applied =
            if n.outcome == Outcome::NotApplicable && n.applies.truth != Some(false) {
                n.exceptions.iter().position(|c| c.truth == Some(true))
            } else {
                None
            };
        n.possible = possible;
        if let Some(slot) = self.norms.get_mut(id.index()) {
            *slot = Some(Rc::new(bdds));
        }
    }

    /// Refines a finding that Kleene left open.
    pub(crate) fn refine_finding(
        &mut self,
        ev: &Evaluation<'_>,
        id: FindingId,
        f: &mut FindingEval,
    ) {
        if f.truth.is_some() || self.failed {
            return;
        }
        let Some(finding) = ev.rules.findings.get(id.index()) else {
            return;
        };
        match &finding.body {
            FindingBody::When(c) => {
                let Some(b) = self.expr(ev, &c.expr) else {
                    return;
                };
                let cond = self.cond_of(&b);
                f.truth = cond.truth;
                f.open = cond.open;
            }
            FindingBody::Cases(cases) => {
                // Case i holds when it is true and every case above it false.
                let mut none_above = self.constant(true);
                let mut holds: Vec<Bdd> = Vec::with_capacity(cases.len() + 1);
                for case in cases {
                    let Some(b) = self.expr(ev, &case.when.expr) else {
                        return;
                    };
                    let Some(h) = self.and(&none_above, &b) else {
                        return;
                    };
                    let Some(rest) = self.and(&none_above, &b.not()) else {
                        return;
                    };
                    holds.push(h);
                    none_above = rest;
                }
                holds.push(none_above);
                let possible: Vec<usize> = holds
                    .iter()
                    .enumerate()
                    .filter(|(_, b)| !b.is_false())
                    .map(|(i, _)| i)
                    .collect();
                match possible.as_slice() {
                    [i] if *i < cases.len() => {
                        f.truth = Some(true);
                        f.case = Some(*i);
                        f.open = Open::default();
                    }
                    [_] => {
                        f.truth = Some(false);
                        f.case = None;
                        f.open = Open::default();
                    }
                    _ => {
                        let refs: Vec<&Bdd> = holds.iter().collect();
                        f.open = self.support(&refs);
                    }
                }
            }
        }
    }
}

/// Number of bits that number `count` classes.
fn bits_for(count: usize) -> usize {
    let mut bits = 0;
    while (1usize << bits) < count {
        bits += 1;
    }
    bits
}

/// Whether an operand of a comparison is true or false rather than a value.
fn is_boolish(ev: &Evaluation<'_>, e: &Expr) -> bool {
    match e {
        Expr::Const(v) => matches!(v, Value::Bool(_)),
        Expr::Fact(f) => matches!(
            ev.rules.facts.get(f.index()).map(|x| &x.ty),
            Some(crate::model::FactType::Bool)
        ),
        Expr::Concept(_) | Expr::NormState(..) => true,
        _ => false,
    }
}

/// A comparison or `in` with the given facts' values.
fn atom_truth(
    ev: &Evaluation<'_>,
    e: &Expr,
    lookup: &dyn Fn(FactId) -> Option<Value>,
) -> Option<bool> {
    let value = |e: &Expr| -> Option<Value> {
        match e {
            Expr::Const(v) => Some(v.clone()),
            Expr::Today => Some(Value::Date(ev.date)),
            Expr::Fact(f) => lookup(*f),
            _ => None,
        }
    };
    match e {
        Expr::Compare(op, a, b) => Some(compare(*op, &value(a)?, &value(b)?)),
        Expr::In(inner, variants) => match value(inner)? {
            Value::Text(t) => Some(variants.contains(&t)),
            _ => None,
        },
        _ => None,
    }
}
