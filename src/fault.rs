//! A fault in morgue's own code while it reads one file (a panic: an index out of range, an
//! unexpected shape of text) ends that file's reading, not the run. [`guarded`] runs the
//! reading and turns such a panic into a message; the file is then reported as failed, with
//! that message, like any file that cannot be read, and what the index held of it is kept.
//!
//! Rust prints a panic as it happens. [`quiet_while_guarded`] (the binary installs it)
//! keeps that print back inside [`guarded`] and hands its text (with the place in the code)
//! to the caller instead, so that the fault is reported once, with the file's name.

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};

thread_local! {
    /// Whether this thread is inside [`guarded`].
    static GUARDED: Cell<bool> = const { Cell::new(false) };
    /// The text of the last panic the hook kept back on this thread.
    static KEPT: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Run `read`; a panic in it becomes `Err` with what it said and where.
pub fn guarded<T>(read: impl FnOnce() -> T) -> Result<T, String> {
    let outer = GUARDED.replace(true);
    let result = panic::catch_unwind(AssertUnwindSafe(read));
    GUARDED.set(outer);
    result.map_err(|payload| {
        let kept = KEPT.take();
        let said = (payload.downcast_ref::<&str>().map(|s| s.to_string()))
            .or_else(|| payload.downcast_ref::<String>().cloned());
        let what = kept.or(said).unwrap_or_else(|| "a fault".to_string());
        format!(
            "morgue failed on this file ({}); it is left as it was in the index: please report \
             the fault with the file",
            what.replace('\n', " ")
        )
    })
}

/// Install a panic hook that keeps back, inside [`guarded`], what the hook before it would
/// print, and prints everything else as before.
pub fn quiet_while_guarded() {
    let earlier = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        if GUARDED.get() {
            KEPT.set(Some(info.to_string()));
        } else {
            earlier(info);
        }
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_inside_becomes_a_message_and_the_thread_goes_on() {
        assert_eq!(guarded(|| 7), Ok(7));
        let words: Vec<&str> = Vec::new();
        let failed = guarded(|| words[3].len()).unwrap_err();
        assert!(failed.contains("index out of bounds"), "{failed}");
        assert!(failed.contains("please report"), "{failed}");
        assert_eq!(guarded(|| 8), Ok(8));
    }
}
