//! Unit tests: one small entry per case through `check`, which shows the
//! facts, the system section and the notes (or the error).
#![allow(clippy::expect_used, clippy::panic)]

use expect_test::{Expect, expect};

use crate::{
    MAX_REGISTER_BYTES, Mapping, RegisterError, from_register, from_register_all,
    from_register_each,
};

fn render(result: Result<Mapping, RegisterError>) -> String {
    match result {
        Err(e) => format!("error: {e}\n"),
        Ok(m) => {
            let mut out = String::new();
            let get = |key: &str| m.description.get(key).map(|v| v.to_string());
            out.push_str(&format!("facts: {}\n", get("facts").unwrap_or_default()));
            out.push_str(&format!("system: {}\n", get("system").unwrap_or_default()));
            for note in &m.notes {
                out.push_str(&format!("{note}\n"));
            }
            out
        }
    }
}

/// Maps `input` and compares facts, system and notes (or the error).
fn check(input: &str, expect: Expect) {
    expect.assert_eq(&render(from_register(input)));
}

/// An entry with a name and `fields` (JSON members, without braces).
fn entry(fields: &str) -> String {
    if fields.is_empty() {
        r#"{"name": "Test"}"#.to_owned()
    } else {
        format!(r#"{{"name": "Test", {fields}}}"#)
    }
}

// ---------------------------------------------------------------- organisation

#[test]
fn organisation_named_is_a_public_body() {
    check(
        &entry(r#""organization": "Gemeente Noorderhaaks""#),
        expect![[r#"
            facts: {"public_body":true}
            system: {"name":"Test","organisation":"Gemeente Noorderhaaks"}
            $.organization = "Gemeente Noorderhaaks" -> public_body = true
        "#]],
    );
}

#[test]
fn no_organisation_leaves_public_body_unknown() {
    check(
        &entry(r#""organization": null"#),
        expect![[r#"
            facts: {}
            system: {"name":"Test"}
            $.organization -> public_body unknown
        "#]],
    );
    check(
        &entry(r#""organization": "  ""#),
        expect![[r#"
            facts: {}
            system: {"name":"Test"}
            $.organization -> public_body unknown
        "#]],
    );
}

// ---------------------------------------------------------------- type

#[test]
fn self_learning_is_learned_from_data() {
    check(
        &entry(r#""type": "Zelflerend""#),
        expect![[r#"
            facts: {"logic":"learned_from_data"}
            system: {"name":"Test"}
            $.organization -> public_body unknown
            $.type = "Zelflerend" -> logic = "learned_from_data"
        "#]],
    );
}

#[test]
fn rule_based_leaves_logic_unknown() {
    // Trailing spaces and case do not matter.
    check(
        &entry(r#""type": "op regels gebaseerd ""#),
        expect![[r#"
            facts: {}
            system: {"name":"Test"}
            $.organization -> public_body unknown
            $.type = "op regels gebaseerd" -> logic unknown
        "#]],
    );
}

#[test]
fn other_types_leave_logic_unknown() {
    check(
        &entry(r#""type": "Nee""#),
        expect![[r#"
            facts: {}
            system: {"name":"Test"}
            $.organization -> public_body unknown
            $.type = "Nee" -> logic unknown
        "#]],
    );
    // Empty and null give no note at all.
    check(
        &entry(r#""type": "", "organization": "Gemeente A""#),
        expect![[r#"
            facts: {"public_body":true}
            system: {"name":"Test","organisation":"Gemeente A"}
            $.organization = "Gemeente A" -> public_body = true
        "#]],
    );
}

// ---------------------------------------------------------------- supplier

#[test]
fn internally_developed_is_provider_and_deployer() {
    check(
        &entry(r#""organization": "Gemeente A", "supplier": "Intern ontwikkeld""#),
        expect![[r#"
            facts: {"public_body":true,"role":"provider_and_deployer"}
            system: {"name":"Test","organisation":"Gemeente A"}
            $.organization = "Gemeente A" -> public_body = true
            $.supplier = "Intern ontwikkeld" -> role = "provider_and_deployer" (fuzzy)
        "#]],
    );
    // The export's `provider` naming the organisation itself.
    check(
        &entry(r#""organization": "Gemeente Tilburg", "provider": "gemeente  tilburg""#),
        expect![[r#"
            facts: {"public_body":true,"role":"provider_and_deployer"}
            system: {"name":"Test","organisation":"Gemeente Tilburg"}
            $.organization = "Gemeente Tilburg" -> public_body = true
            $.provider = "gemeente  tilburg" -> role = "provider_and_deployer" (fuzzy)
        "#]],
    );
}

#[test]
fn external_supplier_leaves_role_unknown() {
    check(
        &entry(r#""organization": "Gemeente A", "provider": "Centric Netherlands BV""#),
        expect![[r#"
            facts: {"public_body":true}
            system: {"name":"Test","organisation":"Gemeente A"}
            $.organization = "Gemeente A" -> public_body = true
            $.provider = "Centric Netherlands BV" -> role unknown
        "#]],
    );
}

#[test]
fn supplier_without_organisation_leaves_role_unknown() {
    // A supplier's template: even "Intern ontwikkeld" says nothing about
    // an organisation that is not named.
    check(
        &entry(r#""supplier": "Intern ontwikkeld""#),
        expect![[r#"
            facts: {}
            system: {"name":"Test"}
            $.organization -> public_body unknown
            $.supplier = "Intern ontwikkeld" -> role unknown
        "#]],
    );
}

// ---------------------------------------------------------------- start date and status

#[test]
fn start_month_of_a_system_in_use_is_placed_in_service() {
    check(
        &entry(r#""status": "In gebruik", "begin_date": "2023-08""#),
        expect![[r#"
            facts: {"placed_in_service":"2023-08-01"}
            system: {"name":"Test"}
            $.organization -> public_body unknown
            $.begin_date = "2023-08" -> placed_in_service = "2023-08-01" (fuzzy)
            $.status = "In gebruik" -> no fact
        "#]],
    );
    check(
        &entry(r#""status": "Buiten gebruik", "start_date": "2019-12", "end_date": "2024-01""#),
        expect![[r#"
            facts: {"placed_in_service":"2019-12-01"}
            system: {"name":"Test"}
            $.organization -> public_body unknown
            $.start_date = "2019-12" -> placed_in_service = "2019-12-01" (fuzzy)
            $.status = "Buiten gebruik" -> no fact
        "#]],
    );
}

#[test]
fn start_month_of_a_system_in_development_is_not_used() {
    check(
        &entry(r#""status": "In ontwikkeling", "begin_date": "2025-05""#),
        expect![[r#"
            facts: {}
            system: {"name":"Test"}
            $.organization -> public_body unknown
            $.begin_date = "2025-05" -> placed_in_service unknown
            $.status = "In ontwikkeling" -> no fact
        "#]],
    );
}

#[test]
fn unreadable_start_dates_are_not_used() {
    for date in ["2023-13", "2023-8", "23-08", "2023-08-15", "augustus 2023"] {
        let m = from_register(&entry(&format!(
            r#""status": "In gebruik", "start_date": "{date}""#
        )));
        let m = m.expect("maps");
        assert_eq!(
            m.description.pointer("/facts/placed_in_service"),
            None,
            "{date}"
        );
        assert!(
            m.notes
                .iter()
                .any(|n| n.rule == crate::Rule::StartUnreadable),
            "{date}"
        );
    }
    // An empty date is no date: no note.
    check(
        &entry(r#""begin_date": """#),
        expect![[r#"
            facts: {}
            system: {"name":"Test"}
            $.organization -> public_body unknown
        "#]],
    );
}

// ---------------------------------------------------------------- publication category

#[test]
fn publication_categories_set_no_fact() {
    check(
        &entry(r#""publication_category": "Hoog-risico AI-systeem (Categorie A)""#),
        expect![[r#"
            facts: {}
            system: {"name":"Test"}
            $.organization -> public_body unknown
            $.publication_category = "Hoog-risico AI-systeem (Categorie A)" -> no fact
        "#]],
    );
    for (value, rule) in [
        ("Hoog-risico AI-systeem", crate::Rule::CategoryHighRiskAi),
        ("Impactvolle algoritmes", crate::Rule::CategoryImpactful),
        (
            "Impactvolle algoritmes (Categorie B)",
            crate::Rule::CategoryImpactful,
        ),
        ("Overige algoritmes", crate::Rule::CategoryOther),
        (
            "overige algoritmes (categorie c)",
            crate::Rule::CategoryOther,
        ),
        ("Categorie D", crate::Rule::CategoryUnrecognised),
    ] {
        let m =
            from_register(&entry(&format!(r#""publication_category": "{value}""#))).expect("maps");
        assert!(m.notes.iter().any(|n| n.rule == rule), "{value}");
        assert_eq!(m.facts(), Vec::new(), "{value}");
    }
}

// ---------------------------------------------------------------- legal basis

#[test]
fn legal_basis_title_of_the_standard() {
    check(
        &entry(
            r#""legal_basis": "Taken uit de Wegenverkeerswet.", "legal_basis_title": "Wegenverkeerswet 1994", "legal_basis_link": "https://wetten.overheid.nl/BWBR0006622""#,
        ),
        expect![[r#"
            facts: {"legal_basis":{"statute":"Wegenverkeerswet 1994"}}
            system: {"name":"Test"}
            $.organization -> public_body unknown
            $.legal_basis_title = "Wegenverkeerswet 1994" -> legal_basis.statute = "Wegenverkeerswet 1994" (fuzzy)
        "#]],
    );
}

#[test]
fn legal_basis_grouping_of_the_export() {
    // Titles are joined; duplicates and empty items are left out; an item
    // with only a link names the link.
    check(
        &entry(
            r#""lawful_basis_grouping": [
                {"title": "Participatiewet ", "link": "https://wetten.overheid.nl/BWBR0015703/"},
                {"title": "", "link": ""},
                {"title": "Participatiewet", "link": null},
                {"title": null, "link": "https://wetten.overheid.nl/BWBR0005416/"}
            ]"#,
        ),
        expect![[r#"
            facts: {"legal_basis":{"statute":"Participatiewet; https://wetten.overheid.nl/BWBR0005416/"}}
            system: {"name":"Test"}
            $.organization -> public_body unknown
            $.lawful_basis_grouping = "Participatiewet; https://wetten.overheid.nl/BWBR0005416/" -> legal_basis.statute = "Participatiewet; https://wetten.overheid.nl/BWBR0005416/" (fuzzy)
        "#]],
    );
}

#[test]
fn legal_basis_in_prose_only_stays_unknown() {
    check(
        &entry(
            r#""lawful_basis": "<p>Het leveren van betrouwbare overheidsinformatie</p>", "lawful_basis_grouping": [{"title": "", "link": ""}]"#,
        ),
        expect![[r#"
            facts: {}
            system: {"name":"Test"}
            $.organization -> public_body unknown
            $.lawful_basis -> legal_basis.statute unknown
        "#]],
    );
}

// ---------------------------------------------------------------- impact assessments

#[test]
fn listed_dpia_and_iama_are_performed() {
    check(
        &entry(
            r#""impacttoetsen_grouping": [
                {"title": "Data Protection Impact Assessment (DPIA)", "link": ""},
                {"title": "IAMA", "link": "https://example.org/iama"},
                {"title": "Risicoanalyse informatiebeveiliging", "link": null}
            ]"#,
        ),
        expect![[r#"
            facts: {"dpia":{"performed":true},"fria":{"performed":true}}
            system: {"name":"Test"}
            $.organization -> public_body unknown
            $.impacttoetsen_grouping[0].title = "Data Protection Impact Assessment (DPIA)" -> dpia.performed = true (fuzzy)
            $.impacttoetsen_grouping[1].title = "IAMA" -> fria.performed = true (fuzzy)
            $.impacttoetsen_grouping[2].title = "Risicoanalyse informatiebeveiliging" -> no fact
        "#]],
    );
    // One title naming both.
    check(
        &entry(
            r#""impacttoetsen_grouping": [{"title": "Impact Assessment Mensenrechten en Algoritmes en gegevensbeschermingseffectbeoordeling"}]"#,
        ),
        expect![[r#"
            facts: {"dpia":{"performed":true},"fria":{"performed":true}}
            system: {"name":"Test"}
            $.organization -> public_body unknown
            $.impacttoetsen_grouping[0].title = "Impact Assessment Mensenrechten en Algoritmes en gegevensbeschermingseffectbeoordeling" -> dpia.performed = true (fuzzy)
            $.impacttoetsen_grouping[0].title = "Impact Assessment Mensenrechten en Algoritmes en gegevensbeschermingseffectbeoordeling" -> fria.performed = true (fuzzy)
        "#]],
    );
}

#[test]
fn assessments_in_prose_are_not_read() {
    // The prose names an IAMA only to say it does not apply, and a DPIA that
    // is being carried out: neither may become a fact.
    check(
        &entry(
            r#""impacttoetsen": "<p>IAMA is niet van toepassing. De gemeente voert een DPIA uit.</p>""#,
        ),
        expect![[r#"
            facts: {}
            system: {"name":"Test"}
            $.organization -> public_body unknown
            $.impacttoetsen -> no fact
        "#]],
    );
    check(
        &entry(r#""impact_assessments": "Data Protection Impact Assessment (DPIA)""#),
        expect![[r#"
            facts: {}
            system: {"name":"Test"}
            $.organization -> public_body unknown
            $.impact_assessments -> no fact
        "#]],
    );
}

#[test]
fn words_are_matched_whole() {
    // "dpia" inside another word is not a DPIA.
    check(
        &entry(r#""impacttoetsen_grouping": [{"title": "Nodpiatoets", "link": null}]"#),
        expect![[r#"
            facts: {}
            system: {"name":"Test"}
            $.organization -> public_body unknown
            $.impacttoetsen_grouping[0].title = "Nodpiatoets" -> no fact
        "#]],
    );
}

// ---------------------------------------------------------------- personal data

#[test]
fn processing_register_link_means_personal_data() {
    check(
        &entry(r#""processing_register_link": "https://www.avgregisterrijksoverheid.nl/""#),
        expect![[r#"
            facts: {"processes_personal_data":true}
            system: {"name":"Test"}
            $.organization -> public_body unknown
            $.processing_register_link = "https://www.avgregisterrijksoverheid.nl/" -> processes_personal_data = true (fuzzy)
        "#]],
    );
}

#[test]
fn brp_as_data_source_means_personal_data() {
    check(
        &entry(
            r#""source_data_grouping": [{"title": "LV BAG", "link": null}, {"title": "BRP", "link": "https://www.rvig.nl/basisregistratie-personen"}]"#,
        ),
        expect![[r#"
            facts: {"processes_personal_data":true}
            system: {"name":"Test"}
            $.organization -> public_body unknown
            $.source_data_grouping[1] = "BRP" -> processes_personal_data = true
        "#]],
    );
    check(
        &entry(r#""data_source_title": "Basisregistratie Personen (gemeente)""#),
        expect![[r#"
            facts: {"processes_personal_data":true}
            system: {"name":"Test"}
            $.organization -> public_body unknown
            $.data_source_title = "Basisregistratie Personen (gemeente)" -> processes_personal_data = true
        "#]],
    );
    // Other sources say nothing, and nothing is ever set to false.
    check(
        &entry(r#""source_data_grouping": [{"title": "RDW", "link": "https://www.rdw.nl/"}]"#),
        expect![[r#"
            facts: {}
            system: {"name":"Test"}
            $.organization -> public_body unknown
        "#]],
    );
}

// ---------------------------------------------------------------- themes and system section

#[test]
fn themes_set_no_fact() {
    check(
        &entry(r#""theme": ["Sociale zekerheid"], "category": ["Werk", ""]"#),
        expect![[r#"
            facts: {}
            system: {"name":"Test"}
            $.organization -> public_body unknown
            $.theme = "Sociale zekerheid, Werk" -> no fact
        "#]],
    );
}

#[test]
fn system_section_from_name_description_and_contact() {
    check(
        r#"{"name": " Meldingen ", "description_short": "<p>Sorteert <b>meldingen</b> &amp; klachten.</p>\n<p>a &lt; b</p>", "contact_email": "info@example.org"}"#,
        expect![[r#"
            facts: {}
            system: {"contact":"info@example.org","name":"Meldingen","purpose":"Sorteert meldingen & klachten. a < b"}
            $.organization -> public_body unknown
        "#]],
    );
}

#[test]
fn every_field_of_the_standard_at_once() {
    check(
        r#"{
          "name": "Automatische Verkeersregeling Ringweg",
          "description_short": "Dit algoritme laat het verkeer doorstromen.",
          "organization": "Gemeente Noorderhaaks",
          "theme": ["Verkeer"],
          "status": "In gebruik",
          "start_date": "2023-01",
          "contact": "Algoritmes@gemeentenoorderhaaks.nl",
          "publication_category": "Impactvolle algoritmes (Categorie B)",
          "purpose_and_impact": "…", "considerations": "…", "human_intervention": "…",
          "risk_management": "…",
          "legal_basis": "Taken uit de Wegenverkeerswet.",
          "legal_basis_link": "https://wetten.overheid.nl/BWBR0006622",
          "legal_basis_title": "Wegenverkeerswet 1994",
          "processing_register_link": "https://www.avgregisterrijksoverheid.nl/",
          "impact_assessments": "Data Protection Impact Assessment (DPIA)",
          "data": "Sensordata", "technical_operation": "Een beslisboom.",
          "supplier": "Haaks Softwarebedrijf",
          "language": "nld", "schema": "1.0.0"
        }"#,
        expect![[r#"
            facts: {"legal_basis":{"statute":"Wegenverkeerswet 1994"},"placed_in_service":"2023-01-01","processes_personal_data":true,"public_body":true}
            system: {"contact":"Algoritmes@gemeentenoorderhaaks.nl","name":"Automatische Verkeersregeling Ringweg","organisation":"Gemeente Noorderhaaks","purpose":"Dit algoritme laat het verkeer doorstromen."}
            $.organization = "Gemeente Noorderhaaks" -> public_body = true
            $.supplier = "Haaks Softwarebedrijf" -> role unknown
            $.start_date = "2023-01" -> placed_in_service = "2023-01-01" (fuzzy)
            $.status = "In gebruik" -> no fact
            $.publication_category = "Impactvolle algoritmes (Categorie B)" -> no fact
            $.legal_basis_title = "Wegenverkeerswet 1994" -> legal_basis.statute = "Wegenverkeerswet 1994" (fuzzy)
            $.impact_assessments -> no fact
            $.processing_register_link = "https://www.avgregisterrijksoverheid.nl/" -> processes_personal_data = true (fuzzy)
            $.theme = "Verkeer" -> no fact
        "#]],
    );
}

#[test]
fn long_values_are_shortened_in_notes() {
    let long = "x".repeat(500);
    let m = from_register(&entry(&format!(r#""type": "{long}""#))).expect("maps");
    let found = m
        .notes
        .iter()
        .find_map(|n| n.found.clone())
        .unwrap_or_default();
    assert_eq!(found.chars().count(), 121);
    assert!(found.ends_with('…'));
}

// ---------------------------------------------------------------- lists of entries

#[test]
fn a_list_with_one_entry_is_one_entry() {
    check(
        r#"[{"name": "Test", "type": "Zelflerend"}]"#,
        expect![[r#"
            facts: {"logic":"learned_from_data"}
            system: {"name":"Test"}
            $[0].organization -> public_body unknown
            $[0].type = "Zelflerend" -> logic = "learned_from_data"
        "#]],
    );
}

#[test]
fn from_register_all_maps_every_entry() {
    let all = from_register_all(
        r#"[{"name": "A", "id": "a-1", "type": "Zelflerend"}, {"name": "B", "source_id": 7}]"#,
    )
    .expect("maps");
    let ids: Vec<Option<String>> = all.iter().map(|m| m.id.clone()).collect();
    assert_eq!(ids, vec![Some("a-1".to_owned()), Some("7".to_owned())]);
    let fields: Vec<&str> = all
        .iter()
        .flat_map(|m| m.notes.iter().map(|n| n.field.as_str()))
        .collect();
    assert_eq!(
        fields,
        vec!["$[0].organization", "$[0].type", "$[1].organization"]
    );
    // A single object is a list of one.
    let one = from_register_all(r#"{"name": "A"}"#).expect("maps");
    assert_eq!(one.len(), 1);
}

#[test]
fn from_register_each_keeps_going_past_a_bad_entry() {
    let each = from_register_each(
        r#"[{"name": "A"}, {"name": "B", "status": 3}, {"id": "no-name"}, {"name": "D"}]"#,
    )
    .expect("a list");
    let shown: Vec<String> = each
        .iter()
        .map(|r| match r {
            Ok(m) => format!(
                "ok {}",
                m.description
                    .pointer("/system/name")
                    .unwrap_or(&serde_json::Value::Null)
            ),
            Err(e) => format!("error {}", e.path().unwrap_or("-")),
        })
        .collect();
    assert_eq!(
        shown,
        vec![
            "ok \"A\"",
            "error $[1].status",
            "error $[2].name",
            "ok \"D\""
        ]
    );
    assert_eq!(
        from_register_each(r#"{"name": "A"}"#).map(|v| v.len()).ok(),
        Some(1)
    );
    assert!(matches!(
        from_register_each("[]"),
        Err(RegisterError::NoEntries)
    ));
    assert!(matches!(
        from_register_each("[1,"),
        Err(RegisterError::Syntax { .. })
    ));
}

// ---------------------------------------------------------------- malformed input

#[test]
fn not_json() {
    check(
        "{\"name\": \"Test\",\n  \"type\": Zelflerend}",
        expect![[r#"
            error: the register file is not valid JSON: expected value (line 2, column 11)
        "#]],
    );
    check(
        "",
        expect![[r#"
            error: the register file is not valid JSON: EOF while parsing a value (line 1, column 0)
        "#]],
    );
    check(
        r#"{"name": "Test"} {"name": "Again"}"#,
        expect![[r#"
            error: the register file is not valid JSON: trailing characters (line 1, column 18)
        "#]],
    );
    let e = from_register("[1,").err();
    assert_eq!(e.and_then(|e| e.line_column()), Some((1, 3)));
}

#[test]
fn wrong_shapes() {
    check(
        "42",
        expect![[r#"
            error: `$`: expected a register entry (an object), found a number
        "#]],
    );
    check(
        r#"[{"name": "A"}, "B"]"#,
        expect![[r#"
            error: the register file holds 2 entries, expected one
        "#]],
    );
    check(
        r#"["B"]"#,
        expect![[r#"
            error: `$[0]`: expected a register entry (an object), found a text
        "#]],
    );
    check(
        "[]",
        expect![[r#"
            error: the register file holds an empty list of entries
        "#]],
    );
    check(
        r#"{"system": {"name": "A"}, "facts": {}}"#,
        expect![[r#"
            error: `$.name` is missing: every register entry has a name
        "#]],
    );
    check(
        r#"{"name": 12}"#,
        expect![[r#"
            error: `$.name`: expected a text or null, found a number
        "#]],
    );
    check(
        &entry(r#""type": ["Zelflerend"]"#),
        expect![[r#"
            error: `$.type`: expected a text or null, found a list
        "#]],
    );
    check(
        &entry(r#""lawful_basis_grouping": {"title": "Wet"}"#),
        expect![[r#"
            error: `$.lawful_basis_grouping`: expected a list of {title, link} objects or null, found an object
        "#]],
    );
    check(
        &entry(r#""impacttoetsen_grouping": [{"title": "DPIA"}, "IAMA"]"#),
        expect![[r#"
            error: `$.impacttoetsen_grouping[1]`: expected an object with `title` and `link`, found a text
        "#]],
    );
    check(
        &entry(r#""source_data_grouping": [{"title": true}]"#),
        expect![[r#"
            error: `$.source_data_grouping[0].title`: expected a text or null, found a boolean
        "#]],
    );
    check(
        &entry(r#""theme": "Verkeer""#),
        expect![[r#"
            error: `$.theme`: expected a list of texts or null, found a text
        "#]],
    );
    let e = from_register_all(r#"[{"name": "A"}, {"name": "B", "status": 3}]"#).err();
    assert_eq!(e.as_ref().and_then(|e| e.path()), Some("$[1].status"));
}

#[test]
fn fields_not_read_may_hold_anything() {
    check(
        &entry(r#""goal": {"nested": [1, 2]}, "uuid": 5, "impacttoetsen": ["a", "b"]"#),
        expect![[r#"
            facts: {}
            system: {"name":"Test"}
            $.organization -> public_body unknown
            $.impacttoetsen -> no fact
        "#]],
    );
}

#[test]
fn huge_and_deep_input_errors_without_panic() {
    let huge = format!(r#"{{"name": "{}"}}"#, "x".repeat(MAX_REGISTER_BYTES));
    check(
        &huge,
        expect![[r#"
            error: the register file is 8388620 bytes, more than the limit of 8388608
        "#]],
    );
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    check(
        &deep,
        expect![[r#"
            error: the register file is not valid JSON: recursion limit exceeded (line 1, column 128)
        "#]],
    );
    // Odd bytes and control characters are JSON errors too.
    check(
        "{\"name\": \"a\u{0}\"}",
        expect![[r#"
            error: the register file is not valid JSON: control character (\u0000-\u001F) found while parsing a string (line 1, column 12)
        "#]],
    );
}

#[test]
fn every_prefix_and_mangling_of_a_real_entry_maps_or_errors() {
    // No input may panic: cut a real entry at every character, and swap
    // each of its scalar values for values of other types.
    let text = include_str!("../../../examples/register/contec.json");
    for (i, _) in text.char_indices() {
        let _ = from_register(text.get(..i).unwrap_or_default());
    }
    let odd = [
        "null", "0", "-1e999", "true", "[]", "{}", "[[]]", "[{}]", "\"\"",
    ];
    let value: serde_json::Value = serde_json::from_str(text).expect("valid JSON");
    let Some(entry) = value.get(0).and_then(|e| e.as_object()) else {
        panic!("the example is a list of one entry");
    };
    for key in entry.keys() {
        for replacement in odd {
            let mut changed = entry.clone();
            let parsed: serde_json::Value = serde_json::from_str(replacement).unwrap_or_default();
            changed.insert(key.clone(), parsed);
            let json = serde_json::Value::Object(changed).to_string();
            let _ = from_register(&json);
        }
    }
}
