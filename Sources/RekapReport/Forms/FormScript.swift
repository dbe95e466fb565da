/// The forms' script (served as ``FormRoutes/script``, allowed by the Content-Security-Policy's
/// `script-src 'self'`): an enhancement only, the form works the same without it. It keeps the sums of
/// the program lines beside the totals as people type (exact: rupiah as whole cents in `BigInt`,
/// shown the Indonesian way), and saves the draft every 30 seconds when something changed, by posting
/// the form with `action=save` as the Simpan button would (the same anti-forgery token and checks).
/// No inline handlers: everything is attached here.
public enum FormScript {
    public static let source = #"""
    (function () {
      "use strict";
      var form = document.querySelector("form[data-autosave]");
      if (!form) return;
      // "12.763.150.960,5" -> 1276315096050n (cents), null when it is not such a number.
      function cents(text) {
        var t = (text || "").replace(/\s/g, "");
        if (t === "") return 0n;
        var m = /^(-?)([0-9]{1,3}(?:\.[0-9]{3})*|[0-9]+)(?:,([0-9]{1,2}))?$/.exec(t);
        if (!m) return null;
        var v = BigInt(m[2].replace(/\./g, "")) * 100n + BigInt(((m[3] || "") + "00").slice(0, 2));
        return m[1] ? -v : v;
      }
      function shown(v) {
        var neg = v < 0n; if (neg) v = -v;
        var whole = (v / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ".");
        var rest = v % 100n;
        return (neg ? "-" : "") + whole + (rest === 0n ? "" : "," + rest.toString().padStart(2, "0"));
      }
      function totals() {
        document.querySelectorAll("[data-sum]").forEach(function (span) {
          var key = span.getAttribute("data-sum"), sum = 0n, pattern = new RegExp("^budget/programs/[0-9]+/" + key + "$");
          form.querySelectorAll("input[name]").forEach(function (input) {
            if (pattern.test(input.name)) { var c = cents(input.value); if (c !== null) sum += c; }
          });
          span.textContent = shown(sum);
        });
      }
      var dirty = false, status = document.getElementById("autosave");
      form.addEventListener("input", function () { dirty = true; totals(); });
      function save() {
        if (!dirty) return;
        dirty = false;
        var data = new URLSearchParams(new FormData(form));
        data.set("action", "save");
        fetch(form.action, { method: "POST", body: data, credentials: "same-origin", redirect: "manual" })
          .then(function (answer) {
            var ok = answer.type === "opaqueredirect" || answer.ok;
            if (!ok) dirty = true;
            if (status) status.textContent = form.getAttribute(ok ? "data-saved" : "data-not-saved") + " " + new Date().toLocaleTimeString();
          })
          .catch(function () { dirty = true; if (status) status.textContent = form.getAttribute("data-not-saved"); });
      }
      setInterval(save, 30000);
      totals();
    })();
    """#
}
