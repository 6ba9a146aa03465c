// What the end-to-end Teams tests share: the real app in local mode (unauthenticated
// /api/messages, as the Emulator uses it) with a fake Bot Connector, and readers for what the
// connector recorded and what an invoke answered.
import { expect } from "vitest";
import type { Logger } from "../../../src/logger.ts";
import { startTestApp, type RunningApp } from "../../support/app.ts";
import { FakeConnector, type ConnectorCall } from "../../support/fake-connector.ts";
import { isPeoplePickerNotice, isTeamsChartNotice, parseCard } from "./adaptive-cards.ts";
import { OTHER, USER } from "./recorded.ts";
import type { Dialect } from "../../../src/store/sql.ts";

export type El = Record<string, any>;

export interface TeamsRun {
  run: RunningApp;
  connector: FakeConnector;
  warnings: string[];
  post(activity: unknown): Promise<{ status: number; body: any }>;
  answer(answers: unknown): Promise<void>;
  stop(): Promise<void>;
}

export async function startTeams(provider: Dialect, env: Record<string, string> = {}): Promise<TeamsRun> {
  const warnings: string[] = [];
  const log: Logger = { debug() {}, info() {}, warn: (m) => void warnings.push(m), error: (m, e) => void warnings.push(`${m} ${e instanceof Error ? e.stack : ""}`) };
  const connector = await FakeConnector.start();
  const run = await startTestApp(provider, env, log);
  // Local mode routes every alert, story and digest to the console. With Teams credentials the
  // services route to people's chats and bound channels; that routing is what these tests drive,
  // through the local (unauthenticated) transport.
  run.app.cases.settings.consoleOnly = false;
  run.app.stories.settings.consoleOnly = false;
  run.app.digests.settings.consoleOnly = false;
  // the tenant's roster, as TeamsInfo.getMember sees it
  connector.addMembers({ ...USER, email: "mette@example.dk", userPrincipalName: "mette@example.dk" }, { ...OTHER, email: "anders@example.dk" });
  return {
    run,
    connector,
    warnings,
    async post(activity) {
      const res = await fetch(`${run.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    async answer(answers) {
      const res = await fetch(`${run.url}/api/responses`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(answers) });
      expect(res.status).toBe(200);
      await run.app.followUps.drain(); // the reply comes once stored; cases and stories follow
    },
    async stop() {
      await run.stop();
      await connector.close();
    },
  };
}

export const cardOf = (call: ConnectorCall) => FakeConnector.card(call) as { body: El[]; actions?: El[] };
export const headerOf = (card: { body: El[] }) => card.body.find((e) => e.style === "heading")?.text as string | undefined;
export const factsOf = (card: { body: El[] }): Record<string, string> =>
  Object.fromEntries(card.body.filter((e) => e.type === "FactSet").flatMap((e) => e.facts.map((f: El) => [f.title, f.value])));
export const textsOf = (card: { body: El[] }): string[] => card.body.filter((e) => e.type === "TextBlock").map((e) => e.text);

/** Microsoft's library finds nothing wrong beyond the known Chart.* and people-picker notices. */
export function expectCleanCard(card: unknown): void {
  expect(parseCard(card).filter((i) => !isTeamsChartNotice(i) && !isPeoplePickerNotice(i))).toEqual([]);
}

/** The card an invoke was answered with (adaptive card response). */
export function invokeCard(body: any): { body: El[] } {
  expect(body).toMatchObject({ statusCode: 200, type: "application/vnd.microsoft.card.adaptive" });
  return body.value;
}

/** The line an invoke was answered with (message response: the card stays as it is). */
export function invokeLine(body: any): string {
  expect(body).toMatchObject({ statusCode: 200, type: "application/vnd.microsoft.activity.message" });
  return body.value;
}
