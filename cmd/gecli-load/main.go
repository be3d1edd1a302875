// Command gecli-load puts a gecli server under the load of many clients
// at once, on loopback, for a bounded time, and reports what they saw:
// answers by kind and status, and latency percentiles for reads and
// writes. It starts its own server on a fresh demo database (or on a
// copy of --db), so it needs nothing else and stops by itself. It exits 1
// if any answer was a 5xx or a transport error. make bench-load runs it.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/gecli/gecli/internal/pg"
	"github.com/gecli/gecli/server"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/seed"
)

func main() {
	clients := pflag.Int("clients", 200, "concurrent clients")
	duration := pflag.Duration("duration", 30*time.Second, "how long the load runs (at most 10m)")
	think := pflag.Duration("think", 250*time.Millisecond, "mean pause of a client between its calls (random, exponential); 0 is a saturation test")
	from := pflag.String("db", "", "a SQLite database to copy and load, or a postgres:// URL to load in place (seeded if empty; default: a fresh SQLite demo database)")
	replicas := pflag.Int("replicas", 1, "servers on the one database, clients spread over them (more than 1 needs PostgreSQL)")
	cpuProfile := pflag.String("cpuprofile", "", "write a CPU profile of the run (server and clients) to this file")
	pflag.Parse()
	if *clients < 1 || *clients > 2000 || *duration <= 0 || *duration > 10*time.Minute || *think < 0 || *think > time.Minute ||
		*replicas < 1 || *replicas > 4 || *replicas > 1 && !pg.IsURL(*from) {
		fmt.Fprintln(os.Stderr, "gecli-load: --clients 1..2000, --duration up to 10m, --think 0..1m, --replicas 1..4 (above 1 with --db postgres://)")
		os.Exit(2)
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "gecli-load:", err)
			os.Exit(1)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	if err := run(*clients, *duration, *think, *from, *replicas); err != nil {
		pprof.StopCPUProfile()
		fmt.Fprintln(os.Stderr, "gecli-load:", err)
		os.Exit(1)
	}
}

func run(clients int, duration, think time.Duration, from string, replicas int) error {
	ctx := context.Background()
	path := from
	if !pg.IsURL(from) {
		dir, err := os.MkdirTemp("", "gecli-load-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		path = filepath.Join(dir, "server.db")
		if from != "" {
			if err := copyFile(from, path); err != nil {
				return err
			}
		}
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	// Every replica answers for the same public address, as behind a load
	// balancer; the first one seeds an empty database.
	const public = "http://gecli-load.test"
	var bases []string
	var d *db.DB
	var auth *server.Auth
	for i := range replicas {
		rd, err := db.Open(ctx, path)
		if err != nil {
			return err
		}
		defer rd.Close()
		if i == 0 {
			if err := seed.Demo(ctx, rd); err != nil && !errors.Is(err, seed.ErrNotEmpty) {
				return err
			}
		}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return err
		}
		ra, err := server.NewAuth(ctx, rd, server.AuthOptions{PublicURL: public, Audience: "gecli", ClientID: "gecli-tui", Log: log})
		if err != nil {
			return err
		}
		srv := &http.Server{Handler: server.New(rd, server.Config{PublicURL: public, Auth: ra, Logger: log}).Handler()}
		go srv.Serve(ln)
		defer srv.Close()
		bases = append(bases, "http://"+ln.Addr().String())
		if i == 0 {
			d, auth = rd, ra
		}
	}
	base := strings.Join(bases, ", ")

	l, err := newLoad(ctx, bases, d, auth)
	if err != nil {
		return err
	}
	fmt.Printf("gecli-load: %d clients, mean think time %s, for %s against %s\n", clients, think, duration, base)
	res := l.run(clients, duration, think)
	res.print(os.Stdout)
	if res.failures() > 0 {
		return fmt.Errorf("%d answers were 5xx or never came", res.failures())
	}
	return nil
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o600)
}
