package integration

import (
	"os"
	"testing"
)

type container struct{ id string }

func startDatabase() *container { return &container{id: "db"} }

// Terminate stops and deletes the container; nothing else will.
func (c *container) Terminate() error { return nil }

func TestMain(m *testing.M) {
	db := startDatabase()
	defer db.Terminate()
	code := m.Run()
	os.Exit(code) // want RT009
}
