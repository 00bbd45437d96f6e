#!/bin/sh
# Release build of vaultd: one static binary.
set -eu

export CGO_ENABLED=1
LDFLAGS="-s -w -extldflags '-static'"

mkdir -p bin
go build -trimpath -ldflags "$LDFLAGS" -o bin/vaultd ./cmd/vaultd # want BLD001
