package runner

import (
	"os"
	"os/exec"
)

// Start runs a helper with the process's stdio.
func Start(path string) (*exec.Cmd, error) {
	cmd := &exec.Cmd{Path: path, Stdout: os.Stdout, Stderr: os.Stderr}
	return cmd, cmd.Start()
}
