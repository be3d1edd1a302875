package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"sort"
	"strings"

	"github.com/gecli/gecli/server"
	"github.com/gecli/gecli/server/sei/seisim"
)

// runSeiSim serves the SEI simulator: the SOAP web service of an SEI
// installation, for the demo and for tests of the outbox by hand.
func runSeiSim(ctx context.Context, args []string) error {
	fs := newFlags("sei-sim")
	addr := fs.String("addr", "127.0.0.1:8090", "endereço onde escutar")
	state := fs.String("state", "", "arquivo JSON com processos e documentos (sem ele, ficam só na memória)")
	sigla := fs.String("sigla", "GECLI", "sigla do sistema cliente (SiglaSistema)")
	keyFile := fs.String("key-file", "", "arquivo com a chave de acesso do serviço (IdentificacaoServico); ou GECLI_SEI_KEY")
	if err := parse(fs, args); err != nil {
		return err
	}
	if strings.TrimSpace(*sigla) == "" {
		return usagef("--sigla: diga a sigla do sistema")
	}
	key, demoKey, err := seiSimKey(*keyFile)
	if err != nil {
		return err
	}
	cfg := seisim.DemoConfig()
	cfg.Sigla, cfg.Key, cfg.StateFile = *sigla, key, *state
	sim, err := seisim.Open(cfg)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("escutar em %s: %w", *addr, err)
	}
	printSeiSim(os.Stdout, "http://"+ln.Addr().String(), cfg, demoKey)
	log, err := newLogger(os.Stderr, "text", "info")
	if err != nil {
		ln.Close()
		return err
	}
	return server.Serve(ctx, ln, sim, log)
}

// seiSimKey is the service's key: from the file, else GECLI_SEI_KEY, else
// the demo key (which is then printed: it protects nothing).
func seiSimKey(file string) (key string, demo bool, err error) {
	if file != "" {
		b, err := os.ReadFile(file)
		if err != nil {
			return "", false, fmt.Errorf("--key-file: %w", err)
		}
		if k := strings.TrimSpace(string(b)); k != "" {
			return k, false, nil
		}
		return "", false, usagef("--key-file: %s está vazio", file)
	}
	if k := strings.TrimSpace(os.Getenv("GECLI_SEI_KEY")); k != "" {
		return k, false, nil
	}
	return seisim.DemoKey, true, nil
}

func printSeiSim(w io.Writer, base string, cfg seisim.Config, demoKey bool) {
	fmt.Fprintf(w, "simulador do SEI em %s%s (SOAP 1.1, SOAPAction %q)\n", base, seisim.Path, seisim.SOAPAction)
	fmt.Fprintf(w, "  inspeção (só leitura): %s/_sim/processes\n", base)
	if cfg.StateFile != "" {
		fmt.Fprintf(w, "  estado: %s\n", cfg.StateFile)
	}
	fmt.Fprintf(w, "  SiglaSistema: %s\n", cfg.Sigla)
	if demoKey {
		fmt.Fprintf(w, "  IdentificacaoServico: %s (chave de demonstração; use --key-file ou GECLI_SEI_KEY)\n", cfg.Key)
	} else {
		fmt.Fprintln(w, "  IdentificacaoServico: a de --key-file ou GECLI_SEI_KEY")
	}
	list := func(title string, m map[string]string) {
		fmt.Fprintf(w, "  %s:\n", title)
		ids := make([]string, 0, len(m))
		for id := range m {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			fmt.Fprintf(w, "    %-10s %s\n", id, m[id])
		}
	}
	units := map[string]string{}
	for id, u := range cfg.Units {
		units[id] = u.Sigla + " — " + u.Descricao
	}
	list("unidades (IdUnidade)", units)
	list("tipos de processo (IdTipoProcedimento)", cfg.ProcedureTypes)
	list("séries de documento (IdSerie)", cfg.Series)
}
