//! What one token may send: messages of bounded size, at a bounded rate.

use std::collections::HashMap;
use std::time::{Duration, Instant};

/// The largest message a client may send (a proposal's text and note with room to spare); a
/// larger one closes its connection.
pub const MAX_MESSAGE_BYTES: usize = 32 * 1024;

/// Messages a token may send at once: a delegation sending its ten proposals in one go passes.
pub const BURST: u32 = 20;

/// How fast the allowance refills: two messages a second, far above what a room types.
pub const REFILL_EVERY: Duration = Duration::from_millis(500);

/// A token bucket per token secret.
#[derive(Debug, Default)]
pub struct RateLimits {
    buckets: HashMap<String, Bucket>,
}

#[derive(Debug)]
struct Bucket {
    allowance: u32,
    refilled: Instant,
}

impl RateLimits {
    /// Takes one message from `secret`'s allowance at `now`; false when it is spent.
    pub fn allow(&mut self, secret: &str, now: Instant) -> bool {
        let bucket = self
            .buckets
            .entry(secret.to_string())
            .or_insert(Bucket { allowance: BURST, refilled: now });
        let earned =
            now.saturating_duration_since(bucket.refilled).as_millis() / REFILL_EVERY.as_millis();
        if earned > 0 {
            let earned = u32::try_from(earned).unwrap_or(BURST);
            bucket.allowance = bucket.allowance.saturating_add(earned).min(BURST);
            bucket.refilled += REFILL_EVERY * earned.min(BURST);
            if bucket.allowance == BURST {
                bucket.refilled = now;
            }
        }
        if bucket.allowance == 0 {
            return false;
        }
        bucket.allowance -= 1;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_passes_the_next_message_waits_for_the_refill() {
        let mut limits = RateLimits::default();
        let start = Instant::now();
        for _ in 0..BURST {
            assert!(limits.allow("a", start));
        }
        assert!(!limits.allow("a", start));
        assert!(limits.allow("b", start), "each token has its own allowance");
        assert!(!limits.allow("a", start + REFILL_EVERY / 2));
        assert!(limits.allow("a", start + REFILL_EVERY));
        assert!(!limits.allow("a", start + REFILL_EVERY));
        let later = start + REFILL_EVERY * 1000;
        let passed = (0..BURST * 2).filter(|_| limits.allow("a", later)).count();
        assert_eq!(passed, BURST as usize, "a long pause refills the burst, no more");
    }
}
