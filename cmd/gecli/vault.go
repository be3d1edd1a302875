package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/gecli/gecli/server"
	"github.com/gecli/gecli/server/vault"
)

// runVault dispatches gecli vault keygen|rotate-key.
func runVault(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return usagef("use gecli vault keygen --out FILE | rotate-key --db PATH --key-file ATUAL --new-key-file NOVA")
	}
	switch args[0] {
	case "keygen":
		fs := newFlags("vault keygen")
		out := fs.String("out", "", "arquivo onde gravar a nova chave mestra (modo 0600; nunca sobrescreve)")
		if err := parse(fs, args[1:]); err != nil {
			return err
		}
		if *out == "" {
			return usagef("--out: diga onde gravar a chave")
		}
		if err := vault.WriteKeyFile(*out); err != nil {
			return err
		}
		fmt.Printf("chave mestra gravada em %s (modo 0600). Guarde uma cópia em lugar seguro: sem ela o cofre não abre.\n", *out)
		return nil
	case "rotate-key":
		return runRotateKey(ctx, args[1:])
	}
	return usagef("subcomando desconhecido %q (keygen, rotate-key)", args[0])
}

// loadVaultKey reads the key from the file, else from GECLI_VAULT_KEY (the
// key itself, for deployments that inject secrets as variables). Neither
// is not an error: the vault stays locked and the rest of the server works.
func loadVaultKey(file string) (*vault.MasterKey, error) {
	if file != "" {
		return vault.LoadKeyFile(file)
	}
	if v := os.Getenv("GECLI_VAULT_KEY"); v != "" {
		k, err := vault.ParseKey(v)
		if err != nil {
			return nil, fmt.Errorf("GECLI_VAULT_KEY: %w", err)
		}
		return k, nil
	}
	return nil, nil
}

func runRotateKey(ctx context.Context, args []string) error {
	fs := newFlags("vault rotate-key")
	dbPath := fs.String("db", "", "banco do servidor: arquivo SQLite ou URL postgres:// (ou GECLI_DB; padrão: gecli.db no diretório de dados)")
	current := fs.String("key-file", "", "chave mestra atual (ou GECLI_VAULT_KEY)")
	next := fs.String("new-key-file", "", "a nova chave mestra (gecli vault keygen)")
	if err := parse(fs, args); err != nil {
		return err
	}
	old, err := loadVaultKey(*current)
	if err != nil {
		return err
	}
	if old == nil {
		return usagef("--key-file: diga qual é a chave atual (ou defina GECLI_VAULT_KEY)")
	}
	if *next == "" {
		return usagef("--new-key-file: gere uma com gecli vault keygen --out ARQUIVO")
	}
	nk, err := vault.LoadKeyFile(*next)
	if err != nil {
		return err
	}
	d, err := openDB(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer d.Close()
	n, err := d.RotateVaultKey(ctx, old, nk)
	if err != nil {
		return fmt.Errorf("rotação da chave: %w (nada foi alterado)", err)
	}
	fmt.Printf("%d credenciais do cofre agora estão sob a nova chave (%s). Reinicie o servidor com --vault-key-file %s.\n", n, nk.ID, *next)
	return nil
}

// runService dispatches gecli service add.
func runService(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "add" {
		return usagef("use gecli service add --db PATH --name NOME --institution CNPJ --scope vault:resolve")
	}
	fs := newFlags("service add")
	dbPath := fs.String("db", "", "banco do servidor: arquivo SQLite ou URL postgres:// (ou GECLI_DB; padrão: gecli.db no diretório de dados)")
	name := fs.String("name", "", "nome do cliente de serviço (ex.: robô de consulta)")
	institution := fs.String("institution", "", "CNPJ da instituição em nome da qual o serviço age")
	scope := fs.String("scope", "", "escopo concedido: vault:resolve")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	d, err := openDB(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer d.Close()
	created, err := server.CreateServiceClient(ctx, d, *name, *institution, *scope, time.Now())
	if err != nil {
		return usagef("%v", err)
	}
	// The secret exists only in this output: print it as JSON for the
	// caller to store, and nothing else on stdout.
	return json.NewEncoder(os.Stdout).Encode(created)
}
