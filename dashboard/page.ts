/**
 * The dashboard page: HTML and CSS as template strings, the bundled script inline, and a strict
 * Content-Security-Policy that allows exactly that script and that style by their SHA-256 hashes.
 * Server side (the API function serves it); the page itself holds no data.
 */
import { createHash } from 'node:crypto';

/** The page's stylesheet. */
export const DASHBOARD_CSS = `
:root { color-scheme: light; --ink: #1b1b1b; --muted: #555; --line: #c9c9c9; --accent: #1f5fa8; --win: #1e6b2c; --bg: #fafafa; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
header { background: #fff; border-bottom: 1px solid var(--line); padding: 12px 24px; display: flex; flex-wrap: wrap; gap: 12px 32px; align-items: end; }
header h1 { font-size: 1.25rem; margin: 0 auto 0 0; }
main { padding: 16px 24px 48px; max-width: 1200px; }
form, .picker { display: flex; gap: 8px; align-items: end; flex-wrap: wrap; }
label { display: flex; flex-direction: column; font-size: 0.85rem; color: var(--muted); gap: 2px; }
input, select, button { font: inherit; padding: 6px 8px; border: 1px solid #767676; border-radius: 4px; background: #fff; color: var(--ink); }
select { min-width: 320px; max-width: 100%; }
button { cursor: pointer; background: var(--accent); color: #fff; border-color: var(--accent); }
:focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
#status { font-size: 0.85rem; color: var(--muted); margin: 8px 0 0; }
#status.error { color: #a40000; font-weight: 600; }
#summary { color: var(--muted); margin: 4px 0 0; }
h2 { margin: 24px 0 4px; font-size: 1.4rem; }
h3 { margin: 0 0 4px; font-size: 1.1rem; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 8px 0 16px; }
.meta dt { color: var(--muted); }
.meta dd { margin: 0; }
.segment { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 16px; margin: 16px 0; }
.verdict { font-weight: 600; margin: 4px 0; }
.holdout { margin: 4px 0 12px; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: 4px 0 8px; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 10px; text-align: left; vertical-align: top; white-space: nowrap; }
thead th { border-bottom: 2px solid var(--ink); font-size: 0.85rem; }
td.num { text-align: right; }
tr.winner th, tr.winner td { background: #e8f4ea; }
tr.winner strong { color: var(--win); }
tr.winner strong::before { content: "\\2605  "; }
figure { margin: 16px 0 0; }
figcaption { font-size: 0.85rem; color: var(--muted); }
.chart { width: 100%; max-width: 720px; height: auto; display: block; }
.chart .grid { stroke: #e2e2e2; stroke-width: 1; }
.chart text { font-size: 12px; fill: var(--muted); }
.chart .line-label { font-weight: 600; }
details { margin: 8px 0; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

/** The page's markup around the script. */
function body(): string {
  return `<header>
  <h1>Channel Lab — experiment results</h1>
  <form id="key-form" aria-label="API key">
    <label for="api-key">API key (kept for this tab only)
      <input id="api-key" name="api-key" type="password" autocomplete="off" spellcheck="false" placeholder="x-api-key, when required">
    </label>
    <button type="submit">Use key</button>
  </form>
</header>
<main>
  <div class="picker">
    <label for="experiment">Experiment
      <select id="experiment"><option value="">Loading…</option></select>
    </label>
    <button id="refresh" type="button">Refresh now</button>
  </div>
  <p id="summary"></p>
  <p id="status" role="status" aria-live="polite">Loading…</p>
  <p id="error" class="visually-hidden" role="alert"></p>
  <div id="results" aria-live="polite"></div>
</main>`;
}

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The HTML page with `script` inline, and the Content-Security-Policy that allows it and nothing else. */
export function dashboardPage(script: string): { readonly html: string; readonly contentSecurityPolicy: string } {
  // A literal "</script" inside the bundle would end the element early.
  const safeScript = script.replace(/<\/script/gi, '<\\/script');
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Channel Lab dashboard</title>
<link rel="icon" href="data:,">
<style>${DASHBOARD_CSS}</style>
</head>
<body>
${body()}
<script>${safeScript}</script>
</body>
</html>
`;
  const contentSecurityPolicy = [
    "default-src 'none'",
    `script-src ${sha256(safeScript)}`,
    `style-src ${sha256(DASHBOARD_CSS)}`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return { html, contentSecurityPolicy };
}
