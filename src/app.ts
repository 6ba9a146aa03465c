// The composition root: builds store, services, server and faces from the configuration.
import type { Config } from "./config.ts";
import { createIngestHandler } from "./ingest/http-route.ts";
import type { Logger } from "./logger.ts";
import { HttpServer, sendJson } from "./server/http-server.ts";
import { IngestService } from "./services/ingest-service.ts";
import { NpsService } from "./services/nps-service.ts";
import { AnswerStore } from "./store/answers.ts";
import { openDatabase, parseDatabaseUrl, type Database } from "./store/database.ts";
import { applyMigrations } from "./store/migrate.ts";

export interface App {
  config: Config;
  log: Logger;
  db: Database;
  answers: AnswerStore;
  ingest: IngestService;
  nps: NpsService;
  server: HttpServer;
  /** no Slack and no Teams credentials: the console face is the only chat face */
  localMode: boolean;
  close(): Promise<void>;
}

/** Opens (and migrates) the database and wires the services. Does not listen yet. */
export async function createApp(config: Config, log: Logger): Promise<App> {
  const target = parseDatabaseUrl(config.DATABASE_URL);
  const migrated = await applyMigrations(target);
  if (migrated.applied.length > 0) log.info(`database migrated: ${migrated.applied.join(", ")}`);
  const db = openDatabase(target);
  const answers = new AnswerStore(db.prisma);
  const ingest = new IngestService(answers, log);
  const nps = new NpsService(answers, {
    timeZone: config.TIME_ZONE,
    minResponses: config.MIN_RESPONSES,
    defaultLang: config.DEFAULT_LANGUAGE,
  });
  const server = new HttpServer(log);
  server.route("GET", "/healthz", (_req, res) => sendJson(res, 200, { ok: true }));
  server.route("POST", "/api/responses", createIngestHandler({ ingest, token: config.INGEST_TOKEN, log }));
  const localMode = !config.SLACK_BOT_TOKEN && !config.MICROSOFT_APP_ID;
  return {
    config, log, db, answers, ingest, nps, server, localMode,
    async close() {
      await server.close();
      await db.close();
    },
  };
}

export function describeDatabase(db: Database): string {
  const t = db.target;
  if (t.provider === "sqlite") return `SQLite ${t.url}`;
  const url = new URL(t.url);
  return `PostgreSQL ${url.host}${url.pathname}${t.schema ? ` (schema ${t.schema})` : ""}`;
}
