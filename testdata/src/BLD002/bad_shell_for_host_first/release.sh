#!/bin/sh
set -e
for os in linux darwin windows; do
  GOOS=$os GOARCH=amd64 go build -o "dist/imgconv-$os" ./cmd/imgconv # want BLD002
done
