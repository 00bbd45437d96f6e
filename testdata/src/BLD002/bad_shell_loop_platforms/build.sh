#!/usr/bin/env bash
set -e
PLATFORMS="linux/amd64 linux/arm64 darwin/arm64 windows/amd64"
mkdir -p dist
for p in $PLATFORMS; do
  os="${p%/*}"
  arch="${p#*/}"
  ext=""
  if [ "$os" = windows ]; then ext=".exe"; fi
  echo "building $os/$arch"
  GOOS="$os" GOARCH="$arch" go build -o "dist/imgconv-$os-$arch$ext" ./cmd/imgconv # want BLD002
done
