//! A 1 GiB CSV report streams through the audit in bounded memory. This file holds one test
//! only, so that the process's peak resident memory (`VmHWM`) is this test's.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test file: failing loudly is the point

use std::io::Read;

use cookie_admin_core::{AccountConfig, Catalog, Feature};
use cookie_admin_diagnose::audit::{audit, AuditOptions, RowStatus};

const GIB: u64 = 1024 * 1024 * 1024;

/// A report generated on the fly: a header, then rows with long (100 kB) descriptions, and one
/// CallPage row every hundred rows.
struct Report {
    header: Vec<u8>,
    rows: [Vec<u8>; 2],
    left: u64,
    row: usize,
    at: usize,
    header_sent: bool,
}

impl Read for Report {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if !self.header_sent {
            self.header_sent = true;
            buf[..self.header.len()].copy_from_slice(&self.header);
            return Ok(self.header.len());
        }
        if self.left == 0 {
            return Ok(0);
        }
        let kind = usize::from(self.row % 100 == 99);
        let source = &self.rows[kind];
        let n = (source.len() - self.at)
            .min(buf.len())
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        buf[..n].copy_from_slice(&source[self.at..self.at + n]);
        self.at += n;
        self.left -= n as u64;
        if self.at == source.len() {
            self.at = 0;
            self.row += 1;
        }
        Ok(n)
    }
}

fn row(name: &str, category: &str) -> Vec<u8> {
    let mut row = format!("id,Platform,{category},{name},,\"").into_bytes();
    row.extend(std::iter::repeat_n(b'x', 100_000));
    row.extend(b"\",1 year,Controller,https://example.com/privacy,0\n");
    row
}

fn peak_rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

#[test]
fn a_one_gib_csv_report_streams_in_bounded_memory() {
    let catalog = Catalog::embedded();
    let mut config = AccountConfig::vendor_default(catalog, "acme", "ACME");
    config.features.insert(Feature::ScoringRules);
    let report = Report {
        header: b"ID,Platform,Category,Cookie / Data Key name,Domain,Description,Retention period,Data Controller,User Privacy & GDPR Rights Portals,Wildcard match\n".to_vec(),
        rows: [row("_ga", "Analytics"), row("cp_visitor_id", "Marketing")],
        left: GIB,
        row: 0,
        at: 0,
        header_sent: false,
    };
    let result = audit(report, &AuditOptions::default(), catalog, &config).unwrap();
    // 1 GiB of ~100 kB rows.
    assert!(result.entries > 10_000, "{}", result.entries);
    let visitor = result
        .rows
        .iter()
        .find(|r| r.name == "cp_visitor_id")
        .unwrap();
    assert_eq!(visitor.status, RowStatus::Declared);
    assert_eq!(
        visitor.declared.len(),
        20,
        "the first few matches are kept, not all"
    );
    let mismatches = visitor
        .findings
        .iter()
        .filter(|f| f.id == "audit.category_mismatch")
        .count();
    assert_eq!(
        mismatches, 1,
        "one finding for the same problem seen many times"
    );
    let peak = peak_rss_kib();
    assert!(
        peak < 200 * 1024,
        "peak resident memory {peak} KiB for a 1 GiB report"
    );
}
