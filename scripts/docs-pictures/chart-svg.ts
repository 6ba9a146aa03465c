// A line chart as SVG, the way both chat clients draw a short NPS trend: points joined by a line,
// the category labels under it. Used for Slack's data_visualization block and Teams' Chart.Line.
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function lineChartSvg(points: { label: string; value: number }[], width: number, height: number, colour: string): string {
  const pad = { left: 36, right: 12, top: 12, bottom: 28 };
  const values = points.map((p) => p.value);
  const low = Math.min(0, ...values);
  const high = Math.max(10, ...values);
  const x = (i: number) => pad.left + (points.length === 1 ? 0 : (i * (width - pad.left - pad.right)) / (points.length - 1));
  const y = (v: number) => pad.top + ((high - v) * (height - pad.top - pad.bottom)) / (high - low);
  const grid = [low, (low + high) / 2, high].map((v) =>
    `<line x1="${pad.left}" x2="${width - pad.right}" y1="${y(v)}" y2="${y(v)}" stroke="#e3e3e3"/><text x="${pad.left - 6}" y="${y(v) + 4}" text-anchor="end">${Math.round(v)}</text>`);
  const line = points.map((p, i) => `${x(i)},${y(p.value)}`).join(" ");
  const dots = points.map((p, i) => `<circle cx="${x(i)}" cy="${y(p.value)}" r="3" fill="${colour}"/>`);
  // Like the clients, label only as many points as fit side by side.
  const every = Math.ceil(points.length / Math.max(1, Math.floor((width - pad.left - pad.right) / 80)));
  const labels = points.map((p, i) => (i % every === 0 ? `<text x="${x(i)}" y="${height - 8}" text-anchor="middle">${esc(p.label)}</text>` : ""));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11" fill="#616061">${grid.join("")}<polyline points="${line}" fill="none" stroke="${colour}" stroke-width="2"/>${dots.join("")}${labels.join("")}</svg>`;
}

/**
 * A bar chart as SVG. "vertical" (Slack's bar chart): columns over a zero line, the labels slanted
 * under them; "horizontal" (Teams' Chart.HorizontalBar): one row per category, the label on the
 * left and the value after the bar. `colours` gives each bar's colour (Teams: red below zero).
 */
export function barChartSvg(points: { label: string; value: number; colour?: string }[], width: number, orientation: "vertical" | "horizontal", colour: string): string {
  const values = points.map((p) => p.value);
  const low = Math.min(0, ...values);
  const high = Math.max(10, ...values);
  const fill = (p: { colour?: string }) => p.colour ?? colour;
  if (orientation === "horizontal") {
    const row = 24;
    const left = 150;
    const right = 44;
    const height = points.length * row + 8;
    const x = (v: number) => left + ((v - low) * (width - left - right)) / (high - low);
    const bars = points.map((p, i) => {
      const y = 4 + i * row;
      const [a, b] = [x(Math.min(0, p.value)), x(Math.max(0, p.value))];
      return `<text x="${left - 8}" y="${y + 15}" text-anchor="end">${esc(p.label)}</text><rect x="${a}" y="${y + 4}" width="${Math.max(1, b - a)}" height="${row - 8}" rx="2" fill="${fill(p)}"/><text x="${b + 6}" y="${y + 15}">${p.value > 0 ? "+" : ""}${p.value}</text>`;
    });
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12" fill="#616061"><line x1="${x(0)}" x2="${x(0)}" y1="0" y2="${height}" stroke="#c8c8c8"/>${bars.join("")}</svg>`;
  }
  const height = 230;
  const pad = { left: 36, right: 12, top: 12, bottom: 80 };
  const slot = (width - pad.left - pad.right) / Math.max(1, points.length);
  const y = (v: number) => pad.top + ((high - v) * (height - pad.top - pad.bottom)) / (high - low);
  const grid = [low, 0, high].filter((v, i, all) => all.indexOf(v) === i).map((v) =>
    `<line x1="${pad.left}" x2="${width - pad.right}" y1="${y(v)}" y2="${y(v)}" stroke="${v === 0 ? "#c8c8c8" : "#e3e3e3"}"/><text x="${pad.left - 6}" y="${y(v) + 4}" text-anchor="end">${Math.round(v)}</text>`);
  const bars = points.map((p, i) => {
    const cx = pad.left + slot * (i + 0.5);
    const [top, bottom] = [y(Math.max(0, p.value)), y(Math.min(0, p.value))];
    const base = height - pad.bottom + 14;
    return `<rect x="${cx - slot * 0.3}" y="${top}" width="${slot * 0.6}" height="${Math.max(1, bottom - top)}" rx="2" fill="${fill(p)}"/><text transform="translate(${cx},${base}) rotate(-40)" text-anchor="end">${esc(p.label)}</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11" fill="#616061">${grid.join("")}${bars.join("")}</svg>`;
}
