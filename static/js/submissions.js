// NGO submissions: a form sends once (double clicks make no second request), and the queue's select-all box.
// CSP forbids inline scripts, so behaviour hangs on data- attributes.
(function () {
  "use strict";
  document.querySelectorAll("form[data-submit-once]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.sending === "1") {
        event.preventDefault();
        return;
      }
      form.dataset.sending = "1";
      var submitter = event.submitter;
      if (submitter && submitter.name) {
        // A disabled button is left out of the form data, so carry its choice (draft or submit) in a hidden field.
        var carried = document.createElement("input");
        carried.type = "hidden";
        carried.name = submitter.name;
        carried.value = submitter.value;
        form.appendChild(carried);
      }
      form.setAttribute("aria-busy", "true");
      form.querySelectorAll('button[type="submit"], input[type="submit"]').forEach(function (button) {
        button.disabled = true;
      });
    });
  });
  document.querySelectorAll("[data-select-all]").forEach(function (master) {
    var name = master.getAttribute("data-select-all");
    var boxes = function () {
      return document.querySelectorAll('input[type="checkbox"][name="' + name + '"]');
    };
    master.addEventListener("change", function () {
      boxes().forEach(function (box) { box.checked = master.checked; });
    });
  });
})();
