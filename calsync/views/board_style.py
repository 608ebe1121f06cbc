"""The board's stylesheet, inlined into the page: no network, no framework.

Light and dark follow `prefers-color-scheme`; every colour pair keeps a contrast of at least
4.5:1; a stage is always named in words, its colour only repeats it. On paper the columns
flow one after another and no card is cut across pages.
"""

CSS = """
:root {
  --bg: #f6f7f9; --panel: #ffffff; --text: #1b1f24; --muted: #4a5361; --line: #d5dae1;
  --ahead: #1d5fbf; --thanks: #7a4a00; --waiting: #3d4b5c; --due: #b3261e; --offer: #1e6b34;
  --closed: #5b5f66;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #121417; --panel: #1c2026; --text: #eceff3; --muted: #b4bcc8; --line: #343b45;
    --ahead: #8ab4f8; --thanks: #f2c46d; --waiting: #aab6c5; --due: #f28b82; --offer: #81c995;
    --closed: #b0b4ba;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--text);
  font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  overflow-wrap: anywhere;
}
header, main { max-width: 90rem; margin: 0 auto; padding: 0 1rem; }
header { padding-top: 1.25rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
h3 { font-size: 1rem; margin: 0 0 .5rem; }
h4 { font-size: 1rem; margin: 0 0 .35rem; }
.lede { color: var(--muted); margin: 0; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr));
  gap: .75rem; margin: 0; }
.figures div { background: var(--panel); border: 1px solid var(--line); border-radius: .5rem;
  padding: .6rem .8rem; }
.figures dt { color: var(--muted); font-size: .85rem; }
.figures dd { margin: 0; font-size: 1.4rem; font-weight: 600; }
.strip { list-style: none; padding: 0; margin: 0; display: grid;
  grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: .5rem; }
.strip > li { background: var(--panel); border: 1px solid var(--line); border-radius: .5rem;
  padding: .5rem .7rem; }
.strip ul { list-style: none; padding: 0; margin: 0; font-size: .9rem; }
.strip ul li + li { margin-top: .3rem; }
.kind { font-weight: 600; }
.columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
  gap: .75rem; align-items: start; }
.column { background: var(--panel); border: 1px solid var(--line); border-radius: .5rem;
  padding: .7rem; border-top: .35rem solid var(--stage); }
.count { color: var(--muted); font-weight: 400; }
.card { border: 1px solid var(--line); border-left: .3rem solid var(--stage);
  border-radius: .4rem; padding: .55rem .7rem; margin-top: .6rem; background: var(--bg); }
.card p { margin: .3rem 0; }
.status { font-weight: 600; color: var(--stage); }
.rounds { margin: .3rem 0; padding-left: 1.2rem; font-size: .92rem; }
.people { color: var(--muted); }
.said { margin: .4rem 0 0; padding-left: .6rem; border-left: 2px solid var(--line);
  color: var(--muted); font-style: italic; }
.empty { color: var(--muted); margin: .5rem 0 0; }
.stage-ahead { --stage: var(--ahead); } .stage-thanks { --stage: var(--thanks); }
.stage-waiting { --stage: var(--waiting); } .stage-due { --stage: var(--due); }
.stage-offer { --stage: var(--offer); } .stage-closed { --stage: var(--closed); }
footer { max-width: 90rem; margin: 1.5rem auto; padding: 0 1rem; color: var(--muted);
  font-size: .85rem; }
@media print {
  :root { --bg: #fff; --panel: #fff; --text: #000; --muted: #333; --line: #999; }
  body { font-size: 11pt; }
  .columns, .strip, .figures { display: block; }
  .column, .strip > li, .figures div { margin-bottom: .5rem; }
  .card, .strip > li { break-inside: avoid; }
}
"""
