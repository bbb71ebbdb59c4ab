//! The catalogue's unit: one text in both languages, named once.
//!
//! Every screen, command and document that says the same thing names the same entry, so a label
//! cannot drift into two wordings, and the reader's language is chosen at the last moment (issue
//! 13: "no other crate calls `lang.pick`"). Texts with values in them are functions next to the
//! entries of their module; fixed texts are [`Words`] declared with [`words!`](crate::words).

use crate::domain::Lang;

/// One entry of the catalogue: the same words in Chinese and in English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Words {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Words {
    pub const fn new(zh: &'static str, en: &'static str) -> Words {
        Words { zh, en }
    }

    /// The words in the reader's language.
    pub fn get(self, lang: Lang) -> &'static str {
        lang.pick(self.zh, self.en)
    }
}

/// Declares catalogue entries as `pub const NAME: Words`, plus `ALL`, the module's entries by
/// name, which [`catalogue`](crate::catalogue) lists for the consistency test.
///
/// ```
/// mod board {
///     text::words! {
///         /// The pane of what is due next.
///         DUE_NEXT = ("待办时限", "Due next");
///     }
/// }
/// assert_eq!(board::DUE_NEXT.get(text::domain::Lang::En), "Due next");
/// assert_eq!(board::ALL.len(), 1);
/// ```
#[macro_export]
macro_rules! words {
    ($($(#[$meta:meta])* $name:ident = ($zh:expr, $en:expr $(,)?);)*) => {
        $( $(#[$meta])* pub const $name: $crate::Words = $crate::Words::new($zh, $en); )*
        /// Every entry of this module by name, for the catalogue's consistency test.
        pub const ALL: &[(&str, $crate::Words)] = &[$((stringify!($name), $name)),*];
    };
}
