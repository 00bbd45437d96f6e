package auth

import (
	"encoding/base64"
	"encoding/hex"
	"math/rand"
	"net/http"
	"strconv"
)

type Session struct {
	User  string
	Token string
}

func Login(user string) *Session {
	buf := make([]byte, 24)
	rand.Read(buf) // want RT010
	s := &Session{User: user}
	s.Token = hex.EncodeToString(buf)
	return s
}

func csrfCookie() *http.Cookie {
	v := strconv.FormatInt(rand.Int63(), 36) // want RT010
	return &http.Cookie{Name: "csrf_token", Value: v}
}

var signingKey = make([]byte, 32)

func init() {
	rand.Read(signingKey) // want RT010
}

func NewAPIKey() string {
	raw := make([]byte, 16)
	for i := range raw {
		raw[i] = byte(rand.Intn(256)) // want RT010
	}
	return base64.RawURLEncoding.EncodeToString(raw)
}
