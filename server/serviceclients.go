package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/identity"
)

// ServiceScopes are the scopes a service client may hold.
var ServiceScopes = []string{ScopeVaultResolve}

// ServiceClientCreated is what gecli service add prints: the secret, once.
type ServiceClientCreated struct {
	ClientID     string `json:"client_id"`
	ClientSecret string `json:"client_secret"`
}

var nameSlug = regexp.MustCompile(`[^a-z0-9]+`)

// CreateServiceClient registers a machine client of an institution with a
// scope and returns its credentials; only the secret's hash is stored.
func CreateServiceClient(ctx context.Context, d *db.DB, name, institution, scope string, now time.Time) (ServiceClientCreated, error) {
	slug := strings.Trim(nameSlug.ReplaceAllString(strings.ToLower(api.Fold(name)), "-"), "-")
	if slug == "" || len(name) > 80 {
		return ServiceClientCreated{}, fmt.Errorf("--name: dê um nome de até 80 caracteres com letras ou números")
	}
	if err := api.ValidateCNPJ(institution); err != nil {
		return ServiceClientCreated{}, fmt.Errorf("--institution: %w", err)
	}
	found, err := d.InstitutionExists(ctx, institution)
	if err != nil {
		return ServiceClientCreated{}, err
	}
	if !found {
		return ServiceClientCreated{}, fmt.Errorf("--institution: instituição %s não cadastrada", api.FormatCNPJ(institution))
	}
	ok := false
	for _, s := range ServiceScopes {
		ok = ok || s == scope
	}
	if !ok {
		return ServiceClientCreated{}, fmt.Errorf("--scope: escopo desconhecido %q (conhecidos: %s)", scope, strings.Join(ServiceScopes, ", "))
	}
	b := make([]byte, 4)
	rand.Read(b)
	out := ServiceClientCreated{ClientID: ServiceClientPrefix + slug + "-" + hex.EncodeToString(b), ClientSecret: api.NewSecret()}
	err = d.CreateServiceClient(ctx, db.ServiceClient{ClientID: out.ClientID, Name: name, Institution: institution, Scope: scope,
		SecretHash: identity.HashSecret(out.ClientSecret)}, now)
	return out, err
}
