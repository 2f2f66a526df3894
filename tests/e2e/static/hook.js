// Injected by tools/serve.mjs (test mode) right after <head>, before any other script.
// Collects what a visitor's page went through, for engines without a console log channel:
//   __pageErrors     uncaught errors and unhandled promise rejections (strings)
//   __consoleErrors  console.error calls (strings)
//   __bzEvents       bzconsent:ready / bzconsent:change events, in order (plain data)
(function () {
  'use strict';
  var errors = (window.__pageErrors = []);
  var consoleErrors = (window.__consoleErrors = []);
  var events = (window.__bzEvents = []);

  function describe(value) {
    try {
      if (value && value.stack) return String(value.stack);
      if (value instanceof Error) return value.name + ': ' + value.message;
      return typeof value === 'string' ? value : JSON.stringify(value);
    } catch (e) {
      return String(value);
    }
  }

  window.addEventListener('error', function (e) {
    var where = e.filename ? ' (' + e.filename + ':' + e.lineno + ':' + e.colno + ')' : '';
    errors.push('error: ' + (e.error ? describe(e.error) : e.message) + where);
  });
  window.addEventListener('unhandledrejection', function (e) {
    errors.push('unhandledrejection: ' + describe(e.reason));
  });

  var original = console.error;
  console.error = function () {
    try {
      consoleErrors.push(Array.prototype.map.call(arguments, describe).join(' '));
    } catch (e) {}
    return original.apply(this, arguments);
  };

  function record(e) {
    var entry = { type: e.type, time: Date.now() };
    try {
      entry.detail = e.detail === undefined ? null : JSON.parse(JSON.stringify(e.detail));
    } catch (err) {
      entry.detail = 'unserialisable: ' + describe(err);
    }
    events.push(entry);
  }
  window.addEventListener('bzconsent:ready', record);
  window.addEventListener('bzconsent:change', record);
})();
