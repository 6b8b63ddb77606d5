//! When and how long to wait before trying a failed request again.

use std::time::{Duration, SystemTime};

/// Statuses worth retrying: request timeout, too early, rate limited, and the server-side failures that
/// mean "no clean answer yet". 503 is not among them: Truto uses it for a blocked integrated account.
pub const RETRYABLE_STATUSES: [u16; 6] = [408, 425, 429, 500, 502, 504];

/// Whether an answer with `status` may succeed when tried again.
pub fn is_retryable_status(status: u16) -> bool {
    RETRYABLE_STATUSES.contains(&status)
}

/// How failed attempts are retried: capped exponential backoff with full jitter, or the server's
/// `Retry-After` when it sends one.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryPolicy {
    /// Retries after the first attempt (0 disables retrying).
    pub max_retries: u32,
    /// The backoff before the first retry; it doubles with each further retry.
    pub initial_backoff: Duration,
    /// The longest backoff between two attempts.
    pub max_backoff: Duration,
    /// The longest `Retry-After` honoured; a server asking for more gets the error back instead.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    /// 3 retries, from 500 ms doubling up to 30 s, honouring `Retry-After` up to 60 s (Truto's own rate
    /// limits ask for 10 s).
    fn default() -> Self {
        Self {
            max_retries: 3,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// No retries at all.
    pub fn none() -> Self {
        Self { max_retries: 0, ..Self::default() }
    }

    /// Sets the number of retries.
    pub fn with_max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// Sets the initial and maximum backoff.
    pub fn with_backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.initial_backoff = initial;
        self.max_backoff = max;
        self
    }

    /// Sets the longest `Retry-After` honoured.
    pub fn with_max_retry_after(mut self, max: Duration) -> Self {
        self.max_retry_after = max;
        self
    }

    /// How long to wait before retry number `retry` (1-based), or `None` when the server's `Retry-After`
    /// exceeds what this policy honours.
    pub(crate) fn delay(&self, retry: u32, retry_after: Option<Duration>) -> Option<Duration> {
        match retry_after {
            Some(wait) if wait > self.max_retry_after => None,
            Some(wait) => Some(wait),
            None => {
                let exponent = retry.saturating_sub(1).min(30);
                let ceiling = self.initial_backoff.saturating_mul(1 << exponent).min(self.max_backoff);
                // Full jitter: a uniformly random wait up to the ceiling spreads out clients retrying together.
                let millis = u64::try_from(ceiling.as_millis()).unwrap_or(u64::MAX);
                Some(Duration::from_millis(fastrand::u64(0..=millis)))
            }
        }
    }
}

/// Reads `Retry-After`: a number of seconds, or an HTTP date (relative to `now`).
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    if let Ok(seconds) = value.parse::<f64>() {
        return (seconds.is_finite() && seconds >= 0.0).then(|| Duration::from_secs_f64(seconds.min(1e9)));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        assert_eq!(parse_retry_after("10", now), Some(Duration::from_secs(10)));
        assert_eq!(parse_retry_after(" 1.5 ", now), Some(Duration::from_millis(1500)));
        let later = httpdate::fmt_http_date(now + Duration::from_secs(42));
        assert_eq!(parse_retry_after(&later, now), Some(Duration::from_secs(42)));
        let earlier = httpdate::fmt_http_date(now - Duration::from_secs(42));
        assert_eq!(parse_retry_after(&earlier, now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-3", now), None);
    }

    #[test]
    fn backoff_is_capped_and_jittered() {
        let policy = RetryPolicy::default().with_backoff(Duration::from_millis(100), Duration::from_millis(250));
        for retry in 1..=10 {
            let ceiling = Duration::from_millis((100u64 << (retry - 1)).min(250));
            for _ in 0..50 {
                let delay = policy.delay(retry, None).unwrap();
                assert!(delay <= ceiling, "retry {retry}: {delay:?} > {ceiling:?}");
            }
        }
        assert_eq!(policy.delay(1, Some(Duration::from_secs(10))), Some(Duration::from_secs(10)));
        assert_eq!(policy.delay(1, Some(Duration::from_secs(61))), None);
    }
}
