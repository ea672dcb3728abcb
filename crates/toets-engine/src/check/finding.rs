//! Checking `finding` declarations: the conclusions a reader wants first.

use std::collections::HashSet;

use toets_syntax::ast::{self, FindingClause};

use super::{Checker, bilingual};
use crate::model::{Finding, FindingBody, FindingCase, Origin};

impl Checker<'_> {
    pub(super) fn finding(&mut self, file: usize, d: &ast::FindingDecl) -> Finding {
        let law = self.law_of(file, &d.id, "finding");
        let mut cites = Vec::new();
        let mut see = Vec::new();
        let mut when = None;
        let mut cases: Vec<FindingCase> = Vec::new();
        let mut case_ids: HashSet<&str> = HashSet::new();
        for clause in &d.clauses {
            match clause {
                FindingClause::Cites { citations, .. } => {
                    let mut c = self.citations(file, citations);
                    cites.append(&mut c);
                }
                FindingClause::See(t) => see.push(t.value.clone()),
                FindingClause::When { expr, span } => {
                    if when.is_some() {
                        self.structure(
                            file,
                            *span,
                            format!("finding `{}` has more than one `when` clause", d.id.text),
                            "repeated clause",
                            "combine the conditions into one with `and` or `or`",
                        );
                        continue;
                    }
                    when = Some(self.condition(file, expr));
                }
                FindingClause::Case(case) => {
                    if !case_ids.insert(case.id.text.as_str()) {
                        self.structure(
                            file,
                            case.id.span,
                            format!(
                                "finding `{}` has two cases named `{}`",
                                d.id.text, case.id.text
                            ),
                            "named again",
                            "give each case its own name",
                        );
                        continue;
                    }
                    let condition = self.condition(file, &case.when);
                    cases.push(FindingCase {
                        id: case.id.text.clone(),
                        labels: bilingual(&case.labels),
                        when: condition,
                    });
                }
            }
        }
        if cites.is_empty() {
            self.structure(
                file,
                d.id.span,
                format!("finding `{}` cites no article", d.id.text),
                "no `cites` clause",
                "every finding cites the provisions that define it, e.g. `cites aia art 6(2)`",
            );
        }
        let body = match (when, cases.is_empty()) {
            (Some(w), true) => FindingBody::When(w),
            (None, false) => FindingBody::Cases(cases),
            (Some(w), false) => {
                self.structure(
                    file,
                    d.id.span,
                    format!("finding `{}` has both `when` and `case`", d.id.text),
                    "give one of the two",
                    "a finding either holds `when ...`, or takes the first of its `case`s that holds",
                );
                FindingBody::When(w)
            }
            (None, true) => {
                self.structure(
                    file,
                    d.id.span,
                    format!("finding `{}` says nothing", d.id.text),
                    "no `when` or `case` clause",
                    "add `when CONDITION`, or cases: `case name \"...\" / \"...\" when CONDITION`",
                );
                FindingBody::Cases(Vec::new())
            }
        };
        Finding {
            id: d.id.text.clone(),
            law,
            labels: bilingual(&d.labels),
            cites,
            body,
            see,
            docs: d.docs.clone(),
            origin: Origin {
                file,
                span: d.id.span,
            },
        }
    }
}
