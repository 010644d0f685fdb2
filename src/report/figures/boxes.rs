//! Box plots by group and wave, with Tukey whiskers, outliers and the mean.

use std::fmt::Write as _;

use super::{
    BOX_STYLES, GRID, INK, Labels, MUTED, Px, Rect, Scale, Swatch, TextBlock, Val, WHITE, WIDTH,
    clean, diamond, escape_xml, fit, gridlines, join_desc, legend_right, svg_open, text_lines,
    wrap, x_axis, y_axis,
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

/// One group with its pre and post boxes (either may be None when there are no values).
#[derive(Debug, Clone, PartialEq)]
pub struct BoxGroup {
    /// Group name, drawn under the group's pair of boxes.
    pub label: String,
    /// Box for the first occasion.
    pub pre: Option<BoxData>,
    /// Box for the second occasion.
    pub post: Option<BoxData>,
}

/// Box plots by group × time, with Tukey whiskers, outliers and the mean.
///
/// For each group a pre box and a post box stand side by side; the occasion
/// is told by fill (pre hollow, post filled, which survives a grey print) and
/// by the label under each box, the group by the label under the pair. Each
/// box spans Q1–Q3 with a line at the median and a diamond at the mean of the
/// finite values. Whiskers follow Tukey's rule as ggplot2's `stat_boxplot`
/// implements it: they reach the most extreme values within
/// `[Q1 − 1.5·IQR, Q3 + 1.5·IQR]`, but never end inside the box; values
/// beyond are drawn as hollow circles. A box whose quartiles are not finite
/// is not drawn. The y axis is chosen as in [`pre_post_lines`](super::pre_post_lines).
pub fn box_plot(labels: &Labels, groups: &[BoxGroup], y_range: Option<(f64, f64)>) -> String {
    const HEIGHT: f64 = 400.0;
    let plot = Rect {
        left: 70.0,
        right: WIDTH - 16.0,
        top: 66.0,
        bottom: HEIGHT - 74.0,
    };
    let summaries: Vec<[Option<BoxSummary>; 2]> = groups
        .iter()
        .map(|g| {
            [
                g.pre.as_ref().and_then(BoxSummary::new),
                g.post.as_ref().and_then(BoxSummary::new),
            ]
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

    let times = [clean(&labels.pre), clean(&labels.post)];
    let mut desc = vec![clean(&labels.title), clean(&labels.y_axis)];
    for (g, boxes) in groups.iter().zip(&summaries) {
        for (time, summary) in times.iter().zip(boxes) {
            let mut part = format!("{}, {time}: ", clean(&g.label));
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

    let mut out = String::with_capacity(6144);
    svg_open(&mut out, "box", HEIGHT, &labels.title, &join_desc(&desc));
    legend_right(
        &mut out,
        46.0,
        &[
            (Swatch::Box(0), labels.pre.as_str()),
            (Swatch::Box(1), labels.post.as_str()),
            (Swatch::Diamond, labels.mean.as_str()),
        ],
    );
    y_axis(&mut out, &scale, &plot, &labels.y_axis);
    gridlines(&mut out, &scale, plot.left, plot.right);

    let slot = plot.width() / groups.len().max(1) as f64;
    let offset = (slot * 0.2).min(60.0);
    let box_w = (slot * 0.3).min(64.0);
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
        for (t, summary) in boxes.iter().enumerate() {
            let x = if t == 0 {
                centre - offset
            } else {
                centre + offset
            };
            if let Some(s) = summary {
                s.draw(&mut out, &scale, x, box_w, t);
            }
            let n = summary.as_ref().map_or(0, |s| s.n);
            let time = fit(&times[t], offset * 2.0 - 4.0, 11.0);
            let _ = write!(
                out,
                r#"<text class="ps-tick" x="{x}" y="{}" text-anchor="middle" font-size="11">{}</text><text class="ps-n" x="{x}" y="{}" text-anchor="middle" font-size="10" fill="{MUTED}">n = {n}</text>"#,
                Px(plot.bottom + 15.0),
                escape_xml(&time),
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

    /// Draws the box centred at `x`, in the style of occasion `time`.
    fn draw(&self, out: &mut String, scale: &Scale, x: f64, width: f64, time: usize) {
        let (fill, stroke, median_stroke) = BOX_STYLES[time];
        let class = ["ps-pre", "ps-post"][time];
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
}
