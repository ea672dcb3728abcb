//! Rule sets that check but say nothing, or contradict themselves: a law or
//! norm never in force, a fact declared beside one of its own parts, two
//! tests of one name, a test that expects one norm twice.

use std::collections::HashMap;

use jiff::civil::Date;
use toets_syntax::Span;
use toets_syntax::ast;

use super::Checker;

impl Checker<'_> {
    /// `until` before `in_force`: the declaration would never be in force.
    pub(super) fn never_in_force(
        &mut self,
        file: usize,
        what: &str,
        id: &str,
        from: Date,
        to: Date,
        until: Span,
    ) {
        if to < from {
            self.structure(
                file,
                until,
                format!(
                    "{what} `{id}` is never in force: `until {to}` is before `in_force {from}`"
                ),
                "before its `in_force`",
                "`until` is the last day it applies: give a date on or after `in_force`",
            );
        }
    }

    /// A fact `a` beside a fact `a.b`: a description could not give both
    /// (`a: true` and `a: {b: ...}` are the same key).
    pub(super) fn no_fact_beside_its_part(&mut self, facts: &[(usize, &ast::FactDecl)]) {
        let ids: HashMap<&str, ()> = facts
            .iter()
            .map(|(_, d)| (d.id.text.as_str(), ()))
            .collect();
        for &(file, d) in facts {
            let id = d.id.text.as_str();
            let parent = id
                .match_indices('.')
                .map(|(i, _)| id.get(..i).unwrap_or_default())
                .find(|prefix| ids.contains_key(prefix));
            if let Some(parent) = parent {
                self.structure(
                    file,
                    d.id.span,
                    format!("fact `{id}` is declared beside fact `{parent}`"),
                    "a part of another fact",
                    &format!(
                        "a description cannot give both `{parent}` and `{id}`: rename one of them"
                    ),
                );
            }
        }
    }

    /// Two tests of one name: a failure could not say which one failed.
    pub(super) fn test_names_unique(&mut self, tests: &[(usize, &ast::TestDecl)]) {
        let mut seen: HashMap<&str, ()> = HashMap::new();
        for &(file, d) in tests {
            if seen.insert(d.name.value.as_str(), ()).is_some() {
                self.structure(
                    file,
                    d.name.span,
                    format!("a second test is named `{}`", d.name.value),
                    "name used before",
                    "give each test its own name, so a failure says which one failed",
                );
            }
        }
    }
}
