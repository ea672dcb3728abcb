//! The translation of the tree's answers into facts of the AI Act rules.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use toets_engine::model::FactType;
use toets_engine::{RuleSet, Value};

use super::*;

/// A fact value in the translation table.
#[derive(Debug, Clone, Copy)]
pub(crate) enum V {
    /// A `bool` fact.
    B(bool),
    /// A value of a `one of` fact.
    One(&'static str),
    /// Values of a `set of` fact; sets from several answers are joined.
    Set(&'static [&'static str]),
    /// A `number` fact.
    N(f64),
    /// A `date` fact, `YYYY-MM-DD`.
    D(&'static str),
}

pub(crate) type Facts = &'static [(&'static str, V)];

/// Facts every path starts from. The decision aid is written for government organisations, so
/// `public_body` holds. The compliance facts of the transparency and general-purpose AI duties
/// are false ("nothing done yet"), so that a duty that applies shows as violated and one taken
/// away by an exception as not applicable.
pub(crate) const BASE: Facts = &[
    ("public_body", V::B(true)),
    ("transparency.interaction_disclosed", V::B(false)),
    ("transparency.output_marked", V::B(false)),
    ("transparency.exposed_persons_informed", V::B(false)),
    ("transparency.deep_fake_disclosed", V::B(false)),
    ("transparency.text_disclosed", V::B(false)),
    ("gpai.technical_documentation", V::B(false)),
    ("gpai.copyright_policy", V::B(false)),
    ("gpai.training_summary", V::B(false)),
    ("gpai.systemic_risk_measures", V::B(false)),
];

/// None of the prohibited practices other than real-time remote biometric identification
/// (question 2.1 "no", or question 2.2 "an exception applies").
pub(crate) const NO_OTHER_PROHIBITED: Facts = &[
    ("manipulation.techniques", V::B(false)),
    ("manipulation.exploits_vulnerabilities", V::B(false)),
    ("scoring.over_time", V::B(false)),
    ("crime_prediction.offence_risk", V::B(false)),
    ("biometric.face_database", V::B(false)),
    ("intimate_imagery.kinds", V::Set(&[])),
];

/// Not an operator that could become provider under Article 25.
pub(crate) const NO_ART25: Facts = &[
    ("provider.own_name_on_system", V::B(false)),
    ("provider.substantial_modification", V::B(false)),
    ("provider.purpose_changed", V::B(false)),
];

/// Question id, answer (exactly as in the tree), and the facts that answer states. Where a
/// question asks whether any of several cases applies (a prohibited practice, an Annex III
/// area, a transparency function), "yes" is translated into one representative case that a
/// municipality meets; the choice is explained in docs/conformance.md.
pub(crate) const TRANSLATION: &[(&str, &str, &[Facts])] = &[
    // 1.1 Does the application contain an algorithm?
    ("1.1", "Ja", &[]),
    (
        "1.1",
        "Nee",
        &[&[
            ("logic", V::One("basic_data_processing")),
            ("gpai.model", V::B(false)),
            ("gpai.system", V::B(false)),
        ]],
    ),
    // 1.2 Who develops and who uses it?
    (
        "1.2",
        "We ontwikkelen enkel",
        &[&[("role", V::One("provider"))]],
    ),
    (
        "1.2",
        "We ontwikkelen, maar gebruiken het niet alleen zelf",
        &[&[("role", V::One("provider_and_deployer"))]],
    ),
    (
        "1.2",
        "We ontwikkelen en gebruiken het zelf",
        &[&[("role", V::One("provider_and_deployer"))]],
    ),
    (
        "1.2",
        "We hebben opdracht gegeven om de toepassing te ontwikkelen",
        &[&[("role", V::One("provider"))]],
    ),
    (
        "1.2",
        "We gebruiken een extern ontwikkelde toepassing zonder aanpassingen",
        &[&[("role", V::One("deployer"))], NO_ART25],
    ),
    (
        "1.2",
        "We gebruiken een extern ontwikkelde toepassing met aanpassingen",
        &[&[
            ("role", V::One("deployer")),
            ("provider.substantial_modification", V::B(true)),
        ]],
    ),
    // Importing and reselling are placing on the market against a price: a monetised system
    // does not count as released under a free and open-source licence (recital 103).
    (
        "1.2",
        "We importeren van een leverancier buiten de EU",
        &[
            &[
                ("role", V::One("importer")),
                ("ai.open_source", V::B(false)),
            ],
            NO_ART25,
        ],
    ),
    (
        "1.2",
        "We kopen van een leverancier binnen de EU en verkopen het",
        &[
            &[
                ("role", V::One("distributor")),
                ("ai.open_source", V::B(false)),
            ],
            NO_ART25,
        ],
    ),
    (
        "1.2",
        "Geen van bovenstaande",
        &[&[("role", V::One("none_of_these"))]],
    ),
    // 1.3 In use or in development? Only the dates of the duties depend on it.
    (
        "1.3",
        "In gebruik",
        &[&[("placed_in_service", V::D("2025-06-01"))]],
    ),
    (
        "1.3",
        "In ontwikkeling",
        &[&[("placed_in_service", V::D("2028-06-01"))]],
    ),
    // 1.4.1 Is it an AI system? "Yes" stands for the techniques the aid lists as always in
    // (machine learning, logic- and knowledge-based); learning from data represents them.
    (
        "1.4.1",
        "Ja, het is een AI-systeem",
        &[&[
            ("logic", V::One("learned_from_data")),
            ("gpai.model", V::B(false)),
            ("gpai.system", V::B(false)),
        ]],
    ),
    ("1.4.1", "Nee, het is geen AI-systeem", &[]),
    (
        "1.4.1",
        "Ik weet het niet",
        &[&[("gpai.model", V::B(false)), ("gpai.system", V::B(false))]],
    ),
    // 1.4.2 A general-purpose AI model or system? Such models are trained on large amounts of
    // data (art 3(63)); a general-purpose AI system is an AI system built on one (art 3(66)).
    (
        "1.4.2",
        "AI-systeem voor algemene doeleinden",
        &[&[
            ("logic", V::One("learned_from_data")),
            ("gpai.system", V::B(true)),
            ("gpai.model", V::B(false)),
        ]],
    ),
    (
        "1.4.2",
        "AI-model voor algemene doeleinden",
        // A general-purpose AI model is trained on data (art 3(63)): its logic is learned.
        &[&[
            ("logic", V::One("learned_from_data")),
            ("gpai.model", V::B(true)),
            ("gpai.system", V::B(false)),
        ]],
    ),
    (
        "1.4.2",
        "Geen van bovenstaande",
        &[&[
            ("logic", V::One("basic_data_processing")),
            ("gpai.model", V::B(false)),
            ("gpai.system", V::B(false)),
        ]],
    ),
    // 1.5 An exclusion of Article 2? "Yes": exclusively military use, the first one listed.
    (
        "1.5",
        "Ja",
        &[&[(
            "exclusion.grounds",
            V::Set(&["military_defence_national_security"]),
        )]],
    ),
    ("1.5", "Nee", &[&[("exclusion.grounds", V::Set(&[]))]]),
    // 1.6.1-1.6.3 The three questions for "I don't know" at 1.4.1.
    (
        "1.6.1",
        "Ja",
        &[&[("logic", V::One("human_written_rules_only"))]],
    ),
    ("1.6.1", "Nee", &[]),
    ("1.6.2", "Ja", &[&[("logic", V::One("other_inference"))]]),
    (
        "1.6.2",
        "Nee",
        &[&[("logic", V::One("basic_data_processing"))]],
    ),
    (
        "1.6.3",
        "Ja",
        &[&[("ai.influences_environment", V::B(true))]],
    ),
    (
        "1.6.3",
        "Nee",
        &[&[("ai.influences_environment", V::B(false))]],
    ),
    ("2.0", "Naar risicogroep bepaling", &[]),
    // 2.1 A prohibited practice? "Yes": real-time remote biometric identification in a public
    // space for law enforcement, the only practice question 2.2's exceptions belong to.
    (
        "2.1",
        "Ja",
        &[&[
            ("purpose", V::Set(&["law_enforcement"])),
            ("public_space", V::B(true)),
            (
                "biometric_capabilities",
                V::Set(&["remote_identification", "real_time"]),
            ),
        ]],
    ),
    (
        "2.1",
        "Nee",
        &[
            NO_OTHER_PROHIBITED,
            &[("biometric_capabilities", V::Set(&[]))],
        ],
    ),
    // 2.2 One of the two exceptions? "Yes": locating a suspect of a serious offence, with every
    // condition of art 5(2)-(7) met.
    (
        "2.2",
        "Ja",
        &[
            NO_OTHER_PROHIBITED,
            &[
                ("rbi.objective", V::One("suspect_location")),
                ("rbi.offence_in_annex_ii", V::B(true)),
                ("rbi.max_sentence_years", V::N(8.0)),
                ("rbi.strictly_necessary", V::B(true)),
                ("rbi.national_law", V::B(true)),
                ("rbi.authorised", V::B(true)),
                ("rbi.registered", V::B(true)),
                ("fria.performed", V::B(true)),
            ],
        ],
    ),
    (
        "2.2",
        "Nee",
        &[&[("rbi.objective", V::One("other_objective"))]],
    ),
    // 2.3 Annex I. Section B legislation (vehicles, aviation, rail, marine equipment) works
    // with type approval or certification by a third party, so "section B" includes it.
    (
        "2.3",
        "Ja Sectie A van Bijlage I",
        &[&[("annex1.legislation", V::One("section_a"))]],
    ),
    (
        "2.3",
        "Ja Sectie B van Bijlage I",
        &[&[
            ("annex1.legislation", V::One("section_b")),
            ("annex1.third_party_assessment", V::B(true)),
        ]],
    ),
    (
        "2.3",
        "Geen van beide",
        &[&[("annex1.legislation", V::One("neither"))]],
    ),
    // 2.4 Annex III? "Yes": point 5(a), eligibility for public assistance benefits.
    (
        "2.4",
        "Ja",
        &[&[
            ("public_assistance_benefits", V::B(true)),
            ("purpose", V::Set(&["eligibility"])),
        ]],
    ),
    (
        "2.4",
        "Nee",
        &[&[
            ("public_assistance_benefits", V::B(false)),
            ("biometric_capabilities", V::Set(&[])),
            ("annex3.areas", V::Set(&[])),
        ]],
    ),
    // 2.5 Profiling of natural persons?
    (
        "2.5",
        "Ja",
        &[&[
            ("processes_personal_data", V::B(true)),
            ("individual_score", V::B(true)),
        ]],
    ),
    ("2.5", "Nee", &[&[("individual_score", V::B(false))]]),
    // 2.6 The derogation of art 6(3)?
    ("2.6", "Ja", &[&[("derogation_art6_3", V::B(true))]]),
    ("2.6", "Nee", &[&[("derogation_art6_3", V::B(false))]]),
    // 2.7.1 Third-party conformity assessment of the Annex I product (art 6(1)(b)).
    (
        "2.7.1",
        "Ja",
        &[&[("annex1.third_party_assessment", V::B(true))]],
    ),
    (
        "2.7.1",
        "Nee",
        &[&[("annex1.third_party_assessment", V::B(false))]],
    ),
    // 2.7.2 Third-party assessment for an Annex III system (art 43(1)): decides the conformity
    // route only, not the classification.
    ("2.7.2", "Ja", &[]),
    ("2.7.2", "Nee", &[]),
    // 2.8 Systemic risk: more than 10^25 FLOPs (art 51(2)).
    (
        "2.8",
        "Ja",
        &[&[("gpai.compute_above_threshold", V::B(true))]],
    ),
    (
        "2.8",
        "Nee",
        &[&[
            ("gpai.compute_above_threshold", V::B(false)),
            ("gpai.commission_designation", V::B(false)),
        ]],
    ),
    // 2.9 Transparency duties? "Yes": a generator of synthetic content that includes deep
    // fakes, which gives providers (art 50(2)) and deployers (art 50(4)) a duty.
    (
        "2.9",
        "Ja",
        &[&[
            (
                "transparency.functions",
                V::Set(&["generates_synthetic_content", "deep_fake"]),
            ),
            ("transparency.standard_editing_only", V::B(false)),
        ]],
    ),
    (
        "2.9",
        "Nee",
        &[&[
            ("transparency.functions", V::Set(&[])),
            ("biometric_capabilities", V::Set(&[])),
        ]],
    ),
    // 2.10 An exception to the transparency duties: authorised by law for criminal law
    // enforcement.
    (
        "2.10",
        "Ja",
        &[&[("transparency.law_enforcement_authorised", V::B(true))]],
    ),
    (
        "2.10",
        "Nee",
        &[&[("transparency.law_enforcement_authorised", V::B(false))]],
    ),
    // 2.11 Released under a free and open-source licence?
    ("2.11", "Ja", &[&[("ai.open_source", V::B(true))]]),
    ("2.11", "Nee", &[&[("ai.open_source", V::B(false))]]),
];

/// The date of evaluation: every duty of the Act is in force, including the end of the grace
/// for existing public-authority systems (2 August 2030), so the comparison is about
/// classification, not about dates.
pub(crate) const EVALUATION_DATE: &str = "2030-09-01";

/// Every answer of the tree has a row in the table, and every row an answer.
pub(crate) fn check_table_covers_tree(tree: &Tree) {
    let in_tree: BTreeSet<(String, String)> = tree
        .questions
        .values()
        .flat_map(|q| {
            q.answers
                .iter()
                .map(|a| (q.id.clone(), a.answer.clone()))
                .collect::<Vec<_>>()
        })
        .collect();
    let in_table: BTreeSet<(String, String)> = TRANSLATION
        .iter()
        .map(|(q, a, _)| ((*q).to_owned(), (*a).to_owned()))
        .collect();
    let missing: Vec<_> = in_tree.difference(&in_table).collect();
    let stale: Vec<_> = in_table.difference(&in_tree).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "translation table out of step with the tree: answers without a row {missing:?}; rows without an answer {stale:?}"
    );
}

// ------------------------------------------------------------------ translating a path

pub(crate) struct Translator<'r> {
    pub(crate) rules: &'r RuleSet,
    pub(crate) rows: HashMap<(&'static str, &'static str), &'static [Facts]>,
}

impl<'r> Translator<'r> {
    pub(crate) fn new(rules: &'r RuleSet) -> Self {
        let rows = TRANSLATION
            .iter()
            .map(|(q, a, facts)| ((*q, *a), *facts))
            .collect();
        let t = Translator { rules, rows };
        // Every fact named in the table exists and every value fits its type.
        for facts in TRANSLATION
            .iter()
            .flat_map(|(_, _, f)| f.iter())
            .chain([&BASE])
        {
            for (name, v) in *facts {
                let _ = t.value(name, *v);
            }
        }
        t
    }

    pub(crate) fn id(&self, name: &str) -> toets_engine::model::FactId {
        self.rules
            .fact_id(name)
            .unwrap_or_else(|| panic!("fact `{name}` is not declared in the built-in rules"))
    }

    pub(crate) fn value(&self, name: &str, v: V) -> Value {
        let fact = self
            .rules
            .facts()
            .iter()
            .find(|f| f.id == name)
            .unwrap_or_else(|| panic!("fact `{name}` is not declared in the built-in rules"));
        let fits = |x: &str| fact.ty.variants().iter().any(|y| y == x);
        match (v, &fact.ty) {
            (V::B(b), FactType::Bool) => Value::Bool(b),
            (V::N(n), FactType::Number) => Value::Number(n),
            (V::D(d), FactType::Date) => Value::Date(
                d.parse()
                    .unwrap_or_else(|e| panic!("bad date {d} for `{name}`: {e}")),
            ),
            (V::One(x), FactType::OneOf(_)) if fits(x) => Value::Text(x.to_owned()),
            (V::Set(xs), FactType::SetOf(_)) if xs.iter().all(|x| fits(x)) => {
                let set: BTreeSet<String> = xs.iter().map(|x| (*x).to_owned()).collect();
                Value::Set(set.into_iter().collect())
            }
            _ => panic!(
                "value {v:?} does not fit fact `{name}`: {}",
                fact.ty.describe()
            ),
        }
    }

    /// The facts a path states, in name order. Sets from several answers are joined; any
    /// other fact given twice must be given the same value.
    pub(crate) fn facts(&self, path: &TreePath) -> BTreeMap<String, Value> {
        let mut out: BTreeMap<String, Value> = BTreeMap::new();
        let rows = path.answers.iter().map(|(q, a)| {
            self.rows
                .get(&(q.as_str(), a.as_str()))
                .copied()
                .unwrap_or_else(|| panic!("no translation for question {q}, answer {a:?}"))
        });
        let all = std::iter::once(&[BASE][..]).chain(rows);
        for facts in all.flat_map(|r| r.iter()) {
            for (name, v) in *facts {
                let value = self.value(name, *v);
                match (out.get_mut(*name), value) {
                    (None, value) => {
                        out.insert((*name).to_owned(), value);
                    }
                    (Some(Value::Set(old)), Value::Set(new)) => {
                        let joined: BTreeSet<String> = old.drain(..).chain(new).collect();
                        *old = joined.into_iter().collect();
                    }
                    (Some(old), value) if *old == value => {}
                    (Some(old), value) => panic!(
                        "the answers of {} give `{name}` two values: {old} and {value}",
                        path.describe()
                    ),
                }
            }
        }
        out
    }
}

// ------------------------------------------------------------------ the two classifications
