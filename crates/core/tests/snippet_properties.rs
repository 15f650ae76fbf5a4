//! Property test: hostile text in every configuration string field never changes a snippet's
//! structure. For every target, the snippet's skeleton (HTML comments emptied, attribute values
//! and JavaScript string literals emptied, JS comments dropped) equals the skeleton of the same
//! configuration with plain values: the hostile value can only ever sit inside a string literal,
//! an attribute value or a comment, never in code or markup. And no `</script`, `<!--` or raw
//! U+2028/U+2029 is added.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use cookie_admin_core::cmp;
use cookie_admin_core::{AccountConfig, Catalog, CmpId, Feature, Language};
use proptest::prelude::*;

/// JS with string literals emptied and comments dropped. The generated code has no regex
/// literal containing a quote or a comment opener, so a string/comment scanner is enough.
fn js_skeleton(js: &str) -> String {
    let chars: Vec<char> = js.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '/' && chars.get(i + 1) == Some(&'*') {
            i += 2;
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                i += 1;
            }
            i += 2;
        } else if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '"' || c == '\'' {
            let quote = c;
            i += 1;
            while i < chars.len() && chars[i] != quote {
                if chars[i] == '\\' {
                    i += 1;
                }
                // A raw line terminator would end the literal: keep it visible.
                if matches!(chars.get(i), Some('\n' | '\r' | '\u{2028}' | '\u{2029}')) {
                    out.push('!');
                }
                i += 1;
            }
            i += 1;
            out.push(quote);
            out.push(quote);
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// The snippet's structure: comments emptied, attribute values emptied, scripts as skeletons.
fn skeleton(html: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = html;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("<!--") {
            let end = after.find("-->").ok_or("unclosed comment")?;
            out.push_str("<!---->");
            rest = &after[end + 3..];
        } else if rest.starts_with("<script") {
            let end = rest.find('>').ok_or("unclosed script tag")?;
            let tag = &rest[..=end];
            let mut emptied = String::new();
            let mut in_value = false;
            for c in tag.chars() {
                if c == '"' {
                    in_value = !in_value;
                    emptied.push(c);
                } else if !in_value {
                    emptied.push(c);
                }
            }
            out.push_str(&emptied);
            let body_start = &rest[end + 1..];
            let close = body_start
                .to_ascii_lowercase()
                .find("</script")
                .ok_or("unclosed script")?;
            out.push_str(&js_skeleton(&body_start[..close]));
            out.push_str("</script>");
            let after = &body_start[close..];
            rest = &after[after.find('>').ok_or("bad close tag")? + 1..];
        } else {
            let c = rest.chars().next().unwrap();
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    Ok(out)
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.to_ascii_lowercase().matches(needle).count()
}

fn with_value(value: &str) -> AccountConfig {
    let mut config = AccountConfig::vendor_default(Catalog::embedded(), "acme", "ACME");
    config.features = Feature::ALL.into_iter().collect();
    config.account.id = value.to_string();
    config.account.name = value.to_string();
    config.domains = vec![value.to_string()];
    config.notes = value.to_string();
    config.consent_mode.regions = vec![value.to_string()];
    config.cmp_settings.service_name = Some(format!("s{value}"));
    config.cmp_settings.vendor_id = Some(format!("v{value}"));
    config.cmp_settings.embed_url = Some(format!("https://x/{value}"));
    config
}

fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[\"'`<>&/\\\\!\\-*\u{2028}\u{2029}\n\r ascript]{0,40}",
        Just("</script><script>alert(1)</script>".to_string()),
        Just("<!-- --> --!> <![CDATA[".to_string()),
        Just("*/ alert(1) /*".to_string()),
        Just("\u{2028}\u{2029}".to_string()),
        Just("Zażółć gęślą jaźń 東京 مرحبا".to_string()),
        "[a<]{0,3}".prop_map(|s| format!("{s}</ScRiPt>").repeat(300)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn hostile_values_stay_inert_in_every_target(value in hostile()) {
        let catalog = Catalog::embedded();
        let plain = with_value("plain");
        let evil = with_value(&value);
        for target in CmpId::ALL {
            let reference = cmp::snippet(catalog, &plain, target, Language::En).html;
            let html = cmp::snippet(catalog, &evil, target, Language::En).html;
            prop_assert_eq!(count(&html, "</script"), count(&reference, "</script"), "{:?}", target);
            prop_assert_eq!(count(&html, "<script"), count(&reference, "<script"), "{:?}", target);
            prop_assert_eq!(count(&html, "<!--"), count(&reference, "<!--"), "{:?}", target);
            prop_assert_eq!(count(&html, "-->"), count(&reference, "-->"), "{:?}", target);
            let raw_separator = html.contains(['\u{2028}', '\u{2029}']);
            prop_assert!(!raw_separator, "raw line separator in {:?}", target);
            let a = skeleton(&html).map_err(|e| TestCaseError::fail(format!("{target:?}: {e}")))?;
            let b = skeleton(&reference).unwrap();
            prop_assert_eq!(a, b, "{:?}", target);
        }
    }
}

#[test]
fn skeleton_sees_a_breakout() {
    // The checker itself: code outside a literal changes the skeleton.
    assert_ne!(
        js_skeleton(r#"var a = "x";"#),
        js_skeleton(r#"var a = "x"; alert(1);"#)
    );
    assert_eq!(
        js_skeleton(r#"var a = "x\"y"; /* it's */"#),
        js_skeleton(r#"var a = ""; "#)
    );
    assert!(skeleton("<script>a</script><script").is_err());
}
