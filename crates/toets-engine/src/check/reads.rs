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
//! (findings first, then norms, in declaration order) decides. A fact's own
//! `follows` always holds. The result is transitive and acyclic.

use std::collections::{BTreeSet, HashSet};

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};

use super::{Checker, Graph, Node};
use crate::model::{Condition, Expr, FactId};

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
    /// operand comes before every fact of a later one.
    fn guards(&self, e: &Expr, pairs: &mut BTreeSet<(FactId, FactId)>) {
        match e {
            Expr::And(es) | Expr::Or(es) => {
                let blocks: Vec<Vec<FactId>> = es.iter().map(|o| self.facts(o)).collect();
                let mut before: Vec<FactId> = Vec::new();
                for (operand, block) in es.iter().zip(&blocks) {
                    for &g in &before {
                        for &q in block {
                            if g != q {
                                pairs.insert((g, q));
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

    let mut pairs = BTreeSet::new();
    for concept in &c.concepts {
        orders.guards(&concept.expr.expr, &mut pairs);
    }
    for finding in &c.findings {
        for cond in finding.conditions() {
            orders.guards(&cond.expr, &mut pairs);
        }
    }
    for norm in &c.norms {
        let clauses: Vec<&Condition> = norm.conditions().collect();
        let mut before: Vec<FactId> = Vec::new();
        for cond in clauses {
            orders.guards(&cond.expr, &mut pairs);
            for &g in &before {
                for &q in &cond.facts_in_order {
                    if g != q {
                        pairs.insert((g, q));
                    }
                }
            }
            before.extend(cond.facts_in_order.iter().copied());
        }
    }
    let pos = |f: FactId| position.get(f.index()).copied().unwrap_or(usize::MAX);

    let mut g: DiGraph<FactId, bool> = DiGraph::new();
    let nodes: Vec<NodeIndex> = (0..c.facts.len())
        .map(|i| g.add_node(FactId(u32::try_from(i).unwrap_or(u32::MAX))))
        .collect();
    let ix = |f: FactId| nodes.get(f.index()).copied();
    // Explicit `follows` edges are marked `true`.
    for (i, list) in follows.iter().enumerate() {
        let q = FactId(u32::try_from(i).unwrap_or(u32::MAX));
        for &p in list {
            if let (Some(a), Some(b)) = (ix(p), ix(q)) {
                g.update_edge(a, b, true);
            }
        }
    }
    for (a, b) in pairs {
        if pos(a) < pos(b)
            && let (Some(x), Some(y)) = (ix(a), ix(b))
            && g.find_edge(x, y).is_none()
        {
            g.add_edge(x, y, false);
        }
    }
    // A reading edge against a `follows` gives way; a cycle of `follows`
    // alone is the drafter's to fix.
    for scc in tarjan_scc(&g) {
        if scc.len() < 2 {
            continue;
        }
        let inside: HashSet<NodeIndex> = scc.iter().copied().collect();
        let reading: Vec<_> = g
            .edge_indices()
            .filter(|e| {
                g.edge_endpoints(*e)
                    .is_some_and(|(a, b)| inside.contains(&a) && inside.contains(&b))
                    && g.edge_weight(*e) == Some(&false)
            })
            .collect();
        for e in reading.into_iter().rev() {
            g.remove_edge(e);
        }
    }
    for scc in tarjan_scc(&g) {
        if scc.len() < 2 {
            continue;
        }
        let mut names: Vec<String> = scc
            .iter()
            .filter_map(|n| g.node_weight(*n))
            .filter_map(|f| c.facts.get(f.index()).map(|x| x.id.clone()))
            .collect();
        names.sort();
        let first = scc
            .iter()
            .filter_map(|n| g.node_weight(*n))
            .min()
            .and_then(|f| c.facts.get(f.index()))
            .map(|f| f.origin.clone());
        if let Some(origin) = first {
            let list = names
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ");
            c.structure(
                origin.file,
                origin.span,
                format!("facts follow each other in a circle: {list}"),
                "part of the circle",
                "`follows` says which facts are asked first; remove one of these `follows`",
            );
        }
        return;
    }
    for (i, &node) in nodes.iter().enumerate() {
        let mut seen: BTreeSet<FactId> = BTreeSet::new();
        let mut stack = vec![node];
        while let Some(n) = stack.pop() {
            for p in g.neighbors_directed(n, petgraph::Direction::Incoming) {
                if let Some(&f) = g.node_weight(p)
                    && seen.insert(f)
                {
                    stack.push(p);
                }
            }
        }
        if let Some(fact) = c.facts.get_mut(i) {
            fact.presupposes = seen.into_iter().collect();
        }
    }
}
