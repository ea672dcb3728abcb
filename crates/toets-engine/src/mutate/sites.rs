//! Where mutants are made: the conditions of every norm, concept and finding
//! of a syntax tree, walked in one fixed order, so that a mutant found on one
//! copy of a tree can be made again on another.

use toets_syntax::Span;
use toets_syntax::ast::{CompareOp, ExprKind, File, FindingClause, Item, NormClause, NormState};

use super::{Operator, OwnerKind, render};
use toets_syntax::ast::Expr;

/// One change to a tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Edit {
    /// `and` becomes `or` and back.
    SwapAndOr,
    /// The operand at this index is dropped from an `and`/`or`.
    DropOperand(usize),
    /// `x` becomes `not x`.
    AddNot,
    /// `not x` becomes `x`.
    RemoveNot,
    /// The comparison gets this operator.
    Compare(CompareOp, Operator),
    /// The listed value at this index is dropped from `in`/`contains`.
    DropValue(usize),
    /// `is met` tests this state instead.
    State(NormState),
    /// The `unless` clause is deleted.
    DeleteUnless,
}

impl Edit {
    pub(crate) fn operator(self) -> Operator {
        match self {
            Edit::SwapAndOr => Operator::SwapAndOr,
            Edit::DropOperand(_) => Operator::DropOperand,
            Edit::AddNot => Operator::AddNot,
            Edit::RemoveNot => Operator::RemoveNot,
            Edit::Compare(_, op) => op,
            Edit::DropValue(_) => Operator::DropValue,
            Edit::State(_) => Operator::ChangeState,
            Edit::DeleteUnless => Operator::DeleteUnless,
        }
    }
}

/// Where in an item an edit applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// The condition node with this number in the item's walk.
    Node(usize),
    /// The norm clause with this index.
    Clause(usize),
}

/// A mutant that can be made on any copy of the file it was found in.
#[derive(Debug, Clone)]
pub(crate) struct Site {
    /// Index of the item in the file.
    pub item: usize,
    pub target: Target,
    pub edit: Edit,
    pub owner: String,
    pub owner_kind: OwnerKind,
    /// The mutated node or clause; the operand or value a mutant drops.
    pub span: Span,
    pub before: String,
    pub after: String,
}

/// The item's id and kind, if it has conditions.
fn owner(item: &Item) -> Option<(String, OwnerKind)> {
    match item {
        Item::Norm(d) => Some((d.id.text.clone(), OwnerKind::Norm)),
        Item::Concept(d) => Some((d.id.text.clone(), OwnerKind::Concept)),
        Item::Finding(d) => Some((d.id.text.clone(), OwnerKind::Finding)),
        Item::Law(_) | Item::Fact(_) | Item::Test(_) => None,
    }
}

/// The item's conditions, in source order.
fn roots(item: &mut Item) -> Vec<&mut Expr> {
    let mut out = Vec::new();
    match item {
        Item::Norm(d) => {
            for clause in &mut d.clauses {
                match clause {
                    NormClause::Applies { expr, .. } | NormClause::Requires { expr, .. } => {
                        out.push(expr);
                    }
                    NormClause::Unless(e) => out.push(&mut e.when),
                    NormClause::Judgement(j) => out.extend(j.settled_by.as_mut()),
                    NormClause::Cites { .. }
                    | NormClause::InForce(_)
                    | NormClause::Until(_)
                    | NormClause::See(_)
                    | NormClause::Guidance(_)
                    | NormClause::Checked { .. } => {}
                }
            }
        }
        Item::Concept(d) => out.push(&mut d.expr),
        Item::Finding(d) => {
            for clause in &mut d.clauses {
                match clause {
                    FindingClause::When { expr, .. } => out.push(expr),
                    FindingClause::Case(c) => out.push(&mut c.when),
                    FindingClause::Cites { .. } | FindingClause::See(_) => {}
                }
            }
        }
        Item::Law(_) | Item::Fact(_) | Item::Test(_) => {}
    }
    out
}

/// Calls `f` on every condition node of `e` in pre-order, numbering them
/// from `*counter`, until `f` returns true; returns whether it did.
fn visit(e: &mut Expr, counter: &mut usize, f: &mut dyn FnMut(usize, &mut Expr) -> bool) -> bool {
    let k = *counter;
    *counter += 1;
    if f(k, e) {
        return true;
    }
    match &mut e.kind {
        ExprKind::Not { operand } => visit(operand, counter, f),
        ExprKind::And { operands } | ExprKind::Or { operands } => {
            operands.iter_mut().any(|o| visit(o, counter, f))
        }
        _ => false,
    }
}

/// Walks every condition node of an item.
fn walk(item: &mut Item, f: &mut dyn FnMut(usize, &mut Expr) -> bool) -> bool {
    let mut counter = 0;
    roots(item)
        .into_iter()
        .any(|root| visit(root, &mut counter, f))
}

/// The edits that apply to one node.
fn edits(e: &Expr) -> Vec<Edit> {
    match &e.kind {
        ExprKind::And { operands } | ExprKind::Or { operands } => std::iter::once(Edit::SwapAndOr)
            .chain((0..operands.len()).map(Edit::DropOperand))
            .collect(),
        ExprKind::Not { .. } => vec![Edit::RemoveNot],
        ExprKind::Ref { .. } => vec![Edit::AddNot],
        ExprKind::Compare { op, .. } => {
            let negated = match op {
                CompareOp::Eq => CompareOp::Ne,
                CompareOp::Ne => CompareOp::Eq,
                CompareOp::Lt => CompareOp::Ge,
                CompareOp::Ge => CompareOp::Lt,
                CompareOp::Le => CompareOp::Gt,
                CompareOp::Gt => CompareOp::Le,
            };
            let boundary = match op {
                CompareOp::Lt => Some(CompareOp::Le),
                CompareOp::Le => Some(CompareOp::Lt),
                CompareOp::Gt => Some(CompareOp::Ge),
                CompareOp::Ge => Some(CompareOp::Gt),
                CompareOp::Eq | CompareOp::Ne => None,
            };
            std::iter::once(Edit::Compare(negated, Operator::FlipCompare))
                .chain(boundary.map(|b| Edit::Compare(b, Operator::Boundary)))
                .collect()
        }
        ExprKind::In { variants, .. } | ExprKind::Contains { variants, .. } => {
            let drops = if variants.len() >= 2 {
                variants.len()
            } else {
                0
            };
            std::iter::once(Edit::AddNot)
                .chain((0..drops).map(Edit::DropValue))
                .collect()
        }
        ExprKind::Is { state, .. } => [NormState::Met, NormState::Violated, NormState::Applicable]
            .into_iter()
            .filter(|s| s != state)
            .map(Edit::State)
            .chain(std::iter::once(Edit::AddNot))
            .collect(),
        ExprKind::Literal { .. } | ExprKind::Today => Vec::new(),
    }
}

/// Makes `edit` on a node; false if it does not apply.
fn edit_node(e: &mut Expr, edit: Edit) -> bool {
    let span = e.span;
    match (edit, &mut e.kind) {
        (Edit::SwapAndOr, ExprKind::And { operands }) => {
            e.kind = ExprKind::Or {
                operands: std::mem::take(operands),
            };
        }
        (Edit::SwapAndOr, ExprKind::Or { operands }) => {
            e.kind = ExprKind::And {
                operands: std::mem::take(operands),
            };
        }
        (Edit::DropOperand(i), ExprKind::And { operands } | ExprKind::Or { operands }) => {
            if i >= operands.len() || operands.len() < 2 {
                return false;
            }
            operands.remove(i);
            if operands.len() == 1
                && let Some(only) = operands.pop()
            {
                *e = only;
            }
        }
        (Edit::RemoveNot, ExprKind::Not { operand }) => {
            let inner = std::mem::replace(
                operand.as_mut(),
                Expr {
                    kind: ExprKind::Today,
                    span,
                },
            );
            *e = inner;
        }
        (Edit::AddNot, _) => {
            let inner = std::mem::replace(
                e,
                Expr {
                    kind: ExprKind::Today,
                    span,
                },
            );
            e.kind = ExprKind::Not {
                operand: Box::new(inner),
            };
        }
        (Edit::Compare(new, _), ExprKind::Compare { op, .. }) => *op = new,
        (
            Edit::DropValue(i),
            ExprKind::In { variants, .. } | ExprKind::Contains { variants, .. },
        ) => {
            if i >= variants.len() || variants.len() < 2 {
                return false;
            }
            variants.remove(i);
        }
        (Edit::State(new), ExprKind::Is { state, .. }) => *state = new,
        _ => return false,
    }
    true
}

/// Where a mutant of `node` is reported: the operand or value it drops,
/// else the node. Markers match on that line.
fn focus(node: &Expr, edit: Edit) -> Span {
    let dropped = match (&node.kind, edit) {
        (ExprKind::And { operands } | ExprKind::Or { operands }, Edit::DropOperand(i)) => {
            operands.get(i).map(|o| o.span)
        }
        (
            ExprKind::In { variants, .. } | ExprKind::Contains { variants, .. },
            Edit::DropValue(i),
        ) => variants.get(i).map(|v| v.span),
        _ => None,
    };
    dropped.unwrap_or(node.span)
}

/// Every mutant of a file, in source order of items and their walk.
pub(crate) fn find(file: &File) -> Vec<Site> {
    let text = file.source.text();
    let mut out = Vec::new();
    for (index, item) in file.items.iter().enumerate() {
        let Some((owner, owner_kind)) = owner(item) else {
            continue;
        };
        let first = out.len();
        let mut copy = item.clone();
        walk(&mut copy, &mut |k, node| {
            for edit in edits(node) {
                let mut mutated = node.clone();
                if edit_node(&mut mutated, edit) {
                    out.push(Site {
                        item: index,
                        target: Target::Node(k),
                        edit,
                        owner: owner.clone(),
                        owner_kind,
                        span: focus(node, edit),
                        before: render::expr(node, text),
                        after: render::expr(&mutated, text),
                    });
                }
            }
            false
        });
        if let Item::Norm(d) = item {
            for (i, clause) in d.clauses.iter().enumerate() {
                if let NormClause::Unless(e) = clause {
                    out.push(Site {
                        item: index,
                        target: Target::Clause(i),
                        edit: Edit::DeleteUnless,
                        owner: owner.clone(),
                        owner_kind,
                        span: e.span,
                        before: format!("unless {}", render::label(&e.labels.en, text)),
                        after: "(no exception)".to_owned(),
                    });
                }
            }
        }
        // In source order; the walk's order among mutants at one place.
        if let Some(item_sites) = out.get_mut(first..) {
            item_sites.sort_by_key(|s| s.span.start);
        }
    }
    out
}

/// The file with the mutant made, or `None` if the site does not fit it.
pub(crate) fn apply(file: &File, site: &Site) -> Option<File> {
    let mut file = file.clone();
    let item = file.items.get_mut(site.item)?;
    let done = match site.target {
        Target::Node(target) => {
            let mut applied = false;
            walk(item, &mut |k, node| {
                if k == target {
                    applied = edit_node(node, site.edit);
                }
                k == target
            });
            applied
        }
        Target::Clause(i) => match item {
            Item::Norm(d) if matches!(d.clauses.get(i), Some(NormClause::Unless(_))) => {
                d.clauses.remove(i);
                true
            }
            _ => false,
        },
    };
    done.then_some(file)
}
