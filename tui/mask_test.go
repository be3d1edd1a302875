package tui

import (
	"regexp"
	"strings"
)

// Shared by the screens (a !race pass) and the tests of every pass.

// portuguese are words of gecli's own interface that an English screen
// must not show; none of them occurs in the demo's data on those screens.
var portuguese = regexp.MustCompile(`\b(Catálogo|Solicitações|Solicitação|Credenciais|Cofre|Avaliação|Administração|` +
	`Buscar|buscar|voltar|sair|ajuda|Ambiente|Categoria|Homologação|Produção|Aprovada|Em análise|Rejeitada|Cancelada|` +
	`Rascunhos?|Situação|Responsável|Finalidade|Histórico|mover|início|Versão|Pareceres|Anexos|Nenhum|nenhum|nenhuma|` +
	`atualizar|comandos|página|Instituição|Enviada|Todas|Todos|pendentes|cadastrad[ao]s?|filtrar|solicitar|documentação|` +
	`Entrar|Sem conexão|aprovar|rejeitar|marcar|próxima|anterior|seção|Usuários|Perfis|Auditoria)\b`)

// volatile is what varies with the day the demo database was seeded
// (its dates are relative to the real clock, the screens' to fixedNow):
// dates, times, ages in days, the year in request numbers. Its digits
// become 0, so the layout stays as drawn.
var volatile = regexp.MustCompile(`\b\d{4}-\d{2}-\d{2}\b|\b\d{2}/\d{2}/\d{4}\b|\b\d{2}:\d{2}\b|\b\d+d\b|\b20\d\d-\d{6}\b|\b\d{2}/\d{2}\b`)

// clientID is a credential's random suffix.
var clientID = regexp.MustCompile(`\b((?:hmg|prd)-[a-z0-9-]+-)[0-9a-f]{12}\b`)

func masked(s string) string {
	s = clientID.ReplaceAllString(s, "${1}000000000000")
	return volatile.ReplaceAllStringFunc(s, func(m string) string {
		return strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return '0'
			}
			return r
		}, m)
	})
}
