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
