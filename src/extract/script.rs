//! JavaScript and TypeScript (with JSX) → copy segments, parsed with oxc's parser.
//!
//! Owns: what copy is in a script (JSX text; string and template-literal children of JSX;
//! the user-visible attributes and copy props; string values of objects under a copy key;
//! the strings of an exported page `metadata`), what never is (imports and exports from
//! other modules, `className`/`style`/`href`/`src`/`id`/`key`, test ids, identifiers,
//! console and error strings, template literals outside JSX, type annotations), and the
//! literal each segment sits in (so a fix keeps quotes and escapes valid).
//! Must not: fold text or match phrases.

use crate::document::{Literal, Scope, Segment};
use crate::extract::Unreadable;
use oxc_allocator::Allocator;
use oxc_ast::ast::*;
use oxc_ast_visit::{Visit, walk};
use oxc_span::SourceType;

/// HTML elements whose content is not copy (as in the HTML reader).
const SKIP: &[&str] = &[
    "script", "style", "code", "pre", "kbd", "samp", "svg", "math", "textarea", "select", "iframe",
    "object", "canvas", "noscript", "template",
];
/// Elements that continue the sentence around them; every other element (and every
/// component) is a block of its own.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "data", "dfn", "em", "i", "mark", "q", "s", "small",
    "span", "strong", "sub", "sup", "time", "u", "var", "wbr", "br", "del", "ins", "label",
];

/// Words that make an attribute, a prop or an object key copy when the name is that word or
/// ends with it as its last camelCase, kebab-case or snake_case word (`title`, `ctaText`,
/// `hero-subtitle`, `meta_description`).
pub const COPY_WORDS: &[&str] = &[
    "alt",
    "title",
    "subtitle",
    "headline",
    "heading",
    "description",
    "tagline",
    "text",
    "caption",
    "cta",
    "label",
    "placeholder",
    "summary",
    "excerpt",
    "eyebrow",
    "blurb",
    "tooltip",
    "lead",
    "subheading",
    "strapline",
];

/// Whether an attribute, prop or key names copy. `aria-label`, `aria-description` count;
/// `data-*`, test ids and anything whose last word is not a copy word do not.
pub fn copy_name(name: &str) -> bool {
    if name.starts_with("data-") || name.eq_ignore_ascii_case("testid") {
        return false;
    }
    let last = last_word(name);
    COPY_WORDS.iter().any(|w| last.eq_ignore_ascii_case(w))
}

/// The last word of a camelCase, kebab-case or snake_case name.
fn last_word(name: &str) -> &str {
    let cut = name
        .char_indices()
        .rev()
        .find(|(i, c)| {
            *c == '-'
                || *c == '_'
                || *c == ':'
                || *c == '.'
                || (c.is_ascii_uppercase()
                    && *i > 0
                    && name[..*i]
                        .chars()
                        .next_back()
                        .is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit()))
        })
        .map_or(0, |(i, c)| if c.is_ascii_uppercase() { i } else { i + 1 });
    &name[cut..]
}

/// The scope a copy name gives its segment.
pub fn scope_of_name(name: &str, component: bool) -> Scope {
    match last_word(name).to_ascii_lowercase().as_str() {
        "alt" => Scope::Alt,
        "description" | "summary" | "excerpt" => Scope::Meta,
        "title" | "headline" | "heading" | "subheading" if component => Scope::Heading,
        _ => Scope::Body,
    }
}

/// Characters a replacement may not bring into JSX text.
const JSX_TEXT_FORBID: &str = "{}<>";

/// Segments of a script at `base` in the file's source (`src` is the script alone).
pub fn read(
    src: &str,
    base: usize,
    source_type: SourceType,
    segments: &mut Vec<Segment>,
    literals: &mut Vec<Literal>,
) -> Result<(), Unreadable> {
    let alloc = Allocator::default();
    let ret = oxc_parser::Parser::new(&alloc, src, source_type).parse();
    if ret.panicked {
        let at = ret
            .errors
            .first()
            .and_then(|e| e.labels.as_ref()?.first().map(|l| l.offset()))
            .unwrap_or(0);
        let (line, col) = line_col(src, at);
        let what = ret
            .errors
            .first()
            .map_or_else(|| "syntax error".to_owned(), |e| e.message.to_string());
        return Err(Unreadable(format!(
            "not valid {}: {what} at {line}:{col} of the script",
            if source_type.is_typescript() {
                "TypeScript"
            } else {
                "JavaScript"
            }
        )));
    }
    let mut v = Reader {
        src,
        base,
        out: segments,
        literals,
        cur: None,
        scope_stack: Vec::new(),
        metadata: 0,
    };
    v.visit_program(&ret.program);
    v.flush();
    Ok(())
}

fn line_col(src: &str, at: usize) -> (usize, usize) {
    let at = crate::document::floor_char(src, at);
    let before = &src[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

struct Reader<'s, 'o> {
    src: &'s str,
    base: usize,
    out: &'o mut Vec<Segment>,
    literals: &'o mut Vec<Literal>,
    /// The JSX block being read (text and inline elements join it).
    cur: Option<Segment>,
    /// The scope of the JSX block element around the text.
    scope_stack: Vec<Scope>,
    /// Inside `export const metadata = {…}` (Next.js): every string is copy.
    metadata: usize,
}

impl<'s> Reader<'s, '_> {
    fn flush(&mut self) {
        if let Some(s) = self.cur.take()
            && s.text.chars().any(char::is_alphabetic)
        {
            self.out.push(s);
        }
    }

    fn scope(&self) -> Scope {
        self.scope_stack.last().copied().unwrap_or(Scope::Body)
    }

    fn cur(&mut self) -> &mut Segment {
        let scope = self.scope();
        self.cur.get_or_insert_with(|| Segment::new(scope))
    }

    /// JSX text: lines trimmed and joined by a space, as React renders it; entities
    /// decoded.
    fn jsx_text(&mut self, t: &JSXText) {
        let (start, end) = (t.span.start as usize, t.span.end as usize);
        let Some(raw) = self.src.get(start..end) else {
            return;
        };
        let mut offset = start;
        let lines: Vec<&str> = raw.split('\n').collect();
        let n = lines.len();
        for (i, line) in lines.iter().enumerate() {
            let line_start = offset;
            offset += line.len() + 1;
            // React trims whitespace around line breaks, not inside a line.
            let mut l = *line;
            let mut lead = 0;
            if i > 0 {
                lead = l.len() - l.trim_start().len();
                l = l.trim_start();
            }
            if i + 1 < n {
                l = l.trim_end();
            }
            let l = l.trim_end_matches('\r');
            if l.is_empty() {
                continue;
            }
            let at = line_start + lead;
            let base = self.base;
            let seg = self.cur();
            if !seg.text.is_empty() && i > 0 && !seg.text.ends_with(char::is_whitespace) {
                seg.push_synthetic(" ");
            }
            push_entities(seg, l, base + at);
            self.literals.push(Literal {
                range: self.base + at..self.base + at + l.len(),
                forbid: JSX_TEXT_FORBID,
            });
        }
    }

    /// A string literal's content (between its quotes) into `seg`.
    fn string(&mut self, s: &StringLiteral, seg: &mut Segment, jsx_attr: bool) {
        let (start, end) = (s.span.start as usize, s.span.end as usize);
        if end < start + 2 {
            return;
        }
        let Some(raw) = self.src.get(start + 1..end - 1) else {
            return;
        };
        let quote = match self.src.as_bytes().get(start) {
            Some(b'\'') => "'\\\n\r",
            _ => "\"\\\n\r",
        };
        if jsx_attr {
            // JSX attribute strings have no backslash escapes; entities are decoded.
            push_entities(seg, raw, self.base + start + 1);
        } else if s.value.as_str() == raw {
            seg.push_exact(raw, self.base + start + 1);
        } else {
            crate::extract::align(seg, s.value.as_str(), raw, self.base + start + 1);
        }
        self.literals.push(Literal {
            range: self.base + start + 1..self.base + end - 1,
            forbid: if jsx_attr { &quote[..1] } else { quote },
        });
    }

    /// A template literal's text parts into `seg`, its `${…}` as an opaque placeholder.
    fn template(&mut self, t: &TemplateLiteral, seg: &mut Segment) {
        for (i, q) in t.quasis.iter().enumerate() {
            if i > 0 {
                seg.push_synthetic("{…}");
            }
            let (start, end) = (q.span.start as usize, q.span.end as usize);
            let Some(raw) = self.src.get(start..end) else {
                continue;
            };
            match q.value.cooked.as_ref() {
                Some(c) if c.as_str() == raw => seg.push_exact(raw, self.base + start),
                Some(c) => crate::extract::align(seg, c.as_str(), raw, self.base + start),
                None => continue,
            }
            self.literals.push(Literal {
                range: self.base + start..self.base + end,
                forbid: "`\\$\n\r",
            });
        }
    }

    /// A stand-alone copy value (an attribute, a prop, an object value) as its own segment.
    fn value_segment(&mut self, e: &Expression, scope: Scope) {
        let mut seg = Segment::new(scope);
        match e {
            Expression::StringLiteral(s) => self.string(s, &mut seg, false),
            Expression::TemplateLiteral(t) => self.template(t, &mut seg),
            _ => return,
        }
        if seg.text.chars().any(char::is_alphabetic) && !looks_like_code(&seg.text) {
            self.out.push(seg);
        }
    }

    fn attribute(&mut self, el: &str, component: bool, a: &JSXAttribute<'_>, meta_key: bool) {
        let name = match &a.name {
            JSXAttributeName::Identifier(i) => i.name.as_str(),
            JSXAttributeName::NamespacedName(n) => n.name.name.as_str(),
        };
        let copy = match name {
            "content" => el == "meta" && meta_key,
            "aria-label" | "aria-description" | "aria-roledescription" => true,
            "value" => el == "option" || el == "button",
            n => copy_name(n),
        };
        if !copy {
            return;
        }
        let scope = if name == "content" {
            Scope::Meta
        } else {
            scope_of_name(name, component)
        };
        match &a.value {
            Some(JSXAttributeValue::StringLiteral(s)) => {
                let mut seg = Segment::new(scope);
                self.string(s, &mut seg, true);
                if seg.text.chars().any(char::is_alphabetic) && !looks_like_code(&seg.text) {
                    self.out.push(seg);
                }
            }
            Some(JSXAttributeValue::ExpressionContainer(c)) => {
                if let Some(e) = c.expression.as_expression() {
                    self.value_segment(e, scope);
                }
            }
            _ => {}
        }
    }
}

/// A value that is code or a key, not a sentence: no space and a path, URL, identifier or
/// class-list shape (`/pricing`, `https://…`, `hero.title`, `btn-primary`, `ctaText`).
fn looks_like_code(t: &str) -> bool {
    let t = t.trim();
    if t.contains(char::is_whitespace) {
        return t.starts_with("http://") || t.starts_with("https://");
    }
    t.contains(['/', '.', '_', '#', '@', '=', '{', '}', '<', '>'])
        || (t.contains('-') && t.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
        || (t.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && t.chars().skip(1).any(|c| c.is_ascii_uppercase()))
}

/// Append JSX text or an attribute value with its HTML entities decoded, each entity mapped
/// to its whole source.
fn push_entities(seg: &mut Segment, raw: &str, at: usize) {
    if !raw.contains('&') {
        seg.push_exact(raw, at);
        return;
    }
    let mut last = 0;
    let mut i = 0;
    while let Some(off) = raw[i..].find('&') {
        let amp = i + off;
        let end = raw[amp..]
            .char_indices()
            .take(12)
            .find(|(_, c)| *c == ';')
            .map(|(j, _)| amp + j + 1);
        let decoded = end.and_then(|e| entity(&raw[amp + 1..e - 1]));
        match (end, decoded) {
            (Some(e), Some(d)) => {
                if amp > last {
                    seg.push_exact(&raw[last..amp], at + last);
                }
                let mut buf = [0u8; 4];
                seg.push_mapped(d.encode_utf8(&mut buf), at + amp..at + e);
                last = e;
                i = e;
            }
            _ => i = amp + 1,
        }
    }
    if last < raw.len() {
        seg.push_exact(&raw[last..], at + last);
    }
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let n = match num.strip_prefix(['x', 'X']) {
            Some(h) => u32::from_str_radix(h, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(n);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "rsquo" => '\u{2019}',
        "lsquo" => '\u{2018}',
        "rdquo" => '\u{201d}',
        "ldquo" => '\u{201c}',
        "mdash" => '\u{2014}',
        "ndash" => '\u{2013}',
        "hellip" => '\u{2026}',
        "copy" => '\u{a9}',
        "reg" => '\u{ae}',
        "trade" => '\u{2122}',
        "middot" => '\u{b7}',
        "bull" => '\u{2022}',
        "times" => '\u{d7}',
        "rarr" => '\u{2192}',
        "larr" => '\u{2190}',
        _ => return None,
    })
}

fn element_name(n: &JSXElementName) -> (String, bool) {
    match n {
        JSXElementName::Identifier(i) => (i.name.to_string(), false),
        JSXElementName::IdentifierReference(r) => (r.name.to_string(), true),
        JSXElementName::NamespacedName(n) => (n.name.name.to_string(), false),
        JSXElementName::MemberExpression(m) => (m.property.name.to_string(), true),
        JSXElementName::ThisExpression(_) => (String::new(), true),
    }
}

fn heading_scope(name: &str) -> Option<Scope> {
    Some(match name {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Scope::Heading,
        "li" | "dt" | "dd" => Scope::ListItem,
        "title" => Scope::Title,
        "tr" => Scope::TableRow,
        _ => return None,
    })
}

impl<'a> Visit<'a> for Reader<'_, '_> {
    // Never copy: module paths, error and console strings, types.
    fn visit_import_declaration(&mut self, _: &ImportDeclaration<'a>) {}
    fn visit_export_all_declaration(&mut self, _: &ExportAllDeclaration<'a>) {}
    fn visit_import_expression(&mut self, _: &ImportExpression<'a>) {}
    fn visit_throw_statement(&mut self, _: &ThrowStatement<'a>) {}
    fn visit_ts_type(&mut self, _: &TSType<'a>) {}
    fn visit_tagged_template_expression(&mut self, _: &TaggedTemplateExpression<'a>) {}

    fn visit_new_expression(&mut self, it: &NewExpression<'a>) {
        if let Expression::Identifier(id) = &it.callee
            && id.name.ends_with("Error")
        {
            return;
        }
        walk::walk_new_expression(self, it);
    }

    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        // console.log(…), require(…), t.is(…): not copy.
        let callee = it.callee.without_parentheses();
        let skip = match callee {
            Expression::StaticMemberExpression(m) => matches!(
                &m.object,
                Expression::Identifier(o) if o.name == "console"
            ),
            Expression::Identifier(id) => {
                matches!(
                    id.name.as_str(),
                    "require" | "Error" | "assert" | "invariant"
                )
            }
            _ => false,
        };
        if !skip {
            walk::walk_call_expression(self, it);
        }
    }

    fn visit_export_named_declaration(&mut self, it: &ExportNamedDeclaration<'a>) {
        if it.source.is_some() {
            return;
        }
        let metadata = matches!(&it.declaration, Some(Declaration::VariableDeclaration(d))
            if d.declarations.iter().any(|v| matches!(&v.id.kind,
                BindingPatternKind::BindingIdentifier(b) if b.name == "metadata")));
        self.metadata += usize::from(metadata);
        walk::walk_export_named_declaration(self, it);
        self.metadata -= usize::from(metadata);
    }

    fn visit_object_property(&mut self, it: &ObjectProperty<'a>) {
        let key = match &it.key {
            PropertyKey::StaticIdentifier(i) => Some(i.name.as_str()),
            PropertyKey::StringLiteral(s) => Some(s.value.as_str()),
            _ => None,
        };
        if let Some(k) = key
            && !it.computed
            && matches!(
                it.value,
                Expression::StringLiteral(_) | Expression::TemplateLiteral(_)
            )
        {
            let is_copy = copy_name(k)
                || (self.metadata > 0
                    && crate::extract::data::copy_key(k)
                    && !matches!(
                        k,
                        "url"
                            | "href"
                            | "src"
                            | "type"
                            | "locale"
                            | "siteName"
                            | "card"
                            | "creator"
                            | "site"
                            | "canonical"
                            | "metadataBase"
                            | "themeColor"
                            | "robots"
                            | "icon"
                            | "images"
                            | "image"
                    ));
            if is_copy {
                let scope = if self.metadata > 0 {
                    match last_word(k).to_ascii_lowercase().as_str() {
                        "title" => Scope::Title,
                        "description" => Scope::Meta,
                        _ => Scope::Meta,
                    }
                } else {
                    scope_of_name(k, true)
                };
                self.value_segment(&it.value, scope);
            }
            return;
        }
        walk::walk_object_property(self, it);
    }

    fn visit_jsx_fragment(&mut self, it: &JSXFragment<'a>) {
        for c in &it.children {
            self.jsx_child(c);
        }
    }

    fn visit_jsx_element(&mut self, it: &JSXElement<'a>) {
        let (name, component) = element_name(&it.opening_element.name);
        let component = component || name.chars().next().is_some_and(char::is_uppercase);
        let lower = if component {
            String::new()
        } else {
            name.to_ascii_lowercase()
        };
        let meta_key = lower == "meta"
            && it.opening_element.attributes.iter().any(|a| {
                let JSXAttributeItem::Attribute(a) = a else {
                    return false;
                };
                let JSXAttributeName::Identifier(n) = &a.name else {
                    return false;
                };
                if n.name != "name" && n.name != "property" {
                    return false;
                }
                matches!(&a.value, Some(JSXAttributeValue::StringLiteral(s))
                    if matches!(s.value.as_str(),
                        "description" | "og:description" | "twitter:description"
                        | "og:title" | "twitter:title"))
            });
        let hidden = it.opening_element.attributes.iter().any(|a| {
            matches!(a, JSXAttributeItem::Attribute(a)
                if matches!(&a.name, JSXAttributeName::Identifier(n)
                    if n.name == "hidden" || (n.name == "aria-hidden"
                        && !matches!(&a.value, Some(JSXAttributeValue::StringLiteral(s)) if s.value == "false"))))
        });
        // Attributes: their own segments (they are read before the element's text).
        let saved = self.cur.take();
        for a in &it.opening_element.attributes {
            match a {
                JSXAttributeItem::Attribute(a) => {
                    self.attribute(&lower, component, a, meta_key);
                    // Expressions in attributes can hold JSX (`icon={<Icon/>}`) and objects.
                    if let Some(JSXAttributeValue::ExpressionContainer(c)) = &a.value
                        && let Some(e) = c.expression.as_expression()
                        && !matches!(
                            e,
                            Expression::StringLiteral(_) | Expression::TemplateLiteral(_)
                        )
                    {
                        self.visit_expression(e);
                    }
                    if let Some(JSXAttributeValue::Element(e)) = &a.value {
                        self.visit_jsx_element(e);
                    }
                }
                JSXAttributeItem::SpreadAttribute(s) => self.visit_expression(&s.argument),
            }
        }
        self.cur = saved;
        if hidden || SKIP.contains(&lower.as_str()) {
            return;
        }
        let inline = !component && INLINE.contains(&lower.as_str());
        if lower == "br" {
            if let Some(s) = self.cur.as_mut() {
                s.push_synthetic("\n");
            }
            return;
        }
        if inline && self.cur.is_some() {
            for c in &it.children {
                self.jsx_child(c);
            }
            return;
        }
        // A block: the text around it is another segment, resumed after it.
        let outer = self.cur.take();
        let scope = heading_scope(&lower).unwrap_or_else(|| self.scope());
        self.scope_stack.push(scope);
        for c in &it.children {
            self.jsx_child(c);
        }
        self.flush();
        self.scope_stack.pop();
        self.cur = outer;
    }
}

impl<'a> Reader<'_, '_> {
    /// The string literals a conditional or logical expression yields (through
    /// parentheses), each pushed as a segment.
    fn branch_strings(&mut self, e: &Expression<'a>) {
        match e {
            Expression::ConditionalExpression(c) => {
                self.branch_strings(&c.consequent);
                self.branch_strings(&c.alternate);
            }
            Expression::LogicalExpression(l) => self.branch_strings(&l.right),
            Expression::ParenthesizedExpression(p) => self.branch_strings(&p.expression),
            // Words a reader sees: a space or a capital ("Start free", "Monthly"); a bare
            // lowercase word is more often a class name or a key ("active").
            Expression::StringLiteral(s)
                if s.value.chars().any(char::is_alphabetic)
                    && (s.value.trim().contains(' ')
                        || s.value.trim().starts_with(char::is_uppercase))
                    && !looks_like_code(&s.value) =>
            {
                let mut seg = Segment::new(self.scope());
                self.string(s, &mut seg, false);
                self.cur = Some(seg);
                self.flush();
            }
            _ => {}
        }
    }

    fn jsx_child(&mut self, c: &JSXChild<'a>) {
        match c {
            JSXChild::Text(t) => self.jsx_text(t),
            JSXChild::Element(e) => self.visit_jsx_element(e),
            JSXChild::Fragment(f) => self.visit_jsx_fragment(f),
            JSXChild::Spread(s) => self.visit_expression(&s.expression),
            JSXChild::ExpressionContainer(e) => {
                let Some(expr) = e.expression.as_expression() else {
                    return; // {/* a comment */}
                };
                match expr {
                    Expression::StringLiteral(s) => {
                        let mut seg = self
                            .cur
                            .take()
                            .unwrap_or_else(|| Segment::new(self.scope()));
                        self.string(s, &mut seg, false);
                        self.cur = Some(seg);
                    }
                    Expression::TemplateLiteral(t) => {
                        let mut seg = self
                            .cur
                            .take()
                            .unwrap_or_else(|| Segment::new(self.scope()));
                        self.template(t, &mut seg);
                        self.cur = Some(seg);
                    }
                    other => {
                        // An expression is opaque where it stands; JSX inside it is read as
                        // blocks of its own.
                        if let Some(s) = self.cur.as_mut()
                            && !s.text.is_empty()
                        {
                            s.push_synthetic("{…}");
                        }
                        let outer = self.cur.take();
                        // The strings a condition chooses between are copy, each a segment
                        // of its own: `{plan ? "Upgrade now" : "Start free"}`, `{x && "New"}`.
                        self.branch_strings(other);
                        self.visit_expression(other);
                        self.flush();
                        self.cur = outer;
                        if let Some(s) = self.cur.as_mut()
                            && !s.text.is_empty()
                            && !s.text.ends_with('}')
                        {
                            s.push_synthetic("{…}");
                        }
                    }
                }
            }
        }
    }
}

/// The source type of a script file by its extension (`.js` files may hold JSX).
pub fn source_type(ext: &str) -> SourceType {
    match ext {
        "ts" | "mts" | "cts" => SourceType::ts(),
        "tsx" => SourceType::tsx(),
        "cjs" => SourceType::cjs().with_jsx(true),
        _ => SourceType::mjs().with_jsx(true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_tsx(src: &str) -> Vec<(String, Scope, String)> {
        let mut segs = Vec::new();
        let mut lits = Vec::new();
        read(src, 0, SourceType::tsx(), &mut segs, &mut lits).expect("parses");
        segs.iter()
            .map(|s| {
                let w = s.text.split_whitespace().collect::<Vec<_>>().join(" ");
                let first = s.pieces.first().map_or(0, |p| p.src as usize);
                (w, s.scope, src[first..].chars().take(8).collect())
            })
            .collect()
    }

    #[test]
    fn strings_a_condition_chooses_between_are_copy() {
        let src = "export default () => <p>{pro ? \"Upgrade to Pro\" : \"Start free\"} {on && \"Monthly\"} <b className={on ? \"active\" : \"idle\"}>x</b> {open ? \"btn-open\" : \"closed\"}</p>;\n";
        let (mut segs, mut lits) = (Vec::new(), Vec::new());
        read(src, 0, SourceType::tsx(), &mut segs, &mut lits).expect("parses");
        let texts: Vec<&str> = segs.iter().map(|s| s.text.as_str()).collect();
        assert!(texts.contains(&"Upgrade to Pro"), "{texts:?}");
        assert!(texts.contains(&"Start free"), "{texts:?}");
        assert!(texts.contains(&"Monthly"), "{texts:?}");
        for never in ["active", "idle", "btn-open", "closed"] {
            assert!(
                !texts.iter().any(|t| t.contains(never)),
                "{never}: {texts:?}"
            );
        }
        // Each is a literal a fix may edit.
        let at = src.find("Start free").expect("there");
        assert!(lits.iter().any(|l| l.range.start == at));
    }

    #[test]
    fn names() {
        assert!(copy_name("title") && copy_name("ctaText") && copy_name("hero-subtitle"));
        assert!(copy_name("meta_description") && copy_name("aria-label"));
        assert!(!copy_name("className") && !copy_name("titleId") && !copy_name("context"));
        assert!(!copy_name("data-title") && !copy_name("href") && !copy_name("key"));
    }

    #[test]
    fn jsx_copy_and_not() {
        let src = r#"import Hero from "@/components/Hero Banner";
import "./styles.css";
export const metadata = { title: "Lumora pricing", description: "Plans for teams", metadataBase: new URL("https://x.io") };
const cls = `grid ${x}`;
export default function Page() {
  console.log("Lumora debug line");
  if (!ok) throw new Error("Lumora failed hard");
  const features = [{ title: "Fast setup", icon: "bolt", description: "Ready in a day" }];
  return (
    <main className="hero main-grid" id="top">
      <Hero title="The best help desk" ctaText="Start now" href="/start" data-testid="hero block" />
      <h1>Welcome to <strong>Lumora</strong> &amp; friends</h1>
      <p>
        Our platform serves {count} teams
        and {"quoted child"} words.
      </p>
      <img src="/a.png" alt="Team photo" />
      {items.map((i) => <li key={i.id}>Item {i.name}</li>)}
      <code>not copy</code>
    </main>
  );
}
"#;
        let t = read_tsx(src);
        let texts: Vec<&str> = t.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Lumora pricing",
                "Plans for teams",
                "Fast setup",
                "Ready in a day",
                "The best help desk",
                "Start now",
                "Welcome to Lumora & friends",
                "Our platform serves {…} teams and quoted child words.",
                "Team photo",
                "Item {…}",
            ],
            "{t:?}"
        );
        assert_eq!(t[0].1, Scope::Title);
        assert_eq!(t[1].1, Scope::Meta);
        assert_eq!(t[4].1, Scope::Heading);
        assert_eq!(t[6].1, Scope::Heading);
        assert_eq!(t[8].1, Scope::Alt);
        assert_eq!(t[9].1, Scope::ListItem);
    }

    #[test]
    fn spans_and_literals() {
        let src = "const a = <p title='It\u{2019}s fine'>Say &ldquo;Lumora&rdquo; {`now ${x} Lumora`}</p>;\nconst b = { label: \"Tab\\tLumora\" };";
        let mut segs = Vec::new();
        let mut lits = Vec::new();
        read(src, 0, SourceType::tsx(), &mut segs, &mut lits).expect("parses");
        for s in &segs {
            let mut from = 0;
            while let Some(i) = s.text[from..].find("Lumora") {
                let at = from + i;
                assert_eq!(&src[s.source_range(at..at + 6)], "Lumora", "{:?}", s.text);
                let r = s.source_range(at..at + 6);
                assert!(
                    lits.iter()
                        .any(|l| l.range.start <= r.start && r.end <= l.range.end),
                    "{r:?} in a literal"
                );
                from = at + 6;
            }
        }
        assert!(segs.iter().any(|s| s.text.contains("Tab\tLumora")));
    }

    #[test]
    fn syntax_error_is_unreadable_with_a_place() {
        let mut segs = Vec::new();
        let mut lits = Vec::new();
        let e = read("const = ;\n", 0, SourceType::tsx(), &mut segs, &mut lits);
        if let Err(e) = e {
            assert!(e.0.contains("1:"), "{}", e.0);
        }
    }
}
