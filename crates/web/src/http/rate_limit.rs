//! Per-address attempt counters for log-in, sign-up, password reset, and the
//! public forms anyone may send: the site's "ask to be listed", the
//! newsletter and security reports.
//!
//! Kept in this process's memory: behind several instances each counts on
//! its own, which still bounds guessing to a small multiple of the quota.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::Instant;

use crate::http::error::WebError;
use crate::settings::{Quota, RateLimits};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Bucket {
    LogIn,
    SignUp,
    PasswordReset,
    /// Asking to be listed among the adopters: a form anyone may send, with
    /// a file, counted apart from sign-ups but on the same quota.
    Listing,
    /// Counted apart from sign-up, under the same quota.
    Newsletter,
    SecurityReport,
}

pub struct RateLimiter {
    limits: RateLimits,
    windows: Mutex<HashMap<(Bucket, IpAddr), Window>>,
}

struct Window {
    started: Instant,
    count: u32,
}

/// Past this many tracked addresses, expired windows are swept on the next
/// attempt, so that a spray of addresses cannot grow the map for ever.
const SWEEP_ABOVE: usize = 10_000;

impl RateLimiter {
    pub fn new(limits: RateLimits) -> Self {
        Self {
            limits,
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// Counts an attempt; refuses it with the seconds to wait once the quota
    /// of the current window is spent.
    pub fn check(&self, bucket: Bucket, client: IpAddr) -> Result<(), WebError> {
        let quota = self.quota(bucket);
        let now = Instant::now();
        let mut windows = self
            .windows
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if windows.len() > SWEEP_ABOVE {
            windows.retain(|(bucket, _), window| {
                now.duration_since(window.started) < self.quota(*bucket).per
            });
        }
        let window = windows.entry((bucket, client)).or_insert(Window {
            started: now,
            count: 0,
        });
        if now.duration_since(window.started) >= quota.per {
            *window = Window {
                started: now,
                count: 0,
            };
        }
        if window.count >= quota.requests {
            let remaining = quota.per.saturating_sub(now.duration_since(window.started));
            return Err(WebError::RateLimited {
                retry_after: remaining.as_secs().max(1),
            });
        }
        window.count += 1;
        Ok(())
    }

    fn quota(&self, bucket: Bucket) -> Quota {
        match bucket {
            Bucket::LogIn => self.limits.log_in,
            Bucket::SignUp | Bucket::Listing => self.limits.sign_up,
            Bucket::PasswordReset => self.limits.password_reset,
            Bucket::Newsletter | Bucket::SecurityReport => self.limits.sign_up,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn refuses_past_the_quota_per_address_and_bucket() {
        let quota = Quota {
            requests: 2,
            per: Duration::from_secs(60),
        };
        let limiter = RateLimiter::new(RateLimits {
            log_in: quota,
            sign_up: quota,
            password_reset: quota,
        });
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let b: IpAddr = "192.0.2.2".parse().unwrap();
        assert!(limiter.check(Bucket::LogIn, a).is_ok());
        assert!(limiter.check(Bucket::LogIn, a).is_ok());
        match limiter.check(Bucket::LogIn, a) {
            Err(WebError::RateLimited { retry_after }) => assert!((1..=60).contains(&retry_after)),
            other => panic!("expected a refusal, got {other:?}"),
        }
        assert!(limiter.check(Bucket::LogIn, b).is_ok());
        assert!(limiter.check(Bucket::SignUp, a).is_ok());
        assert!(limiter.check(Bucket::Newsletter, a).is_ok());
        assert!(limiter.check(Bucket::Newsletter, a).is_ok());
        assert!(
            limiter.check(Bucket::Newsletter, a).is_err(),
            "the newsletter has the sign-up quota"
        );
        assert!(limiter.check(Bucket::SecurityReport, a).is_ok());
    }
}
