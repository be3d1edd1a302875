package main

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/gecli/gecli/api"
)

// TestCredentialInTmux: gecli demo --as requester opens Credenciais,
// generates the secret of an approved request, tests it against the
// gateway check, then closes the reveal; the secret is then in none of the
// demo's files, though its hint is on screen.
func TestCredentialInTmux(t *testing.T) {
	bin := buildBinary(t)
	data := t.TempDir()
	s := newTmux(t, 120, 40, fmt.Sprintf("%s demo --as requester --data %s; echo GECLI_EXIT=$?; sleep 60", bin, data))
	s.waitText("Ana Souza · Solicitante")
	s.keys("4")
	s.waitText("ainda não gerado · n gera o secret")
	s.keys("n")
	s.waitText("Gerar o secret de")
	s.keys("Enter")
	scr := s.waitText("Novo secret · copie agora")
	secret := regexp.MustCompile(`gecli_cs_[0-9A-Za-z]{49}`).FindString(scr)
	if api.CheckSecret(secret) != nil {
		t.Fatalf("no valid secret on screen:\n%s", scr)
	}
	s.keys("s")
	s.waitText("Enviado à área de transferência: Secret (OSC 52, passthrough do tmux")
	s.keys("t")
	s.waitText("✔ Gateway aceitou")
	s.keys("Escape")
	s.keys("Escape")
	scr = s.waitFor("the reveal to close", func(scr string) bool {
		return strings.Contains(scr, "Secret removido da tela") && !strings.Contains(scr, "copie agora")
	})
	if strings.Contains(scr, secret) || !strings.Contains(scr, "gecli_cs_••••••••••••"+secret[len(secret)-4:]) {
		t.Fatalf("after the reveal closes only the hint may show:\n%s", scr)
	}
	s.keys("q")
	s.waitText("GECLI_EXIT=0")

	if files := filesHolding(t, data, secret[len(api.SecretPrefix):len(api.SecretPrefix)+20]); len(files) > 0 {
		t.Errorf("the secret was written to %v", files)
	}
}
