package calc

import "testing"

func TestDiv(t *testing.T) {
	if Div(1, 0) != 0 {
		t.Fatal("want 0")
	}
}
