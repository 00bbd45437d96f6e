//go:build go1.16 || linux

package either

// "linux" alone satisfies this line, so it implies no minimum Go release and the file keeps go 1.22.
func Jobs(n int) []func() int {
	var fs []func() int
	for i := range n {
		fs = append(fs, func() int { return i })
	}
	return fs
}
