// npm run docs:pictures — draws the messages of scripts/docs-pictures/samples.ts as the platforms
// show them and saves PNGs in docs/img/, with pictures.json (a hash of each rendered payload, which
// test/docs-pictures.test.ts compares with the current code). Needs Chromium (CHROMIUM, else
// /usr/bin/chromium): each page is loaded once to measure it, then screenshot at that size.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { SlackBlock } from "../src/faces/slack/blocks.ts";
import { payloadHash, pictures } from "./docs-pictures/samples.ts";
import { slackPage } from "./docs-pictures/slack-html.ts";
import { teamsPage } from "./docs-pictures/teams-html.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const OUT = path.join(ROOT, "docs", "img");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--hide-scrollbars", "--allow-file-access-from-files", "--virtual-time-budget=3000"];
const MEASURE = `<script>addEventListener("load", () => { const r = document.getElementById("picture").getBoundingClientRect();
  document.body.setAttribute("data-size", Math.ceil(r.right) + "x" + Math.ceil(r.bottom)); });</script>`;

function chromium(args: string[]): string {
  return execFileSync(CHROMIUM, [...FLAGS, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], maxBuffer: 64 * 1024 * 1024 });
}

function screenshot(html: string, file: string, work: string): void {
  const page = path.join(work, `${path.basename(file, ".png")}.html`);
  fs.writeFileSync(page, html.replace("</body>", `${MEASURE}</body>`));
  const size = /data-size="(\d+)x(\d+)"/.exec(chromium(["--window-size=1200,4000", "--dump-dom", `file://${page}`]));
  if (!size) throw new Error(`could not measure ${page}`);
  chromium([`--window-size=${size[1]},${size[2]}`, "--force-device-scale-factor=2", `--screenshot=${file}`, `file://${page}`]);
}

if (!fs.existsSync(CHROMIUM)) {
  process.stderr.write(`docs:pictures: no Chromium at ${CHROMIUM} (install it, e.g. apt-get install chromium, or set CHROMIUM)\n`);
  process.exit(2);
}
fs.mkdirSync(OUT, { recursive: true });
const work = fs.mkdtempSync(path.join(os.tmpdir(), "kundepuls-pictures-"));
const hashes: Record<string, string> = {};
try {
  for (const picture of pictures()) {
    const html = picture.platform === "slack" ? slackPage(picture.payload as SlackBlock[]) : teamsPage(picture.payload);
    const file = path.join(OUT, `${picture.name}.png`);
    screenshot(html, file, work);
    hashes[picture.name] = payloadHash(picture);
    process.stdout.write(`docs/img/${picture.name}.png\n`);
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
fs.writeFileSync(path.join(OUT, "pictures.json"), JSON.stringify(hashes, null, 2) + "\n");
