//! What generated types derive besides the encoding: `Default` (the value empty bytes decode to), so struct
//! update syntax works, and `Eq` + `Hash` wherever no float is reachable.

use cramberry::Message;
use cramberry_codegen_test::everything::{Everything, Node, Polygon, Shape, Side, Venue};
use std::collections::HashSet;

#[test]
fn default_is_what_empty_bytes_decode_to() {
    assert_eq!(Node::default(), Node::decode(&[]).unwrap());
    assert_eq!(Polygon::default(), Polygon::decode(&[]).unwrap());
    assert_eq!(Side::default(), Side::Buy);
    // No value 0: the catch-all holding 0, as an absent field decodes.
    assert_eq!(Venue::default(), Venue::Unrecognized(0));
    assert_eq!(Shape::default(), Shape::Circle(Default::default()));
    // `Everything` has a required field, so empty bytes do not decode; its default is every field absent.
    let everything = Everything { id: 7, ..Default::default() };
    assert_eq!(everything.encode_to_vec(), [0xc8, 0x01, 0x07]);
    assert_eq!(Everything::decode(&everything.encode_to_vec()).unwrap(), everything);
}

#[test]
fn struct_update_syntax_builds_messages() {
    let node = Node { label: "root".into(), ..Default::default() };
    assert_eq!(Node::decode(&node.encode_to_vec()).unwrap(), node);
    assert!(node.children.is_empty() && node.parent.is_none());
}

#[test]
fn float_free_types_are_eq_and_hash() {
    fn eq_hash<T: Eq + std::hash::Hash>() {}
    eq_hash::<Node>();
    eq_hash::<Side>();
    let set: HashSet<Node> = [Node { label: "a".into(), ..Default::default() }, Node::default()].into();
    assert_eq!(set.len(), 2);
}
