//! `psyscore study STUDY.toml [-o OUTDIR]`: the whole evaluation of an intervention study from
//! one study file, run by [`crate::study::run`]; this prints its steps, warnings and summary.

use std::path::{Path, PathBuf};

use anyhow::Result;

use super::outfile::print;
use crate::cli::{LangArg, StudyArgs};
use crate::error::UsageError;
use crate::output::StepProgress;
use crate::study::{Lang, Observer, Study};

/// Runs `psyscore study`.
pub fn run(args: &StudyArgs) -> Result<()> {
    if args.template {
        return print(crate::study::TEMPLATE);
    }
    let Some(path) = &args.study else {
        return Err(UsageError("give a study file, or --template to print one".to_owned()).into());
    };
    let study = Study::load(path)?;
    let lang = match args.lang {
        Some(LangArg::En) => Lang::En,
        Some(LangArg::Zh) => Lang::Zh,
        None => study.lang.unwrap_or(Lang::En),
    };
    let outdir = args.output.clone().unwrap_or_else(|| default_outdir(path));
    let progress = Progress(StepProgress::new(crate::study::steps(&study)));
    // Excel reads a CSV without a byte-order mark in the system's code page: a report in
    // Chinese gets one unless asked not to.
    let bom = args.bom || (lang == Lang::Zh && !args.no_bom);
    let written = crate::study::run(study, lang, &outdir, bom, &progress)?;
    print(&format!(
        "{}: report.html, report.md, results.json, {} tables, {} figures, {} scored sheets\n",
        written.outdir.display(),
        written.tables,
        written.figures,
        written.scored
    ))
}

/// The step bar on standard error, with the study's warnings above it.
struct Progress(StepProgress);

impl Observer for Progress {
    fn step(&self, what: &str) {
        self.0.step(what.to_owned());
    }

    fn warn(&self, message: &str) {
        self.0.warn(message);
    }
}

/// `STUDY-report` in the current folder for `path/STUDY.toml`.
fn default_outdir(study: &Path) -> PathBuf {
    let stem = study
        .file_stem()
        .map_or_else(|| "study".into(), |s| s.to_string_lossy().into_owned());
    PathBuf::from(format!("{stem}-report"))
}
