//! The one integration-test binary: every test here drives the real `psyscore` binary on
//! fixtures in `tests/data/`.

mod arms;
mod baseline;
mod builtin_scales;
mod chinese;
mod coding;
mod compare;
mod describe;
mod docx;
mod edges;
mod help;
mod hostile;
mod labels;
mod lmm;
mod pairing;
mod power;
mod readme;
mod scales;
mod score;
mod sensitivity;
mod sql;
mod study;
mod thesis;
mod util;
mod waves;
