package users

import (
	"math/rand"
	"strconv"
)

type Invite struct {
	Email     string
	password  string
	sessionID string
}

type issuer struct {
	gen *rand.Rand
}

func NewInvite(email string) Invite {
	password := randomString(12)
	return Invite{Email: email, password: password}
}

func (is *issuer) start(inv *Invite) {
	inv.sessionID = strconv.FormatUint(is.gen.Uint64(), 16) // want RT010
}
