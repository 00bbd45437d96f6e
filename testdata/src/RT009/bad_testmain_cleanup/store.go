package store

import "os"

// Root is where the store keeps its files.
var Root = os.TempDir()
