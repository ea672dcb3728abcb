//! The promise of docs/questions.md, checked against brute force: on small
//! random rule sets and partial descriptions, every outcome is the one all
//! completions agree on (or `undetermined`), and a fact is listed as a
//! question exactly when its answer alone can change the outcome.
//!
//! The reference here is an evaluator of its own over complete answers,
//! written from the documented semantics, not from the engine's code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;
use toets_engine::{EvalOptions, Outcome, RuleSet};
use toets_syntax::SourceFile;

/// A tiny deterministic generator, so that a failing case is its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

#[derive(Debug, Clone)]
enum E {
    Bool(&'static str),
    RoleIs(&'static str),
    RoleIn(&'static [&'static str]),
    NumGt(i64),
    NumLe(i64),
    Contains(&'static str),
    ContainsAll,
    Concept(usize),
    Norm(usize, &'static str),
    Not(Box<E>),
    And(Vec<E>),
    Or(Vec<E>),
}

const BOOLS: [&str; 3] = ["a", "b", "c"];
const ROLES: [&str; 3] = ["x", "y", "z"];
const NUMS: [i64; 5] = [2, 3, 4, 5, 6];
const SETS: [&str; 2] = ["p", "q"];

fn gen_expr(rng: &mut Rng, depth: u32, concepts: usize, norms: usize) -> E {
    let leaf = depth == 0 || rng.below(3) == 0;
    if leaf {
        match rng.below(9) {
            0..=2 => E::Bool(BOOLS[rng.below(3) as usize]),
            3 => E::RoleIs(ROLES[rng.below(3) as usize]),
            4 => E::RoleIn(&["x", "y"]),
            5 => {
                if rng.below(2) == 0 {
                    E::NumGt(3)
                } else {
                    E::NumLe(5)
                }
            }
            6 => {
                if rng.below(2) == 0 {
                    E::Contains(SETS[rng.below(2) as usize])
                } else {
                    E::ContainsAll
                }
            }
            7 if concepts > 0 => E::Concept(rng.below(concepts as u64) as usize),
            8 if norms > 0 => E::Norm(
                rng.below(norms as u64) as usize,
                ["met", "violated", "applicable"][rng.below(3) as usize],
            ),
            _ => E::Bool(BOOLS[rng.below(3) as usize]),
        }
    } else {
        match rng.below(3) {
            0 => E::Not(Box::new(gen_expr(rng, depth - 1, concepts, norms))),
            1 => E::And(vec![
                gen_expr(rng, depth - 1, concepts, norms),
                gen_expr(rng, depth - 1, concepts, norms),
            ]),
            _ => E::Or(vec![
                gen_expr(rng, depth - 1, concepts, norms),
                gen_expr(rng, depth - 1, concepts, norms),
            ]),
        }
    }
}

fn text(e: &E) -> String {
    match e {
        E::Bool(b) => (*b).to_owned(),
        E::RoleIs(r) => format!("r == {r}"),
        E::RoleIn(rs) => format!("r in {{ {} }}", rs.join(", ")),
        E::NumGt(k) => format!("n > {k}"),
        E::NumLe(k) => format!("n <= {k}"),
        E::Contains(v) => format!("s contains {v}"),
        E::ContainsAll => "s contains all { p, q }".to_owned(),
        E::Concept(i) => format!("k{i}"),
        E::Norm(i, st) => format!("avg.n{i} is {st}"),
        E::Not(x) => format!("not ({})", text(x)),
        E::And(xs) => xs
            .iter()
            .map(|x| format!("({})", text(x)))
            .collect::<Vec<_>>()
            .join(" and "),
        E::Or(xs) => xs
            .iter()
            .map(|x| format!("({})", text(x)))
            .collect::<Vec<_>>()
            .join(" or "),
    }
}

struct NormSpec {
    applies: Option<E>,
    requires: E,
    unless: Option<E>,
    judgement: bool,
}

struct Rules {
    concepts: Vec<E>,
    norms: Vec<NormSpec>,
    finding: E,
    cases: Vec<E>,
}

fn gen_rules(rng: &mut Rng) -> Rules {
    let mut concepts = Vec::new();
    for i in 0..2 {
        concepts.push(gen_expr(rng, 2, i, 0));
    }
    let mut norms = Vec::new();
    for i in 0..3 {
        norms.push(NormSpec {
            applies: (rng.below(2) == 0).then(|| gen_expr(rng, 2, 2, i)),
            requires: gen_expr(rng, 2, 2, i),
            unless: (rng.below(3) == 0).then(|| gen_expr(rng, 1, 2, i)),
            judgement: rng.below(4) == 0,
        });
    }
    Rules {
        finding: gen_expr(rng, 2, 2, 3),
        cases: vec![gen_expr(rng, 1, 2, 3), gen_expr(rng, 1, 2, 3)],
        concepts,
        norms,
    }
}

fn source(r: &Rules) -> String {
    let mut s = String::from(
        r#"law avg "A" / "A" { }
fact a: bool ask nl "?" en "?"
fact b: bool ask nl "?" en "?"
fact c: bool ask nl "?" en "?"
fact r: one of { x, y, z } ask nl "?" en "?"
fact n: number ask nl "?" en "?"
fact s: set of { p, q } ask nl "?" en "?"
fact rec: one of { yes, no } ask nl "?" en "?"
"#,
    );
    for (i, k) in r.concepts.iter().enumerate() {
        s.push_str(&format!("concept k{i} = {}\n", text(k)));
    }
    for (i, n) in r.norms.iter().enumerate() {
        s.push_str(&format!(
            "norm avg.n{i} \"N\" / \"N\" cites avg art {}\n",
            i + 1
        ));
        if let Some(a) = &n.applies {
            s.push_str(&format!("  applies when {}\n", text(a)));
        }
        s.push_str(&format!("  requires {}\n", text(&n.requires)));
        if let Some(u) = &n.unless {
            s.push_str(&format!(
                "  unless \"U\" / \"U\" cites avg art 9 when {}\n",
                text(u)
            ));
        }
        if n.judgement {
            s.push_str("  judgement \"J\" / \"J\" rests on a settled by rec == yes\n");
        }
    }
    s.push_str(&format!(
        "finding avg.f \"F\" / \"F\" cites avg art 10 when {}\n",
        text(&r.finding)
    ));
    s.push_str("finding avg.g \"G\" / \"G\" cites avg art 11\n");
    for (i, c) in r.cases.iter().enumerate() {
        s.push_str(&format!("  case c{i} \"C\" / \"C\" when {}\n", text(c)));
    }
    s
}

/// A complete answer: the facts, and the outcome of each pending judgement.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct World {
    bools: [bool; 3],
    role: usize,
    num: usize,
    set: [bool; 2],
    judged: [bool; 3],
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum O {
    NotApplicable,
    Met,
    Violated,
    NeedsJudgement,
}

struct Reference<'r> {
    rules: &'r Rules,
    /// The recorded judgement: `Some(true)` yes, `Some(false)` no, `None` pending.
    rec: Option<bool>,
}

impl Reference<'_> {
    fn expr(&self, e: &E, w: &World) -> bool {
        match e {
            E::Bool(b) => w.bools[BOOLS.iter().position(|x| x == b).unwrap()],
            E::RoleIs(r) => ROLES[w.role] == *r,
            E::RoleIn(rs) => rs.contains(&ROLES[w.role]),
            E::NumGt(k) => NUMS[w.num] > *k,
            E::NumLe(k) => NUMS[w.num] <= *k,
            E::Contains(v) => w.set[SETS.iter().position(|x| x == v).unwrap()],
            E::ContainsAll => w.set[0] && w.set[1],
            E::Concept(i) => self.expr(&self.rules.concepts[*i], w),
            E::Norm(i, st) => {
                let o = self.norm(*i, w);
                match *st {
                    "met" => o == O::Met || (o == O::NeedsJudgement && w.judged[*i]),
                    "violated" => o == O::Violated || (o == O::NeedsJudgement && !w.judged[*i]),
                    _ => o != O::NotApplicable,
                }
            }
            E::Not(x) => !self.expr(x, w),
            E::And(xs) => xs.iter().all(|x| self.expr(x, w)),
            E::Or(xs) => xs.iter().any(|x| self.expr(x, w)),
        }
    }

    /// docs/language.md, "How a norm is decided".
    fn norm(&self, i: usize, w: &World) -> O {
        let n = &self.rules.norms[i];
        if !n.applies.as_ref().is_none_or(|a| self.expr(a, w)) {
            return O::NotApplicable;
        }
        let base = if !self.expr(&n.requires, w) {
            O::Violated
        } else if n.judgement {
            match self.rec {
                Some(true) => O::Met,
                Some(false) => O::Violated,
                None => O::NeedsJudgement,
            }
        } else {
            O::Met
        };
        let excepted = n.unless.as_ref().is_some_and(|u| self.expr(u, w));
        if excepted && matches!(base, O::Violated | O::NeedsJudgement) {
            O::NotApplicable
        } else {
            base
        }
    }
}

/// Every world that agrees with the known facts.
fn worlds(known: &BTreeMap<&'static str, usize>) -> Vec<World> {
    let choices = |name: &str, n: usize| -> Vec<usize> {
        match known.get(name) {
            Some(v) => vec![*v],
            None => (0..n).collect(),
        }
    };
    let mut out = Vec::new();
    for a in choices("a", 2) {
        for b in choices("b", 2) {
            for c in choices("c", 2) {
                for role in choices("r", 3) {
                    for num in choices("n", 5) {
                        for s in choices("s", 4) {
                            for j in 0..8usize {
                                out.push(World {
                                    bools: [a == 1, b == 1, c == 1],
                                    role,
                                    num,
                                    set: [s & 1 == 1, s & 2 == 2],
                                    judged: [j & 1 == 1, j & 2 == 2, j & 4 == 4],
                                });
                            }
                        }
                    }
                }
            }
        }
    }
    out
}

/// The exact outcome of a function over worlds, and its open questions.
fn exact<T: Ord + Copy>(
    ws: &[World],
    known: &BTreeMap<&'static str, usize>,
    f: impl Fn(&World) -> T,
) -> (BTreeSet<T>, BTreeSet<&'static str>) {
    let values: BTreeSet<T> = ws.iter().map(&f).collect();
    let mut essential = BTreeSet::new();
    let sizes = [("a", 2), ("b", 2), ("c", 2), ("r", 3), ("n", 5), ("s", 4)];
    for (name, size) in sizes {
        if known.contains_key(name) {
            continue;
        }
        'fact: for w in ws {
            for v in 0..size {
                let mut w2 = w.clone();
                match name {
                    "a" => w2.bools[0] = v == 1,
                    "b" => w2.bools[1] = v == 1,
                    "c" => w2.bools[2] = v == 1,
                    "r" => w2.role = v,
                    "n" => w2.num = v,
                    _ => w2.set = [v & 1 == 1, v & 2 == 2],
                }
                if f(&w2) != f(w) {
                    essential.insert(name);
                    break 'fact;
                }
            }
        }
    }
    (values, essential)
}

fn check(seed: u64) {
    let mut rng = Rng(seed.max(1));
    let rules = gen_rules(&mut rng);
    let text = source(&rules);
    let set = RuleSet::compile(vec![SourceFile::new("r.toets", text.as_str())])
        .unwrap_or_else(|e| panic!("seed {seed}: does not compile: {e:?}\n{text}"));
    let mut known: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut yaml = String::from("facts:\n");
    for (name, size) in [("a", 2), ("b", 2), ("c", 2), ("r", 3), ("n", 5), ("s", 4)] {
        if rng.below(2) == 0 {
            let v = rng.below(size) as usize;
            known.insert(name, v);
            let value = match name {
                "a" | "b" | "c" => (v == 1).to_string(),
                "r" => ROLES[v].to_owned(),
                "n" => NUMS[v].to_string(),
                _ => format!(
                    "[{}]",
                    [(1, "p"), (2, "q")]
                        .iter()
                        .filter(|(bit, _)| v & bit != 0)
                        .map(|(_, x)| *x)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            yaml.push_str(&format!("  {name}: {value}\n"));
        }
    }
    let rec = match rng.below(3) {
        0 => Some(true),
        1 => Some(false),
        _ => None,
    };
    if let Some(r) = rec {
        yaml.push_str(&format!("  rec: {}\n", if r { "yes" } else { "no" }));
    }
    let desc = set.load_description("d.yaml", &yaml).unwrap();
    let verdict = set
        .evaluate(&desc, &EvalOptions::on(jiff::civil::date(2026, 1, 1)))
        .unwrap();
    let reference = Reference { rules: &rules, rec };
    let ws = worlds(&known);
    let context = || format!("seed {seed}\n{text}\n{yaml}");
    for i in 0..rules.norms.len() {
        let (values, essential) = exact(&ws, &known, |w| reference.norm(i, w));
        let got = verdict.norm(&format!("avg.n{i}")).unwrap();
        let expected = match (values.len(), essential.is_empty()) {
            (1, _) => match values.first().unwrap() {
                O::NotApplicable => Outcome::NotApplicable,
                O::Met => Outcome::Met,
                O::Violated => Outcome::Violated,
                O::NeedsJudgement => Outcome::NeedsJudgement,
            },
            (_, true) => Outcome::NeedsJudgement,
            _ => Outcome::Undetermined,
        };
        assert_eq!(
            got.outcome,
            expected,
            "avg.n{i}: {:?}\n{}",
            values,
            context()
        );
        if expected == Outcome::Undetermined {
            let asked: BTreeSet<&str> = got.open_questions.iter().map(String::as_str).collect();
            assert_eq!(asked, essential, "avg.n{i} questions\n{}", context());
        }
    }
    // Findings: `avg.f` holds when its condition does; `avg.g` takes its first case.
    let (values, essential) = exact(&ws, &known, |w| reference.expr(&rules.finding, w));
    let f = verdict.finding("avg.f").unwrap();
    let expected = (values.len() == 1).then(|| *values.first().unwrap());
    assert_eq!(f.value, expected, "avg.f\n{}", context());
    if expected.is_none() {
        let asked: BTreeSet<&str> = f.open_questions.iter().map(String::as_str).collect();
        let facts: BTreeSet<&str> = essential.into_iter().collect();
        assert_eq!(asked, facts, "avg.f questions\n{}", context());
    }
    let case = |w: &World| rules.cases.iter().position(|c| reference.expr(c, w));
    let (values, _) = exact(&ws, &known, case);
    let g = verdict.finding("avg.g").unwrap();
    let got = match (g.value, &g.case) {
        (None, _) => None,
        (_, Some(c)) => Some(Some(c.id.trim_start_matches('c').parse::<usize>().unwrap())),
        (Some(_), None) => Some(None),
    };
    let expected = (values.len() == 1).then(|| *values.first().unwrap());
    assert_eq!(got, expected, "avg.g\n{}", context());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]
    #[test]
    fn outcomes_and_questions_are_exact(seed in 1u64..u64::MAX) {
        check(seed);
    }
}
