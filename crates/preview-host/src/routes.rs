//! What the host answers. The site's hosts get the test site; the widget's host gets the
//! emulator; every other host, and every tunnel, is refused: the preview reaches no network.

use std::sync::Mutex;

use serde::Deserialize;

use crate::http::{Request, Response};
use crate::{assets, SITE_DOMAIN, WIDGET_HOST, WIDGET_PATH};

/// The scene being shown and the pages the frame built for it.
#[derive(Default)]
pub struct Current {
    pub generation: u64,
    pub scene_json: Vec<u8>,
    pub catalog_json: Vec<u8>,
    /// page1.html and page2.html, once the frame built them for this generation.
    pub pages: Option<[Vec<u8>; 2]>,
}

pub struct Shared {
    pub current: Mutex<Current>,
}

/// The two pages of the site, as the preview host page built them.
#[derive(Deserialize)]
struct Pages {
    page1: String,
    page2: String,
}

pub fn route(shared: &Shared, request: &Request) -> Response {
    if request.method == "CONNECT" {
        return refused(&request.host);
    }
    if request.host == WIDGET_HOST {
        return widget(request);
    }
    if is_site_host(&request.host) {
        return site(shared, request);
    }
    refused(&request.host)
}

fn refused(host: &str) -> Response {
    Response::text(
        403,
        format!("The consent preview reaches no network: a request for {host:?} was refused."),
    )
}

/// `v<visitor>-<token>.preview.test`: one label of letters, digits and dashes.
fn is_site_host(host: &str) -> bool {
    host.strip_suffix(SITE_DOMAIN)
        .and_then(|h| h.strip_suffix('.'))
        .is_some_and(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
}

fn widget(request: &Request) -> Response {
    if request.method != "GET" || request.path != WIDGET_PATH {
        return Response::text(404, "not the widget");
    }
    match assets::file("widget-emulator.js") {
        // Not cached: the snippet asks for it with its own version query each time, as a site
        // would get the CDN's current file.
        Some(body) => Response::new(200, assets::content_type(".js"), body),
        None => Response::text(404, "the widget emulator is missing from this build"),
    }
}

fn site(shared: &Shared, request: &Request) -> Response {
    let path = request.path.as_str();
    if path == "/__preview/pages" {
        return if request.method == "PUT" {
            put_pages(shared, request)
        } else {
            Response::text(405, "PUT only")
        };
    }
    if request.method != "GET" && request.method != "HEAD" {
        return Response::text(405, "GET only");
    }
    let lock = |f: &dyn Fn(&Current) -> Response| match shared.current.lock() {
        Ok(current) => f(&current),
        Err(_) => Response::text(500, "the preview's state is unusable"),
    };
    match path {
        "/__preview/scene.json" => {
            lock(&|c| Response::new(200, assets::content_type(".json"), c.scene_json.clone()))
        }
        "/catalog.json" => {
            lock(&|c| Response::new(200, assets::content_type(".json"), c.catalog_json.clone()))
        }
        "/page1.html" | "/page2.html" => {
            let index = usize::from(path == "/page2.html");
            lock(&|c| match &c.pages {
                Some(pages) => {
                    Response::new(200, assets::content_type(".html"), pages[index].clone())
                }
                None => Response::text(404, "the preview has not built this page yet"),
            })
        }
        "/__preview/host.html" => embedded("app/host.html"),
        "/favicon.ico" => Response::new(204, "text/plain", Vec::new()),
        _ => {
            if let Some(rest) = path.strip_prefix("/preview/") {
                embedded(rest)
            } else if let Some(rest) = path.strip_prefix("/node_modules/") {
                // The real CMP code, vendored from npm under preview/vendor/npm.
                embedded(&format!("vendor/npm/{rest}"))
            } else {
                Response::text(404, "not found")
            }
        }
    }
}

fn embedded(rel: &str) -> Response {
    // The table holds exact relative paths; `..` or `//` can never name a file in it.
    match assets::file(rel) {
        Some(body) => Response {
            immutable: true,
            ..Response::new(200, assets::content_type(rel), body)
        },
        None => Response::text(404, "not found"),
    }
}

fn put_pages(shared: &Shared, request: &Request) -> Response {
    let generation = request
        .query
        .split('&')
        .find_map(|kv| kv.strip_prefix("g="))
        .and_then(|g| g.parse::<u64>().ok());
    let Ok(pages) = serde_json::from_slice::<Pages>(&request.body) else {
        return Response::text(400, "expected {\"page1\": \"…\", \"page2\": \"…\"}");
    };
    let Ok(mut current) = shared.current.lock() else {
        return Response::text(500, "the preview's state is unusable");
    };
    if generation != Some(current.generation) {
        return Response::text(409, "the preview has moved on to another scene");
    }
    current.pages = Some([pages.page1.into_bytes(), pages.page2.into_bytes()]);
    Response::new(204, "text/plain", Vec::new())
}
