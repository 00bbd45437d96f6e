package names

/*
#include <string.h>
#include <stdlib.h>
static int names_score(const char *s) { return (int)strlen(s) * 3; }
*/
import "C"

// Total scores every name; each iteration's copy outlives the closure.
func Total(list []string) int {
	total := 0
	for _, n := range list {
		func() {
			cs := C.strdup(C.CString(n)) // want CGO001 CGO001
			total += int(C.names_score(cs))
		}()
	}
	return total
}
