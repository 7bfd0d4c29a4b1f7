//! A problem in a config: public, with its path and what it says; what kind of problem it is
//! stays private (as `std::io::Error` keeps its representation), so that kinds can be added or
//! reworded without breaking a caller.

use ::core::fmt;
use alloc::string::String;
use alloc::vec::Vec;

use super::super::{cat, decimal};

/// One problem in a config, with the path of the field it concerns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    path: String,
    kind: Kind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Kind {
    /// The text is not JSON: where (1-based, as serde_json counts) and why.
    Syntax { line: usize, column: usize, reason: String },
    /// A field holds something the config cannot have.
    Field(String),
}

impl Error {
    pub(super) fn syntax(line: usize, column: usize, reason: &str) -> Error {
        Error { path: String::new(), kind: Kind::Syntax { line, column, reason: reason.into() } }
    }

    pub(super) fn field(path: &str, message: String) -> Error {
        Error { path: path.into(), kind: Kind::Field(message) }
    }

    /// Path of the field, such as `categories[2].cookies[0].provider`; empty for the whole file.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What is wrong.
    pub fn message(&self) -> String {
        match &self.kind {
            Kind::Syntax { line, column, reason } => {
                cat(&["not valid JSON (line ", &decimal(*line), ", column ", &decimal(*column), "): ", reason])
            }
            Kind::Field(message) => message.clone(),
        }
    }

    /// The line that reports it: `config categories[2].id: …`, or `config: …` for the whole file.
    pub fn line(&self) -> String {
        if self.path.is_empty() {
            cat(&["config: ", &self.message()])
        } else {
            cat(&["config ", &self.path, ": ", &self.message()])
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.line())
    }
}

/// Every problem found in a config.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigErrors(pub Vec<Error>);

impl fmt::Display for ConfigErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl ::core::error::Error for ConfigErrors {}
