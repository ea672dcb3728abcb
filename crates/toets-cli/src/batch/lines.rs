//! Lines of a batch input, each read to at most a limit.
//!
//! A line over the limit is not kept: the reader skips to its end while it
//! reads, so a 1 GiB line costs no more memory than a short one, and the
//! line is reported by its number and length.

use std::io::BufRead;

/// One line of the input, numbered from 1, without its line break (`\n`,
/// or `\r\n`).
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Line {
    /// Its number, from 1.
    pub(crate) number: usize,
    /// Its text, or why there is none.
    pub(crate) text: Result<String, LineError>,
}

/// Why a line has no text.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum LineError {
    /// Longer than the limit; `bytes` is its length.
    TooLong { bytes: usize },
    /// Not UTF-8: the first invalid byte is at `column` (in characters, from 1).
    NotUtf8 { column: usize },
}

/// The lines of `reader`, each at most `limit` bytes.
pub(crate) struct Lines<R> {
    reader: R,
    limit: usize,
    number: usize,
}

impl<R: BufRead> Lines<R> {
    pub(crate) fn new(reader: R, limit: usize) -> Self {
        Lines {
            reader,
            limit,
            number: 0,
        }
    }

    /// Everything after the lines read so far, at most `limit` bytes in
    /// all, or `None` if there is more.
    pub(crate) fn rest(mut self, limit: usize) -> std::io::Result<Option<Vec<u8>>> {
        use std::io::Read as _;
        let mut bytes = Vec::new();
        (&mut self.reader)
            .take(u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1))
            .read_to_end(&mut bytes)?;
        Ok((bytes.len() <= limit).then_some(bytes))
    }
}

impl<R: BufRead> Iterator for Lines<R> {
    type Item = std::io::Result<Line>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut kept = Vec::new();
        let mut bytes = 0usize;
        let mut any = false;
        let mut last = None;
        loop {
            let available = match self.reader.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Some(Err(e)),
            };
            if available.is_empty() {
                if !any {
                    return None;
                }
                break;
            }
            any = true;
            let (part, newline) = match available.iter().position(|b| *b == b'\n') {
                Some(at) => (available.get(..at).unwrap_or_default(), true),
                None => (available, false),
            };
            let len = part.len();
            if let Some(b) = part.last() {
                last = Some(*b);
            }
            if bytes.saturating_add(len) <= self.limit.saturating_add(1) {
                // One byte past the limit is kept, to tell a `\r` before the
                // line break from a longer line.
                kept.extend_from_slice(part);
            } else if !kept.is_empty() {
                kept = Vec::new();
            }
            bytes = bytes.saturating_add(len);
            self.reader.consume(len + usize::from(newline));
            if newline {
                break;
            }
        }
        self.number += 1;
        if last == Some(b'\r') {
            kept.pop();
            bytes -= 1;
        }
        let text = if bytes > self.limit {
            Err(LineError::TooLong { bytes })
        } else {
            String::from_utf8(kept).map_err(|e| {
                let valid = e.utf8_error().valid_up_to();
                let before = e.as_bytes().get(..valid).unwrap_or_default();
                LineError::NotUtf8 {
                    column: String::from_utf8_lossy(before).chars().count() + 1,
                }
            })
        };
        Some(Ok(Line {
            number: self.number,
            text,
        }))
    }
}

#[cfg(test)]
mod tests {
    use std::io::BufReader;

    use super::{Line, LineError, Lines};

    /// The lines of `input` read through a buffer of `capacity` bytes.
    fn lines(
        input: &[u8],
        capacity: usize,
        limit: usize,
    ) -> Vec<(usize, Result<String, LineError>)> {
        Lines::new(BufReader::with_capacity(capacity, input), limit)
            .map(|l| l.map(|Line { number, text }| (number, text)))
            .collect::<Result<_, _>>()
            .unwrap_or_default()
    }

    fn ok(number: usize, text: &str) -> (usize, Result<String, LineError>) {
        (number, Ok(text.to_owned()))
    }

    #[test]
    fn splits_on_line_breaks_whatever_the_buffer() {
        for capacity in [1, 2, 3, 8, 4096] {
            assert_eq!(
                lines(b"ab\r\n\ncd\nlast", capacity, 100),
                vec![ok(1, "ab"), ok(2, ""), ok(3, "cd"), ok(4, "last")],
                "capacity {capacity}"
            );
            assert_eq!(lines(b"ab\n", capacity, 100), vec![ok(1, "ab")]);
            assert_eq!(lines(b"", capacity, 100), vec![]);
            assert_eq!(lines(b"\n", capacity, 100), vec![ok(1, "")]);
        }
    }

    #[test]
    fn a_line_over_the_limit_is_an_error_for_that_line() {
        for capacity in [1, 3, 4096] {
            assert_eq!(
                lines(b"12345\n123456\n1234\r\n123456\r\nx", capacity, 5),
                vec![
                    ok(1, "12345"),
                    (2, Err(LineError::TooLong { bytes: 6 })),
                    ok(3, "1234"),
                    (4, Err(LineError::TooLong { bytes: 6 })),
                    ok(5, "x"),
                ],
                "capacity {capacity}"
            );
        }
    }

    #[test]
    fn a_long_line_is_not_kept() {
        let long = vec![b'x'; 1 << 20];
        let mut lines = Lines::new(BufReader::with_capacity(64, &long[..]), 10);
        let first = lines.next().and_then(Result::ok);
        assert_eq!(
            first.map(|l| l.text),
            Some(Err(LineError::TooLong { bytes: 1 << 20 }))
        );
        assert!(lines.next().is_none());
    }

    #[test]
    fn invalid_utf8_says_where() {
        assert_eq!(
            lines(b"ok\n\xc3\xa9a\xffcd\n", 4096, 100),
            vec![ok(1, "ok"), (2, Err(LineError::NotUtf8 { column: 3 }))]
        );
    }

    #[test]
    fn the_rest_is_bounded() {
        let mut l = Lines::new(BufReader::new(&b"[\n1,\n2]\n"[..]), 100);
        assert_eq!(
            l.next().and_then(Result::ok),
            Some(Line {
                number: 1,
                text: Ok("[".to_owned())
            })
        );
        assert_eq!(l.rest(100).ok().flatten(), Some(b"1,\n2]\n".to_vec()));
        let l = Lines::new(BufReader::new(&b"123456"[..]), 100);
        assert_eq!(l.rest(5).ok(), Some(None));
    }
}
