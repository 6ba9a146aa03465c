// "/nps temaer" typed in Slack (signed slash command, fake Web API) and "nps themes" in a Teams
// personal chat (fake Bot Connector): the real faces answer with the themes of the stored comments.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app.ts";
import { FakeConnector } from "../support/fake-connector.ts";
import { postSigned, slashCommandForm, startFakeSlack, type FakeSlack } from "../support/fake-slack.ts";
import { startTestApp, type RunningApp } from "../support/app.ts";
import { corpusAnswers, themeCorpus } from "../support/theme-corpus.ts";
import { startTeams, type TeamsRun } from "./teams/e2e.ts";
import { PERSONAL, personalMessage } from "./teams/recorded.ts";
import { expectCleanCard } from "./teams/e2e.ts";

async function storeCorpus(app: App): Promise<void> {
  const batch = corpusAnswers(themeCorpus("da").comments, "support", new Date("2026-11-03T00:00:00Z"));
  await app.answers.upsertBatch(batch, new Date("2026-12-06T12:00:00Z"), { followUpFrom: null });
}

// The fields Slack sends with a slash command (api.slack.com/interactivity/slash-commands).
const SECRET = "themes-test-signing-secret";
const slashFields = (text: string, responseUrl: string) => ({
  token: "unused", team_id: "T0001", team_domain: "firma", channel_id: "C0SUPPORT", channel_name: "support", user_id: "U0LEAD",
  user_name: "lone", command: "/nps", text, api_app_id: "A0KUNDEPULS", is_enterprise_install: "false", response_url: responseUrl, trigger_id: "1.2.3",
});

describe("themes in Slack", () => {
  let fake: FakeSlack;
  let run: RunningApp;
  beforeAll(async () => {
    fake = await startFakeSlack();
    run = await startTestApp("sqlite", { SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl });
    await run.app.db.prisma.team.create({ data: { slug: "support", name: "Support" } });
    await storeCorpus(run.app);
  });
  afterAll(async () => {
    await run?.stop();
    await fake?.close();
  });

  it("/nps temaer 2026-11 support answers privately with both sides", async () => {
    const responseUrl = fake.responseUrl();
    const id = responseUrl.split("/").pop();
    const res = await postSigned(`${run.url}/slack/events`, slashCommandForm(slashFields("temaer 2026-11 support", responseUrl), {}), { secret: SECRET });
    expect(res).toEqual({ status: 200, text: "" });
    const reply = await fake.waitFor(() => fake.responses.find((r) => r.id === id)?.body as any);
    expect(reply.response_type).toBe("ephemeral");
    expect(reply.blocks[0]).toEqual({ type: "header", text: { type: "plain_text", text: "Temaer Support · november 2026", emoji: true } });
    const text = JSON.stringify(reply.blocks);
    expect(text).toContain("Hvad kritikerne taler om");
    expect(text).toContain("ventetiden · 15 af 35 kommentarer");
    expect(text).toContain("Hvad de glade kunder roser");
    expect(text).toContain("hurtig hjælp");
  });
});

describe("themes in Teams", () => {
  let t: TeamsRun;
  beforeAll(async () => {
    t = await startTeams("sqlite");
    await storeCorpus(t.run.app);
  });
  afterAll(async () => t?.stop());

  it("'nps themes 2026-11' in a personal chat gets a clean card in English", async () => {
    expect((await t.post(personalMessage(t.connector.url, "nps themes 2026-11", { id: "1767378509999" }))).status).toBe(200);
    const [reply] = await t.connector.waitForCalls(1);
    expect(reply).toMatchObject({ kind: "reply", conversationId: PERSONAL });
    const card = FakeConnector.card(reply!) as { body: Record<string, any>[] };
    expectCleanCard(card);
    const texts = JSON.stringify(card.body);
    expect(texts).toContain("Themes November 2026");
    expect(texts).toContain("What detractors talk about");
    expect(texts).toContain("What happy customers praise");
    expect(texts).toContain("venlig");
  });
});
