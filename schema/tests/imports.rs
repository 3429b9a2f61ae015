//! Imports are resolved next to the importing file and through search paths, with package-qualified and
//! aliased names.

use std::path::PathBuf;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cramberry-imports-{name}-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("lib")).unwrap();
    dir
}

#[test]
fn imports_resolve_beside_the_file_and_through_search_paths() {
    let dir = temp_dir("ok");
    std::fs::write(
        dir.join("lib/common.cram"),
        "package common;\nmessage Money { int64 units = 1; string currency = 2; }\n",
    )
    .unwrap();
    std::fs::write(dir.join("types.cram"), "package types;\nenum Side { BUY = 0; SELL = 1; }\n").unwrap();
    std::fs::write(
        dir.join("orders.cram"),
        "package orders;\nimport \"types.cram\";\nimport \"common.cram\" as c;\n\
         message Order { common.Money price = 1; types.Side side = 2; c.Money fee = 3; Side again = 4; }\n",
    )
    .unwrap();
    let loaded = cramberry_schema::load_file(dir.join("orders.cram"), &[dir.join("lib")])
        .unwrap_or_else(|d| panic!("{d}"));
    let order = &loaded.schema.messages[loaded.schema.message("Order").unwrap()];
    assert_eq!(order.fields.len(), 4);
    let modules = cramberry_schema::generate_rust(&loaded.schema, "orders.cram").unwrap();
    assert!(modules["orders"].contains("pub price: super::common::Money,"), "{}", modules["orders"]);
    assert!(modules["orders"].contains("pub side: super::types::Side,"));
    assert_eq!(modules.keys().collect::<Vec<_>>(), ["common", "orders", "types"]);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_missing_import_is_reported_at_the_import() {
    let dir = temp_dir("missing");
    std::fs::write(dir.join("a.cram"), "import \"nowhere.cram\";\nmessage A {}\n").unwrap();
    let err = cramberry_schema::load_file(dir.join("a.cram"), &[dir.join("lib")]).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("cannot read import `nowhere.cram`"), "{text}");
    assert!(text.contains("a.cram:1:1"), "{text}");
    std::fs::remove_dir_all(&dir).ok();
}
