//! The published bundle schema (`schemas/bundle.schema.json`) is generated from the Rust types
//! (`schemars` derives on the bundle types here and the configuration types in the core). This
//! test fails when the committed file is not the generated one; regenerate it with
//!
//! ```sh
//! UPDATE_SCHEMA=1 cargo test -p cookie-admin-store --test schema
//! ```
//!
//! and review the diff. (`tests/store.rs` checks real exports against the committed file.)
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use cookie_admin_store::Bundle;

#[test]
fn committed_bundle_schema_is_the_generated_one() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas/bundle.schema.json");
    let generated = serde_json::to_string_pretty(&schemars::schema_for!(Bundle)).unwrap() + "\n";
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap();
    assert!(
        committed == generated,
        "{} is not the schema generated from the Rust types; run \
         `UPDATE_SCHEMA=1 cargo test -p cookie-admin-store --test schema` and review the diff",
        path.display()
    );
}
