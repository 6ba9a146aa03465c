// A case id as text: in a button's value, a form's private data, an input id, a typed command.
// One codec, so what a message writes is exactly what a click, a submit or a command reads back.

/** At most ten digits, no leading zero: what a button of ours can carry. */
const CASE_ID = /^[1-9]\d{0,9}$/;

export function caseIdText(id: number): string {
  if (!Number.isSafeInteger(id) || !CASE_ID.test(String(id))) throw new Error(`not a case id: ${id}`);
  return String(id);
}

/** The case id `text` holds, or null: anything else (blank, "0", "07", "4.2", "-3", "abc") is refused. */
export function parseCaseId(text: string | null | undefined): number | null {
  return text && CASE_ID.test(text) ? Number(text) : null;
}
