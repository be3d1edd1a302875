package common

import (
	"fmt"
	"testing"
)

func TestChoiceCycles(t *testing.T) {
	c := NewChoice([]string{"hmg", "prd"})
	var got []string
	for range 4 {
		v, ok := c.Get()
		if !ok {
			v = "all"
		}
		got = append(got, v)
		c.Next()
	}
	if fmt.Sprint(got) != "[all hmg prd all]" {
		t.Fatalf("%v", got)
	}
}
