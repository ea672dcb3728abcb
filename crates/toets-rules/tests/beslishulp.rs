//! Conformance of the built-in AI Act rules with the "Beslishulp AI-verordening", the AI Act
//! decision aid of the Dutch Ministry of the Interior (MinBZK).
//!
//! The decision tree is read from `../shared/peers/beslishulp/decision-tree.yaml`, relative to
//! the repository root. Every path from the first question to a conclusion is walked; the
//! answers along the path are translated into facts of the AI Act rules (the table
//! [`TRANSLATION`]), the built-in rules are evaluated, and toets's classification (AI system or
//! not, whether the Act applies, the role, prohibited / high-risk / transparency duties, the
//! category of a general-purpose AI model) is compared with the labels and the conclusion the
//! tree reaches. Every difference must be one that `docs/conformance.md` documents, with its
//! legal reason: the set of differing paths must be exactly the documented set, so that a
//! regression in the rules (or a change in the tree) fails the test.
//!
//! Without the tree the test is skipped, unless `CI=true`, where a missing tree fails it.

#![expect(
    clippy::panic,
    reason = "a test reports a broken tree, table or rule set by failing"
)]

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::PathBuf;

use saphyr_parser::{Event, Parser};
use toets_engine::model::FactType;
use toets_engine::{Description, EvalOptions, Outcome, RuleSet, Value, Verdict};
use toets_syntax::SourceFile;

// ------------------------------------------------------------------ the translation table

/// A fact value in the translation table.
#[derive(Debug, Clone, Copy)]
enum V {
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

type Facts = &'static [(&'static str, V)];

/// Facts every path starts from. The decision aid is written for government organisations, so
/// `public_body` holds. The compliance facts of the transparency and general-purpose AI duties
/// are false ("nothing done yet"), so that a duty that applies shows as violated and one taken
/// away by an exception as not applicable.
const BASE: Facts = &[
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
const NO_OTHER_PROHIBITED: Facts = &[
    ("manipulation.techniques", V::B(false)),
    ("manipulation.exploits_vulnerabilities", V::B(false)),
    ("scoring.over_time", V::B(false)),
    ("crime_prediction.offence_risk", V::B(false)),
    ("biometric.face_database", V::B(false)),
    ("ai.intimate_imagery", V::B(false)),
];

/// Not an operator that could become provider under Article 25.
const NO_ART25: Facts = &[
    ("provider.own_name_on_system", V::B(false)),
    ("provider.substantial_modification", V::B(false)),
    ("provider.purpose_changed", V::B(false)),
];

/// Question id, answer (exactly as in the tree), and the facts that answer states. Where a
/// question asks whether any of several cases applies (a prohibited practice, an Annex III
/// area, a transparency function), "yes" is translated into one representative case that a
/// municipality meets; the choice is explained in docs/conformance.md.
const TRANSLATION: &[(&str, &str, &[Facts])] = &[
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
        &[&[("gpai.model", V::B(true)), ("gpai.system", V::B(false))]],
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
const EVALUATION_DATE: &str = "2030-09-01";

// ------------------------------------------------------------------ documented differences

/// What is compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Dim {
    /// AI system, general-purpose AI model, or neither.
    Kind,
    /// Whether the Act applies to the organisation for this application.
    Applies,
    /// Provider, deployer, importer, distributor.
    Role,
    /// A prohibited practice.
    Prohibited,
    /// High-risk.
    HighRisk,
    /// Transparency duties of Article 50.
    Transparency,
    /// The category of a general-purpose AI model.
    Gpai,
}

/// A difference documented in docs/conformance.md: its id, the dimensions it may affect, and
/// the number of paths it covers (pinned, so that a change is noticed and the document kept
/// in step).
struct Documented {
    id: &'static str,
    dims: &'static [Dim],
    paths: usize,
}

const DOCUMENTED: &[Documented] = &[
    Documented {
        id: "D1",
        dims: &[Dim::HighRisk, Dim::Applies],
        paths: 228,
    },
    Documented {
        id: "D2",
        dims: &[Dim::HighRisk, Dim::Applies],
        paths: 216,
    },
    Documented {
        id: "D3",
        dims: &[Dim::Role, Dim::Gpai],
        paths: 192,
    },
    Documented {
        id: "D4",
        dims: &[Dim::Applies],
        paths: 180,
    },
    Documented {
        id: "D5",
        dims: &[Dim::HighRisk],
        paths: 12,
    },
    Documented {
        id: "D6",
        dims: &[Dim::Applies],
        paths: 4,
    },
];

/// The documented differences a path falls under, decided from the tree's side only.
fn documented(path: &TreePath, tree: &TreeView) -> Vec<&'static str> {
    let answered = |q: &str, a: &str| path.answers.iter().any(|(x, y)| x == q && y == a);
    let asked = |q: &str| path.answers.iter().any(|(x, _)| x == q);
    let importer_or_distributor = matches!(tree.family, 15 | 16);
    let mut out = Vec::new();
    // D1: Annex I section A without a third-party conformity assessment (art 6(1)(b)).
    let d1 = answered("2.3", "Ja Sectie A van Bijlage I")
        && (answered("2.7.1", "Nee") || !asked("2.7.1"));
    if d1 {
        out.push("D1");
    }
    // D2: a permitted real-time remote biometric identification is always Annex III 1(a).
    let d2 = answered("2.2", "Ja") && answered("2.4", "Nee");
    if d2 {
        out.push("D2");
    }
    // D5: importers and distributors of a permitted real-time identification system: the tree
    // concludes high-risk without asking about profiling and the art 6(3) derogation.
    let d5 = answered("2.2", "Ja") && importer_or_distributor;
    if d5 {
        out.push("D5");
    }
    // D3: a deployer that adapts an external system becomes its provider only under art 25,
    // which needs a high-risk system that toets can establish.
    let adapted = answered(
        "1.2",
        "We gebruiken een extern ontwikkelde toepassing met aanpassingen",
    );
    if adapted && tree.applies == Some(true) && (tree.high_risk != Some(true) || d1 || d5) {
        out.push("D3");
    }
    // D4: an open-source system with a function of art 50 whose duty a law-enforcement
    // exception removes: toets keeps the Act applicable (art 2(12) read literally).
    if answered("2.11", "Ja") && answered("2.10", "Ja") && !d2 {
        out.push("D4");
    }
    // D6: importers and distributors of a general-purpose AI model are not asked about the
    // exclusions of art 2 (the tree goes from 1.4.2 straight to a conclusion).
    if importer_or_distributor && tree.kind == Some(Kind::GpaiModel) {
        out.push("D6");
    }
    out
}

// ------------------------------------------------------------------ the test

#[test]
fn beslishulp_conformance() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = root.join("../shared/peers/beslishulp");
    let file = dir.join("decision-tree.yaml");
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    let text = match std::fs::read_to_string(&file) {
        Ok(text) => text,
        Err(e) if !ci => {
            println!(
                "skipped: the Beslishulp decision tree is not available at {} ({e})",
                file.display()
            );
            return;
        }
        Err(e) => panic!(
            "CI=true and the Beslishulp decision tree is missing at {}: {e}",
            file.display()
        ),
    };
    let tree = Tree::parse(&text);
    let paths = tree.paths();
    assert!(
        paths.len() > 100,
        "expected the full tree, found {} paths",
        paths.len()
    );
    check_table_covers_tree(&tree);

    let rules = compile_rules();
    let translator = Translator::new(&rules);
    let date: jiff::civil::Date = EVALUATION_DATE
        .parse()
        .unwrap_or_else(|e| panic!("bad evaluation date: {e}"));
    let mut options = EvalOptions::on(date);
    options.laws = vec!["aia".to_owned()];

    // Translate every path; paths with the same facts are evaluated once, on all cores.
    let given: Vec<(String, BTreeMap<String, Value>)> = paths
        .iter()
        .map(|path| {
            let facts = translator.facts(path);
            let key = facts
                .iter()
                .map(|(name, v)| format!("{name}={v}"))
                .collect::<Vec<_>>()
                .join(";");
            (key, facts)
        })
        .collect();
    let jobs: BTreeMap<&str, &BTreeMap<String, Value>> =
        given.iter().map(|(k, f)| (k.as_str(), f)).collect();
    let jobs: Vec<(&str, &BTreeMap<String, Value>)> = jobs.into_iter().collect();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    let views: HashMap<&str, ToetsView> = std::thread::scope(|scope| {
        let handles: Vec<_> = jobs
            .chunks(jobs.len().div_ceil(threads).max(1))
            .map(|part| {
                let (rules, translator, options) = (&rules, &translator, &options);
                scope.spawn(move || {
                    part.iter()
                        .map(|(key, facts)| (*key, evaluate(rules, translator, options, facts)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join()
                    .unwrap_or_else(|_| panic!("an evaluation thread failed"))
            })
            .collect()
    });

    let mut agreeing = 0usize;
    let mut per_conclusion: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut per_cause: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut per_combination: BTreeMap<String, usize> = BTreeMap::new();
    let mut unexplained = String::new();
    let mut over_documented = String::new();
    for (path, (key, _)) in paths.iter().zip(&given) {
        let view = views
            .get(key.as_str())
            .unwrap_or_else(|| panic!("no evaluation for {}", path.describe()));
        let expected = TreeView::of(path);
        let differing = compare(&expected, view);
        let causes = documented(path, &expected);
        let entry = per_conclusion.entry(path.conclusion.clone()).or_default();
        entry.1 += 1;
        if differing.is_empty() {
            agreeing += 1;
            entry.0 += 1;
            if !causes.is_empty() {
                let _ = writeln!(
                    over_documented,
                    "  {causes:?} documented but toets agrees: {}",
                    path.describe()
                );
            }
            continue;
        }
        let allowed: BTreeSet<Dim> = DOCUMENTED
            .iter()
            .filter(|d| causes.contains(&d.id))
            .flat_map(|d| d.dims.iter().copied())
            .collect();
        if causes.is_empty() || !differing.iter().all(|d| allowed.contains(d)) {
            let _ = writeln!(
                unexplained,
                "  {}\n    differs in {differing:?} (documented: {causes:?})\n    tree:  {expected:?}\n    toets: {view:?}",
                path.describe()
            );
        }
        *per_combination
            .entry(format!("{} in {differing:?}", causes.join("+")))
            .or_default() += 1;
        for c in causes {
            *per_cause.entry(c).or_default() += 1;
        }
    }

    let outcomes_agreeing = per_conclusion.values().filter(|(a, n)| a == n).count();
    let outcomes_reached = per_conclusion.values().filter(|(a, _)| *a > 0).count();
    println!(
        "Beslishulp AI-verordening: {agreeing} of {} paths agree ({} evaluations); distinct conclusions: {outcomes_agreeing} of {} agree on every path, {outcomes_reached} of {} on at least one",
        paths.len(),
        views.len(),
        per_conclusion.len(),
        per_conclusion.len()
    );
    for (conclusion, (a, n)) in &per_conclusion {
        if a != n {
            println!("  conclusion {conclusion}: {a} of {n} paths agree");
        }
    }
    for d in DOCUMENTED {
        println!(
            "  documented difference {}: {} paths",
            d.id,
            per_cause.get(d.id).copied().unwrap_or(0)
        );
    }
    for (combination, n) in &per_combination {
        println!("  paths differing for {combination}: {n}");
    }
    assert!(
        unexplained.is_empty(),
        "paths that differ without a documented reason:\n{unexplained}"
    );
    assert!(
        over_documented.is_empty(),
        "paths documented as differing where toets agrees:\n{over_documented}"
    );
    for d in DOCUMENTED {
        let n = per_cause.get(d.id).copied().unwrap_or(0);
        assert_eq!(
            n, d.paths,
            "documented difference {} covers {n} paths, docs/conformance.md says {}",
            d.id, d.paths
        );
    }
}

/// Evaluates the facts of a path and reads toets's classification from the verdict.
fn evaluate(
    rules: &RuleSet,
    translator: &Translator<'_>,
    options: &EvalOptions,
    facts: &BTreeMap<String, Value>,
) -> ToetsView {
    let values: Vec<_> = facts
        .iter()
        .map(|(name, v)| (translator.id(name), v.clone()))
        .collect();
    let description = Description::from_values(rules, &values);
    let verdict = rules
        .evaluate(&description, options)
        .unwrap_or_else(|e| panic!("evaluation failed: {e}"));
    ToetsView::read(&verdict, facts)
}

fn compile_rules() -> RuleSet {
    let sources = toets_rules::BUILTIN
        .iter()
        .map(|(name, text)| SourceFile::new(*name, *text))
        .collect();
    RuleSet::compile(sources).unwrap_or_else(|e| panic!("the built-in rules do not compile: {e}"))
}

/// Every answer of the tree has a row in the table, and every row an answer.
fn check_table_covers_tree(tree: &Tree) {
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

struct Translator<'r> {
    rules: &'r RuleSet,
    rows: HashMap<(&'static str, &'static str), &'static [Facts]>,
}

impl<'r> Translator<'r> {
    fn new(rules: &'r RuleSet) -> Self {
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

    fn id(&self, name: &str) -> toets_engine::model::FactId {
        self.rules
            .fact_id(name)
            .unwrap_or_else(|| panic!("fact `{name}` is not declared in the built-in rules"))
    }

    fn value(&self, name: &str, v: V) -> Value {
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
    fn facts(&self, path: &TreePath) -> BTreeMap<String, Value> {
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Neither an AI system nor a general-purpose AI model.
    NotAi,
    /// An AI system, including a general-purpose AI system.
    AiSystem,
    /// A general-purpose AI model.
    GpaiModel,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum GpaiCategory {
    /// Article 55 applies.
    SystemicRisk,
    /// Article 53(2) exempts the documentation duties.
    OpenSource,
    /// Article 53 applies in full.
    Plain,
    /// No duty of Chapter V (a deployer, importer or distributor of the model).
    NoObligations,
}

/// What the tree concludes on a path; `None` where the tree says nothing.
#[derive(Debug, Clone, Default)]
struct TreeView {
    /// The first part of the conclusion id: 11 (out of scope) to 16 (distributor).
    family: u32,
    kind: Option<Kind>,
    applies: Option<bool>,
    /// Provider, deployer, importer, distributor.
    roles: Option<[bool; 4]>,
    prohibited: Option<bool>,
    high_risk: Option<bool>,
    transparency: Option<bool>,
    gpai: Option<GpaiCategory>,
}

impl TreeView {
    fn of(path: &TreePath) -> TreeView {
        let parts: Vec<u32> = path
            .conclusion
            .split('.')
            .map(|p| {
                p.parse()
                    .unwrap_or_else(|e| panic!("odd conclusion id {}: {e}", path.conclusion))
            })
            .collect();
        let (family, kind, category) = match *parts.as_slice() {
            [family, kind] => (family, kind, 0),
            [family, kind, category] => (family, kind, category),
            _ => panic!("odd conclusion id {}", path.conclusion),
        };
        let has = |l: &str| path.labels.iter().any(|x| x == l);
        let mut v = TreeView {
            family,
            ..TreeView::default()
        };
        if family == 11 {
            v.applies = Some(false);
            match kind {
                0 | 1 => v.kind = Some(Kind::NotAi),
                2 if has("AI-model voor algemene doeleinden") => v.kind = Some(Kind::GpaiModel),
                2 => v.kind = Some(Kind::AiSystem),
                _ => v.roles = Some([false; 4]),
            }
            return v;
        }
        v.applies = Some(true);
        v.roles = Some(match family {
            12 => [true, false, false, false],
            13 => [false, true, false, false],
            14 => [true, true, false, false],
            15 => [false, false, true, false],
            16 => [false, false, false, true],
            _ => panic!("odd conclusion id {}", path.conclusion),
        });
        if kind == 2 {
            v.kind = Some(Kind::GpaiModel);
            v.gpai = Some(match (family, category) {
                (12 | 14, 1) => GpaiCategory::SystemicRisk,
                (12 | 14, 2) => GpaiCategory::OpenSource,
                (12 | 14, 3) => GpaiCategory::Plain,
                (13 | 15 | 16, _) => GpaiCategory::NoObligations,
                _ => panic!("odd conclusion id {}", path.conclusion),
            });
            return v;
        }
        v.kind = Some(Kind::AiSystem);
        v.prohibited = Some(category == 0);
        if category != 0 {
            v.high_risk = Some(matches!(category, 1 | 2));
            if matches!(family, 12..=14) {
                v.transparency = Some(matches!(category, 1 | 3));
            }
        }
        v
    }
}

/// toets's classification, read from a verdict.
#[derive(Debug, Clone)]
struct ToetsView {
    kind: Option<Kind>,
    applies: Option<bool>,
    roles: [Option<bool>; 4],
    prohibited: Option<bool>,
    high_risk: Option<bool>,
    transparency: Option<bool>,
    gpai: Option<GpaiCategory>,
}

const TRANSPARENCY_NORMS: &[&str] = &[
    "aia.art50_1.interaction",
    "aia.art50_2.synthetic_marking",
    "aia.art50_3.emotion_categorisation_notice",
    "aia.art50_4.deep_fake_disclosure",
    "aia.art50_4.public_interest_text",
];

fn and(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    match (a, b) {
        (Some(false), _) | (_, Some(false)) => Some(false),
        (Some(true), Some(true)) => Some(true),
        _ => None,
    }
}

fn or(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    match (a, b) {
        (Some(true), _) | (_, Some(true)) => Some(true),
        (Some(false), Some(false)) => Some(false),
        _ => None,
    }
}

fn not(a: Option<bool>) -> Option<bool> {
    a.map(|b| !b)
}

impl ToetsView {
    fn read(verdict: &Verdict, given: &BTreeMap<String, Value>) -> ToetsView {
        let concept = |id: &str| {
            verdict
                .concepts
                .iter()
                .find(|c| c.id == id)
                .unwrap_or_else(|| panic!("concept `{id}` is not in the verdict"))
                .value
        };
        let outcome = |id: &str| {
            verdict
                .norm(id)
                .unwrap_or_else(|| panic!("norm `{id}` is not in the verdict"))
                .outcome
        };
        let ai = concept("is_ai_system");
        // Whether the application is a general-purpose AI model is a fact toets takes as given.
        let gpai_model = match given.get("gpai.model") {
            Some(Value::Bool(b)) => Some(*b),
            _ => None,
        };
        let kind = match (ai, gpai_model) {
            (Some(true), _) => Some(Kind::AiSystem),
            (_, Some(true)) => Some(Kind::GpaiModel),
            (Some(false), Some(false)) => Some(Kind::NotAi),
            _ => None,
        };
        let roles = [
            concept("ai.provider_role"),
            concept("deployer_role"),
            concept("ai.importer_role"),
            concept("ai.distributor_role"),
        ];
        let [provider, deployer, importer, distributor] = roles;
        let operator = or(or(provider, deployer), or(importer, distributor));
        // Article 2: an operator of an AI system or model that no exclusion takes out.
        let applies = and(
            and(operator, not(concept("ai.excluded"))),
            or(and(ai, not(concept("ai.open_source_excluded"))), gpai_model),
        );
        let transparency = {
            let outcomes: Vec<Outcome> = TRANSPARENCY_NORMS.iter().map(|n| outcome(n)).collect();
            if outcomes.iter().any(|o| {
                matches!(
                    o,
                    Outcome::Violated | Outcome::Met | Outcome::NeedsJudgement
                )
            }) {
                Some(true)
            } else if outcomes
                .iter()
                .all(|o| matches!(o, Outcome::NotApplicable | Outcome::NotInForce))
            {
                Some(false)
            } else {
                None
            }
        };
        let gpai = {
            let ab = outcome("aia.art53_1ab.gpai_documentation");
            let cd = outcome("aia.art53_1cd.gpai_copyright_and_summary");
            let systemic = outcome("aia.art55.gpai_systemic_risk");
            use Outcome::{NotApplicable as Na, Violated as Vi};
            match (ab, cd, systemic) {
                (_, _, Vi) => Some(GpaiCategory::SystemicRisk),
                (Na, Vi, Na) => Some(GpaiCategory::OpenSource),
                (Vi, Vi, Na) => Some(GpaiCategory::Plain),
                (Na, Na, Na) => Some(GpaiCategory::NoObligations),
                _ => None,
            }
        };
        ToetsView {
            kind,
            applies,
            roles,
            prohibited: concept("ai.prohibited_practice"),
            high_risk: concept("hr.high_risk"),
            transparency,
            gpai,
        }
    }
}

/// The dimensions on which toets does not reach the tree's conclusion.
fn compare(tree: &TreeView, toets: &ToetsView) -> Vec<Dim> {
    let mut out = Vec::new();
    let mut check = |dim: Dim, same: bool| {
        if !same {
            out.push(dim);
        }
    };
    if let Some(k) = tree.kind {
        check(Dim::Kind, toets.kind == Some(k));
    }
    if let Some(a) = tree.applies {
        check(Dim::Applies, toets.applies == Some(a));
    }
    if let Some(roles) = tree.roles {
        let same = roles
            .iter()
            .zip(toets.roles.iter())
            .all(|(want, got)| *got == Some(*want));
        check(Dim::Role, same);
    }
    if let Some(p) = tree.prohibited {
        check(Dim::Prohibited, toets.prohibited == Some(p));
    }
    if let Some(h) = tree.high_risk {
        check(Dim::HighRisk, toets.high_risk == Some(h));
    }
    if let Some(t) = tree.transparency {
        check(Dim::Transparency, toets.transparency == Some(t));
    }
    if let Some(g) = tree.gpai {
        check(Dim::Gpai, toets.gpai == Some(g));
    }
    out
}

// ------------------------------------------------------------------ the decision tree

#[derive(Debug)]
enum Target {
    Question(String),
    Conclusion(String),
}

#[derive(Debug)]
enum Next {
    Go(Target),
    /// Ordered redirects: the first whose condition holds is taken.
    Redirects(Vec<(Cond, Target)>),
}

#[derive(Debug)]
struct Answer {
    answer: String,
    labels: Vec<String>,
    next: Next,
}

#[derive(Debug)]
struct Question {
    id: String,
    answers: Vec<Answer>,
}

struct Tree {
    first: String,
    questions: BTreeMap<String, Question>,
    conclusions: BTreeSet<String>,
}

/// A path under way: the next question, the answers so far and the labels collected.
type Partial = (String, Vec<(String, String)>, Vec<String>);

/// One root-to-conclusion path.
struct TreePath {
    answers: Vec<(String, String)>,
    labels: Vec<String>,
    conclusion: String,
}

impl TreePath {
    fn describe(&self) -> String {
        let steps: Vec<String> = self
            .answers
            .iter()
            .map(|(q, a)| format!("{q}={a:?}"))
            .collect();
        format!("{} -> {}", steps.join(" "), self.conclusion)
    }
}

impl Tree {
    fn parse(text: &str) -> Tree {
        let doc = read_yaml(text);
        let questions_node = doc.get("questions").and_then(Yaml::seq);
        let conclusions_node = doc.get("conclusions").and_then(Yaml::seq);
        let (Some(qs), Some(cs)) = (questions_node, conclusions_node) else {
            panic!("the tree has no `questions` or `conclusions` list")
        };
        let text_of = |node: &Yaml, key: &str| -> String {
            node.get(key)
                .and_then(Yaml::str)
                .unwrap_or_else(|| panic!("missing `{key}` in {node:?}"))
                .to_owned()
        };
        let target = |node: &Yaml| -> Option<Target> {
            if let Some(q) = node.get("nextQuestionId").and_then(Yaml::str) {
                Some(Target::Question(q.to_owned()))
            } else {
                node.get("nextConclusionId")
                    .and_then(Yaml::str)
                    .map(|c| Target::Conclusion(c.to_owned()))
            }
        };
        let mut questions = BTreeMap::new();
        let mut first = None;
        for q in qs {
            let id = text_of(q, "questionId");
            let mut answers = Vec::new();
            for a in q.get("answers").and_then(Yaml::seq).unwrap_or_default() {
                let labels = a
                    .get("labels")
                    .and_then(Yaml::seq)
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|l| l.str().map(str::to_owned))
                    .collect();
                let next = if let Some(t) = target(a) {
                    Next::Go(t)
                } else if let Some(rs) = a.get("redirects").and_then(Yaml::seq) {
                    Next::Redirects(
                        rs.iter()
                            .map(|r| {
                                let cond = Cond::parse(&text_of(r, "if"));
                                let t = target(r)
                                    .unwrap_or_else(|| panic!("redirect without target: {r:?}"));
                                (cond, t)
                            })
                            .collect(),
                    )
                } else {
                    panic!("answer without a next step in question {id}")
                };
                answers.push(Answer {
                    answer: text_of(a, "answer"),
                    labels,
                    next,
                });
            }
            first.get_or_insert_with(|| id.clone());
            questions.insert(id.clone(), Question { id, answers });
        }
        let conclusions = cs.iter().map(|c| text_of(c, "conclusionId")).collect();
        Tree {
            first: first.unwrap_or_else(|| panic!("the tree has no questions")),
            questions,
            conclusions,
        }
    }

    /// Every path from the first question to a conclusion, depth first.
    fn paths(&self) -> Vec<TreePath> {
        let mut out = Vec::new();
        let mut stack: Vec<Partial> = vec![(self.first.clone(), Vec::new(), Vec::new())];
        while let Some((qid, answers, labels)) = stack.pop() {
            assert!(answers.len() < 64, "a cycle in the tree at question {qid}");
            let q = self
                .questions
                .get(&qid)
                .unwrap_or_else(|| panic!("unknown question {qid}"));
            for a in q.answers.iter().rev() {
                let mut answers = answers.clone();
                answers.push((qid.clone(), a.answer.clone()));
                let mut labels = labels.clone();
                labels.extend(a.labels.iter().cloned());
                let target = match &a.next {
                    Next::Go(t) => t,
                    Next::Redirects(rs) => rs
                        .iter()
                        .find(|(c, _)| c.holds(&labels))
                        .map(|(_, t)| t)
                        .unwrap_or_else(|| {
                            panic!("no redirect applies after {qid} = {:?}", a.answer)
                        }),
                };
                match target {
                    Target::Question(next) => stack.push((next.clone(), answers, labels)),
                    Target::Conclusion(c) => {
                        assert!(self.conclusions.contains(c), "unknown conclusion {c}");
                        out.push(TreePath {
                            answers,
                            labels,
                            conclusion: c.clone(),
                        });
                    }
                }
            }
        }
        out
    }
}

/// A redirect condition: `"label" in labels`, `!`, `&&`, `||` and brackets.
#[derive(Debug)]
enum Cond {
    Has(String),
    Not(Box<Cond>),
    And(Box<Cond>, Box<Cond>),
    Or(Box<Cond>, Box<Cond>),
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Label(String),
    In,
    Labels,
    Not,
    And,
    Or,
    Open,
    Close,
}

impl Cond {
    fn holds(&self, labels: &[String]) -> bool {
        match self {
            Cond::Has(l) => labels.iter().any(|x| x == l),
            Cond::Not(c) => !c.holds(labels),
            Cond::And(a, b) => a.holds(labels) && b.holds(labels),
            Cond::Or(a, b) => a.holds(labels) || b.holds(labels),
        }
    }

    fn parse(text: &str) -> Cond {
        let tokens = tokenize(text);
        let mut pos = 0;
        let cond = parse_or(&tokens, &mut pos, text);
        assert!(pos == tokens.len(), "trailing input in condition {text:?}");
        cond
    }
}

fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' | '\n' => {}
            '"' => {
                let label: String = chars.by_ref().take_while(|&c| c != '"').collect();
                out.push(Token::Label(label));
            }
            '!' => out.push(Token::Not),
            '(' => out.push(Token::Open),
            ')' => out.push(Token::Close),
            '&' | '|' => {
                assert!(chars.next() == Some(c), "single {c} in condition {text:?}");
                out.push(if c == '&' { Token::And } else { Token::Or });
            }
            c if c.is_ascii_alphabetic() => {
                let mut word = String::from(c);
                while let Some(&n) = chars.peek() {
                    if !n.is_ascii_alphabetic() {
                        break;
                    }
                    word.push(n);
                    chars.next();
                }
                out.push(match word.as_str() {
                    "in" => Token::In,
                    "labels" => Token::Labels,
                    _ => panic!("unknown word {word:?} in condition {text:?}"),
                });
            }
            _ => panic!("unexpected {c:?} in condition {text:?}"),
        }
    }
    out
}

fn parse_or(t: &[Token], pos: &mut usize, text: &str) -> Cond {
    let mut left = parse_and(t, pos, text);
    while t.get(*pos) == Some(&Token::Or) {
        *pos += 1;
        let right = parse_and(t, pos, text);
        left = Cond::Or(Box::new(left), Box::new(right));
    }
    left
}

fn parse_and(t: &[Token], pos: &mut usize, text: &str) -> Cond {
    let mut left = parse_unary(t, pos, text);
    while t.get(*pos) == Some(&Token::And) {
        *pos += 1;
        let right = parse_unary(t, pos, text);
        left = Cond::And(Box::new(left), Box::new(right));
    }
    left
}

fn parse_unary(t: &[Token], pos: &mut usize, text: &str) -> Cond {
    let token = t.get(*pos).cloned();
    *pos += 1;
    match token {
        Some(Token::Not) => Cond::Not(Box::new(parse_unary(t, pos, text))),
        Some(Token::Open) => {
            let inner = parse_or(t, pos, text);
            assert!(
                t.get(*pos) == Some(&Token::Close),
                "missing ) in condition {text:?}"
            );
            *pos += 1;
            inner
        }
        Some(Token::Label(l)) => {
            assert!(
                t.get(*pos) == Some(&Token::In) && t.get(*pos + 1) == Some(&Token::Labels),
                "expected `in labels` in condition {text:?}"
            );
            *pos += 2;
            Cond::Has(l)
        }
        other => panic!("unexpected {other:?} in condition {text:?}"),
    }
}

// ------------------------------------------------------------------ a small YAML tree

#[derive(Debug)]
enum Yaml {
    Str(String),
    Seq(Vec<Yaml>),
    Map(Vec<(String, Yaml)>),
}

impl Yaml {
    fn get(&self, key: &str) -> Option<&Yaml> {
        match self {
            Yaml::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    fn seq(&self) -> Option<&[Yaml]> {
        match self {
            Yaml::Seq(items) => Some(items),
            _ => None,
        }
    }

    fn str(&self) -> Option<&str> {
        match self {
            Yaml::Str(s) => Some(s),
            _ => None,
        }
    }
}

enum Frame {
    Seq(Vec<Yaml>),
    Map(Vec<(String, Yaml)>, Option<String>),
}

/// Reads one YAML document into a tree of texts, lists and mappings (scalars stay texts).
fn read_yaml(text: &str) -> Yaml {
    let mut stack: Vec<Frame> = Vec::new();
    let mut root = None;
    for event in Parser::new_from_str(text) {
        let (event, _) = event.unwrap_or_else(|e| panic!("the tree is not valid YAML: {e}"));
        let node = match event {
            Event::Scalar(value, ..) => Yaml::Str(value.into_owned()),
            Event::SequenceStart(..) => {
                stack.push(Frame::Seq(Vec::new()));
                continue;
            }
            Event::MappingStart(..) => {
                stack.push(Frame::Map(Vec::new(), None));
                continue;
            }
            Event::SequenceEnd => match stack.pop() {
                Some(Frame::Seq(items)) => Yaml::Seq(items),
                _ => panic!("unbalanced YAML sequence"),
            },
            Event::MappingEnd => match stack.pop() {
                Some(Frame::Map(entries, None)) => Yaml::Map(entries),
                _ => panic!("unbalanced YAML mapping"),
            },
            Event::Alias(_) => panic!("YAML aliases are not expected in the tree"),
            _ => continue,
        };
        match stack.last_mut() {
            None => root = Some(node),
            Some(Frame::Seq(items)) => items.push(node),
            Some(Frame::Map(entries, key)) => match key.take() {
                None => match node {
                    Yaml::Str(k) => *key = Some(k),
                    other => panic!("a YAML key that is not text: {other:?}"),
                },
                Some(k) => entries.push((k, node)),
            },
        }
    }
    root.unwrap_or_else(|| panic!("the tree is empty"))
}
