//! Values of facts and three-valued truth.

use std::fmt;

use jiff::civil::Date;
use serde::Serialize;

/// A known value of a fact.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    /// Yes or no.
    Bool(bool),
    /// A number.
    Number(f64),
    /// A date.
    Date(#[serde(serialize_with = "serialize_date")] Date),
    /// Free text, or the chosen value of a `one of` fact.
    Text(String),
    /// The chosen values of a `set of` fact, sorted and without duplicates.
    Set(Vec<String>),
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
