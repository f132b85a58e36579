// Swagger UI for /docs, served by the app itself (no CDN); the spec URL comes from the page.
"use strict";
(function () {
  const el = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({ url: el.dataset.spec, dom_id: "#swagger-ui", deepLinking: true });
})();
