//! The domain: the forms and the rules of DOMAIN.md as plain types and pure functions.
//!
//! Nothing here knows about egui, SQLite, PDF or files; time is always passed in.

/// Declares a closed list of choices with a stable code (stored in the database) and a
/// catalogue key (shown on screen and paper) for each.
macro_rules! choices {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $code:literal, $key:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &[$name] = &[$($name::$variant),+];

            /// The code stored in the database; never changes once released.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn from_code(code: &str) -> Option<$name> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }

            /// The choice's name in the catalogue.
            pub fn message_key(self) -> $crate::domain::MessageKey {
                match self { $($name::$variant => $key),+ }
            }
        }
    };
}
pub(crate) use choices;

pub mod case_life;
pub mod company;
pub mod complaint;
pub mod confirmation;
pub mod contract;
pub mod customer;
pub mod date;
pub mod investigation;
pub mod money;
pub mod numbering;
pub mod paper;
pub mod phone;
pub mod pin;
pub mod repair;
pub mod report;
pub mod return_visit;
pub mod settings;
pub mod signature;
pub mod three_guarantees;
pub mod unit;
pub mod warranty_card;

/// One refusal of a form's parse: which field, and the catalogue key of the message shown
/// beside it. Every form's draft answers with these.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldError<F> {
    pub field: F,
    pub message: MessageKey,
}

/// A field of a form, as its parse names it when refusing it.
pub trait FormField: Copy + Eq + std::hash::Hash {
    /// The field's label in the catalogue.
    fn label_key(self) -> MessageKey;
}

/// Makes a form's field enum a [`FormField`] through its own `label_key`.
macro_rules! form_field {
    ($($field:ty),+) => {
        $(impl $crate::domain::FormField for $field {
            fn label_key(self) -> $crate::domain::MessageKey {
                <$field>::label_key(self)
            }
        })+
    };
}

form_field!(
    warranty_card::CardField,
    complaint::ComplaintField,
    investigation::InvestigationField,
    confirmation::ConfirmationField,
    customer::CustomerField,
    contract::ContractField,
    return_visit::VisitField,
    repair::RepairField,
    unit::UnitField
);

/// A message key in the catalogue (`assets/i18n/*.ftl`), so the domain can name an error
/// without choosing its words in any language.
pub type MessageKey = &'static str;

/// A typed text, trimmed; refused when it is required and empty, longer than `max_chars`
/// characters, or holding a character that cannot be printed or that makes the text read
/// otherwise than it is stored ([`is_hidden_control`]). Every form's `parse` checks its texts
/// with this.
pub(crate) fn checked_text(
    value: &str,
    required: bool,
    max_chars: usize,
) -> Result<&str, MessageKey> {
    let value = value.trim();
    if required && value.is_empty() {
        Err("error-required")
    } else if value.chars().count() > max_chars {
        Err("error-too-long")
    } else if value.chars().any(is_hidden_control) {
        Err("error-control-characters")
    } else {
        Ok(value)
    }
}

/// Control characters other than tab and line breaks (NUL, bell, escape: no font draws them
/// and nobody means to type them), and the bidirectional embeddings, overrides and isolates
/// (U+202A–U+202E, U+2066–U+2069), which turn a name around on screen while it is stored the
/// other way.
fn is_hidden_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A one-line text: [`checked_text`] up to a line's length, and no control characters at all
/// (a tab or line break pasted into a name would break the printed box).
pub(crate) fn checked_line(value: &str, required: bool) -> Result<&str, MessageKey> {
    checked_text(value, required, warranty_card::MAX_LINE_CHARS).and_then(|value| {
        if value.chars().any(char::is_control) {
            Err("error-control-characters")
        } else {
            Ok(value)
        }
    })
}

/// A form field limited to `max_chars`: a field of a line's length ([`MAX_LINE_CHARS`]: names,
/// numbers, models) is one line ([`checked_line`]), a longer one running text
/// ([`checked_text`]).
///
/// [`MAX_LINE_CHARS`]: warranty_card::MAX_LINE_CHARS
pub(crate) fn checked_field(
    value: &str,
    required: bool,
    max_chars: usize,
) -> Result<&str, MessageKey> {
    if max_chars == warranty_card::MAX_LINE_CHARS {
        checked_line(value, required)
    } else {
        checked_text(value, required, max_chars)
    }
}

/// `name` usable as a file name on Windows and Unix: the characters neither may hold (path
/// separators, `: * ? " < > |`, control characters) become `replacement`. Record numbers and
/// sheet names come from settings and clerks, so they could hold a slash.
pub fn file_name_safe(name: &str, replacement: char) -> String {
    name.chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => replacement,
            c if c.is_control() => replacement,
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_keeps_every_character_but_those_no_system_allows() {
        assert_eq!(
            file_name_safe("CC/2026\\11:0042*?\"<>|\u{7}.pdf", '_'),
            "CC_2026_11_0042_______.pdf"
        );
        assert_eq!(
            file_name_safe("按投诉类型 By type", '-'),
            "按投诉类型 By type"
        );
        assert_eq!(file_name_safe("a/b", '-'), "a-b");
    }

    #[test]
    fn running_text_keeps_tabs_and_line_breaks_but_refuses_what_cannot_be_printed() {
        for kept in ["第一行\n第二行", "数量\t2", "Windows\r\nline", "😀 𡈼 محمد"] {
            assert_eq!(checked_text(kept, true, 100), Ok(kept), "{kept:?}");
        }
        for refused in [
            "张\u{0}三",
            "张\u{7}三",
            "esc\u{1b}[31m",
            "del\u{7f}",
            "c1\u{85}x",
        ] {
            assert_eq!(
                checked_text(refused, true, 100),
                Err("error-control-characters"),
                "{refused:?}"
            );
        }
    }

    #[test]
    fn bidirectional_overrides_are_refused_in_every_text() {
        // "abc\u{202E}fed" shows as "abcdef" where the override is obeyed.
        for refused in [
            "abc\u{202E}fed",
            "\u{202A}x",
            "\u{202D}x",
            "x\u{2066}y\u{2069}",
        ] {
            assert_eq!(
                checked_text(refused, false, 100),
                Err("error-control-characters"),
                "{refused:?}"
            );
            assert_eq!(
                checked_line(refused, false),
                Err("error-control-characters")
            );
        }
        // Marks and joiners that belong to real text are kept.
        for kept in ["محمد\u{200F}", "👨\u{200D}👩\u{200D}👧"] {
            assert_eq!(checked_line(kept, true), Ok(kept));
        }
    }

    #[test]
    fn a_field_of_a_lines_length_is_one_line_and_a_longer_one_running_text() {
        let line = warranty_card::MAX_LINE_CHARS;
        for pasted in ["张\n三", "张\t三", "张\r三"] {
            assert_eq!(
                checked_field(pasted, true, line),
                Err("error-control-characters")
            );
            assert_eq!(checked_field(pasted, true, line + 1), Ok(pasted));
        }
        assert_eq!(
            checked_field(&"张".repeat(line + 1), true, line),
            Err("error-too-long")
        );
        assert_eq!(checked_field("  ", true, line), Err("error-required"));
    }
}
