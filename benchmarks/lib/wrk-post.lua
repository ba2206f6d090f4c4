-- wrk script: message POSTs shaped like `herald-bench load`'s (a batch of 10 messages with
-- 256-byte bodies, a Client-ID and X-Project-ID), for a lean C client's rate on this machine:
--
--   wrk -t2 -c8 -d10s -s benchmarks/lib/wrk-post.lua http://127.0.0.1:8889
--
-- against `herald-bench canned-server --port 8889` (or a real endpoint; queue "wrk-bench").
local body_size, batch = 256, 10
local pad = string.rep("x", body_size - 10)
local messages = {}
for i = 1, batch do messages[i] = '{"body":{"pad":"' .. pad .. '"}}' end

wrk.method = "POST"
wrk.path = "/v2/queues/wrk-bench/messages"
wrk.headers["Client-ID"] = "3381af92-2b9e-11e3-b191-71861300734c"
wrk.headers["X-Project-ID"] = "herald-bench"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"messages":[' .. table.concat(messages, ",") .. ']}'
