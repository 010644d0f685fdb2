//! Each person's line across the waves, with the group means, one panel per group.

use std::fmt::Write as _;

use super::{
    GROUP_COLOURS, INK, Labels, Px, Rect, Scale, Series, Swatch, Val, WHITE, WIDTH, clean,
    dash_attr, escape_xml, fit, gridlines, guide, join_desc, legend_right, marker, polyline,
    svg_open, text_width, wave_x, x_axis, y_axis,
};

/// One person's values, one per wave.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonLine {
    /// Person identifier, shown as a tooltip on the person's line.
    pub id: String,
    /// The value at each wave, in the order of [`Labels::waves`]; `None` (or
    /// a value that is not finite) where the person has none.
    pub values: Vec<Option<f64>>,
}

/// One group's people (a study may have 1 or 2 groups; support 1..=4).
#[derive(Debug, Clone, PartialEq)]
pub struct LineGroup {
    /// Group name, drawn above the group's panel.
    pub label: String,
    /// The group's people; those with fewer than two finite values are skipped.
    pub people: Vec<PersonLine>,
}

/// Per measure: each person's line across the waves with the group mean drawn on top.
///
/// The waves stand equally spaced along the x axis, named by
/// [`Labels::waves`] (there are as many as the longest of those names and the
/// people's values). Each person with at least two finite values gets a thin,
/// semi-transparent line in the group colour that joins their values in wave
/// order, passing over a wave where they have none; people with fewer values
/// cannot be drawn as a line and are left out of the panel, its `n` and its
/// mean. The mean of the people drawn, wave by wave, is a thick line with
/// markers and value labels on top, over a white halo so it stays visible in
/// a dense bundle. When fewer people than the panel's `n` have a value at a
/// wave, the `<desc>` gives that wave's own `n`. A group with more than
/// `max_lines` people gets no individual lines (the `<desc>` then reads
/// `n = N > max_lines`) and only its mean.
///
/// Groups are drawn as small multiples, one panel per group side by side with
/// a shared y axis, rather than overlaid: overlaid bundles of semi-transparent
/// lines hide each other and their colours mix into shades that neither the
/// legend nor a grey print can tell apart, whereas separate panels keep every
/// line attributable and the shared axis keeps the means comparable (they are
/// also printed as numbers beside the markers). When the waves of a row of
/// panels would stand too close for their names, the panels wrap into rows,
/// each with the same y axis, and the figure grows taller than its usual 400
/// units. Each panel has its group's colour, dash pattern and marker; from
/// the fifth group on they repeat, the panel titles still telling the groups
/// apart.
///
/// The y axis has nice ticks (1-2-5 steps) covering `y_range` when given
/// (e.g. a scale's possible range 0–96), widened if data fall outside it;
/// otherwise it covers the data range padded by 5 %.
pub fn person_lines(
    labels: &Labels,
    groups: &[LineGroup],
    y_range: Option<(f64, f64)>,
    max_lines: usize,
) -> String {
    let waves = groups
        .iter()
        .flat_map(|g| &g.people)
        .map(|p| p.values.len())
        .fold(labels.waves.len(), usize::max);
    let panels: Vec<LinePanel> = groups
        .iter()
        .map(|g| LinePanel::new(g, waves, max_lines))
        .collect();
    let values: Vec<f64> = panels
        .iter()
        .flat_map(|p| {
            p.people
                .iter()
                .flat_map(|person| person.values.iter().flatten())
        })
        .copied()
        .collect();

    let mut desc = vec![clean(&labels.title), clean(&labels.y_axis)];
    for p in &panels {
        desc.push(p.describe(labels, max_lines));
    }

    let grid = Grid::new(
        panels.len(),
        waves,
        (0..waves)
            .map(|w| text_width(&clean(labels.wave(w)), 12.0))
            .fold(0.0, f64::max),
        panels.iter().map(LinePanel::label_room).fold(0.0, f64::max),
    );
    let people: usize = panels.iter().map(|p| p.people.len()).sum();
    let mut out = String::with_capacity(4096 + 90 * people * waves.saturating_sub(1).max(1));
    svg_open(
        &mut out,
        "lines",
        grid.height,
        &labels.title,
        &join_desc(&desc),
    );
    legend_right(
        &mut out,
        46.0,
        &[(
            Swatch::Line(Series {
                colour: INK,
                style: 0,
                hollow: false,
            }),
            labels.mean.as_str(),
        )],
    );
    for row in 0..grid.rows {
        let top = Grid::TOP + row as f64 * (grid.plot_height + Grid::ROW_GAP);
        let plot = Rect {
            left: 70.0,
            right: WIDTH - 16.0,
            top,
            bottom: top + grid.plot_height,
        };
        let scale = Scale::for_values(values.iter().copied(), y_range, plot.bottom, plot.top);
        y_axis(&mut out, &scale, &plot, &labels.y_axis);
        if panels.is_empty() {
            gridlines(&mut out, &scale, plot.left, plot.right);
        }
        for (i, panel) in panels.iter().enumerate() {
            if i / grid.columns != row {
                continue;
            }
            let x0 = plot.left + (i % grid.columns) as f64 * (grid.width + Grid::GAP);
            panel.draw(
                &mut out,
                &PanelFrame {
                    x0,
                    x1: x0 + grid.width,
                    plot: &plot,
                    scale: &scale,
                    style: i,
                },
                labels,
            );
        }
    }
    out.push_str("</svg>");
    out
}

/// How the panels of [`person_lines`] are laid out. With two waves they
/// stand side by side in one row, as they always have, unless that leaves a
/// panel under 40 units wide (more than ten groups). With more waves, they
/// stand in one row while the waves keep far enough apart for their names (up
/// to 100 units) and the mean labels between them. Otherwise they take as few
/// rows as allow that (at worst one panel a row), the rows as even as they
/// can be.
struct Grid {
    columns: usize,
    rows: usize,
    /// Width of one panel.
    width: f64,
    /// Height of one row's plotting area.
    plot_height: f64,
    /// Height of the whole figure.
    height: f64,
}

impl Grid {
    /// Top of the first row's plotting area.
    const TOP: f64 = 84.0;
    /// Horizontal gap between panels.
    const GAP: f64 = 16.0;
    /// Vertical gap between rows: the wave names, then the panel titles.
    const ROW_GAP: f64 = 64.0;

    /// `name_width`: the widest wave name; `label_room`: the widest room any
    /// panel needs for its outer mean labels.
    fn new(panels: usize, waves: usize, name_width: f64, label_room: f64) -> Grid {
        const PLOT_WIDTH: f64 = WIDTH - 16.0 - 70.0;
        let width = |columns: usize| {
            let n = columns.max(1) as f64;
            (PLOT_WIDTH - Grid::GAP * (n - 1.0)) / n
        };
        let fits = |columns: usize| {
            let w = width(columns);
            if waves <= 2 {
                return w >= 40.0;
            }
            let spacing = (w - 2.0 * inset(w, waves, label_room)) / (waves - 1) as f64;
            spacing >= (name_width + 4.0).clamp(40.0, 100.0)
        };
        let most = (1..=panels).rev().find(|&c| fits(c)).unwrap_or(1);
        let rows = panels.div_ceil(most).max(1);
        let columns = panels.div_ceil(rows).max(1);
        let plot_height = match rows {
            1 => 280.0,
            2 => 200.0,
            _ => 140.0,
        };
        Grid {
            columns,
            rows,
            width: width(columns),
            plot_height,
            height: Grid::TOP
                + rows as f64 * plot_height
                + (rows - 1) as f64 * Grid::ROW_GAP
                + 36.0,
        }
    }
}

/// How far the first and the last wave stand in from the edges of a panel
/// `width` wide: in the middle of equal slots, unless the outer mean labels
/// need more room (but never more than 40 % of the panel).
fn inset(width: f64, waves: usize, label_room: f64) -> f64 {
    label_room
        .max(width / (2 * waves.max(1)) as f64)
        .min(width * 0.4)
}

/// One panel of a small-multiples figure: its horizontal extent within `plot`.
struct PanelFrame<'a> {
    x0: f64,
    x1: f64,
    plot: &'a Rect,
    scale: &'a Scale,
    style: usize,
}

/// A person with at least two finite values.
struct Trace<'a> {
    id: &'a str,
    /// One entry per wave, `None` where the person has no finite value.
    values: Vec<Option<f64>>,
}

/// The mean of one wave and the number of values it is the mean of.
#[derive(Clone, Copy)]
struct WaveMean {
    mean: f64,
    n: usize,
}

/// One group of [`person_lines`], ready to draw.
struct LinePanel<'a> {
    label: String,
    people: Vec<Trace<'a>>,
    /// One entry per wave: the mean of the people drawn who have a value there.
    means: Vec<Option<WaveMean>>,
    show_lines: bool,
}

impl<'a> LinePanel<'a> {
    fn new(group: &'a LineGroup, waves: usize, max_lines: usize) -> Self {
        let people: Vec<Trace> = group
            .people
            .iter()
            .map(|p| Trace {
                id: &p.id,
                values: (0..waves)
                    .map(|w| p.values.get(w).copied().flatten().filter(|v| v.is_finite()))
                    .collect(),
            })
            .filter(|t| t.values.iter().flatten().count() >= 2)
            .collect();
        let means = (0..waves)
            .map(|w| {
                let values: Vec<f64> = people.iter().filter_map(|p| p.values[w]).collect();
                (!values.is_empty()).then(|| WaveMean {
                    mean: values.iter().sum::<f64>() / values.len() as f64,
                    n: values.len(),
                })
            })
            .collect();
        LinePanel {
            label: clean(&group.label),
            show_lines: people.len() <= max_lines,
            people,
            means,
        }
    }

    /// Room for the outer mean labels beside their markers, within the panel.
    fn label_room(&self) -> f64 {
        let mut present = self.means.iter().flatten();
        match (present.next(), present.next_back()) {
            (Some(first), last) => {
                text_width(&Val(first.mean).to_string(), 11.0).max(text_width(
                    &Val(last.unwrap_or(first).mean).to_string(),
                    11.0,
                )) + 12.0
            }
            (None, _) => 0.0,
        }
    }

    /// The panel's part of the `<desc>`: its `n` and its mean at each wave.
    fn describe(&self, labels: &Labels, max_lines: usize) -> String {
        let omitted = if self.show_lines {
            String::new()
        } else {
            format!(" > {max_lines}")
        };
        let n = self.people.len();
        let mut part = format!("{} (n = {n}{omitted})", self.label);
        if n > 0 {
            let waves: Vec<String> = self
                .means
                .iter()
                .enumerate()
                .map(|(w, mean)| {
                    let name = clean(labels.wave(w));
                    match mean {
                        Some(m) if m.n == n => format!("{name} {}", Val(m.mean)),
                        Some(m) => format!("{name} {} (n = {})", Val(m.mean), m.n),
                        None => format!("{name} (n = 0)"),
                    }
                })
                .collect();
            let _ = write!(part, ": {} {}", clean(&labels.mean), waves.join(" → "));
        }
        part
    }

    fn draw(&self, out: &mut String, frame: &PanelFrame, labels: &Labels) {
        let colour = GROUP_COLOURS[frame.style % GROUP_COLOURS.len()];
        let (plot, scale) = (frame.plot, frame.scale);
        let width = frame.x1 - frame.x0;
        let waves = self.means.len();
        let present: Vec<(usize, WaveMean)> = self
            .means
            .iter()
            .enumerate()
            .filter_map(|(w, m)| m.map(|m| (w, m)))
            .collect();
        let inset = inset(width, waves, self.label_room());
        let (first, last) = (frame.x0 + inset, frame.x1 - inset);
        let x = |w: usize| wave_x(first, last, w, waves);
        let spacing = if waves > 1 {
            (last - first) / (waves - 1) as f64
        } else {
            2.0 * inset
        };
        let _ = write!(
            out,
            r#"<g class="ps-panel" data-group="{}" data-n="{}" data-lines="{}">"#,
            escape_xml(&self.label),
            self.people.len(),
            if self.show_lines { "shown" } else { "omitted" }
        );
        gridlines(out, scale, frame.x0, frame.x1);
        x_axis(out, frame.x0, frame.x1, plot.bottom);
        for w in 0..waves {
            guide(out, x(w), plot.top, plot.bottom + 4.0);
            let _ = write!(
                out,
                r#"<text class="ps-tick" x="{}" y="{}" text-anchor="middle">{}</text>"#,
                Px(x(w)),
                Px(plot.bottom + 18.0),
                escape_xml(&fit(labels.wave(w), spacing.min(2.0 * inset) - 4.0, 12.0)),
            );
        }
        let title = fit(
            &format!("{} (n = {})", self.label, self.people.len()),
            width,
            12.0,
        );
        let _ = write!(
            out,
            r#"<text class="ps-panel-title" x="{}" y="{}" text-anchor="middle" font-weight="600" fill="{colour}">{}</text>"#,
            Px((frame.x0 + frame.x1) / 2.0),
            Px(plot.top - 12.0),
            escape_xml(&title)
        );
        if self.show_lines && !self.people.is_empty() {
            // Fainter lines as the bundle grows, so overlaps still build up density.
            let opacity = (0.45 * (20.0 / self.people.len() as f64).sqrt()).clamp(0.12, 0.45);
            let _ = write!(
                out,
                r#"<g class="ps-people" stroke="{colour}" stroke-width="1" stroke-opacity="{}">"#,
                Val(opacity)
            );
            for p in &self.people {
                let points: Vec<(f64, f64)> = p
                    .values
                    .iter()
                    .enumerate()
                    .filter_map(|(w, v)| v.map(|v| (x(w), scale.px(v))))
                    .collect();
                polyline(out, "ps-person", &points, "", Some(&clean(p.id)));
            }
            out.push_str("</g>");
        }
        if !present.is_empty() {
            let points: Vec<(f64, f64)> = present
                .iter()
                .map(|(w, m)| (x(*w), scale.px(m.mean)))
                .collect();
            out.push_str(r#"<g class="ps-mean-group">"#);
            polyline(
                out,
                "ps-halo",
                &points,
                &format!(r#" stroke="{WHITE}" stroke-width="7" stroke-opacity="0.8""#),
                None,
            );
            polyline(
                out,
                "ps-mean",
                &points,
                &format!(
                    r#" stroke="{colour}" stroke-width="3"{}"#,
                    dash_attr(frame.style)
                ),
                None,
            );
            for &(x, y) in &points {
                marker(out, frame.style, x, y, colour);
            }
            self.mean_values(out, &present, &points);
            out.push_str("</g>");
        }
        out.push_str("</g>");
    }

    /// The mean values beside their markers: the first to the left, the last to
    /// the right, and those between to the right on the side away from the
    /// next segment, over a white halo as the people's lines may run there.
    fn mean_values(&self, out: &mut String, present: &[(usize, WaveMean)], points: &[(f64, f64)]) {
        let last = points.len() - 1;
        for (i, ((_, m), &(x, y))) in present.iter().zip(points).enumerate() {
            if i == 0 && last > 0 {
                let _ = write!(
                    out,
                    r#"<text class="ps-mean-value" x="{}" y="{}" text-anchor="end" font-size="11">{}</text>"#,
                    Px(x - 9.0),
                    Px(y + 4.0),
                    Val(m.mean)
                );
            } else if i == last {
                let _ = write!(
                    out,
                    r#"<text class="ps-mean-value" x="{}" y="{}" font-size="11">{}</text>"#,
                    Px(x + 9.0),
                    Px(y + 4.0),
                    Val(m.mean)
                );
            } else {
                let next_is_lower = points[i + 1].1 > y;
                let _ = write!(
                    out,
                    r#"<text class="ps-mean-value" x="{}" y="{}" font-size="11" stroke="{WHITE}" stroke-width="3" stroke-linejoin="round" paint-order="stroke">{}</text>"#,
                    Px(x + 7.0),
                    Px(if next_is_lower { y - 8.0 } else { y + 15.0 }),
                    Val(m.mean)
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::figures::testing::*;

    #[test]
    fn one_line_per_person_and_a_mean_per_group() {
        let groups = [
            line_group(
                "A",
                (0..5)
                    .map(|i| person(&format!("a{i}"), i as f64, i as f64 + 1.0))
                    .collect(),
            ),
            line_group("B", vec![person("b0", 3.0, 2.0)]),
        ];
        let svg = person_lines(&labels(), &groups, None, 200);
        let doc = parse(&svg);
        let lines = by_class(&doc, "ps-person");
        assert_eq!(lines.len(), 6);
        let ids: Vec<String> = lines.iter().map(text_of).collect();
        assert_eq!(ids, ["a0", "a1", "a2", "a3", "a4", "b0"]);
        assert_eq!(by_class(&doc, "ps-mean").len(), 2);
        // Means of A are 2 and 3; B's single person is its own mean.
        let values: Vec<String> = by_class(&doc, "ps-mean-value")
            .iter()
            .map(text_of)
            .collect();
        assert_eq!(values, ["2", "3", "3", "2"]);
        assert!(child_text(&doc, "desc").contains("A (n = 5): Mean Pre 2 → Post 3"));
    }

    #[test]
    fn groups_over_max_lines_get_only_their_mean() {
        let many: Vec<PersonLine> = (0..5).map(|i| person("x", i as f64, 1.0)).collect();
        let groups = [
            line_group("big", many),
            line_group("small", vec![person("s", 1.0, 2.0)]),
        ];
        let svg = person_lines(&labels(), &groups, Some((0.0, 10.0)), 4);
        let doc = parse(&svg);
        assert_eq!(by_class(&doc, "ps-person").len(), 1);
        assert_eq!(by_class(&doc, "ps-mean").len(), 2);
        let panels = by_class(&doc, "ps-panel");
        assert_eq!(panels[0].attribute("data-lines"), Some("omitted"));
        assert_eq!(panels[1].attribute("data-lines"), Some("shown"));
        assert!(child_text(&doc, "desc").contains("big (n = 5 > 4)"));
    }

    #[test]
    fn people_without_two_finite_values_are_skipped() {
        let groups = [line_group(
            "A",
            vec![
                person("ok", 1.0, 2.0),
                person("nan", f64::NAN, 2.0),
                person("inf", 1.0, f64::INFINITY),
                person("ok2", 3.0, 4.0),
            ],
        )];
        let doc_svg = person_lines(&labels(), &groups, None, 200);
        let doc = parse(&doc_svg);
        assert_eq!(by_class(&doc, "ps-person").len(), 2);
        assert_eq!(by_class(&doc, "ps-panel")[0].attribute("data-n"), Some("2"));
    }

    #[test]
    fn y_axis_covers_the_given_range_in_nice_steps() {
        let groups = [line_group("A", vec![person("p", 10.0, 20.0)])];
        let doc_svg = person_lines(&labels(), &groups, Some((0.0, 96.0)), 200);
        let doc = parse(&doc_svg);
        assert_eq!(
            tick_labels(&doc),
            ["0", "20", "40", "60", "80", "100"].map(String::from)
        );
        // Data outside the range widen the axis rather than leave the plot.
        let groups = [line_group("A", vec![person("p", -3.0, 20.0)])];
        let doc_svg = person_lines(&labels(), &groups, Some((0.0, 10.0)), 200);
        let doc = parse(&doc_svg);
        assert_eq!(tick_labels(&doc).first().map(String::as_str), Some("-5"));
    }

    #[test]
    fn chinese_labels_survive() {
        let zh = Labels {
            title: "干预前后抑郁得分".into(),
            y_axis: "得分".into(),
            waves: vec!["前测".into(), "后测".into()],
            mean: "平均值".into(),
            interval: String::new(),
        };
        let svg = person_lines(
            &zh,
            &[line_group("干预组", vec![person("甲", 1.0, 2.0)])],
            None,
            10,
        );
        let doc = parse(&svg);
        assert_eq!(child_text(&doc, "title"), "干预前后抑郁得分");
        let ticks: Vec<String> = by_class(&doc, "ps-tick").iter().map(text_of).collect();
        assert_eq!(ticks, ["前测", "后测"]);
        assert_eq!(text_of(&by_class(&doc, "ps-person")[0]), "甲");
    }

    #[test]
    fn long_labels_are_cut_visibly_but_kept_in_title() {
        let mut long = labels();
        long.title = "A very long title ".repeat(10);
        long.title.push('终');
        let svg = person_lines(&long, &[line_group(&"g".repeat(300), vec![])], None, 10);
        let doc = parse(&svg);
        assert!(child_text(&doc, "title").ends_with('终'));
        let shown = text_of(&by_class(&doc, "ps-title")[0]);
        assert!(shown.ends_with('…') && text_width(&shown, 15.0) <= WIDTH - 32.0);
        let panel = text_of(&by_class(&doc, "ps-panel-title")[0]);
        assert!(panel.ends_with('…') && text_width(&panel, 12.0) <= WIDTH - 86.0);
    }

    #[test]
    fn no_attribute_has_more_than_two_decimals() {
        // No attribute of a real figure carries more than two decimals.
        let groups = [line_group(
            "A",
            (0..7)
                .map(|i| person("p", i as f64 / 3.0, i as f64 / 7.0))
                .collect(),
        )];
        let svg = person_lines(&labels(), &groups, None, 200);
        let doc = parse(&svg);
        for attribute in doc.descendants().flat_map(|n| n.attributes()) {
            for token in attribute.value().split([' ', ',', '(', ')', 'M', 'L', 'Z']) {
                if token.parse::<f64>().is_ok() {
                    let decimals = token.split_once('.').map_or(0, |(_, d)| d.len());
                    assert!(decimals <= 2, "{}={token}", attribute.name());
                }
            }
        }
    }

    #[test]
    fn three_waves_join_each_persons_values_and_skip_missing_ones() {
        let l = wave_labels(&["Pre", "Post", "FU"]);
        let groups = [line_group(
            "A",
            vec![
                person_at("p1", &[Some(1.0), Some(2.0), Some(3.0)]),
                person_at("p2", &[Some(3.0), None, Some(5.0)]),
                person_at("p3", &[Some(2.0), Some(4.0), Some(f64::NAN)]),
                // One value makes no line: left out of the panel, its n and its mean.
                person_at("p4", &[Some(7.0), None, None]),
            ],
        )];
        let svg = person_lines(&l, &groups, None, 200);
        let doc = parse(&svg);
        let ticks: Vec<String> = by_class(&doc, "ps-tick").iter().map(text_of).collect();
        assert_eq!(ticks, ["Pre", "Post", "FU"]);
        let guides: Vec<f64> = by_class(&doc, "ps-guide")
            .iter()
            .map(|g| num(g, "x1"))
            .collect();
        assert_eq!(guides.len(), 3);
        assert!((guides[1] - guides[0] - (guides[2] - guides[1])).abs() < 0.11);
        let people = by_class(&doc, "ps-person");
        let ids: Vec<String> = people.iter().map(text_of).collect();
        assert_eq!(ids, ["p1", "p2", "p3"]);
        let tags: Vec<&str> = people.iter().map(|p| p.tag_name().name()).collect();
        assert_eq!(tags, ["polyline", "line", "line"]);
        // p2 passes over the missing post value, from pre straight to follow-up.
        let p2 = points(&people[1]);
        assert_eq!((p2[0].0, p2[1].0), (guides[0], guides[2]));
        // p3's follow-up is not finite, so its line stops at post.
        assert_eq!(points(&people[2])[1].0, guides[1]);
        // Means: pre (1 + 3 + 2) / 3 = 2, post (2 + 4) / 2 = 3, FU (3 + 5) / 2 = 4.
        let mean = by_class(&doc, "ps-mean")[0];
        assert_eq!(mean.tag_name().name(), "polyline");
        assert_eq!(points(&mean).len(), 3);
        let values: Vec<String> = by_class(&doc, "ps-mean-value")
            .iter()
            .map(text_of)
            .collect();
        assert_eq!(values, ["2", "3", "4"]);
        assert_eq!(by_class(&doc, "ps-marker").len(), 1 + 3);
        assert!(
            child_text(&doc, "desc")
                .contains("A (n = 3): Mean Pre 2 → Post 3 (n = 2) → FU 4 (n = 2)"),
            "{}",
            child_text(&doc, "desc")
        );
    }

    #[test]
    fn a_wave_nobody_has_is_named_in_the_desc_and_skipped_by_the_mean() {
        let l = wave_labels(&["T1", "T2", "T3", "T4"]);
        let groups = [line_group(
            "A",
            vec![
                person_at("p", &[Some(1.0), None, Some(2.0), Some(4.0)]),
                person_at("q", &[Some(3.0), None, Some(4.0)]),
            ],
        )];
        let doc_svg = person_lines(&l, &groups, None, 200);
        let doc = parse(&doc_svg);
        assert!(child_text(&doc, "desc").contains("Mean T1 2 → T2 (n = 0) → T3 3 → T4 4 (n = 1)"));
        assert_eq!(points(&by_class(&doc, "ps-mean")[0]).len(), 3);
        assert_eq!(by_class(&doc, "ps-tick").len(), 4);
    }

    #[test]
    fn many_waves_wrap_the_panels_into_rows_that_keep_the_names_whole() {
        let names = ["Baseline", "Week 4", "Week 8", "Week 12", "Follow-up"];
        let l = wave_labels(&names);
        let group = |g: usize| {
            line_group(
                &format!("G{g}"),
                (0..6)
                    .map(|i| {
                        let values: Vec<Option<f64>> =
                            (0..5).map(|w| Some((10 + i + g - w) as f64)).collect();
                        person_at(&format!("p{i}"), &values)
                    })
                    .collect(),
            )
        };
        let groups: Vec<LineGroup> = (0..4).map(group).collect();
        let svg = person_lines(&l, &groups, None, 200);
        let doc = parse(&svg);
        assert_eq!(by_class(&doc, "ps-panel").len(), 4);
        let ticks: Vec<String> = by_class(&doc, "ps-tick").iter().map(text_of).collect();
        assert_eq!(ticks.len(), 20);
        assert!(
            ticks.iter().all(|t| names.contains(&t.as_str())),
            "{ticks:?}"
        );
        // One panel a row, each row with its own value axis.
        let height = num(&doc.root_element(), "height");
        assert!(height > 800.0, "{height}");
        assert_eq!(by_class(&doc, "ps-y-ticks").len(), 4);
        // Two waves keep the four panels side by side, as always.
        let two: Vec<LineGroup> = (0..4)
            .map(|g| line_group(&format!("G{g}"), vec![person("p", 1.0, g as f64)]))
            .collect();
        let doc_svg = person_lines(&labels(), &two, None, 200);
        let doc = parse(&doc_svg);
        assert_eq!(num(&doc.root_element(), "height"), 400.0);
        assert_eq!(by_class(&doc, "ps-y-ticks").len(), 1);
        // Short names let three waves stand in one row too.
        let short = wave_labels(&["T1", "T2", "T3"]);
        let doc_svg = person_lines(&short, &groups[..2], None, 200);
        assert_eq!(by_class(&parse(&doc_svg), "ps-y-ticks").len(), 1);
    }

    #[test]
    fn long_chinese_wave_names_are_cut_and_kept_whole_in_the_desc() {
        let l = wave_labels(&["前测", "后测", "干预结束后六个月随访（电话访谈）"]);
        let groups = [line_group(
            "干预组（社区护理人员与家庭照护者共同参与）",
            vec![person_at("甲", &[Some(1.0), Some(2.0), Some(3.0)])],
        )];
        let svg = person_lines(&l, &groups, None, 200);
        let doc = parse(&svg);
        let ticks: Vec<String> = by_class(&doc, "ps-tick").iter().map(text_of).collect();
        assert_eq!(ticks[..2], ["前测", "后测"]);
        assert!(
            ticks[2].starts_with("干预") && ticks[2].ends_with('…'),
            "{ticks:?}"
        );
        let desc = child_text(&doc, "desc");
        assert!(
            desc.contains("干预结束后六个月随访（电话访谈） 3"),
            "{desc}"
        );
        assert!(desc.contains("干预组（社区护理人员与家庭照护者共同参与） (n = 1)"));
    }
}
