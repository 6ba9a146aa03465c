// manifests/slack/*.yaml: valid against Slack's official manifest schema (the one matching
// _metadata.major_version, test/fixtures/schemas, a copy of the official files), the Socket Mode and HTTP
// files identical apart from request URLs, and in step with what the face handles and the README.
import fs from "node:fs";
import path from "node:path";
import { Ajv } from "ajv";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { SLACK_EVENTS_PATH } from "../../../src/faces/slack/face.ts";
import { HANDLED } from "../../../src/faces/slack/listeners/index.ts";
import { ROOT } from "../../support/cli.ts";

/* eslint-disable @typescript-eslint/no-explicit-any */
const read = (file: string): any => parse(fs.readFileSync(path.join(ROOT, "manifests", "slack", file), "utf8"));
const socket = read("manifest.yaml");
const http = read("manifest.http.yaml");

function validatorFor(manifest: any) {
  const major = manifest._metadata?.major_version ?? 1;
  const schemaFile = path.resolve(ROOT, "test", "fixtures", "schemas", `slack-app-manifest.schema.${major}.0.0.json`);
  const schema = JSON.parse(fs.readFileSync(schemaFile, "utf8"));
  expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#"); // Ajv's default draft
  const ajv = new Ajv({ allErrors: true, strictSchema: true, strictTypes: false, strictTuples: false, strictRequired: false });
  // Slack's schema uses three things Ajv does not know by default: "_note" (a comment), a
  // "regex" keyword (a pattern under another name) and the "uri" format. The last two are
  // checked for real, not switched off.
  ajv.addVocabulary(["_note"]);
  ajv.addKeyword({ keyword: "regex", type: "string", schemaType: "string", validate: (re: string, value: string) => new RegExp(re).test(value) });
  ajv.addFormat("uri", (value: string) => URL.canParse(value));
  return ajv.compile(schema);
}

describe("the Slack app manifests", () => {
  it.each([["manifest.yaml", socket], ["manifest.http.yaml", http]])("%s is valid against Slack's schema", (_file, manifest) => {
    const validate = validatorFor(manifest);
    const ok = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it("the validator does catch mistakes (a too long shortcut name, a bad colour, an unknown field)", () => {
    const broken = structuredClone(socket);
    broken.features.shortcuts[0].name = "Del som kundehistorie / Share as customer story";
    broken.display_information.background_color = "blue";
    broken.settings.socket_mode = true;
    const validate = validatorFor(broken);
    expect(validate(broken)).toBe(false);
    const where = (validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword}`);
    expect(where).toEqual(expect.arrayContaining(["/features/shortcuts/0/name maxLength", "/display_information/background_color regex", "/settings additionalProperties"]));
  });

  it("Socket Mode and HTTP differ only in request URLs, which all point at /slack/events", () => {
    expect(socket.settings.socket_mode_enabled).toBe(true);
    expect(http.settings.socket_mode_enabled).toBe(false);
    const urls = [
      ...http.features.slash_commands.map((c: any) => c.url),
      http.settings.event_subscriptions.request_url,
      http.settings.interactivity.request_url,
    ];
    for (const url of urls) expect(new URL(url).pathname).toBe(SLACK_EVENTS_PATH);
    const withoutUrls = structuredClone(http);
    for (const c of withoutUrls.features.slash_commands) delete c.url;
    delete withoutUrls.settings.event_subscriptions.request_url;
    delete withoutUrls.settings.interactivity.request_url;
    withoutUrls.settings.socket_mode_enabled = true;
    expect(withoutUrls).toEqual(socket);
  });

  it("declares exactly the commands and shortcuts the face answers, and subscribes to its events", () => {
    expect(socket.features.slash_commands.map((c: any) => c.command)).toEqual([...HANDLED.commands]);
    expect(socket.features.shortcuts.map((s: any) => s.callback_id)).toEqual([...HANDLED.shortcuts]);
    expect(socket.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining([...HANDLED.events, "app_home_opened"]));
    expect(socket.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
    expect(socket.settings.interactivity.is_enabled).toBe(true);
  });

  it("every bot scope is explained in the README's scope table, and the table explains nothing more", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("### Slack scopes"));
    const table = section.slice(0, section.indexOf("\n\n", section.indexOf("|")));
    const explained = [...table.matchAll(/^\| `([a-z:.]+)` \|/gm)].map((m) => m[1]);
    expect(explained.sort()).toEqual([...socket.oauth_config.scopes.bot].sort());
    expect(http.oauth_config.scopes.bot).toEqual(socket.oauth_config.scopes.bot);
  });
});
