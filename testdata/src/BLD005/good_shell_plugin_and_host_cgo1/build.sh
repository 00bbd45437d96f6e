#!/bin/sh
# Builds the plugin and the host that loads it, both with cgo.
set -e
export CGO_ENABLED=1
go build -buildmode=plugin -o greeter.so ./plugins/greeter
go build -o bin/host .
