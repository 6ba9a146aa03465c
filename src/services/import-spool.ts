// The import's spool: checked answers on disk between the check and the store pass (SQLite).
// It lives in a private directory (fs.mkdtemp: mode 0700) named with the importing process's id,
// removed when the import ends; one left behind by a crash (the process is gone) is removed by the
// next import. The answers in it are customers' personal data.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { CsvProgress } from "../ingest/csv/reader.ts";

const PREFIX = "kundepuls-import-";
const OWN = new RegExp(`^${PREFIX}(\\d+)-`);

/** Whether a process with this id is running (EPERM: it is, but someone else's). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes spools of imports whose process is gone (a crash, a kill -9). Returns how many. */
export function removeStaleSpools(parent: string): number {
  let removed = 0;
  for (const name of fs.readdirSync(parent)) {
    const pid = Number(OWN.exec(name)?.[1] ?? NaN);
    if (!Number.isInteger(pid) || pid === process.pid || isRunning(pid)) continue;
    try {
      fs.rmSync(path.join(parent, name), { recursive: true, force: true });
      removed++;
    } catch {
      // another user's directory, or removed meanwhile: not ours to worry about
    }
  }
  return removed;
}

/** Checked answers on disk between the check and the store (one encoded line each), removed after. */
export class Spool {
  readonly dir: string;
  readonly file: string;
  private readonly out: fs.WriteStream;
  private failure: Error | null = null;

  constructor(parent = os.tmpdir()) {
    removeStaleSpools(parent);
    this.dir = fs.mkdtempSync(path.join(parent, `${PREFIX}${process.pid}-`));
    this.file = path.join(this.dir, "checked.ndjson");
    this.out = fs.createWriteStream(this.file, { mode: 0o600 });
    // Kept, not thrown: write() and finish() report it. After remove() (an import refused halfway)
    // writes still buffered end with ERR_STREAM_DESTROYED, which is expected then.
    this.out.on("error", (error) => (this.failure ??= error));
  }

  /** Resolves when the stream can take more (backpressure: memory stays flat on huge files). */
  write(lines: string[]): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const ok = this.out.write(lines.join("\n") + "\n");
    return ok ? Promise.resolve() : new Promise((resolve) => this.out.once("drain", resolve));
  }

  finish(): Promise<{ bytes: number }> {
    return new Promise((resolve, reject) => this.out.end((error?: Error | null) => {
      const failed = error ?? this.failure;
      if (failed) reject(failed);
      else resolve({ bytes: this.out.bytesWritten });
    }));
  }

  /** The lines in groups of `size` (an encoded answer never contains a raw newline: JSON escapes it). */
  async *read(size: number, progress: CsvProgress): AsyncGenerator<string[]> {
    let group: string[] = [];
    let rest = "";
    for await (const chunk of fs.createReadStream(this.file, { encoding: "utf8" })) {
      progress.bytes += Buffer.byteLength(chunk as string);
      const lines = (rest + (chunk as string)).split("\n");
      rest = lines.pop()!;
      for (const line of lines) {
        group.push(line);
        if (group.length >= size) {
          yield group;
          group = [];
        }
      }
    }
    if (rest !== "") group.push(rest);
    if (group.length > 0) yield group;
  }

  remove(): void {
    this.out.destroy();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  /** Resolves once the file is closed (after finish() or remove()): the stream says nothing more. */
  closed(): Promise<void> {
    return this.out.closed ? Promise.resolve() : new Promise((resolve) => this.out.once("close", () => resolve()));
  }
}
