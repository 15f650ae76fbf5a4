//! The allowed shapes of the `cmp_settings` values that reach a CMP or the customer's page.
//!
//! Every snippet escapes these values for where they land (see [`crate::cmp::escape`]), but the
//! CMPs themselves do not: tarteaucitron writes a service's key and name into the page with
//! `innerHTML` and into its consent cookie and a `RegExp`; Klaro builds CSS attribute selectors
//! (`[data-name='<name>']`) from service names; Usercentrics, Didomi and consentmanager match
//! ids in attributes and in their own JavaScript. So a value is refused when the configuration
//! is loaded unless it has the plain shape such names have in the vendors' dashboards:
//!
//! - `service_name`: letters (any script, so "Łódź" is fine), digits, spaces, `-`, `_`, `.`;
//!   starting with a letter or digit; at most 64 characters. No quotes, angle brackets,
//!   ampersands, backslashes, `=`/`;`/`!` (tarteaucitron's cookie syntax) or control characters.
//! - `vendor_id`: ASCII letters, digits, `:`, `-`, `_`, `.`; starting with a letter or digit; at
//!   most 64 characters: the shapes vendors give ids (`c:callpage`, `c:callpage-AbC12`, `s26`,
//!   `c12345`, `755`).
//! - `embed_url`: an absolute `https:` URL with a host, optional port, path and query, or a path
//!   on the site itself (`/cp/callpage.js`: same origin, a self-hosted proxy; the browser proof
//!   uses one); no user name or password, no fragment, no whitespace, control or non-ASCII
//!   characters (percent-encode them); at most 2048 characters. `http:` only for a loopback host
//!   (`127.0.0.1`, `localhost`, `[::1]`), for local test servers; a real site must load the
//!   widget over https (a plain-http script on an https page is blocked as mixed content, and on
//!   an http page anyone on the network could replace it). A protocol-relative `//host/...` is
//!   refused (it names another host without saying how to reach it).
//!
//! A value that is empty (or only spaces) means "use the default" and is allowed. Messages
//! describe the offending character by its code point and never repeat the whole value.

/// The longest service name or vendor id accepted.
pub const MAX_NAME_CHARS: usize = 64;
/// The longest widget script URL accepted.
pub const MAX_URL_CHARS: usize = 2048;

/// A character for an error message: printable ones quoted, others as their code point.
fn describe(c: char) -> String {
    let printable = c == ' '
        || (!c.is_control() && !c.is_whitespace() && (c.is_ascii_graphic() || c.is_alphanumeric()));
    if !printable {
        format!("U+{:04X}", u32::from(c))
    } else {
        format!("'{c}' (U+{:04X})", u32::from(c))
    }
}

fn check_name_shape(
    value: &str,
    allowed: impl Fn(char) -> bool,
    allowed_text: &str,
) -> Result<(), String> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(());
    }
    let count = value.chars().count();
    if count > MAX_NAME_CHARS {
        return Err(format!(
            "it has {count} characters; at most {MAX_NAME_CHARS} are allowed"
        ));
    }
    if let Some(bad) = value.chars().find(|c| !allowed(*c)) {
        return Err(format!(
            "the character {} is not allowed; use only {allowed_text}",
            describe(bad)
        ));
    }
    if !value.starts_with(|c: char| c.is_alphanumeric()) {
        return Err("it must start with a letter or a digit".into());
    }
    Ok(())
}

/// Check a `cmp_settings.service_name` (see the module docs). Returns the reason when refused.
pub fn check_service_name(value: &str) -> Result<(), String> {
    check_name_shape(
        value,
        |c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.'),
        "letters, digits, spaces, '-', '_' and '.'",
    )
}

/// Check a `cmp_settings.vendor_id` (see the module docs). Returns the reason when refused.
pub fn check_vendor_id(value: &str) -> Result<(), String> {
    check_name_shape(
        value,
        |c| c.is_ascii_alphanumeric() || matches!(c, ':' | '-' | '_' | '.'),
        "ASCII letters, digits, ':', '-', '_' and '.' (for example c:callpage or s26)",
    )
}

/// The hosts an `http:` widget URL may use: the local machine only.
const LOOPBACK_HOSTS: [&str; 3] = ["127.0.0.1", "localhost", "[::1]"];

/// Check a `cmp_settings.embed_url` (see the module docs). Returns the reason when refused.
pub fn check_embed_url(value: &str) -> Result<(), String> {
    let url = value.trim();
    if url.is_empty() {
        return Ok(());
    }
    let count = url.chars().count();
    if count > MAX_URL_CHARS {
        return Err(format!(
            "it has {count} characters; at most {MAX_URL_CHARS} are allowed"
        ));
    }
    if let Some(bad) = url.chars().find(|c| !c.is_ascii_graphic()) {
        return Err(format!(
            "the character {} is not allowed in the URL (percent-encode it)",
            describe(bad)
        ));
    }
    if let Some(path) = url.strip_prefix('/') {
        if path.starts_with('/') {
            return Err(
                "it must be an absolute https:// URL or a path starting with a single '/'".into(),
            );
        }
        return check_path_and_query(url);
    }
    let lower = url.to_ascii_lowercase();
    let (secure, rest) = if let Some(rest) = lower.strip_prefix("https://") {
        (true, &url[url.len() - rest.len()..])
    } else if let Some(rest) = lower.strip_prefix("http://") {
        (false, &url[url.len() - rest.len()..])
    } else {
        return Err(
            "it must be an absolute https:// URL (or a path on the site, starting with '/')".into(),
        );
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    if authority.contains('@') {
        return Err("it must not contain a user name or password".into());
    }
    let host = host_of(authority)?;
    if !secure && !LOOPBACK_HOSTS.contains(&host.to_ascii_lowercase().as_str()) {
        return Err(
            "it must use https:// (http:// is allowed only for 127.0.0.1, localhost and [::1])"
                .into(),
        );
    }
    check_path_and_query(tail)
}

/// The path and query of a widget URL: RFC 3986 characters only (unreserved, reserved, and `%`
/// for percent-encoding), and no fragment (the snippet appends `?v=`).
fn check_path_and_query(tail: &str) -> Result<(), String> {
    if tail.contains('#') {
        return Err("it must not contain a fragment (#...)".into());
    }
    if let Some(bad) = tail
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "-._~:/?[]@!$&'()*+,;=%".contains(*c)))
    {
        return Err(format!(
            "the character {} is not allowed in the URL (percent-encode it)",
            describe(bad)
        ));
    }
    Ok(())
}

/// The host of a URL's authority (`host` or `host:port`), checked: a DNS name of letters,
/// digits and hyphens (an international name in its `xn--` form), an IPv4 address, or a
/// bracketed IPv6 address.
fn host_of(authority: &str) -> Result<&str, String> {
    let (host, port) = if authority.starts_with('[') {
        let end = authority
            .find(']')
            .ok_or("its IPv6 address has no closing ']'")?;
        let (host, rest) = authority.split_at(end + 1);
        let inner = &host[1..host.len() - 1];
        if inner.is_empty()
            || !inner
                .chars()
                .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.')
        {
            return Err("its IPv6 address is not valid".into());
        }
        match rest.strip_prefix(':') {
            Some(port) => (host, Some(port)),
            None if rest.is_empty() => (host, None),
            None => return Err("it has text after the IPv6 address".into()),
        }
    } else {
        match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    if let Some(port) = port {
        let valid = !port.is_empty()
            && port.len() <= 5
            && port.chars().all(|c| c.is_ascii_digit())
            && port.parse::<u32>().is_ok_and(|p| (1..=65535).contains(&p));
        if !valid {
            return Err("its port must be a number from 1 to 65535".into());
        }
    }
    if host.is_empty() {
        return Err("it has no host name".into());
    }
    if host.starts_with('[') {
        return Ok(host);
    }
    if host.len() > 253 {
        return Err("its host name is longer than 253 characters".into());
    }
    for label in host.split('.') {
        if label.is_empty() {
            return Err("its host name has an empty part between dots".into());
        }
        if label.len() > 63 {
            return Err("a part of its host name is longer than 63 characters".into());
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err("a part of its host name starts or ends with a hyphen".into());
        }
        if let Some(bad) = label
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '-'))
        {
            return Err(format!(
                "the character {} is not allowed in a host name",
                describe(bad)
            ));
        }
    }
    Ok(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_names() {
        for ok in [
            "",
            "   ",
            "CallPage",
            "callpage",
            "CallPage Widget",
            "call-page_2.0",
            "Łódź widget",
            "東京",
            " CallPage ",
        ] {
            assert_eq!(check_service_name(ok), Ok(()), "{ok:?}");
        }
        for bad in [
            "<img src=x onerror=alert(1)>",
            "a'b",
            "a\"b",
            "a&b",
            "a\\b",
            "a=b",
            "a;b",
            "!a",
            "_proto",
            "-x",
            "a\u{1b}[31m",
            "a\u{2028}b",
            "a\tb",
            &"x".repeat(65),
        ] {
            assert!(check_service_name(bad).is_err(), "{bad:?}");
        }
        let message = check_service_name("ok<script>").unwrap_err();
        assert!(message.contains("'<' (U+003C)"), "{message}");
        // Control characters are shown as code points, never raw.
        let message = check_service_name("a\u{1b}b").unwrap_err();
        assert!(
            message.contains("U+001B") && !message.contains('\u{1b}'),
            "{message}"
        );
    }

    #[test]
    fn vendor_ids() {
        for ok in [
            "c:callpage",
            "c:callpage-AbC12",
            "s26",
            "c12345",
            "755",
            "iab:755",
            "",
        ] {
            assert_eq!(check_vendor_id(ok), Ok(()), "{ok:?}");
        }
        for bad in ["c:call page", "c:łódź", "\"x", "x<y", ":x", &"v".repeat(65)] {
            assert!(check_vendor_id(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn embed_urls() {
        for ok in [
            "https://cdn-widget.callpage.io/build/js/callpage.js",
            "https://proxy.acme.example:8443/cp/callpage.js?x=1&y=%20",
            "HTTPS://CDN.EXAMPLE.COM/a.js",
            "https://[2001:db8::1]/a.js",
            "https://proxy.acme.example",
            "http://127.0.0.1:4173/callpage.js",
            "http://localhost/callpage.js",
            "http://[::1]:8080/callpage.js",
            "/widget/callpage.js",
            "/cp/callpage.js?site=1",
            "",
        ] {
            assert_eq!(check_embed_url(ok), Ok(()), "{ok:?}");
        }
        for (bad, why) in [
            ("http://cdn.example.com/a.js", "https"),
            ("http://127.0.0.2/a.js", "https"),
            ("javascript:alert(1)", "https"),
            ("//cdn.example.com/a.js", "single '/'"),
            ("/\\evil.example/a.js", "U+005C"),
            ("/a.js#x", "fragment"),
            ("/a b.js", "U+0020"),
            ("cdn.example.com/a.js", "https"),
            ("https:///a.js", "host"),
            ("https://user:pw@cdn.example.com/a.js", "user name"),
            ("https://cdn.example.com/a.js#x", "fragment"),
            ("https://cdn.example.com/a b.js", "U+0020"),
            ("https://cdn.example.com/a\".js", "'\"'"),
            ("https://cdn.example.com/<script>", "'<'"),
            ("https://cdn.example.com/\u{1b}", "U+001B"),
            ("https://cdn.exam_ple.com/a.js", "host name"),
            ("https://cdn.example.com:0/a.js", "port"),
            ("https://cdn.example.com:99999/a.js", "port"),
            ("https://[::1/a.js", "IPv6"),
            ("https://zażółć.pl/a.js", "percent-encode"),
        ] {
            let message = check_embed_url(bad).expect_err(bad);
            assert!(message.contains(why), "{bad:?}: {message}");
        }
        let long = format!("https://cdn.example.com/{}", "a".repeat(MAX_URL_CHARS));
        assert!(check_embed_url(&long).unwrap_err().contains("2048"));
    }
}
