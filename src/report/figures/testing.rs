//! Helpers for the figures' unit tests: parsing an SVG and checking what every
//! figure must have, finding elements, and building inputs.

use roxmltree::{Document, Node};

use super::{BoxData, BoxGroup, Labels, LineGroup, PersonLine, TransitionCount};

pub(super) fn labels() -> Labels {
    Labels {
        title: "Score".into(),
        y_axis: "Points".into(),
        waves: vec!["Pre".into(), "Post".into()],
        mean: "Mean".into(),
        interval: String::new(),
    }
}

/// Labels with the given wave names.
pub(super) fn wave_labels(waves: &[&str]) -> Labels {
    Labels {
        waves: waves.iter().map(|w| (*w).to_owned()).collect(),
        ..labels()
    }
}

/// A person with the given values, one per wave.
pub(super) fn person_at(id: &str, values: &[Option<f64>]) -> PersonLine {
    PersonLine {
        id: id.into(),
        values: values.to_vec(),
    }
}

/// A person with a value at each of two waves.
pub(super) fn person(id: &str, pre: f64, post: f64) -> PersonLine {
    PersonLine {
        id: id.into(),
        values: vec![Some(pre), Some(post)],
    }
}

pub(super) fn line_group(label: &str, people: Vec<PersonLine>) -> LineGroup {
    LineGroup {
        label: label.into(),
        people,
    }
}

/// A group with a box at each of two waves.
pub(super) fn box_group(label: &str, pre: Option<BoxData>, post: Option<BoxData>) -> BoxGroup {
    BoxGroup {
        label: label.into(),
        waves: vec![pre, post],
    }
}

pub(super) fn transition(from: &str, to: &str, count: usize) -> TransitionCount {
    TransitionCount {
        from: from.into(),
        to: to.into(),
        count,
    }
}

/// The numbers of a `points` attribute or of a line's two ends, as (x, y) pairs.
pub(super) fn points(node: &Node) -> Vec<(f64, f64)> {
    match node.attribute("points") {
        Some(points) => points
            .split(' ')
            .map(|p| {
                let (x, y) = p.split_once(',').expect("x,y");
                (x.parse().unwrap(), y.parse().unwrap())
            })
            .collect(),
        None => vec![
            (num(node, "x1"), num(node, "y1")),
            (num(node, "x2"), num(node, "y2")),
        ],
    }
}

/// Parses `svg` and checks what every figure must have.
pub(super) fn parse(svg: &str) -> Document<'_> {
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

pub(super) fn has_class(node: &Node, class: &str) -> bool {
    node.attribute("class")
        .is_some_and(|c| c.split_whitespace().any(|c| c == class))
}

pub(super) fn by_class<'a, 'i>(doc: &'a Document<'i>, class: &str) -> Vec<Node<'a, 'i>> {
    doc.descendants().filter(|n| has_class(n, class)).collect()
}

pub(super) fn child_text(doc: &Document, tag: &str) -> String {
    doc.root_element()
        .children()
        .find(|n| n.has_tag_name(tag))
        .and_then(|n| n.text())
        .unwrap_or_default()
        .to_owned()
}

pub(super) fn text_of(node: &Node) -> String {
    node.descendants()
        .filter(Node::is_text)
        .filter_map(|n| n.text())
        .collect()
}

pub(super) fn num(node: &Node, attribute: &str) -> f64 {
    node.attribute(attribute)
        .unwrap_or_else(|| panic!("no {attribute}"))
        .parse()
        .unwrap()
}

pub(super) fn tick_labels(doc: &Document) -> Vec<String> {
    by_class(doc, "ps-y-ticks")
        .iter()
        .flat_map(|g| g.children().map(|t| text_of(&t)))
        .collect()
}
