/// The operator page's style sheet, inlined into the page (no external assets).
enum OperatorStyle {
    static let css = """
        :root{--bg:#f4f5f7;--panel:#fff;--ink:#1b2230;--muted:#5f6b7d;--line:#e3e6eb;\
        --up:#0f7a55;--up-bg:#e3f5ec;--down:#b3261e;--down-bg:#fce8e6;--warn:#935a00;--warn-bg:#fdf1dc;\
        --head:#18202e;--accent:#3563d9}
        *{box-sizing:border-box}
        body{margin:0;background:var(--bg);color:var(--ink);\
        font:14px/1.45 system-ui,-apple-system,"Segoe UI","DejaVu Sans",sans-serif}
        header.top{display:flex;align-items:center;justify-content:space-between;gap:16px;\
        padding:12px 28px;background:var(--head);color:#fff}
        .brand{font-weight:700;font-size:18px;letter-spacing:.02em}
        .brand span{font-weight:400;color:#9fabc0;margin-left:6px}
        .top-right{display:flex;align-items:center;gap:14px;font-size:13px;color:#c9d1df}
        .top-right button{background:transparent;color:#c9d1df;border:1px solid #46516a;padding:3px 10px}
        main{max-width:1240px;margin:0 auto;padding:20px 28px 40px}
        .panel{background:var(--panel);border:1px solid var(--line);border-radius:8px;\
        padding:16px 20px;margin-bottom:16px;box-shadow:0 1px 2px rgba(16,24,40,.04)}
        h2{font-size:15px;margin:0 0 12px;display:flex;gap:10px;align-items:baseline}
        h3.project{font-size:13px;margin:18px 0 6px;color:var(--muted);font-weight:600}
        h3.project:first-of-type{margin-top:4px}
        .count{font-weight:400;color:var(--muted);font-size:13px}
        table{width:100%;border-collapse:collapse}
        th{text-align:left;font-weight:600;font-size:11.5px;color:var(--muted);text-transform:uppercase;\
        letter-spacing:.05em;border-bottom:1px solid var(--line);padding:6px 10px}
        td{padding:7px 10px;border-bottom:1px solid var(--line);vertical-align:middle}
        tbody tr:last-child td{border-bottom:none}
        tbody tr:hover td{background:#fafbfc}
        .num{text-align:right;font-variant-numeric:tabular-nums}
        .mono{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,monospace;font-size:12.5px}
        .name{font-weight:600}
        .dim{color:var(--muted)}
        .badge{display:inline-block;padding:1px 9px;border-radius:999px;font-size:12px;font-weight:600;white-space:nowrap}
        .health-up{color:var(--up);background:var(--up-bg)}
        .health-down{color:var(--down);background:var(--down-bg)}
        .health-degraded{color:var(--warn);background:var(--warn-bg)}
        .tiles{display:grid;grid-template-columns:repeat(3,1fr);gap:12px}
        .tile{border:1px solid var(--line);border-radius:8px;padding:12px 16px}
        .tile .label{color:var(--muted);font-size:11.5px;text-transform:uppercase;letter-spacing:.05em}
        .tile .rate{font-size:26px;font-weight:700;font-variant-numeric:tabular-nums;margin:2px 0}
        .tile .rate small{font-size:13px;font-weight:400;color:var(--muted);margin-left:4px}
        .tile .total{color:var(--muted);font-size:12px;font-variant-numeric:tabular-nums}
        .hint{color:var(--muted);font-size:12px;margin:10px 0 0}
        .banner{padding:10px 14px;border-radius:6px;margin:0 0 16px;font-weight:600}
        .empty{color:var(--muted);margin:0}
        .error{color:var(--down);font-weight:600}
        .credentials label{display:block;font-weight:600;margin-bottom:6px}
        .credentials .row{display:flex;gap:8px}
        input{flex:1;font:inherit;padding:7px 10px;border:1px solid #c8ced8;border-radius:6px}
        button{font:inherit;padding:7px 14px;border-radius:6px;border:1px solid var(--accent);\
        background:var(--accent);color:#fff;cursor:pointer}
        [hidden]{display:none !important}
        """
}
