//! The site host of the live consent preview (issue 17).
//!
//! The app's window shows the account's snippet running on a test site in a frame. That
//! frame's pages come from here: a small HTTP server on 127.0.0.1 that the window's webview
//! uses as its **proxy**, so the pages keep real names (`http://v1-….preview.test/` for the
//! site, `cdn-widget.callpage.io` for the widget) without a DNS entry, and so that **nothing
//! leaves the machine**: every request for any other host, and every `CONNECT` tunnel, is
//! refused here.
//!
//! The site is the same set of files the browser proof serves (`<repo>/preview`, embedded at
//! compile time: page template, targets, CMP models, the vendored real CMP code, the widget
//! emulator), so the preview and the proof cannot drift apart. What differs is said in
//! `preview/README.md`.
//!
//! Knows nothing of Tauri: the shell starts a [`PreviewHost`], points its webview at
//! [`PreviewHost::proxy_url`] and calls [`PreviewHost::show`].

mod assets;
mod error;
mod http;
mod routes;
mod scene;
mod server;

pub use error::PreviewError;
pub use scene::{Scene, Shown};
pub use server::PreviewHost;

/// The site's domain: each visitor gets a host under it (`v<visitor>-<token>.preview.test`),
/// so that "start over as a new visitor" starts with no cookies and no storage at all.
/// `.test` is reserved (RFC 2606): the name can never reach a real site.
pub const SITE_DOMAIN: &str = "preview.test";

/// The widget's real host and path, as the snippets carry them; answered with the emulator.
pub const WIDGET_HOST: &str = "cdn-widget.callpage.io";
pub const WIDGET_PATH: &str = "/build/js/callpage.js";

/// The Content-Security-Policy of every preview response: scripts and styles of the site and
/// the widget only, inline ones allowed (a snippet is inline code), every connection to the
/// site itself, nothing else.
pub const CSP: &str = "default-src 'self'; \
script-src 'self' 'unsafe-inline' http://cdn-widget.callpage.io; \
style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; \
connect-src 'self'; frame-src 'self'; worker-src 'none'; media-src 'none'; object-src 'none'; \
base-uri 'self'; form-action 'self'";
