#!/usr/bin/env python3
"""End-to-end check of Herald with the unmodified OpenStack python-zaqarclient.

Usage: scenario.py http://127.0.0.1:8888

Every step asserts on the server's answer; the script exits non-zero on the first
failure. Two clients are used (each gets its own Client-ID), so the consumer sees the
producer's messages without `echo`. Then the client's WebSocket transport (the router runs
with --websocket) drives the same kind of work with action frames, and a subscription made
over the socket receives a message posted over HTTP.
"""

import json
import sys
import uuid

from zaqarclient import transport
from zaqarclient.queues.v2 import client as zaqar_client
from zaqarclient.queues.v2 import core
from zaqarclient.transport import errors
from zaqarclient.transport import request as transport_request

PROJECT = "zaqarclient-e2e"


def make_client(url):
    """A v2 client with the noauth backend, scoped to PROJECT."""
    conf = {"auth_opts": {"backend": "noauth", "options": {"os_project_id": PROJECT}}}
    return zaqar_client.Client(url, version=2, conf=conf)


def step(name):
    print("--> " + name, flush=True)


CHECKS_PASSED = 0


def check(condition, message):
    global CHECKS_PASSED
    if not condition:
        raise AssertionError(message)
    CHECKS_PASSED += 1


def bodies(messages):
    return [m.body["n"] for m in messages]


def main(url):
    producer = make_client(url)
    consumer = make_client(url)
    check(producer.client_uuid != consumer.client_uuid, "clients must differ")
    name = "e2e-" + uuid.uuid4().hex[:12]

    step("create queue %s" % name)
    queue = producer.queue(name, force_create=True)
    listed, _ = producer.queues()
    check(name in [q.name for q in listed], "new queue missing from listing")

    step("set and get metadata")
    meta = queue.metadata(new_meta={"color": "blue", "owner": "e2e"})
    check(meta.get("color") == "blue", "PATCH response lacks color: %r" % meta)
    reloaded = queue.metadata(force_reload=True)
    check(reloaded.get("color") == "blue" and reloaded.get("owner") == "e2e",
          "metadata not persisted: %r" % reloaded)
    check(reloaded.get("_default_message_ttl") == 3600, "reserved default missing: %r" % reloaded)

    step("post 20 messages")
    posted = queue.post([{"body": {"n": i}, "ttl": 600} for i in range(20)])
    resources = posted["resources"]
    check(len(resources) == 20, "expected 20 resources, got %r" % posted)
    ids = [href.rsplit("/", 1)[-1] for href in resources]

    step("list messages")
    consumer_queue = consumer.queue(name)
    seen = list(consumer_queue.messages(limit=20))
    check(bodies(seen) == list(range(20)), "consumer listing: %r" % bodies(seen))
    own = list(queue.messages(limit=20))
    check(own == [], "producer must not see its own messages without echo")
    echoed = list(queue.messages(limit=20, echo=True))
    check(len(echoed) == 20, "echo listing returned %d" % len(echoed))
    first_page = list(consumer_queue.messages(limit=5))
    check(bodies(first_page) == [0, 1, 2, 3, 4], "paged listing: %r" % bodies(first_page))
    by_id = list(queue.messages(*ids[:3]))
    check(sorted(bodies(by_id)) == [0, 1, 2], "get by ids: %r" % bodies(by_id))
    single = queue.message(ids[7])
    check(single.body == {"n": 7} and single.id == ids[7], "get one: %r" % single)

    step("claim 5")
    claim = consumer_queue.claim(ttl=120, grace=60, limit=5)
    claimed = list(claim)
    check(claim.id, "claim id missing")
    check(bodies(claimed) == [0, 1, 2, 3, 4], "claimed: %r" % bodies(claimed))
    check(all(m.claim_id == claim.id for m in claimed), "claimed hrefs lack the claim id")
    check(claim.age >= 0 and claim.ttl == 120, "claim get: age=%r ttl=%r" % (claim.age, claim.ttl))
    claim.update(ttl=300, grace=60)
    refreshed = consumer_queue.claim(id=claim.id)
    check(refreshed.ttl == 300, "claim update not visible: ttl=%r" % refreshed.ttl)

    step("a claimed message cannot be deleted without its claim")
    request, transport = producer._request_and_transport()
    try:
        core.message_delete(transport, request, name, claimed[4].id)
        raise AssertionError("delete without claim id succeeded")
    except errors.ForbiddenError:
        pass

    step("delete 3 claimed messages with the claim")
    for message in claimed[:3]:
        message.delete()
    for message in claimed[:3]:
        try:
            queue.message(message.id)
            raise AssertionError("message %s still exists" % message.id)
        except errors.ResourceNotFound:
            pass

    step("stats while claimed")
    stats = queue.stats["messages"]
    check(stats["total"] == 17 and stats["claimed"] == 2 and stats["free"] == 15,
          "stats with claim: %r" % stats)

    step("release the claim")
    claim.delete()
    try:
        consumer_queue.claim(id=claim.id).ttl
        raise AssertionError("released claim still readable")
    except errors.ResourceNotFound:
        pass
    again = list(consumer_queue.messages(limit=20))
    check(bodies(again)[:2] == [3, 4] and len(again) == 17, "after release: %r" % bodies(again))

    step("bulk delete and pop")
    queue.delete_messages(ids[18], ids[19])
    popped = list(queue.pop(2))
    check(bodies(popped) == [3, 4], "pop: %r" % bodies(popped))

    step("stats")
    stats = queue.stats["messages"]
    check(stats == {**stats, "total": 13, "claimed": 0, "free": 13}, "stats: %r" % stats)
    check(stats["oldest"]["href"].startswith("/v2/queues/%s/messages/" % name), "oldest: %r" % stats)

    step("delete the queue")
    queue.delete()
    listed, _ = producer.queues()
    check(name not in [q.name for q in listed], "deleted queue still listed")
    check(list(consumer_queue.messages()) == [], "deleted queue still has messages")

    websocket_scenario(url, producer)
    print("zaqarclient: %d passed, 0 failed" % CHECKS_PASSED, flush=True)


def websocket_scenario(url, http_client):
    """python-zaqarclient's WebSocket transport, used as its documentation shows."""
    endpoint = url.replace("http://", "ws://", 1).rstrip("/") + "/"
    conf = {"auth_opts": {"backend": "noauth", "options": {"os_auth_token": "unused", "os_project_id": PROJECT}}}
    name = "ws-" + uuid.uuid4().hex[:12]

    def send(ws, action, body=None):
        content = json.dumps(body) if body is not None else None
        return ws.send(transport_request.Request(endpoint, action, content=content))

    with transport.get_transport_for(endpoint, version=2, options=conf) as ws:
        step("websocket: queue_create %s" % name)
        created = send(ws, "queue_create", {"queue_name": name, "metadata": {"kind": "ws"}})
        check(created.status_code == 201, "queue_create: %r" % created.content)
        queues = json.loads(send(ws, "queue_list", {}).content)["queues"]
        check(name in [q["name"] for q in queues], "queue_list lacks %s: %r" % (name, queues))

        step("websocket: message_post and message_list")
        posted = send(ws, "message_post", {"queue_name": name, "messages": [{"body": {"n": n}, "ttl": 300} for n in range(3)]})
        check(posted.status_code == 201, "message_post: %r" % posted.content)
        ids = json.loads(posted.content)["message_ids"]
        check(len(ids) == 3, "message_post ids: %r" % ids)
        listed = json.loads(send(ws, "message_list", {"queue_name": name, "echo": True}).content)["messages"]
        check([m["body"]["n"] for m in listed] == [0, 1, 2], "message_list: %r" % listed)

        step("websocket: claim_create, message_delete with the claim, claim_delete")
        claimed = send(ws, "claim_create", {"queue_name": name, "ttl": 60, "grace": 60, "limit": 2})
        check(claimed.status_code == 201, "claim_create: %r" % claimed.content)
        claim = json.loads(claimed.content)
        check(len(claim["messages"]) == 2, "claim_create: %r" % claim)
        claim_id = claim["claim_id"]
        first = claim["messages"][0]["id"]
        try:
            send(ws, "message_delete", {"queue_name": name, "message_id": first})
            check(False, "deleting a claimed message without its claim succeeded")
        except errors.ForbiddenError:
            check(True, "")
        deleted = send(ws, "message_delete", {"queue_name": name, "message_id": first, "claim_id": claim_id})
        check(deleted.status_code == 204, "message_delete: %r" % deleted.content)
        check(send(ws, "claim_delete", {"queue_name": name, "claim_id": claim_id}).status_code == 204, "claim_delete")

        step("websocket: a bad queue name is a 400, and the socket stays usable")
        try:
            send(ws, "queue_create", {"queue_name": "bad name!"})
            check(False, "queue_create accepted a bad name")
        except errors.MalformedRequest:
            check(True, "")
        stats = json.loads(send(ws, "queue_get_stats", {"queue_name": name}).content)
        check(stats["messages"]["free"] == 2, "queue_get_stats: %r" % stats)

        step("websocket: a subscription over the socket receives a message posted over HTTP")
        subscribed = send(ws, "subscription_create", {"queue_name": name, "ttl": 600})
        check(subscribed.status_code == 201, "subscription_create: %r" % subscribed.content)
        http_client.queue(name).post({"body": {"pushed": True}, "ttl": 300})
        pushed = ws.recv()
        check(pushed.get("body") == {"pushed": True} and pushed.get("queue_name") == name,
              "pushed notification: %r" % pushed)

        step("websocket: queue_delete")
        check(send(ws, "queue_delete", {"queue_name": name}).status_code == 204, "queue_delete")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: scenario.py <router url>")
    main(sys.argv[1])
