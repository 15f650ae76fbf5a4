//! Just enough HTTP/1.1 for a browser's proxy requests: one request per connection, a
//! `Content-Length` body, the answer with `Connection: close`.

use std::io::{self, Read, Write};

/// Headers larger than this are refused (a browser's are a few hundred bytes).
const MAX_HEAD: usize = 64 * 1024;
/// The largest body accepted (the two built pages of a scene).
pub const MAX_BODY: usize = 4 * 1024 * 1024;

#[derive(Debug)]
pub struct Request {
    pub method: String,
    /// The host the request is for (from an absolute-form target, else the Host header),
    /// lower-case, without the port.
    pub host: String,
    /// The path, without the query string.
    pub path: String,
    pub query: String,
    pub body: Vec<u8>,
}

/// Why a request could not be read; each becomes an error status.
#[derive(Debug)]
pub enum Bad {
    Io,
    Malformed,
    TooLarge,
}

impl From<io::Error> for Bad {
    fn from(_: io::Error) -> Self {
        Bad::Io
    }
}

/// Reads one request from the connection.
pub fn read_request(stream: &mut impl Read) -> Result<Request, Bad> {
    let mut buf = Vec::with_capacity(2048);
    let mut chunk = [0u8; 4096];
    let (head_len, mut request) = loop {
        let n = stream.read(&mut chunk)?;
        if n == 0 {
            return Err(Bad::Malformed);
        }
        buf.extend_from_slice(&chunk[..n]);
        let mut headers = [httparse::EMPTY_HEADER; 64];
        let mut parsed = httparse::Request::new(&mut headers);
        match parsed.parse(&buf) {
            Ok(httparse::Status::Complete(len)) => break (len, from_parsed(&parsed)?),
            Ok(httparse::Status::Partial) if buf.len() < MAX_HEAD => {}
            Ok(httparse::Status::Partial) => return Err(Bad::TooLarge),
            Err(_) => return Err(Bad::Malformed),
        }
    };
    let length = request.body.capacity();
    if length > MAX_BODY {
        return Err(Bad::TooLarge);
    }
    let mut body = buf.split_off(head_len);
    while body.len() < length {
        let n = stream.read(&mut chunk)?;
        if n == 0 {
            return Err(Bad::Malformed);
        }
        body.extend_from_slice(&chunk[..n]);
    }
    body.truncate(length);
    request.body = body;
    Ok(request)
}

/// The request line and headers; the body's announced length is kept as the body's capacity
/// until the body is read.
fn from_parsed(parsed: &httparse::Request<'_, '_>) -> Result<Request, Bad> {
    let method = parsed.method.ok_or(Bad::Malformed)?.to_owned();
    let target = parsed.path.ok_or(Bad::Malformed)?;
    let header = |name: &str| {
        parsed
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).into_owned())
    };
    if header("transfer-encoding").is_some() {
        return Err(Bad::Malformed);
    }
    let length = match header("content-length") {
        Some(v) => v.trim().parse::<usize>().map_err(|_| Bad::Malformed)?,
        None => 0,
    };
    if length > MAX_BODY {
        return Err(Bad::TooLarge);
    }
    // CONNECT names host:port; proxies receive absolute-form `http://host[:port]/path`;
    // a direct request has an origin-form path and a Host header.
    let (authority, path_and_query) = if method == "CONNECT" {
        (target.to_owned(), "/".to_owned())
    } else if let Some(rest) = target.strip_prefix("http://") {
        match rest.find('/') {
            Some(i) => (rest[..i].to_owned(), rest[i..].to_owned()),
            None => (rest.to_owned(), "/".to_owned()),
        }
    } else if target.starts_with('/') {
        (header("host").ok_or(Bad::Malformed)?, target.to_owned())
    } else {
        // https:// (never sent in the clear to a proxy) or anything else.
        (String::new(), target.to_owned())
    };
    let host = strip_port(&authority).to_ascii_lowercase();
    let (path, query) = match path_and_query.split_once('?') {
        Some((p, q)) => (p.to_owned(), q.to_owned()),
        None => (path_and_query, String::new()),
    };
    let path = path.split('#').next().unwrap_or("").to_owned();
    Ok(Request {
        method,
        host,
        path,
        query,
        body: Vec::with_capacity(length),
    })
}

fn strip_port(authority: &str) -> &str {
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    match authority.rsplit_once(':') {
        Some((host, port)) if port.chars().all(|c| c.is_ascii_digit()) => host,
        _ => authority,
    }
}

/// One response.
pub struct Response {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    /// Files embedded in the binary never change while it runs: the webview may keep them
    /// (every page load of the preview needs the same modules). Everything else is no-store.
    pub immutable: bool,
}

impl Response {
    pub fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Self {
        Response {
            status,
            content_type,
            body: body.into(),
            immutable: false,
        }
    }

    pub fn text(status: u16, message: impl Into<String>) -> Self {
        Response::new(status, "text/plain; charset=utf-8", message.into())
    }

    pub fn write(&self, out: &mut impl Write, csp: &str) -> io::Result<()> {
        let reason = match self.status {
            200 => "OK",
            204 => "No Content",
            400 => "Bad Request",
            403 => "Forbidden",
            404 => "Not Found",
            405 => "Method Not Allowed",
            409 => "Conflict",
            413 => "Payload Too Large",
            _ => "Error",
        };
        let head = format!(
            "HTTP/1.1 {} {reason}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: {}\r\nX-Content-Type-Options: nosniff\r\nContent-Security-Policy: {csp}\r\nConnection: close\r\n\r\n",
            self.status,
            self.content_type,
            self.body.len(),
            if self.immutable { "max-age=86400" } else { "no-store" }
        );
        out.write_all(head.as_bytes())?;
        out.write_all(&self.body)?;
        out.flush()
    }
}
