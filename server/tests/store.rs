//! The store, the same tests on SQLite (a real file) and PostgreSQL (a real server, when
//! `BZCONSENT_TEST_POSTGRES` is set, as `make test-server` does).

mod common;

use bzconsent_log::beacon::{self, Category, Choice, Method, Sites};
use bzconsent_log::export::{export, Format};
use bzconsent_log::store::Store;
use common::{beacon_with, databases, uuid, SITE};

fn choice(id: &str, method: &str, categories: &[&str], received_ms: i64) -> Choice {
    let sites = Sites::parse([SITE]).unwrap();
    let mut c = beacon::parse(
        beacon_with(id, method, categories).as_bytes(),
        Some(SITE),
        &sites,
        bzconsent_log::now_ms(),
    )
    .unwrap();
    c.received_ms = received_ms;
    c
}

#[tokio::test]
async fn a_choice_reads_back_exactly_as_stored() {
    for db in databases().await {
        let store = db.open().await;
        let id = uuid();
        let mut c = choice(&id, "custom", &["necessary", "analytics"], 1_000);
        c.client_ip = Some("203.0.113.0".into());
        c.url = format!("{SITE}/a'b\"c;--DROP TABLE consent_choices");
        store.insert(vec![c.clone()]).await.unwrap();
        let history = store.history(&id).await.unwrap();
        assert_eq!(history.len(), 1, "{}", db.kind);
        assert_eq!(history[0].choice, c, "{}", db.kind);
        assert!(store.history(&uuid()).await.unwrap().is_empty());
    }
}

#[tokio::test]
async fn a_visitors_history_lists_every_choice_in_order() {
    for db in databases().await {
        let store = db.open().await;
        let id = uuid();
        let other = uuid();
        let batch = vec![
            choice(
                &id,
                "accept-all",
                &["necessary", "preferences", "analytics", "marketing"],
                1,
            ),
            choice(&other, "reject-all", &["necessary"], 2),
            choice(&id, "custom", &["necessary", "preferences"], 3),
        ];
        store.insert(batch).await.unwrap();
        store
            .insert(vec![choice(&id, "reject-all", &["necessary"], 4)])
            .await
            .unwrap();
        let methods: Vec<Method> = store
            .history(&id)
            .await
            .unwrap()
            .iter()
            .map(|s| s.choice.method)
            .collect();
        assert_eq!(
            methods,
            [Method::AcceptAll, Method::Custom, Method::RejectAll],
            "{}",
            db.kind
        );
    }
}

#[tokio::test]
async fn counts_per_method_and_category() {
    for db in databases().await {
        let store = db.open().await;
        store
            .insert(vec![
                choice(
                    &uuid(),
                    "accept-all",
                    &["necessary", "preferences", "analytics", "marketing"],
                    1,
                ),
                choice(&uuid(), "reject-all", &["necessary"], 2),
                choice(&uuid(), "reject-all", &["necessary"], 3),
                choice(&uuid(), "custom", &["necessary", "analytics"], 4),
            ])
            .await
            .unwrap();
        let counts = store.counts().await.unwrap();
        assert_eq!(counts.total, 4);
        assert_eq!(
            counts.methods,
            [("accept-all", 1), ("reject-all", 2), ("custom", 1)],
            "{}",
            db.kind
        );
        assert_eq!(
            counts.categories,
            [
                ("necessary", 4),
                ("preferences", 1),
                ("analytics", 2),
                ("marketing", 1)
            ],
            "{}",
            db.kind
        );
        let recent = store.recent(2).await.unwrap();
        assert_eq!(recent.len(), 2);
        assert_eq!(recent[0].choice.method, Method::Custom, "newest first");
    }
}

#[tokio::test]
async fn retention_deletes_only_older_rows() {
    for db in databases().await {
        let store = db.open().await;
        let old = uuid();
        let new = uuid();
        store
            .insert(vec![
                choice(&old, "custom", &["necessary"], 1_000),
                choice(&new, "custom", &["necessary"], 5_000),
            ])
            .await
            .unwrap();
        assert_eq!(store.delete_before(2_000).await.unwrap(), 1, "{}", db.kind);
        assert!(store.history(&old).await.unwrap().is_empty());
        assert_eq!(store.history(&new).await.unwrap().len(), 1);
    }
}

#[tokio::test]
async fn export_pages_through_everything_since_a_time() {
    for db in databases().await {
        let store = db.open().await;
        let batch: Vec<Choice> = (0..2_500)
            .map(|i| choice(&uuid(), "custom", &["necessary"], 10_000 + i))
            .collect();
        store.insert(batch).await.unwrap();
        let mut out = Vec::new();
        let n = export(&store, 10_500, Format::Jsonl, &mut out)
            .await
            .unwrap();
        assert_eq!(n, 2_000, "{}", db.kind);
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 2_000);
        assert_eq!(lines[0]["received"], bzconsent_log::format_ms(10_500));
        assert_eq!(lines[0]["categories"], serde_json::json!(["necessary"]));

        let mut csv = Vec::new();
        export(&store, 0, Format::Csv, &mut csv).await.unwrap();
        let csv = String::from_utf8(csv).unwrap();
        assert_eq!(csv.lines().count(), 2_501, "header and one line per choice");
        assert!(csv.starts_with("seq,id,timestamp,received,categories,"));
    }
}

#[tokio::test]
async fn opening_again_keeps_the_data_and_the_schema() {
    for db in databases().await {
        let id = uuid();
        {
            let store = db.open().await;
            store
                .insert(vec![choice(&id, "custom", &["necessary", "marketing"], 1)])
                .await
                .unwrap();
        }
        let store = Store::open(&db.url).await.unwrap();
        let h = store.history(&id).await.unwrap();
        assert_eq!(
            h[0].choice.categories,
            [Category::Necessary, Category::Marketing],
            "{}",
            db.kind
        );
        store.ping().await.unwrap();
    }
}

#[tokio::test]
async fn unknown_database_urls_are_refused() {
    for url in ["mysql://x", "sqlite:", "consents.db"] {
        assert!(Store::open(url).await.is_err(), "{url}");
    }
}
