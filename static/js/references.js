// UN references ({% un_reference %}): their text shows on hover and focus through CSS (portal.css, "UN references");
// Escape hides it without moving the pointer or the focus (WCAG 1.4.13), until the pointer or focus leaves.
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    document.querySelectorAll(".un-ref:hover, .un-ref:focus-within").forEach(function (ref) {
      ref.classList.add("un-ref--dismissed");
    });
  });
  var reopen = function (event) {
    var ref = event.target.closest && event.target.closest(".un-ref");
    if (ref) {
      ref.classList.remove("un-ref--dismissed");
    }
  };
  document.addEventListener("mouseout", reopen);
  document.addEventListener("focusout", reopen);
})();
