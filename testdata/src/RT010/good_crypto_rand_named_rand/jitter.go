package tokens

import (
	"math/rand"
	"time"
)

// refreshAfter spreads token refreshes so clients do not renew at the same instant.
func refreshAfter(ttl time.Duration) time.Duration {
	return ttl - time.Duration(rand.Int63n(int64(ttl/10)))
}

func rotateSessions(sessions []string) string {
	return sessions[rand.Intn(len(sessions))]
}
