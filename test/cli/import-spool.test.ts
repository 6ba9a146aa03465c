// The import's spool: a private directory (0700) named with the importer's PID, removed after use;
// spools left behind by a crashed import (their process gone) are cleared by the next import.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Spool } from "../../src/services/import-spool.ts";

describe("import spool", () => {
  let parent: string;
  beforeEach(() => void (parent = fs.mkdtempSync(path.join(os.tmpdir(), "spool-parent-"))));
  afterEach(() => fs.rmSync(parent, { recursive: true, force: true }));

  it("lives in a directory only its owner can open, and is gone after remove()", async () => {
    const spool = new Spool(parent);
    expect(path.basename(spool.dir)).toMatch(new RegExp(`^kundepuls-import-${process.pid}-`));
    expect(fs.statSync(spool.dir).mode & 0o777).toBe(0o700);
    await spool.write(["[1]", "[2]"]);
    expect(await spool.finish()).toEqual({ bytes: 8 });
    spool.remove();
    expect(fs.readdirSync(parent)).toEqual([]);
  });

  it("removed halfway (an import refused), buffered writes end quietly", async () => {
    const spool = new Spool(parent);
    void spool.write(["[1]"]);
    spool.remove();
    await spool.closed(); // the stream's last word: an unhandled error before it would fail the run
    expect(fs.readdirSync(parent)).toEqual([]);
  });

  it("a spool whose process is gone is removed by the next import; a running one's stays", () => {
    // the id of a process that has certainly ended: one that ran and was waited for
    const gone = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" }).stdout.trim();
    const stale = path.join(parent, `kundepuls-import-${gone}-abc123`);
    const alive = path.join(parent, `kundepuls-import-${process.ppid}-def456`);
    for (const dir of [stale, alive]) {
      fs.mkdirSync(dir, { mode: 0o700 });
      fs.writeFileSync(path.join(dir, "checked.ndjson"), "[\"kunde@example.dk\"]\n");
    }
    const spool = new Spool(parent);
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.existsSync(alive)).toBe(true);
    spool.remove();
  });
});
