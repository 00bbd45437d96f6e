package grade

import "testing"

// The test compares with the string "C"; it does not import cgo.
func TestLetter(t *testing.T) {
	if got := Letter(75); got != "C" {
		t.Fatalf(`Letter(75) = %q, want "C"`, got)
	}
}
