// An independent check of Slack's Block Kit limits (numbers written out again on purpose, not
// imported from src/faces/slack/limits.ts), so a wrong limit in the renderer cannot hide.
/* eslint-disable @typescript-eslint/no-explicit-any */

export function limitViolations(blocks: any[], surface: "message" | "view" = "message"): string[] {
  const out: string[] = [];
  const maxBlocks = surface === "message" ? 50 : 100;
  if (blocks.length > maxBlocks) out.push(`${blocks.length} blocks`);
  if (JSON.stringify(blocks).length > 12_000) out.push(`blocks JSON is ${JSON.stringify(blocks).length} characters`);
  const actionIds = new Set<string>();
  let charts = 0;
  blocks.forEach((b, i) => {
    const at = `block ${i} (${b.type})`;
    const mrkdwn = (t: any, max: number) => {
      if (t?.type !== "mrkdwn" || typeof t.text !== "string") out.push(`${at}: not a mrkdwn text`);
      else if (t.text.length > max) out.push(`${at}: mrkdwn ${t.text.length} > ${max}`);
      else if (/<[!@#]/.test(t.text)) out.push(`${at}: a live <!…>/<@…>/<#…> token`);
    };
    const plain = (t: any, max: number) => {
      if (t?.type !== "plain_text" || typeof t.text !== "string") out.push(`${at}: not a plain_text`);
      else if (t.text.length > max || t.text.length === 0) out.push(`${at}: plain_text length ${t.text.length} (max ${max})`);
    };
    switch (b.type) {
      case "header":
        plain(b.text, 150);
        break;
      case "section":
        if (!b.text && !b.fields) out.push(`${at}: neither text nor fields`);
        if (b.text) mrkdwn(b.text, 3000);
        if (b.fields) {
          if (b.fields.length === 0 || b.fields.length > 10) out.push(`${at}: ${b.fields.length} fields`);
          for (const f of b.fields) mrkdwn(f, 2000);
        }
        break;
      case "context":
        if (b.elements.length === 0 || b.elements.length > 10) out.push(`${at}: ${b.elements.length} elements`);
        for (const e of b.elements) mrkdwn(e, 3000);
        break;
      case "divider":
        break;
      case "actions":
        if (b.elements.length === 0 || b.elements.length > 25) out.push(`${at}: ${b.elements.length} elements`);
        if (b.block_id !== undefined && b.block_id.length > 255) out.push(`${at}: block_id too long`);
        for (const e of b.elements) {
          if (!e.action_id || e.action_id.length > 255) out.push(`${at}: action_id`);
          if (actionIds.has(e.action_id)) out.push(`${at}: duplicate action_id ${e.action_id}`);
          actionIds.add(e.action_id);
          if (e.type === "button") {
            plain(e.text, 75);
            if (typeof e.value !== "string" || e.value.length > 2000) out.push(`${at}: button value`);
          } else if (e.type === "users_select") plain(e.placeholder, 150);
          else out.push(`${at}: unknown element ${e.type}`);
        }
        break;
      case "data_visualization": {
        charts++;
        if (surface !== "message") out.push(`${at}: chart outside a message`);
        if (typeof b.title !== "string" || b.title.length === 0 || b.title.length > 50) out.push(`${at}: title`);
        const c = b.chart;
        if ((c?.type !== "line" && c?.type !== "bar") || !Array.isArray(c.series) || c.series.length < 1 || c.series.length > 6) out.push(`${at}: chart`);
        for (const s of c?.series ?? []) {
          if (typeof s.name !== "string" || s.name.length > 20) out.push(`${at}: series name`);
          if (s.data.length < 1 || s.data.length > 20) out.push(`${at}: ${s.data.length} points`);
          for (const p of s.data) if (typeof p.label !== "string" || p.label.length > 20 || typeof p.value !== "number") out.push(`${at}: point ${JSON.stringify(p)}`);
          if (JSON.stringify(s.data.map((p: any) => p.label)) !== JSON.stringify(c.axis_config?.categories)) out.push(`${at}: labels differ from categories`);
          if (new Set(s.data.map((p: any) => p.label)).size !== s.data.length) out.push(`${at}: duplicate category labels`);
        }
        break;
      }
      default:
        out.push(`${at}: unknown block type`);
    }
  });
  if (charts > 2) out.push(`${charts} charts`);
  return out;
}
