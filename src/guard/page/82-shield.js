  // ---- the network shield ------------------------------------------------------------------
  /** `navigator.serviceWorker` where there is one; the configured shield's path (or ''). */
  var workers = null;
  var shieldPath = '';
  /** What the shield is told: [configuration stream, record stream, GPC] (see src/guard/sw.js). */
  var shieldState = [null, null, 0];
  var shieldMessage = function () {
    return { bzconsent: [shieldState[0], recordText === null ? null : stream(recordText), shieldState[2]] };
  };
  /**
   * Tells the shield the consent in force: the worker controlling the page (the shield, or a
   * site's own worker carrying it through `importScripts`; one no longer configured removes
   * itself when told), and the configured worker once active. Test: shield.
   */
  var tell = function () {
    try {
      if (!workers) return;
      var controller = workers.controller;
      if (controller) controller.postMessage(shieldMessage());
      // The configured worker once active (the page may not be its client yet); asked only when
      // one is configured, so that other sites' page views pay nothing for it. `ready` rejects
      // where the browser blocks site data: nothing to tell then.
      if (shieldPath) workers.ready.then(function (r) {
        try {
          var w = r.active;
          if (w && w !== workers.controller) w.postMessage(shieldMessage());
        } catch (e) {
          reportOnce('tell', 'could not tell the network shield the consent in force', e);
        }
      }, function () {
        // No registration where the browser blocks site data: nothing to tell.
      });
    } catch (e) {
      reportOnce('tell', 'could not tell the network shield the consent in force', e);
    }
  };
  /** Registers the configured shield (`serviceWorker`) and tells it, or a worker in charge, the consent. */
  var shield = function () {
    try {
      workers = W.navigator.serviceWorker || null;
    } catch (e) {
      // Firefox throws where site data is blocked: no service workers, as below.
    }
    if (!workers) {
      if (shieldPath) C.warn(PREFIX + 'service workers are unavailable on this page (not https, or private browsing): the network shield is off here, the guard still blocks');
      return;
    }
    if (shieldPath) {
      var p = trusted();
      var registered;
      try {
        registered = workers.register(p ? p.createScriptURL(shieldPath) : shieldPath);
      } catch (e) {
        registered = Promise_.reject(e);
      }
      registered.catch(function (e) {
        logError('the network shield ' + shieldPath + ' could not be registered; the guard still blocks', e);
      });
    }
    tell();
  };
