//! Loading a schema from files: parse, follow imports through search paths, validate, resolve.

use crate::diagnostic::{Diagnostic, Diagnostics, Sources, Span};
use crate::model::Schema;
use crate::parser::parse;
use crate::validate::{build, ParsedFile};
use std::path::{Path, PathBuf};

/// The import path of the standard types (docs/standard-types.md), built into every loader.
pub const STD_IMPORT: &str = "cramberry/std.cram";

/// The text of the standard schema, used when no search path holds a `cramberry/std.cram` of its own.
pub const STD_SCHEMA: &str = include_str!("../std/cramberry/std.cram");

/// The stand-in path of the built-in standard schema.
const STD_BUILTIN_PATH: &str = "<built-in>/cramberry/std.cram";

/// A loaded, valid schema with its sources (for rendering warnings).
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The resolved schema.
    pub schema: Schema,
    /// The files it came from.
    pub sources: Sources,
    /// Warnings (a valid schema has no errors).
    pub warnings: Vec<Diagnostic>,
}

/// Loads `root` and everything it imports (looked up next to the importing file, then in `search_paths`).
///
/// ```no_run
/// let loaded = cramberry_schema::load_file("schemas/orders.cram", &["schemas"]).unwrap();
/// assert!(loaded.schema.message("Order").is_some());
/// ```
pub fn load_file(root: impl AsRef<Path>, search_paths: &[impl AsRef<Path>]) -> Result<Loaded, Diagnostics> {
    let mut sources = Sources::default();
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut queue = vec![(root.as_ref().to_path_buf(), None::<Span>)];
    let mut loaded: Vec<PathBuf> = Vec::new();
    while let Some((path, imported_at)) = queue.pop() {
        let canonical = path.canonicalize().unwrap_or_else(|_| path.clone());
        if loaded.contains(&canonical) {
            continue;
        }
        loaded.push(canonical);
        let read = match path.to_str() {
            Some(STD_BUILTIN_PATH) => Ok(STD_SCHEMA.to_owned()),
            _ => std::fs::read_to_string(&path),
        };
        let text = match read {
            Ok(text) => text,
            Err(e) => {
                let diag = match imported_at {
                    Some(span) => {
                        Diagnostic::error(span, format!("cannot read import `{}`: {e}", path.display()))
                            .with_hint("check the path and the search paths (-I)")
                    }
                    None => {
                        let file = sources.add(path.display().to_string(), "");
                        Diagnostic::error(
                            Span { file, start: 0, end: 0 },
                            format!("cannot read `{}`: {e}", path.display()),
                        )
                    }
                };
                errors.push(diag);
                continue;
            }
        };
        let file = sources.add(path.display().to_string(), text);
        let (ast, parse_errors) = parse(sources.text(file), file);
        errors.extend(parse_errors);
        for import in &ast.imports {
            let found = resolve_import(&path, &import.path, search_paths)
                .or_else(|| (import.path == STD_IMPORT).then(|| PathBuf::from(STD_BUILTIN_PATH)));
            queue.push((found.unwrap_or_else(|| PathBuf::from(&import.path)), Some(import.span)));
        }
        files.push(ParsedFile { ast });
    }
    finish(files, sources, errors)
}

/// Loads a schema from source text, named `path` in diagnostics. No files are read: the only import followed
/// is the built-in standard schema (`import "cramberry/std.cram";`).
pub fn load_str(path: &str, text: &str) -> Result<Loaded, Diagnostics> {
    let mut sources = Sources::default();
    let file = sources.add(path, text);
    let (ast, mut errors) = parse(sources.text(file), file);
    let imports_std = ast.imports.iter().any(|import| import.path == STD_IMPORT);
    let mut files = vec![ParsedFile { ast }];
    if imports_std {
        let std_file = sources.add(STD_BUILTIN_PATH, STD_SCHEMA);
        let (std_ast, std_errors) = parse(sources.text(std_file), std_file);
        errors.extend(std_errors);
        files.push(ParsedFile { ast: std_ast });
    }
    finish(files, sources, errors)
}

fn finish(
    files: Vec<ParsedFile>,
    sources: Sources,
    mut errors: Vec<Diagnostic>,
) -> Result<Loaded, Diagnostics> {
    let (schema, diagnostics) = build(&files);
    errors.extend(diagnostics);
    let (errs, warnings): (Vec<_>, Vec<_>) =
        errors.into_iter().partition(|d| d.severity == crate::diagnostic::Severity::Error);
    if errs.is_empty() {
        Ok(Loaded { schema, sources, warnings })
    } else {
        Err(Diagnostics { items: errs.into_iter().chain(warnings).collect(), sources })
    }
}

fn resolve_import(from: &Path, import: &str, search_paths: &[impl AsRef<Path>]) -> Option<PathBuf> {
    let beside = from.parent().map(|dir| dir.join(import));
    beside
        .into_iter()
        .chain(search_paths.iter().map(|p| p.as_ref().join(import)))
        .find(|candidate| candidate.is_file())
}
