package settings

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"strings"
	"testing"

	"renkei/internal/usage"
)

type testSettings struct {
	MinGroup int     `split_words:"true" default:"5" desc:"smallest group"`
	Share    float64 `default:"0.5" desc:"a share"`
	Strict   bool    `default:"false" desc:"a switch"`
	Out      string  `default:"out" desc:"a folder"`
}

func TestLoad(t *testing.T) {
	for _, tc := range []struct {
		name    string
		env     map[string]string
		args    []string
		want    testSettings
		pos     []string
		wantErr string // a usage.Error containing it
	}{
		{name: "Defaults", want: testSettings{MinGroup: 5, Share: 0.5, Out: "out"}},
		{name: "EnvOverDefault", env: map[string]string{"T_MIN_GROUP": "7", "T_STRICT": "true"}, want: testSettings{MinGroup: 7, Share: 0.5, Strict: true, Out: "out"}},
		{name: "FlagOverEnv", env: map[string]string{"T_MIN_GROUP": "7"}, args: []string{"--min-group", "9", "--out=x", "file.csv"}, want: testSettings{MinGroup: 9, Share: 0.5, Out: "x"}, pos: []string{"file.csv"}},
		{name: "SwitchAlone", args: []string{"--strict"}, want: testSettings{MinGroup: 5, Share: 0.5, Strict: true, Out: "out"}},
		{name: "BadEnvNamesVariable", env: map[string]string{"T_MIN_GROUP": "many"}, wantErr: `T_MIN_GROUP must be a whole number, got "many"`},
		{name: "BadFlagNamesFlag", args: []string{"--share", "half"}, wantErr: `--share must be a number, got "half"`},
		{name: "UnknownFlag", args: []string{"--shar", "1"}, wantErr: "flag provided but not defined: -shar; run 't help' for the settings"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, k := range []string{"T_MIN_GROUP", "T_SHARE", "T_STRICT", "T_OUT"} {
				t.Setenv(k, tc.env[k]) // restored after the test
				if _, ok := tc.env[k]; !ok {
					os.Unsetenv(k)
				}
			}
			var got testSettings
			pos, err := Load(&got, "T", tc.args)
			if tc.wantErr != "" {
				var ue *usage.Error
				if !errors.As(err, &ue) || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want a usage error with %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want || strings.Join(pos, " ") != strings.Join(tc.pos, " ") {
				t.Errorf("got %+v %q, want %+v %q", got, pos, tc.want, tc.pos)
			}
		})
	}
}

func TestHelpFlag(t *testing.T) {
	var s testSettings
	if _, err := Load(&s, "T", []string{"-h"}); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("err = %v, want flag.ErrHelp", err)
	}
}

func TestPrintAndList(t *testing.T) {
	var b bytes.Buffer
	Print(&b, testSettings{}, "T")
	list := List(&testSettings{}, "T")
	if len(list) != 4 || list[0] != (Setting{Env: "T_MIN_GROUP", Flag: "min-group", Default: "5", Meaning: "smallest group"}) {
		t.Fatalf("List = %+v", list)
	}
	for _, s := range list {
		if !strings.Contains(b.String(), s.Env) || !strings.Contains(b.String(), "--"+s.Flag) {
			t.Errorf("the table lacks %s / --%s:\n%s", s.Env, s.Flag, b.String())
		}
	}
}
