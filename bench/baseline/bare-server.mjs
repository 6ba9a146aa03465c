// The floor for POST /api/responses: a bare node:http server that reads the body, parses the
// JSON and answers 200 with a count — no validation, no database. PORT and HOST from the env.
import http from "node:http";

const server = http.createServer((req, res) => {
  if (req.method === "GET" && req.url === "/healthz") return res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      return res.writeHead(400).end();
    }
    const n = Array.isArray(body) ? body.length : Array.isArray(body?.responses) ? body.responses.length : 1;
    const out = JSON.stringify({ created: n, updated: 0, unchanged: 0 });
    res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(out) }).end(out);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT), process.env.HOST ?? "127.0.0.1");
process.once("SIGTERM", () => server.close(() => process.exit(0)) && server.closeAllConnections());
