// Stands in for /bzconsent.js when a test checks that, without the widget, it sees the leak.
