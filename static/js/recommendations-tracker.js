// Select-all checkbox of the tracker's bulk classification (CSP: no inline scripts).
(function () {
  "use strict";
  document.querySelectorAll("[data-select-all]").forEach(function (master) {
    var name = master.getAttribute("data-select-all");
    var boxes = function () {
      return document.querySelectorAll('input[type="checkbox"][name="' + name + '"]');
    };
    master.addEventListener("change", function () {
      boxes().forEach(function (box) { box.checked = master.checked; });
    });
    document.addEventListener("change", function (event) {
      if (event.target.name !== name) { return; }
      var all = boxes();
      var checked = Array.prototype.filter.call(all, function (b) { return b.checked; }).length;
      master.checked = checked === all.length && all.length > 0;
      master.indeterminate = checked > 0 && checked < all.length;
    });
  });
})();
