//! Markup as plain data, and the one pass that fills a text's `{placeholders}`: what every
//! module renders (the first layer, placeholders, cookie tables). Compiled into each wasm module,
//! the returning-visitor runtime's too (see [`super::surfaces`]).

use alloc::string::String;
use alloc::vec::Vec;

/// One node of markup.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    /// An element: its tag, attributes in order and children.
    Element(Element),
    /// A text node.
    Text(String),
}

/// An element of [`Node`]: attribute names are fixed by this module, values may come from the
/// config (they are set as attribute values, never parsed as markup).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Element {
    /// Tag name, lowercase.
    pub tag: &'static str,
    /// Attributes, in order.
    pub attrs: Vec<(&'static str, String)>,
    /// Children, in order.
    pub children: Vec<Node>,
}

pub(crate) fn el(tag: &'static str, attrs: &[(&'static str, &str)], children: Vec<Node>) -> Node {
    Node::Element(Element { tag, attrs: attrs.iter().map(|(k, v)| (*k, String::from(*v))).collect(), children })
}

/// Writes `node` as compact JSON for the loader: an element is `["tag", {attrs}, children…]`,
/// a text node a string.
pub fn to_json(node: &Node, out: &mut String) {
    match node {
        Node::Text(s) => super::json_string(out, s),
        Node::Element(e) => {
            out.push_str("[\"");
            out.push_str(e.tag);
            out.push_str("\",{");
            for (i, (k, v)) in e.attrs.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                super::json_string(out, k);
                out.push(':');
                super::json_string(out, v);
            }
            out.push('}');
            for child in &e.children {
                out.push(',');
                to_json(child, out);
            }
            out.push(']');
        }
    }
}

/// `template` with each of its `{placeholders}` replaced by its value, in one pass: a value that
/// itself holds a placeholder (a provider named "{category}") is shown as written.
pub(crate) fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(i) = super::find(rest, "{") {
        out.push_str(rest.get(..i).unwrap_or_default());
        let tail = rest.get(i..).unwrap_or_default();
        match values.iter().find(|(key, _)| tail.as_bytes().starts_with(key.as_bytes())) {
            Some((key, value)) => {
                out.push_str(value);
                rest = tail.get(key.len()..).unwrap_or_default();
            }
            None => {
                out.push('{');
                rest = tail.get(1..).unwrap_or_default();
            }
        }
    }
    out.push_str(rest);
    out
}
