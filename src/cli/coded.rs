//! Enumerated flags (`--category`, `--grade`, `--channel` …) parsed by clap from the domain's coded
//! enums: `--help` lists the values from the one source, and a bad value is refused before the
//! command runs, with the valid values named. The Chinese label a person may type (`自然灾害`) is
//! accepted as the domain accepts it.

use std::ffi::OsStr;
use std::marker::PhantomData;

use clap::builder::{PossibleValue, TypedValueParser};
use clap::error::ErrorKind;

use crate::domain::Coded;

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
        text.parse::<T>().map_err(|e| {
            let flag = arg.and_then(|a| a.get_long()).map(|l| format!("--{l}: ")).unwrap_or_default();
            clap::Error::raw(ErrorKind::ValueValidation, format!("{flag}{e}\n")).with_cmd(cmd)
        })
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(T::values().iter().map(|v| PossibleValue::new(v.code_of()))))
    }
}
