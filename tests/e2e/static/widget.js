// Loads the widget for a fixture, or (with `bare` in the page's query) an empty script in its
// place: the honesty check of a test that proves something is held — without the widget the same
// test must see it leak. Written by the parser, so it runs before the next tag like the real one.
document.write('<script src="' + (/[?&]bare(&|$)/.test(location.search) ? '/__e2e/empty.js' : '/bzconsent.js') + '"><\/script>');
