//! Tests of the ordered parallel map ([`super::ordered`]).

use std::cell::Cell;

use super::ordered::{Chunks, map_ordered};

fn chunks(max_items: usize, max_weight: usize) -> Chunks {
    Chunks {
        max_items,
        max_weight,
    }
}

/// Maps `0..n` with a little uneven work, so that later items often
/// finish first, and returns what reached the sink.
fn run(n: usize, c: Chunks) -> Vec<usize> {
    let mut out = Vec::new();
    let done: Result<(), ()> = map_ordered(
        (0..n).map(Ok),
        c,
        |_| 1,
        |i| {
            // More work for early items of each chunk.
            let spin = (n - i) % 7 * 2_000;
            let mut x = i;
            for k in 0..spin {
                x = std::hint::black_box(x ^ k);
            }
            std::hint::black_box(x);
            i * 10
        },
        |o| {
            out.push(o);
            Ok(())
        },
    );
    assert_eq!(done, Ok(()));
    out
}

#[test]
fn keeps_the_order_across_chunks() {
    for (n, size) in [
        (0, 4),
        (1, 4),
        (4, 4),
        (5, 4),
        (1000, 3),
        (1000, 256),
        (7, 1),
    ] {
        let expected: Vec<usize> = (0..n).map(|i| i * 10).collect();
        assert_eq!(
            run(n, chunks(size, usize::MAX)),
            expected,
            "n {n}, chunk {size}"
        );
    }
}

#[test]
fn a_chunk_of_zero_is_a_chunk_of_one() {
    assert_eq!(run(3, chunks(0, 0)), vec![0, 10, 20]);
}

/// Never more than one chunk of items is read ahead of the sink.
#[test]
fn reads_at_most_one_chunk_ahead() {
    for (size, weight, each, ahead) in [(8, usize::MAX, 1, 8), (256, 10, 3, 4)] {
        let read = Cell::new(0usize);
        let mut sunk = 0usize;
        let mut most = 0usize;
        let items = (0..100).map(|i| {
            read.set(read.get() + 1);
            Ok::<usize, ()>(i)
        });
        let done = map_ordered(
            items,
            chunks(size, weight),
            |_| each,
            |i| i,
            |_| {
                most = most.max(read.get() - sunk);
                sunk += 1;
                Ok(())
            },
        );
        assert_eq!(done, Ok(()));
        assert_eq!(sunk, 100);
        assert_eq!(most, ahead, "chunk {size}, weight {weight}");
    }
}

#[test]
fn an_input_error_comes_after_the_items_before_it() {
    let items = (0..10).map(|i| if i == 6 { Err("broken") } else { Ok(i) });
    let mut out = Vec::new();
    let done = map_ordered(
        items,
        chunks(4, usize::MAX),
        |_| 1,
        |i| i,
        |o| {
            out.push(o);
            Ok(())
        },
    );
    assert_eq!(done, Err("broken"));
    assert_eq!(out, vec![0, 1, 2, 3, 4, 5]);
}

#[test]
fn a_sink_error_stops_reading() {
    let read = Cell::new(0usize);
    let items = (0..100).map(|i| {
        read.set(read.get() + 1);
        Ok::<usize, &str>(i)
    });
    let done = map_ordered(
        items,
        chunks(10, usize::MAX),
        |_| 1,
        |i| i,
        |o| if o == 3 { Err("full") } else { Ok(()) },
    );
    assert_eq!(done, Err("full"));
    assert_eq!(read.get(), 10);
}

#[test]
#[expect(
    clippy::expect_used,
    reason = "a test stops at the first thing that goes wrong"
)]
fn runs_on_more_than_one_thread() {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .expect("a pool of two threads");
    let mut threads = std::collections::BTreeSet::new();
    let done: Result<(), ()> = pool.install(|| {
        map_ordered(
            (0..64).map(Ok),
            chunks(64, usize::MAX),
            |_| 1,
            |_| {
                std::thread::sleep(std::time::Duration::from_millis(2));
                std::thread::current().id()
            },
            |id| {
                threads.insert(format!("{id:?}"));
                Ok(())
            },
        )
    });
    assert_eq!(done, Ok(()));
    assert!(threads.len() >= 2, "{threads:?}");
}
