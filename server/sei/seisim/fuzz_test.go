package seisim

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParseEnvelope: whatever arrives, the reader answers an operation
// or a fault, never a panic; the hand-written fixtures are the seeds.
func FuzzParseEnvelope(f *testing.F) {
	names, _ := filepath.Glob(filepath.Join("testdata", "*.xml"))
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		op, err := parseEnvelope(b)
		if (op == nil) == (err == nil) {
			t.Fatalf("op %v, err %v", op, err)
		}
		if err != nil {
			if _, ok := err.(*fault); !ok {
				t.Fatalf("%T is not a fault", err)
			}
			return
		}
		for _, part := range []string{"SiglaSistema", "Procedimento", "Documentos"} {
			op.str(part)
			op.items(part)
		}
	})
}
