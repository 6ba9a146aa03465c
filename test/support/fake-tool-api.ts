// A local stand-in for a survey tool's API (SurveyMonkey, Qualtrics): answers GETs from a table
// of path → JSON that a test may change, records every request, and can be told to fail.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeToolApi {
  url: string;
  /** path (without query) → JSON body; a function gets the query */
  routes: Map<string, unknown | ((query: URLSearchParams) => unknown)>;
  requests: { path: string; query: URLSearchParams; headers: http.IncomingHttpHeaders }[];
  /** while set, every request gets this HTTP status */
  failWith: number | null;
  close(): Promise<void>;
}

export async function startFakeToolApi(): Promise<FakeToolApi> {
  const api: Omit<FakeToolApi, "url" | "close"> = { routes: new Map(), requests: [], failWith: null };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    api.requests.push({ path: url.pathname, query: url.searchParams, headers: req.headers });
    const route = api.routes.get(url.pathname);
    const status = api.failWith ?? (route === undefined ? 404 : 200);
    const body = status === 200 ? (typeof route === "function" ? (route as (q: URLSearchParams) => unknown)(url.searchParams) : route) : { error: "fake failure" };
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    ...api,
    get failWith() {
      return api.failWith;
    },
    set failWith(v) {
      api.failWith = v;
    },
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
