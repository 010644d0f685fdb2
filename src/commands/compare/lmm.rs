//! `psyscore compare lmm`: the waves read as `compare mixed` reads them, everyone with a score at
//! any wave kept, the mixed model fitted per measure.

use anyhow::Result;

use super::waves::{parse_waves, select_groups, wave_source, write};
use crate::analysis::lmm::{LmmOptions, lmm_report, write_lmm};
use crate::cli::LmmArgs;
use crate::commands::measures::MeasureSource;
use crate::commands::waves::{WaveSource, read_waves_with};

/// Runs `psyscore compare lmm`.
pub fn run(args: &LmmArgs) -> Result<()> {
    let source = MeasureSource::new(&args.measure)?;
    let wide = parse_waves(&args.waves.wave)?;
    let covariates: Vec<&str> = args.covariate.iter().map(String::as_str).collect();
    let waves_source: WaveSource = wave_source(&args.waves, &wide)?;
    let waves = read_waves_with(
        &source,
        &args.measure,
        waves_source,
        &args.waves.id,
        args.group.as_deref(),
        &covariates,
    )?;
    let groups = match &args.group {
        Some(column) => {
            let mut groups = select_groups(&waves, column, &args.levels, args.control.as_ref())?;
            // The reference level of the model comes first.
            if let Some(at) = args
                .control
                .as_ref()
                .and_then(|c| groups.iter().position(|g| g == c))
            {
                let control = groups.remove(at);
                groups.insert(0, control);
            }
            groups
        }
        None => Vec::new(),
    };
    let options = LmmOptions {
        groups,
        group_column: args.group.clone(),
        control: args.control.clone(),
        covariates: args.covariate.clone(),
        reml: !args.ml,
        conf: args.conf,
    };
    let report = lmm_report(waves, &options)?;
    write(&report, &args.format, &args.csv, write_lmm)
}
