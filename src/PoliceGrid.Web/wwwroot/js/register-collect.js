// Fills the address form's point from the phone's location when the user allows it; without it the chosen grid places the address.
(function () {
  var lon = document.querySelector('[data-geo="lon"]');
  var lat = document.querySelector('[data-geo="lat"]');
  var status = document.querySelector('[data-geo="status"]');
  if (!lon || !lat || !navigator.geolocation || lon.value) return;
  navigator.geolocation.getCurrentPosition(function (position) {
    lon.value = position.coords.longitude.toFixed(6);
    lat.value = position.coords.latitude.toFixed(6);
    if (status) status.textContent = (document.documentElement.lang === 'en' ? 'Placed by your location: ' : '已按您的位置落格：') + lon.value + ', ' + lat.value;
  }, function () { /* no permission or no fix: the grid chosen above is used */ }, { timeout: 8000, maximumAge: 60000 });
})();
