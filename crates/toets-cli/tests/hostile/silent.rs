//! Class 5, in part: what was accepted silently is refused with a message.
//! Dates are only `YYYY-MM-DD`, in descriptions and in `--date`.

use crate::{tempdir, toets};

#[test]
fn dates_in_another_form_are_refused() {
    let dir = tempdir("dates");
    std::fs::write(dir.join("ok.yaml"), "facts: {}\n").unwrap();
    for date in ["20260101", "2026-01-01T10:00", "+002026-01-01"] {
        let run = toets(&dir, &["check", "ok.yaml", "--date", date], "--date");
        assert_eq!(run.code, Some(2), "{date}: {}", crate::head(&run.stderr));
        assert!(
            run.stderr
                .contains(&format!("`{date}` is not a date in the form YYYY-MM-DD")),
            "{}",
            run.stderr
        );
    }
    for (value, found) in [("20260101", "a number"), ("\"2026-01-01T10:00\"", "")] {
        std::fs::write(
            dir.join("d.yaml"),
            format!("facts:\n  placed_in_service: {value}\n"),
        )
        .unwrap();
        let run = toets(&dir, &["check", "d.yaml"], "a date fact");
        assert_eq!(run.code, Some(2), "{value}: {}", crate::head(&run.stderr));
        assert!(run.stderr.contains("d.yaml:2:22"), "{}", run.stderr);
        assert!(
            run.stderr.contains("write the date as YYYY-MM-DD"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains(found), "{}", run.stderr);
    }
    // The documented form is still read.
    std::fs::write(
        dir.join("d.yaml"),
        "facts:\n  placed_in_service: 2026-01-01\n",
    )
    .unwrap();
    let run = toets(
        &dir,
        &["check", "d.yaml", "--date", "2026-11-23"],
        "a good date",
    );
    assert_ne!(run.code, Some(2), "{}", crate::head(&run.stderr));
}

/// Class 4, in part: thousands of the same mistake are counted, and only the
/// first 50 are drawn (each with its source line).
#[test]
fn thousands_of_bad_items_are_counted_not_all_drawn() {
    let dir = tempdir("many-errors");
    let items: Vec<String> = (0..2000).map(|i| format!("x{i}")).collect();
    std::fs::write(
        dir.join("d.yaml"),
        format!("facts:\n  purpose: [{}]\n", items.join(", ")),
    )
    .unwrap();
    let run = toets(&dir, &["check", "d.yaml"], "2,000 bad items");
    assert_eq!(run.code, Some(2), "{}", crate::head(&run.stderr));
    assert!(
        run.stderr
            .contains("… and 1950 more not shown (only the first 50 are drawn)"),
        "{}",
        crate::head(&run.stderr)
    );
    assert!(run.stderr.ends_with("2000 errors in the description\n"));
    assert_eq!(run.stderr.matches("not a listed value").count(), 50);
    assert!(run.stderr.len() < 200_000, "{} bytes", run.stderr.len());
}
