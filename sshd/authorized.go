package sshd

import (
	"bytes"
	"fmt"
	"io"
	"os"

	gossh "golang.org/x/crypto/ssh"
)

// authorizedKeys reads an authorized_keys file (OpenSSH's format; options
// are ignored). It is read at every attempt, so a key added or removed
// counts from the next connection, without a restart.
func authorizedKeys(path string) (map[string]bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, 1<<20))
	if err != nil {
		return nil, err
	}
	keys := map[string]bool{}
	for line := 1; len(b) > 0; line++ {
		var rest []byte
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			b, rest = b[:i], b[i+1:]
		} else {
			rest = nil
		}
		if t := bytes.TrimSpace(b); len(t) > 0 && t[0] != '#' {
			k, _, _, _, err := gossh.ParseAuthorizedKey(t)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %w", path, line, err)
			}
			keys[string(k.Marshal())] = true
		}
		b = rest
	}
	return keys, nil
}
