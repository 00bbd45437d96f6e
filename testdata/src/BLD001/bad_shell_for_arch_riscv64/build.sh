#!/usr/bin/env bash
set -euo pipefail
export CGO_ENABLED=1
for arch in amd64 riscv64; do
  CC="$([ "$arch" = riscv64 ] && echo riscv64-linux-gnu-gcc || echo gcc)" \
    GOARCH=$arch go build -ldflags "-extldflags=-static" -o "dist/edge-probe-$arch" . # want BLD001
done
