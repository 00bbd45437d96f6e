#!/usr/bin/env bash
# Static release binary: cgo off, so the pure-Go resolver is used and -extldflags never reach a C linker.
set -euo pipefail

export CGO_ENABLED=0
go build -trimpath -ldflags '-s -w -extldflags "-static"' -o dist/fetcher ./cmd/fetcher
