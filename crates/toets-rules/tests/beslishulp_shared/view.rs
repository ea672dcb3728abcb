//! What is compared: the tree's classification, toets's, and the documented differences.

use std::collections::BTreeMap;

use toets_engine::{Outcome, Value, Verdict};

use super::*;

// ------------------------------------------------------------------ documented differences

/// What is compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Dim {
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
pub(crate) struct Documented {
    pub(crate) id: &'static str,
    pub(crate) dims: &'static [Dim],
    pub(crate) paths: usize,
}

pub(crate) const DOCUMENTED: &[Documented] = &[
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
pub(crate) fn documented(path: &TreePath, tree: &TreeView) -> Vec<&'static str> {
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Neither an AI system nor a general-purpose AI model.
    NotAi,
    /// An AI system, including a general-purpose AI system.
    AiSystem,
    /// A general-purpose AI model.
    GpaiModel,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GpaiCategory {
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
pub(crate) struct TreeView {
    /// The first part of the conclusion id: 11 (out of scope) to 16 (distributor).
    pub(crate) family: u32,
    pub(crate) kind: Option<Kind>,
    pub(crate) applies: Option<bool>,
    /// Provider, deployer, importer, distributor.
    pub(crate) roles: Option<[bool; 4]>,
    pub(crate) prohibited: Option<bool>,
    pub(crate) high_risk: Option<bool>,
    pub(crate) transparency: Option<bool>,
    pub(crate) gpai: Option<GpaiCategory>,
}

impl TreeView {
    pub(crate) fn of(path: &TreePath) -> TreeView {
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
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ToetsView {
    pub(crate) kind: Option<Kind>,
    pub(crate) applies: Option<bool>,
    pub(crate) roles: [Option<bool>; 4],
    pub(crate) prohibited: Option<bool>,
    pub(crate) high_risk: Option<bool>,
    pub(crate) transparency: Option<bool>,
    pub(crate) gpai: Option<GpaiCategory>,
}

pub(crate) const TRANSPARENCY_NORMS: &[&str] = &[
    "aia.art50_1.interaction",
    "aia.art50_2.synthetic_marking",
    "aia.art50_3.emotion_categorisation_notice",
    "aia.art50_4.deep_fake_disclosure",
    "aia.art50_4.public_interest_text",
];

pub(crate) fn and(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    match (a, b) {
        (Some(false), _) | (_, Some(false)) => Some(false),
        (Some(true), Some(true)) => Some(true),
        _ => None,
    }
}

pub(crate) fn or(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    match (a, b) {
        (Some(true), _) | (_, Some(true)) => Some(true),
        (Some(false), Some(false)) => Some(false),
        _ => None,
    }
}

pub(crate) fn not(a: Option<bool>) -> Option<bool> {
    a.map(|b| !b)
}

impl ToetsView {
    pub(crate) fn read(verdict: &Verdict, given: &BTreeMap<String, Value>) -> ToetsView {
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
        // The application itself being a general-purpose model decides first: such a model
        // has learned logic, so the AI-system concept is true for it as well.
        let kind = match (ai, gpai_model) {
            (_, Some(true)) => Some(Kind::GpaiModel),
            (Some(true), _) => Some(Kind::AiSystem),
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
pub(crate) fn compare(tree: &TreeView, toets: &ToetsView) -> Vec<Dim> {
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
