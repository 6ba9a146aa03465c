// Timing helpers: alternating rounds after a warm-up, medians, child processes with peak RSS.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const BIN = path.join(ROOT, "bin", "kundepuls.mjs");

export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export const msSince = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

/**
 * Runs `a` and `b` alternately (a b, b a, a b, …, so neither always goes first) after `warmup`
 * runs of each; returns every measured value of each. A run returns its own measurement.
 */
export async function alternate(
  rounds: number,
  warmup: number,
  a: () => Promise<number>,
  b: () => Promise<number>,
  onRound?: (round: number) => void,
): Promise<{ a: number[]; b: number[] }> {
  for (let i = 0; i < warmup; i++) {
    await a();
    await b();
  }
  const out = { a: [] as number[], b: [] as number[] };
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      out.a.push(await a());
      out.b.push(await b());
    } else {
      out.b.push(await b());
      out.a.push(await a());
    }
    onRound?.(r);
  }
  return out;
}

/** Peak and current RSS of a process in MB, from /proc (Linux). */
export function procMemory(pid: number): { hwmMb: number; rssMb: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
    return { hwmMb: kb("VmHWM") / 1024, rssMb: kb("VmRSS") / 1024 };
  } catch {
    return null;
  }
}

export interface ChildRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** highest VmHWM seen (peak resident set), MB */
  peakMb: number;
}

/** Runs node with `args` to completion, sampling its peak RSS every 50 ms. */
export function runNode(args: string[], env: Record<string, string>, opts: { cwd?: string } = {}): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { cwd: opts.cwd ?? ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let peakMb = 0;
    const sample = () => {
      const m = child.pid ? procMemory(child.pid) : null;
      if (m && Number.isFinite(m.hwmMb)) peakMb = Math.max(peakMb, m.hwmMb);
    };
    const timer = setInterval(sample, 50);
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", (e) => {
      clearInterval(timer);
      reject(e);
    });
    // 'exit' fires before the process is reaped; sample once more while /proc still has it.
    child.on("exit", () => sample());
    child.on("close", (code) => {
      clearInterval(timer);
      resolve({ code, stdout, stderr, ms: msSince(t0), peakMb });
    });
  });
}

/** Starts a long-running node child; resolves once `ready()` says so. */
export async function startNode(args: string[], env: Record<string, string>, ready: () => Promise<boolean>, timeoutMs = 30_000) {
  const t0 = process.hrtime.bigint();
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  let exited = false;
  child.once("exit", () => (exited = true));
  for (;;) {
    if (exited) throw new Error(`child exited before it was ready: ${stderr.trim().slice(-2000)}`);
    if (await ready().catch(() => false)) break;
    if (msSince(t0) > timeoutMs) {
      child.kill("SIGKILL");
      throw new Error(`child not ready after ${timeoutMs} ms: ${stderr.trim().slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  return { child, readyMs: msSince(t0), stderr: () => stderr, stop: () => stopChild(child) };
}

export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill("SIGKILL"), 5000);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

export async function httpOk(url: string): Promise<boolean> {
  const res = await fetch(url);
  await res.arrayBuffer();
  return res.ok;
}
