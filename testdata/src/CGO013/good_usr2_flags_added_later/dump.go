package dump

/*
int dump_install(void);
int dump_pending(void);
*/
import "C"

// Install arms the SIGUSR2 dump request flag.
func Install() bool { return C.dump_install() == 0 }

// Pending reports whether a dump was requested.
func Pending() bool { return C.dump_pending() != 0 }
