//! The command line: clap derive types only.

use std::path::PathBuf;

pub use crate::output::Format;
use clap::{Args, Parser, Subcommand, ValueEnum};

/// Score psychological questionnaires and analyse small intervention studies.
#[derive(Debug, Parser)]
#[command(name = "psyscore", version, about, long_about = None)]
#[command(
    after_help = "Exit codes: 0 success, 1 other error, 2 wrong command-line options, \
3 problem in a questionnaire or study definition, 4 problem in the sheet of answers."
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Score a sheet of questionnaire answers (CSV, TSV or Excel): one output row per
    /// respondent, in input order.
    Score(ScoreArgs),
    /// Compare pre vs post (paired), two groups, or groups adjusted for baseline (ANCOVA).
    #[command(subcommand)]
    Compare(CompareCommand),
    /// Reliability of each subscale and the total in this sample: Cronbach's alpha with its
    /// Feldt CI, standardized alpha, McDonald's omega, and per item r.drop and alpha if deleted.
    Reliability(ReliabilityArgs),
    /// Describe the scores: n, mean, SD, SE, median, quartiles, range, skewness and kurtosis
    /// with SEs, band counts, per group and time.
    Describe(DescribeArgs),
    /// The participants' characteristics by group ("Table 1", 一般资料): n (%) per level with
    /// Pearson's χ², Fisher's exact test and Cramér's V; M (SD) and Mdn [Q1, Q3] with the
    /// t-tests (or ANOVAs) and Mann–Whitney (or Kruskal–Wallis).
    Baseline(BaselineArgs),
    /// Reliable change of each person (Jacobson & Truax): pre, post, RCI and whether the change
    /// is reliable, for case work and small groups.
    Change(ChangeArgs),
    /// Run a whole evaluation from one study file: scoring, descriptives, reliability,
    /// baseline, pre/post within groups, ANCOVA between groups, individual change; writes a
    /// report (HTML and Markdown), every table as CSV, results.json and the scored data.
    Study(StudyArgs),
    /// List, show and check questionnaire definitions.
    #[command(subcommand)]
    Scales(ScalesCommand),
    /// Print one SQL query that scores a table of answers inside DuckDB, PostgreSQL or Spark,
    /// giving the columns of `score --invalid missing`.
    Sql(SqlArgs),
    /// Plan a study: the power of a test, the sample size a power needs, or the smallest effect
    /// a sample detects (whichever of --n, --power and the effect is left out), as R's pwr and
    /// G*Power.
    #[command(subcommand)]
    Power(PowerCommand),
}

/// `psyscore power`.
#[derive(Debug, Subcommand)]
pub enum PowerCommand {
    /// The paired t-test (pre vs post in one group, n pairs), effect d_z: the mean difference
    /// over the SD of the differences (pwr.t.test, type = "paired").
    Paired(PowerPairedArgs),
    /// The two-sample (Student) t-test, effect Cohen's d, equal groups or n1 and n2
    /// (pwr.t.test, pwr.t2n.test).
    Groups(PowerGroupsArgs),
    /// The one-way ANOVA of k groups of n each, effect Cohen's f (pwr.anova.test).
    Anova(PowerAnovaArgs),
    /// A mixed design of groups measured at several waves: the group × wave interaction, the
    /// within (waves) or the between (groups) effect, effect Cohen's f, as G*Power's "ANOVA:
    /// Repeated measures" (effect size as in G*Power 3.0).
    Mixed(PowerMixedArgs),
}

/// `psyscore power paired`.
#[derive(Debug, Args)]
pub struct PowerPairedArgs {
    /// The effect d_z (mean difference / SD of the differences); negative for a decrease.
    #[arg(long, value_name = "D", allow_negative_numbers = true, value_parser = parse_finite)]
    pub d: Option<f64>,
    /// The number of pairs.
    #[arg(long, value_name = "N")]
    pub n: Option<u64>,
    /// The alternative hypothesis, for the mean difference post − pre.
    #[arg(long, value_enum, default_value_t = AlternativeArg::TwoSided)]
    pub alternative: AlternativeArg,
    /// Plan the Wilcoxon signed-rank test instead, by G*Power's A.R.E. method, with the
    /// differences from this parent distribution.
    #[arg(long, value_enum, value_name = "PARENT")]
    pub rank: Option<ParentArg>,
    /// Power, significance level and output format.
    #[command(flatten)]
    pub common: PowerCommonArgs,
}

/// `psyscore power groups`.
#[derive(Debug, Args)]
pub struct PowerGroupsArgs {
    /// The effect Cohen's d (difference of the means / pooled SD, first − second group).
    #[arg(long, value_name = "D", allow_negative_numbers = true, value_parser = parse_finite)]
    pub d: Option<f64>,
    /// The size of each group, or N1,N2 for groups of unequal size.
    #[arg(long, value_name = "N|N1,N2", value_delimiter = ',')]
    pub n: Vec<u64>,
    /// When solving for n: the allocation ratio n2/n1 (n2 is rounded up).
    #[arg(long, value_name = "R", default_value_t = 1.0, conflicts_with = "n", value_parser = parse_finite)]
    pub ratio: f64,
    /// The alternative hypothesis, for the difference first − second group.
    #[arg(long, value_enum, default_value_t = AlternativeArg::TwoSided)]
    pub alternative: AlternativeArg,
    /// Plan the Wilcoxon–Mann–Whitney test instead, by G*Power's A.R.E. method, with the scores
    /// from this parent distribution.
    #[arg(long, value_enum, value_name = "PARENT")]
    pub rank: Option<ParentArg>,
    /// Power, significance level and output format.
    #[command(flatten)]
    pub common: PowerCommonArgs,
}

/// `psyscore power anova`.
#[derive(Debug, Args)]
pub struct PowerAnovaArgs {
    /// The effect Cohen's f (SD of the group means / SD within groups; .10 small, .25 medium,
    /// .40 large).
    #[arg(long, value_name = "F", value_parser = parse_finite)]
    pub f: Option<f64>,
    /// The size of each group.
    #[arg(long, value_name = "N")]
    pub n: Option<u64>,
    /// The number of groups.
    #[arg(long, value_name = "K")]
    pub groups: u64,
    /// Power, significance level and output format.
    #[command(flatten)]
    pub common: PowerCommonArgs,
}

/// `psyscore power mixed`.
#[derive(Debug, Args)]
pub struct PowerMixedArgs {
    /// The effect Cohen's f of the term (.10 small, .25 medium, .40 large).
    #[arg(long, value_name = "F", value_parser = parse_finite)]
    pub f: Option<f64>,
    /// The size of each group, or N1,N2,... one per group (only their sum enters).
    #[arg(long, value_name = "N|N1,N2,...", value_delimiter = ',')]
    pub n: Vec<u64>,
    /// The number of groups (1 allowed for the within term).
    #[arg(long, value_name = "K", default_value_t = 2)]
    pub groups: u64,
    /// The number of waves (measurements of each person), 2 or more.
    #[arg(long, value_name = "M")]
    pub waves: u64,
    /// The correlation among the waves, above -1/(waves - 1) and below 1 (no default: it
    /// changes the answer much; take it from earlier data).
    #[arg(long, value_name = "R", allow_negative_numbers = true, value_parser = parse_finite)]
    pub rho: f64,
    /// The nonsphericity correction ε, from 1/(waves - 1) to 1 [default: 1, sphericity];
    /// within and interaction terms only.
    #[arg(long, value_name = "E", value_parser = parse_finite)]
    pub eps: Option<f64>,
    /// The term whose F test is planned.
    #[arg(long, value_enum, default_value_t = TermArg::Interaction)]
    pub term: TermArg,
    /// Power, significance level and output format.
    #[command(flatten)]
    pub common: PowerCommonArgs,
}

/// `power paired|groups --rank` values: the parent distribution of a rank test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ParentArg {
    /// Normal (A.R.E. 3/π ≈ 0.955).
    Normal,
    /// Laplace, heavier tails (A.R.E. 1.5).
    Laplace,
    /// Logistic (A.R.E. π²/9 ≈ 1.097).
    Logistic,
}

/// `power mixed --term` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TermArg {
    /// The group × wave interaction.
    Interaction,
    /// The waves' main effect.
    Within,
    /// The groups' main effect.
    Between,
}

/// Options shared by the `power` subcommands.
#[derive(Debug, Args)]
pub struct PowerCommonArgs {
    /// The power wanted (e.g. 0.8), to solve for n or the effect.
    #[arg(long, value_name = "P", value_parser = parse_finite)]
    pub power: Option<f64>,
    /// The significance level.
    #[arg(long, value_name = "A", default_value_t = 0.05, value_parser = parse_finite)]
    pub alpha: f64,
    /// Output format [default: table on screen, else csv].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// How CSV output is written.
    #[command(flatten)]
    pub csv: CsvArgs,
}

/// `psyscore study`.
#[derive(Debug, Args)]
pub struct StudyArgs {
    /// The study file (TOML: the data, groups, questionnaires and analyses; `psyscore study
    /// --template` prints a complete one, every key explained).
    #[arg(value_name = "STUDY", required_unless_present = "template")]
    pub study: Option<PathBuf>,
    /// Print a complete study file with every key explained in comments, to copy and edit
    /// (e.g. psyscore study --template > study.toml).
    #[arg(long, conflicts_with_all = ["study", "output", "lang", "bom", "no_bom"])]
    pub template: bool,
    /// The folder to write into (created if needed; files of an earlier run are replaced)
    /// [default: the study file's name with -report, in the current folder].
    #[arg(short, long, value_name = "OUTDIR")]
    pub output: Option<PathBuf>,
    /// The report's language [default: the study file's `lang`, else en].
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Start the CSV tables and scored sheets with a UTF-8 byte-order mark, so that Excel
    /// shows Chinese and other non-ASCII text (干预组, ≥) correctly [default: on for a report in
    /// Chinese].
    #[arg(long)]
    pub bom: bool,
    /// Write the CSV files without a byte-order mark, even for a report in Chinese.
    #[arg(long, conflicts_with = "bom")]
    pub no_bom: bool,
}

/// Options of CSV output.
#[derive(Debug, Args)]
pub struct CsvArgs {
    /// Start CSV output with a UTF-8 byte-order mark, so that Excel shows Chinese and other
    /// non-ASCII text (干预组, ≥) correctly instead of reading it in the system's code page.
    #[arg(long)]
    pub bom: bool,
}

/// A report language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// English.
    En,
    /// Simplified Chinese (简体中文).
    Zh,
}

/// `psyscore reliability`.
#[derive(Debug, Args)]
pub struct ReliabilityArgs {
    /// The questionnaire whose items to analyse (built-in id or .toml path).
    #[arg(long, short = 's', value_name = "SCALE")]
    pub scale: String,
    /// The sheet of answers.
    #[arg(value_name = "INPUT", default_value = "-")]
    pub input: String,
    /// How the item columns are named when not as the questionnaire says, e.g. Q{n+12}; or @D:
    /// the items in the columns from D on (for headers that are question texts).
    #[arg(long, value_name = "TEMPLATE")]
    pub columns: Option<String>,
    /// How the sheet numbers each item's answer options, when not as the questionnaire scores
    /// them: N is the sheet's code of each item's lowest answer, e.g. 1 for a 问卷星/WJX export
    /// of the CBI (options numbered 1 to 5, scored 0 to 4). Text answers and ticked options are
    /// read as written.
    #[arg(long, value_name = "N", value_parser = parse_coded_from)]
    pub coded_from: Option<i64>,
    /// Confidence level of alpha's interval.
    #[arg(long, default_value_t = 0.95, value_parser = parse_conf, allow_negative_numbers = true)]
    pub conf: f64,
    /// Output format [default: table on screen, else csv].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// How CSV output is written.
    #[command(flatten)]
    pub csv: CsvArgs,
    /// How to read the sheets.
    #[command(flatten)]
    pub read: ReadArgs,
}

/// `psyscore describe`.
#[derive(Debug, Args)]
pub struct DescribeArgs {
    /// The sheets to describe; with several, name each with --label (e.g. pre and post).
    #[arg(value_name = "INPUT", required = true)]
    pub inputs: Vec<String>,
    /// A name for each input, in order, reported as the group `label`.
    #[arg(long, value_name = "LABEL")]
    pub label: Vec<String>,
    /// Describe separately for each value of this column (repeatable: e.g. --by group).
    #[arg(long, value_name = "COL")]
    pub by: Vec<String>,
    /// Quartile definition: r = R's default (type 7), spss = SPSS's (type 6, HAVERAGE).
    #[arg(long, value_enum, default_value_t = QuantileArg::R)]
    pub quantiles: QuantileArg,
    /// Output format [default: table on screen, else csv].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// How CSV output is written.
    #[command(flatten)]
    pub csv: CsvArgs,
    /// What to describe.
    #[command(flatten)]
    pub measure: MeasureArgs,
}

/// `psyscore baseline`.
#[derive(Debug, Args)]
pub struct BaselineArgs {
    /// The column holding each person's group.
    #[arg(long, value_name = "COL")]
    pub group: String,
    /// The groups, in the order of the table's columns: two or more [default: the column's
    /// two values in order of first appearance].
    #[arg(long, value_name = "A,B[,C...]", value_delimiter = ',', num_args = 1)]
    pub levels: Vec<String>,
    /// A characteristic of categories without an order, e.g. gender or relation to the patient
    /// (repeatable).
    #[arg(long, value_name = "COL")]
    pub categorical: Vec<String>,
    /// A characteristic of ordered categories, lowest first, e.g.
    /// education=primary,secondary,college (repeatable): counted as --categorical, and also
    /// compared by a rank test.
    #[arg(long, value_name = "COL=LOW,...,HIGH", value_parser = parse_ordered)]
    pub ordered: Vec<OrderedArg>,
    /// A characteristic of numbers, e.g. age or months of caregiving (repeatable).
    #[arg(long, value_name = "COL")]
    pub continuous: Vec<String>,
    /// The column that identifies a person, named in the rows left out [default: a column
    /// named id, if any, else the row number].
    #[arg(long, value_name = "COL")]
    pub id: Option<String>,
    /// The sheet.
    #[arg(value_name = "INPUT", default_value = "-")]
    pub input: String,
    /// Output format [default: table on screen, else csv].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// How CSV output is written.
    #[command(flatten)]
    pub csv: CsvArgs,
    /// Character encoding of CSV/TSV files.
    #[arg(long, value_enum, default_value_t = EncodingArg::Auto)]
    pub encoding: EncodingArg,
    /// Worksheet of workbook files (.xlsx, .xls, .ods, ...) [default: the first].
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
}

/// `--ordered COL=LOW,...,HIGH`: a column and its levels, lowest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderedArg {
    /// The column.
    pub column: String,
    /// Its levels, lowest first.
    pub levels: Vec<String>,
}

/// `COL=LOW,...,HIGH`, at least two different levels.
fn parse_ordered(text: &str) -> Result<OrderedArg, String> {
    let usage = "write COL=LOW,...,HIGH, e.g. education=primary,secondary,college";
    let Some((column, levels)) = text.split_once('=') else {
        return Err(usage.to_owned());
    };
    let column = column.trim();
    let levels: Vec<String> = levels.split(',').map(|l| l.trim().to_owned()).collect();
    if column.is_empty() || levels.len() < 2 || levels.iter().any(String::is_empty) {
        return Err(format!("{usage} (two levels or more, none empty)"));
    }
    if let Some(twice) = levels
        .iter()
        .enumerate()
        .find(|(i, level)| levels[..*i].contains(level))
    {
        return Err(format!("level {} is named twice", twice.1));
    }
    Ok(OrderedArg {
        column: column.to_owned(),
        levels,
    })
}

/// `psyscore change`.
#[derive(Debug, Args)]
pub struct ChangeArgs {
    /// The column that identifies a person in both files.
    #[arg(long, value_name = "COL")]
    pub id: String,
    /// The pre-test sheet.
    #[arg(long, value_name = "FILE")]
    pub pre: String,
    /// The post-test sheet.
    #[arg(long, value_name = "FILE")]
    pub post: String,
    /// The SD of the measure in a reference population, with --reliability; or `sample`: this
    /// sample's pre-test SD and Cronbach's alpha, whatever its size [default: the scale's norms,
    /// else the sample's when n ≥ 30].
    #[arg(long, value_name = "SD|sample", value_parser = parse_reference_sd, allow_negative_numbers = true)]
    pub sd: Option<SdArg>,
    /// The measure's reliability (alpha or test–retest r), with --sd [default: as --sd].
    #[arg(long, value_name = "R", value_parser = parse_reliability, allow_negative_numbers = true)]
    pub reliability: Option<f64>,
    /// |RCI| above which a change is reliable.
    #[arg(long, default_value_t = 1.96, value_parser = parse_criterion, allow_negative_numbers = true)]
    pub criterion: f64,
    /// Which direction of the measure is better, when the scale does not say (or for --measure).
    #[arg(long, value_enum)]
    pub better: Option<BetterArg>,
    /// Also test clinical significance against the Jacobson–Truax cut-off a, b or c.
    #[arg(long, value_enum)]
    pub cutoff: Option<CutoffArg>,
    /// Mean and SD of the functional (healthy) population for --cutoff b and c [default: the
    /// scale's norms].
    #[arg(long, value_name = "MEAN,SD", value_delimiter = ',', num_args = 1, value_parser = parse_finite, allow_hyphen_values = true)]
    pub functional: Vec<f64>,
    /// Mean and SD of the dysfunctional (clinical) population [default: this sample before].
    #[arg(long, value_name = "MEAN,SD", value_delimiter = ',', num_args = 1, value_parser = parse_finite, allow_hyphen_values = true)]
    pub dysfunctional: Vec<f64>,
    /// Output format [default: table on screen, else csv].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// How CSV output is written.
    #[command(flatten)]
    pub csv: CsvArgs,
    /// What to analyse.
    #[command(flatten)]
    pub measure: MeasureArgs,
}

/// `--cutoff` values (Jacobson & Truax 1991).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CutoffArg {
    /// Two SDs of the dysfunctional population beyond its mean, toward the better end.
    A,
    /// Two SDs of the functional population beyond its mean, toward the worse end.
    B,
    /// Between the two populations, each mean weighted by the other's SD.
    C,
}

/// `--quantiles` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QuantileArg {
    /// R's default, type 7: linear interpolation between order statistics.
    R,
    /// SPSS's, type 6 (HAVERAGE).
    Spss,
}

/// `--better` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BetterArg {
    /// Lower scores are better (burden, anxiety).
    Lower,
    /// Higher scores are better (resilience, support).
    Higher,
}

/// `psyscore compare ...`.
#[derive(Debug, Subcommand)]
pub enum CompareCommand {
    /// Pre vs post in one group, pairing rows by id: paired t, Wilcoxon signed rank, d_z,
    /// d_av, g_av, rank-biserial r, Shapiro–Wilk, band transitions.
    Paired(PairedArgs),
    /// Independent groups (e.g. intervention vs control at baseline or after): for two, Student
    /// and Welch t, Mann–Whitney U, d and g with CIs; for three or more, one-way, Welch and
    /// Kruskal–Wallis ANOVA with Tukey, Games–Howell and Dunn pairs; Levene, Shapiro–Wilk.
    Groups(GroupsArgs),
    /// Post-test between two groups adjusted for the pre-test (post ~ pre + group), with the
    /// gain-score Welch t-test as a cross-check.
    Ancova(AncovaArgs),
    /// Three or more waves of one group (e.g. pre, post, follow-up): repeated-measures ANOVA
    /// with Mauchly's test and the Greenhouse–Geisser and Huynh–Feldt corrections, Friedman's
    /// test, and every pair of waves as compare paired compares them.
    Repeated(RepeatedArgs),
    /// Several groups over several waves: mixed ANOVA (group, time, group × time) with
    /// Mauchly's test and its corrections, and the simple effects of time in each group and of
    /// group at each wave.
    Mixed(MixedArgs),
    /// Linear mixed model over the waves, as R's lme4 + lmerTest + emmeans fit it: score ~
    /// group * time + (1 | id), REML, Satterthwaite df; everyone with a score at any wave enters
    /// (dropouts included), with the type III table, marginal means and changes between waves.
    Lmm(LmmArgs),
    /// The same tests from published summary statistics (n, mean, SD; r for paired data).
    #[command(subcommand)]
    Summary(SummaryCommand),
}

/// What to analyse: a questionnaire scored from item answers, or columns already scored.
#[derive(Debug, Args)]
pub struct MeasureArgs {
    /// Score this questionnaire (built-in id or .toml path) and analyse every subscale and the
    /// total.
    #[arg(
        long,
        short = 's',
        value_name = "SCALE",
        required_unless_present = "measures",
        conflicts_with = "measures"
    )]
    pub scale: Option<String>,
    /// A column of scores to analyse (repeatable).
    #[arg(long = "measure", short = 'm', value_name = "COL")]
    pub measures: Vec<String>,
    /// How the item columns are named when not as the questionnaire says, e.g. Q{n+12}; or @D:
    /// the items in the columns from D on (for headers that are question texts).
    #[arg(long, value_name = "TEMPLATE", requires = "scale")]
    pub columns: Option<String>,
    /// How the sheet numbers each item's answer options, when not as the questionnaire scores
    /// them: N is the sheet's code of each item's lowest answer, e.g. 1 for a 问卷星/WJX export
    /// of the CBI (options numbered 1 to 5, scored 0 to 4). Text answers and ticked options are
    /// read as written.
    #[arg(long, value_name = "N", requires = "scale", value_parser = parse_coded_from)]
    pub coded_from: Option<i64>,
    /// How to read the sheets.
    #[command(flatten)]
    pub read: ReadArgs,
    /// Analyse only the rows whose column COL holds VALUE, e.g. --only group=intervention.
    #[arg(long, value_name = "COL=VALUE")]
    pub only: Option<String>,
}

/// How to read sheets of answers in the analysis commands.
#[derive(Debug, Clone, Args)]
pub struct ReadArgs {
    /// What to do with an invalid answer: `error` stops and lists every such cell; `missing`
    /// treats it as unanswered.
    #[arg(long, value_enum, default_value_t = InvalidArg::Error)]
    pub invalid: InvalidArg,
    /// Character encoding of CSV/TSV files.
    #[arg(long, value_enum, default_value_t = EncodingArg::Auto)]
    pub encoding: EncodingArg,
    /// Worksheet of workbook files (.xlsx, .xls, .ods, ...) [default: the first].
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
}

/// Options every comparison shares.
#[derive(Debug, Args)]
pub struct AnalysisArgs {
    /// Output format [default: table on screen, else csv].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// How CSV output is written.
    #[command(flatten)]
    pub csv: CsvArgs,
    /// Confidence level of the intervals.
    #[arg(long, default_value_t = 0.95, value_parser = parse_conf, allow_negative_numbers = true)]
    pub conf: f64,
    /// Adjustment of p-values across the measures of one command.
    #[arg(long, value_enum, default_value_t = AdjustArg::Holm)]
    pub adjust: AdjustArg,
    /// How rank-test p-values are computed: auto is exact up to n = 50 (per group), then normal.
    #[arg(long, value_enum, default_value_t = MethodArg::Auto)]
    pub method: MethodArg,
    /// The alternative hypothesis, for differences post − pre or first − second level.
    #[arg(long, value_enum, default_value_t = AlternativeArg::TwoSided)]
    pub alternative: AlternativeArg,
}

/// `psyscore compare paired`.
#[derive(Debug, Args)]
pub struct PairedArgs {
    /// The column that identifies a person in both files (rows are paired by it, never by
    /// order).
    #[arg(long, value_name = "COL")]
    pub id: String,
    /// The pre-test sheet.
    #[arg(long, value_name = "FILE", requires = "post", conflicts_with_all = ["time", "input"])]
    pub pre: Option<String>,
    /// The post-test sheet.
    #[arg(long, value_name = "FILE", requires = "pre")]
    pub post: Option<String>,
    /// Long form: the column that says which time a row belongs to.
    #[arg(long, value_name = "COL", requires_all = ["levels", "input"])]
    pub time: Option<String>,
    /// Long form: the two values of --time, pre first, e.g. pre,post.
    #[arg(long, value_name = "PRE,POST", value_delimiter = ',', num_args = 1)]
    pub levels: Vec<String>,
    /// Long form: the one sheet holding both times.
    #[arg(value_name = "INPUT", required_unless_present = "pre")]
    pub input: Option<String>,
    /// What to analyse.
    #[command(flatten)]
    pub measure: MeasureArgs,
    /// Shared analysis options.
    #[command(flatten)]
    pub analysis: AnalysisArgs,
}

/// `psyscore compare groups`.
#[derive(Debug, Args)]
pub struct GroupsArgs {
    /// The column holding each row's group.
    #[arg(long, value_name = "COL")]
    pub group: String,
    /// The groups to compare, in order: two (first − second) or three and more (one-way,
    /// Welch and Kruskal–Wallis ANOVA, then every pair) [default: the column's two values in
    /// order of first appearance].
    #[arg(long, value_name = "A,B[,C...]", value_delimiter = ',', num_args = 1)]
    pub levels: Vec<String>,
    /// The sheet.
    #[arg(value_name = "INPUT")]
    pub input: String,
    /// What to analyse.
    #[command(flatten)]
    pub measure: MeasureArgs,
    /// Shared analysis options.
    #[command(flatten)]
    pub analysis: AnalysisArgs,
}

/// `psyscore compare ancova`.
#[derive(Debug, Args)]
pub struct AncovaArgs {
    /// The column that identifies a person in both files.
    #[arg(long, value_name = "COL")]
    pub id: String,
    /// The column holding each person's group (read from the pre-test sheet).
    #[arg(long, value_name = "COL")]
    pub group: String,
    /// The two groups, first − second [default: in order of first appearance].
    #[arg(long, value_name = "A,B", value_delimiter = ',', num_args = 1)]
    pub levels: Vec<String>,
    /// The pre-test sheet.
    #[arg(long, value_name = "FILE")]
    pub pre: String,
    /// The post-test sheet.
    #[arg(long, value_name = "FILE")]
    pub post: String,
    /// What to analyse.
    #[command(flatten)]
    pub measure: MeasureArgs,
    /// Shared analysis options.
    #[command(flatten)]
    pub analysis: AnalysisArgs,
}

/// The waves of a repeated-measures comparison: one sheet per wave, or one long sheet.
#[derive(Debug, Args)]
pub struct WaveArgs {
    /// The column that identifies a person in every sheet (rows are paired by it, never by
    /// order).
    #[arg(long, value_name = "COL")]
    pub id: String,
    /// A wave's sheet as NAME=FILE, once per wave in wave order, e.g. --wave pre=a.csv --wave
    /// post=b.csv --wave followup=c.csv.
    #[arg(long = "wave", value_name = "NAME=FILE", conflicts_with_all = ["time", "input"])]
    pub wave: Vec<String>,
    /// Long form: the column that says which wave a row belongs to.
    #[arg(long, value_name = "COL", requires_all = ["waves", "input"])]
    pub time: Option<String>,
    /// Long form: the values of --time in wave order, e.g. pre,post,followup.
    #[arg(long, value_name = "A,B,C", value_delimiter = ',', num_args = 1)]
    pub waves: Vec<String>,
    /// Long form: the one sheet holding every wave.
    #[arg(value_name = "INPUT", required_unless_present = "wave")]
    pub input: Option<String>,
}

/// Options of the ANOVA comparisons (every F test is two-sided, so there is no --alternative).
#[derive(Debug, Args)]
pub struct AnovaArgs {
    /// Output format [default: table on screen, else csv].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// How CSV output is written.
    #[command(flatten)]
    pub csv: CsvArgs,
    /// Adjustment of the p-values of a family of comparisons (the pairs of waves, the simple
    /// effects).
    #[arg(long, value_enum, default_value_t = AdjustArg::Holm)]
    pub adjust: AdjustArg,
}

/// `psyscore compare repeated`.
#[derive(Debug, Args)]
pub struct RepeatedArgs {
    /// The waves.
    #[command(flatten)]
    pub waves: WaveArgs,
    /// What to analyse.
    #[command(flatten)]
    pub measure: MeasureArgs,
    /// Shared options.
    #[command(flatten)]
    pub analysis: AnovaArgs,
    /// Confidence level of the intervals of the pairwise differences.
    #[arg(long, default_value_t = 0.95, value_parser = parse_conf)]
    pub conf: f64,
    /// How the pairwise Wilcoxon p-values are computed: auto is exact up to 50 pairs, then
    /// normal.
    #[arg(long, value_enum, default_value_t = MethodArg::Auto)]
    pub method: MethodArg,
}

/// `psyscore compare mixed`.
#[derive(Debug, Args)]
pub struct MixedArgs {
    /// The waves.
    #[command(flatten)]
    pub waves: WaveArgs,
    /// The column holding each person's group, the same at every wave.
    #[arg(long, value_name = "COL")]
    pub group: String,
    /// The groups, in report order [default: in order of first appearance].
    #[arg(long, value_name = "A,B,C", value_delimiter = ',', num_args = 1)]
    pub levels: Vec<String>,
    /// The reference (control) group, one of the levels; reported, and put last when --levels
    /// is not given.
    #[arg(long, value_name = "LEVEL")]
    pub control: Option<String>,
    /// What to analyse.
    #[command(flatten)]
    pub measure: MeasureArgs,
    /// Shared options.
    #[command(flatten)]
    pub analysis: AnovaArgs,
    /// Confidence level of the intervals of the pairs of groups at each wave (three groups or
    /// more).
    #[arg(long, default_value_t = 0.95, value_parser = parse_conf)]
    pub conf: f64,
}

/// `psyscore compare lmm`.
#[derive(Debug, Args)]
pub struct LmmArgs {
    /// The waves.
    #[command(flatten)]
    pub waves: WaveArgs,
    /// The column holding each person's group, the same at every wave [default: one group,
    /// score ~ time + (1 | id)].
    #[arg(long, value_name = "COL")]
    pub group: Option<String>,
    /// The groups, in report order [default: in order of first appearance].
    #[arg(
        long,
        value_name = "A,B,C",
        value_delimiter = ',',
        num_args = 1,
        requires = "group"
    )]
    pub levels: Vec<String>,
    /// The reference (control) group, one of the levels: the model's reference level, put
    /// first [default: the first level].
    #[arg(long, value_name = "LEVEL", requires = "group")]
    pub control: Option<String>,
    /// A baseline covariate, a numeric column of the first wave's sheet (repeat for several);
    /// a person without it there is left out and named.
    #[arg(long, value_name = "COL")]
    pub covariate: Vec<String>,
    /// Fit by maximum likelihood instead of REML (to compare models with different fixed
    /// effects by their likelihood).
    #[arg(long)]
    pub ml: bool,
    /// What to analyse.
    #[command(flatten)]
    pub measure: MeasureArgs,
    /// Output format [default: table on screen, else csv].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// How CSV output is written.
    #[command(flatten)]
    pub csv: CsvArgs,
    /// Confidence level of the intervals.
    #[arg(long, default_value_t = 0.95, value_parser = parse_conf)]
    pub conf: f64,
}

/// `psyscore compare summary ...`.
#[derive(Debug, Subcommand)]
pub enum SummaryCommand {
    /// Pre vs post from n, the pre and post means and SDs, and their correlation r.
    Paired {
        /// Number of pairs.
        #[arg(long, value_parser = parse_count)]
        n: usize,
        /// Pre-test and post-test means, e.g. --mean 45.2,28.1.
        #[arg(
            long,
            value_name = "PRE,POST",
            value_delimiter = ',',
            num_args = 1,
            required = true,
            value_parser = parse_finite,
            allow_hyphen_values = true
        )]
        mean: Vec<f64>,
        /// Pre-test and post-test SDs.
        #[arg(
            long,
            value_name = "PRE,POST",
            value_delimiter = ',',
            num_args = 1,
            required = true,
            value_parser = parse_sd,
            allow_hyphen_values = true
        )]
        sd: Vec<f64>,
        /// Correlation of pre and post scores.
        #[arg(long, allow_negative_numbers = true)]
        r: f64,
        /// A name for the measure in the output.
        #[arg(long, default_value = "measure")]
        name: String,
        /// Shared analysis options.
        #[command(flatten)]
        analysis: AnalysisArgs,
    },
    /// Two groups from each group's n, mean and SD.
    Groups {
        /// Group sizes, e.g. --n 8,9.
        #[arg(
            long,
            value_name = "N1,N2",
            value_delimiter = ',',
            num_args = 1,
            required = true,
            value_parser = parse_count
        )]
        n: Vec<usize>,
        /// Group means.
        #[arg(
            long,
            value_name = "M1,M2",
            value_delimiter = ',',
            num_args = 1,
            required = true,
            value_parser = parse_finite,
            allow_hyphen_values = true
        )]
        mean: Vec<f64>,
        /// Group SDs.
        #[arg(
            long,
            value_name = "SD1,SD2",
            value_delimiter = ',',
            num_args = 1,
            required = true,
            value_parser = parse_sd,
            allow_hyphen_values = true
        )]
        sd: Vec<f64>,
        /// Names of the two groups.
        #[arg(long, value_name = "A,B", value_delimiter = ',', num_args = 1, default_values_t = ["first".to_owned(), "second".to_owned()])]
        levels: Vec<String>,
        /// A name for the measure in the output.
        #[arg(long, default_value = "measure")]
        name: String,
        /// Shared analysis options.
        #[command(flatten)]
        analysis: AnalysisArgs,
    },
}

/// `--adjust` values (R `p.adjust` methods).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AdjustArg {
    /// Holm's step-down method.
    Holm,
    /// Bonferroni.
    Bonferroni,
    /// Benjamini–Hochberg false discovery rate.
    Bh,
    /// Benjamini–Yekutieli false discovery rate.
    By,
    /// No adjustment.
    None,
}

/// `--method` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MethodArg {
    /// Exact up to n = 50 (per group), the normal approximation above.
    Auto,
    /// The exact (conditional) distribution.
    Exact,
    /// The normal approximation with tie and continuity correction.
    Normal,
}

/// `--alternative` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AlternativeArg {
    /// The difference is not zero.
    TwoSided,
    /// The difference is below zero.
    Less,
    /// The difference is above zero.
    Greater,
}

/// `change --sd` values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SdArg {
    /// The SD of a reference population.
    Value(f64),
    /// This sample's pre-test SD and Cronbach's alpha.
    Sample,
}

/// A number that is finite: `nan`, `inf` and numbers beyond ±1.8e308 are refused.
fn parse_finite(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(value) if value.is_finite() => Ok(value),
        _ => Err(format!("write a finite number such as 45.2, not {text}")),
    }
}

/// An SD: a finite number, 0 or more.
fn parse_sd(text: &str) -> Result<f64, String> {
    match parse_finite(text) {
        Ok(sd) if sd >= 0.0 => Ok(sd),
        _ => Err(format!(
            "an SD is a finite number of 0 or more, such as 9.8, not {text}"
        )),
    }
}

/// `change --sd`: `sample`, or a finite SD above 0.
fn parse_reference_sd(text: &str) -> Result<SdArg, String> {
    if text.trim() == "sample" {
        return Ok(SdArg::Sample);
    }
    match parse_finite(text) {
        Ok(sd) if sd > 0.0 => Ok(SdArg::Value(sd)),
        _ => Err(format!(
            "write the reference SD, a finite number above 0 such as 5.4, or `sample`, not {text}"
        )),
    }
}

/// A reliability coefficient from 0 up to (not including) 1.
fn parse_reliability(text: &str) -> Result<f64, String> {
    match parse_finite(text) {
        Ok(r) if (0.0..1.0).contains(&r) => Ok(r),
        _ => Err(format!(
            "a reliability is a number from 0 up to but not including 1, such as 0.85, not {text}"
        )),
    }
}

/// The |RCI| criterion: a finite number above 0.
fn parse_criterion(text: &str) -> Result<f64, String> {
    match parse_finite(text) {
        Ok(criterion) if criterion > 0.0 => Ok(criterion),
        _ => Err(format!(
            "the criterion is a finite number above 0, such as 1.96, not {text}"
        )),
    }
}

/// A number of people: a whole number of at least 1.
fn parse_count(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(format!(
            "a number of people is a whole number of at least 1, such as 12, not {text}"
        )),
    }
}

/// A confidence level strictly between 0 and 1.
fn parse_conf(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(conf) if conf > 0.0 && conf < 1.0 => Ok(conf),
        _ => Err(format!(
            "the confidence level must be a number between 0 and 1, such as 0.95, not {text}"
        )),
    }
}

/// The code of a sheet's first answer option: a whole number (of at most a million either side
/// of zero).
pub fn parse_coded_from(text: &str) -> Result<i64, String> {
    use crate::score::MAX_CODED_FROM;
    match text.trim().parse::<i64>() {
        Ok(code) if code.abs() <= MAX_CODED_FROM => Ok(code),
        _ => Err(format!(
            "the code of the first answer option must be a whole number, such as 1 (as \
             问卷星/WJX numbers the options) or 0, not {text}"
        )),
    }
}

/// `psyscore scales ...`.
#[derive(Debug, Subcommand)]
pub enum ScalesCommand {
    /// List the built-in questionnaires.
    List {
        /// Output format [default: a table on screen, CSV into a file or pipe].
        #[arg(long, value_enum)]
        format: Option<Format>,
    },
    /// Show a questionnaire's structure: items, reverse-scored items, subscales, missing-data
    /// rules, severity bands, norms.
    Show {
        /// A built-in id (see `psyscore scales list`) or the path of a .toml file.
        scale: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ShowFormat::Table)]
        format: ShowFormat,
    },
    /// Check your own questionnaire definition files (.toml) for mistakes; exits 3 if any has
    /// one.
    Check {
        /// The .toml files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

/// `psyscore score ...`.
#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// Questionnaire to score: a built-in id such as cbi or phq9 (see `psyscore scales list`)
    /// or the path of a .toml file; repeat (-s cbi -s phq9) to score several from one sheet.
    #[arg(long = "scale", short = 's', required = true, value_name = "SCALE")]
    pub scales: Vec<String>,
    /// The sheet of answers (.csv, .tsv, .txt, or a workbook: .xlsx, .xls, .ods), one row per
    /// respondent; leave it out or write - to read standard input.
    #[arg(value_name = "INPUT", default_value = "-")]
    pub input: String,
    /// How the item columns are named in the sheet when not as the questionnaire says: Q{n+12}
    /// reads item 1 from column Q13, Q{n+0} from Q1; @D reads the items from the columns from D
    /// on, whatever their headers (e.g. question texts); with several scales write
    /// SCALE=TEMPLATE, once per scale.
    #[arg(long = "columns", value_name = "TEMPLATE")]
    pub columns: Vec<String>,
    /// How the sheet numbers each item's answer options, when not as the questionnaire scores
    /// them: N is the sheet's code of each item's lowest answer, e.g. 1 for a 问卷星/WJX export
    /// of the CBI (options numbered 1 to 5, scored 0 to 4); text answers and ticked options are
    /// read as written; with several scales write SCALE=N, once per scale.
    #[arg(long = "coded-from", value_name = "N")]
    pub coded_from: Vec<String>,
    /// The respondent id column [default: a column named `id`, else the row number].
    #[arg(long, value_name = "COL")]
    pub id: Option<String>,
    /// Copy these columns of the sheet into the output too, e.g. --keep group,sex.
    #[arg(long, value_name = "COL,...", value_delimiter = ',')]
    pub keep: Vec<String>,
    /// Copy every column that is not a questionnaire item into the output.
    #[arg(long, conflicts_with = "keep")]
    pub keep_all: bool,
    /// Output format [default: from the -o file's extension; else a table on screen, CSV into
    /// a file or pipe].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// How CSV output is written.
    #[command(flatten)]
    pub csv: CsvArgs,
    /// Write the scores to this file (.csv, .json, .md, or .xlsx for an Excel workbook, chooses
    /// the format) instead of the screen; the file appears only if scoring succeeds.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// What to do with an answer that is not valid for its item (out of range, not a number):
    /// `error` stops and lists every such cell; `missing` scores it as unanswered and records
    /// it in the notes column.
    #[arg(long, value_enum, default_value_t = InvalidArg::Error)]
    pub invalid: InvalidArg,
    /// Character encoding of a CSV/TSV file; auto reads UTF-8 and Chinese Excel (GBK) files.
    #[arg(long, value_enum, default_value_t = EncodingArg::Auto)]
    pub encoding: EncodingArg,
    /// Worksheet of a workbook input (.xlsx, .xls, .ods, ...) [default: the first].
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Threads that read and score a CSV/TSV sheet into CSV output [default: one per CPU]; 1
    /// does all the work on one thread.
    #[arg(long, value_name = "N")]
    pub threads: Option<std::num::NonZeroUsize>,
}

/// `psyscore sql ...`.
#[derive(Debug, Args)]
pub struct SqlArgs {
    /// Questionnaire to score: a built-in id such as cbi (see `psyscore scales list`) or the
    /// path of a .toml file.
    #[arg(long, short = 's', value_name = "SCALE")]
    pub scale: String,
    /// The table holding the answers, one row per respondent and one column per item cell
    /// (text or numbers), named as in the sheet; written into the query as given, so it may be
    /// schema.table or, in DuckDB, read_csv('answers.csv', all_varchar = true).
    #[arg(long, value_name = "NAME")]
    pub table: String,
    /// SQL dialect. All three are tested by running them against `psyscore score`; they
    /// differ in a few spellings.
    #[arg(long, value_enum, default_value_t = DialectArg::Duckdb)]
    pub dialect: DialectArg,
    /// How the item columns are named when not as the questionnaire says, e.g. Q{n+12}; or @D:
    /// the items in the columns from D on (for headers that are question texts).
    #[arg(long, value_name = "TEMPLATE")]
    pub columns: Option<String>,
    /// How the sheet numbers each item's answer options, when not as the questionnaire scores
    /// them: N is the sheet's code of each item's lowest answer, e.g. 1 for a 问卷星/WJX export
    /// of the CBI (options numbered 1 to 5, scored 0 to 4). Text answers and ticked options are
    /// read as written.
    #[arg(long, value_name = "N", value_parser = parse_coded_from)]
    pub coded_from: Option<i64>,
    /// The respondent id column, copied to the output (a table has no row numbers to fall back
    /// on).
    #[arg(long, value_name = "COL", default_value = "id")]
    pub id: String,
}

/// `--dialect` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DialectArg {
    /// DuckDB.
    Duckdb,
    /// PostgreSQL.
    Postgres,
    /// Spark SQL 3.2 or later.
    Spark,
}

/// `scales show --format` values: the description and its two tables have no CSV form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// The description, then the items and scores as tables for the screen.
    Table,
    /// The same with Markdown tables, for reports.
    Md,
    /// The whole validated definition as JSON, for scripts.
    Json,
}

/// `--invalid` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InvalidArg {
    /// Stop with exit code 4 and list every invalid cell.
    Error,
    /// Score invalid cells as unanswered and record them in the notes column.
    Missing,
}

/// `--encoding` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EncodingArg {
    /// UTF-8 if the file is valid UTF-8, else GB18030 (which includes GBK).
    Auto,
    /// UTF-8 (a byte-order mark is skipped).
    Utf8,
    /// GB18030 / GBK, as written by Chinese Excel and survey sites.
    Gb18030,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn ordered_levels_are_read_lowest_first_and_trimmed() {
        assert_eq!(
            parse_ordered("education = primary, junior secondary ,college"),
            Ok(OrderedArg {
                column: "education".to_owned(),
                levels: vec![
                    "primary".to_owned(),
                    "junior secondary".to_owned(),
                    "college".to_owned()
                ],
            })
        );
        assert!(parse_ordered("education").is_err());
        assert!(parse_ordered("=a,b").is_err());
        assert!(parse_ordered("education=a,,b").is_err());
    }

    proptest::proptest! {
        /// Any text is read or refused with a message, and what is read names a column and
        /// two levels or more, different and not empty.
        #[test]
        fn ordered_is_read_or_refused_never_wrong(text in "\\PC{0,40}") {
            if let Ok(ordered) = parse_ordered(&text) {
                proptest::prop_assert!(!ordered.column.is_empty());
                proptest::prop_assert!(ordered.levels.len() >= 2);
                for (i, level) in ordered.levels.iter().enumerate() {
                    proptest::prop_assert!(!level.is_empty());
                    proptest::prop_assert!(!ordered.levels[..i].contains(level));
                }
            }
        }
    }
}
