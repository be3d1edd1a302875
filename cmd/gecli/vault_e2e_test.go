package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gecli/gecli/server/db"
)

// TestVaultInTmux: gecli demo --as requester opens Cofre, adds an entry,
// overwrites it and deletes it. The password never shows on screen and is
// in none of the demo's files; the audit has the three actions.
func TestVaultInTmux(t *testing.T) {
	bin := buildBinary(t)
	data := t.TempDir()
	s := newTmux(t, 120, 40, fmt.Sprintf("%s demo --as requester --data %s; echo GECLI_EXIT=$?; sleep 60", bin, data))
	s.waitText("Ana Souza · Solicitante")
	s.keys("5")
	s.waitText("62 sistemas · 0 cadastradas")
	add := func(user, password string) {
		t.Helper()
		s.keys("n")
		s.waitText("Cadastrar ou sobrescrever credencial")
		s.text(user)
		s.keys("Tab")
		s.text(password)
		s.keys("Enter")
	}
	s.keys("/")
	s.text("tjba - 1")
	s.keys("Enter")
	s.keys("n")
	s.waitText("Cadastrar ou sobrescrever credencial")
	s.text("00000001")
	s.keys("Tab")
	s.text("529.982.247-25")
	s.keys("Tab")
	s.text("Primeira-Senha")
	s.keys("Enter")
	s.waitText("Credencial cadastrada em PJE TJBA - 1º grau (customer_key 00000001)")
	add("BA12345", "Segunda-Senha")
	scr := s.waitText("Credencial sobrescrita em PJE TJBA - 1º grau (customer_key 00000001)")
	if strings.Contains(scr, "Senha") {
		t.Fatalf("a password is on screen:\n%s", scr)
	}
	s.keys("x")
	s.waitText("Apagar a credencial de PJE TJBA - 1º grau para a customer_key 00000001?")
	s.keys("s")
	s.waitText("Credencial de PJE TJBA - 1º grau apagada")
	s.keys("q")
	s.waitText("GECLI_EXIT=0")

	if files := filesHolding(t, data, "Primeira-Senha", "Segunda-Senha"); len(files) > 0 {
		t.Errorf("a password was written to %v", files)
	}
	d, err := db.Open(context.Background(), filepath.Join(data, "server.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	log, _ := d.VaultAuditLog(context.Background(), "12ABC34501DE35") // the first linked institution
	var got []string
	for _, a := range log {
		got = append(got, a.Action+":"+a.Outcome)
	}
	if strings.Join(got, " ") != "write:CREDENTIAL_CREATED write:CREDENTIAL_UPDATED delete:deleted" {
		t.Errorf("audit: %v", got)
	}
}
