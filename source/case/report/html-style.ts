/** The report's only styling: inline, no fonts or images fetched, readable on screen and paper. */
export const HTML_STYLE = `
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --band: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 2rem 1.5rem 4rem; color: var(--ink);
  font: 15px/1.5 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2.5rem 0 .75rem; padding-bottom: .3rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
.subtitle { color: var(--muted); margin: 0 0 1rem; }
.table { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin: .5rem 0 1rem; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top;
  overflow-wrap: anywhere; }
th { background: var(--band); }
tr:nth-child(even) td { background: #fbfcfd; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .5rem 0 1rem; }
dt { font-weight: 600; }
dd { margin: 0; overflow-wrap: anywhere; }
.tone-critical { color: #fff; background: #82071e !important; font-weight: 600; }
.tone-high { color: #a40e26; font-weight: 600; }
.tone-medium { color: #9a6700; }
.tone-low { color: #0969da; }
.tone-info, .tone-muted { color: var(--muted); }
.tone-good { color: #1a7f37; font-weight: 600; }
@media print { body { max-width: none; padding: 0; font-size: 11px; } h2 { break-after: avoid; }
  tr { break-inside: avoid; } .table { overflow: visible; } }
`;
