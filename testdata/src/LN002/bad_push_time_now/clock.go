// Package clock freezes time for tests.
package clock

var frozen int64 = 1700000000
