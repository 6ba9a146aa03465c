// Text a database cannot store faithfully is refused at the edge, in every schema that reads outside
// text (the API's answers, a CSV row, /api/forget): PostgreSQL rejects a NUL byte in text and a
// lone UTF-16 surrogate cannot be encoded as UTF-8 (SQLite stores it mangled, PostgreSQL fails).
import { z } from "zod";

export const UNSTORABLE_TEXT = "contains a NUL byte or a lone UTF-16 surrogate, which cannot be stored";

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Well-formed UTF-16 without NUL. */
export const isStorableText = (s: string) => !s.includes("\u0000") && !LONE_SURROGATE.test(s);

/** The refinement, added to a string schema. */
export const safeText = <T extends z.ZodString>(schema: T): T => schema.refine(isStorableText, { error: UNSTORABLE_TEXT }) as T;
