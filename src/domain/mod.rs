//! The domain: the forms and the rules of DOMAIN.md as plain types and pure functions.
//!
//! Nothing here knows about egui, SQLite, PDF or files; time is always passed in.

pub mod complaint;
pub mod date;
pub mod money;
pub mod numbering;
pub mod phone;
pub mod three_guarantees;
pub mod warranty_card;

/// A message key in the catalogue (`assets/i18n/*.ftl`), so the domain can name an error
/// without choosing its words in any language.
pub type MessageKey = &'static str;
