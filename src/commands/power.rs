//! `psyscore power paired|groups|anova|mixed`: power, sample size or the detectable effect of a
//! planned study (see [`crate::stats::power`]).

use std::io::Write;

use anyhow::Result;
use serde_json::{Map, Value as Json, json};

use super::write_report;
use crate::cli::{
    AlternativeArg, Format, ParentArg, PowerAnovaArgs, PowerCommand, PowerCommonArgs,
    PowerGroupsArgs, PowerMixedArgs, PowerPairedArgs, TermArg,
};
use crate::error::UsageError;
use crate::output::{Value, number_cell, row_writer};
use crate::stats::Alternative;
use crate::stats::power::{
    Design, Given, Mixed, Parent, Power, SampleSize, SolveFor, Term, solve, solve_mixed,
};

/// Runs `psyscore power …`.
pub fn run(command: &PowerCommand) -> Result<()> {
    match command {
        PowerCommand::Paired(args) => paired(args),
        PowerCommand::Groups(args) => groups(args),
        PowerCommand::Anova(args) => anova(args),
        PowerCommand::Mixed(args) => mixed(args),
    }
}

fn paired(args: &PowerPairedArgs) -> Result<()> {
    let n = args.n.map(|n1| SampleSize { n1, n2: None });
    let design = match args.rank {
        None => Design::Paired,
        Some(parent) => Design::SignedRank {
            parent: parent_of(parent),
        },
    };
    let request = Request {
        design,
        effect_flag: "--d",
        alternative: Some(args.alternative),
        common: &args.common,
    };
    request.run(n, args.d)
}

fn groups(args: &PowerGroupsArgs) -> Result<()> {
    let n = match args.n[..] {
        [] => None,
        [n] => Some(SampleSize { n1: n, n2: None }),
        [n1, n2] => Some(SampleSize { n1, n2: Some(n2) }),
        _ => {
            return Err(UsageError(format!(
                "--n takes one size per group or two, N1,N2: got {} numbers",
                args.n.len()
            ))
            .into());
        }
    };
    let design = match args.rank {
        None => Design::Groups { ratio: args.ratio },
        Some(parent) => Design::RankSum {
            ratio: args.ratio,
            parent: parent_of(parent),
        },
    };
    let request = Request {
        design,
        effect_flag: "--d",
        alternative: Some(args.alternative),
        common: &args.common,
    };
    request.run(n, args.d)
}

fn anova(args: &PowerAnovaArgs) -> Result<()> {
    let n = args.n.map(|n1| SampleSize { n1, n2: None });
    let request = Request {
        design: Design::Anova {
            groups: args.groups,
        },
        effect_flag: "--f",
        alternative: None,
        common: &args.common,
    };
    request.run(n, args.f)
}

fn parent_of(parent: ParentArg) -> Parent {
    match parent {
        ParentArg::Normal => Parent::Normal,
        ParentArg::Laplace => Parent::Laplace,
        ParentArg::Logistic => Parent::Logistic,
    }
}

/// The parent distribution of a rank test.
fn parent_in(design: Design) -> Option<Parent> {
    match design {
        Design::SignedRank { parent } | Design::RankSum { parent, .. } => Some(parent),
        _ => None,
    }
}

/// One `power` command line.
struct Request<'a> {
    design: Design,
    /// `--d` or `--f`, for messages.
    effect_flag: &'static str,
    /// The t-tests' alternative; `None` for the ANOVA.
    alternative: Option<AlternativeArg>,
    common: &'a PowerCommonArgs,
}

impl Request<'_> {
    fn run(&self, n: Option<SampleSize>, effect: Option<f64>) -> Result<()> {
        let given = given_of(n, effect, self.common.power, self.effect_flag)?;
        let alternative = self.alternative.map_or(Alternative::TwoSided, Into::into);
        let answer = solve(self.design, self.common.alpha, alternative, given)?;
        let written = write_report(self.common.format, &self.common.csv, |out, format| {
            if format == Format::Json {
                serde_json::to_writer_pretty(&mut *out, &self.json(&answer))?;
                writeln!(out)
            } else {
                self.table(out, format, &answer)
            }
        });
        written.map(|_| ())
    }

    fn test_name(&self) -> &'static str {
        match self.design {
            Design::Paired => "paired",
            Design::Groups { .. } => "groups",
            Design::SignedRank { .. } => "signed-rank",
            Design::RankSum { .. } => "rank-sum",
            Design::Anova { .. } => "anova",
        }
    }

    fn alternative_name(&self) -> Option<&'static str> {
        self.alternative.map(|alternative| match alternative {
            AlternativeArg::TwoSided => "two-sided",
            AlternativeArg::Less => "less",
            AlternativeArg::Greater => "greater",
        })
    }

    fn json(&self, answer: &Power) -> Json {
        let mut object = Map::new();
        object.insert("test".into(), json!(self.test_name()));
        object.insert("solve_for".into(), json!(solve_for_name(answer.solve_for)));
        object.insert("alpha".into(), json!(answer.alpha));
        if let Some(alternative) = self.alternative_name() {
            object.insert("alternative".into(), json!(alternative));
        }
        object.insert("power".into(), json!(answer.power));
        match (self.design, answer.n.n2) {
            (Design::Groups { .. } | Design::RankSum { .. }, Some(n2)) => {
                object.insert("n1".into(), json!(answer.n.n1));
                object.insert("n2".into(), json!(n2));
            }
            _ => {
                object.insert("n".into(), json!(answer.n.n1));
            }
        }
        if let Design::Anova { groups } = self.design {
            object.insert("groups".into(), json!(groups));
        }
        if let Some(parent) = parent_in(self.design) {
            object.insert("parent".into(), json!(parent.name()));
            object.insert("are".into(), json!(parent.are()));
        }
        object.insert("effect".into(), json!(answer.effect));
        object.insert("achieved_power".into(), json!(answer.achieved_power));
        object.insert("noncentrality".into(), json!(answer.noncentrality));
        object.insert("critical".into(), json!(answer.critical));
        let df = match answer.df {
            (df, None) => df_json(df),
            (df1, Some(df2)) => json!([df_json(df1), df_json(df2)]),
        };
        object.insert("df".into(), df);
        Json::Object(object)
    }

    fn table(&self, out: &mut dyn Write, format: Format, answer: &Power) -> std::io::Result<()> {
        let human = format != Format::Csv;
        let number = |value: f64, decimals: usize| number_cell(Some(value), decimals, human);
        let (test, effect, noncentrality, critical) = match self.design {
            Design::Paired => (
                "paired t-test",
                "effect d_z",
                "noncentrality δ",
                "critical t",
            ),
            Design::Groups { .. } => (
                "two-sample t-test",
                "effect d",
                "noncentrality δ",
                "critical t",
            ),
            Design::SignedRank { .. } => (
                "Wilcoxon signed-rank (A.R.E.)",
                "effect d_z",
                "noncentrality δ",
                "critical t",
            ),
            Design::RankSum { .. } => (
                "Wilcoxon–Mann–Whitney (A.R.E.)",
                "effect d",
                "noncentrality δ",
                "critical t",
            ),
            Design::Anova { .. } => ("one-way ANOVA", "effect f", "noncentrality λ", "critical F"),
        };
        let mut rows: Vec<(&str, String)> = vec![
            ("test", test.to_owned()),
            ("solved for", solve_for_name(answer.solve_for).to_owned()),
        ];
        if let Some(alternative) = self.alternative_name() {
            rows.push(("alternative", alternative.to_owned()));
        }
        rows.push(("alpha", number(answer.alpha, 3)));
        if answer.solve_for != SolveFor::Power {
            rows.push(("power asked", number(answer.power, 3)));
        }
        match self.design {
            Design::Paired | Design::SignedRank { .. } => {
                rows.push(("n (pairs)", answer.n.n1.to_string()));
            }
            Design::Groups { .. } | Design::RankSum { .. } => {
                rows.push(("n1", answer.n.n1.to_string()));
                rows.push(("n2", answer.n.n2.unwrap_or(answer.n.n1).to_string()));
            }
            Design::Anova { groups } => {
                rows.push(("groups", groups.to_string()));
                rows.push(("n per group", answer.n.n1.to_string()));
            }
        }
        if let Some(parent) = parent_in(self.design) {
            rows.push(("parent", parent.name().to_owned()));
            rows.push(("A.R.E.", number(parent.are(), 4)));
        }
        rows.push((effect, number(answer.effect, 4)));
        let achieved = if answer.solve_for == SolveFor::Power {
            "power"
        } else {
            "achieved power"
        };
        rows.push((achieved, number(answer.achieved_power, 4)));
        rows.push((noncentrality, number(answer.noncentrality, 4)));
        rows.push((critical, number(answer.critical, 4)));
        match answer.df {
            (df, None) => rows.push(("df", df_cell(df, human))),
            (df1, Some(df2)) => {
                rows.push(("df1", df_cell(df1, human)));
                rows.push(("df2", df_cell(df2, human)));
            }
        }
        write_rows(out, format, &rows)
    }
}

/// Writes the `quantity, value` table of an answer.
fn write_rows(out: &mut dyn Write, format: Format, rows: &[(&str, String)]) -> std::io::Result<()> {
    let mut writer = row_writer(format, Box::new(out));
    writer.header(&["quantity".to_owned(), "value".to_owned()])?;
    for (name, value) in rows {
        writer.cell(Value::Text(name))?;
        writer.cell(Value::Text(value))?;
        writer.end_row()?;
    }
    writer.finish()
}

/// The given-two-of-three of a command line: which of n, the power and the effect is solved for.
fn given_of<N>(
    n: Option<N>,
    effect: Option<f64>,
    power: Option<f64>,
    effect_flag: &str,
) -> Result<Given<N>> {
    match (n, effect, power) {
        (None, Some(effect), Some(power)) => Ok(Given::EffectPower { effect, power }),
        (Some(n), Some(effect), None) => Ok(Given::SizeEffect { n, effect }),
        (Some(n), None, Some(power)) => Ok(Given::SizePower { n, power }),
        _ => Err(UsageError(format!(
            "give exactly two of --n, --power and {effect_flag}: the one left out is solved for (e.g. {effect_flag} 0.5 --power 0.8 for the sample size)"
        ))
        .into()),
    }
}

fn mixed(args: &PowerMixedArgs) -> Result<()> {
    let term = match args.term {
        TermArg::Interaction => Term::Interaction,
        TermArg::Within => Term::Within,
        TermArg::Between => Term::Between,
    };
    if term == Term::Between && args.eps.is_some() {
        return Err(UsageError(
            "--eps applies to the within and interaction terms only: the between term has no nonsphericity correction; leave --eps out".to_owned(),
        )
        .into());
    }
    let n = match args.n[..] {
        [] => None,
        [n] => Some(vec![n; usize::try_from(args.groups).unwrap_or(0)]),
        ref sizes if sizes.len() as u64 == args.groups => Some(sizes.to_vec()),
        _ => {
            return Err(UsageError(format!(
                "--n takes one size for every group or one per group (N1,N2,...): got {} numbers for {} groups",
                args.n.len(),
                args.groups
            ))
            .into());
        }
    };
    let design = Mixed {
        term,
        groups: args.groups,
        waves: args.waves,
        rho: args.rho,
        eps: args.eps.unwrap_or(1.0),
    };
    let given = given_of(n, args.f, args.common.power, "--f")?;
    let answer = solve_mixed(design, args.common.alpha, given)?;
    let written = write_report(args.common.format, &args.common.csv, |out, format| {
        if format == Format::Json {
            serde_json::to_writer_pretty(&mut *out, &mixed_json(design, &answer))?;
            writeln!(out)
        } else {
            write_rows(out, format, &mixed_rows(design, format, &answer))
        }
    });
    written.map(|_| ())
}

/// A degree of freedom for the table: whole, or to 3 decimals (A.R.E. and ε make fractions).
fn df_cell(df: f64, human: bool) -> String {
    number_cell(Some(df), if df.fract() == 0.0 { 0 } else { 3 }, human)
}

/// A degree of freedom as JSON: an integer when whole.
fn df_json(df: f64) -> Json {
    if df.fract() == 0.0 {
        json!(df as u64)
    } else {
        json!(df)
    }
}

fn mixed_json(design: Mixed, answer: &Power<Vec<u64>>) -> Json {
    let mut object = Map::new();
    object.insert("test".into(), json!("mixed"));
    object.insert("term".into(), json!(design.term.name()));
    object.insert("solve_for".into(), json!(solve_for_name(answer.solve_for)));
    object.insert("alpha".into(), json!(answer.alpha));
    object.insert("power".into(), json!(answer.power));
    object.insert("groups".into(), json!(design.groups));
    object.insert("waves".into(), json!(design.waves));
    object.insert("rho".into(), json!(design.rho));
    if design.term != Term::Between {
        object.insert("eps".into(), json!(design.eps));
    }
    object.insert("n".into(), json!(answer.n));
    object.insert("n_total".into(), json!(answer.n.iter().sum::<u64>()));
    object.insert("effect".into(), json!(answer.effect));
    object.insert("achieved_power".into(), json!(answer.achieved_power));
    object.insert("noncentrality".into(), json!(answer.noncentrality));
    object.insert("critical".into(), json!(answer.critical));
    let (df1, df2) = (answer.df.0, answer.df.1.unwrap_or(f64::NAN));
    object.insert("df".into(), json!([df_json(df1), df_json(df2)]));
    Json::Object(object)
}

fn mixed_rows(
    design: Mixed,
    format: Format,
    answer: &Power<Vec<u64>>,
) -> Vec<(&'static str, String)> {
    let human = format != Format::Csv;
    let number = |value: f64, decimals: usize| number_cell(Some(value), decimals, human);
    let test = match design.term {
        Term::Interaction => "mixed ANOVA, group × wave interaction",
        Term::Within => "mixed ANOVA, within (waves)",
        Term::Between => "mixed ANOVA, between (groups)",
    };
    let mut rows: Vec<(&str, String)> = vec![
        ("test", test.to_owned()),
        ("solved for", solve_for_name(answer.solve_for).to_owned()),
        ("alpha", number(answer.alpha, 3)),
    ];
    if answer.solve_for != SolveFor::Power {
        rows.push(("power asked", number(answer.power, 3)));
    }
    rows.push(("groups", design.groups.to_string()));
    rows.push(("waves", design.waves.to_string()));
    rows.push(("correlation among waves ρ", number(design.rho, 3)));
    if design.term != Term::Between {
        rows.push(("nonsphericity ε", number(design.eps, 3)));
    }
    let sizes: Vec<String> = answer.n.iter().map(u64::to_string).collect();
    rows.push(("n per group", sizes.join(", ")));
    rows.push(("N in all", answer.n.iter().sum::<u64>().to_string()));
    rows.push(("effect f", number(answer.effect, 4)));
    let achieved = if answer.solve_for == SolveFor::Power {
        "power"
    } else {
        "achieved power"
    };
    rows.push((achieved, number(answer.achieved_power, 4)));
    rows.push(("noncentrality λ", number(answer.noncentrality, 4)));
    rows.push(("critical F", number(answer.critical, 4)));
    rows.push(("df1", df_cell(answer.df.0, human)));
    rows.push(("df2", df_cell(answer.df.1.unwrap_or(f64::NAN), human)));
    rows
}

fn solve_for_name(solve_for: SolveFor) -> &'static str {
    match solve_for {
        SolveFor::N => "n",
        SolveFor::Power => "power",
        SolveFor::Effect => "effect",
    }
}
