//! Shared by the Beslishulp tests: the tree, the translation of its answers
//! into facts, and the classification on both sides.

mod translation;
mod tree;
mod view;

pub(crate) use translation::*;
pub(crate) use tree::*;
pub(crate) use view::*;
