//! Generated code takes part in open polymorphism: messages with a type id (`@N`) implement `Registered`, and
//! an interface registers its members, so `TypeRef` values of them decode to the generated types.

use cramberry::registry::{Registered, Registry, TypeRef};
use cramberry::Message;
use cramberry_codegen_test::everything::{Circle, Point, Polygon, Shape};

#[test]
fn generated_messages_and_interfaces_register() {
    assert_eq!(
        (Point::TYPE_ID, <Circle as Registered>::TYPE_ID, <Polygon as Registered>::TYPE_ID),
        (130, 131, 132)
    );
    let mut registry = Registry::new();
    Shape::register_members(&mut registry).unwrap();
    assert_eq!(registry.type_ids().collect::<Vec<_>>(), [131, 132]);
    registry.register::<Point>().unwrap();

    let circle = Circle { center: Point { x: 1.0, y: 2.0, z: 0.0 }, radius: 3.0 };
    let value = TypeRef::pack(&circle);
    assert_eq!(value.type_id, 131);
    let decoded = registry.decode_type_ref(&value).unwrap();
    assert_eq!(decoded.downcast_ref::<Circle>(), Some(&circle));
    assert_eq!(decoded.encode_to_vec(), circle.encode_to_vec());
}
