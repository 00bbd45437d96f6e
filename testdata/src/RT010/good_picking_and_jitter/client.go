package client

import (
	"fmt"
	"math/rand"
	"time"
)

type Client struct {
	apiKeys []string
	tokens  []string
}

// pickKey spreads requests over keys someone else generated.
func (c *Client) pickKey() string {
	apiKey := c.apiKeys[rand.Intn(len(c.apiKeys))]
	return apiKey
}

func (c *Client) nextToken() string {
	return c.tokens[rand.Intn(len(c.tokens))]
}

// backoff adds jitter to the retry delay.
func backoff(attempt int) time.Duration {
	base := time.Duration(1<<attempt) * 100 * time.Millisecond
	return base + time.Duration(rand.Int63n(int64(base/2)))
}

func shuffleTokens(tokens []string) {
	rand.Shuffle(len(tokens), func(i, j int) { tokens[i], tokens[j] = tokens[j], tokens[i] })
}

func sample() {
	keyIndex := rand.Intn(10)
	tokenCount := rand.Intn(5) + 1
	sessionTimeout := time.Duration(30+rand.Intn(30)) * time.Second
	cacheKey := fmt.Sprintf("item-%d", rand.Intn(1000))
	monkey := rand.Intn(3)
	keyboard := rand.Float64()
	tokenBuf := make([]byte, rand.Intn(64))
	fmt.Println(keyIndex, tokenCount, sessionTimeout, cacheKey, monkey, keyboard, len(tokenBuf))
}
