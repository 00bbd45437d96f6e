package upgrade

import (
	"os"

	xunix "golang.org/x/sys/unix"
)

const stateFlags = xunix.O_RDWR | xunix.O_CREAT

// Upgrade keeps a state file and a log descriptor open and replaces the binary in place.
func Upgrade(dirfd int, logfd, spare int) error {
	state, err := xunix.Openat(dirfd, "state.db", stateFlags, 0o600) // want RT008
	if err != nil {
		return err
	}
	defer xunix.Close(state)

	moveLog := func() error {
		return xunix.Dup2(logfd, spare) // want RT008
	}
	if err := moveLog(); err != nil {
		return err
	}
	return xunix.Exec("/usr/local/bin/app.new", os.Args, os.Environ())
}
