//! Vendor files to an Escalator document: the importers.
//!
//! An importer reads what a team already has (a PagerDuty or Opsgenie API
//! export, a Terraform module, a calendar...) and writes one Escalator
//! document whose meaning under the SPEC is exactly the vendor's. Importers
//! sit beside [`crate::document`] at the front of the flow: they turn text
//! into document text, and the usual reader takes it from there.
//!
//! Three rules hold for every importer:
//! - **Faithful**: the document means what the vendor does; where the model
//!   cannot say it, the model is extended, never approximated.
//! - **Nothing lost**: every source element lands in the document or gets a
//!   [`FileDiagnostic`] at its span in its source file.
//! - **Traceable**: imported objects keep the source's `name` and its
//!   reference in `source`.

pub mod source;
pub mod terraform;

pub use source::{FileDiagnostic, SourceFile};
