package filter

// Filter is shared by every platform; its field's type is declared once per platform.
type Filter struct {
	prog program
}

// Compiled reports whether a program is loaded.
func (f *Filter) Compiled() bool { return programLen(&f.prog) != 0 }
