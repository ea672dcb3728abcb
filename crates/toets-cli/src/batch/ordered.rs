//! A parallel map that keeps the input order and bounds memory.
//!
//! Items are taken from an iterator in chunks of at most
//! [`Chunks::max_items`] items or [`Chunks::max_weight`] weight (bytes of
//! text, say), whichever is reached first, and never fewer than one item.
//! Each chunk is mapped in parallel on rayon's pool; its results are handed
//! to the sink in input order before the next chunk is read. At most one
//! chunk of items and one of results are held at a time, however long the
//! input is.

use rayon::prelude::*;

/// How large a chunk may grow.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Chunks {
    /// Most items in one chunk.
    pub(crate) max_items: usize,
    /// Most total weight in one chunk; the item that reaches it ends the chunk.
    pub(crate) max_weight: usize,
}

/// Maps `items` with `work` in parallel, handing each result to `sink` in
/// the order of the items.
///
/// An `Err` from the iterator ends the input: the items before it are still
/// mapped and sunk, then the error is returned. An `Err` from the sink stops
/// at once; no further item is read.
///
/// # Errors
/// The first error of the iterator or the sink.
pub(crate) fn map_ordered<I, O, E>(
    items: impl IntoIterator<Item = Result<I, E>>,
    chunks: Chunks,
    weight: impl Fn(&I) -> usize,
    work: impl Fn(I) -> O + Sync + Send,
    mut sink: impl FnMut(O) -> Result<(), E>,
) -> Result<(), E>
where
    I: Send,
    O: Send,
{
    let max_items = chunks.max_items.max(1);
    let mut items = items.into_iter();
    loop {
        let mut chunk = Vec::with_capacity(max_items.min(1024));
        let mut total = 0usize;
        let mut ended = None;
        while chunk.len() < max_items && total < chunks.max_weight.max(1) {
            match items.next() {
                Some(Ok(item)) => {
                    total = total.saturating_add(weight(&item));
                    chunk.push(item);
                }
                Some(Err(e)) => {
                    ended = Some(Err(e));
                    break;
                }
                None => {
                    ended = Some(Ok(()));
                    break;
                }
            }
        }
        let results: Vec<O> = chunk.into_par_iter().map(&work).collect();
        for result in results {
            sink(result)?;
        }
        if let Some(end) = ended {
            return end;
        }
    }
}
