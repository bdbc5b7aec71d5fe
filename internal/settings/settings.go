// Package settings reads a struct of settings from environment variables and flags,
// by its fields' names and tags: the field MinGroup is the variable PREFIX_MIN_GROUP
// and the flag --min-group; a flag wins over the variable, the variable over the tag
// default:"..."; desc:"..." is its meaning in the help. Only cmd/renkei uses it: no
// other package reads the environment or the command line.
package settings

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/kelseyhightower/envconfig"

	"renkei/internal/usage"
)

// setting describes one field of a settings struct for flags and help.
type setting struct {
	index  int    // field index in the struct
	env    string // RENKEI_MIN_GROUP
	flag   string // min-group
	def    string
	desc   string
	isBool bool // a switch: --strict alone means true
}

func fields(t reflect.Type, prefix string) []setting {
	var out []setting
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		words := splitWords(f.Name)
		out = append(out, setting{
			index:  i,
			env:    prefix + "_" + strings.ToUpper(strings.Join(words, "_")),
			flag:   strings.ToLower(strings.Join(words, "-")),
			def:    f.Tag.Get("default"),
			desc:   f.Tag.Get("desc"),
			isBool: f.Type.Kind() == reflect.Bool,
		})
	}
	return out
}

// splitWords splits a Go field name at its capitals: MinGroup → Min, Group.
func splitWords(name string) []string {
	var words []string
	start := 0
	for i := 1; i < len(name); i++ {
		if name[i] >= 'A' && name[i] <= 'Z' {
			words = append(words, name[start:i])
			start = i
		}
	}
	return append(words, name[start:])
}

// flagValue records a flag's text; it is converted with the field's type after parsing.
type flagValue struct {
	text   string
	set    bool
	isBool bool
}

func (v *flagValue) String() string   { return v.text }
func (v *flagValue) IsBoolFlag() bool { return v.isBool }
func (v *flagValue) Set(s string) error {
	v.text, v.set = s, true
	return nil
}

// Load fills dst, a pointer to a settings struct, from the environment variables
// PREFIX_* and then from the flags in args, and returns the remaining positional
// arguments. A bad value is a usage.Error naming its variable or flag; -h and --help
// return flag.ErrHelp.
func Load(dst any, prefix string, args []string) ([]string, error) {
	if err := processEnv(prefix, dst); err != nil {
		return nil, err
	}
	rv := reflect.ValueOf(dst).Elem()
	all := fields(rv.Type(), prefix)
	fs := flag.NewFlagSet(strings.ToLower(prefix), flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	values := map[string]*flagValue{}
	for _, s := range all {
		v := &flagValue{isBool: s.isBool}
		values[s.flag] = v
		fs.Var(v, s.flag, s.desc)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, flag.ErrHelp
		}
		return nil, usage.Errorf("%v; run '%s help' for the settings", err, strings.ToLower(prefix))
	}
	for _, s := range all {
		if v := values[s.flag]; v.set {
			if err := setField(rv.Field(s.index), v.text); err != nil {
				return nil, usage.Errorf("--%s %v", s.flag, err)
			}
		}
	}
	return fs.Args(), nil
}

// processEnv fills dst from PREFIX_* variables with envconfig, turning its errors into
// messages that name the variable.
func processEnv(prefix string, dst any) error {
	if err := envconfig.Process(prefix, dst); err != nil {
		var pe *envconfig.ParseError
		if errors.As(err, &pe) {
			return usage.Errorf("%s must be %s, got %q", pe.KeyName, kindWord(pe.TypeName), pe.Value)
		}
		return usage.Errorf("%v", err)
	}
	return nil
}

func kindWord(typeName string) string {
	switch typeName {
	case "int":
		return "a whole number"
	case "float64":
		return "a number"
	case "bool":
		return "true or false"
	}
	return "a " + typeName
}

func setField(f reflect.Value, s string) error {
	switch f.Kind() {
	case reflect.String:
		f.SetString(s)
	case reflect.Int:
		v, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			return fmt.Errorf("must be a whole number, got %q", s)
		}
		f.SetInt(int64(v))
	case reflect.Float64:
		v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil {
			return fmt.Errorf("must be a number, got %q", s)
		}
		f.SetFloat(v)
	case reflect.Bool:
		v, err := strconv.ParseBool(strings.TrimSpace(s))
		if err != nil {
			return fmt.Errorf("must be true or false, got %q", s)
		}
		f.SetBool(v)
	default:
		return fmt.Errorf("has an unsupported type %s", f.Type())
	}
	return nil
}

// Print writes the table of the settings of the struct type of v (a value or a
// pointer): variable, flag, default and meaning.
func Print(w io.Writer, v any, prefix string) {
	t := reflect.TypeOf(v)
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	tw := tabwriter.NewWriter(w, 2, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "  variable\tflag\tdefault\tmeaning")
	for _, s := range fields(t, prefix) {
		def := s.def
		if def == "" {
			def = "-"
		}
		fmt.Fprintf(tw, "  %s\t--%s\t%s\t%s\n", s.env, s.flag, def, s.desc)
	}
	tw.Flush()
}

// Setting is one setting as the help lists it.
type Setting struct {
	Env, Flag, Default, Meaning string // RENKEI_MIN_GROUP, min-group, 5, ...
}

// List returns the settings of the struct type of v (a value or a pointer), in the
// order of its fields.
func List(v any, prefix string) []Setting {
	t := reflect.TypeOf(v)
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	var out []Setting
	for _, s := range fields(t, prefix) {
		out = append(out, Setting{Env: s.env, Flag: s.flag, Default: s.def, Meaning: s.desc})
	}
	return out
}
