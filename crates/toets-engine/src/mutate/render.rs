//! Conditions printed on one line, with the brackets precedence needs, so
//! that a mutant's before and after read as source text.

use toets_syntax::ast::{ContainsMode, Expr, ExprKind, Literal, Name, Text};

/// How tightly an expression binds.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Prec {
    Or,
    And,
    Not,
    Atom,
}

fn prec(e: &Expr) -> Prec {
    match e.kind {
        ExprKind::Or { .. } => Prec::Or,
        ExprKind::And { .. } => Prec::And,
        ExprKind::Not { .. } => Prec::Not,
        _ => Prec::Atom,
    }
}

/// A string literal as written.
pub(crate) fn label(t: &Text, source: &str) -> String {
    source
        .get(t.span.start..t.span.end)
        .map_or_else(|| format!("{:?}", t.value), str::to_owned)
}

/// `e` on one line; numbers and texts as written in `source`.
pub(crate) fn expr(e: &Expr, source: &str) -> String {
    let mut out = String::new();
    write(e, source, &mut out);
    out
}

fn names(variants: &[Name]) -> String {
    let list: Vec<&str> = variants.iter().map(|n| n.text.as_str()).collect();
    format!("{{ {} }}", list.join(", "))
}

fn write(e: &Expr, source: &str, out: &mut String) {
    match &e.kind {
        ExprKind::Literal { value } => match value {
            Literal::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Literal::Date(d) => out.push_str(d),
            Literal::Number(n) => match source.get(e.span.start..e.span.end) {
                Some(text) => out.push_str(text),
                None => out.push_str(&n.to_string()),
            },
            Literal::Text(t) => match source.get(e.span.start..e.span.end) {
                Some(text) => out.push_str(text),
                None => out.push_str(&format!("{t:?}")),
            },
        },
        ExprKind::Today => out.push_str("today"),
        ExprKind::Ref { name } => out.push_str(&name.text),
        ExprKind::Not { operand } => {
            out.push_str("not ");
            operand_of(operand, Prec::Not, false, source, out);
        }
        ExprKind::And { operands } | ExprKind::Or { operands } => {
            let (word, this) = match e.kind {
                ExprKind::And { .. } => (" and ", Prec::And),
                _ => (" or ", Prec::Or),
            };
            for (i, o) in operands.iter().enumerate() {
                if i > 0 {
                    out.push_str(word);
                }
                operand_of(o, this, i > 0, source, out);
            }
        }
        ExprKind::Compare { op, lhs, rhs } => {
            write(lhs, source, out);
            out.push_str(&format!(" {} ", op.as_str()));
            write(rhs, source, out);
        }
        ExprKind::In { operand, variants } => {
            write(operand, source, out);
            out.push_str(" in ");
            out.push_str(&names(variants));
        }
        ExprKind::Contains {
            operand,
            mode,
            variants,
        } => {
            write(operand, source, out);
            out.push_str(" contains ");
            match (mode, variants.as_slice()) {
                (ContainsMode::Any, [one]) => out.push_str(&one.text),
                (ContainsMode::Any, _) => out.push_str(&format!("any {}", names(variants))),
                (ContainsMode::All, _) => out.push_str(&format!("all {}", names(variants))),
            }
        }
        ExprKind::Is { norm, state } => {
            out.push_str(&format!("{} is {}", norm.text, state.as_str()));
        }
    }
}

/// An operand of an operator of precedence `outer`, bracketed where the
/// tree needs it (a same-operator chain after the first place was written
/// in brackets: the parser flattens only the left operand), and an `and`
/// inside an `or`.
fn operand_of(e: &Expr, outer: Prec, later: bool, source: &str, out: &mut String) {
    let inner = prec(e);
    // An `and` inside an `or` is bracketed too: not needed, but readers of
    // rules should not have to know that `and` binds tighter.
    let needed = inner < outer
        || (inner == outer && later && matches!(inner, Prec::And | Prec::Or))
        || (outer == Prec::Or && inner == Prec::And)
        || (outer == Prec::Not && matches!(inner, Prec::And | Prec::Or));
    if needed {
        out.push('(');
        write(e, source, out);
        out.push(')');
    } else {
        write(e, source, out);
    }
}

/// Shortens a before and after text for a report line: if either is longer
/// than `width` characters, the words they share at the start and the end
/// are replaced by `…`, keeping one word of context on each side.
pub fn shorten(before: &str, after: &str, width: usize) -> (String, String) {
    if before.chars().count() <= width && after.chars().count() <= width {
        return (before.to_owned(), after.to_owned());
    }
    let b: Vec<&str> = before.split(' ').collect();
    let a: Vec<&str> = after.split(' ').collect();
    let common_start = b.iter().zip(&a).take_while(|(x, y)| x == y).count();
    let rest = b.len().min(a.len()) - common_start;
    let common_end = b
        .iter()
        .rev()
        .zip(a.iter().rev())
        .take(rest)
        .take_while(|(x, y)| x == y)
        .count();
    let cut = |words: &[&str]| {
        let from = common_start.saturating_sub(1);
        let to = (words.len() - common_end + 1).min(words.len());
        let middle = words.get(from..to).unwrap_or_default().join(" ");
        let mut s = String::new();
        if from > 0 {
            s.push_str("… ");
        }
        let clipped = clip(&middle, width);
        let cut_end = clipped.len() < middle.len();
        s.push_str(&clipped);
        if to < words.len() && !cut_end {
            s.push_str(" …");
        }
        s
    };
    (cut(&b), cut(&a))
}

/// At most `width` characters, ending in `…` if cut.
fn clip(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}
