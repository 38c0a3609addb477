// Fills the report form's point from the phone's location; without it the event is filed in the reporter's grid.
(function () {
  "use strict";
  var button = document.getElementById("report-locate");
  if (!button) return;
  var where = document.getElementById("report-where");
  button.addEventListener("click", function () {
    if (!navigator.geolocation) { where.textContent = button.dataset.fail; return; }
    where.textContent = button.dataset.busy;
    navigator.geolocation.getCurrentPosition(function (p) {
      document.getElementById("report-lon").value = p.coords.longitude.toFixed(6);
      document.getElementById("report-lat").value = p.coords.latitude.toFixed(6);
      where.textContent = button.dataset.done + p.coords.longitude.toFixed(5) + ", " + p.coords.latitude.toFixed(5);
    }, function () { where.textContent = button.dataset.fail; }, { enableHighAccuracy: true, timeout: 10000 });
  });
})();
