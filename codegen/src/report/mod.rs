//! Presenting [`Diagnostics`]: one line per problem ([`MessageFormat::Short`], the diagnostic's `Display`) or,
//! with the `fancy` feature, an excerpt of the file per problem, drawn by miette (`human`). It sits above
//! `diagnostics`, which knows nothing of how it is shown.

use crate::diagnostics::Diagnostics;

#[cfg(feature = "fancy")]
mod human;

/// How diagnostics are printed ([`Diagnostics::render`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MessageFormat {
    /// One line per problem, `file:line:col: path: message (help)`: for logs, editors and `grep`.
    Short,
    /// A source excerpt per problem with the span underlined, its key path as label, and the help text.
    #[cfg(feature = "fancy")]
    #[cfg_attr(docsrs, doc(cfg(feature = "fancy")))]
    Human {
        /// ANSI colours, for a terminal.
        color: bool,
    },
}

impl Diagnostics {
    /// Every problem, in `format`, followed by nothing else (no summary line).
    pub fn render(&self, format: MessageFormat) -> String {
        match format {
            MessageFormat::Short => self.to_string(),
            #[cfg(feature = "fancy")]
            MessageFormat::Human { color } => human::render_human(self, color),
        }
    }
}
