//! Reading a HAR 1.2 recording (DevTools "Save all as HAR") as a stream: one entry of
//! `log.entries[]` at a time, with the response bodies and everything else the check does not
//! need skipped without being kept, so that a recording of hundreds of megabytes is read in
//! bounded memory. What is kept is a small summary: the widget script's requests, the CMP
//! hosts that answered, when consent was given, and the optional cookies sent before that.
//!
//! HAR 1.2: <http://www.softwareishard.com/blog/har-12-spec/>. Chromium adds `_error` to an
//! entry (or its response) whose request failed, e.g. `net::ERR_BLOCKED_BY_CLIENT` when an
//! extension blocked it, and writes status 0 then.

use std::fmt;
use std::io::{self, BufReader, Read};
use std::ops::ControlFlow;

use cookie_admin_core::{Catalog, CmpId, Language, StorageType};
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::text::shorten;
use super::vendors::Url;
use crate::error::{Error, Result};

/// How often (in bytes read) the progress callback is called.
pub const PROGRESS_STEP: u64 = 1 << 20;

/// How many widget requests, CMP hosts and cookie sightings the summary keeps at most.
const KEEP: usize = 64;

/// One request of the recording, as the summary keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Request {
    /// 0-based position in `log.entries`.
    pub entry: usize,
    pub started: String,
    pub method: String,
    /// Shortened for display.
    pub url: String,
    /// HTTP status; 0 when the browser got no response.
    pub status: i64,
    /// Chromium's `_error` (e.g. `net::ERR_BLOCKED_BY_CLIENT`).
    pub error: Option<String>,
}

impl Request {
    pub fn failed(&self) -> bool {
        self.status == 0 || self.status >= 400 || self.error.is_some()
    }

    /// "#12 GET https://... → 200" for evidence excerpts.
    pub fn describe(&self) -> String {
        let outcome = match (&self.error, self.status) {
            (Some(e), _) => format!("{} ({e})", self.status),
            (None, s) => s.to_string(),
        };
        format!(
            "#{} {} {} → {outcome}",
            self.entry + 1,
            self.method,
            self.url
        )
    }
}

/// Requests to one CMP host.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CmpHost {
    pub cmp: CmpId,
    pub host: String,
    pub requests: usize,
    pub failed: usize,
    pub first: Request,
}

/// How the recording shows that the visitor answered the banner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Consent {
    /// The first entry that shows it.
    pub entry: usize,
    /// What shows it (a consent cookie sent, or a consent-log request), in English.
    pub how: String,
    /// The same in Polish (the recording is read once, its findings written in either).
    pub how_pl: String,
    pub request: Request,
}

impl Consent {
    /// What shows the answer, in `lang`.
    pub fn how_in(&self, lang: Language) -> &str {
        match lang {
            Language::En => &self.how,
            Language::Pl => &self.how_pl,
        }
    }
}

/// An optional feature's cookie sent with a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CookieSighting {
    pub name: String,
    /// The catalog item it matches (an exact name or a prefix).
    pub item: String,
    /// The feature's name in English.
    pub feature: String,
    /// The feature's name in Polish.
    pub feature_pl: String,
    /// The first request that sent it.
    pub first: Request,
    pub count: usize,
}

/// What the check keeps of a recording.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Har {
    pub bytes: u64,
    pub entries: usize,
    /// `log.creator.name` and version (which browser or tool wrote it).
    pub creator: Option<String>,
    /// The first request's URL (normally the page).
    pub first_url: Option<String>,
    /// Requests for the widget script (`cdn-widget.callpage.io/.../callpage.js`).
    pub widget: Vec<Request>,
    pub cmp_hosts: Vec<CmpHost>,
    pub consent: Option<Consent>,
    pub optional_cookies: Vec<CookieSighting>,
}

/// Read a HAR recording from `reader`, calling `progress` with the number of bytes read about
/// every megabyte; `progress` returning `ControlFlow::Break` cancels the reading.
pub fn read<R: Read>(
    reader: R,
    catalog: &Catalog,
    mut progress: impl FnMut(u64) -> ControlFlow<()>,
) -> Result<Har> {
    let mut counting = Counting {
        inner: reader,
        read: 0,
        reported: 0,
        progress: &mut progress,
        cancelled: false,
    };
    let mut collector = Collector::new(catalog);
    let result = {
        let buffered = BufReader::with_capacity(256 * 1024, &mut counting);
        let mut json = serde_json::Deserializer::from_reader(buffered);
        let mut track = serde_path_to_error::Track::new();
        let parsed = Root(&mut collector).deserialize(serde_path_to_error::Deserializer::new(
            &mut json, &mut track,
        ));
        match parsed {
            Ok(found) => json.end().map(|()| found).map_err(|e| (String::new(), e)),
            Err(e) => Err((track.path().to_string(), e)),
        }
    };
    if counting.cancelled {
        return Err(Error::Cancelled);
    }
    match result {
        Ok(true) => {}
        Ok(false) => {
            return Err(format_error(
                "",
                "this JSON has no log.entries: it is not a HAR recording (in the browser's DevTools, Network tab: \"Save all as HAR\")",
            ))
        }
        Err((path, error)) => {
            let path: String = path;
            if error.is_io() {
                return Err(Error::Read {
                    what: "HAR".into(),
                    message: error.to_string(),
                });
            }
            let message = match error.classify() {
                serde_json::error::Category::Eof => format!("the file ends too early ({error}): it looks cut short"),
                serde_json::error::Category::Syntax => format!("not valid JSON: {error}"),
                _ => error.to_string(),
            };
            return Err(format_error(&path, &message));
        }
    }
    let _ = (counting.progress)(counting.read);
    let mut har = collector.finish();
    har.bytes = counting.read;
    Ok(har)
}

fn format_error(path: &str, message: &str) -> Error {
    Error::Format {
        what: if path.is_empty() || path == "." {
            "HAR".into()
        } else {
            format!("HAR {path}")
        },
        message: message.into(),
    }
}

/// Counts the bytes read, reports progress, and stops the read when asked to.
struct Counting<'p, R, F> {
    inner: R,
    read: u64,
    reported: u64,
    progress: &'p mut F,
    cancelled: bool,
}

impl<R: Read, F: FnMut(u64) -> ControlFlow<()>> Read for Counting<'_, R, F> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.cancelled {
            return Err(io::Error::other("cancelled"));
        }
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self.read - self.reported >= PROGRESS_STEP {
            self.reported = self.read;
            if (self.progress)(self.read).is_break() {
                self.cancelled = true;
                return Err(io::Error::other("cancelled"));
            }
        }
        Ok(n)
    }
}

// --- The streaming visitors: the root object, `log`, `log.entries[]`. ---

/// The root object; returns whether `log.entries` was found.
struct Root<'c>(&'c mut Collector);

impl<'de> DeserializeSeed<'de> for Root<'_> {
    type Value = bool;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> std::result::Result<bool, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Root<'_> {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a HAR object with a \"log\"")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<bool, A::Error> {
        let mut found = false;
        while let Some(key) = map.next_key::<String>()? {
            if key == "log" {
                found |= map.next_value_seed(Log(&mut *self.0))?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found)
    }
}

struct Log<'c>(&'c mut Collector);

impl<'de> DeserializeSeed<'de> for Log<'_> {
    type Value = bool;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> std::result::Result<bool, D::Error> {
        d.deserialize_map(self)
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Creator {
    name: String,
    version: String,
}

impl<'de> Visitor<'de> for Log<'_> {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("the HAR \"log\" object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<bool, A::Error> {
        let mut found = false;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "entries" => {
                    map.next_value_seed(Entries(&mut *self.0))?;
                    found = true;
                }
                "creator" => {
                    let c: Creator = map.next_value()?;
                    self.0.har.creator =
                        Some(shorten(format!("{} {}", c.name, c.version).trim(), 80));
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(found)
    }
}

struct Entries<'c>(&'c mut Collector);

impl<'de> DeserializeSeed<'de> for Entries<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Entries<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("the list of HAR entries")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
        while let Some(entry) = seq.next_element::<Entry>()? {
            self.0.add(entry);
        }
        Ok(())
    }
}

/// The fields of an entry the check reads; the rest (bodies, timings, cache) is skipped.
#[derive(Deserialize, Default)]
#[serde(default)]
struct Entry {
    #[serde(rename = "startedDateTime")]
    started: String,
    request: HarRequest,
    response: HarResponse,
    #[serde(rename = "_error")]
    error: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct HarRequest {
    method: String,
    url: String,
    headers: Vec<NameValue>,
    cookies: Vec<NameValue>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct HarResponse {
    status: i64,
    #[serde(rename = "_error")]
    error: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NameValue {
    name: String,
    value: String,
}

// --- What is kept. ---

/// A catalog storage item of an optional feature that is an HTTP cookie.
struct OptionalCookie {
    name: String,
    prefix: bool,
    feature: String,
    feature_pl: String,
}

/// The cookies CMPs store the visitor's answer in (docs/site-check.md; the browser tests' own
/// lists), with the value that shows an answer when the cookie also exists before one.
const CONSENT_COOKIES: &[(&str, &str)] = &[
    ("CookieConsent", ""),
    ("OptanonAlertBoxClosed", ""),
    ("uc_user_interaction", "true"),
    ("didomi_token", ""),
    ("cookieyes-consent", "action:yes"),
    ("cmplz_banner-status", "dismissed"),
    ("klaro", ""),
    ("cc_cookie", ""),
    ("cookiefirst-consent", ""),
    ("osano_consentmanager", ""),
    ("axeptio_cookies", ""),
    ("borlabs-cookie", ""),
    ("tarteaucitron", ""),
    ("euconsent-v2", ""),
    ("__cmpconsentx", ""),
];

/// Cookie-name prefixes with the same meaning (iubenda writes `_iub_cs-<site id>`).
const CONSENT_COOKIE_PREFIXES: &[&str] = &["_iub_cs-", "__cmpcc"];

/// Requests that log a consent answer (vendor consent-log endpoints seen in recordings).
const CONSENT_LOG_PATHS: &[(&str, &str)] = &[
    ("consentcdn.cookiebot.com", "/logconsent"),
    ("consent.cookiebot.com", "/logconsent"),
    ("log.cookieyes.com", "/"),
    ("consent.api.osano.com", "/record"),
];

struct Collector {
    har: Har,
    optional: Vec<OptionalCookie>,
}

impl Collector {
    fn new(catalog: &Catalog) -> Collector {
        let optional = catalog
            .features
            .iter()
            .flat_map(|f| {
                f.storage
                    .iter()
                    .filter(|i| i.storage_type == StorageType::HttpCookie)
                    .map(|i| OptionalCookie {
                        name: i.name.clone(),
                        prefix: i.is_pattern,
                        feature: f.name.get(Language::En).to_string(),
                        feature_pl: f.name.get(Language::Pl).to_string(),
                    })
            })
            .collect();
        Collector {
            har: Har::default(),
            optional,
        }
    }

    fn add(&mut self, entry: Entry) {
        let index = self.har.entries;
        self.har.entries += 1;
        let url = Url::parse(&entry.request.url);
        let request = || Request {
            entry: index,
            started: shorten(&entry.started, 40),
            method: shorten(&entry.request.method, 10),
            url: shorten(&entry.request.url, 160),
            status: entry.response.status,
            error: entry
                .error
                .as_deref()
                .or(entry.response.error.as_deref())
                .filter(|e| !e.is_empty())
                .map(|e| shorten(e, 80)),
        };
        if index == 0 {
            self.har.first_url = Some(shorten(&entry.request.url, 160));
        }
        if url.host_is("callpage.io") && url.file() == "callpage.js" && self.har.widget.len() < KEEP
        {
            self.har.widget.push(request());
        }
        if let Some(cmp) = super::vendors::cmp_of_url(&url) {
            let r = request();
            let failed = r.failed();
            let room = self.har.cmp_hosts.len() < KEEP;
            match self
                .har
                .cmp_hosts
                .iter_mut()
                .find(|h| h.cmp == cmp && h.host == url.host)
            {
                Some(h) => {
                    h.requests += 1;
                    h.failed += usize::from(failed);
                }
                None if room => self.har.cmp_hosts.push(CmpHost {
                    cmp,
                    host: url.host.clone(),
                    requests: 1,
                    failed: usize::from(failed),
                    first: r,
                }),
                None => {}
            }
        }
        let cookies = request_cookies(&entry.request);
        if self.har.consent.is_none() {
            let by_cookie = cookies.iter().find_map(|(name, value)| {
                let named = CONSENT_COOKIES
                    .iter()
                    .find(|(n, shows)| n == name && (shows.is_empty() || value.contains(shows)))
                    .is_some()
                    || CONSENT_COOKIE_PREFIXES.iter().any(|p| name.starts_with(p));
                named.then(|| {
                    (
                        format!("the consent cookie {name} is sent"),
                        format!("wysłano plik cookie zgody {name}"),
                    )
                })
            });
            let by_log = CONSENT_LOG_PATHS
                .iter()
                .find(|(host, path)| url.host == *host && url.path.starts_with(path))
                .map(|(host, _)| {
                    (
                        format!("the consent is logged ({host})"),
                        format!("zgoda zapisana w rejestrze na {host}"),
                    )
                });
            if let Some((how, how_pl)) = by_log.or(by_cookie) {
                self.har.consent = Some(Consent {
                    entry: index,
                    how,
                    how_pl,
                    request: request(),
                });
            }
        }
        for (name, _) in &cookies {
            let Some(item) = self.optional.iter().find(|c| {
                if c.prefix {
                    name.starts_with(&c.name)
                } else {
                    name == &c.name
                }
            }) else {
                continue;
            };
            let room = self.har.optional_cookies.len() < KEEP;
            match self
                .har
                .optional_cookies
                .iter_mut()
                .find(|s| &s.name == name)
            {
                Some(s) => s.count += 1,
                None if room => self.har.optional_cookies.push(CookieSighting {
                    name: shorten(name, 80),
                    item: item.name.clone(),
                    feature: item.feature.clone(),
                    feature_pl: item.feature_pl.clone(),
                    first: request(),
                    count: 1,
                }),
                None => {}
            }
        }
    }

    fn finish(self) -> Har {
        self.har
    }
}

/// The cookies a request sends: its `cookies` list, else its `Cookie` header.
fn request_cookies(request: &HarRequest) -> Vec<(String, String)> {
    if !request.cookies.is_empty() {
        return request
            .cookies
            .iter()
            .map(|c| (c.name.trim().to_string(), c.value.clone()))
            .collect();
    }
    request
        .headers
        .iter()
        .filter(|h| h.name.eq_ignore_ascii_case("cookie"))
        .flat_map(|h| h.value.split(';'))
        .filter_map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let name = name.trim();
            (!name.is_empty()).then(|| (name.to_string(), value.trim().to_string()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn har(json: &str) -> Result<Har> {
        read(json.as_bytes(), Catalog::embedded(), |_| {
            ControlFlow::Continue(())
        })
    }

    #[test]
    fn reads_entries_and_skips_bodies() {
        let json = r#"{"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"},
          "pages": [{"id": "page_1", "title": "x"}],
          "entries": [
            {"startedDateTime": "2026-01-01T10:00:00.000Z", "request": {"method": "GET", "url": "https://shop.example/", "headers": [], "cookies": []},
             "response": {"status": 200, "content": {"size": 5, "text": "<html>\"big\"</html>"}}, "timings": {"wait": 1}},
            {"startedDateTime": "2026-01-01T10:00:01.000Z", "request": {"method": "GET", "url": "https://cdn-widget.callpage.io/build/js/callpage.js?v=20260101", "headers": [], "cookies": []},
             "response": {"status": 0, "_error": "net::ERR_BLOCKED_BY_CLIENT"}},
            {"startedDateTime": "2026-01-01T10:00:02.000Z", "request": {"method": "GET", "url": "https://consent.cookiebot.com/uc.js", "headers": [{"name": "Cookie", "value": "cp_visitor_id=1; CookieConsent={stamp:'x'}"}]},
             "response": {"status": 200}}
          ]}}"#;
        let h = har(json).unwrap();
        assert_eq!(h.entries, 3);
        assert_eq!(h.creator.as_deref(), Some("WebInspector 537.36"));
        assert_eq!(h.widget.len(), 1);
        assert!(h.widget[0].failed());
        assert_eq!(
            h.widget[0].error.as_deref(),
            Some("net::ERR_BLOCKED_BY_CLIENT")
        );
        assert_eq!(h.cmp_hosts.len(), 1);
        assert_eq!(h.cmp_hosts[0].cmp, CmpId::Cookiebot);
        let consent = h.consent.unwrap();
        assert_eq!(consent.entry, 2);
        assert!(consent.how.contains("CookieConsent"));
        assert_eq!(h.optional_cookies.len(), 1);
        assert_eq!(h.optional_cookies[0].name, "cp_visitor_id");
    }

    #[test]
    fn wrong_types_name_the_path() {
        let json = r#"{"log": {"entries": [{"request": {"url": "https://a/"}, "response": {"status": 200}},
            {"request": {"url": "https://b/"}, "response": {"status": "200"}}]}}"#;
        let err = har(json).unwrap_err().to_string();
        assert!(err.contains("log.entries[1].response.status"), "{err}");
        assert!(err.contains("invalid type"), "{err}");
    }

    #[test]
    fn not_a_har_and_cut_files_are_refused_clearly() {
        assert!(har(r#"{"name": "x"}"#)
            .unwrap_err()
            .to_string()
            .contains("not a HAR"));
        assert!(har(r#"{"log": {"entries": [{"request": {"url": "ht"#)
            .unwrap_err()
            .to_string()
            .contains("cut short"));
        assert!(har("<html>")
            .unwrap_err()
            .to_string()
            .contains("not valid JSON"));
        assert!(har("").unwrap_err().to_string().contains("cut short"));
        assert!(har(r#"{"log": {"entries": {}}}"#)
            .unwrap_err()
            .to_string()
            .contains("log.entries"));
    }

    #[test]
    fn progress_is_reported_and_can_cancel() {
        let mut json = String::from(r#"{"log": {"entries": ["#);
        let entry = r#"{"request": {"url": "https://shop.example/x"}, "response": {"status": 200, "content": {"text": "PADDING"}}},"#
            .replace("PADDING", &"x".repeat(100_000));
        for _ in 0..40 {
            json.push_str(&entry);
        }
        json.push_str(r#"{"request": {"url": "https://shop.example/end"}}]}}"#);
        let mut seen = Vec::new();
        let h = read(json.as_bytes(), Catalog::embedded(), |b| {
            seen.push(b);
            ControlFlow::Continue(())
        })
        .unwrap();
        assert_eq!(h.entries, 41);
        assert_eq!(h.bytes, json.len() as u64);
        assert!(seen.len() >= 3, "{seen:?}");
        assert_eq!(*seen.last().unwrap(), json.len() as u64);
        let cancelled = read(json.as_bytes(), Catalog::embedded(), |_| {
            ControlFlow::Break(())
        });
        assert!(matches!(cancelled, Err(Error::Cancelled)));
    }
}
