//go:build go1.19

package units

type Seconds float64

func (s Seconds) String() string { return "s" }

func (Meters) _() {}

var _ = Seconds(0).String

func init() { registry = append(registry, "seconds") }
