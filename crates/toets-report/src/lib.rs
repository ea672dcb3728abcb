//! toets
