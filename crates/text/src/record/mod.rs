//! The domain's records and rules in words: what the domain decides (a refusal, a roster problem, a
//! ladder, a draft report, a fact change) is said here, in the reader's language, so the domain
//! itself holds no choice of language.

pub mod cap;
pub mod describe;
pub mod facts;
pub mod ladder;
pub mod named;
pub mod time_input;
pub mod written;

pub use describe::{Describe, DescribeAt};
pub use facts::FiguresText;
pub use named::{Bilingual, DisplayName, Named};
