package supervisor

import (
	"context"
	"os/exec"
)

// RunHook starts a user-configured hook program.
func RunHook(ctx context.Context, path string) error {
	return exec.CommandContext(ctx, path).Run()
}
