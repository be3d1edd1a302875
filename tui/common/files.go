package common

import (
	"errors"
	"os"
)

// ErrHostFiles: over SSH a path names a file of the host running gecli
// ssh, not of the person's machine, and gecli reads none on their behalf
// (it could hand another person's file, or the host's own, to the server).
var ErrHostFiles = errors.New("gecli ssh reads no file of its host on a person's behalf")

// ErrNoDownloadDir: no download folder was given and the home folder is
// unknown; gecli never saves into the current directory without being
// told.
var ErrNoDownloadDir = errors.New("no download folder (set --download-dir)")

// ReadFile reads a file the person picked, unless the TUI is remote (pass
// Common.Remote: Cmds capture values). Cmds only: it reads the disk.
func ReadFile(remote bool, path string) ([]byte, error) {
	if remote {
		return nil, ErrHostFiles
	}
	return os.ReadFile(path)
}
