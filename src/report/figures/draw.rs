//! The drawing vocabulary shared by the figures: gridlines, axes, text blocks,
//! markers, legend keys and legends.

use std::fmt::Write as _;

use super::scale::Scale;
use super::text::{Px, escape_xml, fit, text_width};
use super::{
    AXIS, BAND_COLOURS, BOX_STYLES, GRID, GROUP_COLOURS, GROUP_DASHES, INK, MORE_GROUP_COLOURS,
    MUTED, Rect, WHITE, WIDTH,
};

/// Horizontal gridlines at the ticks of `scale` from `x0` to `x1`.
pub(super) fn gridlines(out: &mut String, scale: &Scale, x0: f64, x1: f64) {
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
pub(super) fn x_axis(out: &mut String, x0: f64, x1: f64, y: f64) {
    let _ = write!(
        out,
        r#"<line class="ps-axis" x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="{AXIS}"/>"#,
        Px(x0),
        Px(x1),
        y = Px(y)
    );
}

/// A vertical guide at `x` from `top` to `bottom`, in the colour of the gridlines.
pub(super) fn guide(out: &mut String, x: f64, top: f64, bottom: f64) {
    let _ = write!(
        out,
        r#"<line class="ps-guide" x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="{GRID}"/>"#,
        Px(top),
        Px(bottom),
        x = Px(x),
    );
}

/// Tick labels left of `plot` and the rotated axis title.
pub(super) fn y_axis(out: &mut String, scale: &Scale, plot: &Rect, title: &str) {
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
pub(super) struct TextBlock<'a> {
    pub(super) x: f64,
    pub(super) y: f64,
    pub(super) size: f64,
    pub(super) class: &'a str,
    pub(super) bold: bool,
}

/// Draws `lines` centred at `block.x`, the first baseline at `block.y`.
pub(super) fn text_lines(out: &mut String, block: &TextBlock, lines: &[String]) {
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
pub(super) fn marker(out: &mut String, style: usize, x: f64, y: f64, fill: &str) {
    marker_with(out, style, x, y, fill, WHITE);
}

/// A marker of shape `style` (as in [`marker`]) filled with `fill` and outlined in `stroke`.
fn marker_with(out: &mut String, style: usize, x: f64, y: f64, fill: &str, stroke: &str) {
    let r = 4.5;
    let common = format!(r#"class="ps-marker" fill="{fill}" stroke="{stroke}" stroke-width="1.5""#);
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
pub(super) fn diamond(x: f64, y: f64, r: f64) -> String {
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

/// Distance between the baselines of two rows of legend keys.
const LEGEND_LINE: f64 = 18.0;

/// A `<line>` through two points or a `<polyline>` (unfilled, with round
/// joins) through more, of class `class` with the extra attributes `attrs`
/// (each preceded by a space) and an optional tooltip; nothing for fewer than
/// two points.
pub(super) fn polyline(
    out: &mut String,
    class: &str,
    points: &[(f64, f64)],
    attrs: &str,
    title: Option<&str>,
) {
    let tag = match points {
        [] | [_] => return,
        [(x1, y1), (x2, y2)] => {
            let _ = write!(
                out,
                r#"<line class="{class}" x1="{}" y1="{}" x2="{}" y2="{}"{attrs}"#,
                Px(*x1),
                Px(*y1),
                Px(*x2),
                Px(*y2)
            );
            "line"
        }
        _ => {
            let _ = write!(out, r#"<polyline class="{class}" points=""#);
            for (i, (x, y)) in points.iter().enumerate() {
                let sep = if i == 0 { "" } else { " " };
                let _ = write!(out, "{sep}{},{}", Px(*x), Px(*y));
            }
            let _ = write!(out, r#"" fill="none" stroke-linejoin="round"{attrs}"#);
            "polyline"
        }
    };
    match title {
        Some(title) => {
            let _ = write!(out, "><title>{}</title></{tag}>", escape_xml(title));
        }
        None => out.push_str("/>"),
    }
}

/// How one series (a group) is drawn: colour, dash pattern and marker shape
/// (both by `style`, see [`dash_attr`] and [`marker`]), the marker filled or hollow.
#[derive(Debug, Clone, Copy)]
pub(super) struct Series {
    pub(super) colour: &'static str,
    pub(super) style: usize,
    pub(super) hollow: bool,
}

impl Series {
    /// Group `i`'s style where groups share one plot: the four group styles,
    /// then their dashes and markers again, hollow, in four more colours of
    /// the same colour-blind-safe set; from the ninth group on they repeat.
    pub(super) fn of(i: usize) -> Series {
        let i = i % (2 * GROUP_COLOURS.len());
        let (colour, hollow) = match GROUP_COLOURS.get(i) {
            Some(colour) => (*colour, false),
            None => (MORE_GROUP_COLOURS[i % MORE_GROUP_COLOURS.len()], true),
        };
        Series {
            colour,
            style: i % GROUP_COLOURS.len(),
            hollow,
        }
    }

    /// The series' marker centred at (`x`, `y`).
    pub(super) fn marker(&self, out: &mut String, x: f64, y: f64) {
        if self.hollow {
            marker_with(out, self.style, x, y, WHITE, self.colour);
        } else {
            marker(out, self.style, x, y, self.colour);
        }
    }
}

/// A legend key.
pub(super) enum Swatch {
    /// A thick line with a marker, in the given series style.
    Line(Series),
    /// An error bar with its caps.
    ErrorBar,
    /// A box in the style of wave `i`.
    Box(usize),
    /// The mean diamond of the box plot.
    Diamond,
    /// A bar in the colour of band `i`.
    Bar(usize),
}

impl Swatch {
    fn width(&self) -> f64 {
        match self {
            Swatch::Line(_) => 28.0,
            Swatch::Box(_) | Swatch::Bar(_) => 14.0,
            Swatch::Diamond | Swatch::ErrorBar => 12.0,
        }
    }

    /// Draws the key with its left edge at `x`, vertically centred on `y`.
    fn draw(&self, out: &mut String, x: f64, y: f64) {
        match *self {
            Swatch::Line(series) => {
                let _ = write!(
                    out,
                    r#"<line x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="{}" stroke-width="3"{}/>"#,
                    Px(x),
                    Px(x + 28.0),
                    series.colour,
                    dash_attr(series.style),
                    y = Px(y)
                );
                series.marker(out, x + 14.0, y);
            }
            Swatch::ErrorBar => {
                let (top, bottom, mid) = (Px(y - 6.0), Px(y + 6.0), Px(x + 6.0));
                let _ = write!(
                    out,
                    r#"<path d="M{mid} {top}V{bottom}M{} {top}H{}M{} {bottom}H{}" fill="none" stroke="{INK}" stroke-width="1.5"/>"#,
                    Px(x + 2.0),
                    Px(x + 10.0),
                    Px(x + 2.0),
                    Px(x + 10.0),
                );
            }
            Swatch::Box(t) => {
                let (fill, stroke, _) = BOX_STYLES[t % BOX_STYLES.len()];
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
pub(super) fn dash_attr(style: usize) -> String {
    match GROUP_DASHES[style % GROUP_DASHES.len()] {
        "" => String::new(),
        dash => format!(r#" stroke-dasharray="{dash}""#),
    }
}

/// The texts of legend keys cut to 150 units.
fn legend_texts(items: &[(Swatch, &str)]) -> Vec<String> {
    items.iter().map(|(_, t)| fit(t, 150.0, 12.0)).collect()
}

/// Width of one row of legend keys with the texts `texts`.
fn row_width(items: &[(Swatch, &str)], texts: &[String]) -> f64 {
    items
        .iter()
        .zip(texts)
        .map(|((s, _), t)| s.width() + 5.0 + text_width(t, 12.0) + 16.0)
        .sum::<f64>()
        - 16.0
}

/// One row of legend keys, right-aligned to the figure's right margin; each
/// text is cut to 150 units, or all to an equal shorter width when the row
/// would not fit otherwise.
pub(super) fn legend_right(out: &mut String, y: f64, items: &[(Swatch, &str)]) {
    let row = |texts: &[String]| row_width(items, texts);
    let mut texts = legend_texts(items);
    if row(&texts) > WIDTH - 32.0 {
        let keys: f64 = items.iter().map(|(s, _)| s.width() + 5.0 + 16.0).sum();
        let budget = ((WIDTH - 16.0 - keys) / items.len() as f64).max(24.0);
        texts = items.iter().map(|(_, t)| fit(t, budget, 12.0)).collect();
    }
    let total = row(&texts);
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

/// Legend keys in one row right-aligned at baseline `y` when they fit with
/// their texts cut to no less than 150 units, else flowing in rows from the
/// left; returns the height taken, one row or more.
pub(super) fn legend(out: &mut String, y: f64, items: &[(Swatch, &str)]) -> f64 {
    if row_width(items, &legend_texts(items)) <= WIDTH - 32.0 {
        legend_right(out, y, items);
        LEGEND_LINE
    } else {
        legend_flow(out, 16.0, y, "", items)
    }
}

/// Legend keys after a bold `title`, flowing left to right from (`x`, `y`)
/// and onto new lines as needed; returns the height used.
pub(super) fn legend_flow(
    out: &mut String,
    x: f64,
    y: f64,
    title: &str,
    items: &[(Swatch, &str)],
) -> f64 {
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
            cy += LEGEND_LINE;
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
    cy - y + LEGEND_LINE
}
