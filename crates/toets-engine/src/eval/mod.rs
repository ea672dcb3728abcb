//! Evaluation: three-valued (Kleene) logic over the facts of a description,
//! in the graph's topological order, with the residual unknowns of every
//! result kept, so that an undetermined outcome lists exactly the questions
//! that could still change it.

mod because;
mod exact;
mod finding;
mod outcome;
mod questions;
mod trace;

use std::collections::BTreeSet;

use jiff::civil::Date;
use toets_syntax::ast::{CompareOp, ContainsMode, NormState};

use crate::RuleSet;
use crate::check::Node;
use crate::description::Description;
use crate::model::{ConceptId, Condition, Expr, FactId, NormId};
use crate::value::{Truth, Value};
use crate::verdict::Outcome;

use exact::Exact;
pub(crate) use finding::FindingEval;
pub(crate) use outcome::NormEval;
pub(crate) use trace::{Filter, build_verdict};

/// What is still open behind an unknown value: facts to ask, and norms whose
/// human judgement is awaited.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Open {
    pub facts: BTreeSet<FactId>,
    pub judgements: BTreeSet<NormId>,
}

impl Open {
    fn extend(&mut self, other: &Open) {
        self.facts.extend(other.facts.iter().copied());
        self.judgements.extend(other.judgements.iter().copied());
    }
}

/// A value that may be unknown, with what it waits for.
#[derive(Debug, Clone)]
struct Val {
    value: Option<Value>,
    open: Open,
}

impl Val {
    fn known(value: Value) -> Self {
        Val {
            value: Some(value),
            open: Open::default(),
        }
    }

    fn unknown(open: Open) -> Self {
        Val { value: None, open }
    }

    fn truth(&self) -> Truth {
        match self.value {
            Some(Value::Bool(b)) => Some(b),
            _ => None,
        }
    }
}

/// A truth value with its residual unknowns (empty when known).
#[derive(Debug, Clone, Default)]
pub(crate) struct Cond {
    pub truth: Truth,
    pub open: Open,
}

impl From<Val> for Cond {
    fn from(v: Val) -> Self {
        let truth = v.truth();
        Cond {
            truth,
            open: if truth.is_some() {
                Open::default()
            } else {
                v.open
            },
        }
    }
}

/// The state of one evaluation run.
pub(crate) struct Evaluation<'r> {
    pub rules: &'r RuleSet,
    pub description: &'r Description,
    pub date: Date,
    pub concepts: Vec<Cond>,
    pub norms: Vec<NormEval>,
    pub findings: Vec<FindingEval>,
}

impl<'r> Evaluation<'r> {
    /// Evaluates every concept, norm and finding; with `laws`, only what the
    /// norms and findings of those laws read (the others keep their defaults
    /// and are not reported).
    pub(crate) fn run(
        rules: &'r RuleSet,
        description: &'r Description,
        date: Date,
        laws: &[String],
    ) -> Self {
        let needed = (!laws.is_empty()).then(|| cone(rules, laws));
        Self::run_in(rules, description, date, needed.as_ref())
    }

    /// Evaluates what `needed` holds (everything with `None`); `needed` must
    /// hold everything its members read, as [`cone_of`] gives.
    pub(crate) fn run_in(
        rules: &'r RuleSet,
        description: &'r Description,
        date: Date,
        needed: Option<&std::collections::HashSet<Node>>,
    ) -> Self {
        let mut ev = Evaluation {
            rules,
            description,
            date,
            concepts: vec![Cond::default(); rules.concepts.len()],
            norms: vec![NormEval::default(); rules.norms.len()],
            findings: vec![FindingEval::default(); rules.findings.len()],
        };
        // Built when Kleene first leaves something open.
        let mut exact: Option<Exact> = None;
        let mut unavailable = false;
        // INVARIANT: `order` is a topological order of the acyclic graph, so
        // every concept and norm is evaluated, and made exact, after
        // everything it reads.
        for node in &rules.graph.order {
            if let Some(needed) = needed
                && !needed.contains(node)
            {
                continue;
            }
            match *node {
                Node::Concept(id) => {
                    if let Some(concept) = rules.concepts.get(id.index()) {
                        let mut value = ev.cond(&concept.expr.expr);
                        if value.truth.is_none()
                            && ev.inexact(rules.expansions.concepts.get(id.index()))
                            && let Some(x) = exact_for(&mut exact, &mut unavailable, &ev)
                        {
                            x.refine_concept(&ev, id, &mut value);
                        }
                        if let Some(slot) = ev.concepts.get_mut(id.index()) {
                            *slot = value;
                        }
                    }
                }
                Node::Norm(id) => {
                    let mut result = ev.norm(id);
                    if result.possible.len() > 1
                        && ev.inexact(rules.expansions.norms.get(id.index()))
                    {
                        match exact_for(&mut exact, &mut unavailable, &ev) {
                            Some(x) => x.refine_norm(&ev, id, &mut result),
                            None => result.approximate = true,
                        }
                    }
                    if let Some(slot) = ev.norms.get_mut(id.index()) {
                        *slot = result;
                    }
                }
                Node::Finding(id) => {
                    let mut result = ev.finding(id);
                    if result.truth.is_none()
                        && ev.inexact(rules.expansions.findings.get(id.index()))
                        && let Some(x) = exact_for(&mut exact, &mut unavailable, &ev)
                    {
                        x.refine_finding(&ev, id, &mut result);
                    }
                    if let Some(slot) = ev.findings.get_mut(id.index()) {
                        *slot = result;
                    }
                }
                Node::Fact(_) => {}
            }
        }
        ev
    }

    /// Whether three-valued logic may be inexact for what `expansion`
    /// describes: it reads an unknown fact twice, or the state of a norm that
    /// is still open. Otherwise every unknown fact is read once, independently,
    /// and Kleene's result and questions are exact already.
    fn inexact(&self, expansion: Option<&crate::check::Expansion>) -> bool {
        let Some(x) = expansion else {
            return true;
        };
        x.facts
            .iter()
            .any(|(f, n)| *n > 1 && self.fact(*f).is_none())
            || x.norms
                .iter()
                .any(|n| self.norm_eval(*n).is_some_and(NormEval::is_open))
    }

    /// The truth of a clause's condition.
    pub(crate) fn clause(&self, c: &Condition) -> Cond {
        self.cond(&c.expr)
    }

    pub(crate) fn fact(&self, id: FactId) -> Option<&Value> {
        self.description.value(id)
    }

    pub(crate) fn concept(&self, id: ConceptId) -> Option<&Cond> {
        self.concepts.get(id.index())
    }

    pub(crate) fn norm_eval(&self, id: NormId) -> Option<&NormEval> {
        self.norms.get(id.index())
    }

    pub(crate) fn cond(&self, e: &Expr) -> Cond {
        self.eval(e).into()
    }

    fn eval(&self, e: &Expr) -> Val {
        match e {
            Expr::Const(v) => Val::known(v.clone()),
            Expr::Today => Val::known(Value::Date(self.date)),
            Expr::Fact(id) => match self.fact(*id) {
                Some(v) => Val::known(v.clone()),
                None => Val::unknown(Open {
                    facts: BTreeSet::from([*id]),
                    judgements: BTreeSet::new(),
                }),
            },
            Expr::Concept(id) => {
                let c = self.concept(*id).cloned().unwrap_or_default();
                match c.truth {
                    Some(b) => Val::known(Value::Bool(b)),
                    None => Val::unknown(c.open),
                }
            }
            Expr::NormState(id, state) => self.norm_state(*id, *state),
            Expr::Not(inner) => {
                let v = self.eval(inner);
                match v.truth() {
                    Some(b) => Val::known(Value::Bool(!b)),
                    None => Val::unknown(v.open),
                }
            }
            Expr::And(es) => self.junction(es, false),
            Expr::Or(es) => self.junction(es, true),
            Expr::Compare(op, a, b) => {
                let (a, b) = (self.eval(a), self.eval(b));
                match (&a.value, &b.value) {
                    (Some(x), Some(y)) => Val::known(Value::Bool(compare(*op, x, y))),
                    _ => {
                        let mut open = a.open;
                        open.extend(&b.open);
                        Val::unknown(open)
                    }
                }
            }
            Expr::In(inner, variants) => {
                let v = self.eval(inner);
                match &v.value {
                    Some(Value::Text(t)) => Val::known(Value::Bool(variants.contains(t))),
                    _ => Val::unknown(v.open),
                }
            }
            Expr::Contains(inner, mode, variants) => {
                let v = self.eval(inner);
                match &v.value {
                    Some(Value::Set(items)) => {
                        let has = |x: &String| items.contains(x);
                        let b = match mode {
                            ContainsMode::Any => variants.iter().any(has),
                            ContainsMode::All => variants.iter().all(has),
                        };
                        Val::known(Value::Bool(b))
                    }
                    _ => Val::unknown(v.open),
                }
            }
        }
    }

    /// Kleene conjunction (`dominant` false) or disjunction (`dominant` true):
    /// one dominant operand decides; otherwise any unknown operand leaves the
    /// result unknown, waiting for the union of what the unknowns wait for.
    fn junction(&self, es: &[Expr], dominant: bool) -> Val {
        let mut open = Open::default();
        let mut unknown = false;
        for e in es {
            let v = self.eval(e);
            match v.truth() {
                Some(b) if b == dominant => return Val::known(Value::Bool(dominant)),
                Some(_) => {}
                None => {
                    unknown = true;
                    open.extend(&v.open);
                }
            }
        }
        if unknown {
            Val::unknown(open)
        } else {
            Val::known(Value::Bool(!dominant))
        }
    }

    fn norm_state(&self, id: NormId, state: NormState) -> Val {
        let Some(n) = self.norm_eval(id) else {
            return Val::unknown(Open::default());
        };
        let wanted: &[Outcome] = match state {
            NormState::Met => &[Outcome::Met],
            NormState::Violated => &[Outcome::Violated],
            NormState::Applicable => &[Outcome::Met, Outcome::Violated, Outcome::NeedsJudgement],
        };
        // A pending judgement may still turn out met or violated.
        let can = |o: &Outcome| {
            wanted.contains(o) || (*o == Outcome::NeedsJudgement && state != NormState::Applicable)
        };
        if !n.possible.iter().any(can) {
            return Val::known(Value::Bool(false));
        }
        if n.possible.iter().all(|o| wanted.contains(o)) {
            return Val::known(Value::Bool(true));
        }
        let mut open = n.open.clone();
        if n.outcome == Outcome::NeedsJudgement {
            // The facts that would record the judgement belong to that
            // norm's own questions; here it is the judgement that is awaited.
            open.facts.clear();
            open.judgements.insert(id);
        }
        Val::unknown(open)
    }
}

/// The concepts, norms and findings that the norms and findings of `laws` read,
/// transitively, and those themselves.
fn cone(rules: &RuleSet, laws: &[String]) -> std::collections::HashSet<Node> {
    let keeps = |law: crate::model::LawId| {
        rules
            .laws
            .get(law.index())
            .is_some_and(|l| laws.contains(&l.id))
    };
    let stack: Vec<Node> = rules
        .norms
        .iter()
        .enumerate()
        .filter(|(_, n)| keeps(n.law))
        .map(|(i, _)| Node::Norm(NormId(u32::try_from(i).unwrap_or(u32::MAX))))
        .chain(
            rules
                .findings
                .iter()
                .enumerate()
                .filter(|(_, f)| keeps(f.law))
                .map(|(i, _)| {
                    Node::Finding(crate::model::FindingId(
                        u32::try_from(i).unwrap_or(u32::MAX),
                    ))
                }),
        )
        .collect();
    cone_of(rules, stack)
}

/// `roots` and everything they read, transitively.
pub(crate) fn cone_of(rules: &RuleSet, roots: Vec<Node>) -> std::collections::HashSet<Node> {
    let mut stack = roots;
    let mut seen: std::collections::HashSet<Node> = stack.iter().copied().collect();
    while let Some(node) = stack.pop() {
        for &dep in rules.graph.dependencies(node) {
            if seen.insert(dep) {
                stack.push(dep);
            }
        }
    }
    seen
}

/// The exact pass, built when first needed; `None` if it cannot be built.
fn exact_for<'a>(
    slot: &'a mut Option<Exact>,
    unavailable: &mut bool,
    ev: &Evaluation<'_>,
) -> Option<&'a mut Exact> {
    if slot.is_none() && !*unavailable {
        *slot = Exact::new(ev);
        *unavailable = slot.is_none();
    }
    slot.as_mut()
}

pub(super) fn compare(op: CompareOp, a: &Value, b: &Value) -> bool {
    use std::cmp::Ordering;
    let ord = match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.partial_cmp(y),
        (Value::Date(x), Value::Date(y)) => Some(x.cmp(y)),
        (Value::Text(x), Value::Text(y)) => Some(x.cmp(y)),
        (Value::Bool(x), Value::Bool(y)) => Some(x.cmp(y)),
        _ => None,
    };
    match (op, ord) {
        (CompareOp::Eq, Some(o)) => o == Ordering::Equal,
        (CompareOp::Ne, Some(o)) => o != Ordering::Equal,
        (CompareOp::Lt, Some(o)) => o == Ordering::Less,
        (CompareOp::Le, Some(o)) => o != Ordering::Greater,
        (CompareOp::Gt, Some(o)) => o == Ordering::Greater,
        (CompareOp::Ge, Some(o)) => o != Ordering::Less,
        // Values of different types never meet: the checker rules it out.
        (_, None) => false,
    }
}
