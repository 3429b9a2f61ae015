//! A recursive-descent parser for the grammar in `docs/schema-language.md`. It recovers at `;` and `}` so one run
//! reports several errors.

use crate::ast::*;
use crate::diagnostic::{Diagnostic, Span};
use crate::lexer::{tokenize, Token, TokenKind};

/// Parses one file's text (file index `file` in the caller's sources).
pub fn parse(source: &str, file: usize) -> (File, Vec<Diagnostic>) {
    let mut errors = Vec::new();
    let tokens = tokenize(source, file, &mut errors);
    let end = Span { file, start: source.len(), end: source.len() };
    let mut p = Parser { tokens, pos: 0, errors, end };
    let parsed = p.file();
    (parsed, p.errors)
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
    errors: Vec<Diagnostic>,
    end: Span,
}

/// A parse failure already recorded; the caller recovers.
struct Recover;

type PResult<T> = Result<T, Recover>;

impl Parser {
    fn peek(&self) -> Option<&TokenKind> {
        self.tokens.get(self.pos).map(|t| &t.kind)
    }

    fn span(&self) -> Span {
        self.tokens.get(self.pos).map_or(self.end, |t| t.span)
    }

    fn is_punct(&self, c: char) -> bool {
        self.peek() == Some(&TokenKind::Punct(c))
    }

    fn is_keyword(&self, k: &str) -> bool {
        matches!(self.peek(), Some(TokenKind::Ident(s)) if s == k)
    }

    fn bump(&mut self) -> Option<Token> {
        let t = self.tokens.get(self.pos).cloned();
        self.pos += 1;
        t
    }

    fn fail<T>(&mut self, expected: &str) -> PResult<T> {
        let found = match self.peek() {
            Some(TokenKind::Ident(s)) => format!("`{s}`"),
            Some(TokenKind::Int(n)) => format!("`{n}`"),
            Some(TokenKind::NegInt(n)) => format!("`{n}`"),
            Some(TokenKind::Float(f)) => format!("`{f}`"),
            Some(TokenKind::Str(s)) => format!("\"{s}\""),
            Some(TokenKind::Punct(c)) => format!("`{c}`"),
            Some(TokenKind::Doc(_)) => "a doc comment".into(),
            None => "the end of the file".into(),
        };
        let span = self.span();
        self.errors.push(Diagnostic::error(span, format!("expected {expected}, found {found}")));
        Err(Recover)
    }

    fn expect_punct(&mut self, c: char) -> PResult<Span> {
        if self.is_punct(c) {
            Ok(self.bump().expect("peeked").span)
        } else {
            self.fail(&format!("`{c}`"))
        }
    }

    fn ident(&mut self, what: &str) -> PResult<Ident> {
        match self.peek() {
            Some(TokenKind::Ident(_)) => {
                let t = self.bump().expect("peeked");
                let TokenKind::Ident(name) = t.kind else { unreachable!("checked above") };
                Ok(Ident { name, span: t.span })
            }
            _ => self.fail(what),
        }
    }

    fn int(&mut self, what: &str) -> PResult<(u64, Span)> {
        match self.peek() {
            Some(TokenKind::Int(n)) => {
                let n = *n;
                Ok((n, self.bump().expect("peeked").span))
            }
            _ => self.fail(what),
        }
    }

    fn docs(&mut self) -> Vec<String> {
        let mut docs = Vec::new();
        while let Some(TokenKind::Doc(text)) = self.peek() {
            docs.push(text.clone());
            self.pos += 1;
        }
        docs
    }

    /// Skips to just after the next `;`, or to a `}` (not consumed), whichever comes first.
    fn recover_statement(&mut self) {
        while let Some(kind) = self.peek() {
            match kind {
                TokenKind::Punct(';') => {
                    self.pos += 1;
                    return;
                }
                TokenKind::Punct('}') => return,
                _ => self.pos += 1,
            }
        }
    }

    /// Skips past the closing `}` of the current block.
    fn recover_block(&mut self) {
        let mut depth = 0;
        while let Some(kind) = self.peek() {
            match kind {
                TokenKind::Punct('{') => depth += 1,
                TokenKind::Punct('}') if depth <= 1 => {
                    self.pos += 1;
                    return;
                }
                TokenKind::Punct('}') => depth -= 1,
                _ => {}
            }
            self.pos += 1;
        }
    }

    fn file(&mut self) -> File {
        let mut file = File::default();
        loop {
            let docs = self.docs();
            let Some(kind) = self.peek() else { break };
            let result = match kind {
                TokenKind::Ident(k) if k == "package" => self.package().map(|p| file.package = Some(p)),
                TokenKind::Ident(k) if k == "import" => self.import().map(|i| file.imports.push(i)),
                TokenKind::Ident(k) if k == "option" => self.option().map(|o| file.options.push(o)),
                TokenKind::Ident(k) if k == "message" => {
                    self.message(docs).map(|m| file.items.push(Item::Message(m)))
                }
                TokenKind::Ident(k) if k == "enum" => {
                    self.enumeration(docs).map(|e| file.items.push(Item::Enum(e)))
                }
                TokenKind::Ident(k) if k == "interface" => {
                    self.interface(docs).map(|i| file.items.push(Item::Interface(i)))
                }
                TokenKind::Ident(k) if k == "syntax" => self.protobuf_habit(
                "`syntax` is protobuf's; a .cram file has no syntax line",
                "remove it: the schema language has one version (see docs/schema-language.md, \"Coming from protobuf\")",
            ),
                TokenKind::Ident(k) if k == "service" => {
                    self.service(docs).map(|s| file.services.push(s))
                }
                _ => self.fail("`package`, `import`, `option`, `message`, `enum`, `interface` or `service`"),
            };
            if result.is_err() {
                if self.is_punct('{')
                    || self.tokens[..self.pos.min(self.tokens.len())]
                        .iter()
                        .rev()
                        .take(3)
                        .any(|t| t.kind == TokenKind::Punct('{'))
                {
                    self.recover_block();
                } else {
                    self.recover_statement();
                    if self.is_punct('}') {
                        self.pos += 1;
                    }
                }
            }
        }
        file
    }

    fn dotted(&mut self, what: &str) -> PResult<Vec<Ident>> {
        let mut parts = vec![self.ident(what)?];
        while self.is_punct('.') {
            self.pos += 1;
            parts.push(self.ident("a name after `.`")?);
        }
        Ok(parts)
    }

    fn package(&mut self) -> PResult<Vec<Ident>> {
        self.pos += 1;
        let name = self.dotted("a package name")?;
        self.expect_punct(';')?;
        Ok(name)
    }

    fn import(&mut self) -> PResult<Import> {
        let start = self.bump().expect("peeked").span;
        let path = match self.peek() {
            Some(TokenKind::Str(s)) => s.clone(),
            _ => return self.fail("a quoted path"),
        };
        self.pos += 1;
        let alias = if self.is_keyword("as") {
            self.pos += 1;
            Some(self.ident("an alias")?)
        } else {
            None
        };
        let end = self.expect_punct(';')?;
        Ok(Import { path, alias, span: Span { end: end.end, ..start } })
    }

    fn option(&mut self) -> PResult<OptionDecl> {
        self.pos += 1;
        let name = self.ident("an option name")?;
        self.expect_punct('=')?;
        let value = self.value()?;
        self.expect_punct(';')?;
        Ok(OptionDecl { name, value })
    }

    fn value(&mut self) -> PResult<OptionValue> {
        let value = match self.peek() {
            Some(TokenKind::Str(s)) => OptionValue::Str(s.clone()),
            Some(TokenKind::Int(n)) => OptionValue::Int(i128::from(*n)),
            Some(TokenKind::NegInt(n)) => OptionValue::Int(i128::from(*n)),
            Some(TokenKind::Float(f)) => OptionValue::Float(*f),
            Some(TokenKind::Ident(k)) if k == "true" => OptionValue::Bool(true),
            Some(TokenKind::Ident(k)) if k == "false" => OptionValue::Bool(false),
            Some(TokenKind::Punct('[')) => {
                self.pos += 1;
                let mut items = vec![self.value()?];
                while self.is_punct(',') {
                    self.pos += 1;
                    items.push(self.value()?);
                }
                self.expect_punct(']')?;
                return Ok(OptionValue::List(items));
            }
            _ => return self.fail("a value (string, number, true, false or [list])"),
        };
        self.pos += 1;
        Ok(value)
    }

    fn message(&mut self, docs: Vec<String>) -> PResult<Message> {
        self.pos += 1;
        let name = self.ident("a message name")?;
        let type_id = if self.is_punct('@') {
            self.pos += 1;
            Some(self.int("a type id after `@`")?)
        } else {
            None
        };
        self.expect_punct('{')?;
        let mut message = Message { docs, name, type_id, options: Vec::new(), fields: Vec::new() };
        loop {
            let docs = self.docs();
            if self.is_punct('}') {
                self.pos += 1;
                return Ok(message);
            }
            if self.peek().is_none() {
                return self.fail("`}` to close the message");
            }
            let result = if self.is_keyword("option") {
                self.option().map(|o| message.options.push(o))
            } else if self.is_keyword("oneof") {
                self.protobuf_habit(
                    "`oneof` is protobuf's; a .cram schema uses an interface",
                    "declare `interface Shape { 128 = Circle; 129 = Square; }` and a field `Shape shape = 1;`",
                )
            } else if self.is_keyword("reserved") {
                self.protobuf_habit(
                    "`reserved` is not part of the schema language",
                    "delete the field and do not reuse its number; `cramberry compat` reports a reused number",
                )
            } else {
                self.field(docs).map(|f| message.fields.push(f))
            };
            if result.is_err() {
                self.recover_statement();
            }
        }
    }

    fn field(&mut self, docs: Vec<String>) -> PResult<Field> {
        let mut modifiers = Modifiers::default();
        loop {
            let slot = match self.peek() {
                Some(TokenKind::Ident(k)) if k == "required" => &mut modifiers.required,
                Some(TokenKind::Ident(k)) if k == "repeated" => &mut modifiers.repeated,
                Some(TokenKind::Ident(k)) if k == "optional" => &mut modifiers.optional,
                Some(TokenKind::Ident(k)) if k == "deprecated" => &mut modifiers.deprecated,
                _ => break,
            };
            *slot = Some(self.tokens[self.pos].span);
            self.pos += 1;
        }
        let ty = self.type_expr()?;
        let name = self.ident("a field name")?;
        self.expect_punct('=')?;
        let number = self.int("a field number")?;
        let options = self.bracket_options()?;
        self.expect_punct(';')?;
        Ok(Field { docs, modifiers, ty, name, number, options })
    }

    /// `[name = value, ...]` after a field or an rpc, or nothing.
    fn bracket_options(&mut self) -> PResult<Vec<OptionDecl>> {
        let mut options = Vec::new();
        if self.is_punct('[') {
            self.pos += 1;
            loop {
                let name = self.ident("an option name")?;
                self.expect_punct('=')?;
                options.push(OptionDecl { name, value: self.value()? });
                if self.is_punct(',') {
                    self.pos += 1;
                } else {
                    break;
                }
            }
            self.expect_punct(']')?;
        }
        Ok(options)
    }

    fn type_expr(&mut self) -> PResult<TypeExpr> {
        let start = self.span();
        if self.is_punct('*') {
            self.pos += 1;
            let inner = self.type_expr()?;
            return Ok(TypeExpr::Pointer(Box::new(inner), Span { end: self.prev_end(), ..start }));
        }
        if self.is_punct('[') {
            self.pos += 1;
            let len = match self.peek() {
                Some(TokenKind::Int(_)) => Some(self.int("a length")?.0),
                _ => None,
            };
            self.expect_punct(']')?;
            let inner = self.type_expr()?;
            return Ok(TypeExpr::List(len, Box::new(inner), Span { end: self.prev_end(), ..start }));
        }
        if self.is_keyword("map")
            && self.tokens.get(self.pos + 1).map(|t| &t.kind) == Some(&TokenKind::Punct('<'))
        {
            return self.protobuf_map(start);
        }
        if self.is_keyword("map")
            && self.tokens.get(self.pos + 1).map(|t| &t.kind) == Some(&TokenKind::Punct('['))
        {
            self.pos += 2;
            let key = self.type_expr()?;
            self.expect_punct(']')?;
            let value = self.type_expr()?;
            return Ok(TypeExpr::Map(Box::new(key), Box::new(value), Span { end: self.prev_end(), ..start }));
        }
        Ok(TypeExpr::Named(self.dotted("a type")?))
    }

    /// Reports a protobuf construct with its Cramberry equivalent, then skips it: to just past its `;`, or past
    /// its block when a `{` comes first.
    fn protobuf_habit(&mut self, message: &str, hint: &str) -> PResult<()> {
        let span = self.span();
        self.errors.push(Diagnostic::error(span, message).with_hint(hint));
        self.recover_statement_or_block();
        Ok(())
    }

    /// Skips to just past the next `;`, or past a block when a `{` comes first.
    fn recover_statement_or_block(&mut self) {
        let block = self.tokens[self.pos..]
            .iter()
            .find(|t| matches!(t.kind, TokenKind::Punct(';' | '{')))
            .is_some_and(|t| t.kind == TokenKind::Punct('{'));
        if block {
            self.recover_block();
        } else {
            self.recover_statement();
        }
    }

    /// `map<K, V>`: reported with the spelling the language uses, then read as the map it means.
    fn protobuf_map(&mut self, start: Span) -> PResult<TypeExpr> {
        self.pos += 2;
        let key = self.type_expr()?;
        self.expect_punct(',')?;
        let value = self.type_expr()?;
        self.expect_punct('>')?;
        let span = Span { end: self.prev_end(), ..start };
        let (k, v) = (key.to_string(), value.to_string());
        self.errors.push(
            Diagnostic::error(span, "`map<K, V>` is protobuf's spelling")
                .with_hint(format!("write `map[{k}]{v}`")),
        );
        Ok(TypeExpr::Map(Box::new(key), Box::new(value), span))
    }

    fn prev_end(&self) -> usize {
        self.tokens.get(self.pos.wrapping_sub(1)).map_or(self.end.end, |t| t.span.end)
    }

    fn enumeration(&mut self, docs: Vec<String>) -> PResult<Enum> {
        self.pos += 1;
        let name = self.ident("an enum name")?;
        self.expect_punct('{')?;
        let mut e = Enum { docs, name, options: Vec::new(), values: Vec::new() };
        loop {
            let docs = self.docs();
            if self.is_punct('}') {
                self.pos += 1;
                return Ok(e);
            }
            if self.peek().is_none() {
                return self.fail("`}` to close the enum");
            }
            let result = if self.is_keyword("option") {
                self.option().map(|o| e.options.push(o))
            } else {
                self.enum_value(docs).map(|v| e.values.push(v))
            };
            if result.is_err() {
                self.recover_statement();
            }
        }
    }

    fn enum_value(&mut self, docs: Vec<String>) -> PResult<EnumValue> {
        let name = self.ident("an enum value name")?;
        self.expect_punct('=')?;
        let number = match self.peek() {
            Some(TokenKind::Int(n)) => (i64::try_from(*n).unwrap_or(i64::MAX), self.span()),
            Some(TokenKind::NegInt(n)) => (*n, self.span()),
            _ => return self.fail("an enum number"),
        };
        self.pos += 1;
        self.expect_punct(';')?;
        Ok(EnumValue { docs, name, number })
    }

    fn interface(&mut self, docs: Vec<String>) -> PResult<Interface> {
        self.pos += 1;
        let name = self.ident("an interface name")?;
        self.expect_punct('{')?;
        let mut i = Interface { docs, name, options: Vec::new(), members: Vec::new() };
        loop {
            self.docs();
            if self.is_punct('}') {
                self.pos += 1;
                return Ok(i);
            }
            if self.peek().is_none() {
                return self.fail("`}` to close the interface");
            }
            let result = if self.is_keyword("option") {
                self.option().map(|o| i.options.push(o))
            } else {
                self.member().map(|m| i.members.push(m))
            };
            if result.is_err() {
                self.recover_statement();
            }
        }
    }

    fn member(&mut self) -> PResult<InterfaceMember> {
        let type_id = self.int("a type id")?;
        self.expect_punct('=')?;
        let ty = self.dotted("a message type")?;
        self.expect_punct(';')?;
        Ok(InterfaceMember { type_id, ty })
    }

    fn service(&mut self, docs: Vec<String>) -> PResult<Service> {
        self.pos += 1;
        let name = self.ident("a service name")?;
        self.expect_punct('{')?;
        let mut service = Service { docs, name, options: Vec::new(), methods: Vec::new() };
        loop {
            let docs = self.docs();
            if self.is_punct('}') {
                self.pos += 1;
                return Ok(service);
            }
            if self.peek().is_none() {
                return self.fail("`}` to close the service");
            }
            let result = if self.is_keyword("option") {
                self.option().map(|o| service.options.push(o))
            } else if self.is_keyword("rpc") {
                self.rpc(docs).map(|r| service.methods.push(r))
            } else {
                self.fail("`rpc` or `option`")
            };
            if result.is_err() {
                self.recover_statement_or_block();
            }
        }
    }

    fn rpc(&mut self, docs: Vec<String>) -> PResult<Rpc> {
        self.pos += 1;
        let name = self.ident("a method name")?;
        self.expect_punct('(')?;
        let request = self.rpc_type("a request message type")?;
        self.expect_punct(')')?;
        if self.is_keyword("returns") {
            let span = self.span();
            self.pos += 1;
            self.expect_punct('(')?;
            let response = self.rpc_type("a response message type")?;
            self.expect_punct(')')?;
            let side = |t: &RpcType| {
                let ty: Vec<&str> = t.ty.iter().map(|p| p.name.as_str()).collect();
                format!("{}{}", if t.stream { "stream " } else { "" }, ty.join("."))
            };
            let form = format!("rpc {}({}): {};", name.name, side(&request), side(&response));
            self.errors.push(
                Diagnostic::error(span, "`returns (...)` is protobuf's spelling")
                    .with_hint(format!("write `{form}`")),
            );
            let rpc = Rpc { docs, name, request, response, options: Vec::new() };
            return self.rpc_end(rpc, true);
        }
        self.expect_punct(':')?;
        let response = self.rpc_type("a response message type")?;
        self.rpc_end(Rpc { docs, name, request, response, options: Vec::new() }, false)
    }

    /// An rpc's options and its `;`. Protobuf's `{ ... }` body is skipped, and reported unless the rpc's
    /// protobuf spelling was reported already.
    fn rpc_end(&mut self, mut rpc: Rpc, reported: bool) -> PResult<Rpc> {
        rpc.options = self.bracket_options()?;
        if self.is_punct('{') {
            if !reported {
                self.errors.push(
                    Diagnostic::error(self.span(), "an rpc has no body")
                        .with_hint("end it with `;` and put options in `[name = value]` before the `;`"),
                );
            }
            self.recover_block();
            if self.is_punct(';') {
                self.pos += 1;
            }
            return Ok(rpc);
        }
        self.expect_punct(';')?;
        Ok(rpc)
    }

    fn rpc_type(&mut self, what: &str) -> PResult<RpcType> {
        let stream = self.is_keyword("stream")
            && matches!(self.tokens.get(self.pos + 1).map(|t| &t.kind), Some(TokenKind::Ident(_)));
        if stream {
            self.pos += 1;
        }
        Ok(RpcType { stream, ty: self.dotted(what)? })
    }
}
