// Package usercache remembers who owns the process, and asks C for the real uid.
package usercache

// #include <unistd.h>
import "C"

import (
	"os/user"
	"strconv"
	"sync"
)

var (
	once  sync.Once
	owner string
	err   error
)

// Owner is the login name of the process's real user.
func Owner() (string, error) {
	once.Do(func() {
		var u *user.User
		u, err = user.LookupId(strconv.Itoa(int(C.getuid())))
		if err == nil {
			owner = u.Username
		}
	})
	return owner, err
}
