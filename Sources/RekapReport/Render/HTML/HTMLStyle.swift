/// The report's only stylesheet, inlined: no external CSS, fonts or images, so the file can be mailed
/// or archived alone. Print drops backgrounds (borders carry the structure) and starts each chapter on
/// a new page; narrow screens scroll wide tables sideways instead of squeezing them.
enum HTMLStyle {
    static let css = """
    :root { --ink: #1d2330; --muted: #5b6472; --line: #c9ced6; --zebra: #f3f5f8; --accent: #1f5f9e;
            --warn-bg: #fff4d6; --warn-line: #c99a00; }
    * { box-sizing: border-box; }
    body { margin: 0 auto; max-width: 1180px; padding: 24px 20px 48px; color: var(--ink);
           font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
    h1 { font-size: 1.6em; margin: 0 0 .3em; }
    h2 { font-size: 1.3em; margin: 1.8em 0 .4em; padding-bottom: .2em; border-bottom: 2px solid var(--accent); }
    h3 { font-size: 1.05em; margin: 1.4em 0 .3em; }
    p.note { color: var(--muted); margin: .2em 0 .6em; font-size: .92em; }
    p.empty { color: var(--muted); font-style: italic; border: 1px dashed var(--line); padding: .5em .8em; }
    dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15em 1em; margin: .5em 0 1em; }
    dl.meta dt { color: var(--muted); }
    dl.meta dd { margin: 0; }
    .warning { border: 1px solid var(--warn-line); border-left-width: 6px; background: var(--warn-bg);
               padding: .6em .9em; margin: 1em 0; }
    nav.toc ol { columns: 2; padding-left: 1.2em; margin: .3em 0; }
    nav.toc a { color: var(--accent); }
    .table-wrap { overflow-x: auto; margin: .3em 0 1em; }
    table { border-collapse: collapse; min-width: 60%; font-size: .9em; }
    th, td { border: 1px solid var(--line); padding: .3em .5em; vertical-align: top; text-align: left; }
    th { background: var(--zebra); font-weight: 600; }
    tbody tr:nth-child(even) td { background: #fafbfc; }
    th.num { text-align: right; }
    td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    td.region { min-width: 8em; }
    td .code { display: block; color: var(--muted); font-size: .85em; white-space: nowrap; }
    tfoot td { font-weight: 600; border-top: 2px solid var(--ink); }
    td.missing { color: #9a3b3b; }
    td.sev-error { color: #a11d1d; font-weight: 600; }
    td.sev-warning { color: #8a5a00; font-weight: 600; }
    td.pointer { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .9em; }
    td.message { min-width: 16em; }
    figure.chart-figure { margin: .4em 0 .8em; }
    figure.chart-figure figcaption { color: var(--muted); font-size: .85em; }
    svg.chart { display: block; width: 100%; max-width: 620px; height: auto; }
    svg.chart .label { font-size: 12px; fill: var(--ink); }
    svg.chart .value { font-size: 12px; fill: var(--ink); font-variant-numeric: tabular-nums; }
    svg.chart .value.inside { fill: #fff; }
    svg.chart .axis { font-size: 11px; fill: var(--muted); }
    svg.chart .bar { fill: var(--accent); }
    svg.chart .gold { fill: #c9a227; }
    svg.chart .silver { fill: #8f98a3; }
    svg.chart .bronze { fill: #a8683a; }
    svg.chart .reference { stroke: #a11d1d; stroke-width: 1; stroke-dasharray: 4 3; }
    .legend span { display: inline-block; margin-right: 1em; font-size: .85em; color: var(--muted); }
    /* Swatches are thick borders, not backgrounds, so they survive printing without backgrounds. */
    .legend i { display: inline-block; width: 0; height: .9em; vertical-align: -.1em; margin-right: .3em; border-left: .9em solid; }
    .legend .gold { border-color: #c9a227; } .legend .silver { border-color: #8f98a3; } .legend .bronze { border-color: #a8683a; }
    footer { margin-top: 3em; color: var(--muted); font-size: .85em; }
    @media (max-width: 640px) {
      body { padding: 12px 10px 32px; font-size: 14px; }
      h1 { font-size: 1.3em; }
      nav.toc ol { columns: 1; }
      table { font-size: .85em; }
      th, td { padding: .25em .35em; }
    }
    @media print {
      @page { size: A4; margin: 14mm 12mm; }
      body { max-width: none; padding: 0; font-size: 10pt; }
      nav.toc { display: none; }
      section.chapter { break-before: page; }
      section.chapter:first-child { break-before: auto; }
      section.table { break-inside: avoid-page; }
      h2, h3 { break-after: avoid; }
      p.note { break-after: avoid; }
      .table-wrap { overflow: visible; }
      th, tbody tr:nth-child(even) td { background: none; }
      thead { display: table-header-group; }
      tfoot { display: table-footer-group; }
      tr, figure.chart-figure, svg.chart { break-inside: avoid; }
      .warning { background: none; }
      a { color: inherit; text-decoration: none; }
    }
    """
}
