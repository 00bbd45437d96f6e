//go:build go1.19 && fastjson

package units

func encode(v float64) string { return "fast" }

// Encode formats v with the encoder chosen by build tags.
func Encode(v float64) string { return encode(v) }
