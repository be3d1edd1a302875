package i18n

import (
	"reflect"
	"testing"

	"github.com/gecli/gecli/api"
)

// TestEveryTextIsTranslated walks both languages' structs, nested ones
// included: an empty string would show as a blank (or a broken format) on
// screen, which the compiler cannot catch for a whole missing section.
func TestEveryTextIsTranslated(t *testing.T) {
	for _, lang := range []api.Lang{api.PtBR, api.En} {
		var walk func(v reflect.Value, path string)
		walk = func(v reflect.Value, path string) {
			for i := 0; i < v.NumField(); i++ {
				f, name := v.Field(i), path+v.Type().Field(i).Name
				switch f.Kind() {
				case reflect.String:
					if f.String() == "" {
						t.Errorf("%s: %s is empty", lang, name)
					}
				case reflect.Struct:
					walk(f, name+".")
				}
			}
		}
		walk(reflect.ValueOf(*For(lang)), "")
	}
}
