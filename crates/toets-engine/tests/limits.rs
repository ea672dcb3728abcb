//! Every documented input limit (docs/language.md, "Limits"), tested at the
//! limit, where the input must be accepted, and one past it, where it must
//! be refused with a message that names the limit.
#![expect(clippy::unwrap_used, clippy::panic, reason = "test code")]

use toets_engine::{MAX_DESCRIPTION_BYTES, MAX_DESCRIPTION_DEPTH, MAX_FACTS, RuleSet};
use toets_syntax::{Limits, SourceFile};

const HEADER: &str = "law avg \"A\" / \"A\" { }\nfact x: bool ask nl \"?\" en \"?\"\n";

/// Rule text with one norm whose condition is `condition`.
fn norm(condition: &str) -> String {
    format!("{HEADER}norm avg.n \"N\" / \"N\" cites avg art 1 requires {condition}\n")
}

fn compile(text: &str) -> Result<RuleSet, String> {
    RuleSet::compile(vec![SourceFile::new("limit.toets", text)]).map_err(|e| {
        e.0.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    })
}

/// `at` must compile; `past` must fail with a message containing `message`.
fn check_rules(limit: &str, at: &str, past: &str, message: &str) {
    if let Err(e) = compile(at) {
        panic!("{limit}: input at the limit was refused: {e}");
    }
    match compile(past) {
        Ok(_) => panic!("{limit}: input past the limit was accepted"),
        Err(e) => assert!(e.contains(message), "{limit}: unexpected message: {e}"),
    }
}

#[test]
fn rule_file_limits() {
    let limits = Limits::default();

    // File size: pad with a comment to exactly the limit, then one byte more.
    let base = norm("x");
    let pad = limits.max_file_bytes - base.len() - "//\n".len();
    let at = format!("{base}//{}\n", "x".repeat(pad));
    assert_eq!(at.len(), limits.max_file_bytes);
    let past = format!("{base}//{}\n", "x".repeat(pad + 1));
    check_rules("file size", &at, &past, "more than the limit");

    // Nesting of brackets in a condition.
    let n = limits.max_nesting;
    let at = norm(&format!("{}x{}", "(".repeat(n), ")".repeat(n)));
    let past = norm(&format!("{}x{}", "(".repeat(n + 1), ")".repeat(n + 1)));
    check_rules("bracket nesting", &at, &past, "deeper than the limit");

    // Runs of `not` count as nesting too.
    let at = norm(&format!("{}x", "not ".repeat(n - 1)));
    let past = norm(&format!("{}x", "not ".repeat(n + 1)));
    check_rules("not nesting", &at, &past, "deeper than the limit");

    // Length of a name.
    let long = |len: usize| format!("f{}", "x".repeat(len - 1));
    let with_fact = |name: &str| {
        format!(
            "{HEADER}fact {name}: bool ask nl \"?\" en \"?\"\nnorm avg.n \"N\" / \"N\" cites avg art 1 requires {name}\n"
        )
    };
    check_rules(
        "name length",
        &with_fact(&long(limits.max_ident_len)),
        &with_fact(&long(limits.max_ident_len + 1)),
        "more than the limit of 128",
    );

    // A number in a rule file: at most 24 characters.
    let number = |len: usize| format!("1{}", "0".repeat(len - 1));
    let with_number = |n: &str| {
        format!(
            "{HEADER}fact k: number ask nl \"?\" en \"?\"\nnorm avg.n \"N\" / \"N\" cites avg art 1 requires k < {n}\n"
        )
    };
    check_rules(
        "number length",
        &with_number(&number(24)),
        &with_number(&number(25)),
        "is out of range",
    );

    // Facts in one rule set.
    let facts = |count: usize| {
        let mut text = String::from("law avg \"A\" / \"A\" { }\n");
        for i in 0..count {
            text.push_str(&format!("fact f{i}: bool ask nl \"?\" en \"?\"\n"));
        }
        text.push_str("norm avg.n \"N\" / \"N\" cites avg art 1 requires f0\n");
        text
    };
    check_rules(
        "number of facts",
        &facts(MAX_FACTS),
        &facts(MAX_FACTS + 1),
        "more than the limit of 10000",
    );
}

#[test]
fn description_limits() {
    let rules = compile(&norm("x")).unwrap();
    let load = |text: &str| {
        rules.load_description("d.yaml", text).map_err(|e| {
            e.0.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        })
    };

    // Size: a description of exactly the limit (padded with a YAML comment).
    let base = "facts:\n  x: true\n#";
    let at = format!(
        "{base}{}\n",
        "x".repeat(MAX_DESCRIPTION_BYTES - base.len() - 1)
    );
    assert_eq!(at.len(), MAX_DESCRIPTION_BYTES);
    assert!(load(&at).is_ok(), "{:?}", load(&at).err());
    let past = format!("{base}{}\n", "x".repeat(MAX_DESCRIPTION_BYTES - base.len()));
    let err = load(&past).err().unwrap_or_default();
    assert!(err.contains("more than the limit"), "{err}");

    // Depth: the document mapping and `system` count, then nested lists as
    // the value of `system.name`. That value must be a text, so at the limit
    // the error is about its type, and past the limit about the depth.
    let nested = |depth: usize| {
        format!(
            "system:\n  name: {}x{}\n",
            "[".repeat(depth),
            "]".repeat(depth)
        )
    };
    let at = load(&nested(MAX_DESCRIPTION_DEPTH - 2))
        .err()
        .unwrap_or_default();
    assert!(!at.contains("deeper than"), "refused at the limit: {at}");
    let past = load(&nested(MAX_DESCRIPTION_DEPTH - 1))
        .err()
        .unwrap_or_default();
    assert!(past.contains("deeper than 64 levels"), "{past}");
}
