#!/bin/sh
# Portable release binaries: cgo off on purpose, the pure-Go digest is the one we ship.
set -e
for arch in amd64 arm64; do
	CGO_ENABLED=0 GOARCH=$arch go build -trimpath -o "dist/hasher-$arch" ./cmd/hasher
done
CGO_ENABLED=0 go build -trimpath -o dist/hasher ./cmd/hasher
