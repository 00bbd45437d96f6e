package mfa

import (
	"fmt"
	mrand "math/rand/v2"
)

// newOTP returns a six-digit one-time code.
func newOTP() string {
	return fmt.Sprintf("%06d", mrand.IntN(1_000_000)) // want RT010
}

type Challenge struct {
	Salt  uint64
	Nonce string
}

func challenge(seed1, seed2 uint64) Challenge {
	r := mrand.New(mrand.NewPCG(seed1, seed2))
	c := Challenge{Salt: r.Uint64()} // want RT010
	c.Nonce = fmt.Sprint(fastrand64()) // want RT010
	return c
}
