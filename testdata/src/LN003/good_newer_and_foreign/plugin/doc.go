// Package plugin is built for wasm hosts.
package plugin
