//! Enumerated flags (`--category`, `--grade`, `--channel` …) parsed by clap from the domain's coded
//! enums: `--help` lists the values from the one source, and a bad value is refused before the
//! command runs, with the valid values named. The Chinese label a person may type (`自然灾害`) is
//! accepted as the domain accepts it.

use std::ffi::OsStr;
use std::marker::PhantomData;

use clap::builder::{PossibleValue, TypedValueParser};
use clap::error::ErrorKind;

use crate::domain::response::RespLevel;
use crate::domain::{Coded, Grade, ObligationKind};

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

/// Why a response level flag was refused.
#[derive(Debug, thiserror::Error)]
enum RespLevelError {
    /// "none", "0", "V" …: a response is ended, not lowered below Ⅳ.
    #[error("`{0}`: there is no response level below IV (Ⅳ, blue); to end a response give --end --conditions TEXT")]
    BelowIv(String),
    #[error(transparent)]
    Unknown(#[from] crate::domain::UnknownCode),
}

/// A response level as typed: I–IV, Ⅰ–Ⅳ, 1–4 or a colour (red … blue, 红 … 蓝). "none" or anything
/// below Ⅳ is refused with the way to end a response.
fn resp_level_of(v: &str) -> Result<RespLevel, RespLevelError> {
    let t = v.trim().to_ascii_lowercase();
    if matches!(t.as_str(), "none" | "0" | "v" | "5" | "无" | "lift") {
        return Err(RespLevelError::BelowIv(v.to_string()));
    }
    Ok(RespLevel::parse_any(v)?)
}

/// The clap error for a bad value of `arg`: one line, naming the flag (`--grade: …`), or the
/// positional argument by its id (`grade: …`).
fn value_error(cmd: &clap::Command, arg: Option<&clap::Arg>, msg: impl std::fmt::Display) -> clap::Error {
    let flag = match arg {
        Some(a) => match a.get_long() {
            Some(l) => format!("--{l}: "),
            None => format!("{}: ", a.get_id()),
        },
        None => String::new(),
    };
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

/// The parser of `incident grade ID GRADE`: a known grade, I–IV (or Ⅰ–Ⅳ, as [`Grade`] reads it);
/// `unknown` is refused, since a grade change needs a grade.
#[derive(Clone)]
pub struct KnownGradeParser;

/// `#[arg(value_parser = known_grade())]`.
pub fn known_grade() -> KnownGradeParser {
    KnownGradeParser
}

impl TypedValueParser for KnownGradeParser {
    type Value = Grade;

    fn parse_ref(&self, cmd: &clap::Command, arg: Option<&clap::Arg>, value: &OsStr) -> Result<Grade, clap::Error> {
        match value.to_string_lossy().parse::<Grade>() {
            Ok(Grade::Unknown) => Err(value_error(cmd, arg, "a grade change needs a grade: I, II, III or IV")),
            Ok(g) => Ok(g),
            Err(e) => Err(value_error(cmd, arg, e)),
        }
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        let known = Grade::ALL.iter().filter(|g| **g != Grade::Unknown);
        Some(Box::new(known.map(|g| PossibleValue::new(g.code()))))
    }
}

/// The parser of `incident waive --kind` and `report late --kind`: a kind of the incident ledger
/// ([`ObligationKind`](crate::domain::ObligationKind); a task's or a routine duty's is not one), its
/// fixed codes listed by `--help`.
#[derive(Clone)]
pub struct ObligationKindParser;

/// `#[arg(long, value_parser = obligation_kind())]`.
pub fn obligation_kind() -> ObligationKindParser {
    ObligationKindParser
}

impl TypedValueParser for ObligationKindParser {
    type Value = ObligationKind;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<ObligationKind, clap::Error> {
        let text = value.to_string_lossy();
        let text = text.trim();
        match text.parse::<ObligationKind>() {
            Ok(kind) if kind.is_ledger() => Ok(kind),
            Ok(_) => {
                let valid = ObligationKind::fixed_codes().join(", ");
                Err(value_error(cmd, arg, format!("unknown obligation kind `{text}`; valid: {valid}, ready-ITEM")))
            }
            Err(e) => Err(value_error(cmd, arg, e)),
        }
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(ObligationKind::fixed_codes().into_iter().map(PossibleValue::new)))
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;
    use clap::error::ErrorKind;

    use super::super::args::Cli;

    fn parse(args: &[&str]) -> Result<clap::ArgMatches, clap::Error> {
        Cli::command().try_get_matches_from([&["dutywatch"], args].concat())
    }

    #[test]
    fn a_grade_change_takes_a_known_grade_in_either_numeral() {
        for g in ["III", "Ⅲ", "iv"] {
            assert!(parse(&["incident", "grade", "1", g, "--by", "周建国"]).is_ok(), "{g}");
        }
        for g in ["unknown", "V", "未定"] {
            let e = parse(&["incident", "grade", "1", g, "--by", "周建国"]).expect_err(g);
            assert_eq!(e.kind(), ErrorKind::ValueValidation, "{g}");
            assert!(e.to_string().contains("grade: "), "{e}");
        }
        let mut cmd = Cli::command();
        let help =
            cmd.find_subcommand_mut("incident").and_then(|c| c.find_subcommand_mut("grade")).map(|c| c.render_help());
        let help = help.map(|h| h.to_string()).unwrap_or_default();
        assert!(help.contains("I, II, III, IV]"), "{help}");
    }

    #[test]
    fn a_waiver_names_a_kind_the_ledger_knows() {
        let waive = |kind: &str| parse(&["incident", "waive", "1", "--kind", kind, "--reason", "r", "--by", "周建国"]);
        for k in ["final", "first-written", "notify-leader", "reach-city", "summary-eval", "ready-hotline"] {
            assert!(waive(k).is_ok(), "{k}");
        }
        for k in ["finale", "reach-moon", "ready-", "", "task", "duty:交班"] {
            let e = waive(k).expect_err(k);
            assert_eq!(e.kind(), ErrorKind::ValueValidation, "{k}");
            assert!(e.to_string().contains("--kind: unknown obligation kind"), "{e}");
        }
    }
}
