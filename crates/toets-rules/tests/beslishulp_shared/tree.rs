//! Reading the decision tree and walking its paths.

use std::collections::{BTreeMap, BTreeSet};

use saphyr_parser::{Event, Parser};

#[derive(Debug)]
pub(crate) enum Target {
    Question(String),
    Conclusion(String),
}

#[derive(Debug)]
pub(crate) enum Next {
    Go(Target),
    /// Ordered redirects: the first whose condition holds is taken.
    Redirects(Vec<(Cond, Target)>),
}

#[derive(Debug)]
pub(crate) struct Answer {
    pub(crate) answer: String,
    pub(crate) labels: Vec<String>,
    pub(crate) next: Next,
}

#[derive(Debug)]
pub(crate) struct Question {
    pub(crate) id: String,
    pub(crate) answers: Vec<Answer>,
}

pub(crate) struct Tree {
    pub(crate) first: String,
    pub(crate) questions: BTreeMap<String, Question>,
    pub(crate) conclusions: BTreeSet<String>,
}

/// A path under way: the next question, the answers so far and the labels collected.
pub(crate) type Partial = (String, Vec<(String, String)>, Vec<String>);

/// One root-to-conclusion path.
pub(crate) struct TreePath {
    pub(crate) answers: Vec<(String, String)>,
    pub(crate) labels: Vec<String>,
    pub(crate) conclusion: String,
}

impl TreePath {
    pub(crate) fn describe(&self) -> String {
        let steps: Vec<String> = self
            .answers
            .iter()
            .map(|(q, a)| format!("{q}={a:?}"))
            .collect();
        format!("{} -> {}", steps.join(" "), self.conclusion)
    }
}

impl Tree {
    pub(crate) fn parse(text: &str) -> Tree {
        let doc = read_yaml(text);
        let questions_node = doc.get("questions").and_then(Yaml::seq);
        let conclusions_node = doc.get("conclusions").and_then(Yaml::seq);
        let (Some(qs), Some(cs)) = (questions_node, conclusions_node) else {
            panic!("the tree has no `questions` or `conclusions` list")
        };
        let text_of = |node: &Yaml, key: &str| -> String {
            node.get(key)
                .and_then(Yaml::str)
                .unwrap_or_else(|| panic!("missing `{key}` in {node:?}"))
                .to_owned()
        };
        let target = |node: &Yaml| -> Option<Target> {
            if let Some(q) = node.get("nextQuestionId").and_then(Yaml::str) {
                Some(Target::Question(q.to_owned()))
            } else {
                node.get("nextConclusionId")
                    .and_then(Yaml::str)
                    .map(|c| Target::Conclusion(c.to_owned()))
            }
        };
        let mut questions = BTreeMap::new();
        let mut first = None;
        for q in qs {
            let id = text_of(q, "questionId");
            let mut answers = Vec::new();
            for a in q.get("answers").and_then(Yaml::seq).unwrap_or_default() {
                let labels = a
                    .get("labels")
                    .and_then(Yaml::seq)
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|l| l.str().map(str::to_owned))
                    .collect();
                let next = if let Some(t) = target(a) {
                    Next::Go(t)
                } else if let Some(rs) = a.get("redirects").and_then(Yaml::seq) {
                    Next::Redirects(
                        rs.iter()
                            .map(|r| {
                                let cond = Cond::parse(&text_of(r, "if"));
                                let t = target(r)
                                    .unwrap_or_else(|| panic!("redirect without target: {r:?}"));
                                (cond, t)
                            })
                            .collect(),
                    )
                } else {
                    panic!("answer without a next step in question {id}")
                };
                answers.push(Answer {
                    answer: text_of(a, "answer"),
                    labels,
                    next,
                });
            }
            first.get_or_insert_with(|| id.clone());
            questions.insert(id.clone(), Question { id, answers });
        }
        let conclusions = cs.iter().map(|c| text_of(c, "conclusionId")).collect();
        Tree {
            first: first.unwrap_or_else(|| panic!("the tree has no questions")),
            questions,
            conclusions,
        }
    }

    /// Every path from the first question to a conclusion, depth first.
    pub(crate) fn paths(&self) -> Vec<TreePath> {
        let mut out = Vec::new();
        let mut stack: Vec<Partial> = vec![(self.first.clone(), Vec::new(), Vec::new())];
        while let Some((qid, answers, labels)) = stack.pop() {
            assert!(answers.len() < 64, "a cycle in the tree at question {qid}");
            let q = self
                .questions
                .get(&qid)
                .unwrap_or_else(|| panic!("unknown question {qid}"));
            for a in q.answers.iter().rev() {
                let mut answers = answers.clone();
                answers.push((qid.clone(), a.answer.clone()));
                let mut labels = labels.clone();
                labels.extend(a.labels.iter().cloned());
                let target = match &a.next {
                    Next::Go(t) => t,
                    Next::Redirects(rs) => rs
                        .iter()
                        .find(|(c, _)| c.holds(&labels))
                        .map(|(_, t)| t)
                        .unwrap_or_else(|| {
                            panic!("no redirect applies after {qid} = {:?}", a.answer)
                        }),
                };
                match target {
                    Target::Question(next) => stack.push((next.clone(), answers, labels)),
                    Target::Conclusion(c) => {
                        assert!(self.conclusions.contains(c), "unknown conclusion {c}");
                        out.push(TreePath {
                            answers,
                            labels,
                            conclusion: c.clone(),
                        });
                    }
                }
            }
        }
        out
    }
}

/// A redirect condition: `"label" in labels`, `!`, `&&`, `||` and brackets.
#[derive(Debug)]
pub(crate) enum Cond {
    Has(String),
    Not(Box<Cond>),
    And(Box<Cond>, Box<Cond>),
    Or(Box<Cond>, Box<Cond>),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Token {
    Label(String),
    In,
    Labels,
    Not,
    And,
    Or,
    Open,
    Close,
}

impl Cond {
    pub(crate) fn holds(&self, labels: &[String]) -> bool {
        match self {
            Cond::Has(l) => labels.iter().any(|x| x == l),
            Cond::Not(c) => !c.holds(labels),
            Cond::And(a, b) => a.holds(labels) && b.holds(labels),
            Cond::Or(a, b) => a.holds(labels) || b.holds(labels),
        }
    }

    pub(crate) fn parse(text: &str) -> Cond {
        let tokens = tokenize(text);
        let mut pos = 0;
        let cond = parse_or(&tokens, &mut pos, text);
        assert!(pos == tokens.len(), "trailing input in condition {text:?}");
        cond
    }
}

pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' | '\n' => {}
            '"' => {
                let label: String = chars.by_ref().take_while(|&c| c != '"').collect();
                out.push(Token::Label(label));
            }
            '!' => out.push(Token::Not),
            '(' => out.push(Token::Open),
            ')' => out.push(Token::Close),
            '&' | '|' => {
                assert!(chars.next() == Some(c), "single {c} in condition {text:?}");
                out.push(if c == '&' { Token::And } else { Token::Or });
            }
            c if c.is_ascii_alphabetic() => {
                let mut word = String::from(c);
                while let Some(&n) = chars.peek() {
                    if !n.is_ascii_alphabetic() {
                        break;
                    }
                    word.push(n);
                    chars.next();
                }
                out.push(match word.as_str() {
                    "in" => Token::In,
                    "labels" => Token::Labels,
                    _ => panic!("unknown word {word:?} in condition {text:?}"),
                });
            }
            _ => panic!("unexpected {c:?} in condition {text:?}"),
        }
    }
    out
}

pub(crate) fn parse_or(t: &[Token], pos: &mut usize, text: &str) -> Cond {
    let mut left = parse_and(t, pos, text);
    while t.get(*pos) == Some(&Token::Or) {
        *pos += 1;
        let right = parse_and(t, pos, text);
        left = Cond::Or(Box::new(left), Box::new(right));
    }
    left
}

pub(crate) fn parse_and(t: &[Token], pos: &mut usize, text: &str) -> Cond {
    let mut left = parse_unary(t, pos, text);
    while t.get(*pos) == Some(&Token::And) {
        *pos += 1;
        let right = parse_unary(t, pos, text);
        left = Cond::And(Box::new(left), Box::new(right));
    }
    left
}

pub(crate) fn parse_unary(t: &[Token], pos: &mut usize, text: &str) -> Cond {
    let token = t.get(*pos).cloned();
    *pos += 1;
    match token {
        Some(Token::Not) => Cond::Not(Box::new(parse_unary(t, pos, text))),
        Some(Token::Open) => {
            let inner = parse_or(t, pos, text);
            assert!(
                t.get(*pos) == Some(&Token::Close),
                "missing ) in condition {text:?}"
            );
            *pos += 1;
            inner
        }
        Some(Token::Label(l)) => {
            assert!(
                t.get(*pos) == Some(&Token::In) && t.get(*pos + 1) == Some(&Token::Labels),
                "expected `in labels` in condition {text:?}"
            );
            *pos += 2;
            Cond::Has(l)
        }
        other => panic!("unexpected {other:?} in condition {text:?}"),
    }
}

// ------------------------------------------------------------------ a small YAML tree

#[derive(Debug)]
pub(crate) enum Yaml {
    Str(String),
    Seq(Vec<Yaml>),
    Map(Vec<(String, Yaml)>),
}

impl Yaml {
    pub(crate) fn get(&self, key: &str) -> Option<&Yaml> {
        match self {
            Yaml::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub(crate) fn seq(&self) -> Option<&[Yaml]> {
        match self {
            Yaml::Seq(items) => Some(items),
            _ => None,
        }
    }

    pub(crate) fn str(&self) -> Option<&str> {
        match self {
            Yaml::Str(s) => Some(s),
            _ => None,
        }
    }
}

pub(crate) enum Frame {
    Seq(Vec<Yaml>),
    Map(Vec<(String, Yaml)>, Option<String>),
}

/// Reads one YAML document into a tree of texts, lists and mappings (scalars stay texts).
pub(crate) fn read_yaml(text: &str) -> Yaml {
    let mut stack: Vec<Frame> = Vec::new();
    let mut root = None;
    for event in Parser::new_from_str(text) {
        let (event, _) = event.unwrap_or_else(|e| panic!("the tree is not valid YAML: {e}"));
        let node = match event {
            Event::Scalar(value, ..) => Yaml::Str(value.into_owned()),
            Event::SequenceStart(..) => {
                stack.push(Frame::Seq(Vec::new()));
                continue;
            }
            Event::MappingStart(..) => {
                stack.push(Frame::Map(Vec::new(), None));
                continue;
            }
            Event::SequenceEnd => match stack.pop() {
                Some(Frame::Seq(items)) => Yaml::Seq(items),
                _ => panic!("unbalanced YAML sequence"),
            },
            Event::MappingEnd => match stack.pop() {
                Some(Frame::Map(entries, None)) => Yaml::Map(entries),
                _ => panic!("unbalanced YAML mapping"),
            },
            Event::Alias(_) => panic!("YAML aliases are not expected in the tree"),
            _ => continue,
        };
        match stack.last_mut() {
            None => root = Some(node),
            Some(Frame::Seq(items)) => items.push(node),
            Some(Frame::Map(entries, key)) => match key.take() {
                None => match node {
                    Yaml::Str(k) => *key = Some(k),
                    other => panic!("a YAML key that is not text: {other:?}"),
                },
                Some(k) => entries.push((k, node)),
            },
        }
    }
    root.unwrap_or_else(|| panic!("the tree is empty"))
}
