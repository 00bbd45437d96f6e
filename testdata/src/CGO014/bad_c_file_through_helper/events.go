// Package events receives native events on a Go channel.
package events

// int events_start(int id, int events);
import "C"

// Event is one native event.
type Event struct{ Source, Seq int }

var out = make(chan Event, 64)

// Start runs a native event pump for source id.
func Start(id, n int) bool { return C.events_start(C.int(id), C.int(n)) == 0 }

// Events returns the channel events arrive on.
func Events() <-chan Event { return out }
