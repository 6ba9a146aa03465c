// The floor for a CSV import: read the bench CSV once with csv-parse (no validation, columns by
// position), and store every row raw: better-sqlite3 prepared INSERTs in ONE transaction, or
// PostgreSQL COPY. Same table, same indexes, same columns as Kundepuls stores.
// usage: node import-raw.mjs FILE DATABASE_URL SOURCE   → prints {"rows":N}
import fs from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import Sqlite from "better-sqlite3";
import { parse } from "csv-parse";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

const [file, databaseUrl, source] = process.argv.slice(2);
const rows = () =>
  fs.createReadStream(file).pipe(parse({ delimiter: ";", bom: true, from_line: 2, relax_column_count: true }));
// svar_id;score;kommentar;dato;navn;email;afdeling;kontaktpunkt;kunde;ces;samtykke
const nul = (s) => (s === "" ? null : s);

async function sqlite(path) {
  const db = new Sqlite(path);
  const teams = new Map();
  const touchpoints = new Map();
  const idOf = (map, table, column, value) => {
    if (map.has(value)) return map.get(value);
    db.prepare(`INSERT INTO "${table}"("${column}"${table === "Team" ? ', "name"' : ""}) VALUES (?${table === "Team" ? ", ?" : ""}) ON CONFLICT DO NOTHING`)
      .run(...(table === "Team" ? [value, value] : [value]));
    const id = db.prepare(`SELECT id FROM "${table}" WHERE "${column}" = ?`).get(value).id;
    map.set(value, id);
    return id;
  };
  const insert = db.prepare(`INSERT INTO "Answer"(source, externalId, score, ces, comment, customerName, customerEmail, customerAccount,
    teamId, touchpointId, language, consentToShare, answeredAt, receivedAt, updatedAt, contentHash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`);
  const now = new Date().toISOString().replace("Z", "+00:00");
  let n = 0;
  db.exec("BEGIN");
  for await (const r of rows()) {
    const answeredAt = new Date(r[3]).toISOString().replace("Z", "+00:00");
    insert.run(source, r[0], Number(r[1]), r[9] === "" ? null : Number(r[9]), nul(r[2]), nul(r[4]), nul(r[5]), nul(r[8]),
      idOf(teams, "Team", "slug", r[6]), idOf(touchpoints, "Touchpoint", "name", r[7]), null, r[10] === "ja" ? 1 : 0, answeredAt, now, now, r[0]);
    n++;
  }
  db.exec("COMMIT");
  db.close();
  return n;
}

const cell = (v) => (v === null ? "\\N" : String(v).replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r"));

async function postgres(url) {
  const client = new pg.Client({ connectionString: url });
  // Teams and touchpoints are looked up on a second connection: COPY owns the first one.
  const dir = new pg.Client({ connectionString: url });
  await Promise.all([client.connect(), dir.connect()]);
  const idOf = async (map, table, column, value) => {
    if (map.has(value)) return map.get(value);
    await dir.query(`INSERT INTO "${table}"("${column}"${table === "Team" ? ', "name"' : ""}) VALUES ($1${table === "Team" ? ", $1" : ""}) ON CONFLICT DO NOTHING`, [value]);
    const id = (await dir.query(`SELECT id FROM "${table}" WHERE "${column}" = $1`, [value])).rows[0].id;
    map.set(value, id);
    return id;
  };
  const teams = new Map();
  const touchpoints = new Map();
  const now = new Date().toISOString().replace("T", " ").replace("Z", "");
  let n = 0;
  async function* lines() {
    let buf = "";
    for await (const r of rows()) {
      const answeredAt = new Date(r[3]).toISOString().replace("T", " ").replace("Z", "");
      buf += [source, r[0], r[1], nul(r[9]), nul(r[2]), nul(r[4]), nul(r[5]), nul(r[8]), await idOf(teams, "Team", "slug", r[6]),
        await idOf(touchpoints, "Touchpoint", "name", r[7]), r[10] === "ja" ? "t" : "f", answeredAt, now, now, r[0]].map(cell).join("\t") + "\n";
      n++;
      if (buf.length > 1 << 16) {
        yield buf;
        buf = "";
      }
    }
    if (buf) yield buf;
  }
  await client.query("BEGIN");
  const copy = client.query(copyFrom(`COPY "Answer"(source, "externalId", score, ces, comment, "customerName", "customerEmail", "customerAccount",
    "teamId", "touchpointId", "consentToShare", "answeredAt", "receivedAt", "updatedAt", "contentHash") FROM STDIN`));
  await pipeline(Readable.from(lines()), copy);
  await client.query("COMMIT");
  await Promise.all([client.end(), dir.end()]);
  return n;
}

const n = databaseUrl.startsWith("file:") ? await sqlite(databaseUrl.slice(5)) : await postgres(databaseUrl);
process.stdout.write(JSON.stringify({ rows: n }) + "\n");
