// Runs the real `kundepuls` executable (bin/kundepuls.mjs) as a child process.
import { spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const BIN = path.join(ROOT, "bin", "kundepuls.mjs");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node <args>` in the repository; `dropEnv` removes inherited variables (e.g. credentials). */
export function runNode(args: string[], env: Record<string, string>, options: { input?: string; dropEnv?: RegExp } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !options.dropEnv?.test(k)));
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...inherited, LOG_LEVEL: "warn", ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}

export function runCli(args: string[], env: Record<string, string>, input?: string): Promise<CliResult> {
  return runNode([BIN, ...args], env, { input });
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Polls `probe` (a failing probe counts as "not yet") until it gives a value. */
export async function waitFor<T>(probe: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}
