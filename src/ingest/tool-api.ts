// The survey tools' APIs Kundepuls reads from: SurveyMonkey and Qualtrics webhooks only notify,
// so the answer is fetched by id; SurveyMonkey can also be polled for answers modified since a
// time. Base URLs are per source (--api-url), so tests point them at a local fake.
import { z } from "zod";

export const DEFAULT_API_URL: Partial<Record<string, string>> = { surveymonkey: "https://api.surveymonkey.com" };
const TIMEOUT_MS = 10_000;

export class ToolApiError extends Error {}

async function getJson(url: string, headers: Record<string, string>): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: "application/json", ...headers }, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    throw new ToolApiError(`${new URL(url).host} unreachable (${(error as Error).message})`);
  }
  if (!res.ok) throw new ToolApiError(`${new URL(url).host} answered HTTP ${res.status}`);
  try {
    return await res.json();
  } catch {
    throw new ToolApiError(`${new URL(url).host} sent something other than JSON`);
  }
}

const base = (apiUrl: string) => apiUrl.replace(/\/+$/, "");

const surveyMonkeyNotice = z.object({ object_id: z.coerce.string(), resources: z.object({ survey_id: z.coerce.string() }) });
const qualtricsNotice = z.object({ SurveyID: z.string().min(1), ResponseID: z.string().min(1) });

/** The ids a notification names, or why it names none. */
export function noticeIds(kind: "surveymonkey" | "qualtrics", payload: unknown): { surveyId: string; responseId: string } | string {
  if (kind === "surveymonkey") {
    const p = surveyMonkeyNotice.safeParse(payload);
    return p.success ? { surveyId: p.data.resources.survey_id, responseId: p.data.object_id } : "the notification names no object_id and resources.survey_id";
  }
  const p = qualtricsNotice.safeParse(payload);
  return p.success ? { surveyId: p.data.SurveyID, responseId: p.data.ResponseID } : "the notification names no SurveyID and ResponseID";
}

export function fetchResponse(kind: "surveymonkey" | "qualtrics", apiUrl: string, token: string, ids: { surveyId: string; responseId: string }): Promise<unknown> {
  const s = encodeURIComponent(ids.surveyId);
  const r = encodeURIComponent(ids.responseId);
  return kind === "surveymonkey"
    ? getJson(`${base(apiUrl)}/v3/surveys/${s}/responses/${r}/details?simple=true`, { authorization: `Bearer ${token}` })
    : getJson(`${base(apiUrl)}/API/v3/surveys/${s}/responses/${r}`, { "x-api-token": token });
}

const bulkPage = z.object({ data: z.array(z.record(z.string(), z.unknown())), per_page: z.number().int().positive().optional() });
const PER_PAGE = 100;
const MAX_PAGES = 50;

/** SurveyMonkey's responses modified at or after `since`, oldest first, page by page. */
export async function* modifiedSince(apiUrl: string, token: string, surveyId: string, since: Date | null): AsyncGenerator<Record<string, unknown>[]> {
  for (let page = 1; page <= MAX_PAGES; page++) {
    const query = new URLSearchParams({ simple: "true", per_page: String(PER_PAGE), page: String(page), sort_by: "date_modified", sort_order: "ASC" });
    if (since) query.set("start_modified_at", since.toISOString().slice(0, 19));
    const parsed = bulkPage.safeParse(await getJson(`${base(apiUrl)}/v3/surveys/${encodeURIComponent(surveyId)}/responses/bulk?${query}`, { authorization: `Bearer ${token}` }));
    if (!parsed.success) throw new ToolApiError("the responses list is not in the documented shape");
    yield parsed.data.data;
    if (parsed.data.data.length < (parsed.data.per_page ?? PER_PAGE)) return;
  }
}
