//! The bounded queue between requests and the database, and its one writer: choices that
//! arrive while a commit is under way are committed together in the next transaction (group
//! commit), so throughput does not hang on one disk sync per beacon. A request is answered only
//! after its own batch committed, or failed.

use std::sync::Arc;

use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

use crate::beacon::Choice;
use crate::store::{Store, StoreError};

/// Why a choice was not stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QueueError {
    /// The queue is full: the database is not keeping up.
    Full,
    /// The server is stopping.
    Closed,
    /// The database refused the batch.
    Store(StoreError),
}

impl std::fmt::Display for QueueError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            QueueError::Full => f.write_str("queue full, try later"),
            QueueError::Closed => f.write_str("server stopping"),
            QueueError::Store(e) => write!(f, "{e}"),
        }
    }
}

struct Job {
    choice: Choice,
    done: oneshot::Sender<Result<(), StoreError>>,
}

/// The sending side, cloned into every request.
#[derive(Clone)]
pub struct Queue {
    tx: mpsc::Sender<Job>,
}

impl Queue {
    /// Starts the writer on `store`: at most `capacity` choices wait, at most `max_batch` go in
    /// one transaction. The writer ends when every `Queue` is dropped and the queue is empty.
    pub fn start(store: Arc<Store>, capacity: usize, max_batch: usize) -> (Queue, JoinHandle<()>) {
        let (tx, rx) = mpsc::channel(capacity.max(1));
        let writer = tokio::spawn(write(store, rx, max_batch.max(1)));
        (Queue { tx }, writer)
    }

    /// Queues `choice` and waits for its commit. Refused at once when the queue is full.
    pub async fn store(&self, choice: Choice) -> Result<(), QueueError> {
        let (done, result) = oneshot::channel();
        self.tx
            .try_send(Job { choice, done })
            .map_err(|e| match e {
                mpsc::error::TrySendError::Full(_) => QueueError::Full,
                mpsc::error::TrySendError::Closed(_) => QueueError::Closed,
            })?;
        match result.await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => Err(QueueError::Store(e)),
            Err(_) => Err(QueueError::Closed),
        }
    }
}

async fn write(store: Arc<Store>, mut rx: mpsc::Receiver<Job>, max_batch: usize) {
    let mut jobs = Vec::with_capacity(max_batch);
    while rx.recv_many(&mut jobs, max_batch).await > 0 {
        let mut choices = Vec::with_capacity(jobs.len());
        let mut waiting = Vec::with_capacity(jobs.len());
        for job in jobs.drain(..) {
            choices.push(job.choice);
            waiting.push(job.done);
        }
        let result = store.insert(choices).await;
        if let Err(e) = &result {
            eprintln!("bzconsent-log: {} choices not stored: {e}", waiting.len());
        }
        for done in waiting {
            // The request may have timed out and gone; its choice is stored all the same.
            let _ = done.send(result.clone());
        }
    }
}
