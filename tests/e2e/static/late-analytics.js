// A marked script with src, added by code after the page loaded (see fixtures/late-scripts.html).
window.__lateSrcRuns = (window.__lateSrcRuns || 0) + 1;
(window.__lateOrder = window.__lateOrder || []).push('src');
