//! `bzconsent scan`: every URL (and, with `--follow N`, up to N same-site links found on it) in
//! each phase, a fresh browser context per visit, several visits at once.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};

use futures::stream::{FuturesUnordered, StreamExt};
use indicatif::{ProgressBar, ProgressStyle};
use tokio::sync::Semaphore;

use crate::browser::{Chromium, Failure, Observed, Phase, Settings};
use crate::classify::site_of;
use crate::report::host_of;

/// What to scan and how.
#[derive(Clone, Debug)]
pub struct Plan {
    /// The URLs given.
    pub urls: Vec<String>,
    /// Same-site links to follow from each given URL.
    pub follow: usize,
    /// Visits at once.
    pub jobs: usize,
    /// Show a progress bar (on multi-page scans, when stderr is a terminal).
    pub progress: bool,
    /// The browser and visits.
    pub settings: Settings,
}

/// One page's visits.
#[derive(Debug)]
pub struct PageResult {
    /// The URL.
    pub url: String,
    /// The order it was found in (given URLs first).
    pub order: usize,
    /// Each phase visited: what it saw, or why it failed. A choice phase on a page without the
    /// widget is left out.
    pub phases: Vec<(Phase, Result<Observed, Failure>)>,
}

/// A URL without its fragment (the same document).
fn without_fragment(url: &str) -> &str {
    url.split('#').next().unwrap_or(url)
}

/// Up to `n` links of `observed` on the same site as `url`, not yet seen.
fn links_to_follow(
    url: &str,
    observed: &Observed,
    n: usize,
    seen: &mut BTreeSet<String>,
) -> Vec<String> {
    let site = site_of(&host_of(&observed.final_url));
    let site = if site.is_empty() {
        site_of(&host_of(url))
    } else {
        site
    };
    let mut out = Vec::new();
    for link in &observed.links {
        if out.len() >= n {
            break;
        }
        if !(link.starts_with("http://") || link.starts_with("https://")) {
            continue;
        }
        let link = without_fragment(link);
        if site_of(&host_of(link)) != site {
            continue;
        }
        if seen.insert(link.to_owned()) {
            out.push(link.to_owned());
        }
    }
    out
}

/// Scans every page of the plan. `Err`: the browser could not be started.
pub async fn run(plan: &Plan) -> Result<(Vec<PageResult>, String, String), Failure> {
    let chromium = Chromium::launch(&plan.settings).await?;
    let semaphore = Semaphore::new(plan.jobs.max(1));
    let multi = plan.urls.len() > 1 || plan.follow > 0;
    let bar = if plan.progress && multi {
        let bar = ProgressBar::new(0);
        if let Ok(style) =
            ProgressStyle::with_template("{bar:30} {pos}/{len} visits {elapsed} {wide_msg}")
        {
            bar.set_style(style);
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let counter = AtomicUsize::new(0);
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut running = FuturesUnordered::new();
    for url in &plan.urls {
        seen.insert(without_fragment(url).to_owned());
        let order = counter.fetch_add(1, Ordering::Relaxed);
        running.push(page(
            &chromium,
            plan,
            &semaphore,
            &bar,
            url.clone(),
            order,
            true,
        ));
    }
    let mut results = Vec::new();
    while let Some((result, follow_from)) = running.next().await {
        if let Some(observed) = follow_from {
            for link in links_to_follow(&result.url, &observed, plan.follow, &mut seen) {
                let order = counter.fetch_add(1, Ordering::Relaxed);
                running.push(page(&chromium, plan, &semaphore, &bar, link, order, false));
            }
        }
        results.push(result);
    }
    drop(running);
    bar.finish_and_clear();
    results.sort_by_key(|r| r.order);
    let (version, agent) = (chromium.version.clone(), chromium.user_agent.clone());
    chromium.close().await;
    Ok((results, version, agent))
}

/// One page: the first visit, then (when it loaded) the other phases side by side. Returns the
/// first visit's observation too when its links are to be followed.
async fn page(
    chromium: &Chromium,
    plan: &Plan,
    semaphore: &Semaphore,
    bar: &ProgressBar,
    url: String,
    order: usize,
    given: bool,
) -> (PageResult, Option<Observed>) {
    let presets = !plan.settings.cookies.is_empty();
    bar.inc_length(1 + 2 + u64::from(presets));
    let before = visit(chromium, semaphore, bar, &url, Phase::Before).await;
    let mut result = PageResult {
        url: url.clone(),
        order,
        phases: Vec::new(),
    };
    let observed = match before {
        Some(Ok(observed)) => observed,
        Some(Err(failure)) => {
            // The other phases would fail the same way.
            bar.inc(2 + u64::from(presets));
            result.phases.push((Phase::Before, Err(failure)));
            return (result, None);
        }
        None => return (result, None),
    };
    let mut phases = Vec::new();
    if observed.widget {
        phases.push(Phase::Reject);
        phases.push(Phase::Accept);
    } else {
        bar.inc(2);
    }
    if presets {
        phases.push(Phase::Preset);
    }
    let others = futures::future::join_all(
        phases
            .iter()
            .map(|&p| visit(chromium, semaphore, bar, &url, p)),
    )
    .await;
    let follow = (given && plan.follow > 0).then(|| observed.clone());
    result.phases.push((Phase::Before, Ok(observed)));
    for (phase, outcome) in phases.into_iter().zip(others) {
        if let Some(outcome) = outcome {
            result.phases.push((phase, outcome));
        }
    }
    (result, follow)
}

/// One visit, when a slot is free. `None`: the phase does not apply to the page.
async fn visit(
    chromium: &Chromium,
    semaphore: &Semaphore,
    bar: &ProgressBar,
    url: &str,
    phase: Phase,
) -> Option<Result<Observed, Failure>> {
    let outcome = match semaphore.acquire().await {
        Ok(_permit) => {
            bar.set_message(format!("{url} ({})", phase.name()));
            chromium.visit(url, phase).await
        }
        Err(e) => Err(Failure {
            kind: crate::browser::FailureKind::Browser,
            message: e.to_string(),
        }),
    };
    bar.inc(1);
    outcome.transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_same_site_links_are_followed_once() {
        let observed = Observed {
            final_url: "https://www.bzpak.com/".into(),
            links: vec![
                "https://www.bzpak.com/a#top".into(),
                "https://www.bzpak.com/a".into(),
                "https://shop.bzpak.com/b".into(),
                "https://example.org/".into(),
                "mailto:x@bzpak.com".into(),
                "https://www.bzpak.com/c".into(),
            ],
            ..Observed::default()
        };
        let mut seen = BTreeSet::from(["https://www.bzpak.com/".to_owned()]);
        assert_eq!(
            links_to_follow("https://www.bzpak.com/", &observed, 2, &mut seen),
            vec!["https://www.bzpak.com/a", "https://shop.bzpak.com/b"]
        );
        assert_eq!(
            links_to_follow("https://www.bzpak.com/", &observed, 5, &mut seen),
            vec!["https://www.bzpak.com/c"]
        );
    }
}
