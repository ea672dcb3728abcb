//! The dependency graph of facts, concepts and norms (petgraph). Edges run
//! from what is read to what reads it. Cycles are rejected with the cycle
//! spelled out; the topological order is the evaluation order.

use std::collections::{HashMap, VecDeque};

use petgraph::algo::{tarjan_scc, toposort};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

use super::Checker;
use crate::error::{self, RuleError};
use crate::model::{ConceptId, FactId, FindingId, Ground, NormId};

/// A node of the graph.
pub(crate) type Node = Ground;

/// The norm graph with its evaluation order.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct Graph {
    pub graph: DiGraph<Node, ()>,
    #[serde(with = "crate::artefact::sorted_map")]
    pub index: HashMap<Node, NodeIndex>,
    /// Concepts and norms in an order where every node comes after what it reads.
    pub order: Vec<Node>,
    /// Per node (by [`Graph::slot`]): what it reads directly, sorted.
    deps: Vec<Vec<Node>>,
    /// Per node: what reads it directly, sorted.
    dependents: Vec<Vec<Node>>,
    /// Where concepts, norms and findings start in the slots (facts start at 0).
    offsets: [usize; 3],
}

impl Graph {
    /// A node's position in the per-node lists.
    fn slot(&self, node: Node) -> usize {
        let [concepts, norms, findings] = self.offsets;
        match node {
            Node::Fact(id) => id.index(),
            Node::Concept(id) => concepts + id.index(),
            Node::Norm(id) => norms + id.index(),
            Node::Finding(id) => findings + id.index(),
        }
    }

    /// What `node` reads directly, sorted.
    pub fn dependencies(&self, node: Node) -> &[Node] {
        self.deps.get(self.slot(node)).map_or(&[], Vec::as_slice)
    }

    /// What reads `node` directly, sorted.
    pub fn dependents(&self, node: Node) -> &[Node] {
        self.dependents
            .get(self.slot(node))
            .map_or(&[], Vec::as_slice)
    }

    fn neighbours(&self, node: Node, dir: petgraph::Direction) -> Vec<Node> {
        let Some(&ix) = self.index.get(&node) else {
            return Vec::new();
        };
        let mut out: Vec<Node> = self
            .graph
            .neighbors_directed(ix, dir)
            .filter_map(|n| self.graph.node_weight(n).copied())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

fn id32(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

pub(super) fn build(c: &mut Checker<'_>) -> Graph {
    let mut g = Graph::default();
    let nodes = (0..c.facts.len())
        .map(|i| Node::Fact(FactId(id32(i))))
        .chain((0..c.concepts.len()).map(|i| Node::Concept(ConceptId(id32(i)))))
        .chain((0..c.norms.len()).map(|i| Node::Norm(NormId(id32(i)))))
        .chain((0..c.findings.len()).map(|i| Node::Finding(FindingId(id32(i)))));
    for n in nodes {
        let ix = g.graph.add_node(n);
        g.index.insert(n, ix);
    }
    let mut edges = Vec::new();
    for (i, concept) in c.concepts.iter().enumerate() {
        let to = Node::Concept(ConceptId(id32(i)));
        concept
            .expr
            .expr
            .visit_refs(&mut |from| edges.push((from, to)));
    }
    for (i, finding) in c.findings.iter().enumerate() {
        let to = Node::Finding(FindingId(id32(i)));
        for cond in finding.conditions() {
            cond.expr.visit_refs(&mut |from| edges.push((from, to)));
        }
    }
    for (i, norm) in c.norms.iter().enumerate() {
        let to = Node::Norm(NormId(id32(i)));
        let mut add = |from| edges.push((from, to));
        for cond in norm.conditions() {
            cond.expr.visit_refs(&mut add);
        }
        if let Some(j) = &norm.judgement {
            j.rests_on.iter().copied().for_each(&mut add);
        }
    }
    // Each edge once, in the order first met. (`update_edge` would find
    // duplicates by scanning the node's edges: quadratic for a fact that
    // 50,000 norms read.)
    let mut seen = std::collections::HashSet::with_capacity(edges.len());
    for (from, to) in edges {
        if let (Some(&a), Some(&b)) = (g.index.get(&from), g.index.get(&to))
            && seen.insert((a, b))
        {
            g.graph.add_edge(a, b, ());
        }
    }
    g.offsets = [
        c.facts.len(),
        c.facts.len() + c.concepts.len(),
        c.facts.len() + c.concepts.len() + c.norms.len(),
    ];
    let count = g.offsets[2] + c.findings.len();
    let all: Vec<Node> = g.graph.node_weights().copied().collect();
    g.deps = vec![Vec::new(); count];
    g.dependents = vec![Vec::new(); count];
    for node in all {
        let slot = g.slot(node);
        let deps = g.neighbours(node, petgraph::Direction::Incoming);
        let dependents = g.neighbours(node, petgraph::Direction::Outgoing);
        if let Some(s) = g.deps.get_mut(slot) {
            *s = deps;
        }
        if let Some(s) = g.dependents.get_mut(slot) {
            *s = dependents;
        }
    }
    match toposort(&g.graph, None) {
        Ok(order) => {
            g.order = order
                .into_iter()
                .filter_map(|ix| g.graph.node_weight(ix).copied())
                .filter(|n| !matches!(n, Node::Fact(_)))
                .collect();
        }
        Err(_) => report_cycles(c, &g),
    }
    g
}

fn report_cycles(c: &mut Checker<'_>, g: &Graph) {
    for scc in tarjan_scc(&g.graph) {
        let Some(&start) = scc
            .iter()
            .min_by_key(|ix| g.graph.node_weight(**ix).copied())
        else {
            continue;
        };
        let self_loop = g.graph.edges(start).any(|e| e.target() == start);
        if scc.len() < 2 && !self_loop {
            continue;
        }
        let path = cycle_path(g, &scc, start);
        // Edges run from what is depended on to what depends on it; the
        // message reads the other way, "`a` → `b`": `a` depends on `b`.
        let mut names: Vec<String> = path.iter().map(|n| node_name(c, *n)).collect();
        if let Some(rest) = names.get_mut(1..) {
            rest.reverse();
        }
        let Some(first) = path.first().copied() else {
            continue;
        };
        let origin = match first {
            Node::Concept(id) => c.concepts.get(id.index()).map(|x| x.origin.clone()),
            Node::Norm(id) => c.norms.get(id.index()).map(|x| x.origin.clone()),
            Node::Fact(id) => c.facts.get(id.index()).map(|x| x.origin.clone()),
            Node::Finding(id) => c.findings.get(id.index()).map(|x| x.origin.clone()),
        };
        let Some(origin) = origin else { continue };
        let mut shown = names.clone();
        if let Some(n) = names.first() {
            shown.push(n.clone());
        }
        let src = c.src(origin.file);
        c.errors.push(RuleError::Cycle(error::Cycle {
            src,
            span: origin.span.into(),
            name: names.first().cloned().unwrap_or_default(),
            path: shown
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(" → "),
        }));
    }
}

/// A shortest path from `start` through the component back to `start`.
fn cycle_path(g: &Graph, scc: &[NodeIndex], start: NodeIndex) -> Vec<Node> {
    let mut prev: HashMap<NodeIndex, NodeIndex> = HashMap::new();
    let mut queue = VecDeque::from([start]);
    let mut end = None;
    'search: while let Some(n) = queue.pop_front() {
        for next in g.graph.neighbors(n) {
            if next == start {
                end = Some(n);
                break 'search;
            }
            if scc.contains(&next) && !prev.contains_key(&next) {
                prev.insert(next, n);
                queue.push_back(next);
            }
        }
    }
    let mut path = Vec::new();
    let mut cur = end;
    while let Some(n) = cur {
        path.extend(g.graph.node_weight(n).copied());
        cur = if n == start {
            None
        } else {
            prev.get(&n).copied()
        };
    }
    path.reverse();
    path
}

fn node_name(c: &Checker<'_>, n: Node) -> String {
    match n {
        Node::Fact(id) => c.facts.get(id.index()).map(|x| x.id.clone()),
        Node::Concept(id) => c.concepts.get(id.index()).map(|x| x.id.clone()),
        Node::Norm(id) => c.norms.get(id.index()).map(|x| x.id.clone()),
        Node::Finding(id) => c.findings.get(id.index()).map(|x| x.id.clone()),
    }
    .unwrap_or_default()
}
