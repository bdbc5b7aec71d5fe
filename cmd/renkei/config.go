package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"reflect"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/kelseyhightower/envconfig"

	"renkei/analysis"
	"renkei/survey"
)

// envPrefix prefixes every environment variable renkei reads.
const envPrefix = "RENKEI"

// Config is every setting of a run. Each field is read from the environment variable
// RENKEI_<FIELD> (words split by underscores) and from the flag --<field> (words split
// by hyphens); a flag wins over the variable, the variable over the default.
//
// Fields carry no explicit envconfig names on purpose: an explicit name would also be
// read from the unprefixed variable (LANG, the locale, for Lang).
type Config struct {
	Input          string  `desc:"responses file(s), comma-separated; the built-in sample when empty"`
	Codebook       string  `desc:"codebook CSV; the built-in instrument when empty"`
	Out            string  `default:"renkei-out" desc:"output folder, replaced as a whole when the run succeeds"`
	Lang           string  `desc:"report language, en or ja; from the locale (LC_ALL, LC_MESSAGES, LANG) when empty, else en"`
	MinGroup       int     `split_words:"true" default:"5" desc:"k: a group with fewer respondents shows no statistics (at least 3)"`
	Encoding       string  `default:"auto" desc:"input encoding: auto, utf-8 or shift_jis (cp932)"`
	FiscalStart    int     `split_words:"true" default:"1" desc:"first month of the fiscal year, 1–12 (4 for Japanese fiscal quarters)"`
	Columns        string  `desc:"column mapping field=column, comma-separated, e.g. partnership=partnership_id,respondent=respondent_id"`
	Formats        string  `default:"csv,json,md,charts,html,pdf" desc:"outputs to write, comma-separated: csv (scores.csv, trends.csv, quality.csv, reliability.csv, compare.csv, gaps.csv, network.csv, network_links.csv, response_rates.csv), json (summary.json), md (summary.md), charts (charts/*.svg and *.png), html (report.html), pdf (report.pdf)"`
	BandStrength   float64 `split_words:"true" default:"4.0" desc:"band threshold for strength, on a 1–5 scale (rescaled to the instrument's scale)"`
	BandBorderline float64 `split_words:"true" default:"3.0" desc:"band threshold for borderline, on a 1–5 scale; below it is concern"`

	TrendMinWaves  int     `split_words:"true" default:"3" desc:"waves at or above k a trend needs (at least 3); fewer raise too_few_waves"`
	TrendAlpha     float64 `split_words:"true" default:"0.05" desc:"level the adjusted p-values behind declining/improving must fall below"`
	TrendMinEffect float64 `split_words:"true" default:"0.2" desc:"smallest standardised change (|Hedges' g|) behind declining/improving"`
	TrendAdjust    string  `split_words:"true" default:"bh" desc:"multiple-testing adjustment across the run's trend tests: bh, holm or none"`
	GateMinHealth  string  `split_words:"true" desc:"quality gate: fail (exit 3) when a partnership's latest health mean is below this, on a 1–5 scale; off when empty"`
	GateMinScore   string  `split_words:"true" desc:"quality gate: fail when a partnership's latest mean on any dimension is below this, on a 1–5 scale; off when empty"`
	GateMaxDrop    string  `split_words:"true" desc:"quality gate: fail when a mean fell by more than this from the previous wave, in points of a 1–5 scale; off when empty"`
	GateDeclining  bool    `split_words:"true" default:"false" desc:"quality gate: fail when any partnership is flagged declining (true/false)"`
	Before         string  `desc:"wave compared as before (with --after), e.g. 2026Q2; otherwise rows with a phase are compared"`
	After          string  `desc:"wave compared as after (with --before), e.g. 2026Q3"`

	Strict                 bool    `default:"false" desc:"exit with code 2 when more rows than RENKEI_STRICT_SHARE are flawed (rejected, unusable answers, straight-lining, duplicates, too few answers); outputs are still written"`
	StrictShare            float64 `split_words:"true" default:"0.05" desc:"with RENKEI_STRICT, the largest share of flawed rows allowed, 0–1"`
	ReliabilityMinComplete int     `split_words:"true" default:"30" desc:"reliability: fewer responses answering every item of a dimension draw a warning"`
	Font                   string  `desc:"TrueType font (.ttf) for chart text; for Japanese charts searched for in the system's font folders when empty"`

	Roster       string  `desc:"roster CSV (partnership,name,org,kind,role,expected): response rates and under-represented sides; with the built-in sample its roster, otherwise none"`
	Actions      string  `desc:"suggested-actions CSV (dimension,band,lang,action) replacing the built-in practices"`
	GapMin       float64 `split_words:"true" default:"0.5" desc:"smallest gap between two views of a partnership (directions, orgs, top and frontline) that raises asymmetric, perception_gap or layer_gap, in points of a 1–5 scale"`
	GapAdjust    string  `split_words:"true" default:"bh" desc:"multiple-testing adjustment across the run's gaps of one kind: bh, holm or none"`
	Organisation string  `desc:"organisation named on the report's cover; none when empty"`
	// ReportPartnerships: see reports.DefaultDetailLimit (the default is tested to
	// match it).
	ReportPartnerships int `split_words:"true" default:"40" desc:"the report and charts/ detail at most this many partnerships, those needing attention most (flagged, then lowest health); 0 details every one; the tables always hold all"`
}

// formats are the output formats this version writes.
var formats = []string{"csv", "json", "md", "charts", "html", "pdf"}

// setting describes one Config field for flags and help.
type setting struct {
	index  int    // field index in Config
	env    string // RENKEI_MIN_GROUP
	flag   string // min-group
	def    string
	desc   string
	isBool bool // a switch: --strict alone means true
}

func settings() []setting {
	t := reflect.TypeOf(Config{})
	var out []setting
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		words := splitWords(f.Name)
		out = append(out, setting{
			index:  i,
			env:    envPrefix + "_" + strings.ToUpper(strings.Join(words, "_")),
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

// usageError is a mistake in the command line or the settings: exit code 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// loadConfig reads the RENKEI_* environment, then the flags in args, and validates the
// result. It returns the remaining positional arguments.
func loadConfig(args []string) (Config, []string, error) {
	var cfg Config
	if err := processEnv(&cfg); err != nil {
		return cfg, nil, err
	}
	fs := flag.NewFlagSet("renkei", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	values := map[string]*flagValue{}
	for _, s := range settings() {
		v := &flagValue{isBool: s.isBool}
		values[s.flag] = v
		fs.Var(v, s.flag, s.desc)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return cfg, nil, flag.ErrHelp
		}
		return cfg, nil, usagef("%v; run 'renkei help' for the settings", err)
	}
	rv := reflect.ValueOf(&cfg).Elem()
	for _, s := range settings() {
		if v := values[s.flag]; v.set {
			if err := setField(rv.Field(s.index), v.text); err != nil {
				return cfg, nil, usagef("--%s %v", s.flag, err)
			}
		}
	}
	if cfg.Lang == "" {
		cfg.Lang = localeLang()
	}
	return cfg, fs.Args(), cfg.validate()
}

// processEnv fills cfg from RENKEI_* variables with envconfig, turning its errors into
// messages that name the variable.
func processEnv(cfg *Config) error {
	if err := envconfig.Process(envPrefix, cfg); err != nil {
		var pe *envconfig.ParseError
		if errors.As(err, &pe) {
			return usagef("%s must be %s, got %q", pe.KeyName, kindWord(pe.TypeName), pe.Value)
		}
		return usagef("%v", err)
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

// localeLang picks ja when the locale is Japanese, else en.
func localeLang() string {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(name); v != "" {
			if strings.HasPrefix(strings.ToLower(v), "ja") {
				return "ja"
			}
			return "en"
		}
	}
	return "en"
}

// validate checks the settings, naming the variable and flag of a bad value.
func (c *Config) validate() error {
	if c.MinGroup < analysis.MinGroupFloor {
		return usagef("RENKEI_MIN_GROUP (--min-group) must be at least %d, got %d", analysis.MinGroupFloor, c.MinGroup)
	}
	if c.FiscalStart < 1 || c.FiscalStart > 12 {
		return usagef("RENKEI_FISCAL_START (--fiscal-start) must be a month from 1 to 12, got %d", c.FiscalStart)
	}
	if c.Lang != "en" && c.Lang != "ja" {
		return usagef("RENKEI_LANG (--lang) must be en or ja, got %q", c.Lang)
	}
	if _, err := survey.ParseEncoding(c.Encoding); err != nil {
		return usagef("RENKEI_ENCODING (--encoding): %v", err)
	}
	if _, err := survey.ParseColumnMap(c.Columns); err != nil {
		return usagef("RENKEI_COLUMNS (--columns): %v", err)
	}
	if err := c.bands().Validate(); err != nil {
		return usagef("RENKEI_BAND_STRENGTH / RENKEI_BAND_BORDERLINE: %v", err)
	}
	if err := c.validateCompare(); err != nil {
		return err
	}
	if !(c.StrictShare >= 0 && c.StrictShare <= 1) {
		return usagef("RENKEI_STRICT_SHARE (--strict-share) must be a share from 0 to 1, got %g", c.StrictShare)
	}
	if c.ReportPartnerships < 0 {
		return usagef("RENKEI_REPORT_PARTNERSHIPS (--report-partnerships) must be 0 (every partnership) or more, got %d", c.ReportPartnerships)
	}
	if c.ReliabilityMinComplete < 2 {
		return usagef("RENKEI_RELIABILITY_MIN_COMPLETE (--reliability-min-complete) must be at least 2, got %d", c.ReliabilityMinComplete)
	}
	if strings.TrimSpace(c.Out) == "" {
		return usagef("RENKEI_OUT (--out) must name an output folder")
	}
	for _, f := range c.formatList() {
		if !contains(formats, f) {
			return usagef("RENKEI_FORMATS (--formats): unknown format %q; this version writes %s", f, strings.Join(formats, ", "))
		}
	}
	if err := c.validateTrends(); err != nil {
		return err
	}
	if err := c.validateGaps(); err != nil {
		return err
	}
	_, err := c.gateRules()
	return err
}

func (c *Config) bands() analysis.Bands {
	return analysis.Bands{Strength: c.BandStrength, Borderline: c.BandBorderline}
}

func (c *Config) formatList() []string {
	var out []string
	for _, f := range strings.Split(c.Formats, ",") {
		if f = strings.ToLower(strings.TrimSpace(f)); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func (c *Config) wants(format string) bool { return contains(c.formatList(), format) }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// printSettings writes the settings table of 'renkei help'.
func printSettings(w io.Writer) {
	tw := tabwriter.NewWriter(w, 2, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "  variable\tflag\tdefault\tmeaning")
	for _, s := range settings() {
		def := s.def
		if def == "" {
			def = "-"
		}
		fmt.Fprintf(tw, "  %s\t--%s\t%s\t%s\n", s.env, s.flag, def, s.desc)
	}
	tw.Flush()
}
