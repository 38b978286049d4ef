// Loaded before decap-server (`node -r`, see biblio/editor_serve.py). decap-server writes
// into the working tree whatever a request asks. It listens on 127.0.0.1, but:
// - a page of another site whose name is made to point at 127.0.0.1 (DNS rebinding) would be
//   of the same origin: only requests addressed to 127.0.0.1 or localhost at the server's own
//   port are answered;
// - its CORS admits every local page, at any port (another program's page, a development
//   server): a request from a page (it carries an Origin) is answered only when that page is
//   the preview's own, where the editor is.
"use strict";
const http = require("http");

const port = process.env.PORT || "8081";
const preview = process.env.BIBLIO_PORT_APERCU || "8000";
const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
const origins = new Set([`http://127.0.0.1:${preview}`, `http://localhost:${preview}`]);
const emit = http.Server.prototype.emit;

function refusal(request) {
  if (!hosts.has(request.headers.host || "")) {
    return "Adresse refusée : l'éditeur ne répond qu'à 127.0.0.1.\n";
  }
  const origin = request.headers.origin;
  if (origin !== undefined && !origins.has(origin)) {
    return `Page refusée : l'éditeur ne répond qu'à sa page http://127.0.0.1:${preview}/admin/.\n`;
  }
  return null;
}

http.Server.prototype.emit = function (event, request, response) {
  const refused = event === "request" ? refusal(request) : null;
  if (refused !== null) {
    response.writeHead(403, { "content-type": "text/plain; charset=utf-8" });
    response.end(refused);
    return true;
  }
  return emit.apply(this, arguments);
};
