//! Counting a run's mutants: in all, per file, per owner, per operator.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Mutant, Report, Status};

/// How many mutants ended how.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Killed by a test.
    pub killed: usize,
    /// No test noticed them.
    pub survived: usize,
    /// The mutated rules did not check.
    pub invalid: usize,
    /// Survived, and marked equivalent in the rule file.
    pub equivalent: usize,
}

impl Tally {
    fn add(&mut self, status: &Status) {
        match status {
            Status::Killed { .. } => self.killed += 1,
            Status::Survived => self.survived += 1,
            Status::Invalid { .. } => self.invalid += 1,
            Status::Equivalent { .. } => self.equivalent += 1,
        }
    }

    /// Every mutant counted.
    pub fn total(&self) -> usize {
        self.killed + self.survived + self.invalid + self.equivalent
    }

    /// Killed among killed and survived, in percent; `None` if there are none.
    /// Invalid and equivalent mutants do not count either way.
    pub fn score(&self) -> Option<f64> {
        let judged = self.killed + self.survived;
        #[expect(
            clippy::cast_precision_loss,
            reason = "mutant counts are far below 2^52"
        )]
        (judged > 0).then(|| 100.0 * self.killed as f64 / judged as f64)
    }
}

/// The tally of the mutants that share a file, owner or operator.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    /// The file, owner or operator.
    pub name: String,
    /// Its mutants.
    #[serde(flatten)]
    pub tally: Tally,
    /// Its score (see [`Tally::score`]).
    pub score: Option<f64>,
}

fn groups<'m>(mutants: impl Iterator<Item = (String, &'m Mutant)>) -> Vec<Group> {
    let mut map: BTreeMap<String, Tally> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for (key, m) in mutants {
        let tally = map.entry(key.clone()).or_insert_with(|| {
            order.push(key);
            Tally::default()
        });
        tally.add(&m.status);
    }
    order
        .into_iter()
        .filter_map(|name| {
            let tally = *map.get(&name)?;
            Some(Group {
                name,
                score: tally.score(),
                tally,
            })
        })
        .collect()
}

impl Report {
    /// All mutants.
    pub fn tally(&self) -> Tally {
        let mut t = Tally::default();
        for m in &self.mutants {
            t.add(&m.status);
        }
        t
    }

    /// Per file, in file order.
    pub fn by_file(&self) -> Vec<Group> {
        groups(self.mutants.iter().map(|m| (m.file.clone(), m)))
    }

    /// Per norm, concept or finding, in source order.
    pub fn by_owner(&self) -> Vec<Group> {
        groups(self.mutants.iter().map(|m| (m.owner.clone(), m)))
    }

    /// Per operator, in the order of [`super::Operator::ALL`].
    pub fn by_operator(&self) -> Vec<Group> {
        let mut sorted: Vec<&Mutant> = self.mutants.iter().collect();
        sorted.sort_by_key(|m| m.operator);
        groups(
            sorted
                .into_iter()
                .map(|m| (m.operator.name().to_owned(), m)),
        )
    }

    /// The mutants that survived.
    pub fn survivors(&self) -> impl Iterator<Item = &Mutant> {
        self.mutants.iter().filter(|m| m.status == Status::Survived)
    }
}
