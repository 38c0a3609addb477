// The service worker for Web Push (RFC 8030). It shows a pushed message as the browser's own notification, one per
// message (the message is its tag, so a repeat replaces it), and opens the item when tapped. It caches nothing yet:
// pages that work offline are the field app's.
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
