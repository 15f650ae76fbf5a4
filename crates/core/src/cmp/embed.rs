//! The CallPage widget embed, after the official snippet's pattern (cmp-facts.md §5): it loads
//! `callpage.js` asynchronously with a cache-busting `?v=` taken from the version cookie (or
//! today's date), installs the `window.callpage` command queue and sets
//! `window.callpage.__cp = {id, version}`. It always loads: the widget's core needs no consent.
//!
//! Unlike the official snippet it does not load a Babel polyfill from a third-party CDN, and it
//! does not `alert()` when the queue already exists (the consent bridge may have installed the
//! same queue first); it reuses it.
//!
//! For CMPs that block scripts by themselves, the created `<script>` gets the CMP's exemption
//! attributes ([`super::AutoBlocking::element_attributes`]) with `setAttribute`, before its
//! `type` and `src`: blockers that patch `document.createElement` (OneTrust's OtAutoBlock,
//! CookieYes) decide once, when `src` is assigned (docs/auto-blocking.md §0).

use super::bridge::queue_fn;
use super::escape::{comment_text, js_str, js_value};
use super::{fill, CmpFacts, Context, SnippetOut};
use crate::catalog::StorageType;

/// Where the widget script lives. The one place this URL is written.
pub const WIDGET_SCRIPT_URL: &str = "https://cdn-widget.callpage.io/build/js/callpage.js";

/// The `version` the official embed puts in `__cp`.
pub const EMBED_VERSION: &str = "1.1";

/// The widget script URL for a configuration (its `cmp_settings.embed_url`, else the CDN).
pub fn script_url(ctx: &Context) -> String {
    ctx.config
        .cmp_settings
        .embed_url
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .unwrap_or(WIDGET_SCRIPT_URL)
        .to_string()
}

/// The registrable domain of CallPage's CDN, which host-level exemptions name (a map entry
/// covers its subdomains in Termly's and consentmanager's rules).
pub const WIDGET_DOMAIN: &str = "callpage.io";

/// The hosts a host-level exemption must name: CallPage's domain, and the host of a configured
/// `embed_url` outside it (a self-hosted proxy, the browser proof's emulator).
pub fn exempt_hosts(ctx: &Context) -> Vec<String> {
    let mut hosts = vec![WIDGET_DOMAIN.to_string()];
    let url = script_url(ctx);
    let rest = url.split_once("://").map_or(url.as_str(), |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let host = if authority.starts_with('[') {
        authority.split_inclusive(']').next().unwrap_or(authority)
    } else {
        authority.split(':').next().unwrap_or(authority)
    }
    .to_ascii_lowercase();
    let inside = host == WIDGET_DOMAIN || host.ends_with(&format!(".{WIDGET_DOMAIN}"));
    if !host.is_empty() && !inside {
        hosts.push(host);
    }
    hosts
}

/// The statements that put the CMP's exemption attributes on the created element `s`, one per
/// line (indented for the embed), with a comment saying why; empty when there are none.
fn exemption_lines(facts: &CmpFacts) -> String {
    let attributes = facts.auto_blocking.element_attributes;
    if attributes.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "  /* {}'s automatic blocking must let the widget load (calls and meetings need no consent): set before src. */\n",
        comment_text(facts.name)
    );
    for (name, value) in attributes {
        out.push_str("  s.setAttribute(");
        out.push_str(&js_str(name));
        out.push_str(", ");
        out.push_str(&js_str(value));
        out.push_str(");\n");
    }
    out
}

/// Append the embed script body to `out`.
pub(super) fn script(out: &mut SnippetOut, ctx: &Context, facts: &CmpFacts) {
    // The cookie the official embed reads for cache busting: the catalog's first exact-name
    // HTTP cookie of the core, so that the name is never written here.
    let version_cookie = ctx
        .catalog
        .core
        .storage
        .iter()
        .find(|i| i.storage_type == StorageType::HttpCookie && !i.is_pattern)
        .map(|i| i.name.as_str());
    let url = script_url(ctx);
    let separator = if url.contains('?') { "&" } else { "?" };
    let template = concat!(
        r#"/* CallPage widget (always loads: calls and meetings need no consent). */
(function (w, d) {
  var Q = __Q__;
  var cp = __CP__;
  var versionCookie = __VC__;
  function version() {
    var v = new Date().toISOString().split("T")[0].split("-").join("");
    if (!versionCookie) { return v; }
    var name = versionCookie + "=", parts = d.cookie ? d.cookie.split(";") : [];
    for (var i = 0; i < parts.length; i++) {
      var c = parts[i].replace(/^\s+/, "");
      if (c.indexOf(name) === 0) { return c.substring(name.length); }
    }
    return v;
  }
  var s = d.createElement("script");
__EXEMPT__  s.type = "text/javascript";
  s.async = true;
  s.src = __URL__ + __SEP__ + encodeURIComponent(version());
  var first = d.getElementsByTagName("script")[0];
  if (first && first.parentNode) { first.parentNode.insertBefore(s, first); }
  else { (d.head || d.documentElement).appendChild(s); }
  if (typeof w[Q] !== "function") {
    w[Q] = "#,
        queue_fn!(),
        r#";
  }
  w[Q].__cp = cp;
  w[Q]("api.button.autoshow");
})(window, document);"#,
    );
    fill!(
        into out,
        template,
        [
            ("__Q__", &js_str(&ctx.catalog.consent_bridge.queue_global)),
            // `{"id":…,"version":…}` as `js_value` of a JSON object writes it (keys sorted),
            // without building one.
            (
                "__CP__",
                &format!(
                    "{{\"id\":{},\"version\":{}}}",
                    js_str(&ctx.config.account.id),
                    js_str(EMBED_VERSION)
                ),
            ),
            ("__VC__", &js_value(&version_cookie)),
            ("__URL__", &js_str(&url)),
            ("__SEP__", &js_str(&format!("{separator}v="))),
            ("__EXEMPT__", &exemption_lines(facts)),
        ],
    )
}
