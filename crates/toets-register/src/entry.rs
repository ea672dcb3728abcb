//! Typed, path-aware reading of one register entry. Only the fields the
//! mapping reads are checked; any other field may hold anything.

use serde_json::{Map, Value};

use crate::RegisterError;

/// A text field: where it stands and its trimmed, non-empty value.
#[derive(Debug, Clone)]
pub(crate) struct Text {
    pub path: String,
    pub value: String,
}

/// One `{title, link}` item of a `*_grouping` list, or the pair of a
/// standard's `*_title` and `*_link` fields.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub path: String,
    pub title: Option<String>,
    pub link: Option<String>,
}

/// One register entry (a JSON object) and the JSON path it stands at.
pub(crate) struct Entry<'a> {
    pub base: String,
    map: &'a Map<String, Value>,
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn shape(path: String, expected: &'static str, found: &Value) -> RegisterError {
    RegisterError::Shape {
        path,
        expected,
        found: kind(found),
    }
}

/// Trims a text; an empty text is no text.
fn clean(text: &str) -> Option<String> {
    let trimmed = text.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

impl<'a> Entry<'a> {
    pub fn new(base: String, value: &'a Value) -> Result<Self, RegisterError> {
        match value {
            Value::Object(map) => Ok(Entry { base, map }),
            other => Err(shape(base, "a register entry (an object)", other)),
        }
    }

    fn path(&self, key: &str) -> String {
        format!("{}.{key}", self.base)
    }

    /// The first of `keys` that holds a non-empty text. A key holding
    /// something other than a text or null is an error.
    pub fn text(&self, keys: &[&str]) -> Result<Option<Text>, RegisterError> {
        let mut found = None;
        for key in keys {
            match self.map.get(*key) {
                None | Some(Value::Null) => {}
                Some(Value::String(s)) => {
                    if found.is_none()
                        && let Some(value) = clean(s)
                    {
                        found = Some(Text {
                            path: self.path(key),
                            value,
                        });
                    }
                }
                Some(other) => return Err(shape(self.path(key), "a text or null", other)),
            }
        }
        Ok(found)
    }

    /// The register's id of the entry (`id`, else `source_id`), read
    /// leniently: it is only passed on.
    pub fn id(&self) -> Option<String> {
        ["id", "source_id"]
            .iter()
            .find_map(|key| match self.map.get(*key) {
                Some(Value::String(s)) => clean(s),
                Some(Value::Number(n)) => Some(n.to_string()),
                _ => None,
            })
    }

    /// Whether `key` holds something: not absent, null, blank or an empty
    /// list. Used for fields that are only noted, never read, so any type
    /// is accepted.
    pub fn has(&self, key: &str) -> bool {
        match self.map.get(key) {
            None | Some(Value::Null) => false,
            Some(Value::String(s)) => !s.trim().is_empty(),
            Some(Value::Array(items)) => !items.is_empty(),
            Some(_) => true,
        }
    }

    /// The non-empty texts of a list of texts (`theme`, `category`).
    pub fn texts(&self, key: &str) -> Result<Vec<Text>, RegisterError> {
        let path = self.path(key);
        match self.map.get(key) {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Array(items)) => {
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    let item_path = format!("{path}[{i}]");
                    match item {
                        Value::Null => {}
                        Value::String(s) => {
                            if let Some(value) = clean(s) {
                                out.push(Text {
                                    path: item_path,
                                    value,
                                });
                            }
                        }
                        other => return Err(shape(item_path, "a text", other)),
                    }
                }
                Ok(out)
            }
            Some(other) => Err(shape(path, "a list of texts or null", other)),
        }
    }

    /// The items of a `*_grouping` list: objects with an optional `title`
    /// and `link`. Items with neither are left out.
    pub fn items(&self, key: &str) -> Result<Vec<Item>, RegisterError> {
        let path = self.path(key);
        let items = match self.map.get(key) {
            None | Some(Value::Null) => return Ok(Vec::new()),
            Some(Value::Array(items)) => items,
            Some(other) => {
                return Err(shape(
                    path,
                    "a list of {title, link} objects or null",
                    other,
                ));
            }
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let item_path = format!("{path}[{i}]");
            let Value::Object(fields) = item else {
                return Err(shape(item_path, "an object with `title` and `link`", item));
            };
            let get = |name: &str| match fields.get(name) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(clean(s)),
                Some(other) => Err(shape(
                    format!("{item_path}.{name}"),
                    "a text or null",
                    other,
                )),
            };
            let title = get("title")?;
            let link = get("link")?;
            if title.is_some() || link.is_some() {
                out.push(Item {
                    path: item_path,
                    title,
                    link,
                });
            }
        }
        Ok(out)
    }

    /// A standard's `*_title` / `*_link` pair as one item, if either is given.
    pub fn pair(&self, title: &str, link: &str) -> Result<Option<Item>, RegisterError> {
        let t = self.text(&[title])?;
        let l = self.text(&[link])?;
        let path = match (&t, &l) {
            (Some(t), _) => t.path.clone(),
            (None, Some(l)) => l.path.clone(),
            (None, None) => return Ok(None),
        };
        Ok(Some(Item {
            path,
            title: t.map(|t| t.value),
            link: l.map(|l| l.value),
        }))
    }
}
