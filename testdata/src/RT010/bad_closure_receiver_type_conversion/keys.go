package keys

import (
	"encoding/hex"
	"fmt"
	r "math/rand"
	"time"
)

type APIKey string

type Session struct {
	ID      string
	Created time.Time
}

type TokenMinter struct {
	src r.Source
}

// Mint returns a fresh bearer value: the receiver's type says what it is.
func (m *TokenMinter) Mint() string {
	return fmt.Sprintf("%016x", m.src.Int63()) // want RT010
}

func issue() APIKey {
	raw := make([]byte, 20)
	r.Read(raw) // want RT010
	return APIKey(hex.EncodeToString(raw))
}

func open() *Session {
	next := func() string { return fmt.Sprint(r.Int63()) } // want RT010
	return &Session{ID: next(), Created: time.Now()}
}
