//! Lowering of conditions and literals.

use pest::iterators::Pair;
use pest::pratt_parser::{Assoc, Op, PrattParser};

use super::{Cursor, Lower, Result, Rule, children};
use crate::Span;
use crate::ast::*;
use crate::error::{self, SyntaxError};

impl Lower<'_> {
    pub(super) fn literal(&self, pair: Pair<'_, Rule>) -> Result<Literal> {
        let span: Span = pair.as_span().into();
        Ok(match pair.as_rule() {
            Rule::bool_lit => Literal::Bool(pair.as_str() == "true"),
            Rule::date => Literal::Date(pair.as_str().to_owned()),
            Rule::string => Literal::Text(self.text(pair).value),
            Rule::number => {
                let text = pair.as_str();
                match text.parse::<f64>() {
                    Ok(n) if n.is_finite() && text.len() <= 24 => Literal::Number(n),
                    _ => {
                        return Err(Box::new(SyntaxError::BadNumber(error::BadNumber {
                            src: self.source.named_source(),
                            span: span.into(),
                            text: text.to_owned(),
                        })));
                    }
                }
            }
            _ => return Err(self.internal(span, "literal")),
        })
    }

    /// Lowers an expression. `depth` counts enclosing groups and `not`s, so
    /// that the tree handed to the engine is never deeper than the limit.
    pub(super) fn expr(&self, pair: Pair<'_, Rule>, depth: usize) -> Result<Expr> {
        let pairs: Vec<Pair<'_, Rule>> = children(pair).collect();
        let mut run = 0usize;
        let mut longest = 0usize;
        for p in &pairs {
            if p.as_rule() == Rule::not_op {
                run += 1;
                longest = longest.max(run);
            } else {
                run = 0;
            }
            if depth + longest > self.limits.max_nesting {
                return Err(Box::new(
                    self.limits.too_deep(self.source, p.as_span().start()),
                ));
            }
        }
        let inner_depth = depth + longest + 1;
        PrattParser::new()
            .op(Op::infix(Rule::or_op, Assoc::Left))
            .op(Op::infix(Rule::and_op, Assoc::Left))
            .op(Op::prefix(Rule::not_op))
            .map_primary(|primary| self.primary(primary, inner_depth))
            .map_prefix(|op, operand| {
                let operand = operand?;
                Ok(Expr {
                    span: Span::from(op.as_span()).to(operand.span),
                    kind: ExprKind::Not {
                        operand: Box::new(operand),
                    },
                })
            })
            .map_infix(|lhs, op, rhs| {
                let (lhs, rhs) = (lhs?, rhs?);
                let span = lhs.span.to(rhs.span);
                let is_and = op.as_rule() == Rule::and_op;
                // Flatten chains of the same operator, so that a long list of
                // conditions is one wide node, not a deep one.
                let mut operands = match lhs.kind {
                    ExprKind::And { operands } if is_and => operands,
                    ExprKind::Or { operands } if !is_and => operands,
                    kind => vec![Expr {
                        kind,
                        span: lhs.span,
                    }],
                };
                operands.push(rhs);
                let kind = if is_and {
                    ExprKind::And { operands }
                } else {
                    ExprKind::Or { operands }
                };
                Ok(Expr { kind, span })
            })
            .parse(pairs.into_iter())
    }

    fn primary(&self, pair: Pair<'_, Rule>, depth: usize) -> Result<Expr> {
        let span: Span = pair.as_span().into();
        match pair.as_rule() {
            Rule::group => {
                let inner = self.first_child(pair, Rule::expr)?;
                let mut expr = self.expr(inner, depth)?;
                expr.span = span;
                Ok(expr)
            }
            Rule::predicate => self.predicate(pair),
            _ => Err(self.internal(span, "expression")),
        }
    }

    fn operand(&self, pair: Pair<'_, Rule>) -> Result<Expr> {
        let span: Span = pair.as_span().into();
        let kind = if pair.as_rule() == Rule::path {
            ExprKind::Ref {
                name: self.name(pair)?,
            }
        } else if pair.as_rule() == Rule::today {
            ExprKind::Today
        } else {
            ExprKind::Literal {
                value: self.literal(pair)?,
            }
        };
        Ok(Expr { kind, span })
    }

    fn predicate(&self, pair: Pair<'_, Rule>) -> Result<Expr> {
        let span: Span = pair.as_span().into();
        let mut c = Cursor::new(pair);
        let first = c
            .inner
            .next()
            .ok_or_else(|| self.internal(span, "operand"))?;
        let Some(tail) = c.inner.next() else {
            return self.operand(first);
        };
        let tail_rule = tail.as_rule();
        let kind = match tail_rule {
            Rule::compare => {
                let mut t = Cursor::new(tail);
                let op = match self.expect(&mut t, Rule::compare_op)?.as_str() {
                    "==" => CompareOp::Eq,
                    "!=" => CompareOp::Ne,
                    "<" => CompareOp::Lt,
                    "<=" => CompareOp::Le,
                    ">" => CompareOp::Gt,
                    ">=" => CompareOp::Ge,
                    _ => return Err(self.internal(span, "operator")),
                };
                let rhs = t
                    .inner
                    .next()
                    .ok_or_else(|| self.internal(span, "operand"))?;
                ExprKind::Compare {
                    op,
                    lhs: Box::new(self.operand(first)?),
                    rhs: Box::new(self.operand(rhs)?),
                }
            }
            Rule::in_set => ExprKind::In {
                operand: Box::new(self.operand(first)?),
                variants: self.variants(self.first_child(tail, Rule::variant_set)?)?,
            },
            Rule::contains => {
                let inner = tail
                    .into_inner()
                    .find(|p| p.as_rule() != Rule::COMMENT)
                    .ok_or_else(|| self.internal(span, "contains"))?;
                let (mode, variants) = match inner.as_rule() {
                    Rule::ident => (ContainsMode::Any, vec![self.name(inner)?]),
                    Rule::contains_any => (
                        ContainsMode::Any,
                        self.variants(self.first_child(inner, Rule::variant_set)?)?,
                    ),
                    Rule::contains_all => (
                        ContainsMode::All,
                        self.variants(self.first_child(inner, Rule::variant_set)?)?,
                    ),
                    _ => return Err(self.internal(span, "contains")),
                };
                ExprKind::Contains {
                    operand: Box::new(self.operand(first)?),
                    mode,
                    variants,
                }
            }
            Rule::is_state => {
                if first.as_rule() != Rule::path {
                    return Err(self.unexpected(
                        first.as_span().into(),
                        "`is` needs a norm id before it",
                        "not a norm id",
                        "write `some.norm is met`, `is violated` or `is applicable`",
                    ));
                }
                let state = match self.first_child(tail, Rule::norm_state)?.as_str() {
                    "met" => NormState::Met,
                    "violated" => NormState::Violated,
                    "applicable" => NormState::Applicable,
                    _ => return Err(self.internal(span, "norm state")),
                };
                ExprKind::Is {
                    norm: self.name(first)?,
                    state,
                }
            }
            _ => return Err(self.internal(span, "predicate")),
        };
        Ok(Expr { kind, span })
    }
}
