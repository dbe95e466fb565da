/// The forms' script (served as ``FormRoutes/script``, allowed by the Content-Security-Policy's
/// `script-src 'self'`): an enhancement only, the form works the same without it. It keeps the sums of
/// the program lines beside the totals as people type (exact: rupiah as whole cents in `BigInt`,
/// shown the Indonesian way), and saves the draft every 30 seconds when something changed, by posting
/// the form with `action=save` as the Simpan button would (the same anti-forgery token and checks).
/// It adds and removes rows in place: Tambah clones the list's `<template>` (the server's own rendering
/// of a new row, ``ReportFormPage/templatePlaces``) and Hapus removes its row; then the list's rows are
/// renumbered (names, ids, labels, buttons, headings), so the posted pointers stay dense and read as if
/// the server had rendered them. Focus moves to the new row, or to where the removed one was, and
/// `#row-status` announces it in the page's language (texts from the templates' data attributes).
/// No inline handlers, no eval: everything is attached here.
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
        // As the server shows it (TypedNumberText.format): no trailing zero ("5.000.000,5").
        return (neg ? "-" : "") + whole + (rest === 0n ? "" : "," + rest.toString().padStart(2, "0").replace(/0$/, ""));
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

      // Rows added and removed in place. A list's rows are the fieldsets beside its Tambah button, whose
      // value is "add:" + the list's pointer and whose data-template names the <template> of its rows
      // (the server's own rendering of a new row, indices and number left as placeholders).
      var numberMark = "\#(ReportFormPage.templateNumber)", rowStatus = document.getElementById("row-status");
      function children(parent, selector) {
        return Array.prototype.filter.call(parent.children, function (e) { return e.matches(selector); });
      }
      function pathOf(row) { return children(row, "button.remove")[0].value.slice("remove:".length); }
      // "budget/programs/1/kegiatan/0" -> "2.1", as the server numbers headings.
      function numberOf(path) {
        return path.split("/").filter(function (p) { return /^[0-9]+$/.test(p); })
          .map(function (p) { return String(Number(p) + 1); }).join(".");
      }
      // `text` with the row path `from` put as `to` where it stands whole (a pointer: after ":" or at the
      // start, before "/" or the end; in an id: between dashes).
      function swap(text, from, to, after) {
        for (var at = text.indexOf(from); at >= 0; at = text.indexOf(from, at + 1)) {
          var end = at + from.length;
          if ((end === text.length || text.charAt(end) === after) && (at === 0 || /[:\-]/.test(text.charAt(at - 1)))) {
            return text.slice(0, at) + to + text.slice(end);
          }
        }
        return text;
      }
      // Row `row` (and the rows it holds) moved from path `from` to `to`: every name, id, label and button.
      function move(row, from, to) {
        var dashedFrom = from.replace(/\//g, "-"), dashedTo = to.replace(/\//g, "-");
        [row].concat(Array.prototype.slice.call(row.querySelectorAll("*"))).forEach(function (e) {
          ["id", "for", "aria-describedby"].forEach(function (name) {
            var value = e.getAttribute(name);
            if (value !== null) e.setAttribute(name, swap(value, dashedFrom, dashedTo, "-"));
          });
          var name = e.getAttribute("name");
          if (name !== null && e.tagName !== "BUTTON") e.setAttribute("name", swap(name, from, to, "/"));
          if (e.tagName === "BUTTON") e.value = swap(e.value, from, to, "/");
        });
      }
      function templateOf(add) { return document.getElementById(add.getAttribute("data-template")); }
      function said(template, what, path) { return template.getAttribute(what).split(numberMark).join(numberOf(path)); }
      // Row `row` put at `index` in the list of Tambah button `add`: its names, ids, labels and buttons, its
      // heading and Hapus button (from the list's template), and the same for the rows it holds.
      function place(row, add, index) {
        var template = templateOf(add), path = add.value.slice("add:".length) + "/" + index, old = pathOf(row), number = numberOf(path);
        if (old !== path) move(row, old, path);
        children(row, "legend")[0].textContent = template.content.querySelector("legend").textContent.split(numberMark).join(number);
        children(row, "button.remove")[0].textContent =
          template.content.querySelector("button.remove").textContent.split(numberMark).join(number);
        children(row, ".children").forEach(function (div) {
          children(div, "button.add").forEach(function (inner) {
            children(div, "fieldset.row").forEach(function (child, i) { place(child, inner, i); });
          });
        });
      }
      // The rows of the list of Tambah button `add` numbered 0, 1, … again (those whose place changed).
      function renumber(add) {
        var prefix = add.value.slice("add:".length);
        children(add.parentNode, "fieldset.row").forEach(function (row, index) {
          if (pathOf(row) !== prefix + "/" + index) place(row, add, index);
        });
      }
      function say(text) { if (rowStatus) rowStatus.textContent = text; }
      function changed() { dirty = true; totals(); }
      function addRow(add) {
        var template = templateOf(add);
        if (children(add.parentNode, "fieldset.row").length >= Number(template.getAttribute("data-limit"))) {
          say(form.getAttribute("data-row-full"));
          return;
        }
        var row = document.importNode(template.content.querySelector("fieldset.row"), true), count = children(add.parentNode, "fieldset.row").length;
        add.parentNode.insertBefore(row, add);
        place(row, add, count);
        changed();
        say(said(template, "data-added", pathOf(row)));
        var first = row.querySelector("input, select");
        (first || add).focus();
      }
      function removeRow(button) {
        var row = button.parentNode, list = row.parentNode, add = children(list, "button.add")[0];
        var gone = said(templateOf(add), "data-removed", pathOf(row));
        var next = row.nextElementSibling;
        row.remove();
        renumber(add);
        changed();
        say(gone);
        // Focus where the row was: the row that took its place, else the list's Tambah button.
        var target = next && next.matches("fieldset.row") ? next.querySelector("input, select") : null;
        (target || add).focus();
      }
      form.addEventListener("click", function (event) {
        var button = event.target.closest ? event.target.closest("button.add[data-template], fieldset.row > button.remove") : null;
        if (!button || !form.contains(button)) return;
        event.preventDefault();
        if (button.classList.contains("add")) addRow(button); else removeRow(button);
      });
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
