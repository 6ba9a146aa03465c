// "/nps rapport" typed in Slack (a signed slash command against the fake Web API) and "report"
// written to the bot in a Teams personal chat (fake Bot Connector): the real faces answer with the
// report of every team; with NPS_VISIBILITY=members only an admin gets it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app.ts";
import { FakeConnector } from "../support/fake-connector.ts";
import { postSigned, slashCommandForm, startFakeSlack, type FakeSlack } from "../support/fake-slack.ts";
import { startTestApp, type RunningApp } from "../support/app.ts";
import { limitViolations } from "./slack/limits-check.ts";
import { expectCleanCard, startTeams, type TeamsRun } from "./teams/e2e.ts";
import { PERSONAL, personalMessage } from "./teams/recorded.ts";

/** Two teams with November answers (and October's, to compare with). */
async function storeAnswers(app: App): Promise<void> {
  const prisma = app.db.prisma;
  const support = await prisma.team.create({ data: { slug: "support", name: "Kundeservice" } });
  const sales = await prisma.team.create({ data: { slug: "salg", name: "Salg" } });
  let n = 0;
  const answers = (teamId: number, scores: number[], at: string) =>
    scores.map((score) => ({ source: "api", externalId: `a${++n}`, score, teamId, contentHash: `h${n}`, answeredAt: new Date(at) }));
  await prisma.answer.createMany({
    data: [
      ...answers(support.id, [10, 10, 9, 9, 9, 8, 7, 3, 10, 9], "2026-11-12T10:00:00Z"),
      ...answers(sales.id, [5, 6, 9, 10, 2], "2026-11-20T10:00:00Z"),
      ...answers(support.id, [9, 6, 7, 8], "2026-10-15T10:00:00Z"),
    ],
  });
}

const SECRET = "report-test-signing-secret";
const slashFields = (text: string, responseUrl: string) => ({
  token: "unused", team_id: "T0001", team_domain: "firma", channel_id: "C0LEDELSE", channel_name: "ledelse", user_id: "U0CHEF",
  user_name: "chef", command: "/nps", text, api_app_id: "A0KUNDEPULS", is_enterprise_install: "false", response_url: responseUrl, trigger_id: "1.2.3",
});

async function ask(fake: FakeSlack, run: RunningApp, text: string): Promise<any> {
  const responseUrl = fake.responseUrl();
  const id = responseUrl.split("/").pop();
  const res = await postSigned(`${run.url}/slack/events`, slashCommandForm(slashFields(text, responseUrl), {}), { secret: SECRET });
  expect(res).toEqual({ status: 200, text: "" });
  return fake.waitFor(() => fake.responses.find((r) => r.id === id)?.body as any);
}

describe("/nps rapport in Slack", () => {
  let fake: FakeSlack;
  let open: RunningApp;
  let closed: RunningApp;
  beforeAll(async () => {
    fake = await startFakeSlack();
    const env = { SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl };
    open = await startTestApp("sqlite", env);
    closed = await startTestApp("sqlite", { ...env, NPS_VISIBILITY: "members" });
    await storeAnswers(open.app);
    await storeAnswers(closed.app);
  });
  afterAll(async () => {
    await open?.stop();
    await closed?.stop();
    await fake?.close();
  });

  it("answers privately with the bar chart of every team, then the details", async () => {
    const reply = await ask(fake, open, "rapport 2026-11");
    expect(reply.response_type).toBe("ephemeral");
    expect(reply.blocks[0]).toEqual({ type: "header", text: { type: "plain_text", text: "Månedsrapport · november 2026", emoji: true } });
    expect(reply.blocks[1]).toMatchObject({
      type: "data_visualization",
      chart: { type: "bar", series: [{ name: "NPS", data: [{ label: "Kundeservice *", value: 60 }, { label: "Salg *", value: -20 }] }] },
    });
    const text = JSON.stringify(reply.blocks);
    expect(text).toContain("For få svar (10 af 30): +60, meget usikkert");
    expect(text).toContain("Opfølgning på kritikere");
    expect(text).toContain("Ingen kunder nævnte en medarbejder ved navn i november 2026.");
    expect(limitViolations(reply.blocks)).toEqual([]);
  });

  it("with NPS_VISIBILITY=members, someone who is not an admin is told who may see it", async () => {
    const reply = await ask(fake, closed, "report 2026-11");
    expect(JSON.stringify(reply.blocks)).toContain("Only an admin can see the report with every team.");
    expect(JSON.stringify(reply.blocks)).not.toContain("Kundeservice");
  });
});

describe("report in Teams", () => {
  let t: TeamsRun;
  beforeAll(async () => {
    t = await startTeams("sqlite");
    await storeAnswers(t.run.app);
  });
  afterAll(async () => t?.stop());

  it("'report 2026-11' in a personal chat gets a clean card in English with the horizontal bar chart first", async () => {
    expect((await t.post(personalMessage(t.connector.url, "report 2026-11", { id: "1767378600001" }))).status).toBe(200);
    const [reply] = await t.connector.waitForCalls(1);
    expect(reply).toMatchObject({ kind: "reply", conversationId: PERSONAL });
    const card = FakeConnector.card(reply!) as { body: Record<string, any>[] };
    expectCleanCard(card);
    expect(card.body[0]!.text).toBe("Monthly report · November 2026");
    expect(card.body[1]).toMatchObject({ type: "Chart.HorizontalBar", data: [{ x: "Kundeservice *", y: 60 }, { x: "Salg *", y: -20 }] });
    const texts = JSON.stringify(card.body);
    expect(texts).toContain("Team by team");
    expect(texts).toContain("Closing the loop with detractors");
  });
});
