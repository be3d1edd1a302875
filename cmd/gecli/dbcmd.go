package main

import (
	"context"
	"fmt"
	"os"

	"github.com/gecli/gecli/internal/pg"
	"github.com/gecli/gecli/server/db"
)

// runDB dispatches gecli db copy.
func runDB(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "copy" {
		return usagef("use gecli db copy --from ARQUIVO.db --to postgres://…")
	}
	fs := newFlags("db copy")
	from := fs.String("from", "", "o banco SQLite de origem (não é alterado)")
	to := fs.String("to", "", "o banco PostgreSQL de destino, vazio (postgres://…; ou GECLI_DB)")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if *to == "" {
		*to = os.Getenv("GECLI_DB")
	}
	switch {
	case *from == "" || *to == "":
		return usagef("--from e --to: de qual banco SQLite para qual PostgreSQL")
	case pg.IsURL(*from):
		return usagef("--from: um arquivo SQLite (a cópia vai do SQLite para o PostgreSQL)")
	case !pg.IsURL(*to):
		return usagef("--to: uma URL postgres://")
	}
	if _, err := os.Stat(*from); err != nil {
		return fmt.Errorf("--from: %w", err)
	}
	src, err := db.Open(ctx, *from)
	if err != nil {
		return fmt.Errorf("banco de origem: %w", err)
	}
	defer src.Close()
	dst, err := db.Open(ctx, *to)
	if err != nil {
		return fmt.Errorf("banco de destino: %w", err)
	}
	defer dst.Close()
	rep, err := db.CopyAll(ctx, src, dst, func(table string, rows int64) {
		fmt.Fprintf(os.Stderr, "  %-20s %d linhas\n", table, rows)
	})
	if err != nil {
		return err
	}
	var total int64
	for _, n := range rep.Rows {
		total += n
	}
	fmt.Printf("copiadas %d linhas de %d tabelas para %s; contagens conferidas e %d históricos verificados\n",
		total, len(rep.Rows), pg.Redact(*to), rep.Verified)
	return nil
}
