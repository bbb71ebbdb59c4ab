//! `dutywatch link serve-config --rooms FILE`: the nats-server configuration of a county's rooms, each a
//! user that may publish only as itself and read only its own inbox, and (with `--create`) the stream
//! and the durable consumers pre-created, so no room needs the rights to create or read another's.

use std::fmt::Write as _;

use serde::Deserialize;

use super::{LinkError, consumer_config, stream_config};
use crate::domain::link as dl;

/// The rooms file (TOML): the admin password (creates the stream and consumers) and each room.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rooms {
    pub admin_password: String,
    /// JetStream replicas of the stream: 1 on one server, 3 on a three-server cluster.
    #[serde(default = "one")]
    pub replicas: usize,
    #[serde(rename = "room")]
    pub rooms: Vec<Room>,
}

fn one() -> usize {
    1
}

/// One room of the rooms file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Room {
    pub code: String,
    pub password: String,
    /// The room one level up, if it is in this file or beyond it.
    #[serde(default)]
    pub upper: Option<String>,
}

/// Reads and checks a rooms file (codes valid and unique, passwords non-empty).
pub fn parse_rooms(text: &str, label: &str) -> Result<Rooms, crate::config::ConfigError> {
    let rooms: Rooms = crate::config::parse_toml(text, label)?;
    let err =
        |message: String| crate::config::ConfigError { file: label.to_string(), line: 0, key: "room".into(), message };
    let mut seen = std::collections::BTreeSet::new();
    for r in &rooms.rooms {
        if !dl::valid_code(&r.code) || r.upper.as_deref().is_some_and(|u| !dl::valid_code(u)) {
            return Err(err(format!("`{}` is not a room code", r.code)));
        }
        if !seen.insert(r.code.clone()) {
            return Err(err(format!("room `{}` is listed twice", r.code)));
        }
        if r.password.is_empty() || r.password.contains(['"', '\\', '\n']) {
            return Err(err(format!("room `{}`: the password must be non-empty, without \" \\ or newlines", r.code)));
        }
    }
    if rooms.admin_password.is_empty() || rooms.admin_password.contains(['"', '\\', '\n']) {
        return Err(err("admin_password must be non-empty, without \" \\ or newlines".into()));
    }
    Ok(rooms)
}

/// What a room may publish: as itself to its upper room and to the rooms below, its dead letters, and
/// the JetStream API of its own consumer only.
pub fn publish_allow(rooms: &Rooms, room: &Room) -> Vec<String> {
    let code = &room.code;
    let mut allow = Vec::new();
    if let Some(up) = &room.upper {
        allow.push(dl::subject(up, code));
    }
    for r in rooms.rooms.iter().filter(|r| r.upper.as_deref() == Some(code)) {
        allow.push(dl::subject(&r.code, code));
    }
    let consumer = dl::consumer_name(code);
    allow.push(dl::dead_subject(code));
    allow.push("$JS.API.INFO".into());
    allow.push(format!("$JS.API.STREAM.INFO.{}", dl::STREAM));
    allow.push(format!("$JS.API.CONSUMER.INFO.{}.{consumer}", dl::STREAM));
    allow.push(format!("$JS.API.CONSUMER.MSG.NEXT.{}.{consumer}", dl::STREAM));
    allow.push(format!("$JS.ACK.{}.{consumer}.>", dl::STREAM));
    allow
}

fn list(items: &[String]) -> String {
    items.iter().map(|s| format!("\"{s}\"")).collect::<Vec<_>>().join(", ")
}

/// The nats-server configuration: JetStream on, one account, the admin and one user per room.
pub fn server_config(rooms: &Rooms, listen: &str, store_dir: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# nats-server configuration written by `dutywatch link serve-config` (issue 20).");
    let _ = writeln!(out, "# Each room publishes only as itself (dw.<to>.from.<its code>) and reads only its own");
    let _ = writeln!(
        out,
        "# durable consumer ({}); replies come to its own prefix (_INBOX_<code>).",
        dl::consumer_name("<code>")
    );
    let _ = writeln!(out, "listen: \"{listen}\"");
    let _ = writeln!(out, "jetstream {{\n  store_dir: \"{store_dir}\"\n}}");
    let _ = writeln!(out, "accounts {{\n  DW {{\n    jetstream: enabled\n    users: [");
    let _ = writeln!(
        out,
        "      {{ user: \"admin\", password: \"{}\", permissions: {{ publish: \">\", subscribe: \">\" }} }}",
        rooms.admin_password
    );
    for r in &rooms.rooms {
        let _ = writeln!(
            out,
            "      {{ user: \"{}\", password: \"{}\", permissions: {{\n          publish: {{ allow: [{}] }}\n          subscribe: {{ allow: [\"{}.>\"] }}\n      }} }}",
            r.code,
            r.password,
            list(&publish_allow(rooms, r)),
            dl::inbox_prefix(&r.code)
        );
    }
    let _ = writeln!(out, "    ]\n  }}\n}}");
    out
}

/// Creates the stream and every room's durable consumer, as the admin.
pub async fn create(rooms: &Rooms, server: &str) -> Result<(), LinkError> {
    let client = async_nats::ConnectOptions::new()
        .user_and_password("admin".into(), rooms.admin_password.clone())
        .connection_timeout(std::time::Duration::from_secs(5))
        .connect(server)
        .await
        .map_err(super::nats)?;
    let js = async_nats::jetstream::new(client);
    let stream = js.get_or_create_stream(stream_config(rooms.replicas)).await.map_err(super::nats)?;
    for r in &rooms.rooms {
        stream
            .get_or_create_consumer(&dl::consumer_name(&r.code), consumer_config(&r.code))
            .await
            .map_err(super::nats)?;
    }
    Ok(())
}
