//! Which parts of the rules no test reaches.
//!
//! - A *clause* (every condition of a norm, concept or finding, and every
//!   operand of its `and`, `or` and `not`) is reached when some test
//!   evaluates it to true or false where the evaluation consults it: a
//!   norm's `requires` only when it may apply, its exceptions only when it
//!   would otherwise be violated or wait for judgement, a finding's case only
//!   while no earlier case holds, an operand of `and`/`or` only while no
//!   earlier operand decided the chain. A concept is consulted by every test
//!   whose expectations read it.
//! - An *exception* is reached when some test makes it decide: it holds and
//!   makes its norm not applicable.
//! - A *set value* (a value listed in `in {..}` or `contains ..`) is reached
//!   when some test consults its condition with the fact taking that value.
//!
//! Each test evaluates only what its expectations read, as in `toets test`.

use jiff::civil::Date;
use serde::Serialize;
use toets_syntax::ast::{self, ExprKind, FindingClause, Item, NormClause};

use crate::check::{Node, Symbol};
use crate::description::Description;
use crate::eval::Evaluation;
use crate::model::{Condition, Expr, FindingBody};
use crate::value::Value;
use crate::{RuleSet, testing};

/// What a point of coverage is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A condition or an operand of one.
    Clause,
    /// An `unless` exception.
    Exception,
    /// A value listed in `in {..}` or `contains`.
    Value,
}

/// One clause, exception or set value, and whether a test reaches it.
#[derive(Debug, Clone, Serialize)]
pub struct Point {
    /// What it is.
    pub kind: Kind,
    /// The rule file.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub col: usize,
    /// The norm, concept or finding it belongs to.
    pub owner: String,
    /// Its text on one line: the condition, `unless "label"`, or the value
    /// with its condition.
    pub text: String,
    /// Whether some test reaches it.
    pub reached: bool,
}

/// Every point of the rules, in file and source order.
#[derive(Debug, Clone, Serialize)]
pub struct Coverage {
    /// Test blocks run.
    pub tests: usize,
    /// The points.
    pub points: Vec<Point>,
}

impl Coverage {
    /// Reached and total points of one kind.
    pub fn count(&self, kind: Kind) -> (usize, usize) {
        let of_kind = self.points.iter().filter(|p| p.kind == kind);
        let reached = of_kind.clone().filter(|p| p.reached).count();
        (reached, of_kind.count())
    }
}

/// A condition node paired with its checked expression.
struct Tree<'r> {
    point: usize,
    model: &'r Expr,
    /// `Some(dominant)` for `and` (false) and `or` (true).
    junction: Option<bool>,
    children: Vec<Tree<'r>>,
    /// Set values: point, and the value.
    values: Vec<(usize, String)>,
}

/// A root condition and when its owner consults it.
enum Role {
    Applies,
    Requires,
    Exception,
    Settled,
    Concept,
    Case(usize),
    When,
}

struct Root<'r> {
    node: Node,
    role: Role,
    tree: Tree<'r>,
}

struct Builder<'r> {
    points: Vec<Point>,
    roots: Vec<Root<'r>>,
    file: String,
    source: &'r toets_syntax::SourceFile,
}

impl<'r> Builder<'r> {
    fn point(&mut self, kind: Kind, span: toets_syntax::Span, owner: &str, text: String) -> usize {
        let (line, col) = self.source.line_col(span.start);
        self.points.push(Point {
            kind,
            file: self.file.clone(),
            line,
            col,
            owner: owner.to_owned(),
            text,
            reached: false,
        });
        self.points.len() - 1
    }

    fn tree(&mut self, owner: &str, e: &ast::Expr, model: &'r Expr) -> Tree<'r> {
        let text = crate::mutate::render_expr(e, self.source.text());
        let point = self.point(Kind::Clause, e.span, owner, text.clone());
        let mut tree = Tree {
            point,
            model,
            junction: None,
            children: Vec::new(),
            values: Vec::new(),
        };
        match (&e.kind, model) {
            (ExprKind::Not { operand }, Expr::Not(inner)) => {
                tree.children.push(self.tree(owner, operand, inner));
            }
            (ExprKind::And { operands }, Expr::And(ms))
            | (ExprKind::Or { operands }, Expr::Or(ms))
                if operands.len() == ms.len() =>
            {
                tree.junction = Some(matches!(model, Expr::Or(_)));
                for (o, m) in operands.iter().zip(ms) {
                    tree.children.push(self.tree(owner, o, m));
                }
            }
            (
                ExprKind::In { variants, .. } | ExprKind::Contains { variants, .. },
                Expr::In(_, _) | Expr::Contains(..),
            ) => {
                for v in variants {
                    let p = self.point(Kind::Value, v.span, owner, format!("{} in {text}", v.text));
                    tree.values.push((p, v.text.clone()));
                }
            }
            _ => {}
        }
        tree
    }

    fn root(&mut self, node: Node, role: Role, owner: &str, e: &ast::Expr, c: &'r Condition) {
        let tree = self.tree(owner, e, &c.expr);
        self.roots.push(Root { node, role, tree });
    }
}

/// Finds the clauses, exceptions and set values of `rules` and runs every
/// test to see which it reaches, on `date` for tests without `on`.
pub fn coverage(rules: &RuleSet, date: Date) -> Coverage {
    let Some(first) = rules.sources.first() else {
        return Coverage {
            tests: rules.tests.len(),
            points: Vec::new(),
        };
    };
    let mut b = Builder {
        points: Vec::new(),
        roots: Vec::new(),
        file: String::new(),
        source: first,
    };
    // Exceptions: point, norm and index.
    let mut exceptions = Vec::new();
    for source in &rules.sources {
        let Ok(file) = toets_syntax::parse(source) else {
            continue;
        };
        b.file = source.name().to_owned();
        b.source = source;
        for item in &file.items {
            add_item(rules, &mut b, item, &mut exceptions);
        }
    }
    let Builder {
        mut points, roots, ..
    } = b;
    for test in &rules.tests {
        let cone = testing::cone(rules, test);
        let description = Description::from_values(rules, &test.given);
        let ev = Evaluation::run_in(rules, &description, test.on.unwrap_or(date), Some(&cone));
        for root in roots.iter().filter(|r| cone.contains(&r.node)) {
            if consulted(&ev, root) {
                visit(&ev, &description, &root.tree, &mut points);
            }
        }
        for (point, norm, k) in &exceptions {
            let decides = ev.norm_eval(*norm).is_some_and(|n| {
                cone.contains(&Node::Norm(*norm)) && n.exception_applied == Some(*k)
            });
            if decides && let Some(p) = points.get_mut(*point) {
                p.reached = true;
            }
        }
    }
    Coverage {
        tests: rules.tests.len(),
        points,
    }
}

fn add_item<'r>(
    rules: &'r RuleSet,
    b: &mut Builder<'r>,
    item: &Item,
    exceptions: &mut Vec<(usize, crate::model::NormId, usize)>,
) {
    match item {
        Item::Norm(d) => {
            let Some(Symbol::Norm(id)) = rules.names.get(&d.id.text) else {
                return;
            };
            let Some(norm) = rules.norms.get(id.index()) else {
                return;
            };
            let owner = d.id.text.as_str();
            let node = Node::Norm(*id);
            let mut k = 0;
            for clause in &d.clauses {
                match clause {
                    NormClause::Applies { expr, .. } => {
                        if let Some(c) = &norm.applies {
                            b.root(node, Role::Applies, owner, expr, c);
                        }
                    }
                    NormClause::Requires { expr, .. } => {
                        if let Some(c) = &norm.requires {
                            b.root(node, Role::Requires, owner, expr, c);
                        }
                    }
                    NormClause::Unless(e) => {
                        if let Some(x) = norm.exceptions.get(k) {
                            let label = crate::mutate::render_label(&e.labels.en, b.source.text());
                            let p =
                                b.point(Kind::Exception, e.span, owner, format!("unless {label}"));
                            exceptions.push((p, *id, k));
                            b.root(node, Role::Exception, owner, &e.when, &x.when);
                        }
                        k += 1;
                    }
                    NormClause::Judgement(j) => {
                        let settled = norm.judgement.as_ref().and_then(|x| x.settled_by.as_ref());
                        if let (Some(e), Some(c)) = (&j.settled_by, settled) {
                            b.root(node, Role::Settled, owner, e, c);
                        }
                    }
                    NormClause::Cites { .. }
                    | NormClause::InForce(_)
                    | NormClause::Until(_)
                    | NormClause::See(_)
                    | NormClause::Guidance(_)
                    | NormClause::Checked { .. } => {}
                }
            }
        }
        Item::Concept(d) => {
            if let Some(Symbol::Concept(id)) = rules.names.get(&d.id.text)
                && let Some(c) = rules.concepts.get(id.index())
            {
                b.root(
                    Node::Concept(*id),
                    Role::Concept,
                    &d.id.text,
                    &d.expr,
                    &c.expr,
                );
            }
        }
        Item::Finding(d) => {
            let Some(Symbol::Finding(id)) = rules.names.get(&d.id.text) else {
                return;
            };
            let Some(finding) = rules.findings.get(id.index()) else {
                return;
            };
            let node = Node::Finding(*id);
            let mut k = 0;
            for clause in &d.clauses {
                match (clause, &finding.body) {
                    (FindingClause::When { expr, .. }, FindingBody::When(c)) => {
                        b.root(node, Role::When, &d.id.text, expr, c);
                    }
                    (FindingClause::Case(case), FindingBody::Cases(cases)) => {
                        if let Some(c) = cases.get(k) {
                            b.root(node, Role::Case(k), &d.id.text, &case.when, &c.when);
                        }
                        k += 1;
                    }
                    _ => {}
                }
            }
        }
        Item::Law(_) | Item::Fact(_) | Item::Test(_) => {}
    }
}

/// Whether the evaluation consults a root condition (see the module docs).
fn consulted(ev: &Evaluation<'_>, root: &Root<'_>) -> bool {
    let Node::Norm(id) = root.node else {
        return match (root.node, &root.role) {
            (Node::Finding(id), Role::Case(k)) => {
                let Some(FindingBody::Cases(cases)) =
                    ev.rules.findings.get(id.index()).map(|f| &f.body)
                else {
                    return false;
                };
                cases
                    .iter()
                    .take(*k)
                    .all(|c| ev.clause(&c.when).truth != Some(true))
            }
            _ => true,
        };
    };
    let Some(n) = ev.norm_eval(id) else {
        return false;
    };
    if !n.in_force {
        return false;
    }
    let may_apply = n.applies.truth != Some(false);
    let may_fail =
        n.requires.truth != Some(true) || n.settled.as_ref().is_some_and(|s| s.truth != Some(true));
    match root.role {
        Role::Applies => true,
        Role::Requires => may_apply,
        Role::Settled => may_apply && n.requires.truth != Some(false),
        Role::Exception => may_apply && may_fail,
        Role::Concept | Role::Case(_) | Role::When => true,
    }
}

/// Marks what a consulted condition reaches.
fn visit(ev: &Evaluation<'_>, d: &Description, tree: &Tree<'_>, points: &mut [Point]) {
    let truth = ev.cond(tree.model).truth;
    if truth.is_some()
        && let Some(p) = points.get_mut(tree.point)
    {
        p.reached = true;
    }
    if !tree.values.is_empty() {
        let fact = match tree.model {
            Expr::In(inner, _) | Expr::Contains(inner, _, _) => match inner.as_ref() {
                Expr::Fact(f) => d.value(*f),
                _ => None,
            },
            _ => None,
        };
        for (point, value) in &tree.values {
            let takes = match fact {
                Some(Value::Text(t)) => t == value,
                Some(Value::Set(items)) => items.contains(value),
                _ => false,
            };
            if takes && let Some(p) = points.get_mut(*point) {
                p.reached = true;
            }
        }
    }
    for child in &tree.children {
        visit(ev, d, child, points);
        // Later operands are not consulted once one decides the chain.
        if let Some(dominant) = tree.junction
            && ev.cond(child.model).truth == Some(dominant)
        {
            break;
        }
    }
}

#[cfg(test)]
mod tests;
