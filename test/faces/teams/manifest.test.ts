// The Teams app package: manifest valid against Microsoft's schema (checked offline with the
// schemas @microsoft/app-manifest bundles), icons as Teams wants them, and `npm run
// package:teams` producing the zip an admin uploads.
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { AppManifestUtils } from "@microsoft/app-manifest";
import { unzipSync } from "fflate";
import { PNG } from "pngjs";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, runNode } from "../../support/cli.ts";

const DIR = path.join(ROOT, "manifests", "teams");
const APP_ID = "0b7c5a1e-3f2d-4c8b-9a6e-5d4c3b2a1f09";
const template = () => JSON.parse(fs.readFileSync(path.join(DIR, "manifest.json"), "utf8")) as Record<string, any>;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kundepuls-teams-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function schemaFor(version: string): unknown {
  const pkg = path.dirname(createRequire(import.meta.url).resolve("@microsoft/app-manifest/package.json"));
  return JSON.parse(fs.readFileSync(path.join(pkg, "build", "json-schemas", "teams", `v${version}`, "MicrosoftTeams.schema.json"), "utf8"));
}
const validate = (manifest: Record<string, any>) => AppManifestUtils.validateAgainstSchema(manifest as never, schemaFor(manifest.manifestVersion) as never);

function packageTeams(args: string[], env: Record<string, string>) {
  return runNode([path.join(ROOT, "bin", "run-ts.mjs"), "scripts/package-teams.ts", ...args], env, { dropEnv: /^(MICROSOFT_APP|TEAMS_)/ });
}

const pixels = (file: string) => PNG.sync.read(fs.readFileSync(file));

describe("manifests/teams/manifest.json", () => {
  it("uses schema 1.19, with the app id as a placeholder for the app and the bot", () => {
    const m = template();
    expect(m.manifestVersion).toBe("1.19");
    expect(m.$schema).toBe("https://developer.microsoft.com/json-schemas/teams/v1.19/MicrosoftTeams.schema.json");
    expect(m.id).toBe("{{MICROSOFT_APP_ID}}");
    expect(m.bots[0].botId).toBe("{{MICROSOFT_APP_ID}}");
    expect(m.bots[0].scopes).toEqual(["personal", "team", "groupChat"]);
    expect(m.validDomains).toEqual(["{{TEAMS_BOT_DOMAIN}}"]);
    const titles = m.bots[0].commandLists.flatMap((l: { commands: { title: string }[] }) => l.commands.map((c) => c.title));
    expect(titles).toEqual(expect.arrayContaining(["nps", "nps denne måned", "help", "hjælp", "connect", "disconnect", "kundehistorie", "story", "overblik", "home"]));
  });

  it("filled in, it is valid against Microsoft's schema; a broken one is not (the check works)", async () => {
    const filled = JSON.parse(
      JSON.stringify(template())
        .replaceAll("{{MICROSOFT_APP_ID}}", APP_ID)
        .replaceAll("{{TEAMS_BOT_DOMAIN}}", "kundepuls.example.dk")
        .replace(/\{\{TEAMS_\w+_URL\}\}/g, "https://kundepuls.example.dk/")
        .replace("{{VERSION}}", "1.2.3"),
    );
    expect(await validate(filled)).toEqual([]);
    const { botId: _gone, ...bot } = filled.bots[0];
    expect((await validate({ ...filled, bots: [bot] })).join(" ")).toMatch(/botId/);
    expect(await validate({ ...filled, id: "{{MICROSOFT_APP_ID}}" })).not.toEqual([]);
  });
});

describe("icons", () => {
  it("color.png is 192×192, opaque, in colour", () => {
    const png = pixels(path.join(DIR, "color.png"));
    expect([png.width, png.height]).toEqual([192, 192]);
    const colours = new Set<string>();
    for (let i = 0; i < png.data.length; i += 4) {
      expect(png.data[i + 3]).toBe(255);
      colours.add(`${png.data[i]},${png.data[i + 1]},${png.data[i + 2]}`);
    }
    expect(colours.has("255,255,255")).toBe(true);
    expect(colours.has("11,110,95")).toBe(true); // the manifest's accentColor #0B6E5F
  });

  it("outline.png is 32×32, white on transparent", () => {
    const png = pixels(path.join(DIR, "outline.png"));
    expect([png.width, png.height]).toEqual([32, 32]);
    let opaque = 0;
    let transparent = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      const alpha = png.data[i + 3]!;
      if (alpha > 0) expect([png.data[i], png.data[i + 1], png.data[i + 2]]).toEqual([255, 255, 255]);
      if (alpha === 255) opaque++;
      if (alpha === 0) transparent++;
    }
    expect(opaque).toBeGreaterThan(20);
    expect(transparent).toBeGreaterThan(32 * 32 * 0.6);
  });

  it("are what the generator draws (deterministic, committed up to date)", async () => {
    const out = path.join(tmp, "icons");
    const result = await packageTeams(["--icons", out], {});
    expect(result.code).toBe(0);
    for (const file of ["color.png", "outline.png"]) expect(pixels(path.join(out, file)).data.equals(pixels(path.join(DIR, file)).data)).toBe(true);
  });
});

describe("npm run package:teams", () => {
  it("is the package.json script", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(pkg.scripts["package:teams"]).toBe("node bin/run-ts.mjs scripts/package-teams.ts");
  });

  it("writes a zip with the manifest (ids filled in, schema-valid) and both icons", async () => {
    const zipFile = path.join(tmp, "out", "kundepuls-teams.zip");
    const result = await packageTeams(["--out", zipFile], { MICROSOFT_APP_ID: APP_ID, TEAMS_BOT_DOMAIN: "kundepuls.example.dk", TEAMS_PRIVACY_URL: "https://example.dk/privatliv" });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const files = unzipSync(fs.readFileSync(zipFile));
    expect(Object.keys(files).sort()).toEqual(["color.png", "manifest.json", "outline.png"]);
    const manifest = JSON.parse(Buffer.from(files["manifest.json"]!).toString("utf8"));
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots[0].botId).toBe(APP_ID);
    expect(manifest.validDomains).toEqual(["kundepuls.example.dk"]);
    expect(manifest.developer).toMatchObject({ websiteUrl: "https://kundepuls.example.dk/", privacyUrl: "https://example.dk/privatliv", termsOfUseUrl: "https://kundepuls.example.dk/" });
    expect(manifest.version).toBe(JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version);
    expect(JSON.stringify(manifest)).not.toContain("{{");
    expect(await validate(manifest)).toEqual([]);
    for (const icon of ["color.png", "outline.png"]) expect(Buffer.from(files[icon]!).equals(fs.readFileSync(path.join(DIR, icon)))).toBe(true);
  });

  it("without the app id or with a bad domain it stops with one line", async () => {
    const noId = await packageTeams(["--out", path.join(tmp, "x.zip")], { TEAMS_BOT_DOMAIN: "kundepuls.example.dk" });
    expect(noId.code).toBe(2);
    expect(noId.stderr).toBe("package:teams: MICROSOFT_APP_ID is not set: the bot's Application (client) ID goes into the manifest\n");
    const badDomain = await packageTeams(["--out", path.join(tmp, "x.zip")], { MICROSOFT_APP_ID: APP_ID, TEAMS_BOT_DOMAIN: "https://kundepuls.example.dk/api" });
    expect(badDomain.code).toBe(2);
    expect(badDomain.stderr.trim().split("\n")).toHaveLength(1);
    expect(fs.existsSync(path.join(tmp, "x.zip"))).toBe(false);
  });
});
