// want-below LN009
//go:build (linux && go1.21) || (darwin && go1.20)

package ids

import "testing"

func TestNext(t *testing.T) {
	for _, n := range []int{1, 2, 3} {
		t.Run("", func(t *testing.T) {
			t.Parallel()
			if Next(n) != n+1 {
				t.Fatal(n)
			}
		})
	}
}
