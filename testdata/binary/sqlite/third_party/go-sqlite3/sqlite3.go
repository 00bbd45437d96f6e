//go:build cgo

// A stand-in for github.com/mattn/go-sqlite3 with the same package path and the same split:
// the real driver needs cgo; without it only static_mock.go builds.
package sqlite3

/*
static int sqlite3_libversion_number(void) { return 3045001; }
*/
import "C"

import (
	"database/sql"
	"database/sql/driver"
	"errors"
)

func init() {
	sql.Register("sqlite3", &SQLiteDriver{})
}

type SQLiteDriver struct{}

type SQLiteConn struct{ version int }

func (d *SQLiteDriver) Open(dsn string) (driver.Conn, error) {
	return &SQLiteConn{version: int(C.sqlite3_libversion_number())}, nil
}

func (c *SQLiteConn) Prepare(string) (driver.Stmt, error) { return nil, errors.New("not implemented") }
func (c *SQLiteConn) Close() error                        { return nil }
func (c *SQLiteConn) Begin() (driver.Tx, error)           { return nil, errors.New("not implemented") }
