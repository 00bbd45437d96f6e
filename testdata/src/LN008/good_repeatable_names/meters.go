//go:build go1.18

package units

type Meters float64

func (m Meters) String() string { return "m" }

func (Meters) _() {}

var _ = Meters(0).String

func init() { registry = append(registry, "meters") }

var registry []string
