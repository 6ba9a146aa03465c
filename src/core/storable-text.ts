// Text a database cannot store faithfully: PostgreSQL rejects a NUL byte in text, and a lone UTF-16
// surrogate has no UTF-8 encoding (SQLite stores it mangled, PostgreSQL fails the statement).
export const UNSTORABLE_TEXTS = {
  da: "indeholder en NUL-byte eller et enligt UTF-16-surrogat, som ikke kan gemmes",
  en: "contains a NUL byte or a lone UTF-16 surrogate, which cannot be stored",
} as const;
/** The API's reason (its errors are English); the CSV import says it in its own language. */
export const UNSTORABLE_TEXT = UNSTORABLE_TEXTS.en;

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Well-formed UTF-16 without NUL. */
export const isStorableText = (s: string) => !s.includes("\u0000") && !LONE_SURROGATE.test(s);
