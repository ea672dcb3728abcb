//! The audit trail of the rules: `checked CERTAINTY "source"` on a norm.

use expect_test::expect;

use super::{check_error, compile};
use crate::model::{Certainty, SourceCheck};

#[test]
fn a_norm_records_how_it_was_checked_against_its_source() {
    let rules = compile(
        r#"norm avg.x "X" / "X" cites avg art 1 requires a checked secondary "AP summary (2024)"
norm avg.y "Y" / "Y" cites avg art 2 requires b checked text "consolidated text of 2016"
norm avg.z "Z" / "Z" cites avg art 3 requires c"#,
    );
    let checked: Vec<(&str, Option<&SourceCheck>)> = rules
        .norms()
        .iter()
        .map(|n| (n.id.as_str(), n.checked.as_ref()))
        .collect();
    assert_eq!(
        checked,
        vec![
            (
                "avg.x",
                Some(&SourceCheck {
                    certainty: Certainty::Secondary,
                    source: "AP summary (2024)".to_owned()
                })
            ),
            (
                "avg.y",
                Some(&SourceCheck {
                    certainty: Certainty::Text,
                    source: "consolidated text of 2016".to_owned()
                })
            ),
            ("avg.z", None),
        ]
    );
    assert!(Certainty::Text < Certainty::Secondary && Certainty::Recall < Certainty::Unverified);
}

#[test]
fn a_norm_is_checked_once_and_with_a_known_certainty() {
    check_error(
        r#"norm avg.x "X" / "X" cites avg art 1 requires a checked recall "memory" checked text "OJ""#,
        expect![[r#"
            toets::check::structure

              × norm `avg.x` has more than one `checked` clause
                ╭─[test.toets:13:73]
             12 │ fact purpose: set of { fraud, eligibility, research } ask nl "Doel?" en "Purpose?"
             13 │ norm avg.x "X" / "X" cites avg art 1 requires a checked recall "memory" checked text "OJ"
                ·                                                                         ────────┬────────
                ·                                                                                 ╰── repeated clause
                ╰────
              help: keep the one that says how the norm was last checked
        "#]],
    );
    check_error(
        r#"norm avg.x "X" / "X" cites avg art 1 requires a checked maybe "memory""#,
        expect![[r#"
            toets::syntax

              × expected `text`, `secondary`, `recall` or `unverified`, found `maybe`
                ╭─[test.toets:13:57]
             12 │ fact purpose: set of { fraud, eligibility, research } ask nl "Doel?" en "Purpose?"
             13 │ norm avg.x "X" / "X" cites avg art 1 requires a checked maybe "memory"
                ·                                                         ──┬──
                ·                                                           ╰── not expected here
                ╰────
        "#]],
    );
}
