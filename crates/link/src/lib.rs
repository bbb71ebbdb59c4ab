//! The link's network half (issue 20): a NATS JetStream connection that works the outbox (publish,
//! wait for JetStream's ack, retry with backoff, mark sent) and the inbox (a durable pull consumer with
//! explicit acks: store the message and its id in one transaction, then ack). `dutywatch link run` runs
//! it until SIGTERM; the board runs the same tasks while it is open.
//!
//! Exactly once: every message carries `Nats-Msg-Id` = its message id, so JetStream drops a republish
//! within its de-duplication window (two minutes here); beyond it the receiver's unique key on the
//! message id drops it. A sender killed between publish and marking sent publishes again; a receiver
//! killed before its commit is redelivered (ack wait); one killed between commit and ack is
//! redelivered, finds the id stored, and acks.

pub mod serve;

/// The crates below the link, under the paths its modules use for them.
use service as ops;
use service::config;
use service::{domain, store};

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use async_nats::jetstream::{self, consumer::PullConsumer, message::PublishMessage};
use chrono::Utc;
use futures::StreamExt;

use crate::config::UnitConfig;
use crate::config::link::{Credentials, LinkConfig};
use crate::config::rules::Rulebook;
use crate::domain::link as dl;
use crate::domain::{Clock, Lang};
use crate::ops::OpCtx;
use crate::ops::link::Receipt;
use crate::store::Store;
use crate::store::link as sl;

/// Why the link could not run.
#[derive(Debug, thiserror::Error)]
pub enum LinkError {
    #[error("no [link] section in unit.toml")]
    NotConfigured,
    #[error("link server URL `{0}` is not valid: {1}")]
    BadServer(String, String),
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error(transparent)]
    Op(#[from] crate::ops::OpError),
    #[error("link: {0}")]
    Nats(String),
}

/// What the link tasks need.
#[derive(Clone)]
pub struct Setup {
    pub db_path: PathBuf,
    pub unit: UnitConfig,
    pub book: Rulebook,
    pub clock: Arc<dyn Clock>,
    pub lang: Lang,
    /// Names this process in the sender's lease (board or `link run`, with its pid).
    pub holder: String,
    /// Creates the stream and this room's consumer when missing (a server without the county's
    /// pre-created ones, e.g. tests and a single-room trial); refused quietly by a locked-down server.
    pub create: bool,
}

impl Setup {
    fn link(&self) -> Result<&LinkConfig, LinkError> {
        self.unit.link.as_ref().ok_or(LinkError::NotConfigured)
    }
}

/// How long the sender's lease runs without renewal (a killed sender's successor waits this long).
pub const LEASE: Duration = Duration::from_secs(15);
/// JetStream de-duplication window of the stream this creates.
pub const DEDUP_WINDOW: Duration = Duration::from_secs(120);
/// How long the server waits for a receiver's ack before redelivering.
pub const ACK_WAIT: Duration = Duration::from_secs(10);

fn nats<E: std::fmt::Display>(e: E) -> LinkError {
    LinkError::Nats(e.to_string())
}

/// Connects (retrying in the background while the server is away) with this room's reply prefix and
/// credentials.
pub async fn connect(link: &LinkConfig, creds: Option<&Credentials>) -> Result<async_nats::Client, LinkError> {
    let addrs = link
        .servers
        .iter()
        .map(|s| s.parse::<async_nats::ServerAddr>().map_err(|e| LinkError::BadServer(s.clone(), e.to_string())))
        .collect::<Result<Vec<_>, _>>()?;
    let mut opts = async_nats::ConnectOptions::new()
        .name(format!("dutywatch {}", link.code))
        .custom_inbox_prefix(dl::inbox_prefix(&link.code))
        .retry_on_initial_connect()
        .max_reconnects(None)
        .connection_timeout(Duration::from_secs(2))
        .reconnect_delay_callback(|n| Duration::from_millis((100 * (n as u64 + 1)).min(2000)));
    if let Some(c) = creds {
        opts = opts.user_and_password(c.user.clone(), c.password.clone());
    }
    opts.connect(addrs).await.map_err(nats)
}

/// The stream config this creates when missing (`link serve-config --create` makes the same).
pub fn stream_config(replicas: usize) -> jetstream::stream::Config {
    jetstream::stream::Config {
        name: dl::STREAM.to_string(),
        subjects: dl::STREAM_SUBJECTS.iter().map(|s| s.to_string()).collect(),
        duplicate_window: DEDUP_WINDOW,
        storage: jetstream::stream::StorageType::File,
        num_replicas: replicas.max(1),
        ..Default::default()
    }
}

/// The durable consumer of a room's inbox.
pub fn consumer_config(code: &str) -> jetstream::consumer::pull::Config {
    jetstream::consumer::pull::Config {
        durable_name: Some(dl::consumer_name(code)),
        filter_subject: dl::inbox_filter(code),
        ack_policy: jetstream::consumer::AckPolicy::Explicit,
        ack_wait: ACK_WAIT,
        max_deliver: -1,
        max_ack_pending: 10_000,
        ..Default::default()
    }
}

/// This room's durable consumer (created with the stream when `create` and missing).
async fn inbox(js: &jetstream::Context, code: &str, create: bool) -> Result<PullConsumer, LinkError> {
    let stream = match js.get_stream(dl::STREAM).await {
        Ok(s) => s,
        Err(_) if create => js.get_or_create_stream(stream_config(1)).await.map_err(nats)?,
        Err(e) => return Err(nats(e)),
    };
    match stream.get_consumer::<jetstream::consumer::pull::Config>(&dl::consumer_name(code)).await {
        Ok(c) => Ok(c),
        Err(_) if create => stream.create_consumer(consumer_config(code)).await.map_err(nats),
        Err(e) => Err(nats(e)),
    }
}

fn op_ctx<'a>(s: &'a Setup, actor: &'a str) -> OpCtx<'a> {
    OpCtx { unit: &s.unit, book: &s.book, now: s.clock.now(), actor, lang: s.lang }
}

/// Runs the sender and the receiver until `stop` turns true. Errors of the network are retried with
/// backoff for ever; only a broken configuration or database ends it.
pub async fn run(setup: Setup, stop: tokio::sync::watch::Receiver<bool>) -> Result<(), LinkError> {
    let link = setup.link()?.clone();
    let creds = link.load_credentials()?;
    let client = connect(&link, creds.as_ref()).await?;
    let js = jetstream::new(client.clone());
    let state = async {
        let mut store = Store::open(&setup.db_path)?;
        let mut stop = stop.clone();
        let mut last: Option<bool> = None;
        let mut beat = tokio::time::Instant::now();
        loop {
            let up = client.connection_state() == async_nats::connection::State::Connected;
            if last != Some(up) || beat.elapsed() > Duration::from_secs(20) {
                let now = setup.clock.now();
                // A busy or failing file is tried again on the next round, never the end of the link.
                if let Err(e) = store.write(|tx| sl::set_connected(tx, up, now)) {
                    tracing::warn!("link state: {e}");
                    continue;
                }
                last = Some(up);
                beat = tokio::time::Instant::now();
            }
            tokio::select! {
                _ = tokio::time::sleep(Duration::from_millis(250)) => {}
                _ = stop.changed() => {}
            }
            if *stop.borrow() {
                return Ok::<(), LinkError>(());
            }
        }
    };
    let (a, b, c) =
        tokio::join!(sender(&setup, &client, &js, stop.clone()), receiver(&setup, &link, &js, stop.clone()), state);
    a.and(b).and(c)
}

async fn pause(stop: &mut tokio::sync::watch::Receiver<bool>, d: Duration) -> bool {
    tokio::select! {
        _ = tokio::time::sleep(d) => {}
        _ = stop.changed() => {}
    }
    *stop.borrow()
}

/// Works the outbox: publish a batch (pipelined), wait for each JetStream ack, mark the acked rows
/// sent in one transaction. One sender at a time (the lease); errors back off up to 5 s.
async fn sender(
    setup: &Setup,
    client: &async_nats::Client,
    js: &jetstream::Context,
    mut stop: tokio::sync::watch::Receiver<bool>,
) -> Result<(), LinkError> {
    let mut store = Store::open(&setup.db_path)?;
    let mut backoff = Duration::from_millis(100);
    let lease = chrono::Duration::from_std(LEASE).unwrap_or_else(|_| chrono::Duration::seconds(15));
    let mut held_until: Option<chrono::DateTime<Utc>> = None;
    loop {
        if *stop.borrow() {
            let _ = store.write(|tx| sl::release_lease(tx, &setup.holder));
            return Ok(());
        }
        let now = setup.clock.now();
        // The lease is renewed when half of it has run (a write every few seconds, not every round:
        // each write wakes every board on the file).
        let renew = held_until.is_none_or(|until| until - now < lease / 2);
        let taken =
            if renew { store.write(|tx| sl::take_lease(tx, &setup.holder, now, now + lease)) } else { Ok(true) };
        let mine = match taken {
            Ok(true) => {
                if renew {
                    held_until = Some(now + lease);
                }
                true
            }
            Ok(false) => {
                held_until = None;
                false
            }
            Err(e) => {
                tracing::warn!("link lease: {e}");
                pause(&mut stop, Duration::from_secs(1)).await;
                continue;
            }
        };
        if !mine {
            // Another board or `link run` sends; this one takes over when its lease runs out.
            pause(&mut stop, Duration::from_secs(1)).await;
            continue;
        }
        // While disconnected nothing is published (the client would only buffer it): wait.
        if client.connection_state() != async_nats::connection::State::Connected {
            pause(&mut stop, Duration::from_millis(200)).await;
            continue;
        }
        let rows = match sl::queued(store.conn(), 500) {
            Ok(r) => r,
            Err(e) => {
                tracing::warn!("link outbox: {e}");
                pause(&mut stop, Duration::from_secs(1)).await;
                continue;
            }
        };
        if rows.is_empty() {
            pause(&mut stop, Duration::from_millis(100)).await;
            continue;
        }
        let mut pending = Vec::with_capacity(rows.len());
        let mut failed: Option<String> = None;
        for row in &rows {
            let publish = PublishMessage::build().payload(row.body.clone().into()).message_id(row.msg_id.as_str());
            match js.send_publish(row.subject.clone(), publish).await {
                Ok(ack) => pending.push((row.id, ack)),
                Err(e) => {
                    failed = Some(e.to_string());
                    break;
                }
            }
        }
        let mut sent = Vec::with_capacity(pending.len());
        // One deadline for the whole batch: acks that do not come (the server went away) must not
        // cost five seconds each.
        let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
        for (id, ack) in pending {
            match tokio::time::timeout_at(deadline, ack).await {
                Ok(Ok(_)) => sent.push(id),
                Ok(Err(e)) => {
                    failed.get_or_insert(e.to_string());
                }
                Err(_) => {
                    failed.get_or_insert("no JetStream ack within 5 s".to_string());
                }
            }
        }
        // A test hook: stop dead between publish and marking sent (the kill -9 fault).
        if std::env::var_os("DUTYWATCH_LINK_DIE_AFTER_PUBLISH").is_some() && !sent.is_empty() {
            std::process::abort();
        }
        if !sent.is_empty() {
            let at = Utc::now();
            // Not marked (the file is busy): published again on the next round, dropped as a duplicate.
            if let Err(e) = store.write(|tx| {
                for id in &sent {
                    sl::mark_sent(tx, *id, at)?;
                }
                Ok(())
            }) {
                tracing::warn!("link mark sent: {e}");
                failed.get_or_insert(e.to_string());
            }
        }
        match failed {
            None => backoff = Duration::from_millis(100),
            Some(e) => {
                if let Some(first) = rows.iter().find(|r| !sent.contains(&r.id)) {
                    let _ = store.write(|tx| sl::mark_failed(tx, first.id, &e));
                }
                tracing::debug!("link publish: {e}");
                pause(&mut stop, backoff).await;
                backoff = (backoff * 2).min(Duration::from_secs(5));
            }
        }
    }
}

/// Reads the inbox through the durable consumer: each message stored (or held, or a dead letter) in
/// one transaction, then acked. Held messages are retried every second.
async fn receiver(
    setup: &Setup,
    link: &LinkConfig,
    js: &jetstream::Context,
    mut stop: tokio::sync::watch::Receiver<bool>,
) -> Result<(), LinkError> {
    let mut store = Store::open(&setup.db_path)?;
    let mut backoff = Duration::from_millis(200);
    let mut consumer: Option<PullConsumer> = None;
    let mut last_retry = tokio::time::Instant::now();
    loop {
        if *stop.borrow() {
            return Ok(());
        }
        if last_retry.elapsed() > Duration::from_secs(1) {
            if let Err(e) = crate::ops::link::retry_held(&mut store, &op_ctx(setup, "link")) {
                tracing::warn!("link held: {e}");
            }
            last_retry = tokio::time::Instant::now();
        }
        let c = match &consumer {
            Some(c) => c.clone(),
            None => match inbox(js, &link.code, setup.create).await {
                Ok(c) => {
                    consumer = Some(c.clone());
                    c
                }
                Err(e) => {
                    tracing::debug!("link inbox: {e}");
                    pause(&mut stop, backoff).await;
                    backoff = (backoff * 2).min(Duration::from_secs(5));
                    continue;
                }
            },
        };
        let batch = c.fetch().max_messages(200).expires(Duration::from_millis(500)).messages().await;
        let mut batch = match batch {
            Ok(b) => b,
            Err(e) => {
                tracing::debug!("link fetch: {e}");
                pause(&mut stop, backoff).await;
                backoff = (backoff * 2).min(Duration::from_secs(5));
                continue;
            }
        };
        backoff = Duration::from_millis(200);
        let mut got = Vec::new();
        while let Some(m) = batch.next().await {
            match m {
                Ok(m) => got.push(m),
                Err(e) => {
                    tracing::debug!("link message: {e}");
                    break;
                }
            }
        }
        if got.is_empty() {
            continue;
        }
        // Stored in one transaction (bytes that are not UTF-8 are read as U+FFFD and refused by the parse).
        let items: Vec<(String, String)> =
            got.iter().map(|m| (m.subject.to_string(), String::from_utf8_lossy(&m.payload).into_owned())).collect();
        let ctx = op_ctx(setup, "link");
        let outcomes = match crate::ops::link::receive_batch(&mut store, &ctx, &items) {
            Ok(o) => o,
            Err(e) => {
                // Not stored (the database is busy or failing): not acked, so redelivered later.
                tracing::warn!("link store: {e}");
                for m in &got {
                    let _ = m.ack_with(jetstream::AckKind::Nak(Some(Duration::from_secs(1)))).await;
                }
                pause(&mut stop, backoff).await;
                continue;
            }
        };
        // A test hook: die after the commit, before the ack (the receiver-killed fault).
        if std::env::var_os("DUTYWATCH_LINK_DIE_BEFORE_ACK").is_some() {
            std::process::abort();
        }
        for (m, outcome) in got.iter().zip(outcomes) {
            if let Receipt::Dead(reason) = &outcome {
                let mut headers = async_nats::HeaderMap::new();
                headers.insert("Dutywatch-Reason", reason.replace(['\r', '\n'], " ").as_str());
                headers.insert("Dutywatch-Subject", m.subject.as_str());
                let dead = dl::dead_subject(&link.code);
                let _ = js.publish_with_headers(dead, headers, m.payload.clone()).await;
            }
            if let Err(e) = m.double_ack().await {
                tracing::debug!("link ack: {e}");
            }
        }
    }
}

/// `dutywatch link run`: the tasks until SIGTERM or SIGINT.
pub fn run_until_signal(setup: Setup) -> Result<(), LinkError> {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(nats)?;
    rt.block_on(async move {
        let (tx, rx) = tokio::sync::watch::channel(false);
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).map_err(nats)?;
        let mut int = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt()).map_err(nats)?;
        let stopper = async move {
            tokio::select! {
                _ = term.recv() => {}
                _ = int.recv() => {}
            }
            let _ = tx.send(true);
            // The tasks see `true` and end (the sender gives its lease up); one waiting on a server
            // that is gone is not waited for longer than this.
            tokio::time::sleep(Duration::from_secs(2)).await;
        };
        tokio::select! {
            r = run(setup, rx) => r,
            _ = stopper => Ok(()),
        }
    })
}
