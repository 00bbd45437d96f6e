//go:build go1.20

package pick

import "math/rand"

// From Go 1.20 the global source is seeded randomly, so no Seed call is needed.
func pick(n int) int { return rand.Intn(n) }

// One returns a random element.
func One(xs []string) string { return xs[pick(len(xs))] }
