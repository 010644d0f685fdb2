//! The people of an analysis: the measures read from each sheet ([`measures`]), matched across
//! the times by id with each person's group agreed and everyone left out named ([`pairing`]),
//! and split into waves ([`waves`]).

pub mod characteristics;
pub mod measures;
pub mod pairing;
pub mod waves;
