package main

import (
	"context"
	"os"

	"github.com/atotto/clipboard"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/tui"
)

// runTUI is plain `gecli`: the TUI against --server.
func runTUI(ctx context.Context, args []string) error {
	fs := newFlags("gecli")
	serverURL := fs.String("server", "http://127.0.0.1:8080", "endereço do servidor gecli")
	var ui uiFlags
	ui.register(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	return startTUI(ctx, *serverURL, ui, "", nil, "")
}

// startTUI opens the cache and runs the TUI. defaultCache is used when
// --cache is not given ("" means the per-server file in the cache dir);
// prepare, when set, runs on the opened cache first (gecli demo --as).
func startTUI(ctx context.Context, serverURL string, ui uiFlags, defaultCache string, prepare func(context.Context, *store.Store) error, hint string) error {
	lang, err := ui.validate()
	if err != nil {
		return err
	}
	c, err := client.New(serverURL, nil)
	if err != nil {
		return usageError{describe(lang, err)}
	}
	path := ui.cache
	if path == "" {
		path = defaultCache
	}
	if path == "" {
		if path, err = store.DefaultPath(serverURL); err != nil {
			return err
		}
	}
	s, err := store.Open(ctx, path)
	if err != nil {
		return err
	}
	defer s.Close()
	if prepare != nil {
		if err := prepare(ctx, s); err != nil {
			return err
		}
	}
	if ui.offline {
		c = nil
	}
	keys, err := ui.keys()
	if err != nil {
		return err
	}
	return tui.Run(ctx, tui.Options{
		ServerURL: serverURL, Client: c, Store: s, Lang: lang, Theme: ui.theme,
		NoColor: os.Getenv("NO_COLOR") != "", Build: api.Build(), SignInHint: hint,
		NativeClipboard: clipboard.WriteAll, ClipboardClear: ui.clipboardClear, DownloadDir: ui.downloadDir,
		Keys: keys, SyncEvery: ui.syncEvery,
	})
}
