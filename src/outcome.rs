//! What a command came to, and the one place that turns it into the process's exit code.

use std::io;
use std::process::ExitCode;

/// What happened in a run, as every command reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Something was answered or done: hits or rows printed, every file indexed, articles
    /// extracted, the measurement made, the help shown.
    Found,
    /// Nothing to print: no hits (`--count`: a zero count), no such entity or article, an
    /// empty index, no article in the files given.
    NothingFound,
    /// `index`: some files could not be read (each reported as `path: reason`); the rest are
    /// indexed.
    SomeFilesFailed,
    /// An input named on the command line could not be used (reported on stderr), though
    /// the others were: an `extract` file, a query of a batch, an `eval dates` folder.
    InputFailed,
    /// The command could not run: bad arguments, no usable index, an unreadable file it
    /// needs (reported as `morgue: reason`).
    Error,
    /// Output went into a closed pipe (`| head`): the run ends quietly.
    PipeClosed,
}

impl Outcome {
    /// [`Outcome::Found`] when `any` was found, else [`Outcome::NothingFound`].
    pub fn found_if(any: bool) -> Outcome {
        if any {
            Outcome::Found
        } else {
            Outcome::NothingFound
        }
    }

    /// The outcome of a run that ended in an error: reported on stderr, unless it is only
    /// output refused by a closed pipe.
    pub fn of_error(err: &anyhow::Error) -> Outcome {
        let closed_pipe = err.chain().any(|cause| {
            cause
                .downcast_ref::<io::Error>()
                .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
        });
        if closed_pipe {
            return Outcome::PipeClosed;
        }
        eprintln!("morgue: {err:#}");
        Outcome::Error
    }

    /// The outcome of arguments clap refused (printed on stderr) or of `--help` and
    /// `--version` (printed on stdout).
    pub fn of_arguments(refused: &clap::Error) -> Outcome {
        // Nothing is left to say when even the usage message cannot be written.
        let _ = refused.print();
        Outcome::of_refusal(refused)
    }

    /// A usage error is an error; help and version, which clap also returns as errors, are not.
    fn of_refusal(refused: &clap::Error) -> Outcome {
        if refused.use_stderr() {
            Outcome::Error
        } else {
            Outcome::Found
        }
    }

    /// The process's exit code, the only place one is chosen:
    ///
    /// | code | outcome |
    /// |---|---|
    /// | 0 | [`Found`](Outcome::Found), [`PipeClosed`](Outcome::PipeClosed) |
    /// | 1 | [`NothingFound`](Outcome::NothingFound), [`SomeFilesFailed`](Outcome::SomeFilesFailed) |
    /// | 2 | [`InputFailed`](Outcome::InputFailed), [`Error`](Outcome::Error) |
    pub fn exit_code(self) -> u8 {
        match self {
            Outcome::Found | Outcome::PipeClosed => 0,
            Outcome::NothingFound | Outcome::SomeFilesFailed => 1,
            Outcome::InputFailed | Outcome::Error => 2,
        }
    }
}

impl From<Outcome> for ExitCode {
    fn from(outcome: Outcome) -> ExitCode {
        ExitCode::from(outcome.exit_code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes() {
        let cases = [
            (Outcome::Found, 0),
            (Outcome::PipeClosed, 0),
            (Outcome::NothingFound, 1),
            (Outcome::SomeFilesFailed, 1),
            (Outcome::InputFailed, 2),
            (Outcome::Error, 2),
        ];
        for (outcome, code) in cases {
            assert_eq!(outcome.exit_code(), code, "{outcome:?}");
        }
    }

    #[test]
    fn found_or_not() {
        assert_eq!(Outcome::found_if(true), Outcome::Found);
        assert_eq!(Outcome::found_if(false), Outcome::NothingFound);
    }

    #[test]
    fn a_closed_pipe_is_quiet() {
        let closed = io::Error::new(io::ErrorKind::BrokenPipe, "closed");
        let err = anyhow::Error::new(closed).context("writing hits");
        assert_eq!(Outcome::of_error(&err), Outcome::PipeClosed);
        let other = anyhow::anyhow!("no index");
        assert_eq!(Outcome::of_error(&other), Outcome::Error);
    }

    #[test]
    fn help_is_no_error() {
        use clap::Parser;
        let help = crate::cli::Cli::try_parse_from(["morgue", "--help"]).unwrap_err();
        assert_eq!(Outcome::of_refusal(&help), Outcome::Found);
        let bad = crate::cli::Cli::try_parse_from(["morgue", "search", "--bogus"]).unwrap_err();
        assert_eq!(Outcome::of_refusal(&bad), Outcome::Error);
    }
}
