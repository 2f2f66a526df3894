//! Stored choices as CSV or JSON lines, for `bzconsent-log export`, and the JSON shape of a
//! stored choice that `GET /consent/{id}` answers with.

use std::io::Write;

use serde::Serialize;

use crate::store::{Store, StoreError, StoredChoice};

/// An output format of `export`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Comma-separated values with a header line (RFC 4180 quoting).
    Csv,
    /// One JSON object per line.
    Jsonl,
}

/// A stored choice as JSON.
#[derive(Serialize)]
pub struct ChoiceJson<'a> {
    /// Row number.
    pub seq: i64,
    /// The record id.
    pub id: &'a str,
    /// When the visitor chose (browser's clock).
    pub timestamp: String,
    /// When the server received it.
    pub received: String,
    /// Accepted categories.
    pub categories: Vec<&'static str>,
    /// Configuration revision.
    pub revision: u32,
    /// How the visitor chose.
    pub method: &'static str,
    /// Language of the banner.
    pub language: &'a str,
    /// The page.
    pub url: &'a str,
    /// Truncated address, when stored.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_ip: Option<&'a str>,
    /// Browser, when stored.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_agent: Option<&'a str>,
}

impl<'a> From<&'a StoredChoice> for ChoiceJson<'a> {
    fn from(s: &'a StoredChoice) -> Self {
        let c = &s.choice;
        ChoiceJson {
            seq: s.seq,
            id: &c.id,
            timestamp: crate::format_ms(c.time_ms),
            received: crate::format_ms(c.received_ms),
            categories: c.categories.iter().map(|c| c.name()).collect(),
            revision: c.revision,
            method: c.method.name(),
            language: &c.language,
            url: &c.url,
            client_ip: c.client_ip.as_deref(),
            user_agent: c.user_agent.as_deref(),
        }
    }
}

const CSV_HEADER: &str =
    "seq,id,timestamp,received,categories,revision,method,language,url,client_ip,user_agent\r\n";

/// Appends `field` quoted for CSV. A leading `= + - @` is prefixed with `'` so that a
/// spreadsheet never reads a field as a formula.
fn csv_field(out: &mut String, field: &str) {
    out.push('"');
    if field.starts_with(['=', '+', '-', '@']) {
        out.push('\'');
    }
    out.push_str(&field.replace('"', "\"\""));
    out.push('"');
}

/// One stored choice as a line of `format`, ending in a newline.
pub fn line(format: Format, s: &StoredChoice) -> Result<String, StoreError> {
    let mut out = String::with_capacity(256);
    match format {
        Format::Jsonl => {
            let json = serde_json::to_string(&ChoiceJson::from(s))
                .map_err(|e| StoreError::Corrupt(e.to_string()))?;
            out.push_str(&json);
            out.push('\n');
        }
        Format::Csv => {
            let c = &s.choice;
            out.push_str(&format!("{},", s.seq));
            csv_field(&mut out, &c.id);
            out.push(',');
            csv_field(&mut out, &crate::format_ms(c.time_ms));
            out.push(',');
            csv_field(&mut out, &crate::format_ms(c.received_ms));
            out.push(',');
            csv_field(&mut out, &c.categories_text());
            out.push_str(&format!(",{},", c.revision));
            csv_field(&mut out, c.method.name());
            out.push(',');
            csv_field(&mut out, &c.language);
            out.push(',');
            csv_field(&mut out, &c.url);
            out.push(',');
            csv_field(&mut out, c.client_ip.as_deref().unwrap_or(""));
            out.push(',');
            csv_field(&mut out, c.user_agent.as_deref().unwrap_or(""));
            out.push_str("\r\n");
        }
    }
    Ok(out)
}

/// Why an export stopped.
#[derive(Debug)]
pub enum ExportError {
    /// Reading the database failed.
    Store(StoreError),
    /// Writing the output failed.
    Write(std::io::Error),
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExportError::Store(e) => write!(f, "{e}"),
            ExportError::Write(e) => write!(f, "writing the export: {e}"),
        }
    }
}

impl std::error::Error for ExportError {}

/// Writes every choice received at or after `since_ms` to `out`, oldest first, reading the
/// database a page at a time; returns how many.
pub async fn export(
    store: &Store,
    since_ms: i64,
    format: Format,
    out: &mut impl Write,
) -> Result<u64, ExportError> {
    if format == Format::Csv {
        out.write_all(CSV_HEADER.as_bytes())
            .map_err(ExportError::Write)?;
    }
    let mut after = 0;
    let mut count = 0;
    loop {
        let page = store
            .page(since_ms, after, 1000)
            .await
            .map_err(ExportError::Store)?;
        let Some(last) = page.last() else { break };
        after = last.seq;
        for s in &page {
            out.write_all(line(format, s).map_err(ExportError::Store)?.as_bytes())
                .map_err(ExportError::Write)?;
            count += 1;
        }
    }
    out.flush().map_err(ExportError::Write)?;
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_never_formulas() {
        let mut out = String::new();
        csv_field(&mut out, "=HYPERLINK(\"x\")");
        assert_eq!(out, "\"'=HYPERLINK(\"\"x\"\")\"");
    }
}
