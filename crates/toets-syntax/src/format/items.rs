//! Printing of declarations: facts, concepts, findings, norms and tests.

use pretty::DocAllocator;

use super::{Doc, Printer, outcome};
use crate::Span;
use crate::ast::*;

impl<'f> Printer<'f> {
    /// The listed values of a type: filled like a list when none has labels,
    /// one per line when any has.
    fn variant_decls(&mut self, variants: &[Variant]) -> Doc<'f> {
        if variants.iter().all(|v| v.labels.is_none()) {
            let items = self.fill(variants.iter().map(|v| self.name(&v.name)));
            return self
                .text("{")
                .append(self.a.line().append(items).nest(2))
                .append(self.a.line())
                .append(self.text("}"))
                .group();
        }
        let mut body = self.nil();
        for v in variants {
            let mut item = self.name(&v.name);
            if let Some(labels) = &v.labels {
                item = item
                    .append(self.text(" "))
                    .append(self.labels(labels).align().group());
            }
            body = body
                .append(self.newline(v.name.span.start))
                .append(item)
                .append(self.text(","));
        }
        self.text("{")
            .append(body.nest(2))
            .append(self.a.hardline())
            .append(self.text("}"))
    }

    pub(super) fn variants(&self, variants: &[Name]) -> Doc<'f> {
        let items = self.fill(variants.iter().map(|v| self.name(v)));
        self.text("{")
            .append(self.a.line().append(items).nest(2))
            .append(self.a.line())
            .append(self.text("}"))
            .group()
    }

    pub(super) fn fact(&mut self, d: &FactDecl) -> Doc<'f> {
        let mut doc = self.docs(&d.docs);
        doc = doc.append(self.newline_if_pending(d.id.span.start));
        let ty = match &d.ty {
            TypeExpr::Bool => self.text("bool"),
            TypeExpr::Number => self.text("number"),
            TypeExpr::Date => self.text("date"),
            TypeExpr::Text => self.text("text"),
            TypeExpr::OneOf(v) => self.text("one of ").append(self.variant_decls(v)),
            TypeExpr::SetOf(v) => self.text("set of ").append(self.variant_decls(v)),
        };
        doc = doc
            .append(self.text("fact "))
            .append(self.name(&d.id))
            .append(self.text(": "))
            .append(ty);
        let mut props: Vec<(usize, Doc<'f>)> = Vec::new();
        for (keyword, b) in d
            .ask
            .iter()
            .map(|b| ("ask", b))
            .chain(d.help.iter().map(|b| ("help", b)))
        {
            let text = self
                .text("nl ")
                .append(self.string(&b.nl))
                .append(self.a.line())
                .append(self.text("en "))
                .append(self.string(&b.en))
                .align()
                .group();
            props.push((
                b.nl.span.start,
                self.text(format!("{keyword} ")).append(text),
            ));
        }
        if let Some(first) = d.follows.first() {
            let names = self.fill(d.follows.iter().map(|n| self.name(n))).align();
            props.push((first.span.start, self.text("follows ").append(names)));
        }
        props.sort_by_key(|(start, _)| *start);
        let mut body = self.nil();
        for (start, prop) in props {
            body = body.append(self.newline(start)).append(prop);
        }
        doc.append(body.nest(2))
    }

    pub(super) fn concept(&mut self, d: &ConceptDecl) -> Doc<'f> {
        let mut doc = self.docs(&d.docs);
        doc = doc.append(self.newline_if_pending(d.id.span.start));
        doc = doc.append(self.header("concept", &d.id, d.labels.as_ref(), " ="));
        let line = self.newline(d.expr.span.start);
        let mut body = line.append(self.condition(&d.expr, 0));
        if let Some(first) = d.cites.first() {
            body = body
                .append(self.newline(first.span.start))
                .append(self.text("cites "))
                .append(self.citations(&d.cites));
        }
        doc.append(body.nest(2))
    }

    pub(super) fn finding(&mut self, d: &FindingDecl) -> Doc<'f> {
        let mut doc = self.docs(&d.docs);
        doc = doc.append(self.newline_if_pending(d.id.span.start));
        doc = doc.append(self.header("finding", &d.id, Some(&d.labels), ""));
        let mut body = self.nil();
        for clause in &d.clauses {
            let (start, clause) = match clause {
                FindingClause::Cites { citations, span } => (
                    span.start,
                    self.text("cites ").append(self.citations(citations)),
                ),
                FindingClause::When { expr, span } => (
                    span.start,
                    self.text("when ").append(self.condition(expr, 2)),
                ),
                FindingClause::Case(case) => {
                    let head = self
                        .text("case ")
                        .append(self.name(&case.id))
                        .append(self.text(" "))
                        .append(self.labels(&case.labels).align().group());
                    let when = self
                        .newline(case.when.span.start)
                        .append(self.text("when "))
                        .append(self.condition(&case.when, 4));
                    (case.span.start, head.append(when.nest(2)))
                }
                FindingClause::See(t) => (t.span.start, self.text("see ").append(self.string(t))),
            };
            body = body.append(self.newline(start)).append(clause);
        }
        doc.append(body.nest(2))
    }

    pub(super) fn norm(&mut self, d: &NormDecl) -> Doc<'f> {
        let mut doc = self.docs(&d.docs);
        doc = doc.append(self.newline_if_pending(d.id.span.start));
        doc = doc.append(self.header("norm", &d.id, Some(&d.labels), ""));
        let mut body = self.nil();
        for clause in &d.clauses {
            body = body
                .append(self.newline(clause_start(clause)))
                .append(self.clause(clause));
        }
        doc.append(body.nest(2))
    }

    fn clause(&mut self, clause: &NormClause) -> Doc<'f> {
        match clause {
            NormClause::Cites { citations, .. } => {
                self.text("cites ").append(self.citations(citations))
            }
            NormClause::Applies { expr, .. } => {
                self.text("applies when ").append(self.condition(expr, 2))
            }
            NormClause::Requires { expr, .. } => {
                self.text("requires ").append(self.condition(expr, 2))
            }
            NormClause::Unless(e) => {
                let head = self
                    .text("unless ")
                    .append(self.labels(&e.labels).align().group());
                let mut body = self.nil();
                if let Some(first) = e.cites.first() {
                    body = body
                        .append(self.newline(first.span.start))
                        .append(self.text("cites "))
                        .append(self.citations(&e.cites));
                }
                body = body
                    .append(self.newline(e.when.span.start))
                    .append(self.text("when "))
                    .append(self.condition(&e.when, 2));
                head.append(body.nest(2))
            }
            NormClause::Judgement(j) => {
                let head = self
                    .text("judgement ")
                    .append(self.labels(&j.labels).align().group());
                let start = j.rests_on.first().map_or(j.span.start, |n| n.span.start);
                let names = self.fill(j.rests_on.iter().map(|n| self.name(n))).align();
                let mut body = self
                    .newline(start)
                    .append(self.text("rests on "))
                    .append(names);
                if let Some(settled) = &j.settled_by {
                    body = body
                        .append(self.newline(settled.span.start))
                        .append(self.text("settled by "))
                        .append(self.condition(settled, 2));
                }
                head.append(body.nest(2))
            }
            NormClause::InForce(date) => self.text(format!("in_force {}", date.text)),
            NormClause::Until(date) => self.text(format!("until {}", date.text)),
            NormClause::See(t) => self.text("see ").append(self.string(t)),
            NormClause::Guidance(t) => self.text("guidance ").append(self.string(t)),
            NormClause::Checked {
                certainty, source, ..
            } => self
                .text(format!("checked {} ", certainty.as_str()))
                .append(self.string(source)),
        }
    }

    pub(super) fn test(&mut self, d: &TestDecl) -> Doc<'f> {
        let mut doc = self.docs(&d.docs);
        doc = doc.append(self.newline_if_pending(d.name.span.start));
        doc = doc
            .append(self.text("test "))
            .append(self.string(&d.name))
            .append(self.text(" {"));
        let mut body = self.nil();
        if let Some(on) = &d.on {
            body = body
                .append(self.newline(on.span.start))
                .append(self.text(format!("on {}", on.text)));
        }
        if let Some(first) = d.given.first() {
            body = body
                .append(self.newline(first.fact.span.start))
                .append(self.text("given {"));
            let mut given = self.nil();
            for assignment in &d.given {
                let value = self.test_value(&assignment.value, assignment.value_span);
                given = given
                    .append(self.newline(assignment.fact.span.start))
                    .append(self.name(&assignment.fact))
                    .append(self.text(" = "))
                    .append(value);
            }
            let close = d
                .expectations
                .first()
                .map_or(d.span.end.saturating_sub(1), |e| e.span.start);
            body = body
                .append(given.append(self.flush(close)).nest(2))
                .append(self.a.hardline())
                .append(self.text("}"));
        }
        for expectation in &d.expectations {
            body = body
                .append(self.newline(expectation.span.start))
                .append(self.expectation(expectation));
        }
        let end = self.flush(d.span.end.saturating_sub(1));
        doc.append(body.append(end).nest(2))
            .append(self.a.hardline())
            .append(self.text("}"))
    }

    fn test_value(&self, value: &TestValue, span: Span) -> Doc<'f> {
        match value {
            TestValue::Literal(_) => self.slice(span),
            TestValue::Variant(name) => self.name(name),
            TestValue::List(names) => self
                .text("[")
                .append(self.fill(names.iter().map(|n| self.name(n))).align())
                .append(self.text("]")),
        }
    }

    fn expectation(&self, e: &Expectation) -> Doc<'f> {
        let mut doc = self
            .text("expect ")
            .append(self.name(&e.norm))
            .append(self.text(format!(" {}", outcome(e.outcome))));
        if let Some(case) = &e.case {
            doc = doc.append(self.text(" ")).append(self.name(case));
        }
        if let Some(asking) = &e.asking {
            let names = self.fill(asking.iter().map(|n| self.name(n))).align();
            doc = doc.append(self.text(" asking ")).append(names);
        }
        doc
    }
}

fn clause_start(clause: &NormClause) -> usize {
    match clause {
        NormClause::Cites { span, .. }
        | NormClause::Applies { span, .. }
        | NormClause::Requires { span, .. } => span.start,
        NormClause::Unless(e) => e.span.start,
        NormClause::Judgement(j) => j.span.start,
        NormClause::InForce(d) | NormClause::Until(d) => d.span.start,
        NormClause::See(t) | NormClause::Guidance(t) => t.span.start,
        NormClause::Checked { span, .. } => span.start,
    }
}
