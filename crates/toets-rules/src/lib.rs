//! The built-in rule files of toets, embedded at compile time so the CLI and
//! the browser work with no other files. The texts are the files under
//! `rules/` in the repository.

/// The built-in rule files as `(file name, text)`, in name order.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "rules/ai-act.toets",
        include_str!("../../../rules/ai-act.toets"),
    ),
    ("rules/avg.toets", include_str!("../../../rules/avg.toets")),
    (
        "rules/awgb.toets",
        include_str!("../../../rules/awgb.toets"),
    ),
    (
        "rules/grondwet.toets",
        include_str!("../../../rules/grondwet.toets"),
    ),
    (
        "rules/system.toets",
        include_str!("../../../rules/system.toets"),
    ),
];
