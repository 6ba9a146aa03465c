// Slack's limits for a whole view (a modal or the Home tab), written out again on purpose like
// limits-check.ts: title/submit/close, callback_id, private_metadata, input blocks. The other
// blocks are checked by limitViolations.
/* eslint-disable @typescript-eslint/no-explicit-any */
import { limitViolations } from "./limits-check.ts";

export function viewViolations(view: any): string[] {
  const out: string[] = [];
  const plain = (t: any, max: number, what: string) => {
    if (t?.type !== "plain_text" || typeof t.text !== "string" || t.text.length === 0 || t.text.length > max) out.push(`${what}: ${JSON.stringify(t)}`);
  };
  if (view.type !== "modal" && view.type !== "home") out.push(`view type ${view.type}`);
  if (!Array.isArray(view.blocks) || view.blocks.length > 100) out.push(`${view.blocks?.length} blocks`);
  if (view.type === "modal") {
    plain(view.title, 24, "title");
    if (view.submit !== undefined) plain(view.submit, 24, "submit");
    if (view.close !== undefined) plain(view.close, 24, "close");
  }
  if (view.callback_id !== undefined && (typeof view.callback_id !== "string" || view.callback_id.length > 255)) out.push("callback_id");
  if (view.private_metadata !== undefined && (typeof view.private_metadata !== "string" || view.private_metadata.length > 3000)) out.push("private_metadata");
  const inputs = (view.blocks ?? []).filter((b: any) => b.type === "input");
  if (inputs.length > 0 && view.type !== "modal") out.push("input blocks outside a modal");
  if (inputs.length > 0 && view.submit === undefined) out.push("a modal with inputs needs a submit button");
  const blockIds = new Set<string>();
  for (const b of inputs) {
    const at = `input ${b.block_id}`;
    if (typeof b.block_id !== "string" || b.block_id.length === 0 || b.block_id.length > 255 || blockIds.has(b.block_id)) out.push(`${at}: block_id`);
    blockIds.add(b.block_id);
    plain(b.label, 2000, `${at} label`);
    const e = b.element;
    if (!e?.action_id || e.action_id.length > 255) out.push(`${at}: action_id`);
    if (e?.type === "plain_text_input") {
      if (e.max_length !== undefined && (e.max_length < 1 || e.max_length > 3000)) out.push(`${at}: max_length ${e.max_length}`);
      if (e.initial_value !== undefined && (typeof e.initial_value !== "string" || e.initial_value.length > (e.max_length ?? 3000))) out.push(`${at}: initial_value`);
    } else if (e?.type === "static_select") {
      if (!Array.isArray(e.options) || e.options.length < 1 || e.options.length > 100) out.push(`${at}: ${e.options?.length} options`);
      for (const o of e.options ?? []) {
        plain(o.text, 75, `${at} option text`);
        if (typeof o.value !== "string" || o.value.length === 0 || o.value.length > 150) out.push(`${at}: option value`);
      }
    } else out.push(`${at}: unknown element ${e?.type}`);
  }
  out.push(...limitViolations(view.blocks.filter((b: any) => b.type !== "input"), "view"));
  return out;
}
