//! The profile plot: each group's mean at each wave with its confidence interval.

use std::fmt::Write as _;

use super::{
    Labels, Px, Rect, Scale, Series, Swatch, TextBlock, Val, WIDTH, clean, dash_attr, escape_xml,
    gridlines, guide, join_desc, legend, polyline, svg_open, text_lines, wrap, x_axis, y_axis,
};

/// One group's mean at one wave, with its confidence interval (computed by the caller).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProfilePoint {
    /// The mean; a mean that is not finite is drawn as missing.
    pub mean: f64,
    /// Lower bound of the interval drawn as an error bar, e.g. of the t-based 95 % CI.
    pub ci_low: f64,
    /// Upper bound of the interval; the bar is left out unless both bounds are finite.
    pub ci_high: f64,
    /// Number of values the mean is of.
    pub n: usize,
}

/// One group's means across the waves.
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileGroup {
    /// Group name, shown in the legend.
    pub label: String,
    /// The point at each wave, in the order of [`Labels::waves`]; `None` where
    /// the group has no mean.
    pub points: Vec<Option<ProfilePoint>>,
}

/// Per measure: the mean of each group at each wave with its confidence interval.
///
/// The waves stand equally spaced along the x axis, named by
/// [`Labels::waves`] (wrapped onto two lines if need be; there are as many
/// waves as the longest of those names and the groups' lists). Each group's
/// means are markers joined by a line, with a vertical error bar from
/// `ci_low` to `ci_high` (the interval named by [`Labels::interval`]); the
/// groups are overlaid, each nudged a little sideways so that their bars do
/// not hide each other. A missing or non-finite mean leaves a gap in the
/// group's line, and an interval without two finite bounds leaves out the
/// bar, not the mean. The y axis is chosen as in
/// [`person_lines`](super::person_lines), over the means and the bounds.
///
/// The groups differ by colour, dash pattern and marker shape, named in a
/// legend with a key for the error bar; one group needs no group key, so its
/// line is keyed by [`Labels::mean`]. Groups five to eight take the dashes
/// and markers of the first four again, hollow and in other colours; from
/// the ninth group on the styles repeat, so such a figure needs splitting to
/// be read (the legend and the `<desc>` still name every group).
///
/// The `<desc>` restates each group's `n`, mean and interval at each wave;
/// each marker has the same as a tooltip.
pub fn profile(labels: &Labels, groups: &[ProfileGroup], y_range: Option<(f64, f64)>) -> String {
    /// Height of the plotting area.
    const PLOT_HEIGHT: f64 = 280.0;
    let waves = groups
        .iter()
        .map(|g| g.points.len())
        .fold(labels.waves.len(), usize::max);
    let series: Vec<Vec<Option<Point>>> = groups
        .iter()
        .map(|g| {
            (0..waves)
                .map(|w| g.points.get(w).copied().flatten().and_then(Point::new))
                .collect()
        })
        .collect();

    let mut desc = vec![clean(&labels.title), clean(&labels.y_axis)];
    let mut tooltips: Vec<Vec<String>> = vec![];
    for (g, points) in groups.iter().zip(&series) {
        let mut parts = vec![];
        for (w, point) in points.iter().enumerate() {
            let part = format!(
                "{}, {}: {}",
                clean(&g.label),
                clean(labels.wave(w)),
                describe(g.points.get(w).copied().flatten(), point, labels)
            );
            desc.push(part.clone());
            parts.push(part);
        }
        tooltips.push(parts);
    }

    let mut out = String::with_capacity(4096 + 1024 * waves * groups.len());
    let mut legend = String::new();
    let legend_height = draw_legend(&mut legend, labels, groups, &series);
    let top = 48.0 + legend_height;
    let plot = Rect {
        left: 70.0,
        right: WIDTH - 16.0,
        top,
        bottom: top + PLOT_HEIGHT,
    };
    let height = plot.bottom + 54.0;
    svg_open(
        &mut out,
        "profile",
        height,
        &labels.title,
        &join_desc(&desc),
    );
    out.push_str(&legend);
    let scale = Scale::for_values(
        series.iter().flatten().flatten().flat_map(|p| {
            [p.mean]
                .into_iter()
                .chain(p.ci.into_iter().flat_map(|(a, b)| [a, b]))
        }),
        y_range,
        plot.bottom,
        plot.top,
    );
    y_axis(&mut out, &scale, &plot, &labels.y_axis);
    gridlines(&mut out, &scale, plot.left, plot.right);

    let slot = plot.width() / waves.max(1) as f64;
    let x = |w: usize| plot.left + slot * (w as f64 + 0.5);
    for w in 0..waves {
        guide(&mut out, x(w), plot.bottom, plot.bottom + 4.0);
        text_lines(
            &mut out,
            &TextBlock {
                x: x(w),
                y: plot.bottom + 18.0,
                size: 12.0,
                class: "ps-tick",
                bold: false,
            },
            &wrap(labels.wave(w), slot - 6.0, 12.0, 2),
        );
    }
    x_axis(&mut out, plot.left, plot.right, plot.bottom);

    // Groups side by side within a wave, at most a third of the slot apart in all.
    let nudge = if groups.len() > 1 {
        (slot / 3.0 / (groups.len() - 1) as f64).min(12.0)
    } else {
        0.0
    };
    let offset = |g: usize| (g as f64 - (groups.len() as f64 - 1.0) / 2.0) * nudge;
    // Every group's bars and lines first, then every marker on top of them.
    for (g, (group, points)) in groups.iter().zip(&series).enumerate() {
        let style = Series::of(g);
        let _ = write!(
            out,
            r#"<g class="ps-series" data-group="{}">"#,
            escape_xml(&clean(&group.label))
        );
        let at = |w: usize, v: f64| (x(w) + offset(g), scale.px(v));
        for (w, point) in points.iter().enumerate() {
            if let Some((low, high)) = point.and_then(|p| p.ci) {
                let ((bx, y_low), (_, y_high)) = (at(w, low), at(w, high));
                let _ = write!(
                    out,
                    r#"<path class="ps-ci" d="M{x} {}V{}M{} {}H{}M{} {}H{}" fill="none" stroke="{}" stroke-width="1.5"/>"#,
                    Px(y_low),
                    Px(y_high),
                    Px(bx - 4.0),
                    Px(y_low),
                    Px(bx + 4.0),
                    Px(bx - 4.0),
                    Px(y_high),
                    Px(bx + 4.0),
                    style.colour,
                    x = Px(bx),
                );
            }
        }
        // One line for each run of waves with a mean; a missing mean breaks it.
        let attributes = format!(
            r#" stroke="{}" stroke-width="2.5"{}"#,
            style.colour,
            dash_attr(style.style)
        );
        let mut run: Vec<(f64, f64)> = vec![];
        for (w, point) in points.iter().enumerate() {
            match point {
                Some(p) => run.push(at(w, p.mean)),
                None => {
                    polyline(&mut out, "ps-profile", &run, &attributes, None);
                    run.clear();
                }
            }
        }
        polyline(&mut out, "ps-profile", &run, &attributes, None);
        out.push_str("</g>");
    }
    for (g, ((group, points), tips)) in groups.iter().zip(&series).zip(&tooltips).enumerate() {
        let style = Series::of(g);
        let _ = write!(
            out,
            r#"<g class="ps-points" data-group="{}">"#,
            escape_xml(&clean(&group.label))
        );
        for (w, (point, tip)) in points.iter().zip(tips).enumerate() {
            let Some(p) = point else { continue };
            let (px, py) = (x(w) + offset(g), scale.px(p.mean));
            let _ = write!(
                out,
                r#"<g class="ps-point" data-wave="{}" data-mean="{}" data-n="{}"{}><title>{}</title>"#,
                w + 1,
                Val(p.mean),
                p.n,
                p.ci.map_or(String::new(), |(low, high)| format!(
                    r#" data-ci-low="{}" data-ci-high="{}""#,
                    Val(low),
                    Val(high)
                )),
                escape_xml(tip)
            );
            style.marker(&mut out, px, py);
            out.push_str("</g>");
        }
        out.push_str("</g>");
    }
    out.push_str("</svg>");
    out
}

/// A point ready to draw: a finite mean, and its interval if both bounds are finite.
#[derive(Clone, Copy)]
struct Point {
    mean: f64,
    /// `(low, high)`, in that order whatever order the caller gave them in.
    ci: Option<(f64, f64)>,
    n: usize,
}

impl Point {
    fn new(p: ProfilePoint) -> Option<Point> {
        p.mean.is_finite().then(|| Point {
            mean: p.mean,
            ci: (p.ci_low.is_finite() && p.ci_high.is_finite())
                .then(|| (p.ci_low.min(p.ci_high), p.ci_low.max(p.ci_high))),
            n: p.n,
        })
    }
}

/// A point's part of the `<desc>` after its group and wave: `n`, mean and
/// interval as drawn, or `–` where the caller gave no point.
fn describe(given: Option<ProfilePoint>, drawn: &Option<Point>, labels: &Labels) -> String {
    let Some(given) = given else {
        return "–".to_owned();
    };
    let mut part = format!("n = {}", given.n);
    if let Some(p) = drawn {
        let _ = write!(part, ", {} = {}", clean(&labels.mean), Val(p.mean));
        if let Some((low, high)) = p.ci {
            let interval = clean(&labels.interval);
            let sep = if interval.is_empty() { "" } else { " " };
            let _ = write!(part, ", {interval}{sep}[{}, {}]", Val(low), Val(high));
        }
    }
    part
}

/// The legend: a key per group (or, for one group, its line keyed by the word
/// for the mean) and one for the error bars if any is drawn and the interval
/// has a name; returns the height it takes.
fn draw_legend(
    out: &mut String,
    labels: &Labels,
    groups: &[ProfileGroup],
    series: &[Vec<Option<Point>>],
) -> f64 {
    let mut items: Vec<(Swatch, &str)> = match groups {
        [] => vec![],
        [_] => vec![(Swatch::Line(Series::of(0)), labels.mean.as_str())],
        _ => groups
            .iter()
            .enumerate()
            .map(|(g, group)| (Swatch::Line(Series::of(g)), group.label.as_str()))
            .collect(),
    };
    let any_bar = series.iter().flatten().flatten().any(|p| p.ci.is_some());
    if any_bar && !clean(&labels.interval).is_empty() {
        items.push((Swatch::ErrorBar, labels.interval.as_str()));
    }
    legend(out, 46.0, &items)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::figures::testing::*;
    use crate::report::figures::text_width;
    use roxmltree::Node;

    fn point(mean: f64, ci_low: f64, ci_high: f64, n: usize) -> Option<ProfilePoint> {
        Some(ProfilePoint {
            mean,
            ci_low,
            ci_high,
            n,
        })
    }

    fn group(label: &str, points: Vec<Option<ProfilePoint>>) -> ProfileGroup {
        ProfileGroup {
            label: label.into(),
            points,
        }
    }

    fn profile_labels(waves: &[&str]) -> Labels {
        Labels {
            interval: "95% CI".into(),
            ..wave_labels(waves)
        }
    }

    /// The y of a value on the figure's axis, read back from two tick labels.
    fn y_of(doc: &roxmltree::Document, value: f64) -> f64 {
        let ticks: Vec<(f64, f64)> = by_class(doc, "ps-y-ticks")[0]
            .children()
            .map(|t| (text_of(&t).parse().unwrap(), num(&t, "y") - 4.0))
            .collect();
        let ((v0, y0), (v1, y1)) = (ticks[0], ticks[ticks.len() - 1]);
        y0 + (value - v0) / (v1 - v0) * (y1 - y0)
    }

    #[test]
    fn means_and_intervals_are_drawn_where_they_belong_and_restated() {
        // Means and t-based 95 % CIs as a caller would give them, e.g. for
        // x = c(10, 12, 14): mean 12, t.test(x)$conf.int = 7.03, 16.97.
        let groups = [
            group(
                "CBT",
                vec![
                    point(12.0, 7.03, 16.97, 3),
                    point(9.5, 8.0, 11.0, 3),
                    point(8.0, 6.5, 9.5, 2),
                ],
            ),
            group(
                "Control",
                vec![
                    point(12.5, 10.0, 15.0, 4),
                    point(12.0, 10.5, 13.5, 4),
                    point(11.75, 9.0, 14.5, 4),
                ],
            ),
        ];
        let svg = profile(&profile_labels(&["Pre", "Post", "FU"]), &groups, None);
        let doc = parse(&svg);
        let desc = child_text(&doc, "desc");
        assert!(
            desc.contains("CBT, Pre: n = 3, Mean = 12, 95% CI [7.03, 16.97]"),
            "{desc}"
        );
        assert!(desc.contains("Control, FU: n = 4, Mean = 11.75, 95% CI [9, 14.5]"));
        let points = by_class(&doc, "ps-point");
        assert_eq!(points.len(), 6);
        assert_eq!(points[0].attribute("data-ci-high"), Some("16.97"));
        assert_eq!(
            text_of(&points[5].children().next().unwrap()),
            "Control, FU: n = 4, Mean = 11.75, 95% CI [9, 14.5]"
        );
        // Each marker sits at its mean on the axis, each bar spans its interval.
        let marker_y = |p: &Node| {
            let m = p.children().find(|c| has_class(c, "ps-marker")).unwrap();
            num(&m, "cy")
        };
        assert!((marker_y(&points[0]) - y_of(&doc, 12.0)).abs() < 0.15);
        assert!((marker_y(&points[2]) - y_of(&doc, 8.0)).abs() < 0.15);
        let bars = by_class(&doc, "ps-ci");
        assert_eq!(bars.len(), 6);
        let d = bars[0].attribute("d").unwrap();
        let ys: Vec<f64> = d
            .split(['M', 'V', 'H', ' '])
            .filter_map(|t| t.parse().ok())
            .collect();
        assert!((ys[1] - y_of(&doc, 7.03)).abs() < 0.15, "{d}");
        assert!((ys[2] - y_of(&doc, 16.97)).abs() < 0.15, "{d}");
        // The waves are equally spaced and named; the groups are nudged apart.
        let xs: Vec<f64> = by_class(&doc, "ps-guide")
            .iter()
            .map(|g| num(g, "x1"))
            .collect();
        assert!((xs[1] - xs[0] - (xs[2] - xs[1])).abs() < 0.11);
        let ticks: Vec<String> = by_class(&doc, "ps-tick").iter().map(text_of).collect();
        assert_eq!(ticks, ["Pre", "Post", "FU"]);
        let cbt = points[0]
            .children()
            .find(|c| has_class(c, "ps-marker"))
            .unwrap();
        let control = points[3]
            .children()
            .find(|c| has_class(c, "ps-marker"))
            .unwrap();
        assert!(num(&cbt, "cx") < xs[0] && num(&control, "x") + 4.5 > xs[0]);
        // Two lines, each in its group's colour and dash; a legend with both and the CI.
        let lines = by_class(&doc, "ps-profile");
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].attribute("stroke"), Some("#0072B2"));
        assert_eq!(lines[1].attribute("stroke-dasharray"), Some("7 4"));
        let legend: String = by_class(&doc, "ps-legend").iter().map(text_of).collect();
        assert_eq!(legend, "CBTControl95% CI");
    }

    #[test]
    fn a_missing_mean_breaks_the_line_and_a_missing_interval_drops_the_bar() {
        let groups = [group(
            "A",
            vec![
                point(1.0, 0.0, 2.0, 5),
                point(2.0, f64::NAN, f64::NAN, 1),
                None,
                point(f64::NAN, 0.0, 1.0, 0),
                point(4.0, 5.0, 3.0, 5),
            ],
        )];
        let l = profile_labels(&["T1", "T2", "T3", "T4", "T5"]);
        let svg = profile(&l, &groups, None);
        let doc = parse(&svg);
        // T1-T2 joined; T3 and T4 have no mean; T5 stands alone.
        let lines = by_class(&doc, "ps-profile");
        assert_eq!(lines.len(), 1);
        assert_eq!(points(&lines[0]).len(), 2);
        assert_eq!(by_class(&doc, "ps-point").len(), 3);
        // T2 has no interval; T5's bounds come swapped and are put in order.
        assert_eq!(by_class(&doc, "ps-ci").len(), 2);
        let desc = child_text(&doc, "desc");
        assert!(desc.contains("A, T2: n = 1, Mean = 2. A, T3: –. A, T4: n = 0. A, T5: n = 5, Mean = 4, 95% CI [3, 5]"), "{desc}");
        // One group: its line is keyed as the mean.
        let legend: String = by_class(&doc, "ps-legend").iter().map(text_of).collect();
        assert_eq!(legend, "Mean95% CI");
    }

    #[test]
    fn four_groups_differ_by_colour_dash_and_marker_and_more_still_draw() {
        let names = ["前测", "后测", "随访一个月", "随访三个月", "随访六个月"];
        let make = |g: usize| {
            group(
                &format!("第{g}组：社区护理人员与家庭照护者共同参与的干预"),
                (0..5)
                    .map(|w| {
                        let m = 20.0 - (g * w) as f64 * 0.5;
                        point(m, m - 2.0, m + 2.0, 10 + g)
                    })
                    .collect(),
            )
        };
        let four: Vec<ProfileGroup> = (0..4).map(make).collect();
        let svg = profile(&profile_labels(&names), &four, None);
        let doc = parse(&svg);
        let lines = by_class(&doc, "ps-profile");
        let styles: Vec<(Option<&str>, Option<&str>)> = lines
            .iter()
            .map(|l| (l.attribute("stroke"), l.attribute("stroke-dasharray")))
            .collect();
        assert_eq!(
            styles,
            [
                (Some("#0072B2"), None),
                (Some("#D55E00"), Some("7 4")),
                (Some("#009E73"), Some("2 3")),
                (Some("#CC79A7"), Some("9 3 2 3"))
            ]
        );
        let shapes: Vec<&str> = by_class(&doc, "ps-points")
            .iter()
            .map(|g| g.descendants().find(|n| has_class(n, "ps-marker")).unwrap())
            .map(|m| m.tag_name().name())
            .collect();
        assert_eq!(shapes, ["circle", "rect", "path", "path"]);
        // Long Chinese group names are cut in the legend, whole in the desc;
        // the long wave names fit their slots.
        let legend: Vec<String> = by_class(&doc, "ps-legend")[0]
            .children()
            .filter(|n| n.has_tag_name("text"))
            .map(|t| text_of(&t))
            .collect();
        assert_eq!(legend.len(), 5);
        assert!(legend[0].ends_with('…') && text_width(&legend[0], 12.0) <= 200.0);
        assert!(
            child_text(&doc, "desc")
                .contains("第3组：社区护理人员与家庭照护者共同参与的干预, 随访六个月: n = 13")
        );
        let ticks: Vec<String> = by_class(&doc, "ps-tick").iter().map(text_of).collect();
        assert_eq!(ticks, names);
        // A fifth group gets hollow markers in a new colour; a ninth repeats the first.
        let nine: Vec<ProfileGroup> = (0..9).map(make).collect();
        let doc_svg = profile(&profile_labels(&names), &nine, None);
        let doc = parse(&doc_svg);
        let markers: Vec<(String, String)> = by_class(&doc, "ps-points")
            .iter()
            .map(|g| g.descendants().find(|n| has_class(n, "ps-marker")).unwrap())
            .map(|m| {
                (
                    m.attribute("fill").unwrap().into(),
                    m.attribute("stroke").unwrap().into(),
                )
            })
            .collect();
        assert_eq!(markers[4], ("#FFFFFF".to_owned(), "#56B4E9".to_owned()));
        assert_eq!(markers[8], markers[0]);
        assert_eq!(by_class(&doc, "ps-point").len(), 45);
    }

    #[test]
    fn edge_cases_give_valid_svg() {
        let l = profile_labels(&["Pre", "Post"]);
        let huge = point(1e300, -1e300, f64::INFINITY, 2);
        let svgs = [
            profile(&l, &[], None),
            profile(&wave_labels(&[]), &[group("", vec![])], None),
            profile(&l, &[group("a", vec![None, None])], Some((f64::NAN, 3.0))),
            profile(&l, &[group("a", vec![point(5.0, 5.0, 5.0, 1)])], None),
            profile(
                &l,
                &[group("a", vec![huge, point(-1e300, 0.0, 0.0, 1)])],
                None,
            ),
            profile(
                &l,
                &vec![group("g", vec![point(1.0, 0.0, 2.0, 3); 12]); 40],
                None,
            ),
        ];
        for svg in &svgs {
            parse(svg);
        }
        // No interval name: no error-bar key, the interval bare in the desc.
        let doc_svg = profile(
            &wave_labels(&["Pre"]),
            &[group("a", vec![point(1.0, 0.5, 1.5, 2)])],
            None,
        );
        let doc = parse(&doc_svg);
        assert!(child_text(&doc, "desc").contains("a, Pre: n = 2, Mean = 1, [0.5, 1.5]"));
        let legend: String = by_class(&doc, "ps-legend").iter().map(text_of).collect();
        assert_eq!(legend, "Mean");
    }
}
