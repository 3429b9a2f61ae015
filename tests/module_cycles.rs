//! The crates' modules form no cycle: for every pair of sibling modules, at most one uses the other (through
//! `crate::` or `super::` paths, at any depth below them). A child using its parent's items and a parent
//! declaring its children are not counted; two siblings that need each other are, as are longer loops.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A module's path inside its crate (`["field", "plain"]`; the crate root is empty).
type ModPath = Vec<String>;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn module_of(root: &Path, file: &Path) -> ModPath {
    let rel = file.strip_prefix(root).unwrap().with_extension("");
    let mut parts: ModPath = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib" | "main")) {
        parts.pop();
    }
    parts
}

/// The `crate::a::b` and `super::a` paths in `source` (comments left out), as module paths from the root.
fn paths_used(source: &str, module: &ModPath) -> Vec<ModPath> {
    let code: String =
        source.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n");
    let mut out = Vec::new();
    for (keyword, base) in
        [("crate::", Vec::new()), ("super::", module[..module.len().saturating_sub(1)].to_vec())]
    {
        for (at, _) in code.match_indices(keyword) {
            let before = code[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
                continue;
            }
            let rest = &code[at + keyword.len()..];
            let mut path = base.clone();
            for segment in rest.split("::") {
                let ident: String =
                    segment.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                if ident.is_empty() {
                    break;
                }
                let whole = ident.len() == segment.len();
                path.push(ident);
                if !whole {
                    break; // the path ends inside this segment
                }
            }
            out.push(path);
        }
    }
    out
}

/// The sibling edges of one crate: `a -> b` when something in module `a` uses something in sibling `b`.
fn sibling_edges(root: &Path) -> BTreeMap<ModPath, BTreeSet<ModPath>> {
    let mut files = Vec::new();
    rust_files(root, &mut files);
    let modules: BTreeSet<ModPath> = files.iter().map(|f| module_of(root, f)).collect();
    let mut edges: BTreeMap<ModPath, BTreeSet<ModPath>> = BTreeMap::new();
    for file in &files {
        let module = module_of(root, file);
        for path in paths_used(&std::fs::read_to_string(file).unwrap(), &module) {
            let Some(target) =
                (0..=path.len()).rev().map(|k| path[..k].to_vec()).find(|p| modules.contains(p))
            else {
                continue;
            };
            let common = module.iter().zip(&target).take_while(|(a, b)| a == b).count();
            if common < module.len() && common < target.len() {
                edges.entry(module[..=common].to_vec()).or_default().insert(target[..=common].to_vec());
            }
        }
    }
    edges
}

/// A cycle in `edges`, if there is one.
fn find_cycle(edges: &BTreeMap<ModPath, BTreeSet<ModPath>>) -> Option<Vec<ModPath>> {
    fn visit(
        node: &ModPath,
        edges: &BTreeMap<ModPath, BTreeSet<ModPath>>,
        done: &mut BTreeSet<ModPath>,
        stack: &mut Vec<ModPath>,
    ) -> Option<Vec<ModPath>> {
        if let Some(at) = stack.iter().position(|n| n == node) {
            return Some(stack[at..].to_vec());
        }
        if !done.insert(node.clone()) {
            return None;
        }
        stack.push(node.clone());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, edges, done, stack) {
                return Some(cycle);
            }
        }
        stack.pop();
        None
    }
    let mut done = BTreeSet::new();
    edges.keys().find_map(|node| visit(node, edges, &mut done, &mut Vec::new()))
}

#[test]
fn no_crate_has_a_module_cycle() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"));
    for krate in ["src", "derive/src", "schema/src", "cli/src"] {
        let cycle = find_cycle(&sibling_edges(&workspace.join(krate)));
        let names = cycle.map(|c| c.iter().map(|m| m.join("::")).collect::<Vec<_>>());
        assert_eq!(names, None, "modules of {krate} that use each other");
    }
}

#[test]
fn the_check_finds_a_cycle_between_siblings() {
    let dir = std::env::temp_dir().join(format!("cramberry-cycles-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("a")).unwrap();
    std::fs::write(dir.join("lib.rs"), "mod a; mod b;").unwrap();
    std::fs::write(dir.join("a/mod.rs"), "mod inner;").unwrap();
    std::fs::write(dir.join("a/inner.rs"), "use crate::b::Thing; use super::Parent;").unwrap();
    std::fs::write(dir.join("b.rs"), "fn f() -> crate::a::Other { todo!() } // crate::c").unwrap();
    let cycle = find_cycle(&sibling_edges(&dir));
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(cycle, Some(vec![vec!["a".to_string()], vec!["b".to_string()]]));
}
