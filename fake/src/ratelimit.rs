//! Truto's rate limits: a fixed window of requests per integrated account, reported on every answer in the
//! `ratelimit-limit`, `ratelimit-remaining` and `ratelimit-reset` headers, and enforced (429 with `Retry-After`)
//! only when the fake is built to.

use std::collections::HashMap;
use std::time::Duration;

use tokio::time::Instant;

/// Truto's limit per integrated account: 50 requests per 10 seconds.
pub const DEFAULT_RATE_LIMIT: u64 = 50;
/// The window of [`DEFAULT_RATE_LIMIT`].
pub const DEFAULT_RATE_WINDOW: Duration = Duration::from_secs(10);

/// The limit in force.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct RateLimitConfig {
    pub limit: u64,
    pub window: Duration,
    pub enforce: bool,
}

impl Default for RateLimitConfig {
    fn default() -> Self {
        Self { limit: DEFAULT_RATE_LIMIT, window: DEFAULT_RATE_WINDOW, enforce: false }
    }
}

/// Where one request stands against the limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Standing {
    pub limit: u64,
    pub remaining: u64,
    /// Whole seconds until the window resets (at least 1).
    pub reset: u64,
    /// Over the limit, and the limit is enforced: answer 429.
    pub refused: bool,
}

impl Standing {
    /// The `ratelimit-*` headers.
    pub fn headers(&self) -> [(&'static str, String); 3] {
        [
            ("ratelimit-limit", self.limit.to_string()),
            ("ratelimit-remaining", self.remaining.to_string()),
            ("ratelimit-reset", self.reset.to_string()),
        ]
    }
}

/// Request counts per key (an integrated account id, or "" for requests without one).
#[derive(Debug, Default)]
pub(crate) struct RateLimits {
    config: RateLimitConfig,
    windows: HashMap<String, (Instant, u64)>,
}

impl RateLimits {
    /// No requests counted yet, under `config`.
    pub fn new(config: RateLimitConfig) -> Self {
        Self { config, windows: HashMap::new() }
    }

    /// Counts one request of `key` at `now`.
    pub fn hit(&mut self, key: &str, now: Instant) -> Standing {
        let RateLimitConfig { limit, window, enforce } = self.config;
        let (start, count) = self.windows.entry(key.to_owned()).or_insert((now, 0));
        if now.duration_since(*start) >= window {
            *start = now;
            *count = 0;
        }
        *count = count.saturating_add(1);
        let left = window.saturating_sub(now.duration_since(*start));
        let reset = left.as_secs() + u64::from(left.subsec_nanos() > 0);
        Standing {
            limit,
            remaining: limit.saturating_sub(*count),
            reset: reset.max(1),
            refused: enforce && *count > limit,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_counts_down_and_starts_again() {
        let mut limits = RateLimits::new(RateLimitConfig { limit: 2, window: Duration::from_secs(10), enforce: true });
        let start = Instant::now();
        assert_eq!(limits.hit("a", start), Standing { limit: 2, remaining: 1, reset: 10, refused: false });
        assert_eq!(limits.hit("b", start).remaining, 1, "accounts are counted apart");
        let later = start + Duration::from_millis(2500);
        assert_eq!(limits.hit("a", later), Standing { limit: 2, remaining: 0, reset: 8, refused: false });
        assert!(limits.hit("a", later).refused);
        assert_eq!(limits.hit("a", start + Duration::from_secs(10)).remaining, 1);
    }

    #[test]
    fn unenforced_limits_only_report() {
        let mut limits = RateLimits::default();
        let now = Instant::now();
        for _ in 0..60 {
            assert!(!limits.hit("a", now).refused);
        }
        assert_eq!(limits.hit("a", now).headers()[1], ("ratelimit-remaining", "0".to_owned()));
    }
}
