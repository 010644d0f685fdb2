//! `report.docx` as a reader gets it: the test unzips it and checks the WordprocessingML — A4
//! with 2.5 cm margins, three-line tables with their captions above and no vertical rules, one
//! picture per figure with its caption below, the fonts thesis rules ask for, italic symbols.

use std::collections::HashMap;
use std::fs;
use std::io::{Cursor, Read};
use std::path::Path;

use roxmltree::{Document, Node};

use crate::study::run_study;
use crate::util::psyscore;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";

/// Every part of the .docx package `bytes` (read from `path`) by name.
pub fn unzip(path: &Path, bytes: Vec<u8>) -> HashMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).unwrap();
            (file.name().unwrap().into_owned(), bytes)
        })
        .collect()
}

fn text(parts: &HashMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(parts[name].clone()).unwrap()
}

fn w<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|n| n.has_tag_name((W, name)))
}

fn val<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attribute((W, name))
}

/// The paragraph's text and its style.
fn paragraph(node: Node) -> (String, String) {
    let text = node
        .descendants()
        .filter(|n| n.has_tag_name((W, "t")))
        .filter_map(|n| n.text())
        .collect();
    let style = w(node, "pPr")
        .and_then(|p| w(p, "pStyle"))
        .and_then(|s| val(s, "val"))
        .unwrap_or("")
        .to_owned();
    (text, style)
}

/// Runs the example `study` in `lang`; returns its folder and the package's parts.
fn run(study: &str, lang: &str) -> (tempfile::TempDir, HashMap<String, Vec<u8>>) {
    let (dir, out) = run_study(&format!("{study}.toml"), &["--lang", lang]);
    let path = out.join("report.docx");
    let parts = unzip(&path, fs::read(&path).unwrap());
    (dir, parts)
}

/// Checks one study's report.docx against its report.html and figures/.
fn check(study: &str, lang: &str) {
    let (dir, parts) = run(study, lang);
    let out = dir.path().join("report");
    let html = fs::read_to_string(out.join("report.html")).unwrap();
    let xml = text(&parts, "word/document.xml");
    let doc = Document::parse(&xml).unwrap();
    let body = w(doc.root_element(), "body").unwrap();

    // A4 portrait, 2.5 cm margins (in twentieths of a point).
    let section = w(body, "sectPr").unwrap();
    let size = w(section, "pgSz").unwrap();
    assert_eq!(
        (val(size, "w"), val(size, "h")),
        (Some("11906"), Some("16838"))
    );
    assert_ne!(val(size, "orient"), Some("landscape"));
    let margins = w(section, "pgMar").unwrap();
    for side in ["top", "bottom", "left", "right"] {
        assert_eq!(val(margins, side), Some("1417"), "{study}: {side} margin");
    }

    let blocks: Vec<Node> = body.children().filter(|n| n.is_element()).collect();
    // Tables: as many as report.html has, each a three-line table with its caption above.
    let tables: Vec<usize> = (0..blocks.len())
        .filter(|&i| blocks[i].has_tag_name((W, "tbl")))
        .collect();
    assert_eq!(tables.len(), html.matches("<table>").count(), "{study}");
    let html_captions: Vec<String> = html
        .split("<caption>")
        .skip(1)
        .map(|rest| {
            let caption = rest.split("</caption>").next().unwrap_or("");
            let mut text = String::new();
            let mut in_tag = false;
            for c in caption.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            text
        })
        .collect();
    let prefix = if lang == "zh" { "表" } else { "Table" };
    for &i in &tables {
        let table = blocks[i];
        let (caption, style) = paragraph(blocks[i - 1]);
        assert_eq!(style, "Caption", "{study}: {caption}");
        assert!(caption.starts_with(prefix), "{study}: {caption}");
        let escaped = caption
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('\'', "&apos;")
            .replace('"', "&quot;");
        // report.html writes the caption's statistical symbols in <em>; Word in italic runs.
        assert!(
            html_captions.iter().any(|c| c.starts_with(&escaped)),
            "{study}: {caption} is not a caption of report.html"
        );
        let borders = w(w(table, "tblPr").unwrap(), "tblBorders").unwrap();
        let kind = |side: &str| val(w(borders, side).unwrap(), "val").unwrap();
        assert_eq!(
            (kind("top"), kind("bottom")),
            ("single", "single"),
            "{caption}"
        );
        for side in ["left", "right", "insideH", "insideV"] {
            assert_eq!(kind(side), "nil", "{caption}: {side}");
        }
        let rows: Vec<Node> = table
            .children()
            .filter(|n| n.has_tag_name((W, "tr")))
            .collect();
        assert!(rows.len() >= 2, "{caption}");
        // Word repeats the header row, and only it, on every page the table continues on.
        let repeated: Vec<usize> = (0..rows.len())
            .filter(|&r| {
                w(rows[r], "trPr").is_some_and(|properties| w(properties, "tblHeader").is_some())
            })
            .collect();
        assert_eq!(
            repeated,
            [0],
            "{caption}: rows marked as the repeated header"
        );
        for (r, row) in rows.iter().enumerate() {
            for cell in row.children().filter(|n| n.has_tag_name((W, "tc"))) {
                let cell_borders = w(w(cell, "tcPr").unwrap(), "tcBorders");
                if r == 0 {
                    // The rule under the header, and no other.
                    let cell_borders = cell_borders.unwrap();
                    let sides: Vec<&str> = cell_borders
                        .children()
                        .filter(|n| n.is_element())
                        .map(|n| n.tag_name().name())
                        .collect();
                    assert_eq!(sides, ["bottom"], "{caption}");
                    assert_eq!(
                        val(w(cell_borders, "bottom").unwrap(), "val"),
                        Some("single")
                    );
                } else {
                    assert!(cell_borders.is_none(), "{caption}: row {r} has a rule");
                }
            }
        }
        assert!(
            !table.descendants().any(|n| n.has_tag_name((W, "shd"))),
            "{caption}: shading"
        );
    }

    // Figures: one picture per SVG, each the PNG written beside it, with its caption below.
    let rels = text(&parts, "word/_rels/document.xml.rels");
    let rels = Document::parse(&rels).unwrap();
    let target = |id: &str| {
        rels.root_element()
            .children()
            .find(|n| n.attribute("Id") == Some(id))
            .and_then(|n| n.attribute("Target"))
            .unwrap()
            .to_owned()
    };
    let mut svgs: Vec<String> = fs::read_dir(out.join("figures"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".svg"))
        .collect();
    svgs.sort();
    assert!(!svgs.is_empty(), "{study}");
    let mut pngs = Vec::new();
    let figure_word = if lang == "zh" { "图" } else { "Figure" };
    for (i, block) in blocks.iter().enumerate() {
        let blips: Vec<Node> = block
            .descendants()
            .filter(|n| n.has_tag_name((A, "blip")))
            .collect();
        if blips.is_empty() {
            continue;
        }
        assert_eq!(blips.len(), 1, "{study}: one picture a paragraph");
        let media = target(blips[0].attribute((R, "embed")).unwrap());
        let bytes = &parts[&format!("word/{media}")];
        pngs.push(bytes.clone());
        let (caption, style) = paragraph(blocks[i + 1]);
        assert_eq!(style, "Caption", "{study}: {caption}");
        assert!(caption.starts_with(figure_word), "{study}: {caption}");
    }
    assert_eq!(pngs.len(), svgs.len(), "{study}: one picture per figure");
    for svg in &svgs {
        let png = fs::read(out.join("figures").join(svg.replace(".svg", ".png"))).unwrap();
        assert!(pngs.contains(&png), "{study}: {svg} is not in report.docx");
    }

    // Italic statistical symbols, as in the HTML (a Chinese report writes P, as theses do).
    let p = if lang == "zh" { "P" } else { "p" };
    assert!(
        doc.descendants().any(|n| {
            n.has_tag_name((W, "r"))
                && w(n, "rPr").is_some_and(|properties| w(properties, "i").is_some())
                && paragraph_text(n) == p
        }),
        "{study}: no italic {p}"
    );
}

fn paragraph_text(run: Node) -> String {
    run.descendants()
        .filter(|n| n.has_tag_name((W, "t")))
        .filter_map(|n| n.text())
        .collect()
}

#[test]
fn the_word_report_has_three_line_tables_and_a_picture_per_figure() {
    for study in ["cbi_study", "cbi_followup_study", "cbi_arms_study"] {
        check(study, "en");
    }
    check("cbi_study", "zh");
}

#[test]
fn the_word_report_uses_times_new_roman_with_simsun_and_simhei_headings() {
    let (_dir, parts) = run("cbi_study", "zh");
    let styles = text(&parts, "word/styles.xml");
    let styles = Document::parse(&styles).unwrap();
    let fonts = |node: Node| {
        let fonts = node
            .descendants()
            .find(|n| n.has_tag_name((W, "rFonts")))
            .unwrap();
        (
            val(fonts, "ascii").unwrap().to_owned(),
            val(fonts, "hAnsi").unwrap().to_owned(),
            val(fonts, "eastAsia").unwrap().to_owned(),
        )
    };
    let defaults = w(styles.root_element(), "docDefaults").unwrap();
    let body = ("Times New Roman".to_owned(), "Times New Roman".to_owned());
    assert_eq!(
        fonts(defaults),
        (body.0.clone(), body.1.clone(), "SimSun".to_owned())
    );
    let style = |id: &str| {
        styles
            .root_element()
            .children()
            .find(|n| n.has_tag_name((W, "style")) && val(*n, "styleId") == Some(id))
            .unwrap()
    };
    for heading in ["Title", "Heading1", "Heading2"] {
        assert_eq!(
            fonts(style(heading)),
            (body.0.clone(), body.1.clone(), "SimHei".to_owned()),
            "{heading}"
        );
    }
    assert_eq!(fonts(style("TableText")).2, "SimSun");
}

#[test]
fn figures_are_also_png_at_300_dpi() {
    let (dir, _parts) = run("cbi_study", "en");
    let figures = dir.path().join("report/figures");
    let png = fs::read(figures.join("cbi_total_lines.png")).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    // The header: 16 cm wide at 300 dpi is 1890 pixels; 11811 pixels a metre.
    assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 1890);
    let phys = png.windows(4).position(|w| w == b"pHYs").unwrap();
    assert_eq!(
        &png[phys + 4..phys + 13],
        &[0, 0, 0x2e, 0x23, 0, 0, 0x2e, 0x23, 1]
    );
}

#[test]
fn figures_without_a_font_for_their_text_are_named_on_stderr() {
    // A font configuration with no fonts: the PNG figures would have no text at all.
    let dir = tempfile::tempdir().unwrap();
    let fonts = dir.path().join("fonts");
    fs::create_dir(&fonts).unwrap();
    let config = dir.path().join("fonts.conf");
    fs::write(
        &config,
        format!(
            "<?xml version=\"1.0\"?>\n<fontconfig><dir>{}</dir></fontconfig>\n",
            fonts.display()
        ),
    )
    .unwrap();
    let out = dir.path().join("report");
    psyscore()
        .args([
            "study",
            "../../examples/cbi_study.toml",
            "--lang",
            "zh",
            "-o",
        ])
        .arg(&out)
        .env("FONTCONFIG_FILE", &config)
        .env("HOME", dir.path())
        .assert()
        .success()
        .stderr(
            "warning: no fonts are installed, so the PNG figures (figures/*.png and report.docx) \
             have no text; install some (Debian, Ubuntu: apt-get install fonts-dejavu-core \
             fonts-noto-cjk) and run again. The SVG figures and report.html are not affected.\n",
        );
}
