//! A tiny HTTP/1.1 server on 127.0.0.1 whose bodies wiremock cannot send: chunked without a
//! `Content-Length`, endless, announced far over any limit, trickling in with pauses between chunks, or
//! breaking off before the length it announced; and answers that change from one connection to the next
//! ([`serve_each`]), for retries.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The most a server sends on one connection, whatever happens.
pub const CAP: usize = 64 * 1024 * 1024;

/// What the server answers.
#[derive(Clone, Copy, Debug)]
pub enum Body {
    /// `{"result":[{"id":"x"},{"id":"x"},…` forever, chunked.
    Endless,
    /// Exactly `n` bytes of a valid list page, chunked in small pieces.
    Exactly(usize),
    /// A `Content-Length` far over any limit, then bytes forever.
    Announced,
    /// A valid, empty list page in `chunks` chunks, each sent `gap` after the one before.
    Trickle {
        /// How many chunks.
        chunks: usize,
        /// The pause before each chunk.
        gap: Duration,
    },
    /// A `Content-Length` of 1000, then the first 40 bytes of a list page, then the connection closes.
    Truncated,
    /// This JSON text, whole, with its `Content-Length`.
    Json(&'static str),
    /// No body at all (`Content-Length: 0`).
    Empty,
}

/// The list page [`Body::Truncated`] starts to send.
const TRUNCATED_PAGE: &[u8] =
    br#"{"result":[{"id":"u_1","name":"Ada"},{"id":"u_2","name":"Grace"}],"next_cursor":null}"#;

/// A server answering every request with one status and body.
pub struct Server {
    /// `http://127.0.0.1:<port>`.
    pub url: String,
    /// How many connections it accepted.
    pub connections: Arc<AtomicUsize>,
    /// How many body bytes it sent (endless bodies only).
    pub sent: Arc<AtomicUsize>,
}

/// Starts a server answering every request with `status` and `body`.
pub async fn serve(status: u16, body: Body) -> Server {
    serve_each(vec![(status, body)]).await
}

/// Starts a server answering its `n`-th connection with the `n`-th of `answers` (the last one again once
/// they are used up). Every answer closes its connection, so each attempt of a client is one connection.
pub async fn serve_each(answers: Vec<(u16, Body)>) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let connections = Arc::new(AtomicUsize::new(0));
    let sent = Arc::new(AtomicUsize::new(0));
    let (counter, total) = (connections.clone(), sent.clone());
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let nth = counter.fetch_add(1, Ordering::SeqCst);
            let (status, body) = answers[nth.min(answers.len() - 1)];
            tokio::spawn(answer(socket, status, body, total.clone()));
        }
    });
    Server { url, connections, sent }
}

/// Reads one request head (these requests have no body) and answers it with `status` and `body`.
async fn answer(mut socket: TcpStream, status: u16, body: Body, total: Arc<AtomicUsize>) {
    let mut head = Vec::new();
    let mut buffer = [0u8; 4096];
    while !head.windows(4).any(|window| window == b"\r\n\r\n") && head.len() < 64 * 1024 {
        match socket.read(&mut buffer).await {
            Ok(0) | Err(_) => return,
            Ok(read) => head.extend_from_slice(&buffer[..read]),
        }
    }
    let reason = if status < 400 { "OK" } else { "Error" };
    let framing = match body {
        Body::Announced => "Content-Length: 1000000000000".to_owned(),
        Body::Truncated => "Content-Length: 1000".to_owned(),
        Body::Json(text) => format!("Content-Length: {}", text.len()),
        Body::Empty => "Content-Length: 0".to_owned(),
        _ => "Transfer-Encoding: chunked".to_owned(),
    };
    let response_head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nConnection: close\r\n{framing}\r\n\r\n"
    );
    if socket.write_all(response_head.as_bytes()).await.is_ok() {
        write_body(&mut socket, body, &total).await;
    }
}

/// Writes `body` after the response head, counting what endless bodies send in `total`.
async fn write_body(socket: &mut TcpStream, body: Body, total: &AtomicUsize) {
    let started = Instant::now();
    match body {
        Body::Truncated => {
            let _ = socket.write_all(&TRUNCATED_PAGE[..40]).await;
            let _ = socket.shutdown().await;
        }
        Body::Json(text) => {
            let _ = socket.write_all(text.as_bytes()).await;
        }
        Body::Empty => {}
        Body::Exactly(size) => {
            let mut page = br#"{"result":[],"next_cursor":null}"#.to_vec();
            page.resize(size, b' ');
            write_chunks(socket, page.chunks(1000), Duration::ZERO).await;
        }
        Body::Trickle { chunks, gap } => {
            let mut page = br#"{"result":[],"next_cursor":null}"#.to_vec();
            page.resize(page.len().max(chunks), b' ');
            write_chunks(socket, page.chunks(page.len().div_ceil(chunks)), gap).await;
        }
        Body::Endless | Body::Announced => {
            let mut piece = br#"{"result":["#.to_vec();
            while piece.len() < 16 * 1024 {
                piece.extend_from_slice(br#"{"id":"x"},"#);
            }
            let bytes = if matches!(body, Body::Endless) { chunk(&piece) } else { piece };
            let mut sent = 0;
            while sent < CAP && started.elapsed() < Duration::from_secs(20) {
                if socket.write_all(&bytes).await.is_err() {
                    break; // the client hung up
                }
                sent += bytes.len();
                total.fetch_add(bytes.len(), Ordering::SeqCst);
            }
        }
    }
}

/// Writes `pieces` as HTTP/1.1 chunks, `gap` apart, then the last chunk.
async fn write_chunks<'p>(socket: &mut TcpStream, pieces: impl Iterator<Item = &'p [u8]>, gap: Duration) {
    for piece in pieces {
        if !gap.is_zero() {
            tokio::time::sleep(gap).await;
        }
        if socket.write_all(&chunk(piece)).await.is_err() {
            return;
        }
    }
    let _ = socket.write_all(b"0\r\n\r\n").await;
}

/// `piece` framed as one HTTP/1.1 chunk.
fn chunk(piece: &[u8]) -> Vec<u8> {
    [format!("{:x}\r\n", piece.len()).as_bytes(), piece, b"\r\n"].concat()
}
