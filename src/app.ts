// The composition root: builds store, services, server and faces from the configuration. The one
// place outside store/ that holds the database: it opens it and builds the repositories
// (store/repositories.ts) every service, job and face receives instead.
import type { Config } from "./config.ts";
import { createIngestHandler } from "./server/ingest-route.ts";
import type { Logger } from "./logger.ts";
import { HttpServer } from "./server/http-server.ts";
import { IngestService } from "./services/ingest-service.ts";
import { NpsService } from "./services/nps-service.ts";
import { BindingService } from "./services/binding-service.ts";
import { ChatCommandService } from "./services/chat-commands.ts";
import { AnswerStore } from "./store/answers.ts";
import { openDatabase, parseDatabaseUrl, type Database } from "./store/database.ts";
import { applyMigrations, readMigrations } from "./store/migrate.ts";
import { databaseProblem } from "./store/health.ts";
import { queueStats } from "./store/queue-stats.ts";
import { mountHealth, Readiness } from "./server/health.ts";
import { Metrics, mountMetrics } from "./server/metrics.ts";
import type { OutboxStore } from "./store/outbox.ts";
import type { JobRunStore } from "./store/job-runs.ts";
import { createRepositories, type Repositories } from "./store/repositories.ts";
import { OutboxWorker } from "./jobs/outbox-worker.ts";
import { FollowUpWorker } from "./jobs/follow-up-worker.ts";
import type { Deliverer, Platform } from "./services/outbox/deliverer.ts";
import { PeopleService } from "./services/people.ts";
import { GoalService } from "./services/goal-service.ts";
import { CaseService } from "./services/case-service.ts";
import { StoryService } from "./services/story-service.ts";
import { DigestService } from "./services/digest-service.ts";
import { HabitsScheduler } from "./jobs/habits-scheduler.ts";
import { WeeklyService } from "./services/weekly-service.ts";
import { HomeService } from "./services/home-service.ts";
import { ThemeService } from "./services/theme-service.ts";
import { KudosService } from "./services/kudos-service.ts";
import { ReportService } from "./services/report-service.ts";
import { ReportDataStore } from "./store/report-data.ts";
import { parseReportTime } from "./core/report-schedule.ts";
import { PrivacyService } from "./services/privacy-service.ts";
import { createForgetHandler } from "./server/forget-route.ts";
import { AccessService } from "./services/access-service.ts";
import type { AuditStore } from "./store/audit.ts";
import { RoleAdmin } from "./services/role-admin.ts";
import { parseDailyCron } from "./core/schedule.ts";
import { isDetractorAlert } from "./core/cases.ts";
import { PROMOTER_MIN } from "./core/nps.ts";
import { isStoryCandidate } from "./core/stories.ts";
import { ConfigError } from "./config.ts";
import { ConsoleDeliverer } from "./faces/console/console-deliverer.ts";
import { parseSlackSettings } from "./faces/slack/config.ts";
import type { SlackFace } from "./faces/slack/face.ts";
import { createSourceHandler, SOURCES_PREFIX } from "./server/source-route.ts";
import { SourceService } from "./services/source-service.ts";
import { SourcePoller } from "./jobs/source-poller.ts";
import { mountTeamsFace, teamsSettings, type TeamsFace } from "./faces/teams/index.ts";

export interface App {
  config: Config;
  log: Logger;
  db: Database;
  /** every repository over the database (store/repositories.ts) */
  repos: Repositories;
  answers: AnswerStore;
  ingest: IngestService;
  nps: NpsService;
  bindings: BindingService;
  commands: ChatCommandService;
  people: PeopleService;
  /** who may do what (core/permissions.ts), recorded in the audit trail */
  access: AccessService;
  audit: AuditStore;
  /** admins, team members and their sync from Slack user groups / Teams rosters */
  roles: RoleAdmin;
  outbox: OutboxStore;
  jobRuns: JobRunStore;
  /** each configured face registers how it delivers; the outbox worker uses them */
  deliverers: Partial<Record<Platform, Deliverer>>;
  worker: OutboxWorker;
  /** runs the follow-ups of stored answers (cases, stories) from their queue */
  followUps: FollowUpWorker;
  goals: GoalService;
  cases: CaseService;
  stories: StoryService;
  digests: DigestService;
  /** the weekly team view (latest complete ISO week), to the digest channels */
  weekly: WeeklyService;
  habits: HabitsScheduler;
  home: HomeService;
  /** survey tools' answers (POST /api/sources/<name>) and the pull sources' poller (issue 15) */
  sources: SourceService;
  sourcePoller: SourcePoller;
  themes: ThemeService;
  kudos: KudosService;
  /** the report for management: /nps rapport, `kundepuls report`, the post on the first working day */
  reports: ReportService;
  /** forget, export, retention (GDPR) */
  privacy: PrivacyService;
  /** one delivery pass now (CLI commands); null when no face can deliver */
  deliverNow(): Promise<number | null>;
  server: HttpServer;
  /** /readyz: faces report `started`; closing the server makes it answer 503 */
  readiness: Readiness;
  metrics: Metrics;
  /** the Slack face when SLACK_BOT_TOKEN is set (HTTP mode: POST /slack/events) */
  slack: SlackFace | null;
  /** the Teams face (POST /api/messages): with MICROSOFT_APP_ID, or unauthenticated in local mode */
  teams: TeamsFace | null;
  /** no Slack and no Teams credentials: the console face is the only chat face */
  localMode: boolean;
  /** Drains the HTTP server (requests in flight finish, up to SHUTDOWN_TIMEOUT_SECONDS), then stops workers and the database. */
  close(): Promise<void>;
}

/** Opens (and migrates) the database and wires the services. Does not listen yet. */
export async function createApp(config: Config, log: Logger, options: { consoleOut?: (text: string) => void } = {}): Promise<App> {
  const slackSettings = parseSlackSettings(config); // inconsistent Slack variables stop us before any work
  const teamsConfig = teamsSettings(config, slackSettings !== null); // the same for the Teams variables
  const target = parseDatabaseUrl(config.DATABASE_URL);
  const migrated = await applyMigrations(target);
  if (migrated.applied.length > 0) log.info(`database migrated: ${migrated.applied.join(", ")}`);
  const db = await openDatabase(target);
  const answers = new AnswerStore(db.prisma, db.answerWriter);
  const repos = createRepositories(db.prisma);
  const nps = new NpsService(answers, {
    timeZone: config.TIME_ZONE,
    minResponses: config.MIN_RESPONSES,
    defaultLang: config.DEFAULT_LANGUAGE,
  });
  const bindings = new BindingService(repos);
  const server = new HttpServer(log);
  const metrics = new Metrics(() => queueStats(db.prisma), log);
  server.observe = metrics.observeRequest;
  const migrations = readMigrations(target.provider);
  const readiness = new Readiness(server, () => databaseProblem(db, migrations));
  mountHealth(server, readiness);
  mountMetrics(server, metrics, config.INGEST_TOKEN);
  const localMode = !config.SLACK_BOT_TOKEN && !config.MICROSOFT_APP_ID;
  const people = new PeopleService(repos.people, config.ADMINS);
  const { outbox, jobRuns, audit } = repos;
  const deliverers: App["deliverers"] = {};
  // In local mode the console is where messages are "posted".
  if (localMode) deliverers.console = new ConsoleDeliverer(options.consoleOut ?? ((text) => process.stdout.write(text)));
  const worker = new OutboxWorker(outbox, deliverers, log, { leaseMs: config.OUTBOX_LEASE_SECONDS * 1000, observe: metrics.observeDelivery });
  const kick = () => worker.kick();
  const lang = config.DEFAULT_LANGUAGE;
  const digestCron = parseDailyCron(config.DIGEST_CRON);
  if (!digestCron) throw new ConfigError(`Configuration error: DIGEST_CRON must look like "30 8 * * 1-5" (minute hour * * weekdays) (got "${config.DIGEST_CRON}")`);
  const weeklyCron = parseDailyCron(config.WEEKLY_CRON);
  if (!weeklyCron) throw new ConfigError(`Configuration error: WEEKLY_CRON must look like "0 9 * * 1" (minute hour * * weekdays) (got "${config.WEEKLY_CRON}")`);
  const goals = new GoalService(repos, answers, config.TIME_ZONE, config.MIN_RESPONSES);
  nps.useGoals((teamId, now) => goals.line(teamId, now));
  const access = new AccessService(people, repos.people, audit, { npsVisibility: config.NPS_VISIBILITY });
  const roles = new RoleAdmin(repos.people, repos.memberships, repos.directory, audit, { jobRuns, timeZone: config.TIME_ZONE }, 
    // loaded only with Slack configured, like Bolt itself
    slackSettings ? (await import("./faces/slack/directory.ts")).slackDirectory(slackSettings, log) : null);
  const cases = new CaseService(repos, outbox, bindings, people, access, {
    lang, timeZone: config.TIME_ZONE, maxScore: config.ALERT_MAX_SCORE, maxCes: config.ALERT_MAX_CES, maxAgeDays: config.CASE_MAX_AGE_DAYS,
    remindAfterHours: config.REMIND_AFTER_HOURS, escalateAfterHours: config.ESCALATE_AFTER_HOURS, fallbackChannels: config.FALLBACK_ALERT_CHANNELS, consoleOnly: localMode,
    observe: metrics.observeHabit,
  }, kick);
  const stories = new StoryService(repos, outbox, bindings, people, {
    lang, timeZone: config.TIME_ZONE, perDay: config.STORIES_PER_DAY, allowAnonymous: config.STORIES_ALLOW_ANONYMOUS,
    maxAgeDays: config.CASE_MAX_AGE_DAYS, globalChannels: config.STORY_CHANNELS, consoleOnly: localMode,
  }, kick);
  const digests = new DigestService(repos, answers, goals, outbox, jobRuns, bindings, {
    lang, timeZone: config.TIME_ZONE, minResponses: config.MIN_RESPONSES, cron: digestCron, quietDay: config.DIGEST_QUIET_DAY,
    allowAnonymousQuotes: config.STORIES_ALLOW_ANONYMOUS, consoleOnly: localMode, observe: metrics.observeHabit,
  }, kick);
  const privacy = new PrivacyService(repos.customerData, jobRuns, {
    retentionDays: config.RETENTION_DAYS, pruneAfterDays: config.PRUNE_AFTER_DAYS, timeZone: config.TIME_ZONE,
  });
  const themes = new ThemeService(repos.themes, answers.directory, { defaultLang: config.DEFAULT_LANGUAGE });
  const kudos = new KudosService(repos.kudos, people, outbox, answers.directory, {
    lang, maxAgeDays: config.CASE_MAX_AGE_DAYS, allowAnonymous: config.STORIES_ALLOW_ANONYMOUS, consoleOnly: localMode,
  }, kick);
  stories.useKudos(kudos);
  const weekly = new WeeklyService(
    { teams: repos.teams, answers, cases: repos.cases, goals, themes, kudos: repos.kudos, outbox, jobRuns, bindings },
    { lang, timeZone: config.TIME_ZONE, minResponses: config.MIN_RESPONSES, cron: weeklyCron, enabled: config.WEEKLY_VIEW === "on", consoleOnly: localMode },
    kick,
  );
  const reports = new ReportService(new ReportDataStore(db.prisma), repos.cases, repos.kudos, goals, themes, outbox, jobRuns, {
    lang, timeZone: config.TIME_ZONE, minResponses: config.MIN_RESPONSES, time: parseReportTime(config.REPORT_TIME)!, channels: config.REPORT_CHANNELS, consoleOnly: localMode,
  }, kick);
  const habits = new HabitsScheduler({ digests, weekly, stories, cases, privacy, reports }, log, config.TIME_ZONE, (now) => roles.syncSlackGroupsDaily(now));
  const commands = new ChatCommandService(nps, bindings, { cases, goals, themes, kudos, reports }, access, repos.directory);
  const home = new HomeService(repos.teams, people, cases, goals, nps);
  // Stored answers: a detractor opens a case (alert within a minute), a promoter may become a story.
  const followUps = new FollowUpWorker(repos.followUps, [
    (change, now) => cases.onAnswerChanges([change], now),
    // kudos before the story: the story post names whom the customer thanked
    (change, now) => kudos.onAnswerChanges([change], now),
    (change, now) => stories.onAnswerChanges([change], now),
  ], log, { busy: () => ingest.busy() });
  // Only answers a habit could act on are queued: a detractor (case), a possible story, or a
  // promoter's comment that may thank someone (kudos need no consent: the thanks stay private).
  const caseRules = { maxScore: config.ALERT_MAX_SCORE, maxCes: config.ALERT_MAX_CES };
  const storyPolicy = { allowAnonymous: config.STORIES_ALLOW_ANONYMOUS };
  const ingest = new IngestService(answers, config.CASE_MAX_AGE_DAYS, () => followUps.kick(),
    (a) => isDetractorAlert(a, caseRules) || isStoryCandidate(a, storyPolicy).ok || (a.score >= PROMOTER_MIN && Boolean(a.comment?.trim())));
  server.route("POST", "/api/responses", createIngestHandler({ ingest, token: config.INGEST_TOKEN, log, observe: metrics.observeIngest }));
  const sources = new SourceService(repos.sources, ingest, log, config.TIME_ZONE);
  server.routePrefix("POST", SOURCES_PREFIX, createSourceHandler(sources));
  const sourcePoller = new SourcePoller(sources, jobRuns, log);
  server.route("POST", "/api/forget", createForgetHandler({ privacy, token: config.INGEST_TOKEN, kick }));
  // Bolt is loaded only when Slack is configured (it costs memory a Teams-only install does not need).
  const slack = slackSettings ? (await import("./faces/slack/face.ts")).createSlackFace(slackSettings, { commands, bindings, cases, stories, home, deliveries: repos.deliveries, defaultLang: config.DEFAULT_LANGUAGE, log, server }) : null;
  if (slack) {
    deliverers.slack = slack.deliverer;
    readiness.expect("slack"); // start() checks the token (and connects in Socket Mode)
  }
  const teams = mountTeamsFace(server, teamsConfig, { conversations: repos.conversations, commands, bindings, cases, stories, home, roles, defaultLang: config.DEFAULT_LANGUAGE, log });
  if (teams) deliverers.teams = teams.deliverer;
  return {
    config, log, db, repos, answers, ingest, nps, bindings, commands, people, access, audit, roles, outbox, jobRuns, deliverers, worker, followUps, server, readiness, metrics, slack, teams, localMode,
    goals, cases, stories, digests, weekly, habits, home, sources, sourcePoller, themes, reports, privacy, kudos,
    async deliverNow() {
      return Object.keys(deliverers).length === 0 ? null : worker.runOnce();
    },
    async close() {
      // Requests first (an accepted answer is stored and answered; /readyz says 503 meanwhile),
      // then the work they may have queued stops, the faces, and last the database.
      await server.close(config.SHUTDOWN_TIMEOUT_SECONDS * 1000);
      await habits.stop();
      await sourcePoller.stop();
      await followUps.stop();
      await slack?.stop();
      await worker.stop();
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
