//! When the write stage commits: every 30 seconds, or 512 MiB of input, or (with
//! `--commit-every N`) N documents since the last commit, whichever comes first.
//!
//! The policy is told what was added and asked, with the time, whether a commit is due; it
//! never touches an index or reads a clock itself, so it is tested with made-up sizes and
//! instants.

use std::time::{Duration, Instant};

/// Commit after this much time since the last commit …
pub(super) const COMMIT_INTERVAL: Duration = Duration::from_secs(30);
/// … or this many input bytes, whichever comes first (and after `--commit-every` documents,
/// if given). Every commit flushes segments and sets off merges, so fewer is cheaper; the
/// two caps bound the work a crash can lose.
pub(super) const COMMIT_BYTES: u64 = 512 * 1024 * 1024;

/// What has been added since the last commit, and whether that calls for one.
#[derive(Debug, Clone)]
pub(super) struct CommitPolicy {
    /// Documents that call for a commit (`usize::MAX`: never by count).
    every_docs: usize,
    docs: usize,
    bytes: u64,
    last_commit: Instant,
}

impl CommitPolicy {
    /// A policy that commits after `commit_every` documents (0: only by time and bytes), its
    /// clock started at `now`.
    pub(super) fn new(commit_every: usize, now: Instant) -> CommitPolicy {
        CommitPolicy {
            every_docs: if commit_every == 0 {
                usize::MAX
            } else {
                commit_every
            },
            docs: 0,
            bytes: 0,
            last_commit: now,
        }
    }

    /// A file's documents, and its size in input bytes, were handed to the writer.
    pub(super) fn added(&mut self, docs: usize, bytes: u64) {
        self.docs += docs;
        self.bytes += bytes;
    }

    /// Whether what was added since the last commit should be committed at `now`. Time alone
    /// never calls for a commit of nothing.
    pub(super) fn due(&self, now: Instant) -> bool {
        self.docs >= self.every_docs
            || self.bytes >= COMMIT_BYTES
            || (self.docs > 0 && now.saturating_duration_since(self.last_commit) >= COMMIT_INTERVAL)
    }

    /// A commit was made (or tried) at `now`: count afresh from there.
    pub(super) fn committed(&mut self, now: Instant) {
        self.docs = 0;
        self.bytes = 0;
        self.last_commit = now;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIB: u64 = 1024 * 1024;

    /// One step fed to the policy: seconds since it started, then documents and bytes added
    /// (none for a plain question), and whether it must then say a commit is due. A step
    /// where it is due also commits, so the next step counts afresh.
    type Step = (u64, usize, u64, bool);

    /// Feed `steps` to a policy with `--commit-every commit_every`; each must get its answer.
    fn check(name: &str, commit_every: usize, steps: &[Step]) {
        let start = Instant::now();
        let mut policy = CommitPolicy::new(commit_every, start);
        for (i, &(secs, docs, bytes, due)) in steps.iter().enumerate() {
            let now = start + Duration::from_secs(secs);
            if docs > 0 || bytes > 0 {
                policy.added(docs, bytes);
            }
            assert_eq!(policy.due(now), due, "{name}: step {i} {:?}", steps[i]);
            if due {
                policy.committed(now);
            }
        }
    }

    /// Commits come after 30 s, 512 MiB or `--commit-every` documents, whichever is first.
    #[test]
    fn commits_by_time_bytes_and_count() {
        let cases: &[(&str, usize, &[Step])] = &[
            (
                "small files, no time passing",
                0,
                &[(0, 1, 10, false), (1, 5, 500, false)],
            ),
            (
                "30 s after the last commit",
                0,
                &[(0, 1, 10, false), (30, 1, 10, true)],
            ),
            ("29 s is not yet", 0, &[(29, 1, 10, false)]),
            (
                "time alone with nothing added",
                0,
                &[(31, 0, 0, false), (60, 0, 0, false)],
            ),
            (
                "time counts from the last commit",
                0,
                &[(30, 1, 1, true), (59, 1, 1, false), (60, 0, 0, true)],
            ),
            (
                "512 MiB of input",
                0,
                &[(0, 1, 511 * MIB, false), (0, 1, MIB, true)],
            ),
            (
                "bytes count afresh after a commit",
                0,
                &[(0, 1, 512 * MIB, true), (0, 1, MIB, false)],
            ),
            ("a big file without articles", 0, &[(0, 0, 600 * MIB, true)]),
            (
                "--commit-every 3",
                3,
                &[(0, 2, 10, false), (0, 1, 10, true), (0, 2, 10, false)],
            ),
            (
                "--commit-every 1, one file of many",
                1,
                &[(0, 40, 10, true), (0, 1, 10, true)],
            ),
            (
                "--commit-every 0 is no count",
                0,
                &[(0, 1_000_000, 10, false)],
            ),
        ];
        for (name, every, steps) in cases {
            check(name, *every, steps);
        }
    }
}
