// Loaded before decap-server (`node -r`, see biblio/editor_serve.py). decap-server writes
// into the working tree whatever a request asks; it listens on 127.0.0.1 and its CORS only
// admits local pages, but a page of another site whose name is made to point at 127.0.0.1
// (DNS rebinding) would be of the same origin. Only requests addressed to 127.0.0.1 or
// localhost at the server's own port are answered.
"use strict";
const http = require("http");

const port = process.env.PORT || "8081";
const allowed = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
const emit = http.Server.prototype.emit;

http.Server.prototype.emit = function (event, request, response) {
  if (event === "request" && !allowed.has(request.headers.host || "")) {
    response.writeHead(403, { "content-type": "text/plain; charset=utf-8" });
    response.end("Adresse refusée : l'éditeur ne répond qu'à 127.0.0.1.\n");
    return true;
  }
  return emit.apply(this, arguments);
};
