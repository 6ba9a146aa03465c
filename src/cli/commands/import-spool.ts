// The import's spool: checked answers on disk between the check and the store pass (SQLite).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { CsvProgress } from "../../ingest/csv/reader.ts";

/** Checked answers on disk between the check and the store (one encoded line each), removed after. */
export class Spool {
  private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "kundepuls-import-"));
  readonly file = path.join(this.dir, "checked.ndjson");
  private readonly out = fs.createWriteStream(this.file);

  /** Resolves when the stream can take more (backpressure: memory stays flat on huge files). */
  write(lines: string[]): Promise<void> {
    const ok = this.out.write(lines.join("\n") + "\n");
    return ok ? Promise.resolve() : new Promise((resolve) => this.out.once("drain", resolve));
  }

  finish(): Promise<{ bytes: number }> {
    return new Promise((resolve, reject) => this.out.end((error?: Error | null) => (error ? reject(error) : resolve({ bytes: this.out.bytesWritten }))));
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
}
