// What the privacy tests share: an answer of a named customer, and a POST with the ingest token.
export const TOKEN = "forget-test-token-0123456789";

export const answer = (id: string, score: number, comment: string, customer: Record<string, string>, extra: Record<string, unknown> = {}) =>
  ({ id, score, team: "support", touchpoint: "telefon", comment, customer, ...extra });

export async function post(url: string, path: string, body: unknown, token: string | null = TOKEN): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

