// Levelled logging on stderr (stdout stays for command output, e.g. `nps --json`), built on pino.
// LOG_FORMAT=json writes one JSON object a line (level, time, msg, and the request or job the line
// belongs to) for a log stack; "pretty" writes short readable lines for a terminal. The context
// (reqId, job, key) travels with the async call chain, so callers keep calling log.info(msg).
import { AsyncLocalStorage } from "node:async_hooks";
import { pino, type DestinationStream } from "pino";

export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFormat = "json" | "pretty";

export interface Logger {
  debug(msg: string, extra?: unknown): void;
  info(msg: string, extra?: unknown): void;
  warn(msg: string, extra?: unknown): void;
  error(msg: string, extra?: unknown): void;
}

/** What a log line belongs to: an HTTP request (reqId) or a job run (job, key). */
export interface LogContext {
  reqId?: string;
  job?: string;
  key?: string;
}

const context = new AsyncLocalStorage<LogContext>();

/** Runs `fn` with `fields` on every log line it (and what it starts) writes; replaces the outer context. */
export function withLogContext<T>(fields: LogContext, fn: () => T): T {
  return context.run(fields, fn);
}

/** The default format: readable on a terminal, JSON when stderr goes to a file, pipe or collector. */
export function defaultLogFormat(isTerminal = process.stderr.isTTY === true): LogFormat {
  return isTerminal ? "pretty" : "json";
}

export interface LoggerOptions {
  level?: LogLevel;
  format?: LogFormat;
  /** where lines go (tests); default stderr */
  write?: (line: string) => void;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const format = options.format ?? defaultLogFormat();
  const write = options.write ?? ((line: string) => void process.stderr.write(line));
  const destination: DestinationStream = { write: format === "json" ? write : (line: string) => write(prettyLine(line)) };
  const base = pino(
    {
      level: options.level ?? "info",
      base: undefined, // no pid/hostname on every line: the container runtime adds where a line came from
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => ({ ...context.getStore() }),
    },
    destination,
  );
  const at = (level: LogLevel) => (msg: string, extra?: unknown) => {
    if (extra === undefined) base[level](msg);
    else if (extra instanceof Error) base[level]({ err: extra }, msg);
    else base[level]({ extra }, msg);
  };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

/** One JSON line → "2026-12-06T21:00:00.000Z INFO  [reqId=…] message {extra}" (+ a stack for errors). */
export function prettyLine(jsonLine: string): string {
  const { level, time, msg, err, extra, ...fields } = JSON.parse(jsonLine) as Record<string, unknown>;
  const tags = Object.entries(fields).map(([k, v]) => `${k}=${String(v)}`).join(" ");
  const error = err as { stack?: string; message?: string } | undefined;
  const tail = error ? ` ${error.stack ?? error.message}` : extra !== undefined ? ` ${JSON.stringify(extra)}` : "";
  return `${String(time)} ${String(level).toUpperCase().padEnd(5)} ${tags ? `[${tags}] ` : ""}${String(msg)}${tail}\n`;
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
