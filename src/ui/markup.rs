//! The core's markup ([`crate::core::view::Node`]) as Yew virtual DOM.

use std::rc::Rc;

use yew::virtual_dom::{VTag, VText};
use yew::{Html, NodeRef};

use crate::core::view::Node;

/// `node` as Yew renders it: the same elements, attributes and texts; `node_ref` refers to the
/// root element.
pub fn to_html(node: &Node, node_ref: NodeRef) -> Html {
    match node {
        Node::Text(text) => Html::VText(VText::new(text.clone())),
        Node::Element(e) => {
            let mut tag = VTag::new(e.tag);
            for (key, value) in &e.attrs {
                tag.add_attribute(key, value.clone());
            }
            tag.add_children(e.children.iter().map(|c| to_html(c, NodeRef::default())));
            tag.node_ref = node_ref;
            Html::VTag(Rc::new(tag))
        }
    }
}
