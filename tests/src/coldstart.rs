//! The cold-start probe of `make bench`: starts a binary the way Lambda does — a Runtime API
//! on loopback that hands it invocations and takes its answers (the endpoints of the
//! runtime's own emulator: `invocation/next`, `invocation/{id}/response`, `…/error`,
//! `init/error`) — and measures its init (start to its first `next`), its first and a warm
//! invocation, its peak RSS (`VmHWM`) and the CPU it used (`wait4`'s rusage). The binary
//! reaches the emulator through a loopback relay that notes when each request to it was
//! outstanding, so the time spent waiting on the emulator (whose index Query reads the whole
//! table, where DynamoDB reads only the partition) is told apart from the function's own.

use std::convert::Infallible;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use serde_json::Value;
use tokio::sync::{mpsc, Mutex};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// What one cold start cost.
#[derive(Debug, Clone)]
pub struct ColdStart {
    pub init: Duration,
    pub first: Duration,
    pub warm: Duration,
    pub peak_rss_kib: u64,
    pub cpu: Duration,
    /// Of `first` and `warm`, the time with a request to the emulator outstanding.
    pub first_waiting: Duration,
    pub warm_waiting: Duration,
    /// The requests the first invocation sent to AWS (the emulator) and the bytes it read
    /// back: what it costs on DynamoDB and S3, whatever the emulator's own speed.
    pub first_requests: usize,
    pub first_bytes: usize,
    /// The first invocation's answer.
    pub answer: Value,
}

struct Runtime {
    events: Mutex<mpsc::Receiver<String>>,
    polled: mpsc::UnboundedSender<Instant>,
    answers: mpsc::UnboundedSender<Result<String, String>>,
}

fn reply(status: u16, body: String) -> Response<Full<Bytes>> {
    let mut r = Response::new(Full::new(Bytes::from(body)));
    *r.status_mut() = hyper::StatusCode::from_u16(status).unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
    r
}

async fn serve(runtime: Arc<Runtime>, req: Request<Incoming>) -> Result<Response<Full<Bytes>>, Infallible> {
    let path = req.uri().path().to_string();
    if path == "/2018-06-01/runtime/invocation/next" {
        let _ = runtime.polled.send(Instant::now());
        let Some(event) = runtime.events.lock().await.recv().await else { return Ok(reply(500, "no more events".into())) };
        let mut r = reply(200, event);
        let deadline = (std::time::SystemTime::now() + Duration::from_secs(30))
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or_default();
        let headers = r.headers_mut();
        for (name, value) in [
            ("lambda-runtime-aws-request-id", uuid::Uuid::new_v4().to_string()),
            ("lambda-runtime-deadline-ms", deadline.to_string()),
            ("lambda-runtime-invoked-function-arn", "arn:aws:lambda:eu-west-3:000000000000:function:probe".into()),
            ("lambda-runtime-trace-id", "Root=1-00000000-000000000000000000000000".into()),
            ("content-type", "application/json".into()),
        ] {
            if let Ok(v) = value.parse() {
                headers.insert(name, v);
            }
        }
        return Ok(r);
    }
    let body = req.into_body().collect().await.map(|b| String::from_utf8_lossy(&b.to_bytes()).into_owned()).unwrap_or_default();
    let outcome = if path.ends_with("/response") { Ok(body) } else { Err(format!("{path}: {body}")) };
    let _ = runtime.answers.send(outcome);
    Ok(reply(202, "{\"status\":\"OK\"}".into()))
}

/// The requests to the emulator: when each was outstanding (start, last byte back) and the
/// bytes of its answer.
type Waits = Arc<std::sync::Mutex<Vec<(Instant, Instant, usize)>>>;

/// A TCP relay on loopback to `upstream` that notes each request's interval: from the first
/// byte the client sends after an answer to the last byte of the answer (HTTP/1.1 requests
/// take turns on a connection).
async fn relay(upstream: String, waits: Waits) -> Result<(std::net::SocketAddr, tokio::task::JoinHandle<()>), BoxError> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    let task = tokio::spawn(async move {
        while let Ok((client, _)) = listener.accept().await {
            let Ok(server) = tokio::net::TcpStream::connect(&upstream).await else { continue };
            let waits = waits.clone();
            tokio::spawn(async move {
                let (mut client_read, mut client_write) = client.into_split();
                let (mut server_read, mut server_write) = server.into_split();
                // The index of this connection's current request in `waits`, and whether its
                // answer has begun.
                let current: Arc<std::sync::Mutex<(Option<usize>, bool)>> = Arc::default();
                let (waits_up, current_up) = (waits.clone(), current.clone());
                let up = async move {
                    let mut buf = vec![0u8; 64 * 1024];
                    while let Ok(n @ 1..) = client_read.read(&mut buf).await {
                        if let (Ok(mut cur), Ok(mut w)) = (current_up.lock(), waits_up.lock()) {
                            if cur.0.is_none() || cur.1 {
                                let now = Instant::now();
                                w.push((now, now, 0));
                                *cur = (Some(w.len() - 1), false);
                            }
                        }
                        if server_write.write_all(&buf[..n]).await.is_err() {
                            break;
                        }
                    }
                    let _ = server_write.shutdown().await;
                };
                let down = async move {
                    let mut buf = vec![0u8; 64 * 1024];
                    while let Ok(n @ 1..) = server_read.read(&mut buf).await {
                        if client_write.write_all(&buf[..n]).await.is_err() {
                            break;
                        }
                        if let (Ok(mut cur), Ok(mut w)) = (current.lock(), waits.lock()) {
                            if let Some(i) = cur.0 {
                                w[i].1 = Instant::now();
                                w[i].2 += n;
                                cur.1 = true;
                            }
                        }
                    }
                    let _ = client_write.shutdown().await;
                };
                tokio::join!(up, down);
            });
        }
    });
    Ok((address, task))
}

/// The time within `from..to` covered by the union of the intervals.
fn waiting(waits: &Waits, from: Instant, to: Instant) -> Duration {
    let mut spans: Vec<(Instant, Instant)> =
        waits.lock().map(|w| w.iter().map(|&(a, b, _)| (a.max(from), b.min(to))).filter(|(a, b)| a < b).collect()).unwrap_or_default();
    spans.sort();
    let mut total = Duration::ZERO;
    let mut open: Option<(Instant, Instant)> = None;
    for (a, b) in spans {
        open = match open {
            Some((s, e)) if a <= e => Some((s, e.max(b))),
            Some((s, e)) => {
                total += e - s;
                Some((a, b))
            }
            None => Some((a, b)),
        };
    }
    total + open.map(|(s, e)| e - s).unwrap_or_default()
}

/// The requests sent within `from..to`, and the bytes of their answers.
fn sent(waits: &Waits, from: Instant, to: Instant) -> (usize, usize) {
    waits
        .lock()
        .map(|w| w.iter().filter(|(a, _, _)| (from..to).contains(a)).fold((0, 0), |(n, bytes), (_, _, b)| (n + 1, bytes + b)))
        .unwrap_or_default()
}

/// Starts `binary` with `env` against a fresh local Runtime API, invokes it twice with
/// `event`, then stops it.
pub async fn probe(binary: &Path, env: &[(String, String)], event: &Value) -> Result<ColdStart, BoxError> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    let (events, event_queue) = mpsc::channel(2);
    let (polled, mut polls) = mpsc::unbounded_channel();
    let (answers, mut answer_queue) = mpsc::unbounded_channel();
    let runtime = Arc::new(Runtime { events: Mutex::new(event_queue), polled, answers });
    // The emulator, reached through the relay.
    let waits: Waits = Arc::default();
    let mut env = env.to_vec();
    let mut relayed = None;
    if let Some((_, url)) = env.iter_mut().find(|(k, _)| k == "AWS_ENDPOINT_URL") {
        let upstream = url.trim_start_matches("http://").trim_end_matches('/').to_string();
        let (address, task) = relay(upstream, waits.clone()).await?;
        *url = format!("http://{address}");
        relayed = Some(task);
    }
    let server = tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let runtime = runtime.clone();
            tokio::spawn(async move {
                let service = hyper::service::service_fn(move |req| serve(runtime.clone(), req));
                let _ = hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
            });
        }
    });
    let started = Instant::now();
    let mut child = std::process::Command::new(binary)
        .env_clear()
        .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .env("AWS_LAMBDA_RUNTIME_API", address.to_string())
        .env("AWS_LAMBDA_FUNCTION_NAME", "probe")
        .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512")
        .env("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
        .env("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/probe")
        .env("AWS_LAMBDA_LOG_STREAM_NAME", "probe")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()?;
    let pid = child.id() as libc::pid_t;
    let limit = Duration::from_secs(120);
    let result = async {
        let ready = tokio::time::timeout(limit, polls.recv()).await.map_err(|_| "init: no poll within 120 s")?.ok_or("runtime gone")?;
        let init = ready - started;
        let mut times = Vec::new();
        let mut waited = Vec::new();
        let mut requests = Vec::new();
        let mut first_answer = String::new();
        for _ in 0..2 {
            events.send(event.to_string()).await?;
            let t = Instant::now();
            let answer = tokio::time::timeout(limit, answer_queue.recv())
                .await
                .map_err(|_| "invocation: no answer within 120 s")?
                .ok_or("runtime gone")??;
            times.push(t.elapsed());
            waited.push(waiting(&waits, t, Instant::now()));
            requests.push(sent(&waits, t, Instant::now()));
            if first_answer.is_empty() {
                first_answer = answer;
            }
            // Its next poll: the invocation is over.
            tokio::time::timeout(limit, polls.recv()).await.map_err(|_| "no poll after the invocation")?;
        }
        let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
        let peak_rss_kib = status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0);
        Ok::<_, BoxError>((init, times[0], times[1], waited[0], waited[1], requests[0], peak_rss_kib, first_answer))
    }
    .await;
    // Stopped, then reaped with its resource usage.
    // SAFETY: plain system calls on the child this function started.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let mut wstatus = 0;
    unsafe {
        libc::kill(pid, libc::SIGKILL);
        libc::wait4(pid, &mut wstatus, 0, &mut usage);
    }
    let _ = child.try_wait();
    server.abort();
    if let Some(task) = relayed {
        task.abort();
    }
    let tv = |t: libc::timeval| Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64);
    let (init, first, warm, first_waiting, warm_waiting, (first_requests, first_bytes), peak_rss_kib, answer) = result?;
    Ok(ColdStart {
        init,
        first,
        warm,
        first_waiting,
        warm_waiting,
        first_requests,
        first_bytes,
        peak_rss_kib,
        cpu: tv(usage.ru_utime) + tv(usage.ru_stime),
        answer: serde_json::from_str(&answer).unwrap_or(Value::String(answer)),
    })
}
