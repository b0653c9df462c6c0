//! Instants as certlens takes and prints them: Unix seconds inside, RFC 3339 in UTC outside.
//! A leaf module: findings, texts and reports all format instants through it.

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// The first and last instants certificates (years 0000-9999) and RFC 3339 can express.
const EARLIEST: i64 = -62_167_219_200;
const LATEST: i64 = 253_402_300_799;

/// `at` moved into the range certificates and RFC 3339 can express.
pub fn clamp(at: i64) -> i64 {
    at.clamp(EARLIEST, LATEST)
}

/// RFC 3339 in UTC (`2026-06-01T00:00:00Z`); out-of-range instants as seconds.
pub fn rfc3339(unix: i64) -> String {
    OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_else(|| format!("@{unix}"))
}

/// Parses an RFC 3339 instant into Unix seconds.
pub fn parse_rfc3339(text: &str) -> Result<i64, String> {
    OffsetDateTime::parse(text.trim(), &Rfc3339)
        .map(|t| t.unix_timestamp())
        .map_err(|e| {
            format!("\"{text}\" is not an RFC 3339 date-time like 2026-06-01T00:00:00Z ({e})")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_range() {
        assert_eq!(rfc3339(1_780_272_000), "2026-06-01T00:00:00Z");
        assert_eq!(parse_rfc3339(" 2026-06-01T00:00:00Z\n"), Ok(1_780_272_000));
        assert_eq!(
            parse_rfc3339("2026-06-01T09:00:00+09:00"),
            Ok(1_780_272_000)
        );
        assert!(parse_rfc3339("yesterday").unwrap_err().contains("RFC 3339"));
        assert_eq!(rfc3339(clamp(i64::MAX)), "9999-12-31T23:59:59Z");
        assert_eq!(rfc3339(clamp(i64::MIN)), "0000-01-01T00:00:00Z");
        assert_eq!(rfc3339(i64::MAX), format!("@{}", i64::MAX));
    }
}
