// Team slugs as people write them ("Salg Nord", "Økonomi") → "salg-nord", "oekonomi".
// One rule for the API, CSV imports and chat commands, so the same team is found everywhere.
const DANISH: Record<string, string> = { æ: "ae", ø: "oe", å: "aa" };

export function slugify(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[æøå]/g, (c) => DANISH[c]!)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9_]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63);
}
