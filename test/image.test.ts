// The container image, without a container engine: the Dockerfile is read and done here, step by
// step, into fresh folders — the build stage's COPY (minus .dockerignore) and RUN lines, with its
// `npm ci --omit=dev` done as a copy of node_modules pruned by `npm prune --omit=dev` (the same
// production tree from the same lockfile, offline and without recompiling better-sqlite3) — then
// the final stage's COPY --from=build, ENV, HEALTHCHECK and CMD: the result is started as the
// image would start it and must answer /healthz, /readyz and a POSTed answer, and stop cleanly.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, freePort, waitFor } from "./support/cli.ts";
import { createTestDatabase, type TestDatabase } from "./support/databases.ts";

interface Stage {
  name: string;
  steps: { op: string; args: string }[];
}

function readDockerfile(file: string): Stage[] {
  const lines = fs.readFileSync(file, "utf8").replace(/\\\n\s*/g, "").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, op, args] = /^(\w+)\s+(.*)$/.exec(line)!;
    if (op === "FROM") stages.push({ name: args!.split(/\s+AS\s+/i)[1] ?? `stage${stages.length}`, steps: [] });
    stages.at(-1)!.steps.push({ op: op!.toUpperCase(), args: args! });
  }
  return stages;
}

function sh(command: string, cwd: string, args: string[] = []): void {
  const done = spawnSync(command, args, { cwd, encoding: "utf8", shell: args.length === 0 });
  if (done.status !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${done.stderr}`);
}

/** `cp -a`; node_modules as hard links (`-l`: no space, no time; prune only removes links). */
function copy(from: string, to: string, link = false): void {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  sh("cp", path.dirname(to), [link ? "-al" : "-a", from, to]);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kundepuls-image-"));
let child: ChildProcess | undefined;
let test: TestDatabase | undefined;
afterAll(async () => {
  child?.kill("SIGKILL");
  await test?.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("the container image, done without a container engine", () => {
  const [build, final] = readDockerfile(path.join(ROOT, "Dockerfile"));

  it("builds from production dependencies only and runs as the image runs: health, readiness, an answer, a clean stop", async () => {
    expect(build!.steps[0]!.args).toMatch(/^node:20-slim AS build$/);
    expect(final!.steps[0]!.args).toBe("node:20-slim");
    const buildDir = path.join(tmp, "build");
    fs.mkdirSync(buildDir);
    const ignored = fs.readFileSync(path.join(ROOT, ".dockerignore"), "utf8").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
    for (const { op, args } of build!.steps) {
      if (op === "COPY") {
        const parts = args.split(/\s+/);
        const dest = parts.pop()!;
        for (const source of parts) {
          copy(path.join(ROOT, source), dest.endsWith("/") ? path.join(buildDir, dest, path.basename(source)) : path.join(buildDir, dest));
          for (const pattern of ignored) if (pattern.startsWith(`${source}/`)) fs.rmSync(path.join(buildDir, pattern), { recursive: true, force: true });
        }
      } else if (op === "RUN" && args.includes("apt-get")) {
        // the compiler for better-sqlite3: this machine has one (and the copied module is built)
      } else if (op === "RUN" && args.startsWith("npm ci --omit=dev")) {
        copy(path.join(ROOT, "node_modules"), path.join(buildDir, "node_modules"), true);
        // npm rewrites its hidden lockfile in place: a linked one would change the checkout's too
        const hidden = path.join(buildDir, "node_modules", ".package-lock.json");
        if (fs.existsSync(hidden)) fs.copyFileSync(hidden, `${hidden}.own`), fs.renameSync(`${hidden}.own`, hidden);
        sh("npm prune --omit=dev --offline --no-audit --no-fund", buildDir);
      } else if (op === "RUN") {
        sh(args, buildDir);
      }
    }
    expect(fs.existsSync(path.join(buildDir, "node_modules", "vitest"))).toBe(false); // dev dependencies are gone…
    expect(fs.existsSync(path.join(buildDir, "dist", "main.js"))).toBe(true); // …and the build did not need them

    const image = path.join(tmp, "image");
    const env: Record<string, string> = {};
    let user = "root";
    let cmd: string[] = [];
    let healthcheck: string[] = [];
    for (const { op, args } of final!.steps) {
      if (op === "COPY") {
        const [, from, to] = /^--from=build\s+\/app\/(\S+)\s+(\S+)$/.exec(args)!;
        copy(path.join(buildDir, from!), path.join(image, to!), from === "node_modules");
      } else if (op === "ENV") {
        for (const [, k, v] of args.matchAll(/(\w+)=(\S+)/g)) env[k!] = v!;
      } else if (op === "RUN") {
        expect(args).not.toMatch(/apt-get|npm|gcc|g\+\+/); // nothing installed or compiled in the final image
      } else if (op === "USER") user = args;
      else if (op === "CMD") cmd = JSON.parse(args) as string[];
      else if (op === "HEALTHCHECK") healthcheck = JSON.parse(args.replace(/^.*?CMD\s+/, "")) as string[];
    }
    expect(user).not.toMatch(/^(root|0)$/);
    expect(env).toMatchObject({ LOG_FORMAT: "json", NODE_ENV: "production" });
    expect(fs.readdirSync(image).sort()).toEqual(["dist", "node_modules", "package.json", "prisma"]);

    test = await createTestDatabase("postgres");
    const port = String(await freePort());
    const token = "image-check-token-0123";
    const runEnv = { PATH: process.env.PATH!, HOME: tmp, ...env, PORT: port, DATABASE_URL: test.databaseUrl, INGEST_TOKEN: token };
    const [node, ...args] = cmd;
    expect(node).toBe("node");
    child = spawn(process.execPath, args, { cwd: image, env: runEnv, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child!.once("exit", resolve));
    const base = `http://127.0.0.1:${port}`;
    await waitFor(async () => ((await fetch(`${base}/healthz`)).ok ? true : undefined), 30_000);
    const check = spawnSync(process.execPath, healthcheck.slice(1), { cwd: image, env: runEnv });
    expect(check.status).toBe(0);
    expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ ready: true });
    const auth = { authorization: `Bearer ${token}` };
    const posted = await fetch(`${base}/api/responses`, {
      method: "POST", headers: { "content-type": "application/json", ...auth }, body: JSON.stringify({ id: "img-1", score: 9, team: "Support" }),
    });
    expect(await posted.json()).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(await (await fetch(`${base}/metrics`, { headers: auth })).text()).toMatch(/^kundepuls_answers_stored_total\{source="api"\} 1$/m);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    const lines = stderr.split("\n").filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ level: expect.any(String), time: expect.any(String), msg: expect.any(String) });
  }, 150_000);

  it("compose: PostgreSQL in a named volume, migrations once, two replicas behind one port", () => {
    const compose = parseYaml(fs.readFileSync(path.join(ROOT, "compose.yaml"), "utf8"), { merge: true }) as {
      services: Record<string, { image?: string; command?: string[]; volumes?: string[]; deploy?: { replicas?: number }; depends_on?: Record<string, { condition: string }>; ports?: string[]; environment?: Record<string, string> }>;
      volumes: Record<string, unknown>;
    };
    const { postgres, migrate, kundepuls, proxy } = compose.services;
    expect(Object.keys(compose.volumes)).toEqual(["pgdata"]);
    expect(postgres!.volumes).toEqual(["pgdata:/var/lib/postgresql/data"]);
    expect(migrate!.command).toEqual(["node", "dist/main.js", "migrate"]);
    expect(kundepuls!.deploy?.replicas).toBe(2);
    expect(kundepuls!.depends_on?.migrate?.condition).toBe("service_completed_successfully");
    expect(kundepuls!.environment?.DATABASE_URL).toMatch(/^postgresql:\/\/.*@postgres:5432\//);
    expect(proxy!.ports).toHaveLength(1);
    const [conf] = proxy!.volumes!.map((v) => v.split(":")[0]!);
    expect(fs.readFileSync(path.join(ROOT, conf!), "utf8")).toMatch(/server kundepuls:3000 /);
  });
});
