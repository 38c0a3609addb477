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

// A confidential category is shown to its grid-side reporter only as a status: the note says so while it is picked.
(function () {
  "use strict";
  var note = document.getElementById("confidential-note");
  var select = document.querySelector("select[name='Input.CategoryCode']");
  if (!note || !select) return;
  function show() {
    var option = select.options[select.selectedIndex];
    note.hidden = !(option && option.dataset.confidential === "true");
  }
  select.addEventListener("change", show);
  show();
})();
