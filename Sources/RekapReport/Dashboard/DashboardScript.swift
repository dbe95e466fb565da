/// The dashboard's only script, inlined: it listens to the page's event stream and, on each
/// `consolidated` event (and on every (re)connection, which may have missed one), fetches the content
/// fragment and swaps it in. Without JavaScript the page still works: the form is a plain GET and a
/// `<noscript>` refresh reloads it every minute.
enum DashboardScript {
    static let source = """
    (function () {
      var main = document.getElementById("dashboard");
      if (!main || !window.EventSource || !window.fetch) return;
      var busy = false, again = false;
      function refresh() {
        if (busy) { again = true; return; }
        busy = true;
        fetch(main.getAttribute("data-fragment"), { credentials: "same-origin", cache: "no-store" })
          .then(function (response) {
            if (response.status === 401 || response.status === 403) { location.reload(); return null; }
            return response.ok ? response.text() : null;
          })
          .then(function (html) {
            if (html !== null) { main.innerHTML = html; main.setAttribute("data-refreshed", String(Date.now())); }
          })
          .catch(function () {})
          .then(function () { busy = false; if (again) { again = false; refresh(); } });
      }
      var source = new EventSource(main.getAttribute("data-events"));
      source.addEventListener("consolidated", refresh);
      source.addEventListener("open", refresh);
    })();
    """
}
