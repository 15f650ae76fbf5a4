//! Random bytes, and random bytes behind the start of every format, never make the audit panic
//! or hang: each input gives a result or an error.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test file: failing loudly is the point

use cookie_admin_core::{AccountConfig, Catalog, Feature, Language};
use cookie_admin_diagnose::audit::{audit, AuditOptions, ColumnMapping, FormatChoice};
use proptest::prelude::*;

const STARTS: [&[u8]; 9] = [
    b"",
    b"ID,Platform,Category,Cookie / Data Key name,Domain,Description,Retention period,Data Controller,User Privacy & GDPR Rights Portals,Wildcard match\n",
    b"Page URL;Cookie Domain;Cookie Name;Lifetime;Sample\n",
    b"\xEF\xBB\xBFCategory,Name,Provider,Purpose,Duration,Type,Party,Personal data\n",
    b"{\"DomainData\":{\"Groups\":[{\"OptanonGroupId\":\"C0002\",\"FirstPartyCookies\":[",
    b"CookieConsentDialog.cookieTableStatistics = [[\"cp_tr_#\",",
    b"<html><div class=\"CookieDeclarationType\"><p class=\"CookieDeclarationTypeHeader\">Statistics</p><table class=\"CookieDeclarationTable\"><tbody><tr><td>",
    b"Cookie\tGroup\tExpires\n",
    b"sep=;\n",
];

fn config() -> AccountConfig {
    let mut config = AccountConfig::vendor_default(Catalog::embedded(), "acme", "ACME");
    config.features = Feature::ALL.into_iter().collect();
    config
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_give_a_result_or_an_error(
        start in 0..STARTS.len(),
        body in proptest::collection::vec(any::<u8>(), 0..2048),
        text in "[a-z_\"',;\\t\\n\\[\\]{}<>#*=0-9 ]{0,400}",
        format in 0..5usize,
        mapped in any::<bool>(),
    ) {
        let config = config();
        let mut input = STARTS[start].to_vec();
        input.extend_from_slice(text.as_bytes());
        input.extend_from_slice(&body);
        let options = AuditOptions {
            format: FormatChoice::ALL[format],
            mapping: mapped.then(|| ColumnMapping::parse("name=Cookie,category=Group").unwrap()),
            // Both languages: the Polish texts go through the same paths.
            language: if format % 2 == 0 { Language::En } else { Language::Pl },
        };
        let _ = audit(&input[..], &options, Catalog::embedded(), &config);
    }
}
