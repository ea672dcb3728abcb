//! Values of facts and three-valued truth.

use std::fmt;

use jiff::civil::Date;
use serde::Serialize;

/// A date written exactly as `YYYY-MM-DD`, the one form toets documents.
/// Other forms a general date parser also takes (`20260101`, a date-time,
/// `+002026-01-01`) are refused, so that a typo is not read as a date.
pub fn parse_iso_date(text: &str) -> Option<Date> {
    let b = text.as_bytes();
    let shape = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        });
    if !shape {
        return None;
    }
    text.parse::<Date>().ok()
}

/// A known value of a fact.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    /// Yes or no.
    Bool(bool),
    /// A number. Whole numbers serialise without a fraction (`30000`, not
    /// `30000.0`), as they were written.
    Number(#[serde(serialize_with = "serialize_number")] f64),
    /// A date.
    Date(#[serde(serialize_with = "serialize_date")] Date),
    /// Free text, or the chosen value of a `one of` fact.
    Text(String),
    /// The chosen values of a `set of` fact, sorted and without duplicates.
    Set(Vec<String>),
}

/// Largest whole number a 64-bit float holds exactly (2^53).
const EXACT: f64 = 9_007_199_254_740_992.0;

fn serialize_number<S: serde::Serializer>(n: &f64, s: S) -> Result<S::Ok, S::Error> {
    if n.fract() == 0.0 && n.abs() <= EXACT {
        #[expect(
            clippy::cast_possible_truncation,
            reason = "a whole number within 2^53 converts exactly"
        )]
        let whole = *n as i64;
        s.serialize_i64(whole)
    } else {
        s.serialize_f64(*n)
    }
}

fn serialize_date<S: serde::Serializer>(date: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(date)
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Bool(b) => write!(f, "{b}"),
            Value::Number(n) => write!(f, "{n}"),
            Value::Date(d) => write!(f, "{d}"),
            Value::Text(t) => write!(f, "{t}"),
            Value::Set(items) => write!(f, "[{}]", items.join(", ")),
        }
    }
}

/// A total order on values of one type (numbers, dates, texts, booleans),
/// for sorting thresholds; values of different types by their type.
pub(crate) fn order(a: &Value, b: &Value) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let rank = |v: &Value| match v {
        Value::Bool(_) => 0,
        Value::Number(_) => 1,
        Value::Date(_) => 2,
        Value::Text(_) => 3,
        Value::Set(_) => 4,
    };
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.total_cmp(y),
        (Value::Date(x), Value::Date(y)) => x.cmp(y),
        (Value::Text(x), Value::Text(y)) => x.cmp(y),
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        (Value::Set(x), Value::Set(y)) => x.cmp(y),
        _ => rank(a).cmp(&rank(b)).then(Ordering::Equal),
    }
}

/// Kleene's three-valued truth: `None` is unknown.
pub type Truth = Option<bool>;

/// Renders a truth value as a word.
pub fn truth_word(t: Truth) -> &'static str {
    match t {
        Some(true) => "true",
        Some(false) => "false",
        None => "unknown",
    }
}

/// Values in a stored rule set (see `artefact`): tagged, so that they read
/// back as the same variant. The JSON form above is untagged for readers,
/// which cannot tell the text `"2024-03-01"` from a date.
pub(crate) mod stored {
    use jiff::civil::Date;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::Value;

    #[derive(Serialize, Deserialize)]
    enum Stored {
        Bool(bool),
        Number(f64),
        Date(Date),
        Text(String),
        Set(Vec<String>),
    }

    impl From<&Value> for Stored {
        fn from(v: &Value) -> Self {
            match v {
                Value::Bool(b) => Stored::Bool(*b),
                Value::Number(n) => Stored::Number(*n),
                Value::Date(d) => Stored::Date(*d),
                Value::Text(t) => Stored::Text(t.clone()),
                Value::Set(s) => Stored::Set(s.clone()),
            }
        }
    }

    impl From<Stored> for Value {
        fn from(v: Stored) -> Self {
            match v {
                Stored::Bool(b) => Value::Bool(b),
                Stored::Number(n) => Value::Number(n),
                Stored::Date(d) => Value::Date(d),
                Stored::Text(t) => Value::Text(t),
                Stored::Set(s) => Value::Set(s),
            }
        }
    }

    pub(crate) fn serialize<S: Serializer>(v: &Value, s: S) -> Result<S::Ok, S::Error> {
        Stored::from(v).serialize(s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
        Stored::deserialize(d).map(Value::from)
    }

    /// A list of values.
    pub(crate) mod list {
        use super::{Deserialize, Deserializer, Serialize, Serializer, Stored, Value};

        pub(crate) fn serialize<S: Serializer>(v: &[Value], s: S) -> Result<S::Ok, S::Error> {
            let stored: Vec<Stored> = v.iter().map(Stored::from).collect();
            stored.serialize(s)
        }

        pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Value>, D::Error> {
            Vec::<Stored>::deserialize(d).map(|v| v.into_iter().map(Value::from).collect())
        }
    }

    /// A list of pairs of something and a value.
    pub(crate) mod pairs {
        use super::{Deserialize, Deserializer, Serialize, Serializer, Stored, Value};

        pub(crate) fn serialize<K: Serialize, S: Serializer>(
            v: &[(K, Value)],
            s: S,
        ) -> Result<S::Ok, S::Error> {
            let stored: Vec<(&K, Stored)> = v.iter().map(|(k, v)| (k, Stored::from(v))).collect();
            stored.serialize(s)
        }

        pub(crate) fn deserialize<'de, K: Deserialize<'de>, D: Deserializer<'de>>(
            d: D,
        ) -> Result<Vec<(K, Value)>, D::Error> {
            Vec::<(K, Stored)>::deserialize(d)
                .map(|v| v.into_iter().map(|(k, v)| (k, Value::from(v))).collect())
        }
    }
}

#[cfg(test)]
mod date_tests {
    use super::parse_iso_date;

    #[test]
    fn only_yyyy_mm_dd_is_a_date() {
        assert_eq!(
            parse_iso_date("2026-01-31").map(|d| d.to_string()),
            Some("2026-01-31".to_owned())
        );
        for bad in [
            "20260101",
            "2026-01-01T10:00",
            "2026-01-01 ",
            "+02026-01-01",
            "2026-1-01",
            "2026-02-30",
            "２０２６-01-01",
            "",
        ] {
            assert_eq!(parse_iso_date(bad), None, "{bad:?}");
        }
    }
}
