// Installs the service worker (wwwroot/sw.js, built from ServiceWorker/sw.js) and, once per session, asks it to keep the
// grid worker's pages so they open with no signal. The server marks which pages may be kept, and for whom.
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !document.querySelector("form[action='/logout']")) return;
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(function () {
    return navigator.serviceWorker.ready;
  }).then(function (registration) {
    if (sessionStorage.getItem("policegrid-kept") || !registration.active) return;
    sessionStorage.setItem("policegrid-kept", "1");
    registration.active.postMessage("keep-field-pages");
  }).catch(function () { /* no service worker: pages need the network, as before */ });
})();
