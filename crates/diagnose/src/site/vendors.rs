//! What each supported CMP looks like on a page: its loader (by the script host and path its
//! documentation gives, or, in a page saved "complete" where the browser rewrote `src` to a
//! local copy, by the file name and the attributes only that vendor uses), the parts that come
//! with it, whether it runs in automatic blocking mode, and the markup it holds scripts back
//! with. The vendor pages each fact comes from are listed in docs/site-check.md (and
//! docs/auto-blocking.md for automatic blocking); the exemptions themselves are read from each
//! adapter's facts in `cookie_admin_core::cmp`.

use cookie_admin_core::CmpId;

use super::scan::{Page, Script};

/// What a recognised script is to its CMP.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The CMP itself (the script whose place and count matter).
    Loader,
    /// The vendor's separate automatic-blocking script (OneTrust OtAutoBlock.js, iubenda's
    /// autoblocking script, Usercentrics' autoblocker.js or Smart Data Protector).
    Blocker,
    /// The site's configuration for the CMP (`_iub.csConfiguration`, `klaroConfig`,
    /// `tarteaucitron.init(...)`, `CookieConsent.run(...)`, `OptanonWrapper`, ...).
    Config,
    /// Any other file of the vendor (stubs, banner SDK, declaration).
    Part,
}

/// How a CMP blocks scripts automatically, as far as the page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AutoBlocking {
    /// Cookiebot `data-blockingmode="auto"`.
    CookiebotAuto,
    /// OneTrust `OtAutoBlock.js`.
    OneTrust,
    /// iubenda's autoblocking script.
    Iubenda,
    /// consentmanager with `data-cmp-ab="1"` or its `/autoblocking/` loader.
    Consentmanager,
    /// Termly's resource blocker with `autoBlock=on` (its default) or `data-auto-block="on"`.
    Termly,
    /// Usercentrics v3 `autoblocker.js`: blocks what its scanner mapped in the dashboard.
    UsercentricsScanner,
    /// Usercentrics Smart Data Protector: a fixed list of technologies, CallPage not among
    /// them (docs/auto-blocking.md §2.3).
    UsercentricsSdp,
    /// CookieYes: always on for its provider list and the admin's URL patterns.
    CookieYes,
    /// Osano: blocks by dashboard classification in Strict mode.
    Osano,
}

/// One script recognised as a CMP's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CmpScript {
    /// Index into `Page::scripts`.
    pub script: usize,
    pub cmp: CmpId,
    pub role: Role,
    pub auto_blocking: Option<AutoBlocking>,
    /// The script turns on the IAB TCF framework (Cookiebot `data-framework="TCFv2.2"`, ...).
    pub tcf: bool,
    /// Scheme-less `host/path` of the loader (or the file name), to tell two copies of one
    /// loader apart from two different files.
    pub key: String,
}

/// A script URL split for matching: lower-case host (empty for a relative URL), path, query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url<'a> {
    pub host: String,
    pub path: &'a str,
    pub query: &'a str,
}

impl Url<'_> {
    pub fn parse(src: &str) -> Url<'_> {
        let src = src.trim();
        let rest = ["https://", "http://", "//"].iter().find_map(|p| {
            src.get(..p.len())
                .filter(|head| head.eq_ignore_ascii_case(p))
                .map(|_| &src[p.len()..])
        });
        let (host, rest) = match rest {
            Some(rest) => {
                let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
                let host = rest[..end].rsplit('@').next().unwrap_or("");
                let host = host.split(':').next().unwrap_or("").to_ascii_lowercase();
                (host, &rest[end..])
            }
            None => (String::new(), src),
        };
        let rest = rest.split('#').next().unwrap_or("");
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        Url { host, path, query }
    }

    /// The host is `domain` or a subdomain of it.
    pub fn host_is(&self, domain: &str) -> bool {
        self.host == domain
            || self
                .host
                .strip_suffix(domain)
                .is_some_and(|sub| sub.ends_with('.'))
    }

    /// The last path segment, lower-cased.
    pub fn file(&self) -> String {
        self.path
            .rsplit('/')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
    }

    pub fn path_lower(&self) -> String {
        self.path.to_ascii_lowercase()
    }

    /// A query parameter's value (first occurrence), as written.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.query.split('&').find_map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            k.eq_ignore_ascii_case(name).then_some(v)
        })
    }

    pub fn key(&self) -> String {
        format!("{}{}", self.host, self.path_lower())
    }
}

/// The CMP script this is, if it is one.
pub fn recognise(page: &Page, index: usize) -> Option<CmpScript> {
    let script = page.scripts.get(index)?;
    let hit = match script.src() {
        Some(src) => by_src(script, &Url::parse(src)),
        None => by_text(script, page.body_text(script)),
    }?;
    Some(CmpScript {
        script: index,
        cmp: hit.0,
        role: hit.1,
        auto_blocking: hit.2,
        tcf: hit.3,
        key: match script.src() {
            Some(src) => Url::parse(src).key(),
            None => format!("inline:{}", hit.0.id()),
        },
    })
}

type Hit = (CmpId, Role, Option<AutoBlocking>, bool);

fn by_src(script: &Script, url: &Url) -> Option<Hit> {
    let file = url.file();
    let path = url.path_lower();
    let attr_is = |name: &str, value: &str| {
        script
            .attr(name)
            .is_some_and(|v| v.trim().eq_ignore_ascii_case(value))
    };
    let local = url.host.is_empty();
    // Cookiebot: consent.cookiebot.com/uc.js (also .eu); cd.js is the declaration.
    if url.host_is("cookiebot.com")
        || url.host_is("cookiebot.eu")
        || (local && script.has("data-cbid"))
    {
        let role = if file == "uc.js" || script.has("data-cbid") && file != "cd.js" {
            Role::Loader
        } else {
            Role::Part
        };
        let auto = (role == Role::Loader && attr_is("data-blockingmode", "auto"))
            .then_some(AutoBlocking::CookiebotAuto);
        let tcf = script
            .attr("data-framework")
            .is_some_and(|f| f.to_ascii_uppercase().contains("TCF"));
        return Some((CmpId::Cookiebot, role, auto, tcf));
    }
    // OneTrust (and its CookiePro brand): otSDKStub.js is the loader, OtAutoBlock.js blocks.
    let onetrust_host = url.host_is("cookielaw.org")
        || url.host_is("onetrust.com")
        || url.host_is("cookiepro.com")
        || url.host.contains("optanon");
    if onetrust_host || (local && (file == "otsdkstub.js" || file == "otautoblock.js")) {
        return Some(match file.as_str() {
            "otsdkstub.js" => (CmpId::Onetrust, Role::Loader, None, false),
            "otautoblock.js" => (
                CmpId::Onetrust,
                Role::Blocker,
                Some(AutoBlocking::OneTrust),
                false,
            ),
            _ if script.has("data-domain-script") => (CmpId::Onetrust, Role::Loader, None, false),
            _ => (CmpId::Onetrust, Role::Part, None, false),
        });
    }
    // Usercentrics: v3 web.cmp.usercentrics.eu/ui/loader.js, v2 app.usercentrics.eu/browser-ui/
    // .../loader.js (and the older latest/main.js), autoblocker.js, Smart Data Protector.
    if url.host_is("usercentrics.eu") || (local && attr_is("id", "usercentrics-cmp")) {
        if file == "uc-block.bundle.js" {
            return Some((
                CmpId::Usercentrics,
                Role::Blocker,
                Some(AutoBlocking::UsercentricsSdp),
                false,
            ));
        }
        if file == "autoblocker.js" {
            return Some((
                CmpId::Usercentrics,
                Role::Blocker,
                Some(AutoBlocking::UsercentricsScanner),
                false,
            ));
        }
        if path.contains("/tcf/") || file.contains("stub") {
            return Some((CmpId::Usercentrics, Role::Part, None, true));
        }
        let loader = attr_is("id", "usercentrics-cmp") || file == "loader.js" || file == "main.js";
        let tcf = script.has("data-tcf-enabled") || path.contains("tcf");
        return Some((
            CmpId::Usercentrics,
            if loader { Role::Loader } else { Role::Part },
            None,
            tcf,
        ));
    }
    // Didomi: sdk.privacy-center.org/<key>/loader.js (usually created by its inline snippet).
    if url.host_is("privacy-center.org") {
        let role = if file == "loader.js" {
            Role::Loader
        } else {
            Role::Part
        };
        return Some((CmpId::Didomi, role, None, true));
    }
    // CookieYes: cdn-cookieyes.com/client_data/<id>/script.js.
    if url.host_is("cdn-cookieyes.com") || url.host_is("cookieyes.com") {
        let role = if path.contains("/client_data/") {
            Role::Loader
        } else {
            Role::Part
        };
        return Some((CmpId::Cookieyes, role, Some(AutoBlocking::CookieYes), false));
    }
    // Complianz (WordPress plugin): .../plugins/complianz-gdpr[-premium]/cookiebanner/js/complianz(.min).js.
    if path.contains("/complianz-gdpr")
        || (path.contains("/complianz") && file.starts_with("complianz"))
    {
        let role = if file.starts_with("complianz") {
            Role::Loader
        } else {
            Role::Part
        };
        return Some((CmpId::Complianz, role, None, false));
    }
    // iubenda: cdn.iubenda.com/cs/iubenda_cs.js (cs.js), cs.iubenda.com/autoblocking/<id>.js,
    // embeds.iubenda.com/widgets/<uuid>.js (the unified embed), stubs.
    if url.host_is("iubenda.com") || (local && file == "iubenda_cs.js") {
        if path.contains("/autoblocking/") {
            return Some((
                CmpId::Iubenda,
                Role::Blocker,
                Some(AutoBlocking::Iubenda),
                false,
            ));
        }
        if file == "iubenda_cs.js"
            || (path.starts_with("/cs/") && file.ends_with("cs.js"))
            || url.host_is("embeds.iubenda.com")
        {
            return Some((CmpId::Iubenda, Role::Loader, None, false));
        }
        let tcf = path.contains("tcf");
        return Some((CmpId::Iubenda, Role::Part, None, tcf));
    }
    // Klaro: klaro.js / klaro-no-css.js (cdn.kiprotect.com or self-hosted from npm).
    if file.starts_with("klaro") && file.ends_with(".js") && !file.contains("config") {
        return Some((CmpId::Klaro, Role::Loader, None, false));
    }
    if url.host_is("kiprotect.com") {
        return Some((CmpId::Klaro, Role::Part, None, false));
    }
    // CookieConsent v3 (orestbida): cookieconsent.umd.js / cookieconsent.esm.js.
    if file.starts_with("cookieconsent.")
        && (file.contains("umd")
            || file.contains("esm")
            || path.contains("orestbida")
            || path.contains("vanilla-cookieconsent"))
    {
        return Some((CmpId::Cookieconsent, Role::Loader, None, false));
    }
    // Termly: app.termly.io/resource-blocker/<uuid>?autoBlock=on (auto-blocking on by default),
    // or the older embed.min.js with data-auto-block="on".
    if url.host_is("termly.io") {
        if path.contains("/resource-blocker/") {
            let off = url
                .param("autoBlock")
                .is_some_and(|v| v.eq_ignore_ascii_case("off"));
            return Some((
                CmpId::Termly,
                Role::Loader,
                (!off).then_some(AutoBlocking::Termly),
                false,
            ));
        }
        if file.starts_with("embed") {
            let auto = attr_is("data-auto-block", "on").then_some(AutoBlocking::Termly);
            return Some((CmpId::Termly, Role::Loader, auto, false));
        }
        return Some((CmpId::Termly, Role::Part, None, false));
    }
    // CookieFirst: consent.cookiefirst.com/sites/<site>/consent.js or banner.js.
    if url.host_is("cookiefirst.com") {
        let role = if file == "consent.js" || file == "banner.js" {
            Role::Loader
        } else {
            Role::Part
        };
        return Some((CmpId::Cookiefirst, role, None, false));
    }
    // Osano: cmp.osano.com/<customer>/<config>/osano.js.
    if url.host_is("osano.com") || (local && file == "osano.js") {
        let role = if file == "osano.js" {
            Role::Loader
        } else {
            Role::Part
        };
        return Some((CmpId::Osano, role, Some(AutoBlocking::Osano), false));
    }
    // Axeptio: static.axept.io/sdk.js (usually created by its inline snippet).
    if url.host_is("axept.io") {
        let role = if file.starts_with("sdk") {
            Role::Loader
        } else {
            Role::Part
        };
        return Some((CmpId::Axeptio, role, None, file.contains("tcf")));
    }
    // consentmanager: cdn.consentmanager.net/delivery/autoblocking/<id>.js (automatic) or
    // .../js/semiautomatic.min.js / cmp.min.js; also *.mgr.consensu.org.
    if url.host_is("consentmanager.net") || url.host_is("consensu.org") {
        let auto = (path.contains("/autoblocking/") || attr_is("data-cmp-ab", "1"))
            .then_some(AutoBlocking::Consentmanager);
        let role = if path.contains("/delivery/") || file.starts_with("cmp") {
            Role::Loader
        } else {
            Role::Part
        };
        return Some((CmpId::Consentmanager, role, auto, true));
    }
    // Borlabs Cookie (WordPress plugin): .../plugins/borlabs-cookie/assets/javascript/...
    if path.contains("/borlabs-cookie/") {
        let role = if file.starts_with("borlabs-cookie") && !file.contains("prioritize") {
            Role::Loader
        } else {
            Role::Part
        };
        return Some((CmpId::Borlabs, role, None, false));
    }
    // tarteaucitron.js: tarteaucitron.js / tarteaucitron.min.js (+ its lang and services files).
    if file.starts_with("tarteaucitron") && file.ends_with(".js") {
        let role = if file == "tarteaucitron.js" || file == "tarteaucitron.min.js" {
            Role::Loader
        } else {
            Role::Part
        };
        return Some((CmpId::Tarteaucitron, role, None, false));
    }
    None
}

/// Inline scripts: the vendors whose documented embed is inline code, and the configuration
/// scripts that must come in a certain order.
fn by_text(script: &Script, text: &str) -> Option<Hit> {
    use super::js::has_identifier;
    if text.contains("sdk.privacy-center.org") {
        return Some((CmpId::Didomi, Role::Loader, None, text.contains("__tcfapi")));
    }
    if text.contains("static.axept.io") {
        return Some((CmpId::Axeptio, Role::Loader, None, false));
    }
    if text.contains("csConfiguration") && text.contains("_iub") {
        return Some((
            CmpId::Iubenda,
            Role::Config,
            None,
            text.contains("enableTcf"),
        ));
    }
    if text.contains("klaroConfig") && (text.contains("services") || text.contains("apps")) {
        return Some((CmpId::Klaro, Role::Config, None, false));
    }
    if text.contains("tarteaucitron.init") {
        return Some((CmpId::Tarteaucitron, Role::Config, None, false));
    }
    if text.contains("CookieConsent.run") {
        return Some((CmpId::Cookieconsent, Role::Config, None, false));
    }
    if text.contains("TERMLY_CUSTOM_BLOCKING_MAP") || script.has("data-termly-config") {
        return Some((CmpId::Termly, Role::Config, None, false));
    }
    if text.contains("axeptioSettings") {
        return Some((CmpId::Axeptio, Role::Config, None, false));
    }
    if has_identifier(text, "OptanonWrapper") && text.contains("function") && text.len() < 2000 {
        return Some((CmpId::Onetrust, Role::Config, None, false));
    }
    if text.contains("cmp_block_ignoredomains")
        || (script.attr("data-cmp-ab") == Some("1") && text.contains("cmp_"))
    {
        return Some((CmpId::Consentmanager, Role::Config, None, false));
    }
    None
}

/// The CMP a request URL belongs to (for HAR recordings: hosts and the self-hosted plugins'
/// paths).
pub fn cmp_of_url(url: &Url) -> Option<CmpId> {
    let path = url.path_lower();
    let file = url.file();
    let hosts: &[(&str, CmpId)] = &[
        ("cookiebot.com", CmpId::Cookiebot),
        ("cookiebot.eu", CmpId::Cookiebot),
        ("cookielaw.org", CmpId::Onetrust),
        ("onetrust.com", CmpId::Onetrust),
        ("cookiepro.com", CmpId::Onetrust),
        ("usercentrics.eu", CmpId::Usercentrics),
        ("privacy-center.org", CmpId::Didomi),
        ("cdn-cookieyes.com", CmpId::Cookieyes),
        ("cookieyes.com", CmpId::Cookieyes),
        ("iubenda.com", CmpId::Iubenda),
        ("kiprotect.com", CmpId::Klaro),
        ("termly.io", CmpId::Termly),
        ("cookiefirst.com", CmpId::Cookiefirst),
        ("osano.com", CmpId::Osano),
        ("axept.io", CmpId::Axeptio),
        ("consentmanager.net", CmpId::Consentmanager),
        ("consensu.org", CmpId::Consentmanager),
    ];
    if let Some((_, cmp)) = hosts.iter().find(|(h, _)| url.host_is(h)) {
        return Some(*cmp);
    }
    if path.contains("/complianz-gdpr") {
        return Some(CmpId::Complianz);
    }
    if path.contains("/borlabs-cookie/") {
        return Some(CmpId::Borlabs);
    }
    if file.starts_with("tarteaucitron") && file.ends_with(".js") {
        return Some(CmpId::Tarteaucitron);
    }
    if file.starts_with("klaro") && file.ends_with(".js") {
        return Some(CmpId::Klaro);
    }
    if file.starts_with("cookieconsent.")
        && (path.contains("orestbida") || path.contains("vanilla-cookieconsent"))
    {
        return Some(CmpId::Cookieconsent);
    }
    None
}

/// The markup a CMP holds a script back with (and releases it from on consent), as its
/// documentation gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldBack {
    pub cmp: CmpId,
    /// The attribute or class that names the category (for messages).
    pub marker: String,
    /// The categories (or purposes, services) it waits for, as written.
    pub categories: Vec<String>,
    /// Byte offset of the marker attribute.
    pub at: usize,
}

/// Every CMP whose holding-back markup `script` carries (several when an attribute is shared,
/// like `data-category` of Complianz and CookieConsent).
pub fn held_back_markup(script: &Script) -> Vec<HeldBack> {
    let mut found = Vec::new();
    let mut push = |cmp: CmpId, name: &str, marker: String, categories: Vec<String>| {
        let at = script.attribute(name).map_or(script.tag.start, |a| a.at);
        found.push(HeldBack {
            cmp,
            marker,
            categories,
            at,
        });
    };
    let list = |v: &str| -> Vec<String> {
        v.split([',', ' '])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    };
    if let Some(v) = script.attr("data-cookieconsent") {
        push(
            CmpId::Cookiebot,
            "data-cookieconsent",
            format!("data-cookieconsent=\"{v}\""),
            list(v),
        );
    }
    let onetrust: Vec<String> = script
        .classes()
        .filter_map(|c| c.strip_prefix("optanon-category-"))
        .flat_map(|ids| ids.split('-').map(str::to_string).collect::<Vec<_>>())
        .collect();
    if !onetrust.is_empty() {
        push(
            CmpId::Onetrust,
            "class",
            format!("class=\"optanon-category-{}\"", onetrust.join("-")),
            onetrust,
        );
    }
    if let Some(v) = script.attr("data-usercentrics") {
        push(
            CmpId::Usercentrics,
            "data-usercentrics",
            format!("data-usercentrics=\"{v}\""),
            vec![v.to_string()],
        );
    }
    let t = script.type_attr();
    if t.starts_with("didomi/") {
        let vendor = script
            .attr("data-vendor")
            .or_else(|| script.attr("data-vendor-raw"))
            .or_else(|| script.attr("data-purposes"))
            .unwrap_or("");
        push(CmpId::Didomi, "type", format!("type=\"{t}\""), list(vendor));
    }
    if let Some(v) = script.attr("data-cookieyes") {
        push(
            CmpId::Cookieyes,
            "data-cookieyes",
            format!("data-cookieyes=\"{v}\""),
            vec![v.to_string()],
        );
    }
    if let Some(v) = script.attr("data-category") {
        push(
            CmpId::Complianz,
            "data-category",
            format!("data-category=\"{v}\""),
            list(v),
        );
        push(
            CmpId::Cookieconsent,
            "data-category",
            format!("data-category=\"{v}\""),
            list(v),
        );
    }
    if script.has("data-service") && !script.has("data-category") {
        let v = script.attr("data-service").unwrap_or("");
        push(
            CmpId::Complianz,
            "data-service",
            format!("data-service=\"{v}\""),
            vec![v.to_string()],
        );
        push(
            CmpId::Cookieconsent,
            "data-service",
            format!("data-service=\"{v}\""),
            vec![v.to_string()],
        );
    }
    if script
        .classes()
        .any(|c| c == "_iub_cs_activate" || c == "_iub_cs_activate-inline")
        || script.has("data-iub-purposes")
    {
        let v = script.attr("data-iub-purposes").unwrap_or("");
        push(
            CmpId::Iubenda,
            "data-iub-purposes",
            format!("data-iub-purposes=\"{v}\""),
            list(v),
        );
    }
    if let Some(v) = script
        .attr("data-name")
        .filter(|_| script.has("data-type") || t == "text/plain")
    {
        push(
            CmpId::Klaro,
            "data-name",
            format!("data-name=\"{v}\""),
            vec![v.to_string()],
        );
    }
    if let Some(v) = script.attr("data-categories") {
        push(
            CmpId::Termly,
            "data-categories",
            format!("data-categories=\"{v}\""),
            list(v),
        );
    }
    if let Some(v) = script.attr("data-cookiefirst-category") {
        push(
            CmpId::Cookiefirst,
            "data-cookiefirst-category",
            format!("data-cookiefirst-category=\"{v}\""),
            list(v),
        );
    }
    if let Some(v) = script.attr("data-osano") {
        push(
            CmpId::Osano,
            "data-osano",
            format!("data-osano=\"{v}\""),
            list(v),
        );
    }
    if script.classes().any(|c| c == "cmplazyload")
        || script.has("data-cmp-vendor")
        || script.has("data-cmp-purpose")
    {
        let v = script
            .attr("data-cmp-vendor")
            .or_else(|| script.attr("data-cmp-purpose"))
            .unwrap_or("");
        push(
            CmpId::Consentmanager,
            "data-cmp-vendor",
            format!("class=\"cmplazyload\" data-cmp-vendor=\"{v}\""),
            list(v),
        );
    }
    if script.has("data-borlabs-cookie-script-blocker-id") {
        let v = script
            .attr("data-borlabs-cookie-script-blocker-id")
            .unwrap_or("");
        push(
            CmpId::Borlabs,
            "data-borlabs-cookie-script-blocker-id",
            format!("data-borlabs-cookie-script-blocker-id=\"{v}\""),
            vec![v.to_string()],
        );
    }
    found
}

/// The `type` a held-back script must have for its CMP to release it (`None`: the CMP blocks
/// by the attribute alone, whatever the type).
pub fn held_back_type(cmp: CmpId) -> Option<&'static [&'static str]> {
    match cmp {
        CmpId::Didomi => Some(&["didomi/javascript", "didomi/html"]),
        CmpId::Borlabs => Some(&["text/template"]),
        CmpId::Cookieyes | CmpId::Osano => None,
        CmpId::Gcm | CmpId::Tcf | CmpId::Axeptio | CmpId::Tarteaucitron => None,
        _ => Some(&["text/plain"]),
    }
}

/// The categories a CMP with a fixed vocabulary knows (`None`: the site or the dashboard
/// defines them).
pub fn known_categories(cmp: CmpId) -> Option<&'static [&'static str]> {
    match cmp {
        CmpId::Cookiebot => Some(&[
            "necessary",
            "preferences",
            "statistics",
            "marketing",
            "ignore",
        ]),
        CmpId::Complianz => Some(&["functional", "preferences", "statistics", "marketing"]),
        CmpId::Termly => Some(&[
            "essential",
            "performance",
            "analytics",
            "advertising",
            "social_networking",
            "unclassified",
        ]),
        CmpId::Cookiefirst => Some(&["necessary", "performance", "functional", "advertising"]),
        CmpId::Cookieyes => Some(&[
            "cookieyes-necessary",
            "cookieyes-functional",
            "cookieyes-analytics",
            "cookieyes-performance",
            "cookieyes-advertisement",
            "cookieyes-other",
        ]),
        CmpId::Iubenda => Some(&["1", "2", "3", "4", "5"]),
        CmpId::Osano => Some(&[
            "ESSENTIAL",
            "ANALYTICS",
            "MARKETING",
            "PERSONALIZATION",
            "OPT_OUT",
        ]),
        _ => None,
    }
}

/// Categories a CMP always lets run (its necessary / essential group, or its documented
/// exemption value): markup with only these does not hold a script back.
pub fn always_allowed(cmp: CmpId, category: &str) -> bool {
    let c = category.trim();
    match cmp {
        CmpId::Cookiebot => c == "ignore" || c == "necessary",
        CmpId::Termly => c == "essential",
        CmpId::Cookiefirst => c == "necessary",
        CmpId::Cookieyes => c == "cookieyes-necessary",
        CmpId::Osano => c.eq_ignore_ascii_case("ESSENTIAL"),
        CmpId::Complianz => c == "functional",
        CmpId::Iubenda => c == "1",
        _ => false,
    }
}

/// CMPs whose vendor says the loader must be the first script (in `<head>`), and when.
pub fn must_be_first(cmp: CmpId, auto: Option<AutoBlocking>) -> bool {
    match cmp {
        // Cookiebot: "must load first" is part of its automatic blocking (support article
        // 11438730619804); in manual mode Cookiebot itself recommends loading it async.
        CmpId::Cookiebot => auto == Some(AutoBlocking::CookiebotAuto),
        // OneTrust: "must be placed before any other script" (UUID-7478d3b4...); Osano: "the
        // very first script".
        CmpId::Onetrust | CmpId::Osano => true,
        CmpId::Consentmanager => auto == Some(AutoBlocking::Consentmanager),
        CmpId::Usercentrics => auto == Some(AutoBlocking::UsercentricsScanner),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_split_into_host_path_and_query() {
        let u = Url::parse("HTTPS://Consent.Cookiebot.com:443/uc.js?x=1#f");
        assert_eq!(u.host, "consent.cookiebot.com");
        assert_eq!(u.path, "/uc.js");
        assert_eq!(u.query, "x=1");
        assert!(u.host_is("cookiebot.com"));
        assert!(!Url::parse("https://notcookiebot.com/uc.js").host_is("cookiebot.com"));
        let u = Url::parse("//app.termly.io/resource-blocker/abc?autoBlock=on");
        assert_eq!(u.param("autoblock"), Some("on"));
        let u = Url::parse("./Page_files/uc.js");
        assert_eq!(u.host, "");
        assert_eq!(u.file(), "uc.js");
    }
}
