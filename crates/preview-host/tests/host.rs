//! The preview host over real loopback sockets, as the webview uses it: proxy requests in
//! absolute form for the site's hosts and the widget's, refusals for everything else.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test file: failing loudly is the point

use std::io::{Read, Write};
use std::net::TcpStream;

use cookie_admin_preview_host::{PreviewHost, Scene, CSP};

struct Reply {
    status: u16,
    head: String,
    body: String,
}

/// Sends one raw request to the host and reads the whole answer.
fn send(host: &PreviewHost, raw: &str) -> Reply {
    let addr = host.proxy_url().trim_start_matches("http://").to_owned();
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.write_all(raw.as_bytes()).unwrap();
    let mut out = Vec::new();
    stream.read_to_end(&mut out).unwrap();
    let text = String::from_utf8_lossy(&out).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    let status = head[9..12].parse().unwrap();
    Reply {
        status,
        head: head.to_owned(),
        body: body.to_owned(),
    }
}

fn get(host: &PreviewHost, url: &str) -> Reply {
    send(host, &format!("GET {url} HTTP/1.1\r\nHost: x\r\n\r\n"))
}

fn scene() -> Scene {
    Scene {
        target: "klaro".into(),
        mode: None,
        snippet: "<script>/* the snippet */</script>".into(),
        enabled: vec!["trace_route".into()],
        categories: [("trace_route".to_owned(), "analytics".to_owned())]
            .into_iter()
            .collect(),
        catalog_json: r#"{"catalog_version":"test"}"#.into(),
    }
}

#[test]
fn the_site_is_served_by_name_with_its_scene_and_own_csp() {
    let host = PreviewHost::start().unwrap();
    let shown = host.show(&scene(), 3).unwrap();
    assert!(shown.origin.starts_with("http://v3-"), "{}", shown.origin);
    assert!(shown.origin.ends_with(".preview.test"), "{}", shown.origin);
    assert_eq!(
        shown.url,
        format!(
            "{}/__preview/host.html?g={}",
            shown.origin, shown.generation
        )
    );

    let scene_json = get(&host, &format!("{}/__preview/scene.json", shown.origin));
    assert_eq!(scene_json.status, 200);
    let value: serde_json::Value = serde_json::from_str(&scene_json.body).unwrap();
    assert_eq!(value["snippet"], "<script>/* the snippet */</script>");
    assert_eq!(value["generation"], shown.generation);
    assert!(scene_json
        .head
        .contains(&format!("Content-Security-Policy: {CSP}")));
    assert!(CSP.contains("connect-src 'self'"));

    let catalog = get(&host, &format!("{}/catalog.json", shown.origin));
    assert_eq!(catalog.body, r#"{"catalog_version":"test"}"#);

    // The shared site files and the vendored real CMP code, embedded in the binary.
    let page = get(&host, &format!("{}/preview/page.mjs", shown.origin));
    assert_eq!(page.status, 200);
    assert!(page.head.contains("text/javascript"));
    // Embedded files never change while the app runs; the scene does.
    assert!(page.head.contains("Cache-Control: max-age="));
    assert!(scene_json.head.contains("Cache-Control: no-store"));
    let klaro = get(
        &host,
        &format!("{}/node_modules/klaro/dist/klaro.js", shown.origin),
    );
    assert_eq!(klaro.status, 200, "{}", klaro.body);
    let hostpage = get(&host, &format!("{}/__preview/host.html", shown.origin));
    assert!(hostpage.body.contains("/preview/app/host.mjs"));
    assert_eq!(
        get(
            &host,
            &format!("{}/node_modules/klaro/LICENSE", shown.origin)
        )
        .status,
        200,
        "each package's licence goes with its code"
    );
    // vendor/npm's tooling (pins, update script) is not part of the site.
    for tooling in ["package-lock.json", "update.sh", "files.txt"] {
        let reply = get(&host, &format!("{}/node_modules/{tooling}", shown.origin));
        assert_eq!(reply.status, 404, "{tooling}");
    }
    // A path outside the site names nothing.
    let escape = get(&host, &format!("{}/preview/../Cargo.toml", shown.origin));
    assert_eq!(escape.status, 404);
}

#[test]
fn the_widget_url_is_answered_by_the_emulator() {
    let host = PreviewHost::start().unwrap();
    let widget = get(
        &host,
        "http://cdn-widget.callpage.io/build/js/callpage.js?v=1",
    );
    assert_eq!(widget.status, 200);
    assert!(widget.body.contains("callpage"), "the emulator's code");
    assert_eq!(
        get(&host, "http://cdn-widget.callpage.io/other.js").status,
        404
    );
}

#[test]
fn nothing_else_is_reached() {
    let host = PreviewHost::start().unwrap();
    for url in [
        "http://example.com/",
        "http://preview.test.evil.com/",
        "http://ipc.localhost/create_account",
        "http://127.0.0.1/",
    ] {
        let reply = get(&host, url);
        assert_eq!(reply.status, 403, "{url}");
        assert!(reply.body.contains("reaches no network"), "{url}");
    }
    let tunnel = send(
        &host,
        "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n",
    );
    assert_eq!(tunnel.status, 403);
    let garbage = send(&host, "\x16\x03\x01 not http\r\n\r\n");
    assert_eq!(garbage.status, 400);
}

#[test]
fn pages_are_kept_for_the_current_scene_only() {
    let host = PreviewHost::start().unwrap();
    let first = host.show(&scene(), 1).unwrap();
    let put = |generation: u64, body: &str| {
        send(
            &host,
            &format!(
                "PUT {}/__preview/pages?g={generation} HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\n\r\n{body}",
                first.origin,
                body.len()
            ),
        )
    };
    assert_eq!(
        get(&host, &format!("{}/page1.html", first.origin)).status,
        404,
        "nothing built yet"
    );
    assert_eq!(put(first.generation, "not json").status, 400);
    let pages = r#"{"page1":"<p>one</p>","page2":"<p>two</p>"}"#;
    assert_eq!(put(first.generation, pages).status, 204);
    assert_eq!(
        get(&host, &format!("{}/page2.html", first.origin)).body,
        "<p>two</p>"
    );
    // A newer scene: the old generation's pages are refused and the new one starts empty.
    let second = host.show(&scene(), 1).unwrap();
    assert_eq!(second.generation, first.generation + 1);
    assert_eq!(put(first.generation, pages).status, 409);
    assert_eq!(
        get(&host, &format!("{}/page1.html", second.origin)).status,
        404
    );
    let too_large = send(
        &host,
        &format!(
            "PUT {}/__preview/pages?g=2 HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n",
            first.origin
        ),
    );
    assert_eq!(too_large.status, 413);
}
