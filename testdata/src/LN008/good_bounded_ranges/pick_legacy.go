//go:build go1.18 && !go1.20

package pick

import "math/rand"

func pick(n int) int { return rand.Intn(n) }
