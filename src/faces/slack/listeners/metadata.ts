// private_metadata of our modals: what the submission needs to finish the work (which case,
// where its alert is, the language, where the person started). JSON, read back with zod.
import { z } from "zod";
import { LIMITS } from "../limits.ts";
import { placeSchema } from "./places.ts";

const lang = z.enum(["da", "en"]);

export const resolveMetadata = z.object({ caseId: z.number().int().positive(), lang, place: placeSchema });
export type ResolveMetadata = z.infer<typeof resolveMetadata>;

/** `channel`: where /kundehistorie or the shortcut was used (the confirmation goes there). */
export const storyMetadata = z.object({ lang, channel: z.string().min(1).nullable() });
export type StoryMetadata = z.infer<typeof storyMetadata>;

export function encodeMetadata(value: ResolveMetadata | StoryMetadata): string {
  const text = JSON.stringify(value);
  if (text.length > LIMITS.privateMetadata) throw new Error("private_metadata longer than 3,000 characters");
  return text;
}

export function decodeMetadata<T>(schema: z.ZodType<T>, raw: string | undefined): T | null {
  if (!raw) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // not JSON: a modal from someone else, or a tampered payload
  }
}
