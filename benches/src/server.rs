//! A tiny HTTP/1.1 server on 127.0.0.1 that serves `calendar/users` list pages generated on the fly, so the
//! streaming benchmark measures the client, not a server holding every page in memory.
//!
//! `GET /unified/calendar/users?…&next_cursor=<offset>` answers users `offset..offset + page_size` (of
//! `total`), with `next_cursor` set to the next offset until the last page. Keep-alive, one thread per
//! connection; nothing but the loopback interface is ever touched.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};

use crate::users::page_json;

/// Starts the server on an ephemeral loopback port; it lives as long as the process.
pub fn spawn(total: usize, page_size: usize) -> std::io::Result<SocketAddr> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let address = listener.local_addr()?;
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let _ = serve(stream, total, page_size);
            });
        }
    });
    Ok(address)
}

fn serve(stream: TcpStream, total: usize, page_size: usize) -> std::io::Result<()> {
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line)? == 0 {
            return Ok(());
        }
        // Headers: skipped (GET requests carry no body).
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header)? == 0 || header == "\r\n" || header == "\n" {
                break;
            }
        }
        let target = request_line.split_whitespace().nth(1).unwrap_or("/");
        let offset = query_value(target, "next_cursor").and_then(|cursor| cursor.parse().ok()).unwrap_or(0usize);
        let count = page_size.min(total.saturating_sub(offset));
        let next = offset + count;
        let cursor = (next < total).then(|| next.to_string());
        let body = page_json(offset, count, cursor.as_deref());
        write!(writer, "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n", body.len())?;
        writer.write_all(body.as_bytes())?;
        writer.flush()?;
    }
}

fn query_value<'a>(target: &'a str, name: &str) -> Option<&'a str> {
    let query = target.split_once('?')?.1;
    query.split('&').find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
}
