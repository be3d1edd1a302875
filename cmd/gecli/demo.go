package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"

	"github.com/gecli/gecli/server"
)

// runDemo starts the backend in-process on a random loopback port with
// the demo dataset and runs the TUI against it: the newcomer's first
// command (make run).
func runDemo(ctx context.Context, args []string) error {
	fs := newFlags("demo")
	data := fs.String("data", "", "diretório dos dados de demonstração (padrão: demo/ no diretório de dados do usuário)")
	var ui uiFlags
	ui.register(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if _, err := ui.validate(); err != nil {
		return err
	}
	dir := *data
	if dir == "" {
		base, err := dataDir()
		if err != nil {
			return err
		}
		dir = filepath.Join(base, "demo")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("diretório de dados %s: %w", dir, err)
	}
	// The TUI owns the terminal, so the server logs to a file beside its data.
	logFile, err := os.OpenFile(filepath.Join(dir, "server.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("log do servidor: %w", err)
	}
	defer logFile.Close()
	log := slog.New(slog.NewTextHandler(logFile, nil))

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("escutar em 127.0.0.1: %w", err)
	}
	url := "http://" + ln.Addr().String()
	auth := defaultAuth()
	opts, _ := auth.options(url, log) // embedded: nothing to validate
	b, err := openBackend(ctx, filepath.Join(dir, "server.db"), true, opts, log)
	if err != nil {
		ln.Close()
		return err
	}
	defer b.Close()

	srvCtx, stopServer := context.WithCancel(ctx)
	served := make(chan error, 1)
	go func() { served <- server.Serve(srvCtx, ln, b.Handler(), log) }()

	tuiErr := startTUI(ctx, url, ui, filepath.Join(dir, "cache.db"))
	stopServer()
	if err := <-served; err != nil && tuiErr == nil {
		return err
	}
	return tuiErr
}
