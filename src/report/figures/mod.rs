//! Report figures drawn as hand-written SVG strings.
//!
//! Each public function returns one self-contained `<svg>` element meant to be
//! inlined into the HTML report. The design rules they all follow:
//!
//! - **Accessible**: `role="img"`, a `<title>` and a `<desc>` as the first
//!   children (the accessible name and description in SVG-AAM); the `<desc>`
//!   restates the plotted numbers using only caller-supplied words, numbers and
//!   symbols (`n = 23`, `Q1 = …`, `→`), so no language is hard-coded.
//! - **Styled without CSS**: colours, strokes and fonts are presentation
//!   attributes. They have the lowest priority in the CSS cascade, so the
//!   report's stylesheet can override any of them through the `ps-*` class
//!   names, yet the figure looks right with no stylesheet at all. There is no
//!   `<style>` block (it would leak into the whole HTML page) and no `id`
//!   attribute (several figures share one page, so ids could clash).
//! - **Prints in grey**: Okabe–Ito colours (Okabe & Ito 2008, "Color Universal
//!   Design") and, on top of colour, a second cue: dash pattern and marker
//!   shape per group, a fill running from hollow to dark per wave, and a
//!   fixed position per band.
//! - **Small files**: coordinates are written with one decimal, data values
//!   with at most two, trailing zeros dropped.
//! - **Robust**: non-finite values are skipped, zero ranges are widened, long
//!   labels are wrapped or truncated with `…` (the full text stays in the
//!   `<desc>`), and every string is XML-escaped with characters that XML 1.0
//!   forbids removed.
//!
//! A study measures people at k ≥ 2 waves (pre, post, follow-up, …), named by
//! [`Labels::waves`], in one or more groups (up to four are told apart by
//! style; each figure says what happens beyond). There is one file per kind of
//! figure ([`person_lines`], [`box_plot`], [`profile`], [`transition_bars`]),
//! all drawn with one small vocabulary: text fitting in `text`, the value axis
//! in `scale`, axes, legends and markers in `draw`, and the constants and
//! [`Labels`] here.

mod boxes;
mod draw;
mod lines;
mod profile;
mod scale;
mod text;
mod transitions;

use std::fmt::Write as _;

pub use boxes::{BoxData, BoxGroup, box_plot};
pub use lines::{LineGroup, PersonLine, person_lines};
pub use profile::{ProfileGroup, ProfilePoint, profile};
pub use transitions::{TransitionCount, TransitionGroup, transition_bars};

pub(crate) use text::escape_xml;

use draw::{
    Series, Swatch, TextBlock, dash_attr, diamond, gridlines, guide, legend, legend_flow,
    legend_right, marker, polyline, text_lines, x_axis, y_axis,
};
use scale::Scale;
use text::{Px, Val, clean, fit, join_desc, text_width, wrap};

/// Text the caller supplies (already translated); the module never hard-codes language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Labels {
    /// Figure title, drawn at the top and used as the SVG `<title>`.
    pub title: String,
    /// Title of the value axis (the count axis in [`transition_bars`]).
    pub y_axis: String,
    /// The names of the waves in order, e.g. `["Pre", "Post", "Follow-up"]`;
    /// a wave without a name here is drawn with an empty one. In
    /// [`transition_bars`] the first and the last name are the two waves the
    /// transitions run between.
    pub waves: Vec<String>,
    /// Word for the arithmetic mean, e.g. "Mean".
    pub mean: String,
    /// Name of the interval drawn as error bars in [`profile`], e.g. "95% CI"
    /// (left empty, the bars get no legend key).
    pub interval: String,
}

impl Labels {
    /// The name of wave `i`, or `""` past the end of [`Labels::waves`].
    fn wave(&self, i: usize) -> &str {
        self.waves.get(i).map_or("", String::as_str)
    }
}

/// Width of every figure in user units.
const WIDTH: f64 = 640.0;
/// System UI fonts first, then CJK fonts so Chinese labels never fall back to boxes.
const FONT_FAMILY: &str = "system-ui, -apple-system, 'Segoe UI', 'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";
const INK: &str = "#222222";
const WHITE: &str = "#FFFFFF";
const MUTED: &str = "#595959";
const GRID: &str = "#DDDDDD";
const AXIS: &str = "#767676";
/// Okabe–Ito colours for groups, chosen to differ in lightness too.
const GROUP_COLOURS: [&str; 4] = ["#0072B2", "#D55E00", "#009E73", "#CC79A7"];
/// Colours for a fifth to eighth group sharing a plot with four others
/// (Okabe–Ito sky blue, orange and black, and grey), drawn with hollow markers.
const MORE_GROUP_COLOURS: [&str; 4] = ["#56B4E9", "#E69F00", "#000000", "#999999"];
/// Dash patterns paired with [`GROUP_COLOURS`] for grey prints ("" = solid).
const GROUP_DASHES: [&str; 4] = ["", "7 4", "2 3", "9 3 2 3"];
/// Okabe–Ito colours for bands, lowest band first: the first five run from
/// light to dark (CIE L* about 89, 71, 58, 46 and 0), so ordered bands stay
/// ordered in a grey print; the rest only add hues.
const BAND_COLOURS: [&str; 8] = [
    "#F0E442", "#E69F00", "#009E73", "#0072B2", "#000000", "#56B4E9", "#D55E00", "#CC79A7",
];
/// Box styles by wave, `(fill, stroke, median stroke)`: the first wave hollow,
/// then Okabe–Ito fills from light to dark (CIE L* about 71, 58, 46 and 0) so
/// the waves stay ordered in a grey print; from the sixth wave on they repeat.
const BOX_STYLES: [(&str, &str, &str); 5] = [
    ("#FFFFFF", "#0072B2", "#0072B2"),
    ("#E69F00", "#333333", "#000000"),
    ("#009E73", "#333333", "#000000"),
    ("#0072B2", "#333333", "#FFFFFF"),
    ("#000000", "#000000", "#FFFFFF"),
];

/// Starts the `<svg>` element with its title, description and visible title.
fn svg_open(out: &mut String, kind: &str, height: f64, title: &str, desc: &str) {
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="ps-fig ps-fig-{kind}" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" style="max-width:100%;height:auto" font-family="{FONT_FAMILY}" font-size="12" fill="{INK}"><title>{}</title><desc>{}</desc><text class="ps-title" x="16" y="26" font-size="15" font-weight="600">{}</text>"#,
        escape_xml(&clean(title)),
        escape_xml(desc),
        escape_xml(&fit(title, WIDTH - 32.0, 15.0)),
        w = Px(WIDTH),
        h = Px(height),
    );
}

/// The x position of wave `i` of `waves`, equally spaced from `first` to
/// `last` (halfway between them when there is only one wave).
fn wave_x(first: f64, last: f64, i: usize, waves: usize) -> f64 {
    if waves < 2 {
        return (first + last) / 2.0;
    }
    let f = i as f64 / (waves - 1) as f64;
    first * (1.0 - f) + last * f
}

/// A plotting area in user units.
struct Rect {
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
}

impl Rect {
    fn width(&self) -> f64 {
        self.right - self.left
    }
}

#[cfg(test)]
mod testing;

#[cfg(test)]
mod tests {
    use super::*;
    use testing::*;

    fn nasty_labels() -> Labels {
        Labels {
            title: "A & B <C> \"q\" 'x'".into(),
            y_axis: "y & <z>".into(),
            waves: vec!["<pre>".into(), "post & co".into()],
            mean: "\"mean\"".into(),
            interval: "CI <&>".into(),
        }
    }

    #[test]
    fn labels_are_escaped_everywhere() {
        let lines = person_lines(
            &nasty_labels(),
            &[line_group("g<&>", vec![person("<id>", 1.0, 2.0)])],
            None,
            10,
        );
        let boxes = box_plot(
            &nasty_labels(),
            &[box_group(
                "g<&>",
                Some(BoxData {
                    q1: 1.0,
                    median: 2.0,
                    q3: 3.0,
                    values: vec![2.0],
                }),
                None,
            )],
            None,
        );
        let bars = transition_bars(
            &nasty_labels(),
            &["<low>".to_owned(), "hi & 'x'".to_owned()],
            &[TransitionGroup {
                label: "g<&>".into(),
                transitions: vec![transition("<low>", "hi & 'x'", 1)],
            }],
        );
        let means = profile(
            &nasty_labels(),
            &[ProfileGroup {
                label: "g<&>".into(),
                points: vec![Some(ProfilePoint {
                    mean: 1.0,
                    ci_low: 0.0,
                    ci_high: 2.0,
                    n: 3,
                })],
            }],
            None,
        );
        assert!(means.contains("CI &lt;&amp;&gt; [0, 2]"));
        for svg in [&lines, &boxes, &bars, &means] {
            let doc = parse(svg);
            assert_eq!(child_text(&doc, "title"), "A & B <C> \"q\" 'x'");
            assert!(child_text(&doc, "desc").contains("g<&>"));
            assert!(svg.contains("A &amp; B &lt;C&gt; &quot;q&quot; &apos;x&apos;"));
            assert!(!svg.contains("<C>") && !svg.contains("<pre>") && !svg.contains("<id>"));
            let visible: String = doc
                .root_element()
                .children()
                .filter(|n| !n.has_tag_name("title") && !n.has_tag_name("desc"))
                .map(|n| text_of(&n))
                .collect();
            assert!(visible.contains("A & B <C>"), "{visible}");
        }
    }

    #[test]
    fn edge_cases_give_valid_svg() {
        let l = labels();
        let odd = Labels {
            title: "ctrl\u{1}\u{8}\u{FFFF} chars\nand newline".into(),
            ..labels()
        };
        let box_data = |v: f64| BoxData {
            q1: v,
            median: v,
            q3: v,
            values: vec![v, v, f64::NAN],
        };
        let svgs = [
            person_lines(&l, &[], None, 200),
            person_lines(&l, &[line_group("", vec![])], Some((f64::NAN, 1.0)), 0),
            person_lines(
                &l,
                &[line_group("one", vec![person("p", 5.0, 5.0)])],
                None,
                1,
            ),
            person_lines(
                &l,
                &[line_group("zero", vec![person("p", 0.0, 0.0)])],
                Some((3.0, 3.0)),
                1,
            ),
            person_lines(
                &odd,
                &[line_group("big", vec![person("p", -1e300, 1e300)])],
                Some((10.0, 0.0)),
                5,
            ),
            person_lines(
                &l,
                &vec![line_group("g", vec![person("p", 1.0, 2.0)]); 4],
                None,
                5,
            ),
            box_plot(&l, &[], None),
            box_plot(
                &odd,
                &[box_group("flat", Some(box_data(7.0)), Some(box_data(7.0)))],
                None,
            ),
            box_plot(
                &l,
                &[box_group(
                    "empty",
                    Some(BoxData {
                        q1: 1.0,
                        median: 2.0,
                        q3: 3.0,
                        values: vec![],
                    }),
                    None,
                )],
                None,
            ),
            box_plot(
                &l,
                &[box_group(
                    "swapped",
                    Some(BoxData {
                        q1: 3.0,
                        median: 2.0,
                        q3: 1.0,
                        values: vec![1.0, 2.0, 3.0],
                    }),
                    None,
                )],
                Some((f64::INFINITY, 0.0)),
            ),
            transition_bars(&l, &[], &[]),
            transition_bars(
                &odd,
                &[],
                &[TransitionGroup {
                    label: "g".into(),
                    transitions: vec![transition("a", "b", 0)],
                }],
            ),
            transition_bars(
                &l,
                &["x".repeat(200)],
                &vec![
                    TransitionGroup {
                        label: "g".into(),
                        transitions: vec![transition("a", "b", 1000)]
                    };
                    4
                ],
            ),
        ];
        for svg in &svgs {
            parse(svg);
        }
        for odd_one in [4, 7, 11] {
            let doc = parse(&svgs[odd_one]);
            assert_eq!(child_text(&doc, "title"), "ctrl chars and newline");
        }
        assert_eq!(by_class(&parse(&svgs[2]), "ps-person").len(), 1);
        assert_eq!(by_class(&parse(&svgs[1]), "ps-mean").len(), 0);
        assert_eq!(by_class(&parse(&svgs[7]), "ps-box").len(), 2);
        assert_eq!(by_class(&parse(&svgs[11]), "ps-bar").len(), 0);
        assert_eq!(by_class(&parse(&svgs[12]), "ps-bar").len(), 4);
    }

    #[test]
    fn any_number_of_waves_and_groups_gives_valid_svg() {
        let no_waves = wave_labels(&[]);
        let one_wave = wave_labels(&["Only"]);
        let many: Vec<String> = (1..=12).map(|w| format!("W{w}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        let twelve = wave_labels(&many);
        let people = |waves: usize| -> Vec<PersonLine> {
            (0..3)
                .map(|i| {
                    let values: Vec<Option<f64>> = (0..waves)
                        .map(|w| (w != i).then_some((i * w) as f64))
                        .collect();
                    person_at(&format!("p{i}"), &values)
                })
                .collect()
        };
        let box_data = BoxData {
            q1: 1.0,
            median: 2.0,
            q3: 3.0,
            values: vec![1.0, 2.0, 3.0, 9.0],
        };
        let boxes = |waves: usize, groups: usize| -> Vec<BoxGroup> {
            (0..groups)
                .map(|g| BoxGroup {
                    label: format!("g{g}"),
                    waves: vec![Some(box_data.clone()); waves],
                })
                .collect()
        };
        let mut svgs = vec![];
        for (l, waves) in [
            (&no_waves, 0),
            (&one_wave, 1),
            (&twelve, 12),
            (&no_waves, 3),
        ] {
            for groups in [0, 1, 4, 5, 40] {
                let lines: Vec<LineGroup> = (0..groups)
                    .map(|g| line_group(&format!("g{g}"), people(waves)))
                    .collect();
                svgs.push(person_lines(l, &lines, None, 200));
                svgs.push(box_plot(l, &boxes(waves, groups), None));
            }
        }
        for svg in &svgs {
            let doc = parse(svg);
            for node in doc.descendants().filter(|n| n.is_element()) {
                for a in node.attributes() {
                    assert!(!a.value().contains("NaN"), "{}={}", a.name(), a.value());
                }
            }
        }
        // One wave: each person has at most one value, so no line and no mean.
        let doc_svg = person_lines(&one_wave, &[line_group("g", people(1))], None, 200);
        let doc = parse(&doc_svg);
        assert_eq!(by_class(&doc, "ps-person").len(), 0);
        assert!(child_text(&doc, "desc").contains("g (n = 0)"));
    }
}
