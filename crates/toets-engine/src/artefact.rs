//! A compiled rule set as bytes: the checked model, graph and precomputed
//! reads, so that loading needs no parsing and no checking.
//!
//! Layout: the magic `TOETSRS`, a format version byte, the length and text of
//! the toets version that wrote it, then the rule set in postcard. A stored
//! rule set is read only by the toets version and format that wrote it:
//! anything else is refused with a reason, never half-read.

use crate::RuleSet;

const MAGIC: &[u8; 7] = b"TOETSRS";
/// INVARIANT: bumped whenever a stored type of the model changes shape; the
/// toets version check catches released changes, this one changes in between.
const FORMAT: u8 = 2;
const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Why stored bytes are not a rule set this toets can load.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum ArtefactError {
    /// Not a stored rule set at all.
    #[error("these bytes are not a compiled toets rule set")]
    #[diagnostic(
        code(toets::artefact::not_a_rule_set),
        help("compile the rule files instead")
    )]
    NotARuleSet,
    /// Written by another toets or format version.
    #[error(
        "the compiled rule set was written by toets `{version}` (format {format}); this is toets `{VERSION}` (format {FORMAT})"
    )]
    #[diagnostic(
        code(toets::artefact::version),
        help("compile the rule files again with this toets")
    )]
    OtherVersion {
        /// The version that wrote it.
        version: String,
        /// Its format.
        format: u8,
    },
    /// The payload does not decode.
    #[error("the compiled rule set is damaged: {reason}")]
    #[diagnostic(code(toets::artefact::damaged), help("compile the rule files again"))]
    Damaged {
        /// What the decoder said.
        reason: String,
    },
}

impl RuleSet {
    /// The rule set compiled, as bytes for [`RuleSet::from_artefact`].
    pub fn to_artefact(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(64 * 1024);
        out.extend_from_slice(MAGIC);
        out.push(FORMAT);
        out.push(u8::try_from(VERSION.len()).unwrap_or(u8::MAX));
        out.extend_from_slice(VERSION.as_bytes());
        // Serialising plain data into a vector cannot fail; an empty payload
        // would be refused on loading, never misread.
        if let Ok(body) = postcard::to_allocvec(self) {
            out.extend_from_slice(&body);
        }
        out
    }

    /// Loads a rule set stored by [`RuleSet::to_artefact`].
    ///
    /// # Errors
    /// [`ArtefactError`] if the bytes are not a rule set, come from another
    /// toets or format version, or are damaged.
    pub fn from_artefact(bytes: &[u8]) -> Result<RuleSet, ArtefactError> {
        let rest = bytes
            .strip_prefix(MAGIC.as_slice())
            .ok_or(ArtefactError::NotARuleSet)?;
        let (&format, rest) = rest.split_first().ok_or(ArtefactError::NotARuleSet)?;
        let (&len, rest) = rest.split_first().ok_or(ArtefactError::NotARuleSet)?;
        let len = usize::from(len);
        let (version, body) = (rest.get(..len), rest.get(len..));
        let version = version
            .and_then(|v| std::str::from_utf8(v).ok())
            .ok_or(ArtefactError::NotARuleSet)?;
        if format != FORMAT || version != VERSION {
            return Err(ArtefactError::OtherVersion {
                version: version.to_owned(),
                format,
            });
        }
        let (rules, left) = postcard::take_from_bytes::<RuleSet>(body.unwrap_or_default())
            .map_err(|e| ArtefactError::Damaged {
                reason: e.to_string(),
            })?;
        if !left.is_empty() {
            return Err(ArtefactError::Damaged {
                reason: format!("{} bytes after the end", left.len()),
            });
        }
        Ok(rules)
    }
}

/// A hash map stored in key order, so that a rule set always gives the same
/// bytes (reproducible builds; equal artefacts for equal rules).
pub(crate) mod sorted_map {
    use std::collections::{BTreeMap, HashMap};
    use std::hash::Hash;

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub(crate) fn serialize<K, V, S>(map: &HashMap<K, V>, s: S) -> Result<S::Ok, S::Error>
    where
        K: Serialize + Ord,
        V: Serialize,
        S: Serializer,
    {
        map.iter().collect::<BTreeMap<&K, &V>>().serialize(s)
    }

    pub(crate) fn deserialize<'de, K, V, D>(d: D) -> Result<HashMap<K, V>, D::Error>
    where
        K: Deserialize<'de> + Eq + Hash,
        V: Deserialize<'de>,
        D: Deserializer<'de>,
    {
        HashMap::deserialize(d)
    }
}
