//! The loopback listener: a thread that accepts connections, one short-lived thread per
//! connection (a preview page makes a few dozen requests).

use std::io::BufWriter;
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::http::{self, Bad, Response};
use crate::routes::{self, Current, Shared};
use crate::{PreviewError, Scene, Shown, CSP, SITE_DOMAIN};

/// The running host. Dropping it leaves the listener running until the process ends (the
/// window needs it for as long as the app runs).
pub struct PreviewHost {
    addr: SocketAddr,
    /// Part of every site host name: a fresh one per app run, so that nothing a previous run
    /// stored in the webview counts for this run's visitors.
    token: String,
    shared: Arc<Shared>,
}

impl PreviewHost {
    /// Opens 127.0.0.1 on a free port and serves it on a background thread.
    pub fn start() -> Result<Self, PreviewError> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            current: Mutex::new(Current::default()),
        });
        let serving = Arc::clone(&shared);
        std::thread::Builder::new()
            .name("preview-host".into())
            .spawn(move || {
                for stream in listener.incoming().flatten() {
                    let shared = Arc::clone(&serving);
                    let _ = std::thread::Builder::new()
                        .name("preview-request".into())
                        .spawn(move || serve(&shared, stream));
                }
            })?;
        Ok(PreviewHost {
            addr,
            token: run_token(),
            shared,
        })
    }

    /// The proxy the webview must use: `http://127.0.0.1:<port>`.
    pub fn proxy_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Shows a new scene: the next generation, and the frame address for `visitor` (a
    /// number the window counts up on "start over as a new visitor").
    pub fn show(&self, scene: &Scene, visitor: u32) -> Result<Shown, PreviewError> {
        let mut current = self
            .shared
            .current
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let generation = current.generation + 1;
        let mut value = serde_json::to_value(scene)?;
        if let Some(map) = value.as_object_mut() {
            map.insert("generation".into(), generation.into());
        }
        *current = Current {
            generation,
            scene_json: serde_json::to_vec(&value)?,
            catalog_json: scene.catalog_json.clone().into_bytes(),
            pages: None,
        };
        let origin = format!("http://v{visitor}-{}.{SITE_DOMAIN}", self.token);
        Ok(Shown {
            generation,
            url: format!("{origin}/__preview/host.html?g={generation}"),
            origin,
        })
    }
}

fn serve(shared: &Shared, mut stream: TcpStream) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let response = match http::read_request(&mut stream) {
        Ok(request) => routes::route(shared, &request),
        Err(Bad::TooLarge) => Response::text(413, "too large"),
        Err(Bad::Malformed) => Response::text(400, "not a request this host understands"),
        Err(Bad::Io) => return,
    };
    let _ = response.write(&mut BufWriter::new(&stream), CSP);
    let _ = stream.shutdown(std::net::Shutdown::Both);
}

/// Six base-36 characters from the clock and the process id: unique enough per run.
fn run_token() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let mut n = (nanos ^ (u128::from(std::process::id()) << 64)) % 36u128.pow(6);
    let mut out = String::new();
    for _ in 0..6 {
        let digit = u32::try_from(n % 36).unwrap_or(0);
        out.push(char::from_digit(digit, 36).unwrap_or('0'));
        n /= 36;
    }
    out
}
