// A page's worker (tests/e2e/fixtures/bypass.html, group "network"): fetches the URL in its own
// query string, and imports it as a script. Requests no hook on the page can see.
var target = decodeURIComponent(location.search.slice(1));
var how = /[?&]how=([a-z]+)/.exec(target);
if (how && how[1] === 'import') {
  try {
    importScripts(target);
  } catch (e) {}
} else {
  fetch(target, { mode: 'no-cors' }).catch(function () {});
}
