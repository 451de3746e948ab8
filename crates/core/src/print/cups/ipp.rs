//! A minimal IPP/1.1 client (RFC 8010 encoding, RFC 8011 operations) over HTTP/1.1, enough for CUPS:
//! build a request, POST it (with a document after it, for Print-Job), and read the response's
//! attribute groups. Collections are skipped; every other value is kept as an integer, a boolean or text.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::path::PathBuf;
use std::time::Duration;

/// IPP operation ids used here.
pub(super) mod op {
    pub const PRINT_JOB: u16 = 0x0002;
    pub const CANCEL_JOB: u16 = 0x0008;
    pub const GET_JOB_ATTRIBUTES: u16 = 0x0009;
    pub const GET_PRINTER_ATTRIBUTES: u16 = 0x000B;
    pub const CUPS_GET_PRINTERS: u16 = 0x4002;
}

/// Delimiter and value tags (RFC 8010 §3.5).
pub(super) mod tag {
    pub const OPERATION: u8 = 0x01;
    pub const JOB: u8 = 0x02;
    pub const END: u8 = 0x03;
    pub const PRINTER: u8 = 0x04;
    pub const INTEGER: u8 = 0x21;
    pub const BOOLEAN: u8 = 0x22;
    pub const ENUM: u8 = 0x23;
    pub const RANGE: u8 = 0x33;
    pub const BEGIN_COLLECTION: u8 = 0x34;
    pub const END_COLLECTION: u8 = 0x37;
    pub const NAME: u8 = 0x42;
    pub const KEYWORD: u8 = 0x44;
    pub const URI: u8 = 0x45;
    pub const CHARSET: u8 = 0x47;
    pub const LANGUAGE: u8 = 0x48;
    pub const MIME: u8 = 0x49;
}

/// Status codes this client tells apart.
pub(super) mod status {
    pub const NOT_FOUND: u16 = 0x0406;
    pub const NOT_ACCEPTING_JOBS: u16 = 0x0506;
}

/// An IPP request being built: the header and the operation group's charset and language come first.
pub(super) struct Request {
    buf: Vec<u8>,
}

impl Request {
    pub(super) fn new(operation: u16, request_id: u32) -> Request {
        let mut buf = vec![1, 1];
        buf.extend_from_slice(&operation.to_be_bytes());
        buf.extend_from_slice(&request_id.to_be_bytes());
        let mut req = Request { buf };
        req.group(tag::OPERATION);
        req.text(tag::CHARSET, "attributes-charset", "utf-8");
        req.text(tag::LANGUAGE, "attributes-natural-language", "en");
        req
    }

    /// Starts an attribute group.
    pub(super) fn group(&mut self, group_tag: u8) {
        self.buf.push(group_tag);
    }

    fn raw(&mut self, value_tag: u8, name: &str, value: &[u8]) {
        self.buf.push(value_tag);
        // Names and values are far below 64 KiB here (attribute names, printer names, titles); a longer
        // value is cut rather than encoded with a wrong length.
        let name = &name.as_bytes()[..name.len().min(u16::MAX.into())];
        let value = &value[..value.len().min(u16::MAX.into())];
        self.buf.extend_from_slice(&(name.len() as u16).to_be_bytes());
        self.buf.extend_from_slice(name);
        self.buf.extend_from_slice(&(value.len() as u16).to_be_bytes());
        self.buf.extend_from_slice(value);
    }

    pub(super) fn text(&mut self, value_tag: u8, name: &str, value: &str) {
        self.raw(value_tag, name, value.as_bytes());
    }

    pub(super) fn integer(&mut self, value_tag: u8, name: &str, value: i32) {
        self.raw(value_tag, name, &value.to_be_bytes());
    }

    pub(super) fn boolean(&mut self, name: &str, value: bool) {
        self.raw(tag::BOOLEAN, name, &[u8::from(value)]);
    }

    pub(super) fn range(&mut self, name: &str, low: i32, high: i32) {
        let mut v = low.to_be_bytes().to_vec();
        v.extend_from_slice(&high.to_be_bytes());
        self.raw(tag::RANGE, name, &v);
    }

    /// A keyword attribute with one or more values (`requested-attributes`).
    pub(super) fn keywords(&mut self, name: &str, values: &[&str]) {
        for (i, v) in values.iter().enumerate() {
            self.text(tag::KEYWORD, if i == 0 { name } else { "" }, v);
        }
    }

    pub(super) fn finish(mut self) -> Vec<u8> {
        self.buf.push(tag::END);
        self.buf
    }
}

/// One attribute value as this client needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Value {
    Int(i32),
    Bool(bool),
    Text(String),
    Other,
}

/// An attribute with its values.
#[derive(Debug, Clone)]
pub(super) struct Attr {
    pub name: String,
    pub values: Vec<Value>,
}

/// An attribute group (operation, job or printer attributes).
#[derive(Debug, Clone)]
pub(super) struct Group {
    pub tag: u8,
    pub attrs: Vec<Attr>,
}

impl Group {
    fn get(&self, name: &str) -> Option<&Attr> {
        self.attrs.iter().find(|a| a.name == name)
    }

    pub(super) fn int(&self, name: &str) -> Option<i32> {
        self.get(name)?.values.iter().find_map(|v| match v {
            Value::Int(i) => Some(*i),
            _ => None,
        })
    }

    pub(super) fn bool(&self, name: &str) -> Option<bool> {
        self.get(name)?.values.iter().find_map(|v| match v {
            Value::Bool(b) => Some(*b),
            _ => None,
        })
    }

    /// The first text value, if it is not empty.
    pub(super) fn text(&self, name: &str) -> Option<String> {
        self.texts(name).into_iter().find(|t| !t.is_empty())
    }

    pub(super) fn texts(&self, name: &str) -> Vec<String> {
        self.get(name)
            .map(|a| {
                a.values
                    .iter()
                    .filter_map(|v| match v {
                        Value::Text(t) => Some(t.clone()),
                        _ => None,
                    })
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// A decoded IPP response.
#[derive(Debug, Clone)]
pub(super) struct Response {
    pub status: u16,
    pub groups: Vec<Group>,
}

impl Response {
    pub(super) fn ok(&self) -> bool {
        self.status < 0x0100
    }

    /// The groups with `tag` (each printer of CUPS-Get-Printers is one printer group).
    pub(super) fn groups(&self, group_tag: u8) -> impl Iterator<Item = &Group> {
        self.groups.iter().filter(move |g| g.tag == group_tag)
    }

    pub(super) fn first(&self, group_tag: u8) -> Option<&Group> {
        self.groups(group_tag).next()
    }

    /// The server's `status-message`, if it sent one.
    pub(super) fn status_message(&self) -> Option<String> {
        self.first(tag::OPERATION).and_then(|g| g.text("status-message"))
    }
}

/// Decodes an IPP response body.
pub(super) fn decode(bytes: &[u8]) -> Result<Response, String> {
    let short = || "IPP response cut short".to_owned();
    let header = bytes.get(..8).ok_or_else(short)?;
    if header[0] != 1 && header[0] != 2 {
        return Err(format!("not an IPP response (version byte {})", header[0]));
    }
    let status = u16::from_be_bytes([header[2], header[3]]);
    let mut groups: Vec<Group> = Vec::new();
    let mut i = 8;
    let mut depth = 0usize;
    loop {
        let t = *bytes.get(i).ok_or_else(short)?;
        i += 1;
        if t == tag::END {
            break;
        }
        if t < 0x10 {
            groups.push(Group { tag: t, attrs: Vec::new() });
            continue;
        }
        let len = |at: usize| -> Result<usize, String> {
            let b = bytes.get(at..at + 2).ok_or_else(short)?;
            Ok(usize::from(u16::from_be_bytes([b[0], b[1]])))
        };
        let name_len = len(i)?;
        let name = bytes.get(i + 2..i + 2 + name_len).ok_or_else(short)?;
        i += 2 + name_len;
        let value_len = len(i)?;
        let value = bytes.get(i + 2..i + 2 + value_len).ok_or_else(short)?;
        i += 2 + value_len;
        // Members of a collection (and nested ones) are skipped: nothing here reads collections.
        match t {
            tag::BEGIN_COLLECTION => {
                depth += 1;
                if depth > 1 {
                    continue;
                }
            }
            tag::END_COLLECTION => {
                depth = depth.saturating_sub(1);
                continue;
            }
            _ if depth > 0 => continue,
            _ => {}
        }
        let value = match t {
            tag::INTEGER | tag::ENUM if value.len() == 4 => {
                Value::Int(i32::from_be_bytes([value[0], value[1], value[2], value[3]]))
            }
            tag::BOOLEAN if value.len() == 1 => Value::Bool(value[0] != 0),
            0x35 | 0x36 => Value::Text(with_language(value)),
            0x41..=0x49 => Value::Text(String::from_utf8_lossy(value).into_owned()),
            _ => Value::Other,
        };
        let group = groups.last_mut().ok_or_else(|| "IPP attribute outside a group".to_owned())?;
        match group.attrs.last_mut() {
            Some(last) if name.is_empty() => last.values.push(value),
            _ => group.attrs.push(Attr {
                name: String::from_utf8_lossy(name).into_owned(),
                values: vec![value],
            }),
        }
    }
    Ok(Response { status, groups })
}

/// The text of a textWithLanguage/nameWithLanguage value (language length, language, text length, text).
fn with_language(v: &[u8]) -> String {
    let lang = v.get(..2).map_or(0, |b| usize::from(u16::from_be_bytes([b[0], b[1]])));
    let text = v.get(2 + lang + 2..).unwrap_or_default();
    String::from_utf8_lossy(text).into_owned()
}

/// Where the CUPS server listens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Endpoint {
    Tcp {
        host: String,
        port: u16,
    },
    #[cfg_attr(not(unix), allow(dead_code))]
    Unix(PathBuf),
}

impl Endpoint {
    /// The authority printer URIs use (`127.0.0.1:6310`, or `localhost` over the Unix socket).
    pub(super) fn authority(&self) -> String {
        match self {
            Endpoint::Tcp { host, port } if host.contains(':') => format!("[{host}]:{port}"),
            Endpoint::Tcp { host, port } => format!("{host}:{port}"),
            Endpoint::Unix(_) => "localhost".to_owned(),
        }
    }
}

/// Why a POST failed: the server could not be reached (nothing was sent), or it answered badly.
#[derive(Debug)]
pub(super) enum PostError {
    Connect(io::Error),
    Io(io::Error),
    /// An HTTP status other than 200 (401: authentication required, 426: encryption required…).
    Status(u16),
    Http(String),
}

trait Stream: Read + Write {}
impl<T: Read + Write> Stream for T {}

fn open(endpoint: &Endpoint, timeout: Duration) -> io::Result<Box<dyn Stream>> {
    match endpoint {
        Endpoint::Tcp { host, port } => {
            let mut last =
                io::Error::new(io::ErrorKind::NotFound, format!("{host} has no address"));
            for addr in (host.as_str(), *port).to_socket_addrs()? {
                match TcpStream::connect_timeout(&addr, timeout) {
                    Ok(s) => {
                        s.set_read_timeout(Some(timeout))?;
                        s.set_write_timeout(Some(timeout))?;
                        return Ok(Box::new(s));
                    }
                    Err(e) => last = e,
                }
            }
            Err(last)
        }
        #[cfg(unix)]
        Endpoint::Unix(path) => {
            let s = std::os::unix::net::UnixStream::connect(path)?;
            s.set_read_timeout(Some(timeout))?;
            s.set_write_timeout(Some(timeout))?;
            Ok(Box::new(s))
        }
        #[cfg(not(unix))]
        Endpoint::Unix(path) => Err(io::Error::new(
            io::ErrorKind::Unsupported,
            format!("no Unix sockets here ({})", path.display()),
        )),
    }
}

/// POSTs `ipp` (then `document`, if any) to `path` and returns the decoded IPP response.
pub(super) fn post(
    endpoint: &Endpoint,
    path: &str,
    ipp: &[u8],
    document: &[u8],
    timeout: Duration,
) -> Result<Response, PostError> {
    let mut stream = open(endpoint, timeout).map_err(PostError::Connect)?;
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/ipp\r\n\
         Content-Length: {}\r\nConnection: close\r\nUser-Agent: Sala\r\n\r\n",
        endpoint.authority(),
        ipp.len() + document.len()
    );
    stream.write_all(head.as_bytes()).map_err(PostError::Io)?;
    stream.write_all(ipp).map_err(PostError::Io)?;
    stream.write_all(document).map_err(PostError::Io)?;
    stream.flush().map_err(PostError::Io)?;

    let mut reader = BufReader::new(stream);
    let (code, headers) = read_head(&mut reader)?;
    let body = read_body(&mut reader, &headers)?;
    if code != 200 {
        return Err(PostError::Status(code));
    }
    decode(&body).map_err(PostError::Http)
}

fn read_line(reader: &mut impl BufRead) -> Result<String, PostError> {
    let mut line = String::new();
    let n = reader.read_line(&mut line).map_err(PostError::Io)?;
    if n == 0 {
        return Err(PostError::Http("connection closed before the answer".to_owned()));
    }
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

/// The status code and the headers (names lowercased) of an HTTP response, skipping `100 Continue`.
fn read_head(reader: &mut impl BufRead) -> Result<(u16, Vec<(String, String)>), PostError> {
    loop {
        let status = read_line(reader)?;
        let code = status
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse::<u16>().ok())
            .filter(|_| status.starts_with("HTTP/"))
            .ok_or_else(|| PostError::Http(format!("not an HTTP answer: {status:.60}")))?;
        let mut headers = Vec::new();
        loop {
            let line = read_line(reader)?;
            if line.is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':') {
                headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
            }
        }
        if code != 100 {
            return Ok((code, headers));
        }
    }
}

fn read_body(
    reader: &mut impl BufRead,
    headers: &[(String, String)],
) -> Result<Vec<u8>, PostError> {
    let header = |name: &str| headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
    let mut body = Vec::new();
    if header("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        loop {
            let size_line = read_line(reader)?;
            let size = usize::from_str_radix(size_line.split(';').next().unwrap_or("").trim(), 16)
                .map_err(|_| PostError::Http(format!("bad chunk size {size_line:.20}")))?;
            if size == 0 {
                break;
            }
            let start = body.len();
            body.resize(start + size, 0);
            reader.read_exact(&mut body[start..]).map_err(PostError::Io)?;
            read_line(reader)?;
        }
    } else if let Some(len) = header("content-length") {
        let len = len.parse::<usize>().map_err(|_| PostError::Http(format!("bad length {len}")))?;
        body.resize(len, 0);
        reader.read_exact(&mut body).map_err(PostError::Io)?;
    } else {
        reader.read_to_end(&mut body).map_err(PostError::Io)?;
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_encode_and_responses_decode() {
        let mut req = Request::new(op::GET_PRINTER_ATTRIBUTES, 7);
        req.text(tag::URI, "printer-uri", "ipp://localhost/printers/P");
        req.keywords("requested-attributes", &["printer-state", "printer-name"]);
        let bytes = req.finish();
        assert_eq!(&bytes[..8], &[1, 1, 0, 0x0B, 0, 0, 0, 7]);
        // Our own request parses as a "response" with status = operation id.
        let parsed = decode(&bytes).unwrap();
        assert_eq!(parsed.status, 0x0B);
        let g = parsed.first(tag::OPERATION).unwrap();
        assert_eq!(g.text("printer-uri").as_deref(), Some("ipp://localhost/printers/P"));
        assert_eq!(g.texts("requested-attributes"), vec!["printer-state", "printer-name"]);
    }

    #[test]
    fn collections_are_skipped_and_values_typed() {
        let mut req = Request::new(0, 1);
        req.group(tag::PRINTER);
        req.integer(tag::ENUM, "printer-state", 5);
        req.raw(tag::BEGIN_COLLECTION, "media-col-default", b"");
        req.raw(0x4A, "", b"media-size");
        req.raw(tag::BEGIN_COLLECTION, "", b"");
        req.raw(0x4A, "", b"x-dimension");
        req.integer(tag::INTEGER, "", 21000);
        req.raw(tag::END_COLLECTION, "", b"");
        req.raw(tag::END_COLLECTION, "", b"");
        req.boolean("printer-is-accepting-jobs", false);
        let parsed = decode(&req.finish()).unwrap();
        let p = parsed.first(tag::PRINTER).unwrap();
        assert_eq!(p.int("printer-state"), Some(5));
        assert_eq!(p.bool("printer-is-accepting-jobs"), Some(false));
        assert_eq!(p.attrs.len(), 3, "{:?}", p.attrs);
    }

    #[test]
    fn chunked_and_sized_bodies_read() {
        let chunked = b"4\r\nabcd\r\n2;x=1\r\nef\r\n0\r\n\r\n";
        let headers = vec![("transfer-encoding".to_owned(), "chunked".to_owned())];
        assert_eq!(read_body(&mut &chunked[..], &headers).unwrap(), b"abcdef");
        let headers = vec![("content-length".to_owned(), "3".to_owned())];
        assert_eq!(read_body(&mut &b"xyzzy"[..], &headers).unwrap(), b"xyz");
        let (code, h) =
            read_head(&mut &b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nA: b\r\n\r\n"[..])
                .unwrap();
        assert_eq!((code, h), (200, vec![("a".to_owned(), "b".to_owned())]));
        assert!(decode(&[1, 1, 0]).is_err());
    }
}
