//! Bar charts of band transitions between two waves, one panel per group.

use std::fmt::Write as _;

use super::{
    BAND_COLOURS, GRID, INK, Labels, Px, Rect, Scale, Swatch, TextBlock, WIDTH, clean, escape_xml,
    fit, gridlines, join_desc, legend_flow, svg_open, text_lines, text_width, wrap, x_axis, y_axis,
};

/// Counts of people moving from one band at the earlier wave to a band at the later one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransitionCount {
    /// Band at the earlier wave.
    pub from: String,
    /// Band at the later wave.
    pub to: String,
    /// Number of people who made this move.
    pub count: usize,
}

/// One group's band transitions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransitionGroup {
    /// Group name, drawn above the group's panel.
    pub label: String,
    /// The group's transitions; repeated pairs are added up, zero counts skipped.
    pub transitions: Vec<TransitionCount>,
}

/// Bar chart of band transitions between two waves, one cluster of bars per
/// band at the earlier wave.
///
/// The two waves are the first and the last of [`Labels::waves`] (pass just
/// the two compared, e.g. pre and follow-up). Within each group's panel, the
/// x axis lists the bands at the earlier wave (titled with its name, ordered
/// as `bands`, lowest first); above each band stands one bar per band at the
/// later wave that people moved to, with its count on top. Every band has a
/// fixed slot in every cluster and its own colour (legend titled with the
/// later wave's name), so the bars read like the rows of a transition table
/// and stay distinguishable in a grey print; a bar in the slot of its own
/// cluster's band means "stayed". Bands met in `groups` but missing from
/// `bands` are appended in order of appearance.
///
/// Groups are small multiples stacked one row per group, with the clusters
/// aligned under each other and the same count axis, so groups compare band
/// by band and every panel gets the full width for legible bars and counts.
/// One group fills a 400-unit-high figure; more groups make it taller.
pub fn transition_bars(labels: &Labels, bands: &[String], groups: &[TransitionGroup]) -> String {
    const PANEL_TITLE: f64 = 20.0;
    const BAND_LABELS: f64 = 32.0;
    const FOOTER: f64 = 24.0;
    let table = TransitionTable::new(bands, groups);
    let rows = groups.len().max(1);
    let (earlier, later) = (
        labels.wave(0),
        labels.wave(labels.waves.len().saturating_sub(1)),
    );

    let mut legend = String::new();
    let legend_items: Vec<(Swatch, &str)> = table
        .bands
        .iter()
        .enumerate()
        .map(|(i, band)| (Swatch::Bar(i), band.as_str()))
        .collect();
    let header = 46.0 + legend_flow(&mut legend, 16.0, 46.0, later, &legend_items);
    let plot_h = match rows {
        1 => 400.0 - header - FOOTER - PANEL_TITLE - BAND_LABELS,
        2 => 120.0,
        _ => 100.0,
    };
    let row_h = PANEL_TITLE + plot_h + BAND_LABELS;
    let height = header + FOOTER + rows as f64 * row_h;

    let mut desc = vec![clean(&labels.title), clean(&labels.y_axis)];
    for (g, counts) in groups.iter().zip(&table.counts) {
        let pairs: Vec<String> = counts
            .iter()
            .map(|&(from, to, count)| {
                format!("{} → {}: {count}", table.bands[from], table.bands[to])
            })
            .collect();
        let total: usize = counts.iter().map(|c| c.2).sum();
        desc.push(format!(
            "{} (n = {total}): {}",
            clean(&g.label),
            pairs.join(", ")
        ));
    }

    let mut out = String::with_capacity(4096 + 400 * table.bands.len().pow(2) * groups.len());
    svg_open(
        &mut out,
        "transitions",
        height,
        &labels.title,
        &join_desc(&desc),
    );
    out.push_str(&legend);
    let max = table
        .counts
        .iter()
        .flatten()
        .map(|c| c.2)
        .max()
        .unwrap_or(0);
    let cluster_w = (WIDTH - 16.0 - 70.0) / table.bands.len().max(1) as f64;
    let slot = cluster_w * 0.88 / table.bands.len().max(1) as f64;
    for row in 0..rows {
        let top = header + row as f64 * row_h + PANEL_TITLE;
        let plot = Rect {
            left: 70.0,
            right: WIDTH - 16.0,
            top,
            bottom: top + plot_h,
        };
        // 10 % headroom keeps the tallest bar's count clear of the panel title.
        let scale = Scale::counts(max as f64 * 1.1, plot.bottom, plot.top);
        y_axis(&mut out, &scale, &plot, &labels.y_axis);
        gridlines(&mut out, &scale, plot.left, plot.right);
        for (b, band) in table.bands.iter().enumerate() {
            let lines = wrap(band, cluster_w - 4.0, 11.0, 2);
            text_lines(
                &mut out,
                &TextBlock {
                    x: plot.left + cluster_w * (b as f64 + 0.5),
                    y: plot.bottom + 14.0,
                    size: 11.0,
                    class: "ps-tick",
                    bold: false,
                },
                &lines,
            );
            if b > 0 {
                let x = Px(plot.left + cluster_w * b as f64);
                let _ = write!(
                    out,
                    r#"<line class="ps-separator" x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="{GRID}" stroke-dasharray="3 3"/>"#,
                    Px(plot.top),
                    Px(plot.bottom + 4.0),
                );
            }
        }
        if let (Some(group), Some(counts)) = (groups.get(row), table.counts.get(row)) {
            let total: usize = counts.iter().map(|c| c.2).sum();
            let title = fit(
                &format!("{} (n = {total})", clean(&group.label)),
                plot.width(),
                12.0,
            );
            let _ = write!(
                out,
                r#"<g class="ps-panel" data-group="{}"><text class="ps-panel-title" x="{}" y="{}" text-anchor="middle" font-weight="600">{}</text>"#,
                escape_xml(&clean(&group.label)),
                Px(plot.left + plot.width() / 2.0),
                Px(plot.top - 7.0),
                escape_xml(&title)
            );
            for &(from, to, count) in counts {
                let bar = Bar {
                    x: plot.left + cluster_w * (from as f64 + 0.06) + slot * (to as f64 + 0.1),
                    width: slot * 0.8,
                    count,
                    to,
                    from_label: &table.bands[from],
                    to_label: &table.bands[to],
                };
                bar.draw(&mut out, &plot, &scale);
            }
            out.push_str("</g>");
        }
        x_axis(&mut out, plot.left, plot.right, plot.bottom);
    }
    let _ = write!(
        out,
        r#"<text class="ps-axis-title" x="{}" y="{}" text-anchor="middle">{}</text></svg>"#,
        Px(70.0 + (WIDTH - 86.0) / 2.0),
        Px(height - 8.0),
        escape_xml(&fit(earlier, WIDTH - 86.0, 12.0))
    );
    out
}

/// Band order and each group's non-zero `(from, to, count)` cells, by band index.
struct TransitionTable {
    bands: Vec<String>,
    counts: Vec<Vec<(usize, usize, usize)>>,
}

impl TransitionTable {
    fn new(bands: &[String], groups: &[TransitionGroup]) -> Self {
        /// Index of band `name` in `order`, appending it if new.
        fn index(name: &str, order: &mut Vec<String>) -> usize {
            let name = clean(name);
            order.iter().position(|b| *b == name).unwrap_or_else(|| {
                order.push(name);
                order.len() - 1
            })
        }
        let mut order: Vec<String> = vec![];
        for band in bands {
            index(band, &mut order);
        }
        let mut counts = vec![];
        for group in groups {
            let mut cells: Vec<(usize, usize, usize)> = vec![];
            for t in group.transitions.iter().filter(|t| t.count > 0) {
                let key = (index(&t.from, &mut order), index(&t.to, &mut order));
                match cells.iter_mut().find(|c| (c.0, c.1) == key) {
                    Some(cell) => cell.2 += t.count,
                    None => cells.push((key.0, key.1, t.count)),
                }
            }
            cells.sort_unstable();
            counts.push(cells);
        }
        TransitionTable {
            bands: order,
            counts,
        }
    }
}

/// One bar of [`transition_bars`].
struct Bar<'a> {
    x: f64,
    width: f64,
    count: usize,
    /// Index of the post band, which sets the colour.
    to: usize,
    from_label: &'a str,
    to_label: &'a str,
}

impl Bar<'_> {
    /// Draws the bar with its count above it (rotated if the bar is too narrow).
    fn draw(&self, out: &mut String, plot: &Rect, scale: &Scale) {
        let top = scale.px(self.count as f64);
        let _ = write!(
            out,
            r#"<rect class="ps-bar" data-from="{}" data-to="{}" data-count="{}" x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="{INK}" stroke-width="0.5"><title>{} → {}: {}</title></rect>"#,
            escape_xml(self.from_label),
            escape_xml(self.to_label),
            self.count,
            Px(self.x),
            Px(top),
            Px(self.width),
            Px(plot.bottom - top),
            BAND_COLOURS[self.to % BAND_COLOURS.len()],
            escape_xml(self.from_label),
            escape_xml(self.to_label),
            self.count
        );
        let text = self.count.to_string();
        let size = (self.width * 1.1).clamp(8.0, 11.0);
        let cx = self.x + self.width / 2.0;
        if text_width(&text, size) <= self.width + 4.0 {
            let _ = write!(
                out,
                r#"<text class="ps-count" x="{}" y="{}" text-anchor="middle" font-size="{}">{text}</text>"#,
                Px(cx),
                Px(top - 3.0),
                Px(size)
            );
        } else {
            let (x, y) = (Px(cx + size * 0.35), Px(top - 3.0));
            let _ = write!(
                out,
                r#"<text class="ps-count" x="{x}" y="{y}" transform="rotate(-90 {x} {y})" font-size="{}">{text}</text>"#,
                Px(size)
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::figures::testing::*;

    #[test]
    fn one_bar_with_its_count_per_non_zero_transition() {
        let bands: Vec<String> = ["Low", "Mid", "High"].map(String::from).to_vec();
        let groups = [
            TransitionGroup {
                label: "A".into(),
                transitions: vec![
                    transition("Mid", "Mid", 1),
                    transition("Low", "Mid", 3),
                    transition("Mid", "High", 0),
                    transition("Other", "Low", 4),
                    transition("Low", "Low", 2),
                    transition("Mid", "Mid", 1),
                ],
            },
            TransitionGroup {
                label: "B".into(),
                transitions: vec![],
            },
        ];
        let svg = transition_bars(&labels(), &bands, &groups);
        let doc = parse(&svg);
        let bars: Vec<(String, String, String)> = by_class(&doc, "ps-bar")
            .iter()
            .map(|b| {
                let a = |name| b.attribute(name).unwrap().to_owned();
                (a("data-from"), a("data-to"), a("data-count"))
            })
            .collect();
        let expected = [
            ("Low", "Low", "2"),
            ("Low", "Mid", "3"),
            ("Mid", "Mid", "2"),
            ("Other", "Low", "4"),
        ]
        .map(|(a, b, c)| (a.to_owned(), b.to_owned(), c.to_owned()));
        assert_eq!(bars, expected);
        let counts: Vec<String> = by_class(&doc, "ps-count").iter().map(text_of).collect();
        assert_eq!(counts, ["2", "3", "2", "4"]);
        // Taller bars for larger counts, all standing on the same baseline.
        let rects = by_class(&doc, "ps-bar");
        let heights: Vec<f64> = rects.iter().map(|r| num(r, "height")).collect();
        assert!(heights[3] > heights[1] && heights[1] > heights[0]);
        assert_eq!(heights[0], heights[2]);
        let legend: String = by_class(&doc, "ps-legend").iter().map(text_of).collect();
        assert!(legend.contains("Other"));
        assert_eq!(by_class(&doc, "ps-panel").len(), 2);
        assert!(child_text(&doc, "desc").contains("A (n = 11): Low → Low: 2"));
    }

    #[test]
    fn the_transitions_run_from_the_first_to_the_last_wave() {
        let groups = [TransitionGroup {
            label: "A".into(),
            transitions: vec![transition("Low", "High", 2)],
        }];
        let bands = ["Low".to_owned(), "High".to_owned()];
        let l = wave_labels(&["Pre", "Post", "Follow-up"]);
        let doc_svg = transition_bars(&l, &bands, &groups);
        let doc = parse(&doc_svg);
        let legend = by_class(&doc, "ps-legend")[0];
        assert_eq!(text_of(&legend.first_child().unwrap()), "Follow-up");
        let titles: Vec<String> = by_class(&doc, "ps-axis-title")
            .iter()
            .map(text_of)
            .collect();
        assert!(titles.contains(&"Pre".to_owned()), "{titles:?}");
        // Without wave names the axis and legend titles are empty, not made up.
        let doc_svg = transition_bars(&wave_labels(&[]), &bands, &groups);
        parse(&doc_svg);
    }
}
