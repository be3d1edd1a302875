package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"text/tabwriter"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/identity"
)

var usernamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{2,63}$`)

// runUser dispatches gecli user add|list|disable.
func runUser(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return usagef("use gecli user add|list|disable --db PATH ...")
	}
	switch args[0] {
	case "add":
		return runUserAdd(ctx, args[1:])
	case "list":
		return runUserList(ctx, args[1:])
	case "disable":
		return runUserDisable(ctx, args[1:])
	}
	return usagef("subcomando desconhecido %q (add, list, disable)", args[0])
}

func openDB(ctx context.Context, path string) (*db.DB, error) {
	if path == "" {
		path = os.Getenv("GECLI_DB")
	}
	if path == "" {
		dir, err := dataDir()
		if err != nil {
			return nil, err
		}
		path = filepath.Join(dir, "gecli.db")
	}
	return db.Open(ctx, path)
}

func runUserAdd(ctx context.Context, args []string) error {
	fs := newFlags("user add")
	dbPath := fs.String("db", "", "banco do servidor: arquivo SQLite ou URL postgres:// (ou GECLI_DB; padrão: gecli.db no diretório de dados)")
	username := fs.String("username", "", "nome de usuário (minúsculas, dígitos, . _ -)")
	name := fs.String("name", "", "nome completo")
	cpf := fs.String("cpf", "", "CPF")
	role := fs.String("role", "", "perfil: requester, evaluator ou admin")
	institutions := fs.StringArray("institution", nil, `CNPJ vinculado (repetível); "CNPJ=Razão social" cadastra a instituição`)
	stdin := fs.Bool("password-stdin", false, "lê a senha da primeira linha da entrada padrão")
	if err := parse(fs, args); err != nil {
		return err
	}
	var problems []string
	if !usernamePattern.MatchString(*username) {
		problems = append(problems, "--username: 3 a 64 caracteres, minúsculas, dígitos, . _ -")
	}
	if strings.TrimSpace(*name) == "" {
		problems = append(problems, "--name: obrigatório")
	}
	if err := api.ValidateCPF(*cpf); err != nil {
		problems = append(problems, "--cpf: "+err.Error())
	}
	if !api.Role(*role).Valid() {
		problems = append(problems, "--role: use requester, evaluator ou admin")
	}
	var ins []api.Institution
	for _, spec := range *institutions {
		cnpj, legal, _ := strings.Cut(spec, "=")
		if err := api.ValidateCNPJ(cnpj); err != nil {
			problems = append(problems, fmt.Sprintf("--institution %s: %v", cnpj, err))
			continue
		}
		ins = append(ins, api.Institution{CNPJ: api.NormalizeCNPJ(cnpj), Name: strings.TrimSpace(legal)})
	}
	if !*stdin {
		problems = append(problems, "--password-stdin: a senha vem da entrada padrão, nunca da linha de comando")
	}
	if len(problems) > 0 {
		return usagef("%s", strings.Join(problems, "; "))
	}
	password, err := bufio.NewReader(os.Stdin).ReadString('\n')
	if err != nil && password == "" {
		return errors.New("nenhuma senha na entrada padrão")
	}
	password = strings.TrimRight(password, "\r\n")
	if len([]rune(password)) < 8 {
		return usagef("a senha deve ter ao menos 8 caracteres")
	}
	hash, err := identity.HashPassword(password)
	if err != nil {
		return err
	}
	d, err := openDB(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer d.Close()
	id := make([]byte, 8)
	rand.Read(id)
	err = d.CreateUser(ctx, db.User{ID: "u-" + hex.EncodeToString(id), Username: *username, Name: strings.TrimSpace(*name),
		CPF: *cpf, Role: api.Role(*role), PasswordHash: hash, Institutions: ins})
	if err != nil {
		return fmt.Errorf("criar usuário: %w", err)
	}
	fmt.Printf("Usuário %s criado (%s).\n", *username, api.Role(*role).Label(api.PtBR))
	return nil
}

func runUserList(ctx context.Context, args []string) error {
	fs := newFlags("user list")
	dbPath := fs.String("db", "", "banco do servidor: arquivo SQLite ou URL postgres:// (ou GECLI_DB)")
	if err := parse(fs, args); err != nil {
		return err
	}
	d, err := openDB(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer d.Close()
	users, err := d.ListUsers(ctx)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "USUÁRIO\tNOME\tPERFIL\tSITUAÇÃO\tINSTITUIÇÕES")
	for _, u := range users {
		state := "ativo"
		if u.Disabled {
			state = "desativado"
		}
		cnpjs := make([]string, len(u.Institutions))
		for i, in := range u.Institutions {
			cnpjs[i] = api.FormatCNPJ(in.CNPJ)
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", u.Username, u.Name, u.Role.Label(api.PtBR), state, strings.Join(cnpjs, ", "))
	}
	return w.Flush()
}

func runUserDisable(ctx context.Context, args []string) error {
	fs := newFlags("user disable")
	dbPath := fs.String("db", "", "banco do servidor: arquivo SQLite ou URL postgres:// (ou GECLI_DB)")
	username := fs.String("username", "", "usuário a desativar")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *username == "" {
		return usagef("--username é obrigatório")
	}
	d, err := openDB(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.DisableUser(ctx, *username); errors.Is(err, db.ErrNotFound) {
		return fmt.Errorf("usuário %q não existe", *username)
	} else if err != nil {
		return err
	}
	fmt.Printf("Usuário %s desativado; suas sessões foram revogadas.\n", *username)
	return nil
}
