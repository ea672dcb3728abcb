//! The formatter round trip on arbitrary rule text: whatever parses formats
//! to text with the same tree and comments, and formatting is stable.
//! `toets_syntax::format` checks all of that itself and reports a broken
//! promise as `FormatError::Unfaithful`, which this target turns into a crash.
#![no_main]

use libfuzzer_sys::fuzz_target;
use toets_syntax::{FormatError, SourceFile, format, parse};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(file) = parse(&SourceFile::new("fuzz.toets", text)) else {
        return;
    };
    if let Err(FormatError::Unfaithful(e)) = format(&file) {
        panic!("{e}\n--- input ---\n{text}");
    }
});
