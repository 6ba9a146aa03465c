// Selectors a source uses to find an answer's fields in a tool's payload (pure):
//   /form_response/hidden/team   a JSON Pointer (RFC 6901)
//   ref:<field ref>              Typeform: the answer to the question with that ref
//   type:nps|opinion_scale       Typeform: the one answer whose question has one of these types
//   question:<question id>       SurveyMonkey: the first answer to that question
//   =value                       a fixed value
export type Selected = { ok: true; value: unknown } | { ok: false; reason: string };

/** RFC 6901: "" is the whole document; "~1" is "/", "~0" is "~"; array indexes are decimal. */
export function resolvePointer(doc: unknown, pointer: string): unknown {
  if (pointer === "") return doc;
  let at: unknown = doc;
  for (const raw of pointer.slice(1).split("/")) {
    const token = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(at)) {
      if (!/^(0|[1-9]\d*)$/.test(token)) return undefined;
      at = at[Number(token)];
    } else if (at !== null && typeof at === "object" && Object.hasOwn(at, token)) {
      at = (at as Record<string, unknown>)[token];
    } else return undefined;
  }
  return at;
}

export function selectorProblem(selector: string): string | null {
  if (selector.startsWith("/") || selector === "" || selector.startsWith("=")) return null;
  const m = /^(ref|type|question):(.+)$/.exec(selector);
  if (m) return null;
  return `"${selector}" is not a selector: use a JSON Pointer (/a/b), ref:<field ref>, type:<question type>, question:<id> or =<fixed value>`;
}

interface TypeformAnswer {
  type?: string;
  field?: { ref?: string; type?: string };
  [key: string]: unknown;
}

/** The value of one Typeform answer, by its answer type (number, text, choice, …). */
function typeformValue(a: TypeformAnswer): unknown {
  switch (a.type) {
    case "choice":
      return (a.choice as { label?: unknown } | undefined)?.label ?? (a.choice as { other?: unknown } | undefined)?.other;
    case "choices":
      return (a.choices as { labels?: unknown[] } | undefined)?.labels?.join(", ");
    default:
      return a.type ? a[a.type] : undefined;
  }
}

function typeformAnswers(doc: unknown): TypeformAnswer[] {
  const list = resolvePointer(doc, "/form_response/answers");
  return Array.isArray(list) ? (list.filter((a) => a && typeof a === "object") as TypeformAnswer[]) : [];
}

function surveyMonkeyAnswer(doc: unknown, questionId: string): unknown {
  const pages = resolvePointer(doc, "/pages");
  for (const page of Array.isArray(pages) ? pages : []) {
    for (const q of Array.isArray(page?.questions) ? page.questions : []) {
      if (String(q?.id) !== questionId) continue;
      const first = Array.isArray(q.answers) ? q.answers[0] : undefined;
      return first?.simple_text ?? first?.text ?? undefined;
    }
  }
  return undefined;
}

/** Applies one selector; a selector that finds nothing gives undefined (the field is absent). */
export function select(doc: unknown, selector: string): Selected {
  if (selector.startsWith("=")) return { ok: true, value: selector.slice(1) };
  if (selector === "" || selector.startsWith("/")) return { ok: true, value: resolvePointer(doc, selector) };
  const [, how, arg] = /^(ref|type|question):(.+)$/.exec(selector) ?? [];
  if (how === "ref") return { ok: true, value: mapOr(typeformAnswers(doc).find((a) => a.field?.ref === arg), typeformValue) };
  if (how === "type") {
    const types = arg!.split("|");
    const found = typeformAnswers(doc).filter((a) => types.includes(a.field?.type ?? ""));
    if (found.length > 1) return { ok: false, reason: `more than one ${types.join(" or ")} question answered: name one with --map FIELD=ref:<field ref>` };
    return { ok: true, value: mapOr(found[0], typeformValue) };
  }
  if (how === "question") return { ok: true, value: surveyMonkeyAnswer(doc, arg!) };
  return { ok: false, reason: selectorProblem(selector) ?? "bad selector" };
}

function mapOr<T, R>(v: T | undefined, f: (v: T) => R): R | undefined {
  return v === undefined ? undefined : f(v);
}
