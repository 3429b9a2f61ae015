//! Tokens of the `.cram` language, with their byte spans. `//` comments are dropped; `///` doc comments are
//! kept as tokens so the parser can attach them to the next item.

use crate::diagnostic::{Diagnostic, Span};

/// One token.
#[derive(Clone, Debug, PartialEq)]
pub enum TokenKind {
    /// A name or keyword.
    Ident(String),
    /// An integer literal.
    Int(u64),
    /// A negative integer literal (kept so the validator can say "non-negative").
    NegInt(i64),
    /// A float literal.
    Float(f64),
    /// A string literal (without quotes, escapes resolved).
    Str(String),
    /// A `///` doc comment line (text after the slashes, one leading space trimmed).
    Doc(String),
    /// Punctuation: `; = { } [ ] , . * @ ( ) < > :`.
    Punct(char),
}

/// A token and where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    /// What it is.
    pub kind: TokenKind,
    /// Where it is.
    pub span: Span,
}

/// Splits `source` into tokens; lexical errors are reported and the offending character skipped.
pub fn tokenize(source: &str, file: usize, errors: &mut Vec<Diagnostic>) -> Vec<Token> {
    let bytes = source.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        let span = |end: usize| Span { file, start, end };
        match c {
            b' ' | b'\t' | b'\r' | b'\n' => i += 1,
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                let end = source[i..].find('\n').map_or(bytes.len(), |n| i + n);
                let is_doc = bytes.get(i + 2) == Some(&b'/') && bytes.get(i + 3) != Some(&b'/');
                if is_doc {
                    let text = source[i + 3..end].strip_prefix(' ').unwrap_or(&source[i + 3..end]);
                    tokens.push(Token { kind: TokenKind::Doc(text.trim_end().to_string()), span: span(end) });
                }
                i = end;
            }
            b'"' => {
                let mut value = String::new();
                let mut j = i + 1;
                let mut closed = false;
                while j < bytes.len() {
                    match bytes[j] {
                        b'"' => {
                            closed = true;
                            j += 1;
                            break;
                        }
                        b'\\' if j + 1 < bytes.len() => {
                            value.push(match bytes[j + 1] {
                                b'n' => '\n',
                                b't' => '\t',
                                other => other as char,
                            });
                            j += 2;
                        }
                        b'\n' => break,
                        _ => {
                            let ch = source[j..].chars().next().expect("in bounds");
                            value.push(ch);
                            j += ch.len_utf8();
                        }
                    }
                }
                if !closed {
                    errors.push(
                        Diagnostic::error(span(j), "unterminated string").with_hint("close it with `\"`"),
                    );
                }
                tokens.push(Token { kind: TokenKind::Str(value), span: span(j) });
                i = j;
            }
            b'0'..=b'9' | b'-' => {
                let mut j = i + 1;
                while j < bytes.len()
                    && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'.' || bytes[j] == b'_')
                {
                    j += 1;
                }
                let text = source[i..j].replace('_', "");
                let kind = if let Some(hex) = text.strip_prefix("0x") {
                    u64::from_str_radix(hex, 16).ok().map(TokenKind::Int)
                } else if text.contains('.') || text.contains('e') {
                    text.parse().ok().map(TokenKind::Float)
                } else if text.starts_with('-') {
                    text.parse().ok().map(TokenKind::NegInt)
                } else {
                    text.parse().ok().map(TokenKind::Int)
                };
                match kind {
                    Some(kind) => tokens.push(Token { kind, span: span(j) }),
                    None => {
                        errors.push(Diagnostic::error(span(j), format!("invalid number `{}`", &source[i..j])))
                    }
                }
                i = j;
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let mut j = i + 1;
                while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'_') {
                    j += 1;
                }
                tokens.push(Token { kind: TokenKind::Ident(source[i..j].to_string()), span: span(j) });
                i = j;
            }
            b';' | b'=' | b'{' | b'}' | b'[' | b']' | b',' | b'.' | b'*' | b'@' | b'(' | b')' | b'<'
            | b'>' | b':' => {
                tokens.push(Token { kind: TokenKind::Punct(c as char), span: span(i + 1) });
                i += 1;
            }
            _ => {
                let ch = source[i..].chars().next().expect("in bounds");
                errors
                    .push(Diagnostic::error(span(i + ch.len_utf8()), format!("unexpected character `{ch}`")));
                i += ch.len_utf8();
            }
        }
    }
    tokens
}
