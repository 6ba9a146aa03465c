// Starts the real app (createApp + HTTP server on an ephemeral port) against a test database.
import { createApp, type App } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import { silentLogger, type Logger } from "../../src/logger.ts";
import { createTestDatabase, type TestDatabase } from "./databases.ts";
import type { Dialect } from "../../src/store/sql.ts";

export interface RunningApp {
  app: App;
  url: string;
  test: TestDatabase;
  stop(): Promise<void>;
}

export async function startTestApp(provider: Dialect, env: Record<string, string> = {}, log: Logger = silentLogger, host = "127.0.0.1"): Promise<RunningApp> {
  const test = await createTestDatabase(provider);
  const config = loadConfig({ DATABASE_URL: test.databaseUrl, PORT: "0", HOST: host, ...env });
  const app = await createApp(config, log, { consoleOut: () => {} });
  const address = await app.server.listen(0, host);
  app.followUps.start(); // as `kundepuls start` does
  return {
    app,
    test,
    url: `http://${host}:${address.port}`,
    stop: async () => {
      await app.close();
      await test.drop();
    },
  };
}
