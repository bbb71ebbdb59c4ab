//! Names the configuration gives in both languages (a recurring duty, a readiness item, a sensitive
//! period, a log line's words): the reader's one is chosen here, as every other text is.

use crate::domain::Lang;
use crate::domain::calendar::SensitivePeriod;
use crate::domain::duties::DutyDef;
use crate::domain::log_event::Bi;
use crate::domain::response::ReadinessRule;

/// A configured item's name in the reader's language.
pub trait Named {
    fn label(&self, lang: Lang) -> &str;
}

impl Named for DutyDef {
    fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.label_zh,
            Lang::En => &self.label_en,
        }
    }
}

impl Named for ReadinessRule {
    fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.label_zh,
            Lang::En => &self.label_en,
        }
    }
}

/// Words stored in both languages with a log line.
pub trait Bilingual {
    fn pick(&self, lang: Lang) -> &str;
}

impl Bilingual for Bi {
    fn pick(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// A sensitive period's name.
pub trait DisplayName {
    /// The name in the wanted language (falls back to the Chinese name).
    fn display_name(&self, lang: Lang) -> &str;
}

impl DisplayName for SensitivePeriod {
    fn display_name(&self, lang: Lang) -> &str {
        match (lang, &self.name_en) {
            (Lang::En, Some(en)) => en,
            _ => &self.name,
        }
    }
}
