package main

import (
	"os"

	"github.com/golang/glog"
	log "github.com/sirupsen/logrus"
	"go.uber.org/zap"
)

func indexAll(paths []string) {
	logger, _ := zap.NewProduction()
	defer logger.Sync()
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			log.WithError(err).WithField("path", p).Fatal("cannot index") // want RT009
		}
	}
}

func compact(dir string) {
	defer glog.Flush()
	tmp, err := os.MkdirTemp(dir, "compact-")
	if err != nil {
		glog.Exitf("no scratch space: %v", err) // want RT009
	}
	defer os.RemoveAll(tmp)
	if err := os.Chmod(tmp, 0o700); err != nil {
		log.Fatalf("chmod: %v", err) // want RT009
	}
}

func main() {
	indexAll(os.Args[1:])
	compact(os.TempDir())
}
