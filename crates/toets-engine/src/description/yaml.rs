//! A small positioned tree built from saphyr's YAML events (YAML 1.2, so
//! JSON too). Built iteratively with a depth limit: no input can overflow
//! the stack, and anchors and aliases are refused (no "billion laughs").

use saphyr_parser::{Event, Parser, ScalarStyle};

/// A position in the text: character index, one-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Pos {
    pub index: usize,
    pub line: usize,
    pub column: usize,
}

impl From<saphyr_parser::Marker> for Pos {
    fn from(m: saphyr_parser::Marker) -> Self {
        Pos {
            index: m.index(),
            line: m.line(),
            column: m.col() + 1,
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) enum NodeKind {
    /// A scalar; `plain` is false when it was quoted or a block scalar.
    Scalar {
        text: String,
        plain: bool,
    },
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub kind: NodeKind,
    pub pos: Pos,
    pub end: Pos,
}

impl Node {
    pub(crate) fn describe(&self) -> &'static str {
        match &self.kind {
            NodeKind::Scalar { text, plain } => match scalar_kind(text, *plain) {
                Scalar::Null => "null",
                Scalar::Bool(_) => "a boolean",
                Scalar::Number(_) => "a number",
                Scalar::Text => "a text",
            },
            NodeKind::Seq(_) => "a list",
            NodeKind::Map(_) => "a mapping",
        }
    }
}

/// What a YAML 1.2 core-schema scalar means.
pub(crate) enum Scalar {
    Null,
    Bool(bool),
    Number(f64),
    Text,
}

pub(crate) fn scalar_kind(text: &str, plain: bool) -> Scalar {
    if !plain {
        return Scalar::Text;
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => Scalar::Null,
        "true" | "True" | "TRUE" => Scalar::Bool(true),
        "false" | "False" | "FALSE" => Scalar::Bool(false),
        _ => match text.parse::<f64>() {
            Ok(n) if n.is_finite() && !text.contains(['i', 'I', 'n', 'N']) => Scalar::Number(n),
            _ => Scalar::Text,
        },
    }
}

/// Why the text could not be read as a tree.
#[derive(Debug)]
pub(crate) enum ReadError {
    Syntax { message: String, pos: Pos },
    TooDeep { pos: Pos, limit: usize },
    Alias { pos: Pos },
    Empty,
}

enum Frame {
    Seq(Vec<Node>, Pos),
    Map(Vec<(Node, Node)>, Option<Node>, Pos),
}

/// Reads one YAML (or JSON) document.
pub(crate) fn read(text: &str, max_depth: usize) -> Result<Node, ReadError> {
    let mut stack: Vec<Frame> = Vec::new();
    let mut root: Option<Node> = None;
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| {
            let pos: Pos = (*e.marker()).into();
            // saphyr has a nesting limit of its own; report it as ours.
            if e.info().contains("recursion limit") {
                ReadError::TooDeep {
                    pos,
                    limit: max_depth,
                }
            } else {
                ReadError::Syntax {
                    message: e.info().to_owned(),
                    pos,
                }
            }
        })?;
        let pos: Pos = span.start.into();
        let end: Pos = span.end.into();
        let node = match event {
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => continue,
            Event::DocumentStart(_) => {
                if root.is_some() {
                    return Err(ReadError::Syntax {
                        message: "more than one document in the file".to_owned(),
                        pos,
                    });
                }
                continue;
            }
            Event::Alias(_) => return Err(ReadError::Alias { pos }),
            Event::Scalar(value, style, anchor, _) => {
                if anchor != 0 {
                    return Err(ReadError::Alias { pos });
                }
                Node {
                    kind: NodeKind::Scalar {
                        text: value.into_owned(),
                        plain: style == ScalarStyle::Plain,
                    },
                    pos,
                    end,
                }
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if anchor != 0 {
                    return Err(ReadError::Alias { pos });
                }
                if stack.len() >= max_depth {
                    return Err(ReadError::TooDeep {
                        pos,
                        limit: max_depth,
                    });
                }
                stack.push(if matches!(event, Event::SequenceStart(..)) {
                    Frame::Seq(Vec::new(), pos)
                } else {
                    Frame::Map(Vec::new(), None, pos)
                });
                continue;
            }
            Event::SequenceEnd => match stack.pop() {
                Some(Frame::Seq(items, start)) => Node {
                    kind: NodeKind::Seq(items),
                    pos: start,
                    end,
                },
                _ => continue,
            },
            Event::MappingEnd => match stack.pop() {
                Some(Frame::Map(entries, _, start)) => Node {
                    kind: NodeKind::Map(entries),
                    pos: start,
                    end,
                },
                _ => continue,
            },
        };
        match stack.last_mut() {
            None => root = Some(node),
            Some(Frame::Seq(items, _)) => items.push(node),
            Some(Frame::Map(entries, key, _)) => match key.take() {
                None => *key = Some(node),
                Some(k) => entries.push((k, node)),
            },
        }
    }
    root.ok_or(ReadError::Empty)
}
