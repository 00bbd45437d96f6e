//go:build !cgo

// The stub go-sqlite3 ships for CGO_ENABLED=0 (static_mock.go upstream): it builds, and fails at
// run time.
package sqlite3

import (
	"database/sql"
	"database/sql/driver"
	"errors"
)

var errorMsg = errors.New("Binary was compiled with 'CGO_ENABLED=0', go-sqlite3 requires cgo to work. This is a stub")

func init() {
	sql.Register("sqlite3", &SQLiteDriver{})
}

type SQLiteDriver struct{}

func (SQLiteDriver) Open(s string) (driver.Conn, error) { return nil, errorMsg }
