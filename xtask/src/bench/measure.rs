//! Running a child process and reading what it cost: wall time, CPU time and peak memory
//! from `wait4`, which reports the child's own resource usage.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What one child process cost.
#[derive(Debug, Clone, Copy, Default)]
pub struct Cost {
    pub wall: Duration,
    pub user: Duration,
    pub sys: Duration,
    /// Peak resident set size, bytes: heap and file pages mapped in (tantivy maps its
    /// segment files, so merges count the parts of the index they read).
    pub max_rss: u64,
    /// Peak anonymous memory (heap, stacks), bytes, sampled every 50 ms from
    /// `/proc/PID/status` (0 where there is no `/proc`).
    pub max_rss_anon: u64,
}

impl Cost {
    pub fn cpu(&self) -> Duration {
        self.user + self.sys
    }

    /// CPU time over wall time: how many cores were busy on average.
    pub fn parallelism(&self) -> f64 {
        self.cpu().as_secs_f64() / self.wall.as_secs_f64().max(1e-9)
    }
}

/// A finished child.
#[derive(Debug)]
pub struct Run {
    pub cost: Cost,
    pub success: bool,
    pub stdout: Vec<u8>,
}

/// Run `cmd` to the end, with its stdout captured and stdin from `stdin` (else nothing).
pub fn run(cmd: &mut Command, stdin: Option<&std::path::Path>) -> std::io::Result<Run> {
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    match stdin {
        Some(path) => cmd.stdin(std::fs::File::open(path)?),
        None => cmd.stdin(Stdio::null()),
    };
    let started = Instant::now();
    let mut child = cmd.spawn()?;
    let pid = child.id() as libc::pid_t;
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let sampler = {
        let done = done.clone();
        std::thread::spawn(move || {
            let mut peak = 0u64;
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                peak = peak.max(rss_anon(pid).unwrap_or(0));
                std::thread::sleep(Duration::from_millis(50));
            }
            peak
        })
    };
    let mut stdout = Vec::new();
    let mut stderr_pipe = child.stderr.take().expect("stderr is piped");
    let stderr = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stderr_pipe.read_to_end(&mut buf);
        buf
    });
    child
        .stdout
        .take()
        .expect("stdout is piped")
        .read_to_end(&mut stdout)?;
    let mut status = 0;
    // SAFETY: `rusage` is plain data, and `wait4` only writes into the two out-pointers.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = started.elapsed();
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    let max_rss_anon = sampler.join().unwrap_or(0);
    if waited != pid {
        return Err(std::io::Error::last_os_error());
    }
    let stderr = stderr.join().unwrap_or_default();
    let success = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    if !success && !stderr.is_empty() {
        let text = String::from_utf8_lossy(&stderr);
        let tail: Vec<&str> = text.lines().rev().take(5).collect();
        eprintln!(
            "bench: {:?} failed: {}",
            cmd.get_program(),
            tail.into_iter().rev().collect::<Vec<_>>().join(" | ")
        );
    }
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    Ok(Run {
        cost: Cost {
            wall,
            user: tv(usage.ru_utime),
            sys: tv(usage.ru_stime),
            // Linux reports kilobytes.
            max_rss: usage.ru_maxrss as u64 * 1024,
            max_rss_anon,
        },
        success,
        stdout,
    })
}

/// A live process's anonymous resident memory, bytes.
fn rss_anon(pid: libc::pid_t) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let kb = status
        .lines()
        .find_map(|l| l.strip_prefix("RssAnon:"))?
        .trim()
        .strip_suffix("kB")?
        .trim()
        .parse::<u64>()
        .ok()?;
    Some(kb * 1024)
}

/// The `p`th percentile (0–100) of `samples`, nearest rank.
pub fn percentile(samples: &[Duration], p: f64) -> Duration {
    if samples.is_empty() {
        return Duration::ZERO;
    }
    let mut sorted = samples.to_vec();
    sorted.sort();
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Bytes of every file under `dir`.
pub fn disk_usage(dir: &std::path::Path) -> u64 {
    let mut total = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            match entry.file_type() {
                Ok(t) if t.is_dir() => stack.push(entry.path()),
                Ok(_) => total += entry.metadata().map_or(0, |m| m.len()),
                Err(_) => {}
            }
        }
    }
    total
}

/// Segments in a tantivy index's last commit.
pub fn segment_count(dir: &std::path::Path) -> usize {
    std::fs::read_to_string(dir.join("meta.json"))
        .ok()
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .and_then(|m| m["segments"].as_array().map(Vec::len))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_by_nearest_rank() {
        let ms = |v: &[u64]| {
            v.iter()
                .map(|&m| Duration::from_millis(m))
                .collect::<Vec<_>>()
        };
        let samples = ms(&[5, 1, 4, 2, 3, 6, 7, 8, 9, 10]);
        for (p, expected) in [(50.0, 5), (95.0, 10), (99.0, 10), (10.0, 1), (0.0, 1)] {
            assert_eq!(
                percentile(&samples, p),
                Duration::from_millis(expected),
                "p{p}"
            );
        }
        assert_eq!(percentile(&[], 50.0), Duration::ZERO);
    }

    #[test]
    fn measures_a_child() {
        let run = run(Command::new("sh").args(["-c", "echo hi"]), None).unwrap();
        assert!(run.success);
        assert_eq!(run.stdout, b"hi\n");
        assert!(run.cost.max_rss > 0);
    }
}
