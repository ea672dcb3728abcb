//! Long files format on a small stack: no recursion per item or comment
//! (issue 15: `fmt` overflowed its stack at about 75,000 comment lines,
//! 50,000 norms or 100,000 empty laws).

use crate::{SourceFile, parse};

/// Formats `text` on a thread with a 128 KiB stack (a 64th of the main
/// thread's), so that a recursion per item would overflow at these sizes;
/// returns the output and the time taken.
fn format_on_small_stack(text: String) -> (String, std::time::Duration) {
    let thread = std::thread::Builder::new()
        .stack_size(128 * 1024)
        .spawn(move || {
            let start = std::time::Instant::now();
            let file = parse(&SourceFile::new("long.toets", text.as_str()))
                .unwrap_or_else(|e| unreachable!("{e:?}"));
            let out = super::format(&file).unwrap_or_else(|e| unreachable!("{e}"));
            (out, start.elapsed())
        })
        .unwrap_or_else(|e| unreachable!("{e}"));
    thread
        .join()
        .unwrap_or_else(|_| unreachable!("the formatter panicked"))
}

const HEAD: &str = "law avg \"A\" / \"A\" {}\nfact x: bool ask nl \"X?\" en \"X?\"\n";

#[test]
fn many_comment_lines() {
    let text = format!("{HEAD}{}", "// c\n".repeat(10_000));
    let (out, took) = format_on_small_stack(text);
    println!("10,000 comment lines: {took:.2?}");
    assert_eq!(out.matches("// c\n").count(), 10_000);
}

#[test]
fn many_norms_and_laws() {
    let mut text = HEAD.to_owned();
    for i in 0..1_500 {
        text.push_str(&format!("law l{i} \"L\" / \"L\" {{}}\n"));
        text.push_str(&format!(
            "norm avg.n{i} \"N\" / \"N\"\n  cites avg art 1\n  requires x\n"
        ));
    }
    let (out, took) = format_on_small_stack(text);
    println!("1,500 laws and 1,500 norms: {took:.2?}");
    assert_eq!(out.matches("\nlaw l").count(), 1_500);
    assert_eq!(out.matches("\nnorm avg.n").count(), 1_500);
}

#[test]
fn a_long_condition() {
    let condition = vec!["x"; 3_000].join(" and ");
    let text = format!("{HEAD}concept c = {condition}\n");
    let (out, took) = format_on_small_stack(text);
    println!("a condition of 3,000 operands: {took:.2?}");
    assert_eq!(out.matches("and x").count(), 2_999);
}
