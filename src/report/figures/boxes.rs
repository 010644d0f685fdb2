//! Box plots by group and wave, with Tukey whiskers, outliers and the mean.

use std::fmt::Write as _;

use super::{
    BOX_STYLES, GRID, INK, Labels, MUTED, Px, Rect, Scale, Swatch, TextBlock, Val, WHITE, WIDTH,
    clean, diamond, escape_xml, fit, gridlines, join_desc, legend_right, svg_open, text_lines,
    text_width, wrap, x_axis, y_axis,
};

/// Box statistics computed by the caller (quartiles by R's type-7 rule), plus the raw values.
#[derive(Debug, Clone, PartialEq)]
pub struct BoxData {
    /// First quartile, `quantile(x, 0.25, type = 7)` in R.
    pub q1: f64,
    /// Median.
    pub median: f64,
    /// Third quartile, `quantile(x, 0.75, type = 7)` in R.
    pub q3: f64,
    /// The raw values, used for whiskers, outliers, the mean and `n`.
    pub values: Vec<f64>,
}

/// One group with a box per wave.
#[derive(Debug, Clone, PartialEq)]
pub struct BoxGroup {
    /// Group name, drawn under the group's boxes.
    pub label: String,
    /// The box at each wave, in the order of [`Labels::waves`]; `None` where
    /// the group has no values.
    pub waves: Vec<Option<BoxData>>,
}

/// Box plots by group × wave, with Tukey whiskers, outliers and the mean.
///
/// For each group the boxes of its waves stand side by side in wave order
/// (there are as many waves as the longest of [`Labels::waves`] and the
/// groups' lists). The wave is told by the label and `n` under each box and
/// by fill: the first wave hollow, the next ones filled from light to dark,
/// which survives a grey print (from the sixth wave on the fills repeat); the
/// group is told by the label under its boxes. Each box spans Q1–Q3 with a
/// line at the median and a diamond at the mean of the finite values.
/// Whiskers follow Tukey's rule as ggplot2's `stat_boxplot` implements it:
/// they reach the most extreme values within `[Q1 − 1.5·IQR, Q3 + 1.5·IQR]`,
/// but never end inside the box; values beyond are drawn as hollow circles. A
/// box whose quartiles are not finite is not drawn. The y axis is chosen as
/// in [`person_lines`](super::person_lines).
///
/// Each box carries the class `ps-wave-N` (N counted from 1), or `ps-pre` and
/// `ps-post` when there are exactly two waves.
pub fn box_plot(labels: &Labels, groups: &[BoxGroup], y_range: Option<(f64, f64)>) -> String {
    const HEIGHT: f64 = 400.0;
    let plot = Rect {
        left: 70.0,
        right: WIDTH - 16.0,
        top: 66.0,
        bottom: HEIGHT - 74.0,
    };
    let waves = groups
        .iter()
        .map(|g| g.waves.len())
        .fold(labels.waves.len(), usize::max);
    let summaries: Vec<Vec<Option<BoxSummary>>> = groups
        .iter()
        .map(|g| {
            (0..waves)
                .map(|w| {
                    g.waves
                        .get(w)
                        .and_then(Option::as_ref)
                        .and_then(BoxSummary::new)
                })
                .collect()
        })
        .collect();
    let scale = Scale::for_values(
        summaries.iter().flatten().flatten().flat_map(|s| {
            [s.low, s.high]
                .into_iter()
                .chain(s.outliers.iter().copied())
        }),
        y_range,
        plot.bottom,
        plot.top,
    );

    let names: Vec<String> = (0..waves).map(|w| clean(labels.wave(w))).collect();
    let mut desc = vec![clean(&labels.title), clean(&labels.y_axis)];
    for (g, boxes) in groups.iter().zip(&summaries) {
        for (name, summary) in names.iter().zip(boxes) {
            let mut part = format!("{}, {name}: ", clean(&g.label));
            match summary {
                Some(s) => {
                    let _ = write!(
                        part,
                        "n = {}, Q1 = {}, Q2 = {}, Q3 = {}",
                        s.n,
                        Val(s.q1),
                        Val(s.median),
                        Val(s.q3)
                    );
                    if let Some(m) = s.mean {
                        let _ = write!(part, ", {} = {}", clean(&labels.mean), Val(m));
                    }
                }
                None => part.push_str("n = 0"),
            }
            desc.push(part);
        }
    }

    let mut out = String::with_capacity(2048 + 2048 * waves);
    svg_open(&mut out, "box", HEIGHT, &labels.title, &join_desc(&desc));
    let legend: Vec<(Swatch, &str)> = (0..waves)
        .map(|w| (Swatch::Box(w), labels.wave(w)))
        .chain([(Swatch::Diamond, labels.mean.as_str())])
        .collect();
    legend_right(&mut out, 46.0, &legend);
    y_axis(&mut out, &scale, &plot, &labels.y_axis);
    gridlines(&mut out, &scale, plot.left, plot.right);

    let slot = plot.width() / groups.len().max(1) as f64;
    // Half the distance between neighbouring boxes, and their width.
    let half = (slot * 0.4 / waves.max(1) as f64).min(60.0);
    let box_w = (slot * 0.6 / waves.max(1) as f64).min(64.0);
    // "n = 12" under each box where that fits between neighbours, else bare
    // counts in a row headed "n" at the left.
    let most = summaries
        .iter()
        .flatten()
        .flatten()
        .map(|s| s.n)
        .max()
        .unwrap_or(0);
    let bare_counts = text_width(&format!("n = {most}"), 10.0) > half * 2.0 - 2.0;
    if bare_counts {
        let _ = write!(
            out,
            r#"<text class="ps-n-key" x="{}" y="{}" text-anchor="end" font-size="10" fill="{MUTED}">n</text>"#,
            Px(plot.left - 6.0),
            Px(plot.bottom + 28.0)
        );
    }
    for (i, (group, boxes)) in groups.iter().zip(&summaries).enumerate() {
        let centre = plot.left + slot * (i as f64 + 0.5);
        if i > 0 {
            let x = plot.left + slot * i as f64;
            let _ = write!(
                out,
                r#"<line class="ps-separator" x1="{}" y1="{}" x2="{}" y2="{}" stroke="{GRID}" stroke-dasharray="3 3"/>"#,
                Px(x),
                Px(plot.top),
                Px(x),
                Px(plot.bottom + 44.0)
            );
        }
        let _ = write!(
            out,
            r#"<g class="ps-group" data-group="{}">"#,
            escape_xml(&clean(&group.label))
        );
        for (w, summary) in boxes.iter().enumerate() {
            let x = centre + (2.0 * w as f64 + 1.0 - waves as f64) * half;
            if let Some(s) = summary {
                let class = match (waves, w) {
                    (2, 0) => "ps-pre".to_owned(),
                    (2, _) => "ps-post".to_owned(),
                    _ => format!("ps-wave-{}", w + 1),
                };
                s.draw(&mut out, &scale, x, box_w, w, &class);
            }
            let n = summary.as_ref().map_or(0, |s| s.n);
            // A name cut down to "…" says nothing: the legend names the fills.
            let name = fit(&names[w], half * 2.0 - 4.0, 11.0);
            let name = if name == "…" { String::new() } else { name };
            let count = if bare_counts {
                n.to_string()
            } else {
                format!("n = {n}")
            };
            let _ = write!(
                out,
                r#"<text class="ps-tick" x="{x}" y="{}" text-anchor="middle" font-size="11">{}</text><text class="ps-n" x="{x}" y="{}" text-anchor="middle" font-size="10" fill="{MUTED}">{count}</text>"#,
                Px(plot.bottom + 15.0),
                escape_xml(&name),
                Px(plot.bottom + 28.0),
                x = Px(x),
            );
        }
        let lines = wrap(&group.label, slot - 8.0, 12.0, 2);
        text_lines(
            &mut out,
            &TextBlock {
                x: centre,
                y: plot.bottom + 47.0,
                size: 12.0,
                class: "ps-group-label",
                bold: true,
            },
            &lines,
        );
        out.push_str("</g>");
    }
    x_axis(&mut out, plot.left, plot.right, plot.bottom);
    out.push_str("</svg>");
    out
}

/// A box with its whiskers and outliers resolved.
struct BoxSummary {
    q1: f64,
    median: f64,
    q3: f64,
    /// Lower whisker end.
    low: f64,
    /// Upper whisker end.
    high: f64,
    outliers: Vec<f64>,
    mean: Option<f64>,
    n: usize,
}

impl BoxSummary {
    /// Whiskers as in ggplot2's `stat_boxplot` (`coef = 1.5`): values outside
    /// `[Q1 − 1.5·IQR, Q3 + 1.5·IQR]` are outliers, and the whiskers span
    /// `range(c(Q1, Q3, non-outliers))`. `None` if a quartile is not finite.
    fn new(data: &BoxData) -> Option<BoxSummary> {
        if !(data.q1.is_finite() && data.median.is_finite() && data.q3.is_finite()) {
            return None;
        }
        let (q1, q3) = (data.q1.min(data.q3), data.q1.max(data.q3));
        let values: Vec<f64> = data
            .values
            .iter()
            .copied()
            .filter(|v| v.is_finite())
            .collect();
        let reach = 1.5 * (q3 - q1);
        let inside = |v: &f64| *v >= q1 - reach && *v <= q3 + reach;
        let mut outliers: Vec<f64> = values.iter().copied().filter(|v| !inside(v)).collect();
        outliers.sort_by(f64::total_cmp);
        let kept = values.iter().copied().filter(inside);
        Some(BoxSummary {
            q1,
            median: data.median,
            q3,
            low: kept.clone().fold(q1, f64::min),
            high: kept.fold(q3, f64::max),
            outliers,
            mean: (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64),
            n: values.len(),
        })
    }

    /// Draws the box centred at `x`, in the style of wave `wave`, with the class `class`.
    fn draw(&self, out: &mut String, scale: &Scale, x: f64, width: f64, wave: usize, class: &str) {
        let (fill, stroke, median_stroke) = BOX_STYLES[wave % BOX_STYLES.len()];
        let (y_q1, y_q3) = (scale.px(self.q1), scale.px(self.q3));
        let _ = write!(
            out,
            r#"<g class="ps-box {class}" data-n="{}" data-q1="{}" data-median="{}" data-q3="{}" data-whisker-low="{}" data-whisker-high="{}" data-outliers="{}" stroke="{stroke}" stroke-width="1.5">"#,
            self.n,
            Val(self.q1),
            Val(self.median),
            Val(self.q3),
            Val(self.low),
            Val(self.high),
            self.outliers.len()
        );
        let cap = width * 0.2;
        for (end, from, to) in [("low", y_q1, self.low), ("high", y_q3, self.high)] {
            let y = Px(scale.px(to));
            let _ = write!(
                out,
                r#"<line class="ps-whisker" data-end="{end}" x1="{x}" y1="{}" x2="{x}" y2="{y}"/><line class="ps-cap" x1="{}" y1="{y}" x2="{}" y2="{y}"/>"#,
                Px(from),
                Px(x - cap),
                Px(x + cap),
                x = Px(x),
            );
        }
        let _ = write!(
            out,
            r#"<rect class="ps-iqr" x="{}" y="{}" width="{}" height="{}" fill="{fill}"/><line class="ps-median" x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="{median_stroke}" stroke-width="3"/>"#,
            Px(x - width / 2.0),
            Px(y_q3),
            Px(width),
            Px(y_q1 - y_q3),
            Px(x - width / 2.0),
            Px(x + width / 2.0),
            y = Px(scale.px(self.median)),
        );
        if let Some(m) = self.mean {
            let _ = write!(
                out,
                r#"<path class="ps-mean" d="{}" fill="{WHITE}" stroke="{INK}"/>"#,
                diamond(x, scale.px(m), 5.0)
            );
        }
        // Equal outliers are fanned out sideways so each one stays visible.
        let mut previous: Option<(f64, usize)> = None;
        for &v in &self.outliers {
            let y = scale.px(v);
            let k = match previous {
                Some((py, k)) if (py - y).abs() < 2.0 => k + 1,
                _ => 0,
            };
            previous = Some((y, k));
            let shift = k.div_ceil(2) as f64 * 5.0 * if k % 2 == 1 { -1.0 } else { 1.0 };
            let _ = write!(
                out,
                r#"<circle class="ps-outlier" cx="{}" cy="{}" r="3" fill="none"/>"#,
                Px(x + shift),
                Px(y)
            );
        }
        out.push_str("</g>");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::figures::testing::*;
    use roxmltree::Node;

    #[test]
    fn box_whiskers_and_outliers_follow_tukey() {
        // Sorted: -10, 1..=9, 30, 31 (n = 12). R: quantile(x, c(.25, .5, .75))
        // = 2.75, 5.5, 8.25 (type 7: h = 11p + 1). IQR = 5.5, fences -5.5 and
        // 16.5, so -10, 30 and 31 are outliers and the whiskers end at 1 and 9.
        let mut values = vec![-10.0, 30.0, 31.0, f64::NAN];
        values.extend((1..=9).map(f64::from));
        let data = BoxData {
            q1: 2.75,
            median: 5.5,
            q3: 8.25,
            values,
        };
        let svg = box_plot(&labels(), &[box_group("G", Some(data), None)], None);
        let doc = parse(&svg);
        let boxes = by_class(&doc, "ps-box");
        assert_eq!(boxes.len(), 1);
        let b = boxes[0];
        assert_eq!(b.attribute("data-whisker-low"), Some("1"));
        assert_eq!(b.attribute("data-whisker-high"), Some("9"));
        assert_eq!(b.attribute("data-outliers"), Some("3"));
        assert_eq!(b.attribute("data-n"), Some("12"));
        let outliers: Vec<f64> = by_class(&doc, "ps-outlier")
            .iter()
            .map(|c| num(c, "cy"))
            .collect();
        assert_eq!(outliers.len(), 3);
        // Pixel order: low outlier below the low whisker end, below Q1, ...
        let whiskers = by_class(&doc, "ps-whisker");
        let (low, high) = (num(&whiskers[0], "y2"), num(&whiskers[1], "y2"));
        let rect = by_class(&doc, "ps-iqr")[0];
        let (q3_px, q1_px) = (num(&rect, "y"), num(&rect, "y") + num(&rect, "height"));
        let median = num(&by_class(&doc, "ps-median")[0], "y1");
        assert!(outliers[0] > low && low > q1_px && q1_px > median);
        assert!(median > q3_px && q3_px > high && high > outliers[1]);
        // IQR spans 5.5 units; the whisker from Q3 to 9 spans 0.75.
        let unit = (q1_px - q3_px) / 5.5;
        assert!(((q3_px - high) - 0.75 * unit).abs() < 0.15);
        // The mean of the 12 finite values is 96 / 12 = 8.
        assert!(child_text(&doc, "desc").contains("Mean = 8"));
    }

    #[test]
    fn whiskers_never_end_inside_the_box() {
        // x = 0, 10, 10, 10: Q1 = 7.5, Q3 = 10 (type 7), lower fence 3.75.
        // 0 is an outlier; the nearest kept value (10) lies above Q1, so the
        // lower whisker stops at Q1 as in ggplot2.
        let data = BoxData {
            q1: 7.5,
            median: 10.0,
            q3: 10.0,
            values: vec![0.0, 10.0, 10.0, 10.0],
        };
        let svg = box_plot(&labels(), &[box_group("G", None, Some(data))], None);
        let doc = parse(&svg);
        let b = by_class(&doc, "ps-box")[0];
        assert!(has_class(&b, "ps-post"));
        assert_eq!(b.attribute("data-whisker-low"), Some("7.5"));
        assert_eq!(b.attribute("data-whisker-high"), Some("10"));
        assert_eq!(by_class(&doc, "ps-outlier").len(), 1);
    }

    #[test]
    fn missing_boxes_are_left_out() {
        let ok = BoxData {
            q1: 1.0,
            median: 2.0,
            q3: 3.0,
            values: vec![1.0, 2.0, 3.0],
        };
        let bad = BoxData {
            q1: f64::NAN,
            ..ok.clone()
        };
        let groups = [
            box_group("A", Some(ok.clone()), None),
            box_group("B", Some(bad), Some(ok)),
            box_group("C", None, None),
        ];
        let doc_svg = box_plot(&labels(), &groups, Some((0.0, 5.0)));
        let doc = parse(&doc_svg);
        assert_eq!(by_class(&doc, "ps-box").len(), 2);
        assert_eq!(by_class(&doc, "ps-group").len(), 3);
        let counts: Vec<String> = by_class(&doc, "ps-n").iter().map(text_of).collect();
        assert_eq!(
            counts,
            ["n = 3", "n = 0", "n = 0", "n = 3", "n = 0", "n = 0"]
        );
    }

    fn data(values: &[f64]) -> BoxData {
        // Quartiles of R's type 7 for the sorted values.
        let mut v = values.to_vec();
        v.sort_by(f64::total_cmp);
        let q = |p: f64| {
            let h = (v.len() - 1) as f64 * p;
            let (lo, hi) = (h.floor() as usize, h.ceil() as usize);
            v[lo] + (h - lo as f64) * (v[hi] - v[lo])
        };
        BoxData {
            q1: q(0.25),
            median: q(0.5),
            q3: q(0.75),
            values: v.clone(),
        }
    }

    #[test]
    fn three_waves_stand_in_order_each_in_its_own_style() {
        let l = wave_labels(&["Pre", "Post", "FU"]);
        let groups = [
            BoxGroup {
                label: "A".into(),
                waves: vec![
                    Some(data(&[1.0, 2.0, 3.0, 4.0])),
                    Some(data(&[2.0, 3.0, 4.0, 5.0])),
                    Some(data(&[3.0, 4.0, 5.0, 6.0, 7.0])),
                ],
            },
            // Fewer boxes than waves: the missing one is drawn as n = 0.
            BoxGroup {
                label: "B".into(),
                waves: vec![Some(data(&[1.0, 2.0])), None],
            },
        ];
        let svg = box_plot(&l, &groups, None);
        let doc = parse(&svg);
        let boxes = by_class(&doc, "ps-box");
        let classes: Vec<&str> = boxes
            .iter()
            .map(|b| b.attribute("class").unwrap())
            .collect();
        assert_eq!(
            classes,
            [
                "ps-box ps-wave-1",
                "ps-box ps-wave-2",
                "ps-box ps-wave-3",
                "ps-box ps-wave-1"
            ]
        );
        let xs: Vec<f64> = by_class(&doc, "ps-iqr")
            .iter()
            .map(|r| num(r, "x"))
            .collect();
        assert!(xs[0] < xs[1] && xs[1] < xs[2] && xs[2] < xs[3], "{xs:?}");
        // Each wave has its own fill, the first one hollow.
        let fills: Vec<&str> = by_class(&doc, "ps-iqr")
            .iter()
            .map(|r| r.attribute("fill").unwrap())
            .collect();
        assert_eq!(fills, ["#FFFFFF", "#E69F00", "#009E73", "#FFFFFF"]);
        let ticks: Vec<String> = by_class(&doc, "ps-tick").iter().map(text_of).collect();
        assert_eq!(ticks, ["Pre", "Post", "FU", "Pre", "Post", "FU"]);
        let counts: Vec<String> = by_class(&doc, "ps-n").iter().map(text_of).collect();
        assert_eq!(
            counts,
            ["n = 4", "n = 4", "n = 5", "n = 2", "n = 0", "n = 0"]
        );
        let legend: String = by_class(&doc, "ps-legend").iter().map(text_of).collect();
        assert_eq!(legend, "PrePostFUMean");
        let desc = child_text(&doc, "desc");
        // R: quantile(3:7, c(.25, .5, .75)) = 4, 5, 6; mean 5.
        assert!(
            desc.contains("A, FU: n = 5, Q1 = 4, Q2 = 5, Q3 = 6, Mean = 5"),
            "{desc}"
        );
        assert!(desc.contains("B, Post: n = 0. B, FU: n = 0"), "{desc}");
    }

    #[test]
    fn five_waves_by_four_groups_fit_with_bare_counts() {
        let names = ["前测", "后测", "随访1个月", "随访3个月", "随访6个月"];
        let l = wave_labels(&names);
        let values: Vec<f64> = (0..120).map(|i| f64::from(i % 17)).collect();
        let groups: Vec<BoxGroup> = (0..4)
            .map(|g| BoxGroup {
                label: format!("第{g}组（社区护理人员干预）"),
                waves: (0..5).map(|_| Some(data(&values))).collect(),
            })
            .collect();
        let svg = box_plot(&l, &groups, None);
        let doc = parse(&svg);
        assert_eq!(by_class(&doc, "ps-box").len(), 20);
        // Neighbouring boxes do not overlap.
        let rects = by_class(&doc, "ps-iqr");
        for pair in rects.windows(2) {
            let right = num(&pair[0], "x") + num(&pair[0], "width");
            assert!(right < num(&pair[1], "x"), "{right}");
        }
        // No room for "n = 120" under each box: bare counts in a row headed "n".
        let counts: Vec<String> = by_class(&doc, "ps-n").iter().map(text_of).collect();
        assert!(counts.iter().all(|c| c == "120"), "{counts:?}");
        assert_eq!(text_of(&by_class(&doc, "ps-n-key")[0]), "n");
        // Names too long for their box are left to the legend, which names every wave.
        let legend: String = by_class(&doc, "ps-legend").iter().map(text_of).collect();
        assert_eq!(legend, format!("{}Mean", names.concat()));
        let wave_5: Vec<Node> = by_class(&doc, "ps-wave-5");
        assert_eq!(wave_5.len(), 4);
        assert!(child_text(&doc, "desc").contains("第3组（社区护理人员干预）, 随访6个月: n = 120"));
        let labels: Vec<String> = by_class(&doc, "ps-group-label")
            .iter()
            .map(text_of)
            .collect();
        assert!(labels.iter().all(|l| l.starts_with("第")), "{labels:?}");
    }
}
