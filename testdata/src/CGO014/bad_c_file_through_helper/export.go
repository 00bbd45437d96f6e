package events

import "C"

//export goEvent
func goEvent(source, seq C.int) { out <- Event{int(source), int(seq)} }
