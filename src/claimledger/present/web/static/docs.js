// Swagger UI over the app's own OpenAPI document, from local files; the online validator badge
// (a request to validator.swagger.io) is turned off: nothing leaves the host.
window.addEventListener("load", function () {
  if (!window.SwaggerUIBundle) return;
  window.SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", validatorUrl: null, deepLinking: true });
});
