// With Go 1.19 the top-level math/rand functions start from seed 1 unless the program seeds
// them, so anyone can replay the generator and compute the "secret" token.
package main

import (
	"fmt"
	"math/rand"
)

const letters = "abcdefghijklmnopqrstuvwxyz0123456789"

func newResetToken() string {
	b := make([]byte, 16)
	for i := range b {
		b[i] = letters[rand.Intn(len(letters))] // want RT010
	}
	return string(b)
}

func replay(r *rand.Rand) string {
	b := make([]byte, 16)
	for i := range b {
		b[i] = letters[r.Intn(len(letters))]
	}
	return string(b)
}

func main() {
	issued := newResetToken()
	guess := replay(rand.New(rand.NewSource(1)))
	if issued == guess {
		fmt.Println("PREDICTED the reset token:", guess)
	} else {
		fmt.Println("token differs from the replay")
	}
}
