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
pub mod phone;
pub mod repair;
pub mod return_visit;
pub mod three_guarantees;
pub mod warranty_card;

/// A message key in the catalogue (`assets/i18n/*.ftl`), so the domain can name an error
/// without choosing its words in any language.
pub type MessageKey = &'static str;
