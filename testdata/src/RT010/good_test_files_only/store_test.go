package store

import (
	"fmt"
	"math/rand"
	"testing"
)

func fakeToken() string { return fmt.Sprintf("%016x", rand.Uint64()) }

func TestPut(t *testing.T) {
	var s Store
	token := fakeToken()
	s.Put("bob", token)
	if s.tokens["bob"] != token {
		t.Fatal("lost token")
	}
}
