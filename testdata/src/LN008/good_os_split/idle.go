package idle

// Wait naps n times.
func Wait(n int) {
	for i := 0; i < n; i++ {
		nap()
	}
}
