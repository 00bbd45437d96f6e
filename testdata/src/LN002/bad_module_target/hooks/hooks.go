package hooks

var started bool

func onStart() { started = true }

func init() { onStart() }

// Started reports whether the start hook ran.
func Started() bool { return started }
