//! The message catalogue: every string a user sees, in Simplified Chinese and English.
//!
//! Messages live in Fluent files under `assets/i18n/`, compiled into the binary. Code asks
//! for a message by key (`i18n.tr("card-customer-name")`); a missing key shows the key itself
//! rather than panicking, and the test `every_key_exists_in_both_languages` keeps the two
//! catalogues in step.

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};

const ZH_CN: &str = include_str!("../assets/i18n/zh-CN.ftl");
const EN: &str = include_str!("../assets/i18n/en.ftl");

/// A language the program speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Lang {
    /// Simplified Chinese, the default: most users are in China.
    #[default]
    ZhCn,
    English,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::ZhCn, Lang::English];

    /// The code stored in settings.
    pub fn code(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::English => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|lang| lang.code() == code)
    }

    /// The language's name in itself, as shown in the language switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::ZhCn => "中文",
            Lang::English => "English",
        }
    }

    fn source(self) -> &'static str {
        match self {
            Lang::ZhCn => ZH_CN,
            Lang::English => EN,
        }
    }
}

/// The catalogue for one language.
pub struct I18n {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
}

impl I18n {
    pub fn new(lang: Lang) -> I18n {
        let langid = lang
            .code()
            .parse()
            .expect("language codes in Lang::code are valid BCP-47 tags");
        let mut bundle = FluentBundle::new(vec![langid]);
        // Bidi isolation marks would end up inside labels and PDFs; all our text is LTR.
        bundle.set_use_isolating(false);
        let resource = FluentResource::try_new(lang.source().to_owned())
            .unwrap_or_else(|(partial, _errors)| partial);
        // Duplicate keys are caught by a test; keep the first definition at run time.
        let _ = bundle.add_resource(resource);
        I18n { lang, bundle }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Whether the catalogue has a message for `key`.
    pub fn has(&self, key: &str) -> bool {
        self.bundle.has_message(key)
    }

    /// The message for `key`, or the key itself when it is missing.
    pub fn tr(&self, key: &str) -> String {
        self.format(key, None)
    }

    /// The message for `key` with named arguments filled in.
    pub fn tr_args(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, FluentValue::from(*value));
        }
        self.format(key, Some(&fluent_args))
    }

    fn format(&self, key: &str, args: Option<&FluentArgs>) -> String {
        let Some(pattern) = self.bundle.get_message(key).and_then(|m| m.value()) else {
            return key.to_owned();
        };
        let mut errors = Vec::new();
        self.bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// The message keys defined in one catalogue source, in file order.
    fn keys_of(source: &str) -> Vec<String> {
        let resource = match FluentResource::try_new(source.to_owned()) {
            Ok(resource) => resource,
            Err((resource, _)) => resource,
        };
        resource
            .entries()
            .filter_map(|entry| match entry {
                fluent_syntax::ast::Entry::Message(message) => Some(message.id.name.to_owned()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn both_catalogues_parse_without_errors() {
        for lang in Lang::ALL {
            assert!(
                FluentResource::try_new(lang.source().to_owned()).is_ok(),
                "{} catalogue has syntax errors",
                lang.code()
            );
        }
    }

    #[test]
    fn every_key_exists_in_both_languages() {
        let zh: BTreeSet<String> = keys_of(ZH_CN).into_iter().collect();
        let en: BTreeSet<String> = keys_of(EN).into_iter().collect();
        let only_zh: Vec<_> = zh.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&zh).collect();
        assert!(only_zh.is_empty(), "missing in English: {only_zh:?}");
        assert!(only_en.is_empty(), "missing in Chinese: {only_en:?}");
    }

    #[test]
    fn no_key_is_defined_twice() {
        for lang in Lang::ALL {
            let keys = keys_of(lang.source());
            let unique: BTreeSet<_> = keys.iter().collect();
            assert_eq!(
                keys.len(),
                unique.len(),
                "{} has duplicate keys",
                lang.code()
            );
        }
    }

    /// Every `tr("…")` / `tr_args("…"` literal in the source must name a key of the catalogue,
    /// so a typo in code cannot show a raw key to a user.
    #[test]
    fn every_key_used_in_code_is_in_the_catalogue() {
        let keys: BTreeSet<String> = keys_of(EN).into_iter().collect();
        let mut missing = Vec::new();
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut stack = vec![src];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("src is readable") {
                let path = entry.expect("directory entry").path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).expect("source is UTF-8");
                    for key in literal_keys(&text) {
                        if !keys.contains(&key) {
                            missing.push(format!("{}: {key}", path.display()));
                        }
                    }
                }
            }
        }
        assert!(
            missing.is_empty(),
            "keys used but not defined: {missing:#?}"
        );
    }

    /// Catalogue keys read `group-name`; these are the groups.
    const GROUPS: &[&str] = &[
        "app",
        "backup",
        "card",
        "cards",
        "case",
        "category",
        "complaint",
        "complaints",
        "confirmation",
        "contract",
        "contracts",
        "cost",
        "customer",
        "customers",
        "dashboard",
        "demo",
        "draft",
        "due",
        "error",
        "file",
        "form",
        "history",
        "investigation",
        "nav",
        "operator",
        "part",
        "party",
        "pdf",
        "rating",
        "recovery",
        "repair",
        "restore",
        "retention",
        "return",
        "search",
        "settings",
        "status",
        "step",
        "three",
        "toast",
        "treatment",
        "unsaved",
        "void",
    ];

    /// Every string literal in `text` that looks like a catalogue key: `tr("…")` arguments
    /// and the keys the domain names for fields, errors and statuses alike.
    fn literal_keys(text: &str) -> Vec<String> {
        text.replace("\\\"", "")
            .split('"')
            .skip(1)
            .step_by(2)
            .filter(|literal| {
                let mut parts = literal.split('-');
                let group = parts.next().unwrap_or_default();
                GROUPS.contains(&group)
                    && parts.clone().count() >= 1
                    && parts.all(|p| {
                        !p.is_empty()
                            && p.chars()
                                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
                    })
            })
            .map(str::to_owned)
            .collect::<Vec<_>>()
    }

    #[test]
    fn a_missing_key_shows_the_key_instead_of_panicking() {
        let i18n = I18n::new(Lang::English);
        let key = "no-such-key";
        assert_eq!(i18n.tr(key), key);
    }

    #[test]
    fn arguments_are_filled_in() {
        let i18n = I18n::new(Lang::English);
        let text = i18n.tr_args("pdf-page-of", &[("page", "2"), ("pages", "3")]);
        assert!(text.contains('2') && text.contains('3'), "{text}");
    }
}
