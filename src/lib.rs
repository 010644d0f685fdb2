//! psyscore: psychometric scoring and the statistics of intervention studies.
//!
//! The library behind the `psyscore` command. Questionnaires are defined in TOML
//! ([`scale`]), response sheets are read by [`sheet`], scored by [`score`] and written by
//! [`output`]; [`stats`] holds the statistics, [`compare`] the comparisons of an intervention
//! study built on them, [`study`] the study files and [`report`] the report they produce;
//! [`sql`] writes the scoring as SQL; [`commands`] ties them to the command line defined in
//! [`cli`].

pub mod analysis;
pub mod cli;
pub mod commands;
pub mod compare;
pub mod data;
pub mod error;
pub mod output;
pub mod report;
pub mod scale;
pub mod score;
pub mod sheet;
pub mod sql;
pub mod stats;
pub mod study;

pub use commands::run;
pub use error::exit_code;
