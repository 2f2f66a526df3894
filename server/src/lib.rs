//! # bzconsent-log
//!
//! The receiver that keeps proof of consent for the site. bzconsent sends each visitor's choice
//! to its `consentLog` URL as a `text/plain` JSON beacon; this server checks it strictly, stores
//! it (SQLite by default, PostgreSQL when one machine is not enough) and answers `204` only once
//! the row is committed, so what a visitor's browser was told was stored is stored.
//!
//! ```text
//! bzconsent-log serve --db sqlite:consents.db --listen 127.0.0.1:8081 --site https://www.bzpak.com
//! bzconsent-log export --db sqlite:consents.db --since 2026-01-01 --format csv
//! ```
//!
//! - [`beacon`]: what a beacon must look like, and the validated [`beacon::Choice`].
//! - [`store`]: SQLite and PostgreSQL behind one [`store::Store`], migrations at open.
//! - [`queue`]: the bounded queue and its single writer, which commits in groups.
//! - [`limit`]: per-client rate limiting in fixed memory.
//! - [`http`]: the routes — `POST /consent`, `GET /consent/{id}`, `GET /admin`, `GET /health`.
//! - [`export`]: CSV and JSON-lines output of stored choices.

#![deny(missing_docs)]

pub mod beacon;
pub mod export;
pub mod http;
pub mod limit;
pub mod queue;
pub mod store;

use time::macros::format_description;
use time::OffsetDateTime;

/// The current time in milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    i64::try_from(OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
}

/// Milliseconds since the Unix epoch as `YYYY-MM-DDTHH:MM:SS.sssZ` (what browsers send).
pub fn format_ms(ms: i64) -> String {
    let format =
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .ok()
        .and_then(|t| t.format(&format).ok())
        .unwrap_or_else(|| ms.to_string())
}

/// A point in time given on the command line: a date (`2026-01-01`, midnight UTC) or an
/// RFC 3339 time; in milliseconds since the Unix epoch.
pub fn parse_since(text: &str) -> Result<i64, String> {
    let date_format = format_description!("[year]-[month]-[day]");
    let time = if let Ok(date) = time::Date::parse(text, &date_format) {
        date.midnight().assume_utc()
    } else {
        OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
            .map_err(|_| format!("{text}: expected a date (2026-01-01) or an RFC 3339 time"))?
    };
    i64::try_from(time.unix_timestamp_nanos() / 1_000_000)
        .map_err(|_| format!("{text}: out of range"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_round_trip_as_browsers_write_them() {
        let ms = parse_since("2026-11-24T10:00:00.123Z").unwrap();
        assert_eq!(format_ms(ms), "2026-11-24T10:00:00.123Z");
        assert_eq!(
            format_ms(parse_since("2026-11-24").unwrap()),
            "2026-11-24T00:00:00.000Z"
        );
        assert!(parse_since("last week").is_err());
    }
}
