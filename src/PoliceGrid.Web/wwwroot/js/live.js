// Live updates for server-rendered pages (ADR 0004): listens to /api/live and, when something in the viewer's area
// changes, fetches this same page again and swaps in every [data-live-region] element. No client templates: the
// server renders the page as it always does, so what a user sees live is exactly what a reload would show.
// A new message in the viewer's inbox also updates the badge in the navigation and, when the page is in the
// background and the person allowed it, shows the browser's own notification.
(function () {
  "use strict";
  if (window.policeGridLive || !window.EventSource) return;
  window.policeGridLive = true;
  var pending = null;
  var busy = false;

  function refresh() {
    pending = null;
    if (!document.querySelector("[data-live-region]")) return;
    if (busy) { pending = setTimeout(refresh, 150); return; }
    busy = true;
    fetch(window.location.href, { credentials: "same-origin", headers: { "X-Live-Refresh": "1" } })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (!html) return;
        var next = new DOMParser().parseFromString(html, "text/html");
        document.querySelectorAll("[data-live-region]").forEach(function (old) {
          var fresh = next.querySelector('[data-live-region="' + old.getAttribute("data-live-region") + '"]');
          if (fresh && fresh.innerHTML !== old.innerHTML) {
            old.innerHTML = fresh.innerHTML;
            old.classList.remove("flash");
            void old.offsetWidth;
            old.classList.add("flash");
          }
        });
        document.dispatchEvent(new CustomEvent("policegrid:refreshed"));
      })
      .catch(function () { /* the next change tries again */ })
      .then(function () { busy = false; });
  }

  var shown = {};
  function inbox() {
    fetch("/api/inbox/waiting", { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (w) {
        if (!w) return;
        document.querySelectorAll("[data-inbox-count]").forEach(function (badge) {
          badge.textContent = String(w.count);
          badge.setAttribute("data-inbox-count", String(w.count));
          badge.hidden = w.count === 0;
        });
        if (w.newestId && !shown[w.newestId] && document.hidden && window.Notification && Notification.permission === "granted") {
          shown[w.newestId] = true;
          var note = new Notification(w.newestTitle || "", { tag: "policegrid-" + w.newestId });
          note.onclick = function () { window.focus(); window.location.href = "/inbox"; };
        }
      })
      .catch(function () { /* the next message tries again */ });
  }

  // Web Push, when the deployment has it on (the page carries the server's key): the service worker gets messages
  // even when no page is open. Without it, notifications still show while a page is open in the background.
  function keyBytes(base64url) {
    var raw = atob(base64url.replace(/-/g, "+").replace(/_/g, "/"));
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }
  function subscribePush(key) {
    if (!key || !("serviceWorker" in navigator) || !window.PushManager || Notification.permission !== "granted") return;
    navigator.serviceWorker.register("/sw.js", { scope: "/" })
      .then(function (registration) {
        return registration.pushManager.getSubscription().then(function (held) {
          return held || registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(key) });
        });
      })
      .then(function (subscription) {
        return fetch("/api/push/subscriptions", {
          method: "POST", credentials: "same-origin",
          headers: { "Content-Type": "application/json" }, body: JSON.stringify(subscription)
        });
      })
      .catch(function () { /* no push service reachable: the inbox and the other channels still carry every message */ });
  }

  var offer = document.querySelector("[data-notifications]");
  var pushKey = offer && offer.getAttribute("data-push-key");
  if (offer && window.Notification && Notification.permission === "default") {
    offer.hidden = false;
    offer.querySelector("[data-enable-notifications]").addEventListener("click", function () {
      Notification.requestPermission().then(function () { offer.hidden = true; subscribePush(pushKey); });
    });
  } else if (window.Notification) {
    subscribePush(pushKey);
  }

  var source = new EventSource("/api/live");
  source.addEventListener("change", function (e) {
    var kind = null;
    try { kind = JSON.parse(e.data).kind; } catch (x) { /* an old server: refresh anyway */ }
    if (kind === "message") inbox();
    // Several changes in a burst make one refresh.
    if (!pending) pending = setTimeout(refresh, 100);
  });
  source.onopen = function () { document.documentElement.setAttribute("data-live", "on"); };
  source.onerror = function () { document.documentElement.setAttribute("data-live", "off"); };
})();
