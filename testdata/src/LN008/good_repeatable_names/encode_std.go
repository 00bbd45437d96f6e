//go:build go1.18 && !fastjson

package units

func encode(v float64) string { return "std" }

// Encode formats v with the encoder chosen by build tags.
func Encode(v float64) string { return encode(v) }
