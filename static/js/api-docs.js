// Swagger UI for the open data API, started from a file rather than an inline script (the CSP forbids those).
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  if (!root || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  root.textContent = "";
  window.SwaggerUIBundle({
    url: root.getAttribute("data-schema-url"),
    domNode: root,
    deepLinking: true,
    docExpansion: "list",
    defaultModelsExpandDepth: 0,
    // The portal's language goes to the API, so names and labels come back in it.
    requestInterceptor: function (request) {
      request.headers["Accept-Language"] = document.documentElement.lang || "en";
      return request;
    }
  });
})();
