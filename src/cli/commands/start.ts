// kundepuls start [--demo-if-empty] — runs the bot: migrations, HTTP server, chat faces, console.
import { z } from "zod";
import { createApp, describeDatabase, type App } from "../../app.ts";
import type { Config } from "../../config.ts";
import { ConsoleFace } from "../../faces/console/console-face.ts";
import type { Logger } from "../../logger.ts";
import { fillDemoData } from "../../services/demo-data.ts";
import { parseCommandArgs } from "../args.ts";
import { usageOf, type CliCommand, type CliIo } from "../command.ts";
import type { Lang } from "../../core/language.ts";

export const startCommand: CliCommand = {
  name: "start",
  needs: "config",
  synopsis: { da: "[--demo-if-empty]", en: "[--demo-if-empty]" },
  summary: { da: "kører botten (HTTP-server, chat, konsollen i lokal tilstand)", en: "runs the bot (HTTP server, chat faces, the console in local mode)" },
  details: {
    da: "  --demo-if-empty  en tom database får eksempelsvar (kun i lokal tilstand)",
    en: "  --demo-if-empty  an empty database gets sample answers (local mode only)",
  },
  async run(argv: string[], config: Config, log: Logger, { lang }: CliIo) {
    const schema = z.object({ positionals: z.array(z.string()).max(0, lang === "da" ? "start tager ingen argumenter" : "start takes no arguments"), "demo-if-empty": z.boolean().default(false) });
    const args = parseCommandArgs(argv, { "demo-if-empty": { type: "boolean" } }, schema, usageOf(startCommand, lang), lang);
    await start(args["demo-if-empty"], config, log, lang);
    return -1; // keeps running
  },
};

async function start(demoIfEmpty: boolean, config: Config, log: Logger, lang: Lang): Promise<App> {
  const app = await createApp(config, log);
  // Demo answers only for a newcomer's first local run; a real deployment never gets invented data.
  const wantDemo = demoIfEmpty && app.localMode && config.DEMO_DATA !== false;
  if (wantDemo && (await app.answers.count()) === 0) {
    const filled = await fillDemoData({ ...app.repos, answers: app.answers }, { now: new Date() });
    log.info(`local mode: empty database filled with ${filled.answers} demo answers for ${filled.teams} teams`);
  }
  try {
    const address = await app.server.listen(config.PORT, config.HOST);
    log.info(`listening on http://${config.HOST === "0.0.0.0" ? "localhost" : config.HOST}:${address.port} (${describeDatabase(app.db)})`);
  } catch (error) {
    await app.db.close();
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") throw new Error(lang === "da" ? `port ${config.PORT} er allerede i brug; sæt PORT til en anden port` : `port ${config.PORT} is already in use; set PORT to another port`);
    throw error;
  }
  if (app.slack) {
    // Checks the bot token (auth.test) and, in Socket Mode, connects; a refused token stops here.
    await app.slack.start().catch(async (error: unknown) => {
      await app.close();
      throw error;
    });
    app.readiness.started("slack");
    log.info(`slack: ready (${app.slack.settings.mode === "socket" ? "Socket Mode" : "HTTP, Slack posts to /slack/events"})`);
  }
  if (app.teams) {
    log.info(
      app.teams.settings.mode === "credentials"
        ? "teams: ready, Teams posts to /api/messages (Bot Framework tokens verified)"
        : "teams: /api/messages accepts unauthenticated activities from this machine (Bot Framework Emulator)",
    );
  }
  // Deliveries and the daily rhythm start once every face is ready to send.
  app.worker.start();
  app.followUps.start(); // also picks up follow-ups a previous run left unfinished
  app.habits.start();
  app.sourcePoller.start(); // pull sources (kundepuls source add … --poll-minutes N)
  if (!config.INGEST_TOKEN) log.warn("INGEST_TOKEN is not set: POST /api/responses accepts only clients on this machine (loopback)");
  if (app.localMode) {
    log.info("local mode: no Slack or Teams credentials, so the console is the chat face");
    const face = new ConsoleFace(app.commands, app.nps.settings, (s) => process.stdout.write(s), log);
    face.attach(process.stdin);
  }
  // Graceful: no new connections, /readyz 503, requests in flight finish (bounded), workers stop,
  // exit 0. A second signal means "now": exit at once (128 + signal number, as a shell reports it).
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn(`${signal} again: exiting now`);
      process.exit(signal === "SIGINT" ? 130 : 143);
    }
    stopping = true;
    log.info(`${signal}: stopping (requests in flight may take up to ${config.SHUTDOWN_TIMEOUT_SECONDS} s)`);
    try {
      await app.close();
      log.info("stopped");
      process.exit(0);
    } catch (error) {
      log.error("shutdown failed", error);
      process.exit(1);
    }
  };
  process.on("SIGINT", (signal) => void stop(signal));
  process.on("SIGTERM", (signal) => void stop(signal));
  return app;
}
