/// The mustache template of `GET /operator/view`: the HTML fragment of one snapshot. Every
/// value goes through `{{...}}`, which HTML-escapes it (`<`, `>`, `&`, `"` and `'`), so a
/// project id or pool field cannot inject markup.
enum OperatorViewTemplate {
    static let text = """
        <div id="snapshot" data-generated="{{generatedAt}}">
        <div id="activity" hidden data-posted="{{posted}}" data-claimed="{{claimed}}" \
        data-deleted="{{deleted}}" data-uptime-ms="{{uptimeMillis}}"></div>
        {{^catalogReachable}}
        <p class="banner health-down" id="catalog-down">The catalog did not answer: pools and queues may be missing.</p>
        {{/catalogReachable}}
        <section class="panel" id="pools">
        <h2>Pools <span class="count">{{poolSummary}}</span></h2>
        {{#hasPools}}
        <table>
        <thead><tr><th>Pool</th><th>URI</th><th>Flavor</th><th class="num">Weight</th><th>Health</th>\
        <th class="num">Queues</th><th class="num">Messages</th><th class="num">Free</th><th class="num">Claimed</th></tr></thead>
        <tbody>
        {{#pools}}
        <tr class="pool" data-pool="{{name}}" data-health="{{health}}" data-total="{{total}}">\
        <td class="name">{{name}}</td><td class="mono">{{uri}}</td><td>{{flavor}}</td><td class="num">{{weight}}</td>\
        <td><span class="badge health-{{health}}">{{healthLabel}}</span></td><td class="num">{{queues}}</td>\
        <td class="num">{{total}}</td><td class="num">{{free}}</td><td class="num">{{claimed}}</td></tr>
        {{/pools}}
        </tbody>
        </table>
        {{/hasPools}}
        {{^hasPools}}
        <p class="empty">No pools are registered.</p>
        {{/hasPools}}
        </section>
        <section class="panel" id="flavors">
        <h2>Flavors <span class="count">pool groups</span></h2>
        {{#hasFlavors}}
        <table>
        <thead><tr><th>Flavor</th><th>Pools</th><th>Health</th></tr></thead>
        <tbody>
        {{#flavors}}
        <tr class="flavor" data-flavor="{{name}}" data-health="{{health}}"><td class="name">{{name}}</td>\
        <td class="mono">{{pools}}</td><td><span class="badge health-{{health}}">{{healthLabel}}</span></td></tr>
        {{/flavors}}
        </tbody>
        </table>
        {{/hasFlavors}}
        {{^hasFlavors}}
        <p class="empty">No pool belongs to a flavor.</p>
        {{/hasFlavors}}
        </section>
        <section class="panel" id="queues">
        <h2>Queues <span class="count">{{queueSummary}}</span></h2>
        {{#truncated}}
        <p class="banner health-degraded" id="truncated">Only the first {{queueLimit}} queues are listed; \
        the catalog holds more.</p>
        {{/truncated}}
        {{#projects}}
        <h3 class="project">Project <span class="mono">{{project}}</span> <span class="count">{{summary}}</span></h3>
        <table class="queues" data-project="{{project}}">
        <thead><tr><th>Name</th><th>Kind</th><th>Pool</th><th class="num">Messages</th><th class="num">Free</th>\
        <th class="num">Claimed</th><th class="num">Oldest message</th><th>Status</th></tr></thead>
        <tbody>
        {{#queues}}
        <tr class="queue" data-project="{{project}}" data-queue="{{name}}" data-kind="{{kind}}" \
        data-total="{{total}}" data-free="{{free}}" data-claimed="{{claimed}}" data-oldest-age="{{oldestSeconds}}">\
        <td class="name">{{name}}</td><td class="dim">{{kind}}</td><td class="mono">{{pool}}</td>\
        <td class="num">{{total}}</td><td class="num">{{free}}</td><td class="num">{{claimed}}</td>\
        <td class="num">{{oldestAge}}</td><td><span class="badge health-{{health}}">{{healthLabel}}</span></td></tr>
        {{/queues}}
        </tbody>
        </table>
        {{/projects}}
        {{^hasQueues}}
        <p class="empty">No queues are registered.</p>
        {{/hasQueues}}
        </section>
        </div>

        """
}
