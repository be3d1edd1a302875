package main

import (
	"context"
	"io"
	"os"

	"github.com/spf13/pflag"

	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/session"
	"github.com/gecli/gecli/store"
)

// withSession runs fn with the signed-in session's client: what every
// administration command (apis, users, institutions, audit) calls the REST
// API with. Errors are the server's own words (explainAdminError).
func withSession(ctx context.Context, name string, args []string, extra func(*pflag.FlagSet), fn func(*client.Client) error) error {
	return withCheckedSession(ctx, name, args, extra, nil, fn)
}

// withCheckedSession is withSession with check run on the parsed flags
// first, so a bad value is a usage error (exit 2) even when nobody is
// signed in.
func withCheckedSession(ctx context.Context, name string, args []string, extra func(*pflag.FlagSet), check func() error, fn func(*client.Client) error) error {
	return withServer(ctx, name, args, extra, func(c *client.Client, s *store.Store) error {
		if check != nil {
			if err := check(); err != nil {
				return err
			}
		}
		authed, err := session.Resume(ctx, s, c)
		if err != nil {
			return err
		}
		if err := fn(authed); err != nil {
			return explainAdminError(err)
		}
		return nil
	})
}

// readInput reads a file, or standard input for "-".
func readInput(path string) ([]byte, error) {
	if path == "-" {
		return io.ReadAll(io.LimitReader(os.Stdin, 64<<20))
	}
	return os.ReadFile(path)
}

// positional splits the leading arguments that are not flags (ids, files)
// from the flags after them.
func positional(args []string, n int) ([]string, []string, bool) {
	if len(args) < n {
		return nil, args, false
	}
	for _, a := range args[:n] {
		if a == "" || a[0] == '-' && a != "-" {
			return nil, args, false
		}
	}
	return args[:n], args[n:], true
}
