//! The report's SVG figures drawn as PNG at 300 dpi (for Word, which shows inline SVG badly),
//! with the system's fonts; Chinese text needs a font with Chinese characters, found at run time.

use std::io;

use resvg::tiny_skia::{Color, Pixmap, Transform};
use resvg::usvg::{self, fontdb};
use skrifa::{FontRef, MetadataProvider};

/// Dots per inch of the PNG files.
pub const DPI: f64 = 300.0;
/// The widest a figure is printed: an A4 page less two 2.5 cm margins, in centimetres.
pub const MAX_WIDTH_CM: f64 = 16.0;
/// The SVG's user unit: a CSS pixel, 1/96 inch.
const SVG_DPI: f64 = 96.0;
/// Characters a font must have to be taken for Chinese text.
const CJK_PROBE: [char; 4] = ['的', '组', '前', '后'];
/// Sans-serif families tried for Latin text, in order, when the SVG's own list has none.
const SANS_SERIF: [&str; 5] = [
    "DejaVu Sans",
    "Liberation Sans",
    "Noto Sans",
    "Arial",
    "Helvetica",
];

/// A figure as a PNG file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Png {
    /// The PNG file's bytes.
    pub bytes: Vec<u8>,
    /// Width in pixels.
    pub width_px: u32,
    /// Height in pixels.
    pub height_px: u32,
}

impl Png {
    /// The printed size in centimetres at [`DPI`]: `(width, height)`.
    pub fn size_cm(&self) -> (f64, f64) {
        let cm = |px: u32| f64::from(px) / DPI * 2.54;
        (cm(self.width_px), cm(self.height_px))
    }
}

/// A figure that cannot be drawn as PNG.
#[derive(Debug, thiserror::Error)]
pub enum PngError {
    /// The SVG cannot be read.
    #[error("cannot draw {file} as PNG: {message}")]
    Svg {
        /// The figure's file name.
        file: String,
        /// What is wrong.
        message: String,
    },
    /// The PNG cannot be encoded.
    #[error("cannot write {file} as PNG: {source}")]
    Encode {
        /// The figure's file name.
        file: String,
        /// The encoder's error.
        source: io::Error,
    },
}

/// Draws SVG figures as PNG with the system's fonts.
pub struct Rasterizer {
    options: usvg::Options<'static>,
    any: bool,
    chinese: bool,
}

/// Said when a figure has text and no system font can show it.
pub const NO_FONT: &str = "no fonts are installed, so the PNG figures (figures/*.png and \
report.docx) have no text; install some (Debian, Ubuntu: apt-get install fonts-dejavu-core \
fonts-noto-cjk) and run again. The SVG figures and report.html are not affected.";

/// Said when a figure has Chinese text and no system font has Chinese characters.
pub const NO_CHINESE_FONT: &str = "no font with Chinese characters is installed, so the \
Chinese text is missing from the PNG figures (figures/*.png and report.docx); install one \
(Debian, Ubuntu: apt-get install fonts-noto-cjk) and run again. The SVG figures and \
report.html are not affected.";

impl Rasterizer {
    /// Loads the system's fonts and looks for one with Chinese characters.
    pub fn new() -> Rasterizer {
        let mut options = usvg::Options::default();
        let db = options.fontdb_mut();
        db.load_system_fonts();
        let any = !db.is_empty();
        let chinese = db.faces().any(|face| has_chinese(db, face.id));
        let has = |family: &str| {
            db.faces()
                .any(|face| face.families.iter().any(|(name, _)| name == family))
        };
        let sans = SANS_SERIF
            .iter()
            .find(|family| has(family))
            .map(|family| (*family).to_owned())
            .or_else(|| {
                db.faces()
                    .next()
                    .and_then(|face| face.families.first().map(|(name, _)| name.clone()))
            });
        if let Some(sans) = sans {
            db.set_sans_serif_family(sans.clone());
            options.font_family = sans;
        }
        Rasterizer {
            options,
            any,
            chinese,
        }
    }

    /// Whether some system font has Chinese characters.
    pub fn has_chinese_font(&self) -> bool {
        self.chinese
    }

    /// What is wrong with the fonts for `svg`'s text, if anything: [`NO_FONT`] or
    /// [`NO_CHINESE_FONT`].
    pub fn font_warning(&self, svg: &str) -> Option<&'static str> {
        if !self.any && svg.contains("</text>") {
            Some(NO_FONT)
        } else if !self.chinese && svg.chars().any(is_cjk) {
            Some(NO_CHINESE_FONT)
        } else {
            None
        }
    }

    /// Draws `svg` (written to `file`) as a PNG at [`DPI`], no wider than [`MAX_WIDTH_CM`], on
    /// white.
    pub fn render(&self, file: &str, svg: &str) -> Result<Png, PngError> {
        let svg_error = |message: String| PngError::Svg {
            file: file.to_owned(),
            message,
        };
        let tree = usvg::Tree::from_str(svg, &self.options)
            .map_err(|error| svg_error(error.to_string()))?;
        let size = tree.size();
        let width_in = (f64::from(size.width()) / SVG_DPI).min(MAX_WIDTH_CM / 2.54);
        let scale = width_in * DPI / f64::from(size.width());
        // Figures are at most a few thousand pixels a side: the casts cannot overflow.
        let pixels = |user: f32| (f64::from(user) * scale).round().clamp(1.0, 10_000.0) as u32;
        let (width_px, height_px) = (pixels(size.width()), pixels(size.height()));
        let mut pixmap = Pixmap::new(width_px, height_px)
            .ok_or_else(|| svg_error(format!("{width_px} × {height_px} pixels is too large")))?;
        pixmap.fill(Color::WHITE);
        #[allow(clippy::cast_possible_truncation)]
        let transform = Transform::from_scale(scale as f32, scale as f32);
        resvg::render(&tree, transform, &mut pixmap.as_mut());
        let bytes = encode(&pixmap).map_err(|source| PngError::Encode {
            file: file.to_owned(),
            source,
        })?;
        Ok(Png {
            bytes,
            width_px,
            height_px,
        })
    }
}

impl Default for Rasterizer {
    fn default() -> Self {
        Rasterizer::new()
    }
}

/// The pixmap as a PNG that says it is at [`DPI`]. Its pixels are premultiplied RGBA, which
/// is plain RGBA here: the background is opaque white.
fn encode(pixmap: &Pixmap) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    // 300 dpi is 11811 pixels a metre.
    let per_metre = (DPI / 0.0254).round() as u32;
    encoder.set_pixel_dims(Some(png::PixelDimensions {
        xppu: per_metre,
        yppu: per_metre,
        unit: png::Unit::Meter,
    }));
    let mut writer = encoder.write_header().map_err(io::Error::other)?;
    writer
        .write_image_data(pixmap.data())
        .map_err(io::Error::other)?;
    writer.finish().map_err(io::Error::other)?;
    Ok(bytes)
}

/// Whether the face `id` has the common Chinese characters of [`CJK_PROBE`].
fn has_chinese(db: &fontdb::Database, id: fontdb::ID) -> bool {
    db.with_face_data(id, |data, index| {
        FontRef::from_index(data, index).is_ok_and(|font| {
            let charmap = font.charmap();
            CJK_PROBE.iter().all(|&c| charmap.map(c).is_some())
        })
    })
    .unwrap_or(false)
}

/// Whether `c` is a CJK ideograph or CJK punctuation (what a Latin font lacks).
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_figure_is_drawn_at_300_dpi_no_wider_than_the_page() {
        let rasterizer = Rasterizer::new();
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 320" width="640" height="320"><rect x="10" y="10" width="100" height="100" fill="#0072B2"/><text x="200" y="100" font-size="20">Total</text></svg>"##;
        let png = rasterizer.render("figures/x.svg", svg).unwrap();
        // 16 cm at 300 dpi; the height keeps the aspect ratio.
        assert_eq!((png.width_px, png.height_px), (1890, 945));
        let (w, _) = png.size_cm();
        assert!((w - 16.0).abs() < 0.01, "{w}");
        assert_eq!(&png.bytes[..8], b"\x89PNG\r\n\x1a\n");
        // The pHYs chunk: 11811 pixels a metre both ways, in metres.
        let phys = png.bytes.windows(4).position(|w| w == b"pHYs").unwrap();
        assert_eq!(
            &png.bytes[phys + 4..phys + 13],
            &[0, 0, 0x2e, 0x23, 0, 0, 0x2e, 0x23, 1]
        );
        // A small figure keeps its size: 96 user units are one inch.
        let small = rasterizer
            .render(
                "s",
                r#"<svg xmlns="http://www.w3.org/2000/svg" width="96" height="48"/>"#,
            )
            .unwrap();
        assert_eq!((small.width_px, small.height_px), (300, 150));
    }

    #[test]
    fn bad_svg_is_an_error_naming_the_file() {
        let error = Rasterizer::new()
            .render("figures/x.svg", "<svg")
            .unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("cannot draw figures/x.svg as PNG: "),
            "{error}"
        );
    }

    #[test]
    fn chinese_text_needs_a_chinese_font() {
        let rasterizer = Rasterizer::new();
        assert_eq!(rasterizer.font_warning("<text>Total</text>"), None);
        assert_eq!(
            rasterizer.font_warning("<text>总分</text>").is_some(),
            !rasterizer.has_chinese_font()
        );
        assert!(is_cjk('总') && is_cjk('（') && !is_cjk('é'));
        // Latin fonts only, and none at all.
        let latin = Rasterizer {
            options: usvg::Options::default(),
            any: true,
            chinese: false,
        };
        assert_eq!(
            latin.font_warning("<text>总分</text>"),
            Some(NO_CHINESE_FONT)
        );
        assert_eq!(latin.font_warning("<text>Total</text>"), None);
        let none = Rasterizer {
            any: false,
            ..latin
        };
        assert_eq!(none.font_warning("<text>Total</text>"), Some(NO_FONT));
        assert_eq!(none.font_warning("<svg/>"), None);
    }
}
