/// The forms' style sheet: one column on phones, a grid of fields on wider screens; nothing wider than
/// the screen (inputs shrink, long words wrap), so a 375 px phone never scrolls sideways.
enum FormStyle {
    static let css = """
    *,*::before,*::after{box-sizing:border-box}
    body{font-family:system-ui,sans-serif;margin:0;padding:0 .75rem 2rem;line-height:1.4;color:#1a1a1a;overflow-wrap:anywhere}
    header{display:flex;flex-wrap:wrap;gap:.5rem;align-items:baseline;justify-content:space-between;border-bottom:1px solid #ccc}
    h1{font-size:1.3rem;margin:.75rem 0 .25rem}h2{font-size:1.15rem;margin-top:1.5rem}h3{font-size:1rem}
    main{max-width:72rem;margin:0 auto}
    .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,13rem),1fr));gap:.5rem .75rem}
    .fld{display:flex;flex-direction:column;min-width:0}.fld.wide{grid-column:1/-1}
    label{font-size:.9rem;font-weight:600;margin-bottom:.15rem}
    input,select,button{font:inherit;max-width:100%}
    input,select{width:100%;padding:.4rem;border:1px solid #777;border-radius:4px;min-width:0}
    input:focus,select:focus,button:focus{outline:3px solid #1d5fbf;outline-offset:1px}
    fieldset.row{border:1px solid #bbb;border-radius:6px;margin:.75rem 0;padding:.5rem .75rem;min-width:0}
    legend{font-weight:700}
    .children{margin-left:.5rem;padding-left:.5rem;border-left:3px solid #dde}
    button{padding:.45rem .9rem;border:1px solid #555;border-radius:4px;background:#f3f3f3;cursor:pointer;margin:.25rem 0}
    button.primary{background:#1d5fbf;color:#fff;border-color:#1d5fbf}
    .actions{display:flex;flex-wrap:wrap;gap:.5rem;margin:1rem 0}
    .notes{margin:.25rem 0 0;padding-left:1.1rem;font-size:.9rem}
    .problem,.error{color:#a40000}.warning{color:#8a4b00}.info{color:#333}
    .has-notes input,.has-notes select{border:2px solid #a40000}
    .summary{border:2px solid #a40000;border-radius:6px;padding:.25rem .75rem;margin:1rem 0}
    .notice,.ok{background:#eef6ee;border:1px solid #6a6;padding:.5rem;border-radius:4px}
    .sums{font-size:.9rem}
    .visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
    table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3rem;text-align:left;vertical-align:top}
    @media (max-width:40rem){table,thead,tbody,tr,td,th{display:block}thead{display:none}tr{border:1px solid #ccc;margin:.5rem 0;padding:.25rem}
    td::before{content:attr(data-label) ": ";font-weight:600}}
    """
}
