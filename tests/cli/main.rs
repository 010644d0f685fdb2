//! The one integration-test binary: every test here drives the real `psyscore` binary on
//! fixtures in `tests/data/`.

mod builtin_scales;
mod compare;
mod describe;
mod help;
mod hostile;
mod readme;
mod scales;
mod score;
mod sql;
mod study;
mod util;
