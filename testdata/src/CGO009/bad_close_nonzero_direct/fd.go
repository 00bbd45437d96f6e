package fd

// #include <unistd.h>
import "C"

import "fmt"

// Close reports that close failed, never why (EBADF? EIO on a network filesystem?).
func Close(fd int) error {
	if C.close(C.int(fd)) != 0 { // want CGO009
		return fmt.Errorf("close %d failed", fd)
	}
	return nil
}
