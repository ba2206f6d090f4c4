/// The mustache template of `GET /operator`: the page shell, without any cluster data. The
/// style sheet and the script are inlined unescaped (`{{{...}}}`); they are constants of the
/// router, never input.
enum OperatorShellTemplate {
    static let text = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <title>Herald operator</title>
        <style>{{{style}}}</style>
        </head>
        <body data-auth-mode="{{authMode}}">
        <header class="top">
        <div class="brand">Herald <span>operator</span></div>
        <div class="top-right"><span id="status">Loading</span>\
        <button type="button" id="forget" hidden>Forget token</button></div>
        </header>
        <main>
        <form id="credentials" class="panel credentials" hidden>
        <label for="token">Bearer token with the admin role</label>
        <div class="row"><input id="token" name="token" type="password" autocomplete="off" spellcheck="false">\
        <button type="submit">Show</button></div>
        <p class="hint">Kept in this tab's session storage and sent as the X-Auth-Token header. \
        <code>/operator#token=…</code> works too: the part after # never reaches the server.</p>
        <p id="credentials-error" class="error" hidden></p>
        </form>
        {{^tokenMode}}
        <p class="hint" id="noauth-note">noauth mode (development): requests send X-Roles: admin and the project \
        of <code>/operator#project=…</code> (default admin).</p>
        {{/tokenMode}}
        <section class="panel" id="rates">
        <h2>Message rates <span class="count">this router, per second</span></h2>
        <div class="tiles">
        {{#rates}}
        <div class="tile"><div class="label">{{label}}</div>\
        <div class="rate" id="rate-{{name}}"><span>–</span><small>/s</small></div>\
        <div class="total">since start: <span id="total-{{name}}">–</span></div></div>
        {{/rates}}
        </div>
        <p class="hint">Counted by this router since it started and measured between two refreshes \
        (every {{refreshSeconds}} s); every router of the cluster counts its own traffic.</p>
        </section>
        <div id="view"></div>
        </main>
        <script>{{{script}}}</script>
        </body>
        </html>

        """
}
