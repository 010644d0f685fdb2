//! Running a study: the whole evaluation of an intervention study from one study file. Every
//! analysis is computed by the library function its own command uses ([`crate::analysis`]), so
//! the report's numbers are those `compare`, `describe`, `reliability` and `change` print.
//!
//! OUTDIR receives `report.html` (self-contained), `report.md` with `figures/*.svg`,
//! `report.docx` with the same figures as `figures/*.png`,
//! `results.json`, `tables/*.csv` (each exactly the CSV of the corresponding command) and
//! `scored/*.csv` (exactly `psyscore score`'s output for each data file).

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::Serialize;
use thiserror::Error;

use super::analyses::{self, Inputs, ScaleResults, analyse, time_levels};
use super::data::{DataFiles, TimedSheets, quoted_values, read_timed};
use super::document;
use super::figures::{self, FigureData, ScaleFigures};
use super::participants::read_participants;
use super::planning::Plan;
use super::tables::{file_safe, write_tables};
use super::{Analysis, Groups, Lang, Layout, Study, StudyError};
use crate::analysis::baseline::BaselineReport;
use crate::analysis::baseline::table::write_baseline;
use crate::data::characteristics::CharacteristicError;
use crate::data::measures::MeasureError;
use crate::data::pairing::{
    FilledGroup, GroupConflictError, NoPairsError, require_common_ids, row_number_ids_warning,
};
use crate::output::{Format, NamedWriter, UTF8_BOM};
use crate::report::png::{PngError, Rasterizer};
use crate::report::{DocxError, to_docx, to_html, to_markdown, to_xlsx};
use crate::scale::{ColumnTemplate, Scale, ScaleError, TemplateError};
use crate::score::{
    Coding, InvalidCellsError, InvalidPolicy, Keep, MissingColumnsError, Pipeline, ScaleReading,
    ScoreTable, write_scores,
};
use crate::sheet::SheetError;
use crate::stats::adjust::Adjust;

/// Why a study cannot be run: the study file (exit 3), a questionnaire it names (3), its data
/// (4), or the output folder (1).
#[derive(Debug, Error)]
pub enum RunError {
    /// The study file breaks a rule only the data reveal (a group level no row holds, an
    /// analysis the design does not allow).
    #[error(transparent)]
    Study(#[from] StudyError),
    /// A questionnaire the study names cannot be loaded.
    #[error("{at}")]
    Scale {
        /// Where the study file names it (`study.toml:12:1`).
        at: String,
        /// Why.
        #[source]
        source: ScaleError,
    },
    /// A data file cannot be opened.
    #[error("reading the data of {study}")]
    Open {
        /// The study file.
        study: String,
        /// Why.
        #[source]
        source: SheetError,
    },
    /// A data file cannot be read to its end.
    #[error(transparent)]
    Sheet(#[from] SheetError),
    /// The measures of a questionnaire cannot be read.
    #[error(transparent)]
    Measures(#[from] MeasureError),
    /// Pre and post rows share no id.
    #[error(transparent)]
    NoPairs(#[from] NoPairsError),
    /// A person's group differs between the times.
    #[error(transparent)]
    Groups(#[from] GroupConflictError),
    /// Columns the scored sheets need are missing.
    #[error(transparent)]
    MissingColumns(#[from] MissingColumnsError),
    /// Answers that are not valid, found while scoring a data file.
    #[error(transparent)]
    InvalidCells(#[from] InvalidCellsError),
    /// The participants' characteristics cannot be read.
    #[error(transparent)]
    Characteristics(#[from] CharacteristicError),
    /// An output file or folder cannot be written (the message names it).
    #[error(transparent)]
    Write(#[from] io::Error),
    /// A figure cannot be drawn as PNG.
    #[error(transparent)]
    Png(#[from] PngError),
    /// The Word report cannot be written.
    #[error(transparent)]
    Docx(#[from] DocxError),
}

/// What running a study is told as it goes: the step it is at, and warnings about the data that
/// the report repeats.
pub trait Observer {
    /// A new step begins (reading a questionnaire, analysing it, writing the report).
    fn step(&self, what: &str);
    /// A warning about the data.
    fn warn(&self, message: &str);
}

/// An observer that says nothing.
impl Observer for () {
    fn step(&self, _: &str) {}
    fn warn(&self, _: &str) {}
}

/// What a study run wrote into its folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The folder.
    pub outdir: PathBuf,
    /// CSV tables.
    pub tables: usize,
    /// Figures, each written as SVG and as PNG.
    pub figures: usize,
    /// Scored copies of the data files.
    pub scored: usize,
}

/// The kind of study the data make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Design {
    /// Intervention and control group, each at every wave.
    TwoGroups,
    /// Three groups or more, each at every wave.
    SeveralGroups,
    /// One group at every wave.
    OneGroup,
    /// One person at every wave.
    SingleCase,
}

impl Design {
    /// The analyses this design allows.
    fn allows(self, analysis: Analysis) -> bool {
        match self {
            Design::TwoGroups | Design::SeveralGroups => true,
            Design::OneGroup => !matches!(
                analysis,
                Analysis::Baseline | Analysis::Between | Analysis::Mixed
            ),
            Design::SingleCase => matches!(
                analysis,
                Analysis::Describe | Analysis::Change | Analysis::Transitions
            ),
        }
    }

    /// Why the design does not allow an analysis.
    fn refusal(self) -> &'static str {
        match self {
            Design::SingleCase => {
                "the data hold one person, and only describe, change and transitions can be computed for a single case"
            }
            Design::OneGroup => "the study has no control group",
            Design::TwoGroups | Design::SeveralGroups => "",
        }
    }
}

/// `results.json`: the settings and every result, per questionnaire.
#[derive(Debug, Serialize)]
struct StudyResults<'a> {
    psyscore: &'static str,
    title: Option<&'a str>,
    design: Design,
    alpha: f64,
    conf: f64,
    adjust: Adjust,
    analyses: &'a [Analysis],
    time_levels: &'a [String],
    groups: Option<GroupsOut<'a>>,
    participants: Option<&'a BaselineReport>,
    scales: &'a [ScaleResults],
    /// `[[power]]`: the next study's sample sizes.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    power: &'a [Plan],
}

/// The groups in `results.json`: an intervention and a control group as such, else the
/// levels with the control (if any).
#[derive(Debug, Serialize)]
#[serde(untagged)]
enum GroupsOut<'a> {
    Two {
        column: &'a str,
        intervention: &'a str,
        control: &'a str,
    },
    Several {
        column: &'a str,
        levels: &'a [String],
        control: Option<&'a str>,
    },
}

impl<'a> GroupsOut<'a> {
    fn of(groups: &'a Groups) -> GroupsOut<'a> {
        match (groups.levels.as_slice(), &groups.control) {
            ([intervention, control], Some(named)) if named == control => GroupsOut::Two {
                column: &groups.column,
                intervention,
                control,
            },
            (levels, control) => GroupsOut::Several {
                column: &groups.column,
                levels,
                control: control.as_deref(),
            },
        }
    }
}

/// Everything a study run computed, for the report.
pub struct StudyRun {
    /// The study file.
    pub study: Study,
    /// The report's language.
    pub lang: Lang,
    /// The design the data make.
    pub design: Design,
    /// The analyses run.
    pub analyses: Vec<Analysis>,
    /// The names of the waves, in time order.
    pub levels: Vec<String>,
    /// The questionnaires, in study order.
    pub scales: Vec<Scale>,
    /// Each questionnaire's column template from the study file, if any.
    pub templates: Vec<Option<ColumnTemplate>>,
    /// Each questionnaire's declared coding of the answers, if any.
    pub codings: Vec<Option<Coding>>,
    /// Their results.
    pub results: Vec<ScaleResults>,
    /// The participants' characteristics by group (`[participants]`).
    pub participants: Option<BaselineReport>,
    /// The people of the participants' table whose group was blank at the first wave and is
    /// taken from another.
    pub participants_filled: Vec<FilledGroup>,
    /// Each person's group, per questionnaire id.
    groups_by_id: HashMap<String, HashMap<String, String>>,
}

impl StudyRun {
    /// The group of person `id` in the data of questionnaire `scale`.
    pub fn group_of(&self, scale: &str, id: &str) -> Option<String> {
        self.groups_by_id
            .get(scale)
            .and_then(|ids| ids.get(id))
            .cloned()
    }

    /// The groups in report order (one `None` without groups).
    pub fn group_list(&self) -> Vec<Option<String>> {
        analyses::group_values(&self.study)
    }
}

/// The number of steps [`run`] tells its observer: reading and analysing each questionnaire,
/// then writing.
pub fn steps(study: &Study) -> u64 {
    2 * study.scales.len() as u64 + 1
}

/// Runs the whole study: reads its data, pairs people, runs every analysis the design allows
/// (or the file asks for) and writes into `outdir` the report in `lang` (`report.html`,
/// `report.md`, `report.docx`), `results.json`, `tables/*.csv`, `figures/*.svg` and `*.png`,
/// and `scored/*.csv`, the CSV
/// after a byte-order mark with `bom`. `observer` hears of each step and of warnings.
pub fn run(
    study: Study,
    lang: Lang,
    outdir: &Path,
    bom: bool,
    observer: &dyn Observer,
) -> Result<Written, RunError> {
    let levels = time_levels(&study);

    let mut files = DataFiles::default();
    let mut scales = Vec::new();
    let mut templates = Vec::new();
    let mut codings = Vec::new();
    let mut sheets = Vec::new();
    for entry in &study.scales {
        observer.step(&format!("reading {}", entry.scale));
        let scale = Scale::load(&entry.scale).map_err(|source| RunError::Scale {
            at: format!("{}:{}:{}", study.file, entry.at.line, entry.at.column),
            source,
        })?;
        let template = entry
            .columns
            .as_deref()
            .map(|text| {
                let template = ColumnTemplate::parse(text)?;
                template.check_fits(&scale)?;
                Ok(template)
            })
            .transpose()
            .map_err(|err: TemplateError| {
                entry
                    .at
                    .error(&study.file, format!("columns of {}: {err}", scale.id))
            })?;
        let coding = entry
            .coded_from
            .as_ref()
            .map(|from| {
                Coding::new(&scale, from.value).map_err(|err| {
                    from.error(&study.file, format!("coded_from = {}: {err}", from.value))
                })
            })
            .transpose()?;
        let data = read_timed(
            &mut files,
            &study,
            &scale,
            template.as_ref(),
            coding.as_ref(),
            observer,
        )?;
        require_common_ids(data.pre(), data.post(), [&levels[0], &levels[1]])?;
        // Every questionnaire reads the same rows: one warning is enough.
        if data.ids_are_row_numbers && sheets.is_empty() {
            observer.warn(&row_number_ids_warning(
                &study.data.id,
                &[data.pre(), data.post()],
            ));
        }
        check_groups(&study, &data)?;
        sheets.push(data);
        scales.push(scale);
        templates.push(template);
        codings.push(coding);
    }
    let (participants, participants_filled) =
        match read_participants(&mut files, &study, &person_groups(&sheets[0]))? {
            Some((report, filled)) => (Some(report), filled),
            None => (None, Vec::new()),
        };
    let design = design(&study, &sheets[0]);
    let analyses = choose_analyses(&study, design)?;

    let mut results = Vec::new();
    let mut figures = Vec::new();
    let mut groups_by_id = HashMap::new();
    for ((entry, scale), data) in study.scales.iter().zip(&scales).zip(&sheets) {
        observer.step(&format!("analysing {}", scale.id));
        let references = change_references(&study, entry, scale)?;
        let groups = analyses::split_groups(&study, data);
        let inputs = Inputs {
            study: &study,
            scale,
            change_references: references,
            data,
            groups: &groups,
        };
        let scale_results = analyse(&inputs, &analyses);
        figures.push(figures::draw(
            &FigureData {
                scale,
                data,
                groups: &groups,
                results: &scale_results,
                conf: study.conf,
                names: &study.names(),
            },
            lang,
        ));
        groups_by_id.insert(scale.id.clone(), person_groups(data));
        results.push(scale_results);
    }
    let run = StudyRun {
        study,
        lang,
        design,
        analyses,
        levels,
        scales,
        templates,
        codings,
        results,
        participants,
        participants_filled,
        groups_by_id,
    };
    observer.step("writing the report");
    let (tables, figures) = write_outputs(&run, &figures, outdir, bom, observer)?;
    let scored = write_scored(&run, &mut files, outdir, bom)?;
    Ok(Written {
        outdir: outdir.to_owned(),
        tables,
        figures,
        scored,
    })
}

/// Refuses a group value that no pre-test row holds (a typo would otherwise give an empty
/// group), naming the values the column does hold.
fn check_groups(study: &Study, data: &TimedSheets) -> Result<(), StudyError> {
    let Some(groups) = &study.groups else {
        return Ok(());
    };
    for (value, at) in groups.levels.iter().zip(&groups.at) {
        if data.pre().rows.iter().all(|row| &row.keys[0] != value) {
            let held = quoted_values(data.pre().rows.iter().map(|row| row.keys[0].as_str()));
            return Err(at.error(
                &study.file,
                format!(
                    "no pre-test row of {} has {} = \"{value}\"; the column holds {}",
                    data.pre().source,
                    groups.column,
                    held
                ),
            ));
        }
    }
    Ok(())
}

/// The design: two groups with `[groups]`; else one person or one group.
fn design(study: &Study, data: &TimedSheets) -> Design {
    match &study.groups {
        Some(groups) if groups.levels.len() == 2 => Design::TwoGroups,
        Some(_) => Design::SeveralGroups,
        None if data.pre().rows.len() == 1
            && data.sheets[1..].iter().all(|sheet| sheet.rows.len() <= 1) =>
        {
            Design::SingleCase
        }
        None => Design::OneGroup,
    }
}

/// The analyses asked for, checked against the design; without a list, all the design allows
/// (the mixed analysis from three waves on: with two, the pre/post comparisons, the ANCOVA and
/// the gain scores answer its questions).
fn choose_analyses(study: &Study, design: Design) -> Result<Vec<Analysis>, StudyError> {
    let waves = study.data.layout.times().len();
    let Some(asked) = &study.analyses else {
        return Ok(Analysis::ALL
            .into_iter()
            .filter(|a| design.allows(*a))
            // Two groups over two waves are the ANCOVA's; more groups or waves the mixed
            // ANOVA's.
            .filter(|a| *a != Analysis::Mixed || waves > 2 || design == Design::SeveralGroups)
            .collect());
    };
    if let Some(refused) = asked.value.iter().find(|a| !design.allows(**a)) {
        return Err(asked.error(
            &study.file,
            format!(
                "analysis \"{}\" is not possible: {}",
                refused.name(),
                design.refusal()
            ),
        ));
    }
    Ok(asked.value.clone())
}

/// The reliable-change references of a questionnaire's measures, checked against its measures.
fn change_references(
    study: &Study,
    entry: &crate::study::ScaleUse,
    scale: &Scale,
) -> Result<BTreeMap<String, crate::stats::change::Reference>, StudyError> {
    let mut references = BTreeMap::new();
    for given in &entry.change {
        let known = scale.scores.iter().any(|s| {
            s.id == given.measure.value
                || s.transform
                    .as_ref()
                    .and_then(|t| t.name.as_deref())
                    .is_some_and(|name| name == given.measure.value)
        });
        if !known {
            let measures: Vec<&str> = scale.scores.iter().map(|s| s.id.as_str()).collect();
            return Err(given.measure.error(
                &study.file,
                format!(
                    "{} has no measure \"{}\"; its measures are {}",
                    scale.id,
                    given.measure.value,
                    measures.join(", ")
                ),
            ));
        }
        references.insert(given.measure.value.clone(), given.reference.clone());
    }
    Ok(references)
}

/// Each person's group (the first key) in the pre rows.
fn person_groups(data: &TimedSheets) -> HashMap<String, String> {
    data.pre()
        .rows
        .iter()
        .filter_map(|row| row.keys.first().map(|g| (row.id.clone(), g.clone())))
        .collect()
}

/// Writes the report, results and tables (each after a byte-order mark with `bom`); returns
/// how many tables and figures.
fn write_outputs(
    run: &StudyRun,
    figures: &[ScaleFigures],
    outdir: &Path,
    bom: bool,
    observer: &dyn Observer,
) -> Result<(usize, usize), RunError> {
    for folder in ["", "tables", "figures"] {
        create_folder(&outdir.join(folder))?;
    }
    let write = |name: &str, bytes: &[u8]| -> io::Result<()> {
        let path = outdir.join(name);
        fs::write(&path, bytes).map_err(|error| naming(&path, "write", error))
    };
    let results = StudyResults {
        psyscore: env!("CARGO_PKG_VERSION"),
        title: run.study.title.as_deref(),
        design: run.design,
        alpha: run.study.alpha,
        conf: run.study.conf,
        adjust: run.study.adjust,
        analyses: &run.analyses,
        time_levels: &run.levels,
        groups: run.study.groups.as_ref().map(GroupsOut::of),
        participants: run.participants.as_ref(),
        scales: &run.results,
        power: &run.study.plans,
    };
    write(
        "results.json",
        format!(
            "{}\n",
            serde_json::to_string_pretty(&results).map_err(io::Error::from)?
        )
        .as_bytes(),
    )?;
    let tables = std::cell::Cell::new(0);
    if let Some(participants) = &run.participants {
        let mut csv = Vec::new();
        write_baseline(&mut csv, participants, Format::Csv)?;
        tables.set(1);
        let name = "tables/participants.csv";
        if bom {
            write(name, &[UTF8_BOM, &csv].concat())?;
        } else {
            write(name, &csv)?;
        }
    }
    for results in &run.results {
        write_tables(run, results, &|name, bytes| {
            tables.set(tables.get() + 1);
            let name = format!("tables/{name}");
            if bom {
                write(&name, &[UTF8_BOM, bytes].concat())
            } else {
                write(&name, bytes)
            }
        })?;
    }
    let mut figure_count = 0;
    let rasterizer = Rasterizer::new();
    let mut pngs = HashMap::new();
    let mut told = Vec::new();
    for figure in figures.iter().flat_map(|f| &f.figures) {
        figure_count += 1;
        if let Some(warning) = rasterizer.font_warning(&figure.svg)
            && !told.contains(&warning)
        {
            told.push(warning);
            observer.warn(warning);
        }
        let png = rasterizer.render(&figure.file, &figure.svg)?;
        write(&png_name(&figure.file), &png.bytes)?;
        pngs.insert(figure.file.clone(), png);
        write(
            &figure.file,
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}\n",
                figure.svg
            )
            .as_bytes(),
        )?;
    }
    let document = document::build(run, figures);
    write("report.html", to_html(&document).as_bytes())?;
    write("report.md", to_markdown(&document).as_bytes())?;
    write(
        "tables.xlsx",
        &to_xlsx(&document).map_err(io::Error::other)?,
    )?;
    write("report.docx", &to_docx(&document, &pngs)?)?;
    Ok((tables.get(), figure_count))
}

/// `figures/x.png` for `figures/x.svg`.
fn png_name(svg: &str) -> String {
    let stem = svg.strip_suffix(".svg").unwrap_or(svg);
    format!("{stem}.png")
}

/// Writes `scored/`: each data file scored as `psyscore score` scores it, with every
/// questionnaire of the study, keeping the group and time columns, after a byte-order mark with
/// `bom`. Returns how many files.
fn write_scored(
    run: &StudyRun,
    files: &mut DataFiles,
    outdir: &Path,
    bom: bool,
) -> Result<usize, RunError> {
    let folder = outdir.join("scored");
    create_folder(&folder)?;
    let data = &run.study.data;
    let mut keep: Vec<String> = run.study.groups.iter().map(|g| g.column.clone()).collect();
    let inputs: Vec<(&Path, String)> = match &data.layout {
        Layout::Wide { waves } => waves
            .iter()
            .map(|(wave, path)| (path.as_path(), format!("{}.csv", file_safe(wave))))
            .collect(),
        Layout::Long { file, time, .. } => {
            keep.insert(0, time.clone());
            vec![(file, "long.csv".to_owned())]
        }
    };
    let readings: Vec<ScaleReading> = run
        .scales
        .iter()
        .zip(&run.templates)
        .zip(&run.codings)
        .map(|((scale, template), coding)| ScaleReading {
            scale,
            template: template.as_ref(),
            coding: coding.as_ref(),
        })
        .collect();
    let policy = if data.invalid_as_missing {
        InvalidPolicy::Missing
    } else {
        InvalidPolicy::Error
    };
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    for (input, name) in &inputs {
        let sheet = files.open(&run.study, input)?;
        let kept: Vec<String> = keep
            .iter()
            .filter(|column| sheet.headers().contains(column))
            .cloned()
            .collect();
        let source = sheet.source().to_owned();
        let table = ScoreTable::bind(
            &sheet,
            &readings,
            Some(&data.id),
            Keep::Columns(&kept),
            policy,
        )?;
        let path = folder.join(name);
        let file = fs::File::create(&path).map_err(|error| naming(&path, "create", error))?;
        let mut out = NamedWriter::new(io::BufWriter::new(file), path.display().to_string());
        if bom {
            io::Write::write_all(&mut out, UTF8_BOM)?;
        }
        let pipeline = Pipeline::Chunks {
            threads,
            chunk_bytes: crate::score::CHUNK_BYTES,
        };
        let found = write_scores::<RunError>(sheet, &table, Format::Csv, pipeline, Box::new(out))?;
        if found.total > 0 {
            let _ = fs::remove_file(&path);
            return Err(InvalidCellsError {
                file: source,
                cells: found.listed,
                total: found.total,
                hints: Vec::new(),
            }
            .into());
        }
    }
    Ok(inputs.len())
}

/// Creates `folder` (and its parents), naming it if that fails.
fn create_folder(folder: &Path) -> io::Result<()> {
    fs::create_dir_all(folder).map_err(|error| naming(folder, "create the folder", error))
}

/// `error` with the path it concerns: "cannot write out/report.md: No space left on device".
fn naming(path: &Path, what: &str, error: io::Error) -> io::Error {
    io::Error::new(
        error.kind(),
        format!("cannot {what} {}: {error}", path.display()),
    )
}
