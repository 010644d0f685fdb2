//! Each person's line across the waves, with the group means, one panel per group.

use std::fmt::Write as _;

use super::{
    GRID, GROUP_COLOURS, INK, Labels, Px, Rect, Scale, Swatch, Val, WHITE, WIDTH, clean, dash_attr,
    escape_xml, fit, gridlines, join_desc, legend_right, marker, svg_open, text_width, x_axis,
    y_axis,
};

/// One person's pre and post values.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonLine {
    /// Person identifier, shown as a tooltip on the person's line.
    pub id: String,
    /// Value at the first occasion.
    pub pre: f64,
    /// Value at the second occasion.
    pub post: f64,
}

/// One group's people (a study may have 1 or 2 groups; support 1..=4).
#[derive(Debug, Clone, PartialEq)]
pub struct LineGroup {
    /// Group name, drawn above the group's panel.
    pub label: String,
    /// The group's people; those without two finite values are skipped.
    pub people: Vec<PersonLine>,
}

/// Per measure: each person's pre→post line with the group mean drawn on top.
///
/// Each person with two finite values gets a thin, semi-transparent line in
/// the group colour; the mean of those people is a thick line with markers
/// and value labels on top, over a white halo so it stays visible in a dense
/// bundle. A group with more than `max_lines` people gets no individual lines
/// (the `<desc>` then reads `n = N > max_lines`) and only its mean.
///
/// Groups are drawn as small multiples, one panel per group side by side with
/// a shared y axis, rather than overlaid: overlaid bundles of semi-transparent
/// lines hide each other and their colours mix into shades that neither the
/// legend nor a grey print can tell apart, whereas separate panels keep every
/// line attributable and the shared axis keeps the means comparable (they are
/// also printed as numbers beside the markers).
///
/// The y axis has nice ticks (1-2-5 steps) covering `y_range` when given
/// (e.g. a scale's possible range 0–96), widened if data fall outside it;
/// otherwise it covers the data range padded by 5 %.
pub fn pre_post_lines(
    labels: &Labels,
    groups: &[LineGroup],
    y_range: Option<(f64, f64)>,
    max_lines: usize,
) -> String {
    const HEIGHT: f64 = 400.0;
    const GAP: f64 = 16.0;
    let plot = Rect {
        left: 70.0,
        right: WIDTH - 16.0,
        top: 84.0,
        bottom: HEIGHT - 36.0,
    };
    let panels: Vec<LinePanel> = groups
        .iter()
        .map(|g| LinePanel::new(g, max_lines))
        .collect();
    let scale = Scale::for_values(
        panels
            .iter()
            .flat_map(|p| p.pairs.iter().flat_map(|pair| [pair.pre, pair.post])),
        y_range,
        plot.bottom,
        plot.top,
    );

    let mut desc = vec![clean(&labels.title), clean(&labels.y_axis)];
    for p in &panels {
        let omitted = if p.show_lines {
            String::new()
        } else {
            format!(" > {max_lines}")
        };
        let mut part = format!("{} (n = {}{omitted})", p.label, p.pairs.len());
        if let Some((pre, post)) = p.mean {
            let _ = write!(
                part,
                ": {} {} {} → {} {}",
                clean(&labels.mean),
                clean(&labels.pre),
                Val(pre),
                clean(&labels.post),
                Val(post)
            );
        }
        desc.push(part);
    }

    let people: usize = panels.iter().map(|p| p.pairs.len()).sum();
    let mut out = String::with_capacity(4096 + 90 * people);
    svg_open(&mut out, "lines", HEIGHT, &labels.title, &join_desc(&desc));
    legend_right(
        &mut out,
        46.0,
        &[(
            Swatch::Line {
                colour: INK,
                style: 0,
            },
            labels.mean.as_str(),
        )],
    );
    y_axis(&mut out, &scale, &plot, &labels.y_axis);

    let n = panels.len().max(1) as f64;
    let width = (plot.width() - GAP * (n - 1.0)) / n;
    if panels.is_empty() {
        gridlines(&mut out, &scale, plot.left, plot.right);
    }
    for (i, panel) in panels.iter().enumerate() {
        let x0 = plot.left + i as f64 * (width + GAP);
        panel.draw(
            &mut out,
            &PanelFrame {
                x0,
                x1: x0 + width,
                plot: &plot,
                scale: &scale,
                style: i,
            },
            labels,
        );
    }
    out.push_str("</svg>");
    out
}

/// One panel of a small-multiples figure: its horizontal extent within `plot`.
struct PanelFrame<'a> {
    x0: f64,
    x1: f64,
    plot: &'a Rect,
    scale: &'a Scale,
    style: usize,
}

/// A person with two finite values.
struct Pair<'a> {
    id: &'a str,
    pre: f64,
    post: f64,
}

/// One group of [`pre_post_lines`], ready to draw.
struct LinePanel<'a> {
    label: String,
    pairs: Vec<Pair<'a>>,
    mean: Option<(f64, f64)>,
    show_lines: bool,
}

impl<'a> LinePanel<'a> {
    fn new(group: &'a LineGroup, max_lines: usize) -> Self {
        let pairs: Vec<Pair> = group
            .people
            .iter()
            .filter(|p| p.pre.is_finite() && p.post.is_finite())
            .map(|p| Pair {
                id: &p.id,
                pre: p.pre,
                post: p.post,
            })
            .collect();
        let n = pairs.len() as f64;
        let mean = (!pairs.is_empty()).then(|| {
            (
                pairs.iter().map(|p| p.pre).sum::<f64>() / n,
                pairs.iter().map(|p| p.post).sum::<f64>() / n,
            )
        });
        LinePanel {
            label: clean(&group.label),
            show_lines: pairs.len() <= max_lines,
            pairs,
            mean,
        }
    }

    fn draw(&self, out: &mut String, frame: &PanelFrame, labels: &Labels) {
        let colour = GROUP_COLOURS[frame.style % GROUP_COLOURS.len()];
        let (plot, scale) = (frame.plot, frame.scale);
        let width = frame.x1 - frame.x0;
        // Keep room for the mean labels outside the markers, within the panel.
        let label_room = self.mean.map_or(0.0, |(pre, post)| {
            text_width(&Val(pre).to_string(), 11.0).max(text_width(&Val(post).to_string(), 11.0))
                + 12.0
        });
        let inset = label_room.clamp(width * 0.25, width * 0.4);
        let (x_pre, x_post) = (frame.x0 + inset, frame.x1 - inset);
        let _ = write!(
            out,
            r#"<g class="ps-panel" data-group="{}" data-n="{}" data-lines="{}">"#,
            escape_xml(&self.label),
            self.pairs.len(),
            if self.show_lines { "shown" } else { "omitted" }
        );
        gridlines(out, scale, frame.x0, frame.x1);
        x_axis(out, frame.x0, frame.x1, plot.bottom);
        for (x, text) in [(x_pre, &labels.pre), (x_post, &labels.post)] {
            let _ = write!(
                out,
                r#"<line class="ps-guide" x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="{GRID}"/><text class="ps-tick" x="{x}" y="{}" text-anchor="middle">{}</text>"#,
                Px(plot.top),
                Px(plot.bottom + 4.0),
                Px(plot.bottom + 18.0),
                escape_xml(&fit(text, (x_post - x_pre).min(2.0 * inset) - 4.0, 12.0)),
                x = Px(x),
            );
        }
        let title = fit(
            &format!("{} (n = {})", self.label, self.pairs.len()),
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
        if self.show_lines && !self.pairs.is_empty() {
            // Fainter lines as the bundle grows, so overlaps still build up density.
            let opacity = (0.45 * (20.0 / self.pairs.len() as f64).sqrt()).clamp(0.12, 0.45);
            let _ = write!(
                out,
                r#"<g class="ps-people" stroke="{colour}" stroke-width="1" stroke-opacity="{}">"#,
                Val(opacity)
            );
            for p in &self.pairs {
                let _ = write!(
                    out,
                    r#"<line class="ps-person" x1="{}" y1="{}" x2="{}" y2="{}"><title>{}</title></line>"#,
                    Px(x_pre),
                    Px(scale.px(p.pre)),
                    Px(x_post),
                    Px(scale.px(p.post)),
                    escape_xml(&clean(p.id))
                );
            }
            out.push_str("</g>");
        }
        if let Some((pre, post)) = self.mean {
            let (y_pre, y_post) = (scale.px(pre), scale.px(post));
            let coords = format!(
                r#"x1="{}" y1="{}" x2="{}" y2="{}""#,
                Px(x_pre),
                Px(y_pre),
                Px(x_post),
                Px(y_post)
            );
            let _ = write!(
                out,
                r#"<g class="ps-mean-group"><line class="ps-halo" {coords} stroke="{WHITE}" stroke-width="7" stroke-opacity="0.8"/><line class="ps-mean" {coords} stroke="{colour}" stroke-width="3"{}/>"#,
                dash_attr(frame.style)
            );
            marker(out, frame.style, x_pre, y_pre, colour);
            marker(out, frame.style, x_post, y_post, colour);
            let _ = write!(
                out,
                r#"<text class="ps-mean-value" x="{}" y="{}" text-anchor="end" font-size="11">{}</text><text class="ps-mean-value" x="{}" y="{}" font-size="11">{}</text></g>"#,
                Px(x_pre - 9.0),
                Px(y_pre + 4.0),
                Val(pre),
                Px(x_post + 9.0),
                Px(y_post + 4.0),
                Val(post)
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
        let svg = pre_post_lines(&labels(), &groups, None, 200);
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
        let svg = pre_post_lines(&labels(), &groups, Some((0.0, 10.0)), 4);
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
        let doc_svg = pre_post_lines(&labels(), &groups, None, 200);
        let doc = parse(&doc_svg);
        assert_eq!(by_class(&doc, "ps-person").len(), 2);
        assert_eq!(by_class(&doc, "ps-panel")[0].attribute("data-n"), Some("2"));
    }

    #[test]
    fn y_axis_covers_the_given_range_in_nice_steps() {
        let groups = [line_group("A", vec![person("p", 10.0, 20.0)])];
        let doc_svg = pre_post_lines(&labels(), &groups, Some((0.0, 96.0)), 200);
        let doc = parse(&doc_svg);
        assert_eq!(
            tick_labels(&doc),
            ["0", "20", "40", "60", "80", "100"].map(String::from)
        );
        // Data outside the range widen the axis rather than leave the plot.
        let groups = [line_group("A", vec![person("p", -3.0, 20.0)])];
        let doc_svg = pre_post_lines(&labels(), &groups, Some((0.0, 10.0)), 200);
        let doc = parse(&doc_svg);
        assert_eq!(tick_labels(&doc).first().map(String::as_str), Some("-5"));
    }

    #[test]
    fn chinese_labels_survive() {
        let zh = Labels {
            title: "干预前后抑郁得分".into(),
            y_axis: "得分".into(),
            pre: "前测".into(),
            post: "后测".into(),
            mean: "平均值".into(),
        };
        let svg = pre_post_lines(
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
        let svg = pre_post_lines(&long, &[line_group(&"g".repeat(300), vec![])], None, 10);
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
        let svg = pre_post_lines(&labels(), &groups, None, 200);
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
}
