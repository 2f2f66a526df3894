//! A crash under load: the server is killed with SIGKILL while clients post beacons, then
//! started again on the same database. Every acknowledged beacon must be there; whatever is
//! there beyond them must be beacons that were sent and not yet answered when it died.

mod common;

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{beacon, databases, uuid, KeepAlive, Server};

const CLIENTS: usize = 16;

#[derive(Default)]
struct Outcome {
    sent: HashSet<String>,
    acked: HashSet<String>,
    refused: usize,
    unanswered: usize,
}

#[tokio::test]
async fn every_acknowledged_beacon_survives_kill_9() {
    for db in databases().await {
        let mut server = Server::start(&db.url, &["--rate-limit", "0"], None);
        let addr = server.addr;
        let stop = Arc::new(AtomicBool::new(false));
        let outcome = Arc::new(Mutex::new(Outcome::default()));
        let clients: Vec<_> = (0..CLIENTS)
            .map(|_| {
                let stop = Arc::clone(&stop);
                let outcome = Arc::clone(&outcome);
                std::thread::spawn(move || {
                    let Ok(mut conn) = KeepAlive::connect(addr) else {
                        return;
                    };
                    while !stop.load(Ordering::Relaxed) {
                        let id = uuid();
                        let body = beacon(&id);
                        outcome.lock().unwrap().sent.insert(id.clone());
                        match conn.post(body.as_bytes()) {
                            Ok(204) => {
                                outcome.lock().unwrap().acked.insert(id);
                            }
                            Ok(_) => outcome.lock().unwrap().refused += 1,
                            Err(_) => {
                                // The server died with this one in flight.
                                outcome.lock().unwrap().unanswered += 1;
                                return;
                            }
                        }
                    }
                })
            })
            .collect();
        std::thread::sleep(Duration::from_millis(2000));
        server.kill();
        stop.store(true, Ordering::Relaxed);
        for c in clients {
            c.join().unwrap();
        }

        // Start again on the same database (recovery, migrations) and look.
        let _restarted = Server::start(&db.url, &[], None);
        let store = db.open().await;
        let mut stored = HashSet::new();
        let mut after = 0;
        loop {
            let page = store.page(0, after, 5000).await.unwrap();
            let Some(last) = page.last() else { break };
            after = last.seq;
            stored.extend(page.into_iter().map(|s| s.choice.id));
        }
        let o = outcome.lock().unwrap();
        let lost: Vec<_> = o.acked.difference(&stored).collect();
        let unknown: Vec<_> = stored.difference(&o.sent).collect();
        let unacked_stored = stored.difference(&o.acked).count();
        eprintln!(
            "crash test on {}: {} sent, {} acknowledged, {} refused, {} unanswered at the kill; \
             after restart {} stored: {} acknowledged lost, {} stored that were never sent, \
             {} stored whose answer the kill cut off",
            db.kind,
            o.sent.len(),
            o.acked.len(),
            o.refused,
            o.unanswered,
            stored.len(),
            lost.len(),
            unknown.len(),
            unacked_stored
        );
        assert!(
            o.acked.len() > 100,
            "the load reached the server on {}",
            db.kind
        );
        assert_eq!(o.refused, 0, "no refusals on {}", db.kind);
        assert!(
            lost.is_empty(),
            "acknowledged but lost on {}: {lost:?}",
            db.kind
        );
        assert!(
            unknown.is_empty(),
            "stored but never sent on {}: {unknown:?}",
            db.kind
        );
        assert!(
            unacked_stored <= o.unanswered,
            "stored without acknowledgement on {}: {unacked_stored}, but only {} were in flight",
            db.kind,
            o.unanswered
        );
    }
}
