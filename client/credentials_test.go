package client

import (
	"context"
	"errors"
	"strings"
	"testing"

	"golang.org/x/oauth2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/testkit/backend"
)

func TestCredentialLifecycleFromTheClient(t *testing.T) {
	b := backend.Start(t, "127.0.0.1:0", "")
	ctx := context.Background()
	c, _ := New(b.URL, nil)
	c = c.WithTokens(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: b.Token(t, "solicitante")}))

	creds, err := c.Credentials(ctx)
	if err != nil || len(creds) == 0 {
		t.Fatalf("credentials: %d, %v", len(creds), err)
	}
	var cred api.Credential
	for _, cr := range creds {
		if cr.State == api.CredentialAvailable && cr.Environment == api.EnvHMG && cr.Institution.CNPJ == "11222333000181" {
			cred = cr
			break
		}
	}
	if cred.ClientID == "" {
		t.Fatal("the demo has no HMG credential of the court to generate")
	}
	sec, err := c.GenerateSecret(ctx, cred.RequestID, 0)
	if err != nil || sec.ClientID != cred.ClientID {
		t.Fatalf("generate: %+v %v", sec, err)
	}

	check, err := TestCredential(ctx, nil, cred.TokenURL, cred.GatewayURL, cred.ClientID, sec.ClientSecret)
	if err != nil || !check.OK() || check.Pong.ClientID != cred.ClientID || check.Pong.API.ID != cred.APIID {
		t.Fatalf("test of a good credential: %+v %v", check, err)
	}
	wrong, err := TestCredential(ctx, nil, cred.TokenURL, cred.GatewayURL, cred.ClientID, api.NewSecret())
	if err != nil || wrong.Stage != "token" || wrong.Status != 401 || wrong.Code != "invalid_client" {
		t.Errorf("test with a wrong secret: %+v %v", wrong, err)
	}
	prd := strings.Replace(cred.GatewayURL, "/hmg/", "/prd/", 1)
	other, err := TestCredential(ctx, nil, cred.TokenURL, prd, cred.ClientID, sec.ClientSecret)
	if err != nil || other.Stage != "gateway" || other.Status != 401 || other.Code != string(api.CodeWrongEnvironment) {
		t.Errorf("HMG credential on PRD: %+v %v", other, err)
	}

	ranges, err := c.SetAllowlist(ctx, "11.222.333/0001-81", []string{"127.0.0.1", "10.1.2.3/8"})
	if err != nil || strings.Join(ranges, ",") != "127.0.0.1/32,10.0.0.0/8" {
		t.Fatalf("set allowlist: %v %v", ranges, err)
	}
	_, err = c.SetAllowlist(ctx, "11222333000181", []string{"10.0.0.0/40"})
	var pe *ProblemError
	if !errors.As(err, &pe) || len(pe.Problem.Fields) != 1 || pe.Problem.Fields[0].Field != "ranges[0]" {
		t.Errorf("invalid range: %v", err)
	}
	if got, _ := c.Allowlist(ctx, "11222333000181"); len(got) != 2 {
		t.Errorf("allowlist after a refused change: %v", got)
	}
	b.Stop()
	if _, err := TestCredential(ctx, nil, cred.TokenURL, cred.GatewayURL, cred.ClientID, sec.ClientSecret); !IsOffline(err) {
		t.Errorf("a stopped server must read as offline: %v", err)
	}
}
