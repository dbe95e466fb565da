/// The dashboard's CSS, added after the report's (`HTMLStyle`): cards that sit side by side on a wide
/// screen and stack on a phone, where the leaderboards keep rank, region and value (the chart above
/// shows the same ranking) so nothing scrolls sideways at 375 px.
enum DashboardStyle {
    static let css = """
    body.dashboard { max-width: 1280px; }
    .title-row { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: .3em 1em; }
    .title-row h1 { margin: 0; }
    form.controls { display: flex; flex-wrap: wrap; align-items: flex-end; gap: .5em 1em; margin: .6em 0 .2em; }
    form.controls label { display: flex; flex-direction: column; font-size: .85em; color: var(--muted); }
    input, button { font: inherit; color: var(--ink); padding: .35em .55em; border: 1px solid var(--line); border-radius: 4px; max-width: 100%; }
    button { background: var(--accent); border-color: var(--accent); color: #fff; cursor: pointer; }
    form.logout button { background: none; color: var(--accent); }
    p.status { color: var(--muted); font-size: .9em; margin: .3em 0; }
    .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 520px), 1fr)); gap: .5em 2em; }
    section.card { min-width: 0; }
    section.card h2 { margin-top: 1.2em; }
    td.region { min-width: 0; }
    details.rows summary { cursor: pointer; color: var(--accent); margin: .1em 0 .8em; font-size: .92em; }
    ul.findings { list-style: none; padding: 0; margin: .4em 0; }
    ul.findings li { border-left: 4px solid var(--line); background: var(--zebra); padding: .4em .7em; margin: .4em 0;
                     overflow-wrap: anywhere; }
    ul.findings li.sev-error { border-left-color: #a11d1d; }
    ul.findings li.sev-warning { border-left-color: var(--warn-line); }
    ul.findings .sev { font-weight: 600; margin-right: .4em; }
    ul.findings li.sev-error .sev { color: #a11d1d; }
    ul.findings li.sev-warning .sev { color: #8a5a00; }
    ul.findings .where, ul.findings .rule { color: var(--muted); font-size: .88em; }
    ul.findings code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .88em; }
    ul.findings p { margin: .2em 0 0; }
    body.login main { max-width: 26em; margin: 8vh auto 0; }
    body.login form { display: flex; flex-direction: column; gap: .6em; }
    body.login input { width: 100%; }
    @media (max-width: 560px) {
      section.table[id^="rank-"] th:nth-child(n+4), section.table[id^="rank-"] td:nth-child(n+4) { display: none; }
      #rank-awards th:nth-child(-n+5), #rank-awards td:nth-child(-n+5) { display: table-cell; }
      table { min-width: 0; width: 100%; }
    }
    """
}
