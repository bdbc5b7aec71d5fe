package survey

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestBuiltinActions(t *testing.T) {
	a := BuiltinActions()
	for _, d := range BuiltinCodebook().Dimensions {
		for _, lang := range []string{"en", "ja"} {
			if n := len(a.For(d.ID, ActionBandBorderline, lang)); n != 2 {
				t.Errorf("%s borderline %s: %d actions, want 2", d.ID, lang, n)
			}
			if n := len(a.For(d.ID, ActionBandConcern, lang)); n != 3 {
				t.Errorf("%s concern %s: %d actions, want 3", d.ID, lang, n)
			}
		}
	}
	if got := a.For("trust", ActionBandConcern, "ja")[0]; !strings.Contains(got, "目的") {
		t.Errorf("the first Japanese trust action is %q, want the one about the purpose of a referral", got)
	}
	if got := a.For("unknown", ActionBandConcern, "en"); got != nil {
		t.Errorf("an unknown dimension got %q", got)
	}
}

func TestActionsFallBackToEnglish(t *testing.T) {
	a, err := ReadActions(strings.NewReader(ActionsHeader+"\nd,,en,Talk.\nd,concern,EN,Meet.\ne,,ja,話す。\n"), "a.csv")
	if err != nil {
		t.Fatal(err)
	}
	if got := a.For("d", "concern", "ja"); !reflect.DeepEqual(got, []string{"Talk.", "Meet."}) {
		t.Errorf("ja falls back to %q, want both English actions", got)
	}
	if got := a.For("d", "borderline", "en"); !reflect.DeepEqual(got, []string{"Talk."}) {
		t.Errorf("borderline gets %q, want the action for both bands only", got)
	}
	if got := a.For("e", "concern", "en"); got != nil {
		t.Errorf("en does not fall back to ja, got %q", got)
	}
}

func TestReadActionsErrors(t *testing.T) {
	for _, tc := range []struct {
		name, text, want string
		line             int
	}{
		{"ErrEmpty", " \n", "is empty", 0},
		{"ErrNoRows", ActionsHeader + "\n", "no rows", 0},
		{"ErrMissingColumn", "dimension,band,action\nd,,x\n", "lacks lang", 1},
		{"ErrEmptyDimension", ActionsHeader + "\n,,en,x\n", "dimension is empty", 2},
		{"ErrBadBand", ActionsHeader + "\nd,strength,en,x\n", "band must be", 2},
		{"ErrBadLang", ActionsHeader + "\nd,,fr,x\n", "lang must be", 2},
		{"ErrEmptyAction", ActionsHeader + "\nd,,en,\n", "action is empty", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadActions(strings.NewReader(tc.text), "a.csv")
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("error %v, want a *FileError", err)
			}
			if !strings.Contains(err.Error(), tc.want) || fe.Line != tc.line {
				t.Errorf("error %q (line %d), want it to contain %q on line %d", err, fe.Line, tc.want, tc.line)
			}
		})
	}
}
