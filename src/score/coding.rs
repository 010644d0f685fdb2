//! How a sheet numbers the answer options when not as the questionnaire scores them
//! (`--coded-from N`, a study file's `coded_from = N`), and the signs in a sheet's answers that
//! it does so undeclared.
//!
//! Survey sites export a chosen option by its number: 问卷星 (WJX) writes 1 to 5 for the five
//! options of a CBI item, which the CBI scores 0 to 4. Read as written, such a sheet is either
//! full of invalid 5s or, when nobody chose the top option, scored one point too high on every
//! item without any error. A [`Coding`] says that the sheet's code N stands for each item's lowest
//! answer: every number in the cells of a single-answer item, and of each part of a `sum` item,
//! is read as `x − N + min` (the item's own `min`, so items of different ranges each keep
//! theirs) before it is checked against the range and scored. Text answers (`labels`) keep the
//! values the questionnaire gives them, and the cells of `count` items (0/1 ticks, or option
//! codes) are read as written: neither is an option number.

use thiserror::Error;

use crate::scale::{Item, ItemKind, Scale};

/// The largest code `--coded-from` accepts, either side of zero (far beyond any survey).
pub const MAX_CODED_FROM: i64 = 1_000_000;

/// Where a sheet's coding is declared, so that messages say how to declare it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodingOption {
    /// `--coded-from N` on the command line.
    Flag,
    /// `coded_from = N` in a study file's `[[scales]]` entry.
    StudyKey,
}

impl CodingOption {
    /// How to declare that the sheet numbers `scale`'s options from `from`.
    pub fn spelled(self, scale: &str, from: i64) -> String {
        match self {
            CodingOption::Flag => format!("--coded-from {from}"),
            CodingOption::StudyKey => {
                format!("coded_from = {from} in the [[scales]] entry of {scale}")
            }
        }
    }

    /// The declaration as written, e.g. `--coded-from 1`, to name a coding in messages.
    fn written(self, from: i64) -> String {
        match self {
            CodingOption::Flag => format!("--coded-from {from}"),
            CodingOption::StudyKey => format!("coded_from = {from}"),
        }
    }
}

/// A questionnaire whose answer options a sheet numbers from `from`: see the module
/// documentation for what is read how.
#[derive(Debug, Clone, PartialEq)]
pub struct Coding {
    /// The sheet's code of each item's lowest answer.
    from: i64,
    /// Per item of the scale: what is added to a number read from its cells (0 for `count`
    /// items).
    shifts: Vec<f64>,
}

/// A coding that makes no sense for a questionnaire.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum CodingError {
    /// An item whose answers may have decimals is measured, not chosen among options.
    #[error(
        "item {item} of {scale} accepts decimals, a measured answer rather than a chosen option, \
         so its cells are not option numbers; leave the coding out for this questionnaire"
    )]
    Decimals {
        /// The scale id.
        scale: String,
        /// The item's name.
        item: String,
    },
    /// An item whose lowest answer is not a whole number has no option numbers to shift by.
    #[error(
        "item {item} of {scale} starts at {min}, not a whole number, so its options cannot be \
         numbered from a whole number"
    )]
    NotWhole {
        /// The scale id.
        scale: String,
        /// The item's name.
        item: String,
        /// Its lowest answer.
        min: String,
    },
    /// Every item counts ticked options, which are read as written.
    #[error(
        "every item of {scale} counts ticked options, which are read as written, so there is no \
         option number to recode"
    )]
    NothingCoded {
        /// The scale id.
        scale: String,
    },
}

/// Whether an item's cells hold chosen options' numbers: single answers and the parts of sums.
fn is_coded(item: &Item) -> bool {
    matches!(item.kind, ItemKind::Single | ItemKind::Sum { .. })
}

impl Coding {
    /// The coding of a sheet that numbers every item's options of `scale` from `from`.
    pub fn new(scale: &Scale, from: i64) -> Result<Coding, CodingError> {
        for item in scale.items.iter().filter(|item| is_coded(item)) {
            if item.decimals {
                return Err(CodingError::Decimals {
                    scale: scale.id.clone(),
                    item: item.name.clone(),
                });
            }
            if item.min.fract() != 0.0 {
                return Err(CodingError::NotWhole {
                    scale: scale.id.clone(),
                    item: item.name.clone(),
                    min: item.min.to_string(),
                });
            }
        }
        if !scale.items.iter().any(is_coded) {
            return Err(CodingError::NothingCoded {
                scale: scale.id.clone(),
            });
        }
        let shifts = scale
            .items
            .iter()
            .map(|item| {
                if is_coded(item) {
                    item.min - from as f64
                } else {
                    0.0
                }
            })
            .collect();
        Ok(Coding { from, shifts })
    }

    /// The sheet's code of each item's lowest answer.
    pub fn from(&self) -> i64 {
        self.from
    }

    /// What is added to a number in the cells of item `index` (0 for `count` items).
    pub fn shift(&self, index: usize) -> f64 {
        self.shifts[index]
    }

    /// What the coding does, in a sentence that names the questionnaire and the declaration,
    /// e.g. "cbi: the sheet numbers the answer options from 1 (--coded-from 1): its 1 to 5 are
    /// read as 0 to 4".
    pub fn describe(&self, scale: &Scale, option: CodingOption) -> String {
        let mut text = format!(
            "{}: the sheet numbers the answer options from {} ({})",
            scale.id,
            self.from,
            option.written(self.from)
        );
        let ranges = self.ranges(scale);
        if ranges.recoded.is_empty() {
            text.push_str(", as the questionnaire scores them: nothing is recoded");
            return text;
        }
        let from = self.from as f64;
        let several = ranges.recoded.len() > 1;
        let parts: Vec<String> = ranges
            .recoded
            .iter()
            .map(|((min, max), indices)| {
                let sheet = format!("{from} to {}", from + (max - min));
                let read = if *min == from {
                    format!("its {sheet} are read as written")
                } else {
                    format!("its {sheet} are read as {min} to {max}")
                };
                if several {
                    format!("{read} (items {})", scale.item_list(indices))
                } else {
                    read
                }
            })
            .collect();
        text.push_str(": ");
        text.push_str(&parts.join(", "));
        if !ranges.counts.is_empty() {
            text.push_str(&format!(
                "; the ticked options of items {} are read as written",
                scale.item_list(&ranges.counts)
            ));
        }
        if ranges.labels {
            text.push_str("; text answers keep their values");
        }
        text
    }

    /// [`Coding::describe`] of a study file's `coded_from`, in Chinese, for a Chinese report.
    pub fn describe_zh(&self, scale: &Scale) -> String {
        let mut text = format!(
            "{}：数据表中各条目的选项编号从 {} 开始（研究文件中的 coded_from = {}）",
            scale.id, self.from, self.from
        );
        let ranges = self.ranges(scale);
        if ranges.recoded.is_empty() {
            text.push_str("，与量表的计分相同，未作转换");
            return text;
        }
        let from = self.from as f64;
        let several = ranges.recoded.len() > 1;
        let parts: Vec<String> = ranges
            .recoded
            .iter()
            .map(|((min, max), indices)| {
                let sheet = format!("{from} 至 {}", from + (max - min));
                let read = if *min == from {
                    format!("{sheet} 按原值读取")
                } else {
                    format!("{sheet} 读作 {min} 至 {max}")
                };
                if several {
                    format!("{read}（条目 {}）", scale.item_list(indices))
                } else {
                    read
                }
            })
            .collect();
        text.push('：');
        text.push_str(&parts.join("，"));
        if !ranges.counts.is_empty() {
            text.push_str(&format!(
                "；条目 {} 的勾选项按原值读取",
                scale.item_list(&ranges.counts)
            ));
        }
        if ranges.labels {
            text.push_str("；文字作答保持原值");
        }
        text
    }

    /// The coded items grouped by their range (items of one range read alike), the items of
    /// ticked options, and whether any item has text answers.
    fn ranges(&self, scale: &Scale) -> CodedRanges {
        let mut recoded: Vec<((f64, f64), Vec<usize>)> = Vec::new();
        if self.shifts.iter().any(|&shift| shift != 0.0) {
            for (index, item) in scale.items.iter().enumerate() {
                if !is_coded(item) {
                    continue;
                }
                let range = (item.min, item.max);
                match recoded.iter_mut().find(|(other, _)| *other == range) {
                    Some((_, indices)) => indices.push(index),
                    None => recoded.push((range, vec![index])),
                }
            }
        }
        CodedRanges {
            recoded,
            counts: (0..scale.items.len())
                .filter(|&index| !is_coded(&scale.items[index]))
                .collect(),
            labels: scale.items.iter().any(|item| !item.labels.is_empty()),
        }
    }
}

/// What [`Coding::describe`] says, by parts.
struct CodedRanges {
    /// Each range of coded items and the items in it; empty when nothing is recoded.
    recoded: Vec<((f64, f64), Vec<usize>)>,
    /// The items of ticked options (`count`), read as written.
    counts: Vec<usize>,
    /// Whether any item has text answers.
    labels: bool,
}

/// What a sheet's answers to one questionnaire say about how it numbers the options: counted
/// row by row ([`crate::score::RowScores::tally`]) and added up over the sheet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CodingTally {
    /// Valid answers to single-answer items.
    pub answers: u64,
    /// Of those, the answers at their item's lowest value.
    pub lowest: u64,
    /// Invalid cells of single-answer items and of the parts of sums that are a whole number
    /// exactly one above the item's range (as read, after any coding).
    pub one_above: u64,
    /// Every other invalid cell.
    pub other_invalid: u64,
}

impl CodingTally {
    /// Adds another tally (another row's, or another chunk's) to this one.
    pub fn add(&mut self, other: &CodingTally) {
        self.answers += other.answers;
        self.lowest += other.lowest;
        self.one_above += other.one_above;
        self.other_invalid += other.other_invalid;
    }
}

/// The lowest answer shared by every item of `scale` whose cells hold option numbers, if they
/// all share one.
fn common_min(scale: &Scale) -> Option<f64> {
    let mut mins = scale
        .items
        .iter()
        .filter(|item| is_coded(item))
        .map(|item| item.min);
    let first = mins.next()?;
    mins.all(|min| min == first).then_some(first)
}

/// A sheet whose answers never use a questionnaire's lowest answer although they are many:
/// the mark of a sheet that numbers the options from one above, which is then scored too high
/// without any invalid cell. Its `Display` is the warning, naming the declaration that fixes it.
#[derive(Debug, Clone, PartialEq)]
pub struct LowestUnused {
    /// The sheet.
    pub source: String,
    /// How many answers to the questionnaire's single-answer items the sheet holds.
    pub answers: u64,
    /// The questionnaire's id.
    pub scale: String,
    /// The lowest answer of every item, when the items share one; `None` when they differ.
    pub lowest: Option<f64>,
    /// How the declaration is written where the warning is read.
    pub option: CodingOption,
}

impl std::fmt::Display for LowestUnused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let LowestUnused {
            source,
            answers,
            scale,
            lowest,
            option,
        } = self;
        match lowest {
            Some(min) => {
                let from = *min as i64 + 1;
                write!(
                    f,
                    "{source}: none of the {answers} answers to {scale} is {min}, its lowest \
                     answer; if the sheet numbers the options from {from} (as 问卷星/WJX exports \
                     do), every score is too high: add {}; if {min} is simply unused, add {} to \
                     say so",
                    option.spelled(scale, from),
                    option.spelled(scale, *min as i64),
                )
            }
            None => write!(
                f,
                "{source}: none of the {answers} answers to {scale} is its item's lowest answer; \
                 if the sheet numbers the options from 1 (as 问卷星/WJX exports do), every score \
                 is too high: add {} (with the code of each item's first option)",
                option.spelled(scale, 1)
            ),
        }
    }
}

/// The warning for a sheet (named `source`) whose `tally` of answers to `scale`, read as
/// written, has no answer at an item's lowest value although there are at least 10 answers per
/// single-answer item on average (see [`LowestUnused`]). `None` when the answers do not look so.
pub fn lowest_unused(
    scale: &Scale,
    tally: &CodingTally,
    source: &str,
    option: CodingOption,
) -> Option<LowestUnused> {
    let singles = scale
        .items
        .iter()
        .filter(|item| matches!(item.kind, ItemKind::Single))
        .count() as u64;
    if singles == 0 || tally.lowest > 0 || tally.answers < 10 * singles {
        return None;
    }
    Some(LowestUnused {
        source: source.to_owned(),
        answers: tally.answers,
        scale: scale.id.clone(),
        lowest: common_min(scale),
        option,
    })
}

/// The hint for a sheet whose every invalid answer to `scale` is one above its item's range
/// while no answer is at the lowest value: the mark of a sheet that numbers the options from one
/// above the questionnaire's lowest answer. `None` when the invalid cells do not look so (or
/// the items do not all start at one value, so no one code fits them all).
pub fn one_above_hint(scale: &Scale, tally: &CodingTally, option: CodingOption) -> Option<String> {
    if tally.one_above == 0 || tally.other_invalid > 0 || tally.lowest > 0 {
        return None;
    }
    let min = common_min(scale)?;
    let from = min as i64 + 1;
    let ranges = scale
        .items
        .iter()
        .filter(|item| is_coded(item))
        .map(|item| item.max)
        .collect::<Vec<_>>();
    let above = if ranges.iter().all(|&max| max == ranges[0]) {
        format!(
            "{} (one above the range {min} to {})",
            ranges[0] + 1.0,
            ranges[0]
        )
    } else {
        "one above its item's range".to_owned()
    };
    Some(format!(
        "every invalid answer to {} is {above} and no answer is {min}: the sheet seems to number \
         the options from {from}, as 问卷星/WJX exports do; if so, add {}",
        scale.id,
        option.spelled(&scale.id, from)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scale(toml: &str) -> Scale {
        Scale::from_toml(toml, "t.toml").unwrap()
    }

    #[test]
    fn each_item_keeps_its_own_lowest_answer() {
        let ssrs = Scale::load("ssrs").unwrap();
        let coding = Coding::new(&ssrs, 0).unwrap();
        // Items 1-4 and 8-10 and the parts of item 5 (1 to 4) move up by one; the ticks of
        // items 6 and 7 do not move.
        let shifts: Vec<f64> = (0..10).map(|i| coding.shift(i)).collect();
        assert_eq!(shifts, [1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 1.0, 1.0, 1.0]);
        assert_eq!(
            coding.describe(&ssrs, CodingOption::Flag),
            "ssrs: the sheet numbers the answer options from 0 (--coded-from 0): its 0 to 3 are \
             read as 1 to 4; the ticked options of items 6, 7 are read as written"
        );
        let mixed = scale(
            "id = \"m\"\nname = \"M\"\nmin = 0\nmax = 4\nitems = 5\n\
             [item.1]\nlabels = { \"never\" = 0 }\n\
             [item.4]\nmin = 1\nmax = 4\n[item.5]\nmin = 1\nmax = 4\n",
        );
        let coding = Coding::new(&mixed, 1).unwrap();
        assert_eq!(coding.shift(0), -1.0);
        assert_eq!(coding.shift(3), 0.0);
        assert_eq!(
            coding.describe(&mixed, CodingOption::StudyKey),
            "m: the sheet numbers the answer options from 1 (coded_from = 1): its 1 to 5 are \
             read as 0 to 4 (items 1-3), its 1 to 4 are read as written (items 4, 5); text \
             answers keep their values"
        );
        let cbi = Scale::load("cbi").unwrap();
        assert_eq!(
            Coding::new(&cbi, 0)
                .unwrap()
                .describe(&cbi, CodingOption::Flag),
            "cbi: the sheet numbers the answer options from 0 (--coded-from 0), as the \
             questionnaire scores them: nothing is recoded"
        );
    }

    #[test]
    fn a_coding_that_makes_no_sense_is_refused() {
        let vas =
            scale("id = \"v\"\nname = \"V\"\nmin = 0\nmax = 10\nitems = 2\ndecimals = true\n");
        assert_eq!(
            Coding::new(&vas, 1).unwrap_err().to_string(),
            "item 1 of v accepts decimals, a measured answer rather than a chosen option, so its \
             cells are not option numbers; leave the coding out for this questionnaire"
        );
        let half = scale("id = \"h\"\nname = \"H\"\nmin = 0.5\nmax = 4.5\nitems = 2\n");
        assert_eq!(
            Coding::new(&half, 1).unwrap_err().to_string(),
            "item 1 of h starts at 0.5, not a whole number, so its options cannot be numbered \
             from a whole number"
        );
        let ticks = scale(
            "id = \"c\"\nname = \"C\"\nmin = 0\nmax = 1\nitems = 1\n\
             [item.1]\nkind = \"count\"\nparts = [\"a\", \"b\"]\n",
        );
        assert_eq!(
            Coding::new(&ticks, 1).unwrap_err().to_string(),
            "every item of c counts ticked options, which are read as written, so there is no \
             option number to recode"
        );
    }

    #[test]
    fn warnings_need_enough_answers_and_no_lowest_one() {
        let cbi = Scale::load("cbi").unwrap();
        let tally = |answers, lowest| CodingTally {
            answers,
            lowest,
            ..CodingTally::default()
        };
        assert_eq!(
            lowest_unused(&cbi, &tally(239, 0), "s.csv", CodingOption::Flag),
            None
        );
        assert_eq!(
            lowest_unused(&cbi, &tally(240, 1), "s.csv", CodingOption::Flag),
            None
        );
        assert_eq!(
            lowest_unused(&cbi, &tally(240, 0), "s.csv", CodingOption::StudyKey)
                .unwrap()
                .to_string(),
            "s.csv: none of the 240 answers to cbi is 0, its lowest answer; if the sheet \
             numbers the options from 1 (as 问卷星/WJX exports do), every score is too high: add \
             coded_from = 1 in the [[scales]] entry of cbi; if 0 is simply unused, add \
             coded_from = 0 in the [[scales]] entry of cbi to say so"
        );
        let above = |one_above, other_invalid, lowest| CodingTally {
            answers: 10,
            lowest,
            one_above,
            other_invalid,
        };
        assert_eq!(
            one_above_hint(&cbi, &above(0, 0, 0), CodingOption::Flag),
            None
        );
        assert_eq!(
            one_above_hint(&cbi, &above(3, 1, 0), CodingOption::Flag),
            None
        );
        assert_eq!(
            one_above_hint(&cbi, &above(3, 0, 2), CodingOption::Flag),
            None
        );
        assert_eq!(
            one_above_hint(&cbi, &above(3, 0, 0), CodingOption::Flag).unwrap(),
            "every invalid answer to cbi is 5 (one above the range 0 to 4) and no answer is 0: \
             the sheet seems to number the options from 1, as 问卷星/WJX exports do; if so, add \
             --coded-from 1"
        );
    }
}
