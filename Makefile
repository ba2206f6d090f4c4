# Herald — developer entry points.
#   make run    build and start a local 2-node cluster + admin-mode router in the foreground
#               (both nodes registered as pools; drive it with .build/debug/herald)
#   make test   install build deps if missing, build, run all XCTest suites and the python-zaqarclient test
#   make build  just build herald-node, herald-router and the herald CLI (debug, or release with HERALD_BUILD=release)
#   make soak   10 minutes of steady load on a release cluster: memory, descriptors and latency must stay flat
#   make schemathesis  fuzz a private cluster against docs/openapi.yaml with schemathesis (exits non-zero on any finding)
#   make fuzz   fuzz the RPC decoder with libFuzzer for 300 s (HERALD_FUZZ_SECONDS=N to change), see Fuzz/README.md

HERALD_BUILD ?= debug
export HERALD_BUILD

.PHONY: run test build soak schemathesis fuzz clean-data

build:
	swift build -c $(HERALD_BUILD) --product herald-node
	swift build -c $(HERALD_BUILD) --product herald-router
	swift build -c $(HERALD_BUILD) --product herald

run:
	./deploy/local-cluster.sh

test:
	./scripts/test.sh

soak:
	./benchmarks/soak.sh

fuzz:
	./scripts/fuzz-rpc.sh

clean-data:
	rm -rf ./.herald-data

schemathesis:
	./scripts/schemathesis.sh
