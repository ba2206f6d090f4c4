"""Schemathesis hooks of scripts/schemathesis.sh: the media types of the Herald API beyond
plain JSON, so that queue/topic PATCH bodies can be sent and the home document validated."""

import json

import schemathesis

# Queue and topic PATCH bodies are JSON documents sent with this exact media type.
schemathesis.serializer.alias("application/openstack-messaging-v2.0-json-patch", "application/json")


@schemathesis.deserializer("application/json-home")
def deserialize_json_home(ctx, response):
    """The home document of `GET /v2/` is JSON under the `application/json-home` media type."""
    return json.loads(response.content)
