//! aftersales: the after-sales service desk.
//!
//! Layers, imports pointing down (see ARCHITECTURE.md): `domain` ← `store`, `pdf` ← `ui` ←
//! `app`; `cli` and `demo` sit beside `app` at the edge.

pub mod app;
pub mod assets;
pub mod cli;
pub mod demo;
pub mod domain;
pub mod fonts;
pub mod i18n;
pub mod pdf;
pub mod printing;
pub mod recovery;
pub mod report;
pub mod scan;
pub mod sheet;
pub mod store;
pub mod ui;
