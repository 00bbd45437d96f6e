// Plugin greeter is loaded by the host with plugin.Open.
package main

// Greet is looked up by name.
func Greet() string { return "hello from greeter" }
