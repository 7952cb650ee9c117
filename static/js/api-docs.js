// Swagger UI for the open data API, started from a file rather than an inline script (the CSP forbids those).
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  if (!root || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  root.textContent = "";
  // Swagger UI renders its parameter <select>s without a name and its example code boxes scroll without being
  // reachable by keyboard (axe select-name, scrollable-region-focusable): mend both as they appear.
  function mend(node) {
    node.querySelectorAll("tr[data-param-name] select:not([aria-label])").forEach(function (select) {
      select.setAttribute("aria-label", select.closest("tr").getAttribute("data-param-name"));
    });
    node.querySelectorAll(".highlight-code > .microlight:not([tabindex])").forEach(function (code) {
      code.setAttribute("tabindex", "0");
    });
  }
  new MutationObserver(function () { mend(root); }).observe(root, {childList: true, subtree: true});
  window.SwaggerUIBundle({
    url: root.getAttribute("data-schema-url"),
    domNode: root,
    // Off: with deep links each operation's path is a link inside its expand button (nested interactive controls, axe).
    deepLinking: false,
    docExpansion: "list",
    defaultModelsExpandDepth: 0,
    // The portal's language goes to the API, so names and labels come back in it.
    requestInterceptor: function (request) {
      request.headers["Accept-Language"] = document.documentElement.lang || "en";
      return request;
    }
  });
})();
