// Package notes explains directives in comments without using them.
//
// go:build lines have to come before the package clause, so this file has none.
package notes

// go:linkname is avoided here: it ties us to runtime internals.
// go:noinline would keep Sum out of line, but inlining is what we want.
func Sum(xs ...int) (s int) {
	for _, x := range xs {
		s += x
	}
	return s
}

// go:generate is run by hand in this repository, see the Makefile.
// go:embed can only apply to package-level variables.
var Names = []string{"a", "b"}

// export the totals to the caller (not a cgo file, so this is prose)
func Totals() int { return Sum(1, 2, 3) }

// line 12 of the spec says the same thing.
const Spec = 12
