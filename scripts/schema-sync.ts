// npm run schema:sync — copies the models of prisma/sqlite/schema.prisma into
// prisma/postgres/schema.prisma, so the two database kinds never drift apart.
import fs from "node:fs";
import { MODELS_MARKER, modelsOf, readSchema, schemaPath } from "./schema-files.ts";

const models = modelsOf(readSchema("sqlite").content);
const postgres = readSchema("postgres").content;
const head = postgres.slice(0, postgres.indexOf(MODELS_MARKER));
fs.writeFileSync(schemaPath("postgres"), head + models);
console.log("prisma/postgres/schema.prisma: models copied from prisma/sqlite/schema.prisma");
