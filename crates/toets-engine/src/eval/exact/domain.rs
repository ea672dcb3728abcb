//! The values an unknown fact can take, as few as decide every condition
//! that reads it: a fact compared with the constants c₁ < … < cₖ behaves
//! the same everywhere below c₁, at each cᵢ, strictly between two
//! neighbours and above cₖ, so one representative value per class is
//! enough. A `one of` fact has its listed values; a text fact its
//! constants and one text that is none of them.

use jiff::civil::Date;

use crate::model::{Fact, FactType};
use crate::value::Value;

/// One representative value per class of an unknown fact's values.
/// `None` for facts without classes (`bool`, `set of`: one variable per
/// value or element).
pub(super) fn representatives(fact: &Fact, today: Date) -> Option<Vec<Value>> {
    match &fact.ty {
        FactType::Bool | FactType::SetOf(_) => None,
        FactType::OneOf(variants) => Some(variants.iter().cloned().map(Value::Text).collect()),
        FactType::Text => {
            let mut out: Vec<Value> = fact.constants.clone();
            let mut other = String::from("\u{0}other");
            while out
                .iter()
                .any(|v| matches!(v, Value::Text(t) if *t == other))
            {
                other.push('\u{0}');
            }
            out.push(Value::Text(other));
            Some(out)
        }
        FactType::Number => {
            let cs: Vec<f64> = fact
                .constants
                .iter()
                .filter_map(|v| match v {
                    Value::Number(n) => Some(*n),
                    _ => None,
                })
                .collect();
            let mut out = Vec::with_capacity(cs.len() * 2 + 1);
            let Some(&first) = cs.first() else {
                return Some(vec![Value::Number(0.0)]);
            };
            out.push(Value::Number(first - 1.0));
            for (i, &c) in cs.iter().enumerate() {
                out.push(Value::Number(c));
                match cs.get(i + 1) {
                    Some(&next) => {
                        let mid = c + (next - c) / 2.0;
                        if mid > c && mid < next {
                            out.push(Value::Number(mid));
                        }
                    }
                    None => out.push(Value::Number(c + 1.0)),
                }
            }
            Some(out)
        }
        FactType::Date => {
            // The evaluation date is a threshold too: conditions may read `today`.
            let mut cs: Vec<Date> = fact
                .constants
                .iter()
                .filter_map(|v| match v {
                    Value::Date(d) => Some(*d),
                    _ => None,
                })
                .chain(std::iter::once(today))
                .collect();
            cs.sort_unstable();
            cs.dedup();
            let mut out = Vec::with_capacity(cs.len() * 2 + 1);
            if let Some(before) = cs.first().and_then(|d| d.yesterday().ok()) {
                out.push(Value::Date(before));
            }
            for (i, &c) in cs.iter().enumerate() {
                out.push(Value::Date(c));
                let after = c.tomorrow().ok();
                match (cs.get(i + 1), after) {
                    (Some(&next), Some(after)) if after < next => out.push(Value::Date(after)),
                    (None, Some(after)) => out.push(Value::Date(after)),
                    _ => {}
                }
            }
            Some(out)
        }
    }
}
