// The one refinement every schema that reads outside text adds (the API's answers, a CSV row,
// /api/forget, the CLI's customer arguments): text the database cannot store is refused at the edge.
import { z } from "zod";
import { isStorableText, UNSTORABLE_TEXT } from "../core/storable-text.ts";

export { UNSTORABLE_TEXT } from "../core/storable-text.ts";

export const safeText = <T extends z.ZodString>(schema: T): T => schema.refine(isStorableText, { error: UNSTORABLE_TEXT }) as T;
