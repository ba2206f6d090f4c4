/// The operator page's script, inlined into the page (no external assets, no build step).
///
/// It takes the credentials (token mode: a bearer token typed into the form or given in the URL
/// fragment `#token=...`, which browsers never send to the server; noauth mode: `X-Roles: admin`
/// and the project of `#project=...`, `admin` by default), keeps them in `sessionStorage`,
/// removes the fragment from the address bar, then fetches `/operator/view` every two seconds
/// and shows the fragment. Rates come from the difference between the activity counters
/// (`#activity` data attributes) of two fragments, over the router's uptime between them.
enum OperatorScript {
    /// How often the page refreshes, in milliseconds.
    static let refreshMillis = 2000

    static let javaScript = """
        (function () {
          "use strict";
          var REFRESH_MS = \(refreshMillis);
          var TOKEN_KEY = "herald.operator.token", PROJECT_KEY = "herald.operator.project";
          var body = document.body, mode = body.getAttribute("data-auth-mode");
          var storage = window.sessionStorage;
          var form = document.getElementById("credentials"), formError = document.getElementById("credentials-error");
          var view = document.getElementById("view"), statusLine = document.getElementById("status");
          var forget = document.getElementById("forget");
          var previous = null, timer = null;

          function setStatus(text) { statusLine.textContent = text; }

          function newClientID() {
            var b = new Uint8Array(16);
            window.crypto.getRandomValues(b);
            b[6] = (b[6] & 15) | 64;
            b[8] = (b[8] & 63) | 128;
            var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
            return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
          }
          var clientID = newClientID();

          function takeFragment() {
            var fragment = window.location.hash.replace(/^#/, "");
            if (!fragment) { return; }
            var params = new URLSearchParams(fragment);
            if (params.get("token")) { storage.setItem(TOKEN_KEY, params.get("token")); }
            if (params.get("project")) { storage.setItem(PROJECT_KEY, params.get("project")); }
            window.history.replaceState(null, "", window.location.pathname + window.location.search);
          }

          function headers() {
            var h = { "Accept": "text/html, application/json;q=0.9", "Client-ID": clientID };
            if (mode === "token") {
              h["X-Auth-Token"] = storage.getItem(TOKEN_KEY);
            } else {
              h["X-Roles"] = "admin";
              h["X-Project-ID"] = storage.getItem(PROJECT_KEY) || "admin";
            }
            return h;
          }

          function askForToken(message) {
            if (timer !== null) { window.clearTimeout(timer); timer = null; }
            storage.removeItem(TOKEN_KEY);
            form.hidden = false;
            forget.hidden = true;
            formError.hidden = !message;
            formError.textContent = message || "";
            setStatus("Waiting for a token");
          }

          function rate(now, before, seconds) {
            return Math.max(0, (now - before) / seconds).toFixed(1);
          }

          function showRates() {
            var a = document.getElementById("activity");
            if (!a) { return; }
            var now = {
              posted: Number(a.getAttribute("data-posted")), claimed: Number(a.getAttribute("data-claimed")),
              deleted: Number(a.getAttribute("data-deleted")), at: Number(a.getAttribute("data-uptime-ms"))
            };
            ["posted", "claimed", "deleted"].forEach(function (name) {
              document.getElementById("total-" + name).textContent = String(now[name]);
            });
            if (previous !== null && now.at > previous.at && now.posted >= previous.posted) {
              var seconds = (now.at - previous.at) / 1000;
              ["posted", "claimed", "deleted"].forEach(function (name) {
                var cell = document.getElementById("rate-" + name);
                cell.firstChild.textContent = rate(now[name], previous[name], seconds);
                cell.setAttribute("data-rate", cell.firstChild.textContent);
              });
              document.getElementById("rates").setAttribute("data-measured", "true");
            }
            previous = now;
          }

          function schedule() { timer = window.setTimeout(refresh, REFRESH_MS); }

          function refresh() {
            timer = null;
            if (mode === "token" && !storage.getItem(TOKEN_KEY)) { askForToken(""); return; }
            window.fetch("/operator/view", { headers: headers(), cache: "no-store", credentials: "omit" })
              .then(function (response) {
                if (response.ok) {
                  return response.text().then(function (html) {
                    view.innerHTML = html;
                    showRates();
                    var snapshot = document.getElementById("snapshot");
                    setStatus("Updated " + (snapshot ? snapshot.getAttribute("data-generated") : ""));
                    schedule();
                  });
                }
                return response.json().catch(function () { return {}; }).then(function (error) {
                  var text = response.status + " " + (error.title || response.statusText) +
                    (error.description ? ": " + error.description : "");
                  if (response.status === 401 && mode === "token") { askForToken(text); return; }
                  setStatus(text);
                  view.textContent = "";
                  var p = document.createElement("p");
                  p.className = "panel error";
                  p.textContent = text;
                  view.appendChild(p);
                  schedule();
                });
              })
              .catch(function () { setStatus("Router unreachable, retrying"); schedule(); });
          }

          form.addEventListener("submit", function (event) {
            event.preventDefault();
            var input = document.getElementById("token");
            if (!input.value) { return; }
            storage.setItem(TOKEN_KEY, input.value.trim());
            input.value = "";
            form.hidden = true;
            forget.hidden = false;
            setStatus("Loading");
            refresh();
          });
          forget.addEventListener("click", function () {
            view.textContent = "";
            previous = null;
            askForToken("");
          });

          takeFragment();
          forget.hidden = mode !== "token";
          refresh();
        })();
        """
}
