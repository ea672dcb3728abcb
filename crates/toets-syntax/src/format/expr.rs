//! Conditions: the only place where the formatter must add brackets.
//!
//! The tree keeps no brackets, so they are put back where precedence needs
//! them (`not` over `and` over `or`) and where the source had them around a
//! chain of the same operator (`a and (b and c)` is a different tree from
//! `a and b and c`, because the parser only flattens left-nested chains).

use super::{Doc, Printer};
use crate::ast::{ContainsMode, Expr, ExprKind, Literal};

/// How tightly an expression binds.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Prec {
    Or,
    And,
    Not,
    Atom,
}

fn prec(expr: &Expr) -> Prec {
    match expr.kind {
        ExprKind::Or { .. } => Prec::Or,
        ExprKind::And { .. } => Prec::And,
        ExprKind::Not { .. } => Prec::Not,
        _ => Prec::Atom,
    }
}

impl<'f> Printer<'f> {
    /// A condition after a keyword; a broken chain's later lines are
    /// indented by `indent` columns.
    pub(super) fn condition(&mut self, expr: &Expr, indent: isize) -> Doc<'f> {
        if self.is_bracketed(expr) {
            self.bracketed(expr)
        } else {
            self.expr(expr, indent)
        }
    }

    /// Whether the source wrote brackets around this expression. Brackets
    /// the author added for readability are kept.
    fn is_bracketed(&self, expr: &Expr) -> bool {
        let end = self.code_end(expr.span.start, expr.span.end);
        let Some(text) = self.text.get(expr.span.start..end) else {
            return false;
        };
        if !text.starts_with('(') || !text.ends_with(')') {
            return false;
        }
        // The bracket that opens the text must be the one that closes it,
        // as in `(a and b)` but not in `(a) and (b)`. Brackets only occur
        // in code, and texts in quotes may hold brackets of their own.
        let mut depth = 0usize;
        let mut in_text = false;
        let mut escaped = false;
        for (i, c) in text.char_indices() {
            if in_text {
                match c {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    '"' => in_text = false,
                    _ => {}
                }
                continue;
            }
            match c {
                '"' => in_text = true,
                '(' => depth += 1,
                ')' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return i + 1 == text.len();
                    }
                }
                _ => {}
            }
        }
        false
    }

    fn bracketed(&mut self, expr: &Expr) -> Doc<'f> {
        let inner = self.expr(expr, 0);
        self.text("(").append(inner.align()).append(self.text(")"))
    }

    fn expr(&mut self, expr: &Expr, indent: isize) -> Doc<'f> {
        match &expr.kind {
            ExprKind::Literal { value } => match value {
                Literal::Bool(b) => self.text(b.to_string()),
                Literal::Date(d) => self.text(d.clone()),
                // Numbers and texts as written: `1e3` and escapes stay.
                Literal::Number(_) | Literal::Text(_) => self.slice(expr.span),
            },
            ExprKind::Today => self.text("today"),
            ExprKind::Ref { name } => self.name(name),
            ExprKind::Not { operand } => {
                let inner = self.operand(operand, Prec::Not, false);
                self.text("not ").append(inner)
            }
            ExprKind::And { operands } => self.chain(operands, "and", Prec::And, indent),
            ExprKind::Or { operands } => self.chain(operands, "or", Prec::Or, indent),
            ExprKind::Compare { op, lhs, rhs } => {
                let lhs = self.expr(lhs, indent);
                let rhs = self.expr(rhs, indent);
                lhs.append(self.text(format!(" {} ", op.as_str())))
                    .append(rhs)
            }
            ExprKind::In { operand, variants } => {
                let operand = self.expr(operand, indent);
                operand
                    .append(self.text(" in "))
                    .append(self.variants(variants))
            }
            ExprKind::Contains {
                operand,
                mode,
                variants,
            } => {
                let operand = self.expr(operand, indent).append(self.text(" contains "));
                match (mode, variants.as_slice()) {
                    (ContainsMode::Any, [single]) => operand.append(self.name(single)),
                    (ContainsMode::Any, _) => operand
                        .append(self.text("any "))
                        .append(self.variants(variants)),
                    (ContainsMode::All, _) => operand
                        .append(self.text("all "))
                        .append(self.variants(variants)),
                }
            }
            ExprKind::Is { norm, state } => self
                .name(norm)
                .append(self.text(format!(" is {}", state.as_str()))),
        }
    }

    /// `a and b and c`: on one line if it fits, else one operand per line,
    /// the later ones indented by `indent`.
    fn chain(&mut self, operands: &[Expr], op: &str, this: Prec, indent: isize) -> Doc<'f> {
        let mut rest = self.nil();
        let mut first = self.nil();
        for (i, operand) in operands.iter().enumerate() {
            // The parser flattens only the left operand of a chain, so a
            // same-operator chain after the first place was in brackets.
            let same_needs_brackets = i > 0;
            if i == 0 {
                first = self.operand(operand, this, same_needs_brackets);
            } else {
                let line = self.soft_line(operand.span.start);
                let doc = self.operand(operand, this, same_needs_brackets);
                rest = rest
                    .append(line)
                    .append(self.text(format!("{op} ")))
                    .append(doc);
            }
        }
        first.append(rest.nest(indent)).group()
    }

    /// An operand of an operator of precedence `outer`, in brackets where
    /// the tree needs them.
    fn operand(&mut self, expr: &Expr, outer: Prec, same_needs_brackets: bool) -> Doc<'f> {
        let inner = prec(expr);
        let needed = inner < outer
            || (inner == outer && same_needs_brackets && matches!(inner, Prec::And | Prec::Or))
            || (outer == Prec::Not && matches!(inner, Prec::And | Prec::Or));
        if needed || self.is_bracketed(expr) {
            self.bracketed(expr)
        } else {
            self.expr(expr, 2)
        }
    }
}
