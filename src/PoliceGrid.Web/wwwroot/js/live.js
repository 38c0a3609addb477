// Live updates for server-rendered pages (ADR 0004): listens to /api/live and, when something in the viewer's area
// changes, fetches this same page again and swaps in every [data-live-region] element. No client templates: the
// server renders the page as it always does, so what a user sees live is exactly what a reload would show.
(function () {
  "use strict";
  if (window.policeGridLive || !window.EventSource) return;
  window.policeGridLive = true;
  var pending = null;
  var busy = false;

  function refresh() {
    pending = null;
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

  var source = new EventSource("/api/live");
  source.addEventListener("change", function () {
    // Several changes in a burst make one refresh.
    if (!pending) pending = setTimeout(refresh, 100);
  });
  source.onopen = function () { document.documentElement.setAttribute("data-live", "on"); };
  source.onerror = function () { document.documentElement.setAttribute("data-live", "off"); };
})();
