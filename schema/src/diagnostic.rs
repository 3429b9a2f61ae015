//! Diagnostics a person can act on: `file:line:column`, the source line, a caret under the token, a hint.

use std::fmt;

/// A byte range in one source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// Index of the file in the [`Sources`] it came from.
    pub file: usize,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// The schema cannot be used.
    Error,
    /// Allowed, but worth a look (for example, removing an optional field).
    Warning,
}

/// One problem found in a schema.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// Where.
    pub span: Span,
    /// How to fix it, in one line.
    pub hint: Option<String>,
    /// A second place that matters (the first definition of a duplicate, the old version of a field).
    pub related: Option<(Span, String)>,
}

impl Diagnostic {
    /// An error at `span`.
    pub fn error(span: Span, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, message: message.into(), span, hint: None, related: None }
    }

    /// A warning at `span`.
    pub fn warning(span: Span, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(span, message) }
    }

    /// Adds a one-line hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Adds a related location with a note.
    pub fn with_related(mut self, span: Span, note: impl Into<String>) -> Self {
        self.related = Some((span, note.into()));
        self
    }
}

/// The source files diagnostics point into.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    files: Vec<(String, String)>,
}

impl Sources {
    /// Adds a file (its display path and text); returns its index.
    pub fn add(&mut self, path: impl Into<String>, text: impl Into<String>) -> usize {
        self.files.push((path.into(), text.into()));
        self.files.len() - 1
    }

    /// The display path of file `index`.
    pub fn path(&self, index: usize) -> &str {
        &self.files[index].0
    }

    /// The text of file `index`.
    pub fn text(&self, index: usize) -> &str {
        &self.files[index].1
    }

    /// 1-based line and column of a byte offset.
    pub fn line_col(&self, file: usize, offset: usize) -> (usize, usize) {
        let text = self.text(file);
        let before = &text[..offset.min(text.len())];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, col)
    }

    /// Renders a diagnostic: a header, `--> file:line:col`, the line, a caret, the hint and related note.
    pub fn render(&self, d: &Diagnostic) -> String {
        let mut out = String::new();
        let label = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        out.push_str(&format!("{label}: {}\n", d.message));
        out.push_str(&self.excerpt(d.span));
        if let Some((span, note)) = &d.related {
            out.push_str(&format!("note: {note}\n"));
            out.push_str(&self.excerpt(*span));
        }
        if let Some(hint) = &d.hint {
            out.push_str(&format!("  = hint: {hint}\n"));
        }
        out
    }

    fn excerpt(&self, span: Span) -> String {
        let (line, col) = self.line_col(span.file, span.start);
        let text = self.text(span.file);
        let line_text = text.lines().nth(line - 1).unwrap_or("");
        let width = text[span.start.min(text.len())..span.end.min(text.len())].chars().count().max(1);
        let gutter = line.to_string().len();
        format!(
            "{:gutter$}--> {}:{line}:{col}\n{:gutter$} |\n{line} | {line_text}\n{:gutter$} | {}{}\n",
            "",
            self.path(span.file),
            "",
            "",
            " ".repeat(col - 1),
            "^".repeat(width.min(line_text.chars().count().saturating_sub(col - 1).max(1))),
        )
    }
}

/// Diagnostics with their sources, as an error type. `Debug` renders them like `Display` (so an `unwrap` or a
/// `main` returning this error shows carets, not a dump of spans and file contents).
#[derive(Clone)]
pub struct Diagnostics {
    /// Everything that was found, errors first.
    pub items: Vec<Diagnostic>,
    /// The files they point into.
    pub sources: Sources,
}

impl Diagnostics {
    /// Whether any item is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.items {
            writeln!(f, "{}", self.sources.render(d))?;
        }
        Ok(())
    }
}

impl fmt::Debug for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for Diagnostics {}
