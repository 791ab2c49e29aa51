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
pub mod repair;
pub mod return_visit;
pub mod settings;
pub mod three_guarantees;
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
    repair::RepairField
);

/// A message key in the catalogue (`assets/i18n/*.ftl`), so the domain can name an error
/// without choosing its words in any language.
pub type MessageKey = &'static str;

/// A typed text, trimmed; refused when it is required and empty, or longer than `max_chars`
/// characters. Every form's `parse` checks its texts with this.
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
    } else {
        Ok(value)
    }
}

/// A one-line text: [`checked_text`] up to a line's length, and no control characters (a tab
/// or line break pasted into a name would break the printed box).
pub(crate) fn checked_line(value: &str, required: bool) -> Result<&str, MessageKey> {
    checked_text(value, required, warranty_card::MAX_LINE_CHARS).and_then(|value| {
        if value.chars().any(char::is_control) {
            Err("error-control-characters")
        } else {
            Ok(value)
        }
    })
}
