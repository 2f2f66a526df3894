// Demo panel for the VKPAK page: shows the cookie jar, the stored consent record and what the
// widget blocked. Site code, not widget code: it only uses the public API and must never throw.
(function () {
  'use strict';
  var panel = document.getElementById('bz-demo');
  if (!panel) return;
  var out = {
    cookies: panel.querySelector('[data-demo="cookies"]'),
    record: panel.querySelector('[data-demo="record"]'),
    blocked: panel.querySelector('[data-demo="blocked"]'),
    status: panel.querySelector('[data-demo="status"]'),
  };
  var last = { cookies: null, record: null, blocked: null };

  function api() {
    return window.bzconsent && typeof window.bzconsent === 'object' ? window.bzconsent : null;
  }

  function readCookies() {
    var raw = document.cookie;
    return raw ? raw.split('; ').join('\n') : '(no cookies)';
  }

  function readRecord() {
    var raw;
    try {
      raw = window.localStorage.getItem('bzconsent');
    } catch (e) {
      return '(localStorage unavailable: ' + (e && e.name) + ')';
    }
    if (raw === null) return '(no record: no choice yet)';
    try {
      return JSON.stringify(JSON.parse(raw), null, 2);
    } catch (e) {
      return raw + '\n(not valid JSON)';
    }
  }

  function readBlocked() {
    var bz = api();
    if (!bz || typeof bz.blocked !== 'function') return ['(bzconsent.blocked() is not available)'];
    var list;
    try {
      list = bz.blocked();
    } catch (e) {
      return ['(bzconsent.blocked() threw: ' + e + ')'];
    }
    if (!list || typeof list.length !== 'number' || list.length === 0) return ['(nothing blocked)'];
    return Array.prototype.map.call(list, function (item) {
      if (typeof item === 'string') return item;
      if (item && typeof item === 'object' && 'name' in item) {
        return (item.kind ? item.kind + ': ' : '') + item.name + (item.service ? '  (' + item.service + ')' : '');
      }
      try {
        return JSON.stringify(item);
      } catch (e) {
        return String(item);
      }
    });
  }

  function setText(key, text) {
    if (last[key] === text) return;
    last[key] = text;
    out[key].textContent = text;
  }

  function refresh() {
    try {
      setText('cookies', readCookies());
      setText('record', readRecord());
      var items = readBlocked();
      var joined = items.join('\n');
      if (last.blocked !== joined) {
        last.blocked = joined;
        out.blocked.replaceChildren();
        items.forEach(function (text) {
          var li = document.createElement('li');
          li.textContent = text;
          out.blocked.appendChild(li);
        });
      }
    } catch (e) {
      out.status.textContent = 'demo panel: ' + e;
    }
  }

  function say(text) {
    out.status.textContent = text;
  }

  panel.addEventListener('click', function (event) {
    var button = event.target && event.target.closest ? event.target.closest('[data-demo-action]') : null;
    if (!button) return;
    var action = button.getAttribute('data-demo-action');
    var bz = api();
    try {
      if (action === 'write-ga') {
        document.cookie = '_ga=GA1.1.demo.' + Math.floor(Date.now() / 1000) + '; path=/; max-age=600; SameSite=Lax';
        say(/(^|; )_ga=/.test(document.cookie) ? '_ga was written (analytics accepted).' : '_ga was dropped by the cookie guard.');
      } else if (!bz) {
        say('window.bzconsent is not available (has pkg/bzconsent.js been built?)');
      } else if (action === 'reset') {
        bz.reset();
        say('bzconsent.reset() called');
      } else if (action === 'preferences') {
        bz.showPreferences();
      }
    } catch (e) {
      say(action + ' failed: ' + e);
    }
    refresh();
  });

  window.addEventListener('bzconsent:change', function (event) {
    var changed = event && event.detail && event.detail.changed;
    say('bzconsent:change' + (changed && changed.length ? ' — changed: ' + changed.join(', ') : ''));
    refresh();
  });
  window.addEventListener('storage', refresh);
  refresh();
  setInterval(refresh, 500);
})();
