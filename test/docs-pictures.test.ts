// The pictures in docs/img/ are of the current messages: each one's rendered payload (Slack blocks,
// Teams card) still hashes to what docs/img/pictures.json recorded when it was drawn.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { payloadHash, pictures } from "../scripts/docs-pictures/samples.ts";
import { mrkdwnHtml } from "../scripts/docs-pictures/slack-html.ts";
import { ROOT } from "./support/cli.ts";

describe("docs/img pictures", () => {
  it("were drawn from the current message builders and renderers (else: npm run docs:pictures)", () => {
    const recorded = JSON.parse(fs.readFileSync(path.join(ROOT, "docs", "img", "pictures.json"), "utf8")) as Record<string, string>;
    const current = Object.fromEntries(pictures().map((p) => [p.name, payloadHash(p)]));
    expect(current, "the messages changed: run npm run docs:pictures and commit docs/img").toEqual(recorded);
    for (const name of Object.keys(current)) expect(fs.existsSync(path.join(ROOT, "docs", "img", `${name}.png`)), name).toBe(true);
  });

  it("draw Slack's mrkdwn as Slack does: bold, italic, links, quotes, and text escaped once", () => {
    expect(mrkdwnHtml("*Kundeservice* _i dag_ <https://x.example|se mere> &lt;3 ~nej~ `kode`")).toBe(
      '<b>Kundeservice</b> <i>i dag</i> <a href="https://x.example">se mere</a> &lt;3 <s>nej</s> <code>kode</code>',
    );
    expect(mrkdwnHtml("&gt;Hurtig hjælp\n— Søren")).toBe("<blockquote>Hurtig hjælp</blockquote>— Søren");
  });
});
