package main

import (
	"context"
	"fmt"

	"github.com/gecli/gecli/api"
)

func runVersion(_ context.Context, args []string) error {
	fs := newFlags("version")
	if err := parse(fs, args); err != nil {
		return err
	}
	b := api.Build()
	fmt.Printf("gecli %s (commit %s, build %s)\n", b.Version, b.Commit, b.Date)
	return nil
}
