package users

import (
	"math/rand"
	"strings"
	"time"
)

const alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

var rng = rand.New(rand.NewSource(time.Now().UnixNano()))

// randomString returns n characters drawn from the alphabet.
func randomString(n int) string {
	var sb strings.Builder
	for i := 0; i < n; i++ {
		sb.WriteByte(alphabet[rng.Intn(len(alphabet))]) // want RT010
	}
	return sb.String()
}
