//! The drawing vocabulary shared by the figures: gridlines, axes, text blocks,
//! markers, legend keys and legends.

use std::fmt::Write as _;

use super::scale::Scale;
use super::text::{Px, escape_xml, fit, text_width};
use super::{AXIS, BAND_COLOURS, BOX_STYLES, GRID, GROUP_DASHES, INK, MUTED, Rect, WHITE, WIDTH};

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

/// A legend key.
pub(super) enum Swatch {
    /// A thick line with a marker, in the given group style.
    Line { colour: &'static str, style: usize },
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

/// One row of legend keys, right-aligned to the figure's right margin; each
/// text is cut to 150 units, or shorter when the row would not fit otherwise.
pub(super) fn legend_right(out: &mut String, y: f64, items: &[(Swatch, &str)]) {
    let keys: f64 = items.iter().map(|(s, _)| s.width() + 5.0 + 16.0).sum();
    let budget = ((WIDTH - 32.0 + 16.0 - keys) / items.len().max(1) as f64).clamp(24.0, 150.0);
    let texts: Vec<String> = items.iter().map(|(_, t)| fit(t, budget, 12.0)).collect();
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
pub(super) fn legend_flow(
    out: &mut String,
    x: f64,
    y: f64,
    title: &str,
    items: &[(Swatch, &str)],
) -> f64 {
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
