// npm run package:teams — the Teams app package an admin uploads (Teams admin center → Manage
// apps → Upload, or Teams → Apps → Manage your apps → Upload a custom app):
// manifests/teams/manifest.json with its {{PLACEHOLDERS}} filled from the environment, checked
// against Microsoft's schema (bundled in @microsoft/app-manifest, offline), zipped with the two
// icons into manifests/teams/build/kundepuls-teams.zip.
//
//   MICROSOFT_APP_ID=… TEAMS_BOT_DOMAIN=kundepuls.example.dk npm run package:teams [-- --out FILE]
//   npm run package:teams -- --icons [DIR]     redraws color.png and outline.png (deterministic)
//
// Optional: TEAMS_WEBSITE_URL (default https://<TEAMS_BOT_DOMAIN>/), TEAMS_PRIVACY_URL and
// TEAMS_TERMS_URL (default: the website).
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { AppManifestUtils } from "@microsoft/app-manifest";
import { zipSync } from "fflate";
import { PNG } from "pngjs";
import { GUID } from "../src/faces/teams/settings.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const DIR = path.join(ROOT, "manifests", "teams");
const DEFAULT_OUT = path.join(DIR, "build", "kundepuls-teams.zip");
const ICONS = { color: { file: "color.png", size: 192 }, outline: { file: "outline.png", size: 32 } } as const;
const BRAND = [0x0b, 0x6e, 0x5f] as const; // accentColor in manifest.json

class UsageError extends Error {}

// ---- icons: a white pulse line (the "puls" in Kundepuls), drawn with anti-aliased distance ----

/** The pulse as a polyline in a unit square. */
const PULSE: [number, number][] = [[0.14, 0.56], [0.36, 0.56], [0.44, 0.32], [0.54, 0.74], [0.62, 0.46], [0.68, 0.56], [0.86, 0.56]];

function distanceToSegment(px: number, py: number, [ax, ay]: [number, number], [bx, by]: [number, number]): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Coverage (0..1) of the pulse line of half-width `half` (pixels) at pixel (x, y). */
function pulseCoverage(x: number, y: number, size: number, half: number, inset: number): number {
  const span = size - 2 * inset;
  const points = PULSE.map(([u, v]) => [inset + u * span, inset + v * span] as [number, number]);
  let d = Infinity;
  for (let i = 1; i < points.length; i++) d = Math.min(d, distanceToSegment(x + 0.5, y + 0.5, points[i - 1]!, points[i]!));
  return Math.max(0, Math.min(1, half + 0.5 - d));
}

function drawIcon(kind: keyof typeof ICONS): PNG {
  const { size } = ICONS[kind];
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      if (kind === "color") {
        // full-colour 192×192: brand background, the pulse in white inside Teams' safe area
        const a = pulseCoverage(x, y, size, 8, 28);
        for (let c = 0; c < 3; c++) png.data[i + c] = Math.round(BRAND[c]! + (255 - BRAND[c]!) * a);
        png.data[i + 3] = 255;
      } else {
        // outline 32×32: white on transparent, as Teams requires
        png.data[i] = png.data[i + 1] = png.data[i + 2] = 255;
        png.data[i + 3] = Math.round(255 * pulseCoverage(x, y, size, 1.4, 1));
      }
    }
  }
  return png;
}

// ---- manifest ----

function placeholders(env: NodeJS.ProcessEnv): Record<string, string> {
  const appId = env.MICROSOFT_APP_ID?.trim();
  if (!appId) throw new UsageError("MICROSOFT_APP_ID is not set: the bot's Application (client) ID goes into the manifest");
  if (!GUID.test(appId)) throw new UsageError(`MICROSOFT_APP_ID must be a GUID (got "${appId}")`);
  const domain = env.TEAMS_BOT_DOMAIN?.trim();
  if (!domain) throw new UsageError("TEAMS_BOT_DOMAIN is not set: the host name that serves /api/messages, e.g. kundepuls.example.dk");
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(domain)) throw new UsageError(`TEAMS_BOT_DOMAIN must be a host name without https:// or a path (got "${domain}")`);
  const website = env.TEAMS_WEBSITE_URL?.trim() || `https://${domain}/`;
  const version = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }).version;
  return {
    MICROSOFT_APP_ID: appId,
    TEAMS_BOT_DOMAIN: domain,
    TEAMS_WEBSITE_URL: website,
    TEAMS_PRIVACY_URL: env.TEAMS_PRIVACY_URL?.trim() || website,
    TEAMS_TERMS_URL: env.TEAMS_TERMS_URL?.trim() || website,
    VERSION: version,
  };
}

/** Fills every {{NAME}} in the manifest's strings; a name without a value is an error. */
function fillManifest(template: unknown, values: Record<string, string>): unknown {
  const fill = (value: unknown): unknown => {
    if (typeof value === "string")
      return value.replace(/\{\{(\w+)\}\}/g, (_all, name: string) => {
        if (values[name] === undefined) throw new UsageError(`manifest.json uses {{${name}}}, which has no value`);
        return values[name];
      });
    if (Array.isArray(value)) return value.map(fill);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]));
    return value;
  };
  return fill(template);
}

/** Microsoft's JSON schema for the manifest's version, from the copy @microsoft/app-manifest ships. */
function bundledSchema(manifestVersion: string): unknown {
  const pkg = path.dirname(createRequire(import.meta.url).resolve("@microsoft/app-manifest/package.json"));
  return JSON.parse(fs.readFileSync(path.join(pkg, "build", "json-schemas", "teams", `v${manifestVersion}`, "MicrosoftTeams.schema.json"), "utf8"));
}

async function schemaErrors(manifest: { manifestVersion: string }): Promise<string[]> {
  // passing the schema keeps the check offline (no download of the $schema URL)
  return AppManifestUtils.validateAgainstSchema(manifest as never, bundledSchema(manifest.manifestVersion) as never);
}

async function packageApp(out: string): Promise<void> {
  const template = JSON.parse(fs.readFileSync(path.join(DIR, "manifest.json"), "utf8")) as unknown;
  const manifest = fillManifest(template, placeholders(process.env)) as { manifestVersion: string; id: string };
  const errors = await schemaErrors(manifest);
  if (errors.length > 0) throw new Error(`manifest.json does not match Microsoft's schema ${manifest.manifestVersion}: ${errors.join("; ")}`);
  const files: Record<string, Uint8Array> = { "manifest.json": Buffer.from(JSON.stringify(manifest, null, 2) + "\n") };
  for (const { file, size } of Object.values(ICONS)) {
    const data = fs.readFileSync(path.join(DIR, file));
    const png = PNG.sync.read(data);
    if (png.width !== size || png.height !== size) throw new Error(`${file} must be ${size}×${size} (is ${png.width}×${png.height}); run npm run package:teams -- --icons`);
    files[file] = data;
  }
  // a fixed date, so the same input gives the same zip
  const zip = zipSync(files, { mtime: new Date("2026-01-01T00:00:00Z"), level: 9 });
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, zip);
  console.log(`${path.relative(process.cwd(), out)}: manifest ${manifest.manifestVersion} for app ${manifest.id}, color.png, outline.png`);
}

function writeIcons(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const kind of Object.keys(ICONS) as (keyof typeof ICONS)[]) {
    fs.writeFileSync(path.join(dir, ICONS[kind].file), PNG.sync.write(drawIcon(kind), { colorType: 6 }));
  }
  console.log(`${path.relative(process.cwd(), dir) || "."}: color.png (192×192), outline.png (32×32)`);
}

async function main(argv: string[]): Promise<void> {
  const [flag, value, ...rest] = argv;
  if (rest.length > 0 || (flag && flag !== "--icons" && flag !== "--out") || (flag === "--out" && !value))
    throw new UsageError("usage: npm run package:teams [-- --out FILE | --icons [DIR]]");
  if (flag === "--icons") writeIcons(path.resolve(value ?? DIR));
  else await packageApp(path.resolve(flag === "--out" ? value! : DEFAULT_OUT));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`package:teams: ${(error as Error).message}\n`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
});
