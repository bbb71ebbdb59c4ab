//! Enumerated flags (`--category`, `--grade`, `--channel` …) parsed by clap from the domain's coded
//! enums: `--help` lists the values from the one source, and a bad value is refused before the
//! command runs, with the valid values named. The Chinese label a person may type (`自然灾害`) is
//! accepted as the domain accepts it.

use std::ffi::OsStr;
use std::marker::PhantomData;

use clap::builder::{PossibleValue, TypedValueParser};
use clap::error::ErrorKind;

use crate::domain::Coded;
use crate::domain::response::RespLevel;

/// The value parser of a coded enum's flag.
#[derive(Clone)]
pub struct CodedParser<T>(PhantomData<T>);

/// The parser for `T`'s flag: `#[arg(long, value_parser = coded::<Category>())]`.
pub fn coded<T: Coded>() -> CodedParser<T> {
    CodedParser(PhantomData)
}

impl<T: Coded> TypedValueParser for CodedParser<T> {
    type Value = T;

    fn parse_ref(&self, cmd: &clap::Command, arg: Option<&clap::Arg>, value: &OsStr) -> Result<T, clap::Error> {
        let text = value.to_string_lossy();
        text.parse::<T>().map_err(|e| value_error(cmd, arg, e))
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(T::values().iter().map(|v| PossibleValue::new(v.code_of()))))
    }
}

/// A response level as typed: I–IV, Ⅰ–Ⅳ, 1–4 or a colour (red … blue, 红 … 蓝). "none" or anything
/// below Ⅳ is refused with the way to end a response.
fn resp_level_of(v: &str) -> Result<RespLevel, String> {
    let t = v.trim().to_ascii_lowercase();
    if matches!(t.as_str(), "none" | "0" | "v" | "5" | "无" | "lift") {
        return Err(format!(
            "`{v}`: there is no response level below IV (Ⅳ, blue); to end a response give --end --conditions TEXT"
        ));
    }
    RespLevel::parse_any(v).map_err(|e| e.to_string())
}

/// The clap error for a bad value of `arg`: one line, naming the flag.
fn value_error(cmd: &clap::Command, arg: Option<&clap::Arg>, msg: impl std::fmt::Display) -> clap::Error {
    let flag = arg.and_then(|a| a.get_long()).map(|l| format!("--{l}: ")).unwrap_or_default();
    clap::Error::raw(ErrorKind::ValueValidation, format!("{flag}{msg}\n")).with_cmd(cmd)
}

/// The response levels' codes, as `--help` lists them.
fn resp_level_values() -> impl Iterator<Item = PossibleValue> {
    RespLevel::ALL.iter().map(|l| PossibleValue::new(l.code()))
}

/// The parser of `incident respond --level`: [`RespLevel`] with its aliases (`RespLevel::parse_any`).
#[derive(Clone)]
pub struct RespLevelParser;

/// `#[arg(long, value_parser = resp_level())]`.
pub fn resp_level() -> RespLevelParser {
    RespLevelParser
}

impl TypedValueParser for RespLevelParser {
    type Value = RespLevel;

    fn parse_ref(&self, cmd: &clap::Command, arg: Option<&clap::Arg>, value: &OsStr) -> Result<RespLevel, clap::Error> {
        resp_level_of(&value.to_string_lossy()).map_err(|e| value_error(cmd, arg, e))
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(resp_level_values()))
    }
}

/// `incident warn --level`: a warning level, or none (the warning lifted).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WarnLevel(pub Option<RespLevel>);

/// The parser of `incident warn --level`: a level as [`resp_level`] reads it, or `none` (`lift`, `无`).
#[derive(Clone)]
pub struct WarnLevelParser;

/// `#[arg(long, value_parser = warn_level())]`.
pub fn warn_level() -> WarnLevelParser {
    WarnLevelParser
}

impl TypedValueParser for WarnLevelParser {
    type Value = WarnLevel;

    fn parse_ref(&self, cmd: &clap::Command, arg: Option<&clap::Arg>, value: &OsStr) -> Result<WarnLevel, clap::Error> {
        let text = value.to_string_lossy();
        if matches!(text.trim().to_ascii_lowercase().as_str(), "none" | "lift" | "无") {
            return Ok(WarnLevel(None));
        }
        resp_level_of(&text).map(|l| WarnLevel(Some(l))).map_err(|e| value_error(cmd, arg, e))
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(resp_level_values().chain([PossibleValue::new("none")])))
    }
}
