//! Name resolution and type checking of conditions.

use toets_syntax::Span;
use toets_syntax::ast::{self, CompareOp, ExprKind, Literal};

use super::{Checker, Symbol};
use crate::model::{Condition, Expr, FactId, FactType};
use crate::suggest::did_you_mean;
use crate::value::Value;

/// The type of a checked expression.
#[derive(Debug, Clone, PartialEq)]
enum Ty {
    Bool,
    Number,
    Date,
    Text,
    OneOf(FactId),
    SetOf(FactId),
}

/// A checked operand, or a bare name that only a comparison with a
/// `one of` fact can give meaning to (`role == deployer`).
enum Typed<'e> {
    Value(Expr, Ty),
    Bare(&'e ast::Name),
}

impl Checker<'_> {
    /// Checks a clause's condition and records what it reads.
    pub(super) fn condition(&mut self, file: usize, e: &ast::Expr) -> Condition {
        Condition::new(self.bool_expr(file, e))
    }

    /// Reports a finding read by a condition: findings are conclusions shown
    /// to the reader, not building blocks.
    pub(super) fn finding_read(&mut self, file: usize, name: &ast::Name) {
        self.type_error(
            file,
            name.span,
            format!("finding `{}` cannot be read by a condition", name.text),
            "a finding is shown to the reader, not read",
            Some(
                "read the concept the finding reports instead: declare the condition as a `concept` and use it in both".to_owned(),
            ),
        );
    }

    /// Checks a condition: an expression that must be true, false or unknown.
    pub(super) fn bool_expr(&mut self, file: usize, e: &ast::Expr) -> Expr {
        match self.typed(file, e) {
            Some(Typed::Value(expr, Ty::Bool)) => expr,
            Some(Typed::Value(_, ty)) => {
                let (what, help) = self.describe(&ty);
                self.type_error(
                    file,
                    e.span,
                    format!("expected a condition, found {what}"),
                    "not true or false",
                    (!help.is_empty()).then_some(help),
                );
                Expr::Const(Value::Bool(false))
            }
            Some(Typed::Bare(name)) => {
                self.undefined_name(file, name);
                Expr::Const(Value::Bool(false))
            }
            None => Expr::Const(Value::Bool(false)),
        }
    }

    fn describe(&self, ty: &Ty) -> (String, String) {
        match ty {
            Ty::Bool => ("a condition".to_owned(), String::new()),
            Ty::Number => (
                "a number".to_owned(),
                "compare it: `persons_affected >= 10000`".to_owned(),
            ),
            Ty::Date => (
                "a date".to_owned(),
                "compare it: `placed_in_service < 2026-08-02`".to_owned(),
            ),
            Ty::Text => (
                "a text".to_owned(),
                "compare it: `name == \"...\"`".to_owned(),
            ),
            Ty::OneOf(f) => {
                let fact = self.facts.get(f.index());
                let id = fact.map_or("", |f| f.id.as_str());
                let first = fact
                    .and_then(|f| f.ty.variants().first())
                    .map_or("value", String::as_str);
                (
                    format!("`{id}`, a `one of` fact"),
                    format!(
                        "compare it with one of its values: `{id} == {first}` or `{id} in {{ ... }}`"
                    ),
                )
            }
            Ty::SetOf(f) => {
                let fact = self.facts.get(f.index());
                let id = fact.map_or("", |f| f.id.as_str());
                let first = fact
                    .and_then(|f| f.ty.variants().first())
                    .map_or("value", String::as_str);
                (
                    format!("`{id}`, a `set of` fact"),
                    format!(
                        "test its contents: `{id} contains {first}` or `{id} contains any {{ ... }}`"
                    ),
                )
            }
        }
    }

    fn undefined_name(&mut self, file: usize, name: &ast::Name) {
        self.undefined_symbol(file, name, "name", |_| true);
    }

    fn typed<'e>(&mut self, file: usize, e: &'e ast::Expr) -> Option<Typed<'e>> {
        let value = |expr, ty| Some(Typed::Value(expr, ty));
        match &e.kind {
            ExprKind::Literal { value: lit } => match lit {
                Literal::Bool(b) => value(Expr::Const(Value::Bool(*b)), Ty::Bool),
                Literal::Number(n) => value(Expr::Const(Value::Number(*n)), Ty::Number),
                Literal::Text(t) => value(Expr::Const(Value::Text(t.clone())), Ty::Text),
                Literal::Date(text) => {
                    let lit = ast::DateLit {
                        text: text.clone(),
                        span: e.span,
                    };
                    let d = self.date(file, &lit)?;
                    value(Expr::Const(Value::Date(d)), Ty::Date)
                }
            },
            ExprKind::Today => value(Expr::Today, Ty::Date),
            ExprKind::Ref { name } => match self.resolve(file, name) {
                Some(Symbol::Fact(f)) => {
                    let ty = match self.facts.get(f.index()).map(|f| &f.ty) {
                        Some(FactType::Bool) => Ty::Bool,
                        Some(FactType::Number) => Ty::Number,
                        Some(FactType::Date) => Ty::Date,
                        Some(FactType::Text) => Ty::Text,
                        Some(FactType::OneOf(_)) => Ty::OneOf(f),
                        Some(FactType::SetOf(_)) => Ty::SetOf(f),
                        None => return None,
                    };
                    value(Expr::Fact(f), ty)
                }
                Some(Symbol::Concept(c)) => value(Expr::Concept(c), Ty::Bool),
                Some(Symbol::Finding(_)) => {
                    self.finding_read(file, name);
                    None
                }
                Some(Symbol::Norm(_)) => {
                    self.type_error(
                        file,
                        name.span,
                        format!("norm `{}` is not a condition by itself", name.text),
                        "a norm has an outcome, not a truth value",
                        Some(format!(
                            "write `{0} is met`, `{0} is violated` or `{0} is applicable`",
                            name.text
                        )),
                    );
                    None
                }
                None => Some(Typed::Bare(name)),
            },
            ExprKind::Not { operand } => {
                let inner = self.bool_expr(file, operand);
                value(Expr::Not(Box::new(inner)), Ty::Bool)
            }
            ExprKind::And { operands } => {
                let es = operands.iter().map(|o| self.bool_expr(file, o)).collect();
                value(Expr::And(es), Ty::Bool)
            }
            ExprKind::Or { operands } => {
                let es = operands.iter().map(|o| self.bool_expr(file, o)).collect();
                value(Expr::Or(es), Ty::Bool)
            }
            ExprKind::Compare { op, lhs, rhs } => self.compare(file, e.span, *op, lhs, rhs),
            ExprKind::In { operand, variants } => {
                let (inner, fact) = self.enum_operand(file, operand, false)?;
                let vs = self.check_variants(file, fact, variants)?;
                value(Expr::In(Box::new(inner), vs), Ty::Bool)
            }
            ExprKind::Contains {
                operand,
                mode,
                variants,
            } => {
                let (inner, fact) = self.enum_operand(file, operand, true)?;
                let vs = self.check_variants(file, fact, variants)?;
                value(Expr::Contains(Box::new(inner), *mode, vs), Ty::Bool)
            }
            ExprKind::Is { norm, state } => match self.resolve(file, norm) {
                Some(Symbol::Norm(n)) => value(Expr::NormState(n, *state), Ty::Bool),
                Some(other) => {
                    self.type_error(
                        file,
                        norm.span,
                        format!("`{}` is a {}, not a norm", norm.text, other.what()),
                        "`is` needs a norm",
                        Some(format!(
                            "`is {}` tests another norm's outcome; test a {} directly",
                            state.as_str(),
                            other.what()
                        )),
                    );
                    None
                }
                None => {
                    self.undefined_symbol(file, norm, "norm", |s| matches!(s, Symbol::Norm(_)));
                    None
                }
            },
        }
    }

    /// The operand of `in` (a `one of` fact) or `contains` (a `set of` fact).
    fn enum_operand(
        &mut self,
        file: usize,
        operand: &ast::Expr,
        set: bool,
    ) -> Option<(Expr, FactId)> {
        let (keyword, wanted) = if set {
            ("contains", "a `set of` fact")
        } else {
            ("in", "a `one of` fact")
        };
        match self.typed(file, operand)? {
            Typed::Value(e, Ty::OneOf(f)) if !set => Some((e, f)),
            Typed::Value(e, Ty::SetOf(f)) if set => Some((e, f)),
            Typed::Value(_, ty) => {
                let (what, help) = self.describe(&ty);
                self.type_error(
                    file,
                    operand.span,
                    format!("`{keyword}` needs {wanted}, found {what}"),
                    "wrong kind of value",
                    (!help.is_empty()).then_some(help),
                );
                None
            }
            Typed::Bare(name) => {
                self.undefined_name(file, name);
                None
            }
        }
    }

    fn check_variants(
        &mut self,
        file: usize,
        fact: FactId,
        names: &[ast::Name],
    ) -> Option<Vec<String>> {
        let mut out = Vec::with_capacity(names.len());
        let mut ok = true;
        for n in names {
            ok &= self.check_variant(file, fact, n);
            out.push(n.text.clone());
        }
        ok.then_some(out)
    }

    fn check_variant(&mut self, file: usize, fact: FactId, name: &ast::Name) -> bool {
        let Some(f) = self.facts.get(fact.index()) else {
            return false;
        };
        if f.ty.variants().contains(&name.text) {
            return true;
        }
        let fact_id = f.id.clone();
        let variants = f.ty.variants().to_vec();
        let help = match did_you_mean(&name.text, variants.iter().map(String::as_str)) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("`{fact_id}` takes one of: {}", variants.join(", ")),
        };
        self.type_error(
            file,
            name.span,
            format!("`{}` is not a value of `{fact_id}`", name.text),
            "unknown value",
            Some(help),
        );
        false
    }

    fn compare<'e>(
        &mut self,
        file: usize,
        span: Span,
        op: CompareOp,
        lhs: &'e ast::Expr,
        rhs: &'e ast::Expr,
    ) -> Option<Typed<'e>> {
        let l = self.typed(file, lhs)?;
        let r = self.typed(file, rhs)?;
        let (l, lt, r, rt) = match (l, r) {
            (Typed::Value(l, lt), Typed::Value(r, rt)) => (l, lt, r, rt),
            (Typed::Value(l, Ty::OneOf(f)), Typed::Bare(name)) => {
                if !self.check_variant(file, f, name) {
                    return None;
                }
                (
                    l,
                    Ty::OneOf(f),
                    Expr::Const(Value::Text(name.text.clone())),
                    Ty::OneOf(f),
                )
            }
            (Typed::Bare(name), Typed::Value(r, Ty::OneOf(f))) => {
                if !self.check_variant(file, f, name) {
                    return None;
                }
                (
                    Expr::Const(Value::Text(name.text.clone())),
                    Ty::OneOf(f),
                    r,
                    Ty::OneOf(f),
                )
            }
            (Typed::Bare(name), _) | (_, Typed::Bare(name)) => {
                self.undefined_name(file, name);
                return None;
            }
        };
        let ordered = matches!(
            op,
            CompareOp::Lt | CompareOp::Le | CompareOp::Gt | CompareOp::Ge
        );
        let same = match (&lt, &rt) {
            (Ty::OneOf(a), Ty::OneOf(b)) => {
                let va = self.facts.get(a.index()).map(|f| f.ty.variants());
                let vb = self.facts.get(b.index()).map(|f| f.ty.variants());
                va == vb
            }
            (a, b) => a == b,
        };
        if !same {
            let (lw, _) = self.describe(&lt);
            let (rw, _) = self.describe(&rt);
            self.type_error(
                file,
                span,
                format!("cannot compare {lw} with {rw}"),
                "different types",
                Some("both sides of a comparison must have the same type".to_owned()),
            );
            return None;
        }
        if ordered && !matches!(lt, Ty::Number | Ty::Date) {
            let (what, _) = self.describe(&lt);
            self.type_error(
                file,
                span,
                format!("`{}` cannot order {what}", op.as_str()),
                "not ordered",
                Some("only numbers and dates can be compared with `<`, `<=`, `>` and `>=`; use `==` or `!=`".to_owned()),
            );
            return None;
        }
        if matches!(lt, Ty::SetOf(_)) {
            self.type_error(
                file,
                span,
                "sets cannot be compared with `==` or `!=`".to_owned(),
                "a set",
                Some("use `contains all { ... }` or `contains any { ... }`".to_owned()),
            );
            return None;
        }
        Some(Typed::Value(
            Expr::Compare(op, Box::new(l), Box::new(r)),
            Ty::Bool,
        ))
    }
}
