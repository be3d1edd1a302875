// Solicitações' search box: one text, read as what it looks like.

package requests

import (
	"context"
	"regexp"
	"strconv"
	"strings"

	"github.com/gecli/gecli/store"
)

var (
	// solNumber is a request number as the table shows it, or its start
	// ("SOL-2026-000417", "sol-2026", "SOL2026").
	solNumber = regexp.MustCompile(`^SOL-?[0-9][0-9-]*$|^SOL-$`)
	// shortNumber is the number without "SOL-" ("2026-000417", "2026-").
	shortNumber = regexp.MustCompile(`^[0-9]{4}-[0-9]{0,6}$`)
	// yearNumber is a whole year and some of the number after it.
	yearNumber = regexp.MustCompile(`^SOL-([0-9]{4})-([0-9]{1,6})$`)
	// bareNumber is the request's number alone (417): the number in any
	// year, not the start of every number with those digits.
	bareNumber = regexp.MustCompile(`^[0-9]{1,6}$`)
	// seiNumber is a SEI process as SEI writes it, or its start
	// ("00001.004213/2026-51": a dot after five digits), or its digits
	// alone, more than a CNPJ has.
	seiNumber = regexp.MustCompile(`^[0-9]{5}\.[0-9./-]*$|^[0-9]{15,17}$`)
	// cnpjLike is a CNPJ, numeric or alphanumeric, with or without its
	// punctuation ("11.222.333/0001-81", "11222333", "12.ABC"), from its
	// seventh character unpunctuated (fewer digits are a request number).
	cnpjLike = regexp.MustCompile(`^[0-9A-Z]{2}\.[0-9A-Z./-]*$|^[0-9]{2}[0-9A-Z]{5,12}$|^[0-9A-Z]{2}\.?[0-9A-Z]{3}\.?[0-9A-Z]{3}/[0-9A-Z/-]*$`)
)

// resolve puts the search on the query, read as the first of: a request
// number (SOL-…, 2026-…, or the number alone), a SEI process, a CNPJ of
// the cached requests' institutions, and otherwise the API's name or
// acronym (resolved against the catalog). Digits that could start a
// CNPJ or a SEI process are a CNPJ when one of the institutions has it.
func resolve(ctx context.Context, s *store.Store, q store.RequestQuery, search string) (store.RequestQuery, error) {
	text := strings.ToUpper(strings.TrimSpace(search))
	var err error
	switch {
	case text == "":
		return q, nil
	case solNumber.MatchString(text), shortNumber.MatchString(text):
		id := "SOL-" + strings.TrimPrefix(strings.TrimPrefix(text, "SOL"), "-")
		// SOL-2026-417 is number 417 as the table shows it, not the start
		// of SOL-2026-417xxx; a leading zero is the padded number being
		// typed (SOL-2026-0004…), a prefix.
		if m := yearNumber.FindStringSubmatch(id); m != nil && len(m[2]) < 6 && m[2][0] != '0' {
			q.IDs = []string{"SOL-" + m[1] + "-" + strings.Repeat("0", 6-len(m[2])) + m[2]}
		} else {
			q.IDPrefix = id
		}
	case bareNumber.MatchString(text):
		n, _ := strconv.Atoi(text)
		q.IDs, err = s.RequestNumberIDs(ctx, n)
	case seiNumber.MatchString(text):
		q.SEIPrefix = store.SEIDigits(text)
	case cnpjLike.MatchString(text):
		q.CNPJs, err = s.InstitutionCNPJs(ctx, store.InstitutionQuery{CNPJ: text})
		if err == nil && len(q.CNPJs) == 0 && store.SEIDigits(text) == text {
			q.CNPJs, q.SEIPrefix = nil, text // digits of no institution: the start of a SEI process
		}
	default:
		q.APIIDs, err = s.APIIDsByName(ctx, search)
	}
	return q, err
}
