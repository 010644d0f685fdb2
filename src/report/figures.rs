//! Report figures drawn as hand-written SVG strings.
//!
//! Each public function returns one self-contained `<svg>` element meant to be
//! inlined into the HTML report. The design rules all three follow:
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
//!   shape per group, hollow versus filled boxes per occasion, and a fixed
//!   position per band.
//! - **Small files**: coordinates are written with one decimal, data values
//!   with at most two, trailing zeros dropped.
//! - **Robust**: non-finite values are skipped, zero ranges are widened, long
//!   labels are wrapped or truncated with `…` (the full text stays in the
//!   `<desc>`), and every string is XML-escaped with characters that XML 1.0
//!   forbids removed.

use std::fmt::{self, Write as _};

/// Text the caller supplies (already translated); the module never hard-codes language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Labels {
    /// Figure title, drawn at the top and used as the SVG `<title>`.
    pub title: String,
    /// Title of the value axis (the count axis in [`transition_bars`]).
    pub y_axis: String,
    /// Name of the first occasion, e.g. "Pre".
    pub pre: String,
    /// Name of the second occasion, e.g. "Post".
    pub post: String,
    /// Word for the arithmetic mean, e.g. "Mean".
    pub mean: String,
}

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
/// is not drawn. The y axis is chosen as in [`pre_post_lines`].
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

/// Counts of people moving from one band at pre to a band at post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransitionCount {
    /// Band at the first occasion.
    pub from: String,
    /// Band at the second occasion.
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

/// Bar chart of band transitions, one cluster of bars per pre band.
///
/// Within each group's panel, the x axis lists the bands at pre (titled
/// `labels.pre`, ordered as `bands`, lowest first); above each pre band stands
/// one bar per post band that people moved to, with its count on top. Every
/// post band has a fixed slot in every cluster and its own colour (legend
/// titled `labels.post`), so the bars read like the rows of a transition
/// table and stay distinguishable in a grey print; a bar in the slot of its
/// own cluster's band means "stayed". Bands met in `groups` but missing from
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

    let mut legend = String::new();
    let legend_items: Vec<(Swatch, &str)> = table
        .bands
        .iter()
        .enumerate()
        .map(|(i, band)| (Swatch::Bar(i), band.as_str()))
        .collect();
    let header = 46.0 + legend_flow(&mut legend, 16.0, 46.0, &labels.post, &legend_items);
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
        escape_xml(&fit(&labels.pre, WIDTH - 86.0, 12.0))
    );
    out
}

// ---------------------------------------------------------------------------
// Shared drawing vocabulary.

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
/// Dash patterns paired with [`GROUP_COLOURS`] for grey prints ("" = solid).
const GROUP_DASHES: [&str; 4] = ["", "7 4", "2 3", "9 3 2 3"];
/// Okabe–Ito colours for bands, lowest band first: the first five run from
/// light to dark (CIE L* about 89, 71, 58, 46 and 0), so ordered bands stay
/// ordered in a grey print; the rest only add hues.
const BAND_COLOURS: [&str; 8] = [
    "#F0E442", "#E69F00", "#009E73", "#0072B2", "#000000", "#56B4E9", "#D55E00", "#CC79A7",
];
/// Pre boxes are hollow, post boxes filled: `(fill, stroke, median stroke)`.
const BOX_STYLES: [(&str, &str, &str); 2] = [
    ("#FFFFFF", "#0072B2", "#0072B2"),
    ("#E69F00", "#333333", "#000000"),
];

/// A pixel coordinate, written with at most one decimal.
struct Px(f64);

impl fmt::Display for Px {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&trim_number(self.0, 1))
    }
}

/// A data value, written with at most two decimals.
struct Val(f64);

impl fmt::Display for Val {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&trim_number(self.0, 2))
    }
}

/// `x` rounded to `decimals`, without trailing zeros or a negative zero.
fn trim_number(x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return "0".to_owned();
    }
    let mut s = format!("{x:.decimals$}");
    if s.contains('.') {
        s.truncate(s.trim_end_matches('0').trim_end_matches('.').len());
    }
    if s == "-0" { "0".to_owned() } else { s }
}

/// Escapes `& < > " '` and drops characters XML 1.0 does not allow.
pub(crate) fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Collapses runs of whitespace (including newlines) into single spaces.
fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Joins the non-empty parts of a description into sentences.
fn join_desc(parts: &[String]) -> String {
    parts
        .iter()
        .filter(|p| !p.is_empty())
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(". ")
}

/// East Asian wide characters (CJK, kana, hangul, full-width forms), about 1 em wide.
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// Estimated advance of `c` in em for a sans-serif UI font; errs on the wide side.
fn char_width(c: char) -> f64 {
    if is_wide(c) {
        1.0
    } else if matches!(
        c,
        ' ' | '.' | ',' | ':' | ';' | '!' | '|' | '\'' | 'i' | 'l' | 'j'
    ) {
        0.3
    } else if matches!(c, 'm' | 'w' | 'M' | 'W' | '…' | '—') {
        0.85
    } else if c.is_uppercase() {
        0.68
    } else {
        0.56
    }
}

/// Estimated width of `s` at font size `size`.
fn text_width(s: &str, size: f64) -> f64 {
    s.chars().map(char_width).sum::<f64>() * size
}

/// `s` on one line, cut with `…` if wider than `max_width`.
fn fit(s: &str, max_width: f64, size: f64) -> String {
    let s = clean(s);
    if text_width(&s, size) <= max_width {
        return s;
    }
    let budget = max_width - char_width('…') * size;
    let mut used = 0.0;
    let mut out = String::new();
    for c in s.chars() {
        used += char_width(c) * size;
        if used > budget {
            break;
        }
        out.push(c);
    }
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// `s` wrapped into at most `max_lines` lines of `max_width`, breaking at
/// spaces or around wide (CJK) characters, else anywhere; the last line is
/// cut with `…` if text remains.
fn wrap(s: &str, max_width: f64, size: f64, max_lines: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    // Byte offsets in `current` where a new line may start.
    let mut breaks: Vec<usize> = Vec::new();
    for c in clean(s).chars() {
        if current.is_empty() && c == ' ' {
            continue;
        }
        let may_break = current.chars().next_back().is_some_and(|before| {
            (before == ' ' || is_wide(before) || is_wide(c)) && !opens(before) && !closes(c)
        });
        if may_break {
            breaks.push(current.len());
        }
        if !current.is_empty() && text_width(&current, size) + char_width(c) * size > max_width {
            let at = breaks.last().copied().unwrap_or(current.len());
            let rest = current.split_off(at);
            lines.push(current.trim_end().to_owned());
            current = rest;
            breaks = breaks.iter().filter(|&&b| b > at).map(|b| b - at).collect();
            if current.is_empty() && c == ' ' {
                continue;
            }
        }
        current.push(c);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    let max_lines = max_lines.max(1);
    if lines.len() > max_lines {
        let rest = lines.split_off(max_lines - 1).join(" ");
        lines.push(fit(&rest, max_width, size));
    }
    lines
}

/// Punctuation that must not start a line (a simplified CJK kinsoku rule).
fn closes(c: char) -> bool {
    matches!(
        c,
        '）' | '，' | '。' | '、' | '：' | '；' | '！' | '？' | '」' | '』' | '》' | '】'
    )
}

/// Punctuation that must not end a line.
fn opens(c: char) -> bool {
    matches!(c, '（' | '「' | '『' | '《' | '【')
}

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

/// One panel of a small-multiples figure: its horizontal extent within `plot`.
struct PanelFrame<'a> {
    x0: f64,
    x1: f64,
    plot: &'a Rect,
    scale: &'a Scale,
    style: usize,
}

/// A linear value axis with "nice" bounds and ticks.
///
/// The step is 1, 2 or 5 times a power of ten, the smallest giving at most
/// seven intervals (fewer on short axes), and the bounds are rounded outwards to multiples of it
/// (after Heckbert, "Nice numbers for graph labels", Graphics Gems, 1990).
struct Scale {
    /// Lowest tick, as a multiple of `step`.
    first: f64,
    /// Number of intervals between the lowest and highest tick.
    intervals: usize,
    step: f64,
    px_lo: f64,
    px_hi: f64,
}

impl Scale {
    /// Axis covering `y_range` (if valid) and all finite `values`; without a
    /// range the data range is padded by 5 % on each side.
    fn for_values(
        values: impl Iterator<Item = f64>,
        y_range: Option<(f64, f64)>,
        px_lo: f64,
        px_hi: f64,
    ) -> Scale {
        let data = values
            .filter(|v| v.is_finite())
            .fold(None, |acc: Option<(f64, f64)>, v| {
                Some(acc.map_or((v, v), |(lo, hi)| (lo.min(v), hi.max(v))))
            });
        let range = y_range
            .filter(|(a, b)| a.is_finite() && b.is_finite())
            .map(|(a, b)| (a.min(b), a.max(b)));
        let (lo, hi) = match (data, range) {
            (Some((lo, hi)), Some((a, b))) => (lo.min(a), hi.max(b)),
            (None, Some(r)) => r,
            (Some((lo, hi)), None) => {
                // Padding never takes non-negative data (scores) below zero.
                let pad = (hi - lo) * 0.05;
                let padded = lo - pad;
                (if lo >= 0.0 { padded.max(0.0) } else { padded }, hi + pad)
            }
            (None, None) => (0.0, 1.0),
        };
        Scale::new(lo, hi, px_lo, px_hi, false)
    }

    /// Axis for counts from 0 to `max`, with whole-number steps.
    fn counts(max: f64, px_lo: f64, px_hi: f64) -> Scale {
        Scale::new(0.0, max.max(1.0), px_lo, px_hi, true)
    }

    fn new(mut lo: f64, mut hi: f64, px_lo: f64, px_hi: f64, integer: bool) -> Scale {
        if !(hi - lo).is_finite() {
            // Only reachable with values near ±f64::MAX; any axis will do.
            (lo, hi) = (0.0, 1.0);
        }
        if hi <= lo {
            let pad = if lo == 0.0 { 1.0 } else { lo.abs() * 0.1 };
            (lo, hi) = (lo - pad, hi + pad);
        }
        // The smallest 1-2-5 step that covers the range in at most 7
        // intervals, and fewer on short axes so tick labels stay 28 units apart.
        let max_intervals = ((px_lo - px_hi).abs() / 28.0).floor().clamp(2.0, 7.0);
        let magnitude = 10f64.powf(((hi - lo) / 10.0).log10().floor());
        let (step, first, last) = [1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0]
            .into_iter()
            .map(|m| {
                let step = if integer {
                    (m * magnitude).max(1.0)
                } else {
                    m * magnitude
                };
                (step, (lo / step + 1e-9).floor(), (hi / step - 1e-9).ceil())
            })
            .find(|(_, first, last)| last - first <= max_intervals)
            .unwrap_or_else(|| {
                let first = (lo / (hi - lo)).floor();
                (hi - lo, first, first + 2.0)
            });
        let intervals = (last - first).clamp(1.0, 100.0) as usize;
        Scale {
            first,
            intervals,
            step,
            px_lo,
            px_hi,
        }
    }

    fn lo(&self) -> f64 {
        self.first * self.step
    }

    fn hi(&self) -> f64 {
        (self.first + self.intervals as f64) * self.step
    }

    /// Pixel position of value `v`.
    fn px(&self, v: f64) -> f64 {
        self.px_lo + (v - self.lo()) / (self.hi() - self.lo()) * (self.px_hi - self.px_lo)
    }

    fn ticks(&self) -> impl Iterator<Item = f64> + '_ {
        (0..=self.intervals).map(|i| (self.first + i as f64) * self.step)
    }

    /// Decimals needed to tell the ticks apart.
    fn decimals(&self) -> usize {
        if self.step >= 1.0 {
            0
        } else {
            (-self.step.log10()).ceil().clamp(0.0, 6.0) as usize
        }
    }
}

/// Horizontal gridlines at the ticks of `scale` from `x0` to `x1`.
fn gridlines(out: &mut String, scale: &Scale, x0: f64, x1: f64) {
    let _ = write!(
        out,
        r#"<g class="ps-grid" stroke="{GRID}" stroke-width="1">"#
    );
    for t in scale.ticks() {
        let y = Px(scale.px(t));
        let _ = write!(
            out,
            r#"<line x1="{}" y1="{y}" x2="{}" y2="{y}"/>"#,
            Px(x0),
            Px(x1)
        );
    }
    out.push_str("</g>");
}

/// The horizontal axis line from `x0` to `x1` at height `y`.
fn x_axis(out: &mut String, x0: f64, x1: f64, y: f64) {
    let _ = write!(
        out,
        r#"<line class="ps-axis" x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="{AXIS}"/>"#,
        Px(x0),
        Px(x1),
        y = Px(y)
    );
}

/// Tick labels left of `plot` and the rotated axis title.
fn y_axis(out: &mut String, scale: &Scale, plot: &Rect, title: &str) {
    let decimals = scale.decimals();
    let _ = write!(
        out,
        r#"<g class="ps-y-ticks" font-size="11" fill="{MUTED}" text-anchor="end">"#
    );
    for t in scale.ticks() {
        let label = format!("{t:.decimals$}");
        let label = if label.trim_start_matches(['-', '0', '.']).is_empty() {
            label.trim_start_matches('-').to_owned()
        } else {
            label
        };
        let _ = write!(
            out,
            r#"<text x="{}" y="{}">{label}</text>"#,
            Px(plot.left - 6.0),
            Px(scale.px(t) + 4.0)
        );
    }
    let cy = Px((plot.top + plot.bottom) / 2.0);
    let _ = write!(
        out,
        r#"</g><text class="ps-axis-title" x="18" y="{cy}" transform="rotate(-90 18 {cy})" text-anchor="middle">{}</text>"#,
        escape_xml(&fit(title, plot.bottom - plot.top + 40.0, 12.0))
    );
}

/// Where and how to draw a block of centred lines of text.
struct TextBlock<'a> {
    x: f64,
    y: f64,
    size: f64,
    class: &'a str,
    bold: bool,
}

/// Draws `lines` centred at `block.x`, the first baseline at `block.y`.
fn text_lines(out: &mut String, block: &TextBlock, lines: &[String]) {
    if lines.is_empty() {
        return;
    }
    let weight = if block.bold {
        r#" font-weight="600""#
    } else {
        ""
    };
    let _ = write!(
        out,
        r#"<text class="{}" x="{}" y="{}" text-anchor="middle" font-size="{}"{weight}>"#,
        block.class,
        Px(block.x),
        Px(block.y),
        Px(block.size)
    );
    for (i, line) in lines.iter().enumerate() {
        if i == 0 {
            let _ = write!(out, "<tspan>{}</tspan>", escape_xml(line));
        } else {
            let _ = write!(
                out,
                r#"<tspan x="{}" dy="{}">{}</tspan>"#,
                Px(block.x),
                Px(block.size * 1.2),
                escape_xml(line)
            );
        }
    }
    out.push_str("</text>");
}

/// Marker shape by style index: circle, square, triangle, diamond.
fn marker(out: &mut String, style: usize, x: f64, y: f64, fill: &str) {
    let r = 4.5;
    let common = format!(r#"class="ps-marker" fill="{fill}" stroke="{WHITE}" stroke-width="1.5""#);
    let _ = match style % 4 {
        0 => write!(
            out,
            r#"<circle {common} cx="{}" cy="{}" r="{}"/>"#,
            Px(x),
            Px(y),
            Px(r)
        ),
        1 => write!(
            out,
            r#"<rect {common} x="{}" y="{}" width="{s}" height="{s}"/>"#,
            Px(x - r),
            Px(y - r),
            s = Px(2.0 * r)
        ),
        2 => write!(
            out,
            r#"<path {common} d="M{} {}L{} {}L{} {}Z"/>"#,
            Px(x),
            Px(y - r * 1.2),
            Px(x + r * 1.1),
            Px(y + r * 0.8),
            Px(x - r * 1.1),
            Px(y + r * 0.8)
        ),
        _ => write!(out, r#"<path {common} d="{}"/>"#, diamond(x, y, r * 1.25)),
    };
}

/// Path data of a diamond centred at (`x`, `y`) with half-diagonal `r`.
fn diamond(x: f64, y: f64, r: f64) -> String {
    format!(
        "M{} {}L{} {}L{} {}L{} {}Z",
        Px(x),
        Px(y - r),
        Px(x + r),
        Px(y),
        Px(x),
        Px(y + r),
        Px(x - r),
        Px(y)
    )
}

/// A legend key.
enum Swatch {
    /// A thick line with a marker, in the given group style.
    Line { colour: &'static str, style: usize },
    /// A box in the style of occasion 0 (pre) or 1 (post).
    Box(usize),
    /// The mean diamond of the box plot.
    Diamond,
    /// A bar in the colour of band `i`.
    Bar(usize),
}

impl Swatch {
    fn width(&self) -> f64 {
        match self {
            Swatch::Line { .. } => 28.0,
            Swatch::Box(_) | Swatch::Bar(_) => 14.0,
            Swatch::Diamond => 12.0,
        }
    }

    /// Draws the key with its left edge at `x`, vertically centred on `y`.
    fn draw(&self, out: &mut String, x: f64, y: f64) {
        match *self {
            Swatch::Line { colour, style } => {
                let _ = write!(
                    out,
                    r#"<line x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="{colour}" stroke-width="3"{}/>"#,
                    Px(x),
                    Px(x + 28.0),
                    dash_attr(style),
                    y = Px(y)
                );
                marker(out, style, x + 14.0, y, colour);
            }
            Swatch::Box(t) => {
                let (fill, stroke, _) = BOX_STYLES[t];
                let _ = write!(
                    out,
                    r#"<rect x="{}" y="{}" width="14" height="12" fill="{fill}" stroke="{stroke}" stroke-width="1.5"/>"#,
                    Px(x),
                    Px(y - 6.0)
                );
            }
            Swatch::Diamond => {
                let _ = write!(
                    out,
                    r#"<path d="{}" fill="{WHITE}" stroke="{INK}" stroke-width="1.5"/>"#,
                    diamond(x + 6.0, y, 5.0)
                );
            }
            Swatch::Bar(i) => {
                let _ = write!(
                    out,
                    r#"<rect x="{}" y="{}" width="14" height="12" fill="{}" stroke="{INK}" stroke-width="0.5"/>"#,
                    Px(x),
                    Px(y - 6.0),
                    BAND_COLOURS[i % BAND_COLOURS.len()]
                );
            }
        }
    }
}

/// ` stroke-dasharray="…"` for group style `style`, or nothing when solid.
fn dash_attr(style: usize) -> String {
    match GROUP_DASHES[style % GROUP_DASHES.len()] {
        "" => String::new(),
        dash => format!(r#" stroke-dasharray="{dash}""#),
    }
}

/// One row of legend keys, right-aligned to the figure's right margin.
fn legend_right(out: &mut String, y: f64, items: &[(Swatch, &str)]) {
    let texts: Vec<String> = items.iter().map(|(_, t)| fit(t, 150.0, 12.0)).collect();
    let total: f64 = items
        .iter()
        .zip(&texts)
        .map(|((s, _), t)| s.width() + 5.0 + text_width(t, 12.0) + 16.0)
        .sum::<f64>()
        - 16.0;
    let mut x = (WIDTH - 16.0 - total).max(16.0);
    out.push_str(r#"<g class="ps-legend">"#);
    for ((swatch, _), text) in items.iter().zip(&texts) {
        swatch.draw(out, x, y - 4.0);
        x += swatch.width() + 5.0;
        let _ = write!(
            out,
            r#"<text x="{}" y="{}">{}</text>"#,
            Px(x),
            Px(y),
            escape_xml(text)
        );
        x += text_width(text, 12.0) + 16.0;
    }
    out.push_str("</g>");
}

/// Legend keys after a bold `title`, flowing left to right from (`x`, `y`)
/// and onto new lines as needed; returns the height used.
fn legend_flow(out: &mut String, x: f64, y: f64, title: &str, items: &[(Swatch, &str)]) -> f64 {
    const LINE: f64 = 18.0;
    let right = WIDTH - 16.0;
    out.push_str(r#"<g class="ps-legend">"#);
    let title = fit(title, 160.0, 12.0);
    let mut cx = x;
    if !title.is_empty() {
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" font-weight="600">{}</text>"#,
            Px(cx),
            Px(y),
            escape_xml(&title)
        );
        // Bold text runs about 10 % wider than the estimate for regular text.
        cx += text_width(&title, 12.0) * 1.1 + 10.0;
    }
    let mut cy = y;
    for (swatch, text) in items {
        let text = fit(text, 200.0, 12.0);
        let w = swatch.width() + 5.0 + text_width(&text, 12.0);
        if cx + w > right && cx > x {
            cx = x;
            cy += LINE;
        }
        swatch.draw(out, cx, cy - 4.0);
        let _ = write!(
            out,
            r#"<text x="{}" y="{}">{}</text>"#,
            Px(cx + swatch.width() + 5.0),
            Px(cy),
            escape_xml(&text)
        );
        cx += w + 14.0;
    }
    out.push_str("</g>");
    cy - y + LINE
}

// ---------------------------------------------------------------------------
// Pre/post lines.

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

// ---------------------------------------------------------------------------
// Box plot.

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

// ---------------------------------------------------------------------------
// Transition bars.

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
    use roxmltree::{Document, Node};

    fn labels() -> Labels {
        Labels {
            title: "Score".into(),
            y_axis: "Points".into(),
            pre: "Pre".into(),
            post: "Post".into(),
            mean: "Mean".into(),
        }
    }

    fn person(id: &str, pre: f64, post: f64) -> PersonLine {
        PersonLine {
            id: id.into(),
            pre,
            post,
        }
    }

    fn line_group(label: &str, people: Vec<PersonLine>) -> LineGroup {
        LineGroup {
            label: label.into(),
            people,
        }
    }

    /// Parses `svg` and checks what every figure must have.
    fn parse(svg: &str) -> Document<'_> {
        let doc = Document::parse(svg).unwrap_or_else(|e| panic!("invalid XML: {e}\n{svg}"));
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert_eq!(
            root.tag_name().namespace(),
            Some("http://www.w3.org/2000/svg")
        );
        assert_eq!(root.attribute("role"), Some("img"));
        let view_box: Vec<f64> = root
            .attribute("viewBox")
            .expect("viewBox")
            .split(' ')
            .map(|v| v.parse().expect("numeric viewBox"))
            .collect();
        assert_eq!(view_box[..3], [0.0, 0.0, 640.0]);
        assert!(view_box[3] >= 360.0, "height {}", view_box[3]);
        let first: Vec<&str> = root
            .children()
            .filter(Node::is_element)
            .take(2)
            .map(|n| n.tag_name().name())
            .collect();
        assert_eq!(first, ["title", "desc"]);
        assert!(
            root.attribute("font-family")
                .unwrap()
                .contains("Noto Sans CJK SC")
        );
        for word in ["NaN", "inf"] {
            assert!(!svg.contains(word), "{word} in output");
        }
        doc
    }

    fn has_class(node: &Node, class: &str) -> bool {
        node.attribute("class")
            .is_some_and(|c| c.split_whitespace().any(|c| c == class))
    }

    fn by_class<'a, 'i>(doc: &'a Document<'i>, class: &str) -> Vec<Node<'a, 'i>> {
        doc.descendants().filter(|n| has_class(n, class)).collect()
    }

    fn child_text(doc: &Document, tag: &str) -> String {
        doc.root_element()
            .children()
            .find(|n| n.has_tag_name(tag))
            .and_then(|n| n.text())
            .unwrap_or_default()
            .to_owned()
    }

    fn text_of(node: &Node) -> String {
        node.descendants()
            .filter(Node::is_text)
            .filter_map(|n| n.text())
            .collect()
    }

    fn num(node: &Node, attribute: &str) -> f64 {
        node.attribute(attribute)
            .unwrap_or_else(|| panic!("no {attribute}"))
            .parse()
            .unwrap()
    }

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

    fn tick_labels(doc: &Document) -> Vec<String> {
        by_class(doc, "ps-y-ticks")
            .iter()
            .flat_map(|g| g.children().map(|t| text_of(&t)))
            .collect()
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
    fn scale_handles_small_and_degenerate_ranges() {
        let s = Scale::new(0.31, 0.74, 300.0, 0.0, false);
        let ticks: Vec<f64> = s.ticks().collect();
        assert_eq!(s.step, 0.1);
        assert!((ticks[0] - 0.3).abs() < 1e-12 && (ticks[ticks.len() - 1] - 0.8).abs() < 1e-12);
        assert_eq!(s.decimals(), 1);
        let flat = Scale::new(5.0, 5.0, 300.0, 0.0, false);
        assert!(flat.lo() < 5.0 && flat.hi() > 5.0);
        assert!((flat.px(5.0) - 150.0).abs() < 1e-9);
        let counts = Scale::counts(0.0, 300.0, 0.0);
        assert_eq!((counts.lo(), counts.hi(), counts.step), (0.0, 1.0, 1.0));
    }

    fn box_group(label: &str, pre: Option<BoxData>, post: Option<BoxData>) -> BoxGroup {
        BoxGroup {
            label: label.into(),
            pre,
            post,
        }
    }

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

    fn transition(from: &str, to: &str, count: usize) -> TransitionCount {
        TransitionCount {
            from: from.into(),
            to: to.into(),
            count,
        }
    }

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

    fn nasty_labels() -> Labels {
        Labels {
            title: "A & B <C> \"q\" 'x'".into(),
            y_axis: "y & <z>".into(),
            pre: "<pre>".into(),
            post: "post & co".into(),
            mean: "\"mean\"".into(),
        }
    }

    #[test]
    fn labels_are_escaped_everywhere() {
        let lines = pre_post_lines(
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
        for svg in [&lines, &boxes, &bars] {
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
    fn wrap_breaks_at_spaces_and_cjk_and_cuts_the_rest() {
        assert_eq!(
            wrap("Moderately severe", 80.0, 11.0, 2),
            ["Moderately", "severe"]
        );
        let zh = wrap("中度到重度抑郁症状", 50.0, 10.0, 2);
        assert_eq!(zh, ["中度到重度", "抑郁症状"]);
        // Closing punctuation stays with the character before it.
        assert_eq!(wrap("重度（关注）", 50.0, 10.0, 2), ["重度（关", "注）"]);
        let cut = wrap("one two three four five six", 40.0, 12.0, 2);
        assert_eq!(cut.len(), 2);
        assert!(cut[1].ends_with('…'));
        assert!(wrap("", 40.0, 12.0, 2).is_empty());
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(trim_number(2.0, 2), "2");
        assert_eq!(trim_number(2.3456, 2), "2.35");
        assert_eq!(trim_number(-0.001, 2), "0");
        assert_eq!(trim_number(120.0, 1), "120");
        assert_eq!(trim_number(f64::NAN, 2), "0");
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
            pre_post_lines(&l, &[], None, 200),
            pre_post_lines(&l, &[line_group("", vec![])], Some((f64::NAN, 1.0)), 0),
            pre_post_lines(
                &l,
                &[line_group("one", vec![person("p", 5.0, 5.0)])],
                None,
                1,
            ),
            pre_post_lines(
                &l,
                &[line_group("zero", vec![person("p", 0.0, 0.0)])],
                Some((3.0, 3.0)),
                1,
            ),
            pre_post_lines(
                &odd,
                &[line_group("big", vec![person("p", -1e300, 1e300)])],
                Some((10.0, 0.0)),
                5,
            ),
            pre_post_lines(
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
}
