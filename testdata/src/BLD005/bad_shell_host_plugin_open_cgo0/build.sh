#!/bin/sh
# Builds the plugin and the host that loads it.
set -e
CGO_ENABLED=1 go build -buildmode=plugin -o greeter.so ./plugins/greeter
CGO_ENABLED=0 go build -o bin/host . # want BLD005
