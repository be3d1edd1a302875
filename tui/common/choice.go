package common

import "charm.land/bubbles/v2/key"

// Choice is a filter that cycles through "all" and each value of an enum
// (environment, category, system type), as the pages' e/c/t keys do.
type Choice[T any] struct {
	Values []T
	i      int // 0: all; i: Values[i-1]
}

// NewChoice starts at "all".
func NewChoice[T any](values []T) Choice[T] { return Choice[T]{Values: values} }

// Next moves to the next value, wrapping back to "all".
func (c *Choice[T]) Next() { c.i = (c.i + 1) % (len(c.Values) + 1) }

// Get returns the chosen value; ok is false for "all".
func (c Choice[T]) Get() (v T, ok bool) {
	if c.i == 0 {
		return v, false
	}
	return c.Values[c.i-1], true
}

// Bind is a key binding with its help text.
func Bind(help, desc string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
}
