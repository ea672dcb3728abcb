//! A JSON Schema (draft 2020-12) of descriptions, generated from the fact
//! declarations, so that editors can check and complete descriptions.

use serde_json::{Map, Value as Json, json};

use crate::RuleSet;
use crate::model::{Fact, FactType};

fn fact_schema(f: &Fact) -> Json {
    let mut s = match &f.ty {
        FactType::Bool => json!({ "type": ["boolean", "null"] }),
        FactType::Number => json!({ "type": ["number", "null"] }),
        FactType::Date => json!({ "type": ["string", "null"], "format": "date" }),
        FactType::Text => json!({ "type": ["string", "null"] }),
        FactType::OneOf(vs) => {
            let mut values: Vec<Json> = vs.iter().map(|v| json!(v)).collect();
            values.push(Json::Null);
            json!({ "enum": values })
        }
        FactType::SetOf(vs) => json!({
            "type": ["array", "null"],
            "items": { "enum": vs },
            "uniqueItems": true
        }),
    };
    if let Json::Object(map) = &mut s {
        map.insert("title".to_owned(), json!(f.ask.en));
        let mut description = f.ask.nl.clone();
        if let Some(h) = &f.help {
            description = format!("{description}\n\n{}\n\n{}", h.en, h.nl);
        }
        map.insert("description".to_owned(), json!(description));
    }
    s
}

/// Inserts `schema` at the dotted `path` of nested object schemas.
fn insert(root: &mut Map<String, Json>, path: &str, schema: Json) {
    let mut props = root;
    let mut segments = path.split('.').peekable();
    while let Some(seg) = segments.next() {
        if segments.peek().is_none() {
            props.insert(seg.to_owned(), schema);
            return;
        }
        let entry = props.entry(seg.to_owned()).or_insert_with(
            || json!({ "type": "object", "additionalProperties": false, "properties": {} }),
        );
        let Some(next) = entry
            .as_object_mut()
            .and_then(|o| o.get_mut("properties"))
            .and_then(Json::as_object_mut)
        else {
            return;
        };
        props = next;
    }
}

pub(crate) fn description_schema(rules: &RuleSet) -> Json {
    let mut facts = Map::new();
    for f in &rules.facts {
        insert(&mut facts, &f.id, fact_schema(f));
    }
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://toets.invalid/schema/description.json",
        "title": "toets system description",
        "description": "What a government algorithm does, with which data, about whom. Facts left out or null are unknown.",
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "system": {
                "type": "object",
                "additionalProperties": false,
                "properties": {
                    "name": { "type": "string" },
                    "organisation": { "type": "string" },
                    "purpose": { "type": "string" },
                    "contact": { "type": "string" }
                }
            },
            "facts": {
                "type": "object",
                "additionalProperties": false,
                "properties": facts
            }
        }
    })
}
