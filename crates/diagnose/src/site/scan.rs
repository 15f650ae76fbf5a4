//! One pass of a real HTML5 tokenizer (lol_html, the streaming parser Cloudflare runs on its
//! edge) over the decoded page: every `<script>` with its attributes, its text and where both
//! are; the comments that can be our snippet's markers; whether each script sits in `<head>`.
//!
//! No tree is built, so a page of 100,000 nested elements costs what 100,000 siblings cost and
//! nothing recurses. Where the page's head ends follows the HTML standard's "in head" and
//! "after head" insertion modes: only elements allowed in `<head>`, comments and white space
//! keep it open; a script between `</head>` and `<body>` still goes into the head. Script
//! text is never run, only read.

use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;

use lol_html::html_content::{Comment, Element, TextChunk, TextType};
use lol_html::{
    doc_comments, doc_text, element, end_tag, text, HtmlRewriter, MemorySettings, Settings,
};

use super::text::LineIndex;
use crate::error::{Error, Result};

/// Attribute values longer than this are kept cut (raw, with `…`): nothing this check looks
/// for is longer, and a hostile 50 MB attribute is not copied around.
const ATTRIBUTE_CAP: usize = 16 * 1024;

/// One attribute of a script tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
    /// Lower-cased.
    pub name: String,
    /// With character references decoded; cut at [`ATTRIBUTE_CAP`] bytes.
    pub value: String,
    /// Byte offset of the attribute's name in the page.
    pub at: usize,
}

/// One `<script>` element.
#[derive(Debug, Clone)]
pub struct Script {
    /// Byte range of the start tag (`<script ...>`).
    pub tag: Range<usize>,
    pub attributes: Vec<Attribute>,
    /// Byte range of the script's text in the page (script text is raw: no references).
    pub body: Range<usize>,
    /// Inside `<head>` (or inserted into it, as a script after `</head>` is).
    pub in_head: bool,
    /// Inside a `<template>`: never runs.
    pub inert: bool,
    /// Its end tag was found.
    pub closed: bool,
}

impl Script {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|a| a.name == name)
            .map(|a| a.value.as_str())
    }

    pub fn has(&self, name: &str) -> bool {
        self.attributes.iter().any(|a| a.name == name)
    }

    pub fn attribute(&self, name: &str) -> Option<&Attribute> {
        self.attributes.iter().find(|a| a.name == name)
    }

    /// The `src` attribute, trimmed, if present and not empty.
    pub fn src(&self) -> Option<&str> {
        self.attr("src").map(str::trim).filter(|s| !s.is_empty())
    }

    /// The class list, split on white space.
    pub fn classes(&self) -> impl Iterator<Item = &str> {
        self.attr("class").unwrap_or("").split_ascii_whitespace()
    }

    /// The `type` attribute, trimmed and lower-cased ("" when absent).
    pub fn type_attr(&self) -> String {
        self.attr("type").unwrap_or("").trim().to_ascii_lowercase()
    }

    /// A classic or module script the browser runs as the page loads (HTML: a missing or
    /// JavaScript MIME type, or `module`), not held back, not inert, not JSON data.
    pub fn runs(&self) -> bool {
        !self.inert && is_javascript_type(&self.type_attr())
    }

    pub fn is_async(&self) -> bool {
        self.has("async")
    }

    pub fn is_defer(&self) -> bool {
        self.has("defer") && self.src().is_some()
    }
}

/// Decode the character references of an attribute value (lol_html hands values over as
/// written): numeric references and the named ones that occur in URLs and class lists
/// (`&amp;`, `&quot;`, `&apos;`, `&lt;`, `&gt;`, `&nbsp;`). Other named references are left as
/// written; nothing this check compares contains them.
pub fn decode_references(value: &str) -> String {
    if !value.contains('&') {
        return value.to_string();
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[1..].find(';').map(|e| e + 1).filter(|&e| e <= 32);
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "nbsp" => Some('\u{a0}'),
                _ => {
                    let number = name.strip_prefix('#')?;
                    let code = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => number.parse::<u32>().ok()?,
                    };
                    Some(
                        char::from_u32(code)
                            .filter(|&c| c != '\0')
                            .unwrap_or('\u{FFFD}'),
                    )
                }
            }?;
            Some((c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// HTML's JavaScript MIME type essence match, plus `module` and the empty/missing type.
pub fn is_javascript_type(t: &str) -> bool {
    let essence = t.split(';').next().unwrap_or("").trim();
    matches!(
        essence,
        "" | "module"
            | "application/ecmascript"
            | "application/javascript"
            | "application/x-ecmascript"
            | "application/x-javascript"
            | "text/ecmascript"
            | "text/javascript"
            | "text/javascript1.0"
            | "text/javascript1.1"
            | "text/javascript1.2"
            | "text/javascript1.3"
            | "text/javascript1.4"
            | "text/javascript1.5"
            | "text/jscript"
            | "text/livescript"
            | "text/x-ecmascript"
            | "text/x-javascript"
    )
}

/// An HTML comment the check may care about.
#[derive(Debug, Clone)]
pub struct PageComment {
    /// Byte range of the whole comment (`<!-- ... -->`).
    pub range: Range<usize>,
    pub text: String,
}

/// What the parser found.
#[derive(Debug, Clone)]
pub struct Page {
    pub text: String,
    pub lines: LineIndex,
    pub scripts: Vec<Script>,
    /// Comments that mention CallPage (candidates for snippet markers and headers).
    pub comments: Vec<PageComment>,
    /// Start tags seen.
    pub elements: usize,
    /// Where the body starts (the first thing that does not belong in `<head>`), if anywhere.
    pub body_at: Option<usize>,
    /// The page seems cut short: a byte offset and what was left open.
    pub truncated: Option<(usize, &'static str)>,
}

impl Page {
    pub fn slice(&self, range: &Range<usize>) -> &str {
        self.text.get(range.clone()).unwrap_or("")
    }

    pub fn body_text(&self, script: &Script) -> &str {
        self.slice(&script.body)
    }

    pub fn evidence(&self, offset: usize) -> crate::finding::Evidence {
        self.lines.evidence(&self.text, offset)
    }

    pub fn line(&self, offset: usize) -> usize {
        self.lines.position(&self.text, offset).0
    }
}

/// Elements that may stay in `<head>` (HTML, "in head" insertion mode).
const HEAD_ELEMENTS: &[&str] = &[
    "html", "head", "base", "basefont", "bgsound", "link", "meta", "title", "noscript", "noframes",
    "style", "script", "template",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Before `<head>` or in it.
    Head,
    /// After `</head>`: head elements still go into the head.
    AfterHead,
    Body,
}

/// What the head pass tracks.
struct HeadState {
    mode: Mode,
    body_at: Option<usize>,
    template_depth: usize,
    elements: usize,
}

/// The error a handler returns to stop the head pass once the body has started.
#[derive(Debug)]
struct BodyStarted;

impl std::fmt::Display for BodyStarted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the body started")
    }
}

impl std::error::Error for BodyStarted {}

/// What the script pass collects.
struct ScriptState {
    scripts: Vec<Script>,
    comments: Vec<PageComment>,
    template_depth: usize,
    /// The script whose text is being read (index into `scripts`).
    open_script: Option<usize>,
}

fn settings_base<'h>() -> Settings<'h, 'static> {
    Settings {
        memory_settings: MemorySettings {
            preallocated_parsing_buffer_size: 16 * 1024,
            // A tag is buffered whole; a hostile page with a 50 MB attribute is still read, but
            // nothing grows without bound.
            max_allowed_memory_usage: 512 * 1024 * 1024,
        },
        // Markup that is ambiguous without a tree (rare, non-conforming) is read the way
        // lol_html reads it rather than refused.
        strict: false,
        ..Settings::new()
    }
}

fn parser_error(error: lol_html::errors::RewritingError) -> Error {
    Error::Format {
        what: "page".into(),
        message: format!("the HTML parser stopped: {error}"),
    }
}

/// Parse a decoded page.
///
/// Two passes over the same text, both with lol_html from the first byte: the head pass looks
/// at every start tag and text node only until the body starts (where a handler stops it), so
/// that the long rest of a page costs nothing there; the script pass reads the whole page but
/// only stops at scripts, templates and comments.
pub fn scan(text: String) -> Result<Page> {
    let head = head_pass(&text)?;
    if head.elements == 0 {
        return Err(Error::Format {
            what: "page".into(),
            message: "no HTML element found: this is plain text, not a web page (save the page from the browser, or paste its HTML source)".into(),
        });
    }
    let state = script_pass(&text, head.body_at)?;
    let truncated = truncation(&text, &state);
    let lines = LineIndex::new(&text);
    Ok(Page {
        lines,
        scripts: state.scripts,
        comments: state.comments,
        elements: head.elements,
        body_at: head.body_at,
        truncated,
        text,
    })
}

/// Where the body starts (HTML's "in head" and "after head" insertion modes), reading no
/// further than the first element after that.
fn head_pass(text: &str) -> Result<HeadState> {
    let state = Rc::new(RefCell::new(HeadState {
        mode: Mode::Head,
        body_at: None,
        template_depth: 0,
        elements: 0,
    }));
    let on_element = {
        let state = Rc::clone(&state);
        move |el: &mut Element| -> lol_html::HandlerResult {
            let at = el.source_location().bytes().start;
            let name = el.tag_name();
            let mut s = state.borrow_mut();
            if s.mode == Mode::Body {
                // The body has started and an element is known to exist: nothing more to learn.
                s.elements += 1;
                return Err(Box::new(BodyStarted));
            }
            s.elements += 1;
            if s.template_depth == 0 {
                match (s.mode, name.as_str()) {
                    (_, "head") => {
                        if let Some(handlers) = el.end_tag_handlers() {
                            let state = Rc::clone(&state);
                            handlers.push(end_tag!(move |_end| {
                                let mut s = state.borrow_mut();
                                if s.mode == Mode::Head && s.template_depth == 0 {
                                    s.mode = Mode::AfterHead;
                                }
                                Ok(())
                            }));
                        }
                    }
                    (_, name) if HEAD_ELEMENTS.contains(&name) => {}
                    _ => {
                        s.mode = Mode::Body;
                        s.body_at = Some(at);
                        return Err(Box::new(BodyStarted));
                    }
                }
            }
            if name == "template" {
                s.template_depth += 1;
                if let Some(handlers) = el.end_tag_handlers() {
                    let state = Rc::clone(&state);
                    handlers.push(end_tag!(move |_end| {
                        let mut s = state.borrow_mut();
                        s.template_depth = s.template_depth.saturating_sub(1);
                        Ok(())
                    }));
                }
            }
            Ok(())
        }
    };
    let on_text = {
        let state = Rc::clone(&state);
        move |chunk: &mut TextChunk| -> lol_html::HandlerResult {
            let mut s = state.borrow_mut();
            if s.mode != Mode::Body && s.template_depth == 0 && chunk.text_type() == TextType::Data
            {
                if let Some(offset) = chunk.as_str().find(|c: char| !c.is_ascii_whitespace()) {
                    s.mode = Mode::Body;
                    s.body_at = Some(chunk.source_location().bytes().start + offset);
                    if s.elements > 0 {
                        return Err(Box::new(BodyStarted));
                    }
                }
            }
            Ok(())
        }
    };
    {
        let settings = Settings {
            element_content_handlers: vec![element!("*", on_element)],
            document_content_handlers: vec![doc_text!(on_text)],
            ..settings_base()
        };
        let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
        match rewriter
            .write(text.as_bytes())
            .and_then(|()| rewriter.end())
        {
            Ok(()) => {}
            Err(lol_html::errors::RewritingError::ContentHandlerError(e))
                if e.is::<BodyStarted>() => {}
            Err(error) => return Err(parser_error(error)),
        }
    }
    Rc::try_unwrap(state)
        .map(RefCell::into_inner)
        .map_err(|_| Error::Format {
            what: "page".into(),
            message: "internal: parser state still shared".into(),
        })
}

/// Every script (with its text), template and CallPage comment of the page.
fn script_pass(text: &str, body_at: Option<usize>) -> Result<ScriptState> {
    let state = Rc::new(RefCell::new(ScriptState {
        scripts: Vec::new(),
        comments: Vec::new(),
        template_depth: 0,
        open_script: None,
    }));
    let on_template = {
        let state = Rc::clone(&state);
        move |el: &mut Element| -> lol_html::HandlerResult {
            state.borrow_mut().template_depth += 1;
            if let Some(handlers) = el.end_tag_handlers() {
                let state = Rc::clone(&state);
                handlers.push(end_tag!(move |_end| {
                    let mut s = state.borrow_mut();
                    s.template_depth = s.template_depth.saturating_sub(1);
                    Ok(())
                }));
            }
            Ok(())
        }
    };
    let on_script = {
        let state = Rc::clone(&state);
        move |el: &mut Element| -> lol_html::HandlerResult {
            let tag = el.source_location().bytes();
            let attributes = el
                .attributes()
                .iter()
                .map(|a| {
                    let raw = a.value_source_location().map(|l| l.bytes());
                    let value = match raw {
                        Some(r) if r.len() > ATTRIBUTE_CAP => {
                            let end =
                                super::text::floor_char_boundary(text, r.start + ATTRIBUTE_CAP);
                            format!("{}…", text.get(r.start..end).unwrap_or(""))
                        }
                        _ => decode_references(&a.value()),
                    };
                    Attribute {
                        name: a.name(),
                        value,
                        at: a
                            .name_source_location()
                            .map_or(tag.start, |l| l.bytes().start),
                    }
                })
                .collect();
            let mut s = state.borrow_mut();
            let in_head = body_at.is_none_or(|b| tag.start < b);
            let inert = s.template_depth > 0;
            let index = s.scripts.len();
            s.scripts.push(Script {
                body: tag.end..tag.end,
                tag,
                attributes,
                in_head,
                inert,
                closed: false,
            });
            s.open_script = Some(index);
            if let Some(handlers) = el.end_tag_handlers() {
                let state = Rc::clone(&state);
                handlers.push(end_tag!(move |end| {
                    let mut s = state.borrow_mut();
                    if let Some(script) = s.scripts.get_mut(index) {
                        script.closed = true;
                        // Empty scripts have no text chunk: the body ends at the end tag.
                        if script.body.is_empty() {
                            let at = end.source_location().bytes().start;
                            script.body = at..at;
                        }
                    }
                    s.open_script = None;
                    Ok(())
                }));
            }
            Ok(())
        }
    };
    let on_script_text = {
        let state = Rc::clone(&state);
        move |chunk: &mut TextChunk| -> lol_html::HandlerResult {
            let range = chunk.source_location().bytes();
            let mut s = state.borrow_mut();
            if let Some(index) = s.open_script {
                if let Some(script) = s.scripts.get_mut(index) {
                    if script.body.is_empty() && !range.is_empty() {
                        script.body = range;
                    } else if !range.is_empty() {
                        script.body.end = range.end.max(script.body.end);
                    }
                }
            }
            Ok(())
        }
    };
    let on_comment = {
        let state = Rc::clone(&state);
        move |comment: &mut Comment| -> lol_html::HandlerResult {
            let text = comment.text();
            if text.contains("callpage-snippet") || text.contains("CallPage") {
                state.borrow_mut().comments.push(PageComment {
                    range: comment.source_location().bytes(),
                    text,
                });
            }
            Ok(())
        }
    };
    {
        let settings = Settings {
            element_content_handlers: vec![
                element!("template", on_template),
                element!("script", on_script),
                text!("script", on_script_text),
            ],
            document_content_handlers: vec![doc_comments!(on_comment)],
            ..settings_base()
        };
        let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
        rewriter
            .write(text.as_bytes())
            .and_then(|()| rewriter.end())
            .map_err(parser_error)?;
    }
    Rc::try_unwrap(state)
        .map(RefCell::into_inner)
        .map_err(|_| Error::Format {
            what: "page".into(),
            message: "internal: parser state still shared".into(),
        })
}

/// Where the page looks cut short: a script with no end tag, a comment with no `-->`, or a tag
/// still open at the end of the text.
fn truncation(text: &str, state: &ScriptState) -> Option<(usize, &'static str)> {
    if let Some(script) = state.scripts.iter().find(|s| !s.closed) {
        return Some((script.tag.start, "a <script> element"));
    }
    if let Some(comment) = state
        .comments
        .iter()
        .find(|c| !text.get(c.range.clone()).unwrap_or("").ends_with('>'))
    {
        return Some((comment.range.start, "a comment"));
    }
    let last_open = text.rfind('<')?;
    let after = &text[last_open + 1..];
    let starts_tag = after
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
    if starts_tag && !after.contains('>') {
        return Some((last_open, "a tag"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(html: &str) -> Page {
        scan(html.to_string()).unwrap()
    }

    #[test]
    fn scripts_have_attributes_text_and_places() {
        let p = page("<!doctype html>\n<html><head>\n  <script src=\"a.js\" ASYNC data-x='1&amp;2'></script>\n<script>var a = '<b>';</script></head><body><script type=\"text/plain\">x</script></body>");
        assert_eq!(p.scripts.len(), 3);
        let a = &p.scripts[0];
        assert_eq!(a.src(), Some("a.js"));
        assert!(a.is_async());
        assert_eq!(a.attr("data-x"), Some("1&2"));
        assert_eq!(p.lines.position(&p.text, a.tag.start), (3, 3));
        assert!(a.in_head && a.runs());
        assert_eq!(p.body_text(&p.scripts[1]), "var a = '<b>';");
        assert!(!p.scripts[2].in_head && !p.scripts[2].runs());
        assert!(p.truncated.is_none());
    }

    #[test]
    fn head_ends_where_the_standard_says() {
        // A script after </head> still goes into the head; a <div> in head starts the body.
        let p = page("<head><title>t</title></head>\n<script>1</script><body><script>2</script>");
        assert!(p.scripts[0].in_head);
        assert!(!p.scripts[1].in_head);
        let p = page("<head><meta charset=utf-8><div>x</div><script>1</script></head>");
        assert!(!p.scripts[0].in_head);
        let p = page("<html>text first<script>1</script>");
        assert!(!p.scripts[0].in_head);
        let p = page("<template><div></div></template><script>1</script>");
        assert!(
            p.scripts[0].in_head,
            "a template's content does not end the head"
        );
    }

    #[test]
    fn scripts_in_templates_and_noscript_never_run() {
        let p = page("<template><script>a()</script></template><noscript><script>b()</script></noscript><script>c()</script>");
        // noscript is raw text when scripting is on: its script is not an element at all.
        assert_eq!(p.scripts.len(), 2);
        assert!(p.scripts[0].inert && !p.scripts[0].runs());
        assert!(p.scripts[1].runs());
    }

    #[test]
    fn comments_about_callpage_are_kept_with_places() {
        let p = page("<head><!-- other --><!-- callpage-snippet {\"a\":1} --><script></script><!-- /callpage-snippet -->");
        assert_eq!(p.comments.len(), 2);
        assert_eq!(p.comments[0].text, " callpage-snippet {\"a\":1} ");
        assert_eq!(p.slice(&p.comments[1].range), "<!-- /callpage-snippet -->");
    }

    #[test]
    fn cut_pages_are_noticed() {
        assert_eq!(
            page("<head><script>var a = 1;").truncated.map(|t| t.1),
            Some("a <script> element")
        );
        assert_eq!(
            page("<p>x</p><!-- CallPage").truncated.map(|t| t.1),
            Some("a comment")
        );
        assert_eq!(page("<p>x</p><scri").truncated.map(|t| t.1), Some("a tag"));
        assert_eq!(page("<p>1 < 2</p>").truncated, None);
    }

    #[test]
    fn references_in_attribute_values_are_decoded() {
        assert_eq!(
            decode_references("a&amp;b&#38;c&#x26;d&quot;&unknown;&"),
            "a&b&c&d\"&unknown;&"
        );
        assert_eq!(decode_references("&#0;&#xD800;"), "\u{FFFD}\u{FFFD}");
    }

    #[test]
    fn plain_text_is_not_a_page() {
        let err = scan("just some words".into()).unwrap_err().to_string();
        assert!(err.contains("no HTML element"), "{err}");
    }
}
