//! Slow clients over real sockets: a body sent one byte at a time gets 408 when the body timeout
//! passes, headers sent slowly (or none) get the connection closed, and meanwhile other clients
//! are served. The timeouts are shortened to one second here (10 s in the service).

mod common;

use std::time::{Duration, Instant};

use common::{demo_config, fresh_store, listen, raw_post, read_until_closed, receipt, status_of, status_over_tcp};
use consent_records::app::{App, Options};
use consent_records::routes::router;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

const TIMEOUT: Duration = Duration::from_secs(1);

async fn server() -> (std::net::SocketAddr, consent_records::store::Store) {
    let store = fresh_store().await;
    let options = Options { body_timeout: TIMEOUT, ..Options::default() };
    let app = router(App::with_options(demo_config(), store.clone(), options));
    (listen(app, TIMEOUT).await, store)
}

#[tokio::test]
async fn a_body_sent_one_byte_at_a_time_gets_408_and_others_are_served_meanwhile() {
    let (addr, store) = server().await;
    let body = receipt("0123456789abcdef", &[]);
    let request = raw_post(body.as_bytes());
    let head_len = request.len() - body.len();
    let mut slow = TcpStream::connect(addr).await.unwrap();
    slow.write_all(&request[..head_len]).await.unwrap();
    let started = Instant::now();
    // The slow client trickles its body while another client is served.
    let trickle = tokio::spawn(async move {
        for byte in body.as_bytes() {
            if slow.write_all(&[*byte]).await.is_err() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        slow
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(status_over_tcp(addr, &raw_post(receipt("fedcba9876543210", &[]).as_bytes())).await, 204);
    let mut slow = trickle.await.unwrap();
    let (answer, closed) = read_until_closed(&mut slow, Duration::from_secs(5)).await;
    let elapsed = started.elapsed();
    assert_eq!(status_of(&answer), 408, "{}", String::from_utf8_lossy(&answer));
    assert!(String::from_utf8_lossy(&answer).contains("not received within 1 s"));
    assert!(closed, "the connection is closed after the 408");
    assert!(elapsed >= TIMEOUT, "{elapsed:?}");
    // Only the other client's receipt is stored, and the service keeps serving.
    assert_eq!(store.count().await.unwrap(), 1);
    assert_eq!(status_over_tcp(addr, &raw_post(receipt("0123456789abcdef", &[]).as_bytes())).await, 204);
}

#[tokio::test]
async fn headers_sent_slowly_or_not_at_all_close_the_connection() {
    let (addr, store) = server().await;
    let request = raw_post(receipt("0123456789abcdef", &[]).as_bytes());
    let mut slow = TcpStream::connect(addr).await.unwrap();
    let mut idle = TcpStream::connect(addr).await.unwrap();
    let started = Instant::now();
    let trickle = tokio::spawn(async move {
        for byte in &request[..40] {
            if slow.write_all(&[*byte]).await.is_err() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        slow
    });
    let (_, idle_closed) = read_until_closed(&mut idle, Duration::from_secs(5)).await;
    assert!(idle_closed, "a connection that sends nothing is closed");
    let mut slow = trickle.await.unwrap();
    let (_, closed) = read_until_closed(&mut slow, Duration::from_secs(5)).await;
    assert!(closed, "a connection whose headers are not in after the timeout is closed");
    let elapsed = started.elapsed();
    assert!(elapsed >= TIMEOUT && elapsed < TIMEOUT * 5, "{elapsed:?}");
    assert_eq!(store.count().await.unwrap(), 0);
    assert_eq!(status_over_tcp(addr, &raw_post(receipt("0123456789abcdef", &[]).as_bytes())).await, 204);
}

#[tokio::test]
async fn invalid_utf8_and_oversized_bodies_over_tcp_get_4xx() {
    let (addr, store) = server().await;
    let mut invalid = receipt("0123456789abcdef", &[]).into_bytes();
    let at = invalid.iter().position(|&b| b == b'e').unwrap();
    invalid[at] = 0xff;
    assert_eq!(status_over_tcp(addr, &raw_post(&invalid)).await, 400);
    assert_eq!(status_over_tcp(addr, &raw_post(&vec![b' '; 100_000])).await, 413);
    // A Content-Length larger than what is sent: the body times out.
    let mut short = raw_post(b"{}");
    let text = String::from_utf8(short.clone()).unwrap().replace("Content-Length: 2", "Content-Length: 200");
    short = text.into_bytes();
    assert_eq!(status_over_tcp(addr, &short).await, 408);
    assert_eq!(store.count().await.unwrap(), 0);
}

#[tokio::test]
async fn an_idle_keep_alive_connection_is_closed_after_the_header_timeout() {
    let (addr, store) = server().await;
    let body = receipt("0123456789abcdef", &[]);
    let request = format!(
        "POST /receipts HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    let started = Instant::now();
    let (answer, closed) = read_until_closed(&mut stream, Duration::from_secs(5)).await;
    assert_eq!(status_of(&answer), 204);
    assert!(closed, "the kept-alive connection is closed once idle for the header timeout");
    assert!(started.elapsed() >= TIMEOUT, "{:?}", started.elapsed());
    assert_eq!(store.count().await.unwrap(), 1);
}
