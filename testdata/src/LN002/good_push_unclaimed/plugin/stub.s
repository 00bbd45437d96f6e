// An assembly file lets the compiler accept the body-less declaration.
