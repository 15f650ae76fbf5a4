//! The declaration audit on report files written for the tests in every supported shape
//! (`tests/fixtures/audit`, see its README), on the real Open Cookie Database, and on bad input.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test file: failing loudly is the point

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use cookie_admin_core::declaration::{declaration, DeclarationFormat};
use cookie_admin_core::{AccountConfig, Catalog, Category, Feature, Language, Severity};
use cookie_admin_diagnose::audit::{
    audit, rules, to_csv, to_markdown, AuditOptions, AuditResult, ColumnMapping, FormatChoice,
    ReportFormat, RowStatus, DOCUMENT_LIMIT,
};
use cookie_admin_diagnose::Error;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/audit")
}

fn account() -> AccountConfig {
    AccountConfig::from_json(&std::fs::read_to_string(fixtures().join("account.json")).unwrap())
        .unwrap()
}

fn with_features(features: &[Feature]) -> AccountConfig {
    let mut config = account();
    config.features = features.iter().copied().collect();
    config
}

fn run_bytes(
    bytes: &[u8],
    options: &AuditOptions,
    config: &AccountConfig,
) -> Result<AuditResult, Error> {
    audit(bytes, options, Catalog::embedded(), config)
}

fn run(file: &str, config: &AccountConfig) -> AuditResult {
    run_with(file, &AuditOptions::default(), config)
}

fn run_with(file: &str, options: &AuditOptions, config: &AccountConfig) -> AuditResult {
    let f = std::fs::File::open(fixtures().join(file)).unwrap();
    audit(
        std::io::BufReader::new(f),
        options,
        Catalog::embedded(),
        config,
    )
    .unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// The finding ids, sorted, with repeats.
fn ids(result: &AuditResult) -> Vec<&'static str> {
    let mut ids: Vec<&'static str> = result.all_findings().map(|f| f.id).collect();
    ids.sort();
    ids
}

fn row<'r>(result: &'r AuditResult, name: &str) -> &'r cookie_admin_diagnose::audit::AuditRow {
    result
        .rows
        .iter()
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("no row {name}"))
}

fn assert_clean(result: &AuditResult, file: &str) {
    let findings: Vec<String> = result
        .all_findings()
        .map(|f| format!("{} {}", f.id, f.message))
        .collect();
    assert!(findings.is_empty(), "{file}: {findings:#?}");
    for r in &result.rows {
        assert!(
            matches!(r.status, RowStatus::Declared | RowStatus::NotInScan),
            "{file}: {} is {:?}",
            r.name,
            r.status
        );
        if r.status == RowStatus::Declared {
            assert_ne!(r.category_ok, Some(false), "{file}: {}", r.name);
            assert_eq!(r.lifetime_ok, Some(true), "{file}: {}", r.name);
        }
    }
}

#[test]
fn clean_reports_in_every_shape_raise_nothing() {
    let config = account();
    for (file, format) in [
        ("cookiebot-clean-cc.js", ReportFormat::CookiebotScript),
        (
            "cookiebot-clean-declaration.html",
            ReportFormat::CookiebotHtml,
        ),
        ("onetrust-clean.json", ReportFormat::OnetrustJson),
        ("ocd-columns-clean.csv", ReportFormat::OpenCookieDatabaseCsv),
        ("didomi-clean.csv", ReportFormat::DidomiCsv),
    ] {
        let result = run(file, &config);
        assert_eq!(result.format, format, "{file}");
        assert_clean(&result, file);
        // The core and both enabled features' five items; Data Memorization is off.
        assert_eq!(result.rows.len(), 5, "{file}");
        assert!(result.rows.iter().all(|r| r.feature != "data_memorization"));
    }
    let didomi = run("didomi-clean.csv", &config);
    assert!(didomi.observed && !didomi.categories_given);
    assert_eq!(
        row(&didomi, "callpage_trace_route").status,
        RowStatus::NotInScan,
        "a cookie scan cannot see session storage"
    );
}

#[test]
fn our_own_declaration_and_cookie_list_csv_audit_clean() {
    let catalog = Catalog::embedded();
    let config = account();
    for lang in [Language::En, Language::Pl] {
        let csv = declaration(catalog, &config, lang, DeclarationFormat::Csv);
        let result = run_bytes(csv.as_bytes(), &AuditOptions::default(), &config).unwrap();
        assert_eq!(result.format, ReportFormat::DeclarationCsv, "{lang:?}");
        assert_clean(&result, &format!("declaration {lang:?}"));
    }
    // The cookie list as `cookie-admin-cli cookies --csv` writes it.
    let mut rows = cookie_admin_core::necessary_items(catalog, &config);
    rows.extend(cookie_admin_core::cookie_list(catalog, &config));
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in &rows {
        w.serialize(r).unwrap();
    }
    let text = w.into_inner().unwrap();
    let result = run_bytes(&text, &AuditOptions::default(), &config).unwrap();
    assert_eq!(result.format, ReportFormat::CookieListCsv);
    assert_clean(&result, "cookie list");
}

#[test]
fn cookiebot_script_with_every_kind_of_problem() {
    let result = run("cookiebot-problems-cc.js", &account());
    assert_eq!(
        ids(&result),
        [
            rules::CATEGORY_MISMATCH, // the core as Statistics
            rules::CATEGORY_MISMATCH, // cp_visitor_id as Marketing
            rules::CATEGORY_UNCLASSIFIED,
            rules::ITEM_MISSING,
            rules::LIFETIME_MISMATCH,
            rules::LIFETIME_UNREADABLE,
            rules::OPTIONAL_DECLARED_NECESSARY,
            rules::STALE_ITEM,
            rules::UNKNOWN_CALLPAGE_ITEM,
        ]
    );
    assert!(result.has_errors());
    let tr = row(&result, "cp_tr_");
    let necessary = &tr.findings[0];
    assert_eq!(necessary.severity, Severity::Error);
    assert!(
        necessary.message.contains("“Necessary”"),
        "{}",
        necessary.message
    );
    let evidence = necessary.evidence.as_ref().unwrap();
    assert_eq!(evidence.line, 3, "the row's line in cc.js");
    let visitor = row(&result, "cp_visitor_id");
    assert_eq!(visitor.category_ok, Some(false));
    assert_eq!(visitor.lifetime_ok, Some(false));
    let mismatch = visitor
        .findings
        .iter()
        .find(|f| f.id == rules::CATEGORY_MISMATCH)
        .unwrap();
    assert!(
        mismatch.message.contains("“Marketing”")
            && mismatch.message.contains("recommends Analytics"),
        "{}",
        mismatch.message
    );
    assert_eq!(
        row(&result, "callpage_trace_route").status,
        RowStatus::Missing
    );
    let stale = row(&result, "callpage_form_data");
    assert_eq!(stale.status, RowStatus::Stale);
    assert!(!stale.enabled);
    assert_eq!(result.unknown_items[0].name, "cp_chat_session");
}

#[test]
fn cookiebot_declaration_saved_as_html_in_polish() {
    let result = run("cookiebot-problems-declaration.html", &account());
    assert_eq!(result.format, ReportFormat::CookiebotHtml);
    assert_eq!(
        ids(&result),
        [
            rules::CATEGORY_MISMATCH,
            rules::ITEM_MISSING,
            rules::LIFETIME_MISMATCH
        ]
    );
    let visitor = row(&result, "cp_visitor_id");
    assert_eq!(visitor.declared[0].name, "cp_visitor_id", "[x2] removed");
    assert_eq!(visitor.declared[0].lifetime_text.as_deref(), Some("2 lata"));
    assert_eq!(
        row(&result, "callpage-widget-version").category_ok,
        Some(true)
    );
}

#[test]
fn onetrust_groups_custom_ids_and_lengths_in_days() {
    let result = run("onetrust-problems.json", &account());
    assert_eq!(result.format, ReportFormat::OnetrustJson);
    assert_eq!(
        ids(&result),
        [
            rules::CATEGORY_MISMATCH,
            rules::CATEGORY_UNKNOWN,
            rules::ITEM_MISSING,
            rules::LIFETIME_MISMATCH,
        ]
    );
    let count = row(&result, "cp_visit_count");
    assert_eq!(count.declared[0].category.raw, "Targeting Cookies (C0004)");
    let evidence = count.findings[0].evidence.as_ref().unwrap();
    assert!(
        evidence
            .excerpt
            .starts_with("Groups[3].FirstPartyCookies[0]"),
        "{evidence:?}"
    );
    assert!(evidence.line > 1);
    // 0 days for a 30-minute cookie is right: OneTrust counts whole days.
    assert_eq!(row(&result, "cp_tr_").lifetime_ok, Some(true));
}

#[test]
fn open_cookie_database_columns_with_its_traps() {
    let result = run("ocd-columns-problems.csv", &account());
    assert_eq!(result.format, ReportFormat::OpenCookieDatabaseCsv);
    assert_eq!(
        ids(&result),
        [
            rules::CATEGORY_MISMATCH,           // the core as Functional
            rules::OPTIONAL_DECLARED_NECESSARY, // Security counts as necessary
            rules::ROWS_SKIPPED,
        ]
    );
    let skipped = result
        .findings
        .iter()
        .find(|f| f.id == rules::ROWS_SKIPPED)
        .unwrap();
    assert_eq!(
        skipped.evidence.as_ref().unwrap().line,
        9,
        "after a two-line cell"
    );
    assert_eq!(
        row(&result, "cp_visit_count").lifetime_ok,
        None,
        "#N/A is no lifetime"
    );
    assert_eq!(
        row(&result, "cp_tr_").declared[0].prefix.as_deref(),
        Some("cp_tr_"),
        "Wildcard match = 1"
    );
}

#[test]
fn didomi_scan_is_observed_not_declared() {
    // Only Scoring Rules on: the Trace Route cookie the scan saw is stale.
    let config = with_features(&[Feature::ScoringRules]);
    let result = run("didomi-problems.csv", &config);
    assert_eq!(result.format, ReportFormat::DidomiCsv);
    assert!(result.observed);
    assert_eq!(
        ids(&result),
        [
            rules::ITEM_MISSING,
            rules::LIFETIME_MISMATCH,
            rules::STALE_ITEM
        ]
    );
    let missing = &row(&result, "cp_visit_count").findings[0];
    assert_eq!(
        missing.severity,
        Severity::Warning,
        "not seen by a scan is no proof"
    );
    assert!(missing.message.contains("scan"), "{}", missing.message);
    assert!(!result.has_errors());
    let stale = &row(&result, "cp_tr_").findings[0];
    assert!(
        stale.message.contains("seen on the site"),
        "{}",
        stale.message
    );
}

#[test]
fn unknown_columns_need_a_mapping_which_then_reads_them() {
    let config = account();
    let f = std::fs::read(fixtures().join("mapped-tab.tsv")).unwrap();
    let err = run_bytes(&f, &AuditOptions::default(), &config).unwrap_err();
    let Error::MappingNeeded {
        headers,
        suggestion,
    } = &err
    else {
        panic!("{err}")
    };
    assert_eq!(headers, &["Cookie", "Group", "Expires", "Host"]);
    assert_eq!(err.kind(), "diagnose_mapping_needed");
    let suggestion = suggestion.clone().unwrap();
    assert_eq!(suggestion.name, "Cookie");
    assert_eq!(suggestion.category.as_deref(), Some("Group"));
    assert_eq!(suggestion.lifetime.as_deref(), Some("Expires"));
    assert_eq!(suggestion.domain.as_deref(), Some("Host"));
    assert!(
        err.to_string()
            .contains("--map 'name=Cookie,category=Group,domain=Host,lifetime=Expires'"),
        "{err}"
    );

    let options = AuditOptions {
        format: FormatChoice::Csv,
        mapping: Some(suggestion),
        ..AuditOptions::default()
    };
    let result = run_with("mapped-tab.tsv", &options, &config);
    assert_eq!(result.format, ReportFormat::MappedCsv);
    assert_eq!(ids(&result), [rules::CATEGORY_MISMATCH]);

    // Without a category column, categories are not compared, and the result says so.
    let options = AuditOptions {
        format: FormatChoice::Auto,
        mapping: Some(ColumnMapping::parse("name=Cookie,lifetime=Expires").unwrap()),
        ..AuditOptions::default()
    };
    let result = run_with("mapped-tab.tsv", &options, &config);
    assert_eq!(ids(&result), [rules::NO_CATEGORIES]);

    // A mapping naming a column the file lacks is an error listing the columns.
    let options = AuditOptions {
        format: FormatChoice::Csv,
        mapping: Some(ColumnMapping::parse("name=Cookie name").unwrap()),
        ..AuditOptions::default()
    };
    let err = run_bytes(&f, &options, &config).unwrap_err().to_string();
    assert!(
        err.contains("'Cookie name'") && err.contains("Cookie, Group, Expires, Host"),
        "{err}"
    );
}

#[test]
fn every_rule_is_exercised_by_some_report() {
    let config = account();
    let mut seen: BTreeSet<&'static str> = BTreeSet::new();
    for file in [
        "cookiebot-problems-cc.js",
        "cookiebot-problems-declaration.html",
        "onetrust-problems.json",
        "ocd-columns-problems.csv",
    ] {
        seen.extend(ids(&run(file, &config)));
    }
    seen.extend(ids(&run(
        "didomi-problems.csv",
        &with_features(&[Feature::ScoringRules]),
    )));
    let options = AuditOptions {
        mapping: Some(ColumnMapping::parse("name=Cookie").unwrap()),
        ..AuditOptions::default()
    };
    seen.extend(ids(&run_with("mapped-tab.tsv", &options, &config)));
    let header_only = "Page URL,Cookie Domain,Cookie Name,Lifetime,Sample\n";
    seen.extend(ids(&run_bytes(
        header_only.as_bytes(),
        &AuditOptions::default(),
        &config,
    )
    .unwrap()));
    let latin2 = b"Cookie Name,Cookie Domain,Lifetime\ncp_visitor_id,acme.example,31536000\nciasteczko_\xb1\xea,acme.example,60\n";
    seen.extend(ids(
        &run_bytes(latin2, &AuditOptions::default(), &config).unwrap()
    ));
    let all: BTreeSet<&'static str> = rules::RULES.iter().map(|r| r.id).collect();
    assert_eq!(seen, all);
}

#[test]
fn header_only_and_non_utf8_reports() {
    let config = account();
    let empty = run_bytes(
        b"Page URL,Cookie Domain,Cookie Name,Lifetime,Sample\r\n",
        &AuditOptions::default(),
        &config,
    )
    .unwrap();
    assert_eq!(empty.entries, 0);
    assert!(empty.findings.iter().any(|f| f.id == rules::REPORT_EMPTY));
    let latin2 = b"Cookie Name,Cookie Domain,Lifetime\ncp_visitor_id,acme.example,31536000\nciasteczko_\xb1\xea,acme.example,60\n";
    let result = run_bytes(latin2, &AuditOptions::default(), &config).unwrap();
    let note = result
        .findings
        .iter()
        .find(|f| f.id == rules::TEXT_NOT_UTF8)
        .unwrap();
    assert_eq!(note.evidence.as_ref().unwrap().line, 3);
    assert_eq!(result.entries, 2);
}

#[test]
fn delimiters_bom_and_excels_sep_line() {
    let config = with_features(&[Feature::ScoringRules]);
    for text in [
        "\u{feff}Cookie Name;Cookie Domain;Lifetime\ncp_visitor_id;acme.example;31536000\ncp_visit_count;acme.example;31536000\ncallpage-widget-version;acme.example;0\n",
        "sep=;\nCookie Name;Cookie Domain;Lifetime\ncp_visitor_id;acme.example;31536000\ncp_visit_count;acme.example;31536000\ncallpage-widget-version;acme.example;0\n",
        "Cookie Name\tCookie Domain\tLifetime\r\ncp_visitor_id\tacme.example\t31536000\r\ncp_visit_count\tacme.example\t31536000\r\ncallpage-widget-version\tacme.example\t0\r\n",
    ] {
        let result = run_bytes(text.as_bytes(), &AuditOptions::default(), &config).unwrap();
        assert_eq!(result.entries, 3, "{text:?}");
        assert_clean(&result, text);
    }
}

#[test]
fn the_real_open_cookie_database_reads_without_error() {
    let config = account();
    let excerpt = run("open-cookie-database/excerpt.csv", &config);
    assert_eq!(excerpt.format, ReportFormat::OpenCookieDatabaseCsv);
    assert_eq!(excerpt.entries, 37);
    // No CallPage cookie in it: the enabled features' items are all missing.
    assert!(excerpt
        .rows
        .iter()
        .filter(|r| r.feature != "core")
        .all(|r| r.status == RowStatus::Missing));

    // The whole database, next to the repository (../shared/data), when it is there.
    let full = Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .map(|dir| dir.join("shared/data/open-cookie-database.csv"))
        .find(|p| p.is_file());
    let Some(full) = full else {
        eprintln!("note: shared/data/open-cookie-database.csv not found next to the repository; only the excerpt was read");
        return;
    };
    let file = std::fs::File::open(&full).unwrap();
    let result = audit(
        std::io::BufReader::new(file),
        &AuditOptions::default(),
        Catalog::embedded(),
        &config,
    )
    .unwrap_or_else(|e| panic!("{}: {e}", full.display()));
    assert_eq!(result.format, ReportFormat::OpenCookieDatabaseCsv);
    // Every data row has a name (2,264 rows, 354 platforms at commit 0ee5a17).
    let mut reader = csv::Reader::from_path(&full).unwrap();
    let rows = reader.records().count();
    assert_eq!(result.entries, rows);
    assert!(rows >= 2000, "{rows}");
}

#[test]
fn not_a_report_at_all() {
    let config = account();
    let cases: [(&[u8], &str); 7] = [
        (b"", "empty"),
        (b"PK\x03\x04\x14\0\x06\0", "Excel"),
        (b"\xFF\xFEC\0o\0o\0k\0", "UTF-16"),
        (b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0", "binary"),
        (b"{\"cookies\": []}", "not OneTrust"),
        (
            b"<html><body><p>Our cookies</p></body></html>",
            "CookieDeclarationType",
        ),
        (
            b"window.foo = function () { return 1; };",
            "no cookie tables",
        ),
    ];
    for (bytes, says) in cases {
        let err = run_bytes(bytes, &AuditOptions::default(), &config)
            .unwrap_err()
            .to_string();
        assert!(err.contains(says), "{says}: {err}");
    }
    // Broken JSON names the line; a broken table literal names line and column.
    let err = run_bytes(
        b"{\n \"DomainData\": {\n  \"Groups\": [ {,] }\n}",
        &AuditOptions::default(),
        &config,
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("line 3"), "{err}");
    let err = run_bytes(
        b"CookieConsentDialog.cookieTableNecessary = [\n  [\"a\", \"b\"],\n  [\"c\", document.cookie]\n];",
        &AuditOptions::default(),
        &config,
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("line 3, column 9") && err.contains("`document.cookie]`"),
        "{err}"
    );
    // A format asked for that the file is not.
    let json = std::fs::read(fixtures().join("onetrust-clean.json")).unwrap();
    for format in [
        FormatChoice::Csv,
        FormatChoice::Didomi,
        FormatChoice::Cookiebot,
    ] {
        let options = AuditOptions {
            format,
            mapping: None,
            ..AuditOptions::default()
        };
        let err = run_bytes(&json, &options, &config).unwrap_err().to_string();
        assert!(err.contains("looks like JSON"), "{err}");
    }
    let options = AuditOptions {
        format: FormatChoice::Didomi,
        mapping: None,
        ..AuditOptions::default()
    };
    let err = run_bytes(b"Name,Category\nx,y\n", &options, &config)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("Didomi") && err.contains("Name, Category"),
        "{err}"
    );
}

/// An endless stream of one byte pattern after a prefix.
struct Endless {
    prefix: Vec<u8>,
    fill: u8,
    sent: u64,
    limit: u64,
}

impl Read for Endless {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.sent >= self.limit {
            return Ok(0);
        }
        let mut n = 0;
        if (self.sent as usize) < self.prefix.len() {
            let rest = &self.prefix[self.sent as usize..];
            n = rest.len().min(buf.len());
            buf[..n].copy_from_slice(&rest[..n]);
        }
        let more = (buf.len() - n).min((self.limit - self.sent) as usize - n);
        buf[n..n + more].fill(self.fill);
        self.sent += (n + more) as u64;
        Ok(n + more)
    }
}

#[test]
fn a_gigabyte_that_is_one_quoted_cell_or_one_json_document_stops_early() {
    let config = account();
    let gib = 1024 * 1024 * 1024;
    // A quote left open: the rest of a 1 GiB file would be one cell.
    let open_quote = Endless {
        prefix: b"Cookie Name,Cookie Domain,Lifetime\n\"cp_visitor_id,acme.example,1\n".to_vec(),
        fill: b'a',
        sent: 0,
        limit: gib,
    };
    let err = audit(
        open_quote,
        &AuditOptions::default(),
        Catalog::embedded(),
        &config,
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("line 2") && err.contains("quote"), "{err}");
    // JSON cannot be streamed: refused beyond the limit, after reading no more than it.
    let mut json = Endless {
        prefix: b"{\"DomainData\": {\"Groups\": [], \"x\": \"".to_vec(),
        fill: b' ',
        sent: 0,
        limit: gib,
    };
    let err = audit(
        &mut json,
        &AuditOptions::default(),
        Catalog::embedded(),
        &config,
    )
    .unwrap_err();
    assert!(matches!(err, Error::TooLarge { .. }), "{err}");
    assert!(
        json.sent <= DOCUMENT_LIMIT + 128 * 1024,
        "read {} bytes",
        json.sent
    );
}

#[test]
fn exports_for_the_customer_are_escaped() {
    let config = account();
    let report = "Cookie Name,Category,Lifetime\n\
        cp_visitor_id,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",1 year\n\
        cp_visit_count,\"Statistics | <script>alert(1)</script>\",1 year\n";
    let options = AuditOptions {
        format: FormatChoice::Csv,
        mapping: Some(
            ColumnMapping::parse("name=Cookie Name,category=Category,lifetime=Lifetime").unwrap(),
        ),
        ..AuditOptions::default()
    };
    let result = run_bytes(report.as_bytes(), &options, &config).unwrap();
    let csv_text = to_csv(&result);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let declared_category = headers
        .iter()
        .position(|h| h == "Declared category")
        .unwrap();
    let mut cells = Vec::new();
    for record in reader.records() {
        let record = record.unwrap();
        assert_eq!(record.len(), headers.len());
        for cell in record.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "a formula cell: {cell}"
            );
        }
        cells.push(record.get(declared_category).unwrap().to_string());
    }
    assert!(
        cells.iter().any(|c| c.starts_with("'=HYPERLINK")),
        "{cells:?}"
    );

    let md = to_markdown(&result, "ACME | <b>Ltd</b>");
    assert!(
        md.starts_with(
            "# CallPage widget: cookie declaration audit for ACME \\| &lt;b&gt;Ltd&lt;/b&gt;"
        ),
        "{md}"
    );
    assert!(!md.contains("<script>"), "{md}");
    for line in md.lines().filter(|l| l.starts_with('|')) {
        // Every table line has the header's seven cells (escaped pipes do not count).
        assert_eq!(line.replace("\\|", "").matches('|').count(), 8, "{line}");
    }
    assert!(md.contains("## What to fix"));
    assert!(md.contains("audit.item_missing"));
}

#[test]
fn categories_follow_the_account_not_only_the_vendor() {
    // The account deliberately puts Scoring Rules under Functional: a report with Analytics
    // is then the mismatch, and the message still names the vendor's recommendation.
    let mut config = with_features(&[Feature::ScoringRules]);
    config
        .categories
        .insert(Feature::ScoringRules, Category::Functional);
    let report = "Cookie Name,Category,Lifetime\ncp_visitor_id,Functional,1 year\ncp_visit_count,Analytics,1 year\ncallpage-widget-version,Necessary,Session\n";
    let options = AuditOptions {
        mapping: Some(
            ColumnMapping::parse("name=Cookie Name,category=Category,lifetime=Lifetime").unwrap(),
        ),
        ..AuditOptions::default()
    };
    let result = run_bytes(report.as_bytes(), &options, &config).unwrap();
    assert_eq!(row(&result, "cp_visitor_id").category_ok, Some(true));
    let f = &row(&result, "cp_visit_count").findings[0];
    assert_eq!(f.id, rules::CATEGORY_MISMATCH);
    assert!(
        f.message.contains("under Functional") && f.message.contains("recommends Analytics"),
        "{}",
        f.message
    );
}

#[test]
fn the_same_audit_in_polish_for_a_polish_customer() {
    let polish = AuditOptions {
        language: cookie_admin_core::Language::Pl,
        ..AuditOptions::default()
    };
    let en = run("cookiebot-problems-cc.js", &account());
    let pl = run_with("cookiebot-problems-cc.js", &polish, &account());
    // The same findings (ids, severities, places), in other words.
    assert_eq!(ids(&en), ids(&pl));
    assert_eq!(en.counts, pl.counts);
    for (e, p) in en.all_findings().zip(pl.all_findings()) {
        assert_eq!(
            (e.id, e.severity, &e.evidence),
            (p.id, p.severity, &p.evidence)
        );
        assert_ne!(e.message, p.message, "{}: not translated", e.id);
        assert_ne!(e.fix, p.fix, "{}: fix not translated", e.id);
        assert!(
            !p.message.contains('“'),
            "Polish quotation marks: {}",
            p.message
        );
    }
    assert_eq!(pl.format_name, "Skrypt okna Cookiebot (cc.js)");
    let tr = row(&pl, "cp_tr_");
    assert_eq!(tr.feature_name, "Ścieżka odwiedzin (Trace Route)");
    assert_eq!(tr.expected_category_label, "Analityczne");
    assert!(
        tr.findings[0]
            .message
            .contains("jest zadeklarowany jako „Necessary” (u nas: Niezbędne)"),
        "{}",
        tr.findings[0].message
    );
    let md = to_markdown(&pl, "ACME");
    assert!(
        md.starts_with("# Widżet CallPage: sprawdzenie deklaracji cookies dla konta ACME"),
        "{md}"
    );
    assert!(
        md.contains("## Co poprawić") && md.contains("audit.item_missing"),
        "{md}"
    );
    let csv = to_csv(&pl);
    assert!(csv.starts_with("Stan,Funkcja,Pozycja,"), "{csv}");
}
