//! What each condition depends on, in reading order, and which facts a fact
//! presupposes: computed once here, read by the question order, the trace and
//! the tools.
//!
//! A fact *presupposes* the facts a reader meets before it in the conditions
//! that read it: in `a and b` or `a or b`, `b` presupposes every fact of `a`
//! (whether `b` matters depends on `a`); within a norm, the facts of its
//! scope come before those of its requirement, and those before its
//! exceptions and its judgement record. Where two conditions read the same
//! facts in opposite orders, the order in which the rules first mention them
//! (findings first, then norms, in declaration order) decides, except that a
//! fact only requirements read always follows the scope of a norm that
//! requires it, and that another norm's state in a junction is a unit of its
//! own. A fact's own `follows` always holds. The result is transitive and
//! acyclic.

use std::collections::HashSet;

use super::{Checker, Graph, Node};
use crate::model::{Condition, Expr, FactId};
use crate::value::Value;

/// Facts of each concept and norm, in reading order.
struct Orders {
    concepts: Vec<Vec<FactId>>,
    norms: Vec<Vec<FactId>>,
}

impl Orders {
    /// The facts an expression depends on, in reading order, appended to `out`.
    fn collect(&self, e: &Expr, out: &mut Vec<FactId>, seen: &mut HashSet<FactId>) {
        let mut push = |f: FactId, out: &mut Vec<FactId>| {
            if seen.insert(f) {
                out.push(f);
            }
        };
        match e {
            Expr::Const(_) | Expr::Today => {}
            Expr::Fact(f) => push(*f, out),
            Expr::Concept(c) => {
                for f in self.concepts.get(c.index()).into_iter().flatten() {
                    push(*f, out);
                }
            }
            Expr::NormState(n, _) => {
                for f in self.norms.get(n.index()).into_iter().flatten() {
                    push(*f, out);
                }
            }
            Expr::Not(inner) | Expr::In(inner, _) | Expr::Contains(inner, _, _) => {
                self.collect(inner, out, seen);
            }
            Expr::And(es) | Expr::Or(es) => {
                for e in es {
                    self.collect(e, out, seen);
                }
            }
            Expr::Compare(_, a, b) => {
                self.collect(a, out, seen);
                self.collect(b, out, seen);
            }
        }
    }

    fn facts(&self, e: &Expr) -> Vec<FactId> {
        let mut out = Vec::new();
        self.collect(e, &mut out, &mut HashSet::new());
        out
    }

    fn of_conditions<'c>(&self, conds: impl IntoIterator<Item = &'c Condition>) -> Vec<FactId> {
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        for c in conds {
            self.collect(&c.expr, &mut out, &mut seen);
        }
        out
    }

    /// Guard pairs of an expression: in a junction, every fact of an earlier
    /// operand comes before every fact of a later one. An operand that is
    /// another norm's state (`aia.art5_1a.manipulation is violated`) is a
    /// unit of its own: its facts keep the order of that norm and neither
    /// guard nor are guarded by the other operands. A disjunction of
    /// prohibitions does not make the scope of the second presuppose the
    /// requirement of the first.
    fn guards(&self, e: &Expr, pairs: &mut dyn FnMut(FactId, FactId)) {
        match e {
            Expr::And(es) | Expr::Or(es) => {
                let blocks: Vec<Vec<FactId>> = es.iter().map(|o| self.facts(o)).collect();
                let mut before: Vec<FactId> = Vec::new();
                for (operand, block) in es.iter().zip(&blocks) {
                    if matches!(operand, Expr::NormState(..)) {
                        continue;
                    }
                    for &g in &before {
                        for &q in block {
                            if g != q {
                                pairs(g, q);
                            }
                        }
                    }
                    before.extend(block.iter().copied());
                    self.guards(operand, pairs);
                }
            }
            Expr::Not(inner) | Expr::In(inner, _) | Expr::Contains(inner, _, _) => {
                self.guards(inner, pairs);
            }
            Expr::Compare(_, a, b) => {
                self.guards(a, pairs);
                self.guards(b, pairs);
            }
            Expr::Const(_) | Expr::Today | Expr::Fact(_) | Expr::Concept(_) => {}
            Expr::NormState(..) => {}
        }
    }
}

/// Fills `facts_in_order` of every condition and `presupposes` of every fact.
pub(super) fn order(c: &mut Checker<'_>, graph: &Graph, follows: &[Vec<FactId>]) {
    let mut orders = Orders {
        concepts: vec![Vec::new(); c.concepts.len()],
        norms: vec![Vec::new(); c.norms.len()],
    };
    // INVARIANT: `graph.order` is topological, so a concept or norm is
    // ordered after everything it reads.
    for node in &graph.order {
        match *node {
            Node::Concept(id) => {
                if let Some(concept) = c.concepts.get(id.index()) {
                    let facts = orders.facts(&concept.expr.expr);
                    if let Some(slot) = orders.concepts.get_mut(id.index()) {
                        *slot = facts;
                    }
                }
            }
            Node::Norm(id) => {
                if let Some(norm) = c.norms.get(id.index()) {
                    let facts = orders.of_conditions(norm.conditions());
                    if let Some(slot) = orders.norms.get_mut(id.index()) {
                        *slot = facts;
                    }
                }
            }
            Node::Fact(_) | Node::Finding(_) => {}
        }
    }
    let fill = |cond: &mut Condition| cond.facts_in_order = orders.facts(&cond.expr);
    for concept in &mut c.concepts {
        fill(&mut concept.expr);
    }
    for norm in &mut c.norms {
        norm.applies.iter_mut().for_each(fill);
        norm.requires.iter_mut().for_each(fill);
        norm.exceptions.iter_mut().for_each(|e| fill(&mut e.when));
        if let Some(j) = &mut norm.judgement {
            j.settled_by.iter_mut().for_each(fill);
        }
    }
    for finding in &mut c.findings {
        match &mut finding.body {
            crate::model::FindingBody::When(cond) => fill(cond),
            crate::model::FindingBody::Cases(cases) => {
                cases.iter_mut().for_each(|case| fill(&mut case.when));
            }
        }
    }

    // Where each fact is first mentioned: findings, then norms.
    let mut position = vec![usize::MAX; c.facts.len()];
    let mut next = 0usize;
    let mut mention = |facts: &[FactId]| {
        for f in facts {
            if let Some(p) = position.get_mut(f.index())
                && *p == usize::MAX
            {
                *p = next;
                next += 1;
            }
        }
    };
    for finding in &c.findings {
        for cond in finding.conditions() {
            mention(&cond.facts_in_order);
        }
    }
    for norm in &c.norms {
        for cond in norm.conditions() {
            mention(&cond.facts_in_order);
        }
    }

    for (fact, &p) in c.facts.iter_mut().zip(&position) {
        fact.reading_rank = u32::try_from(p).unwrap_or(u32::MAX);
    }
    constants(c);
    let pos = |f: FactId| position.get(f.index()).copied().unwrap_or(usize::MAX);
    let mut reach = Reach::new(c.facts.len());
    // Explicit `follows` first; a circle of them is the drafter's to fix.
    for (i, list) in follows.iter().enumerate() {
        let q = FactId(u32::try_from(i).unwrap_or(u32::MAX));
        for &p in list {
            if !reach.add(p, q) {
                let name = |f: FactId| {
                    c.facts
                        .get(f.index())
                        .map(|x| x.id.clone())
                        .unwrap_or_default()
                };
                let Some(origin) = c.facts.get(q.index()).map(|f| f.origin.clone()) else {
                    continue;
                };
                c.structure(
                    origin.file,
                    origin.span,
                    format!(
                        "facts follow each other in a circle: `{}` and `{}`",
                        name(p),
                        name(q)
                    ),
                    "part of the circle",
                    "`follows` says which facts are asked first; remove one of these `follows`",
                );
                return;
            }
        }
    }
    // Then a norm's scope before its requirement, where the requirement's
    // fact decides no norm's scope: such a fact only ever matters once some
    // norm applies, so no order of first mention may put it before the
    // scope it depends on. An edge that would close a circle gives way.
    let mut in_scope = vec![false; c.facts.len()];
    for norm in &c.norms {
        for cond in norm.applies.iter() {
            for f in &cond.facts_in_order {
                if let Some(slot) = in_scope.get_mut(f.index()) {
                    *slot = true;
                }
            }
        }
    }
    for norm in &c.norms {
        let scope: Vec<FactId> = norm
            .applies
            .iter()
            .flat_map(|cond| cond.facts_in_order.iter().copied())
            .collect();
        for cond in norm.requires.iter() {
            for &q in &cond.facts_in_order {
                if in_scope.get(q.index()).copied().unwrap_or(true) {
                    continue;
                }
                for &g in &scope {
                    reach.add(g, q);
                }
            }
        }
    }
    // Then the reading order, where it runs forward in the order of first
    // mention; an edge that would close a circle with a `follows` gives way.
    let mut sink = |g: FactId, q: FactId| {
        if pos(g) < pos(q) {
            reach.add(g, q);
        }
    };
    for concept in &c.concepts {
        orders.guards(&concept.expr.expr, &mut sink);
    }
    for finding in &c.findings {
        for cond in finding.conditions() {
            orders.guards(&cond.expr, &mut sink);
        }
    }
    for norm in &c.norms {
        let mut before: Vec<FactId> = Vec::new();
        for cond in norm.conditions() {
            orders.guards(&cond.expr, &mut sink);
            for &g in &before {
                for &q in &cond.facts_in_order {
                    if g != q {
                        sink(g, q);
                    }
                }
            }
            before.extend(cond.facts_in_order.iter().copied());
        }
    }
    for (i, fact) in c.facts.iter_mut().enumerate() {
        fact.presupposes = reach.before(i);
    }
}

/// Which facts come (transitively) before which, as bit sets kept both
/// ways: `after[x]` holds every fact that must come after `x`, `before[y]`
/// every fact that must come before `y`.
struct Reach {
    words: usize,
    after: Vec<u64>,
    before: Vec<u64>,
}

impl Reach {
    fn new(n: usize) -> Reach {
        let words = n.div_ceil(64).max(1);
        Reach {
            words,
            after: vec![0; n * words],
            before: vec![0; n * words],
        }
    }

    fn row(rows: &[u64], words: usize, x: usize) -> &[u64] {
        rows.get(x * words..(x + 1) * words).unwrap_or(&[])
    }

    fn has(&self, x: usize, y: usize) -> bool {
        Self::row(&self.after, self.words, x)
            .get(y / 64)
            .is_some_and(|w| w & (1u64 << (y % 64)) != 0)
    }

    /// The members of a bit set, with `extra` added.
    fn members(row: &[u64], extra: usize) -> Vec<usize> {
        let mut out = vec![extra];
        for (k, &w) in row.iter().enumerate() {
            let mut w = w;
            while w != 0 {
                let bit = w.trailing_zeros() as usize;
                out.push(k * 64 + bit);
                w &= w - 1;
            }
        }
        out
    }

    fn set(rows: &mut [u64], words: usize, x: usize, y: usize) {
        if let Some(w) = rows.get_mut(x * words + y / 64) {
            *w |= 1u64 << (y % 64);
        }
    }

    /// Adds "`p` before `q`"; false (and nothing added) if `q` is already
    /// before `p`.
    fn add(&mut self, p: FactId, q: FactId) -> bool {
        let (p, q) = (p.index(), q.index());
        if p == q || self.has(q, p) {
            return false;
        }
        if self.has(p, q) {
            return true;
        }
        let earlier = Self::members(Self::row(&self.before, self.words, p), p);
        let later = Self::members(Self::row(&self.after, self.words, q), q);
        for &x in &earlier {
            for &y in &later {
                Self::set(&mut self.after, self.words, x, y);
                Self::set(&mut self.before, self.words, y, x);
            }
        }
        true
    }

    /// The facts that come before fact `y`, in id order.
    fn before(&self, y: usize) -> Vec<FactId> {
        let row = Self::row(&self.before, self.words, y);
        let mut out = Self::members(row, y);
        out.retain(|&x| x != y);
        out.sort_unstable();
        out.into_iter()
            .filter_map(|x| u32::try_from(x).ok().map(FactId))
            .collect()
    }
}

/// Collects, per fact, the constants the rules compare it with.
fn constants(c: &mut Checker<'_>) {
    fn walk(e: &Expr, out: &mut Vec<Vec<Value>>) {
        match e {
            Expr::Compare(_, a, b) => {
                for (x, y) in [(a, b), (b, a)] {
                    if let (Expr::Fact(f), Expr::Const(v)) = (x.as_ref(), y.as_ref())
                        && let Some(list) = out.get_mut(f.index())
                        && !list.contains(v)
                    {
                        list.push(v.clone());
                    }
                }
            }
            Expr::Not(inner) | Expr::In(inner, _) | Expr::Contains(inner, _, _) => walk(inner, out),
            Expr::And(es) | Expr::Or(es) => es.iter().for_each(|e| walk(e, out)),
            Expr::Const(_)
            | Expr::Today
            | Expr::Fact(_)
            | Expr::Concept(_)
            | Expr::NormState(..) => {}
        }
    }
    let mut out: Vec<Vec<Value>> = vec![Vec::new(); c.facts.len()];
    for concept in &c.concepts {
        walk(&concept.expr.expr, &mut out);
    }
    for norm in &c.norms {
        for cond in norm.conditions() {
            walk(&cond.expr, &mut out);
        }
    }
    for finding in &c.findings {
        for cond in finding.conditions() {
            walk(&cond.expr, &mut out);
        }
    }
    for (fact, mut list) in c.facts.iter_mut().zip(out) {
        list.sort_by(crate::value::order);
        fact.constants = list;
    }
}

/// Every fact a concept, norm or finding depends on, with how often it is
/// read (through concepts, counted each time), and the norms whose state it
/// reads. Where no unknown fact is read twice and no open norm's state is
/// read, three-valued logic is already exact and the exact pass is skipped.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct Expansion {
    pub facts: Vec<(FactId, u32)>,
    pub norms: Vec<crate::model::NormId>,
}

/// The expansions of every concept, norm and finding, by index.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct Expansions {
    pub concepts: Vec<Expansion>,
    pub norms: Vec<Expansion>,
    pub findings: Vec<Expansion>,
}

fn add(
    into: &mut std::collections::BTreeMap<FactId, u32>,
    norms: &mut std::collections::BTreeSet<crate::model::NormId>,
    e: &Expr,
    concepts: &[Expansion],
) {
    match e {
        Expr::Const(_) | Expr::Today => {}
        Expr::Fact(f) => *into.entry(*f).or_default() += 1,
        Expr::Concept(c) => {
            if let Some(x) = concepts.get(c.index()) {
                for (f, n) in &x.facts {
                    *into.entry(*f).or_default() += n;
                }
                norms.extend(x.norms.iter().copied());
            }
        }
        Expr::NormState(n, _) => {
            norms.insert(*n);
        }
        Expr::Not(inner) | Expr::In(inner, _) | Expr::Contains(inner, _, _) => {
            add(into, norms, inner, concepts)
        }
        Expr::And(es) | Expr::Or(es) => es.iter().for_each(|x| add(into, norms, x, concepts)),
        Expr::Compare(_, a, b) => {
            add(into, norms, a, concepts);
            add(into, norms, b, concepts);
        }
    }
}

fn expansion<'e>(exprs: impl IntoIterator<Item = &'e Expr>, concepts: &[Expansion]) -> Expansion {
    let mut facts = std::collections::BTreeMap::new();
    let mut norms = std::collections::BTreeSet::new();
    for e in exprs {
        add(&mut facts, &mut norms, e, concepts);
    }
    Expansion {
        facts: facts.into_iter().collect(),
        norms: norms.into_iter().collect(),
    }
}

/// The expansions, concepts in the graph's order (each after what it reads).
pub(super) fn expansions(c: &Checker<'_>, graph: &Graph) -> Expansions {
    let mut concepts = vec![Expansion::default(); c.concepts.len()];
    for node in &graph.order {
        if let Node::Concept(id) = node
            && let Some(concept) = c.concepts.get(id.index())
        {
            let x = expansion([&concept.expr.expr], &concepts);
            if let Some(slot) = concepts.get_mut(id.index()) {
                *slot = x;
            }
        }
    }
    let norms = c
        .norms
        .iter()
        .map(|n| expansion(n.conditions().map(|cond| &cond.expr), &concepts))
        .collect();
    let findings = c
        .findings
        .iter()
        .map(|f| expansion(f.conditions().into_iter().map(|cond| &cond.expr), &concepts))
        .collect();
    Expansions {
        concepts,
        norms,
        findings,
    }
}
