// List filters in a <details data-filters> disclosure: open on wide screens (and without JavaScript), folded on a
// phone so the list comes first; the filters in use stay listed above the list, each with its "Remove" link.
(function () {
  "use strict";
  var narrow = window.matchMedia("(max-width: 767.98px)");
  document.querySelectorAll("details[data-filters]").forEach(function (panel) {
    panel.open = !narrow.matches;
  });
})();
