// The service worker, built by build-front-end.mjs (Workbox's injectManifest) into wwwroot/sw.js.
// It keeps the field app's own files (precached by content hash) and the grid worker's pages, so home, "collect a
// household", "report an event" and her tasks open with no signal. A page is kept only when the server marks it
// X-Offline-Page: field, which it does for grid-side accounts alone: nothing police-only is ever kept on a phone.
// It also shows Web Push messages (below). Sign-out clears it all (Clear-Site-Data).
importScripts("/lib/__WORKBOX_DIR__/workbox-sw.js");
workbox.setConfig({ modulePathPrefix: "/lib/__WORKBOX_DIR__/", debug: false });
workbox.core.clientsClaim();
self.skipWaiting();
workbox.precaching.precacheAndRoute(self.__WB_MANIFEST);

var FIELD_PAGES = ["/", "/register/collect", "/events/new", "/events"];
function keep(response) {
  return response && response.status === 200 && !response.redirected && response.headers.get("X-Offline-Page") === "field";
}
workbox.routing.registerRoute(
  function (options) {
    return options.request.mode === "navigate" && options.url.origin === self.location.origin && FIELD_PAGES.indexOf(options.url.pathname) >= 0;
  },
  new workbox.strategies.NetworkFirst({
    cacheName: "field-pages",
    networkTimeoutSeconds: 5,
    matchOptions: { ignoreVary: true },
    plugins: [{
      cacheWillUpdate: function (options) {
        return Promise.resolve(keep(options.response) ? options.response : null);
      }
    }]
  }));

// A signed-in page asks once per session (js/field-app.js) that her pages be kept before she loses the signal.
self.addEventListener("message", function (event) {
  if (event.data !== "keep-field-pages") return;
  event.waitUntil(caches.open("field-pages").then(function (cache) {
    return Promise.all(FIELD_PAGES.concat(["/events?view=tasks"]).map(function (path) {
      return fetch(path, { credentials: "same-origin" })
        .then(function (response) { return keep(response) ? cache.put(path, response) : undefined; })
        .catch(function () { /* no signal: what was kept before stays */ });
    }));
  }));
});

// Web Push (RFC 8030): the message is shown as the browser's own notification, one per message (its tag), and opens
// the item when tapped.
self.addEventListener("push", function (event) {
  var m = {};
  try { m = event.data ? event.data.json() : {}; } catch (e) { m = {}; }
  event.waitUntil(self.registration.showNotification(m.title || "警网融合 PoliceGrid", {
    tag: m.tag || "policegrid",
    data: { url: m.url || "/inbox" }
  }));
});

self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  // The item opens on this site whatever address the server wrote (a push names an item here, never another site).
  var sent = new URL((event.notification.data && event.notification.data.url) || "/inbox", self.location.origin);
  var url = new URL(sent.pathname + sent.search, self.location.origin);
  event.waitUntil(self.clients.matchAll({ type: "window" }).then(function (windows) {
    for (var i = 0; i < windows.length; i++) {
      if (windows[i].url === url.href && "focus" in windows[i]) return windows[i].focus();
    }
    return self.clients.openWindow(url.href);
  }));
});

// The push service replaced the subscription (it expired or was renewed): hand the new one to the server.
self.addEventListener("pushsubscriptionchange", function (event) {
  var options = event.oldSubscription && event.oldSubscription.options;
  if (!options) return;
  event.waitUntil(self.registration.pushManager.subscribe(options).then(function (subscription) {
    return fetch("/api/push/subscriptions", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json" }, body: JSON.stringify(subscription)
    });
  }));
});
