package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"renkei/internal/settings"
	"renkei/reports"
	"renkei/run"
)

// TestShiftJISGivesSameScores: the Shift_JIS copy of a file scores exactly like its
// UTF-8 original.
func TestShiftJISGivesSameScores(t *testing.T) {
	clearEnv(t)
	dir := t.TempDir()
	scores := func(input, enc string) []byte {
		out := filepath.Join(dir, enc)
		r := mustRun(t, "run", "--formats", "csv,json", "--input", input, "--out", out, "--min-group", "3", "--encoding", enc)
		if r.code != exitOK {
			t.Fatalf("%s: exit %d: %s", input, r.code, r.stderr)
		}
		return readFile(t, filepath.Join(out, "scores.csv"))
	}
	utf8 := scores(filepath.Join(repoRoot, "internal", "sample", "encoding", "export_utf8.csv"), "utf-8")
	sjisAuto := scores(filepath.Join(repoRoot, "internal", "sample", "sample", "export_sjis.csv"), "auto")
	sjis := scores(filepath.Join(repoRoot, "internal", "sample", "sample", "export_sjis.csv"), "shift_jis")
	if !bytes.Equal(utf8, sjisAuto) || !bytes.Equal(utf8, sjis) {
		t.Fatalf("Shift_JIS scores differ from UTF-8 ones:\n%s", firstDiff(utf8, sjisAuto))
	}
	if !strings.Contains(string(utf8), "nishi-city-office,2026Q4,all,,health,") {
		t.Fatalf("the export's partnership is missing from scores.csv:\n%s", utf8)
	}
}

// TestCustomCodebook: five dimensions on a 1–6 scale with reverse items run through the
// whole pipeline (golden), and the built-in codebook written out and read back gives
// exactly the built-in results.
func TestCustomCodebook(t *testing.T) {
	clearEnv(t)
	t.Run("FiveDimensionsOneToSix", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "out")
		r := mustRun(t, "run", "--formats", "csv,json", "--input", "testdata/custom/responses.csv", "--codebook", "testdata/custom/codebook.csv",
			"--out", out, "--min-group", "3", "--fiscal-start", "4")
		if r.code != exitOK {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		for _, name := range []string{"scores.csv", "reliability.csv", "summary.json"} {
			checkGolden(t, filepath.Join("testdata", "golden", "custom", name), readFile(t, filepath.Join(out, name)))
		}
		rows := csvRows(t, filepath.Join(out, "scores.csv"))
		dims := map[string]bool{}
		for _, row := range rows {
			dims[row["dimension"]] = true
		}
		if len(dims) != 6 {
			t.Errorf("dimensions in scores.csv: %v, want 5 and health", dims)
		}
	})
	t.Run("BuiltinAsFileSameResult", func(t *testing.T) {
		dir := t.TempDir()
		cb := mustRun(t, "codebook")
		if cb.code != exitOK {
			t.Fatalf("codebook: exit %d", cb.code)
		}
		path := filepath.Join(dir, "codebook.csv")
		if err := os.WriteFile(path, []byte(cb.stdout), 0o644); err != nil {
			t.Fatal(err)
		}
		builtin, custom := filepath.Join(dir, "a"), filepath.Join(dir, "b")
		if r := mustRun(t, "run", "--formats", "csv,json", "--out", builtin); r.code != exitOK {
			t.Fatal(r.stderr)
		}
		if r := mustRun(t, "run", "--formats", "csv,json", "--out", custom, "--codebook", path); r.code != exitOK {
			t.Fatal(r.stderr)
		}
		for _, name := range []string{"scores.csv", "quality.csv"} {
			a, b := readFile(t, filepath.Join(builtin, name)), readFile(t, filepath.Join(custom, name))
			if !bytes.Equal(a, b) {
				t.Errorf("%s differs between the built-in codebook and its CSV copy:\n%s", name, firstDiff(a, b))
			}
		}
	})
}

// TestExitCodes: each way a run can go wrong exits with its documented code and says
// what to do.
func TestExitCodes(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nope.csv")
	cases := []struct {
		name string
		env  map[string]string
		args []string
		code int
		want string // in stderr
	}{
		{name: "NoCommand", args: nil, code: exitUsage, want: "no command given"},
		{name: "UnknownCommand", args: []string{"frobnicate"}, code: exitUsage, want: `unknown command "frobnicate"`},
		{name: "MinGroupBelowFloorEnv", env: map[string]string{"RENKEI_MIN_GROUP": "2"}, args: []string{"run"}, code: exitUsage, want: "RENKEI_MIN_GROUP (--min-group) must be at least 3, got 2"},
		{name: "MinGroupNotNumberEnv", env: map[string]string{"RENKEI_MIN_GROUP": "five"}, args: []string{"run"}, code: exitUsage, want: `RENKEI_MIN_GROUP must be a whole number, got "five"`},
		{name: "MinGroupNotNumberFlag", args: []string{"run", "--min-group", "x"}, code: exitUsage, want: `--min-group must be a whole number, got "x"`},
		{name: "UnknownFlag", args: []string{"run", "--colour", "red"}, code: exitUsage, want: "flag provided but not defined: -colour"},
		{name: "FiscalStart13", args: []string{"run", "--fiscal-start", "13"}, code: exitUsage, want: "RENKEI_FISCAL_START (--fiscal-start) must be a month from 1 to 12, got 13"},
		{name: "BadLang", env: map[string]string{"RENKEI_LANG": "fr"}, args: []string{"run"}, code: exitUsage, want: `RENKEI_LANG (--lang) must be en or ja, got "fr"`},
		{name: "BadEncoding", args: []string{"run", "--encoding", "latin1"}, code: exitUsage, want: `unknown encoding "latin1"`},
		{name: "BadColumns", args: []string{"run", "--columns", "team=x"}, code: exitUsage, want: `unknown field "team"`},
		{name: "BadFormat", args: []string{"run", "--formats", "csv,xlsx"}, code: exitUsage, want: `unknown format "xlsx"`},
		{name: "MissingInput", args: []string{"run", "--input", missing}, code: exitUsage, want: "nope.csv: no such file"},
		{name: "InputIsFolder", args: []string{"run", "--input", "testdata"}, code: exitUsage, want: "testdata: is a folder"},
		{name: "BadCodebook", args: []string{"run", "--codebook", "testdata/custom/responses.csv"}, code: exitUsage, want: "the header lacks item, dimension, reverse, min, max"},
		{name: "CodebookDoesNotFit", args: []string{"run", "--codebook", "testdata/custom/codebook.csv"}, code: exitUsage, want: "no column matches an item of the codebook"},
		{name: "StrayArgument", args: []string{"run", "responses.csv"}, code: exitUsage, want: `unexpected argument "responses.csv"`},
		{name: "BadSourceDate", env: map[string]string{"SOURCE_DATE_EPOCH": "yesterday"}, args: []string{"run"}, code: exitUsage, want: "SOURCE_DATE_EPOCH must be seconds since 1970"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			clearEnv(t)
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			args := tc.args
			if len(args) > 0 && args[0] == "run" {
				args = append(args, "--out", filepath.Join(t.TempDir(), "out"))
			}
			r := mustRun(t, args...)
			if r.code != tc.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", r.code, tc.code, r.stderr)
			}
			if !strings.Contains(r.stderr, tc.want) {
				t.Errorf("stderr lacks %q:\n%s", tc.want, r.stderr)
			}
		})
	}
}

// TestHelpListsEverySetting: 'renkei help' names every variable and flag with its
// default.
func TestHelpListsEverySetting(t *testing.T) {
	clearEnv(t)
	r := mustRun(t, "help")
	if r.code != exitOK {
		t.Fatalf("exit %d", r.code)
	}
	for _, s := range settings.List(run.Settings{}, envPrefix) {
		if !strings.Contains(r.stdout, s.Env) || !strings.Contains(r.stdout, "--"+s.Flag) {
			t.Errorf("help lacks %s / --%s", s.Env, s.Flag)
		}
	}
	for _, want := range []string{"RENKEI_INPUT", "RENKEI_CODEBOOK", "RENKEI_OUT", "renkei-out", "RENKEI_LANG", "RENKEI_MIN_GROUP", "RENKEI_ENCODING", "RENKEI_FISCAL_START", "RENKEI_COLUMNS", "RENKEI_FORMATS"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("help lacks %s", want)
		}
	}
}

// TestFlagsWinOverEnvironment: a flag overrides the variable of the same setting.
func TestFlagsWinOverEnvironment(t *testing.T) {
	clearEnv(t)
	t.Setenv("RENKEI_MIN_GROUP", "2") // invalid, but overridden
	t.Setenv("RENKEI_FISCAL_START", "4")
	cfg, _, err := loadConfig([]string{"--min-group", "7"})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.MinGroup != 7 || cfg.Calendar.FiscalStart != 4 || cfg.Out != "renkei-out" || cfg.Lang != "en" || cfg.ReportPartnerships != reports.DefaultDetailLimit {
		t.Errorf("config = %+v, want MinGroup 7 (flag), FiscalStart 4 (env), Out renkei-out, Lang en and ReportPartnerships %d (defaults)", cfg, reports.DefaultDetailLimit)
	}
	t.Setenv("LANG", "ja_JP.UTF-8")
	if cfg, _, _ := loadConfig(nil); cfg.Lang != "ja" {
		t.Errorf("Lang = %q with LANG=ja_JP.UTF-8, want ja", cfg.Lang)
	}
}

// TestColumnMapping reads a file whose columns have other names.
func TestColumnMapping(t *testing.T) {
	clearEnv(t)
	dir := t.TempDir()
	orig := string(readFile(t, filepath.Join(repoRoot, "internal", "sample", "encoding", "export_utf8.csv")))
	renamed := strings.Replace(orig, "partnership,wave,", "partnership_id,survey_date,", 1)
	path := filepath.Join(dir, "renamed.csv")
	if err := os.WriteFile(path, []byte(renamed), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	t.Setenv("RENKEI_COLUMNS", "partnership=partnership_id,wave=survey_date")
	r := mustRun(t, "run", "--formats", "csv,json", "--input", path, "--out", out, "--min-group", "3")
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	want := filepath.Join(dir, "want")
	t.Setenv("RENKEI_COLUMNS", "")
	if r := mustRun(t, "run", "--formats", "csv,json", "--input", filepath.Join(repoRoot, "internal", "sample", "encoding", "export_utf8.csv"), "--out", want, "--min-group", "3"); r.code != exitOK {
		t.Fatal(r.stderr)
	}
	if a, b := readFile(t, filepath.Join(want, "scores.csv")), readFile(t, filepath.Join(out, "scores.csv")); !bytes.Equal(a, b) {
		t.Errorf("mapped columns give other scores:\n%s", firstDiff(a, b))
	}
}

// TestOutputFolder: outputs appear whole or not at all, and a folder renkei did not
// write is never replaced.
func TestOutputFolder(t *testing.T) {
	clearEnv(t)
	t.Run("FailedRunKeepsPreviousOutput", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "out")
		if r := mustRun(t, "run", "--formats", "csv,json", "--out", out); r.code != exitOK {
			t.Fatal(r.stderr)
		}
		before := readFile(t, filepath.Join(out, "scores.csv"))
		if r := mustRun(t, "run", "--out", out, "--input", "testdata/custom/codebook.csv"); r.code != exitUsage {
			t.Fatalf("exit %d, want %d", r.code, exitUsage)
		}
		if after := readFile(t, filepath.Join(out, "scores.csv")); !bytes.Equal(before, after) {
			t.Error("a failed run changed the previous scores.csv")
		}
		entries, _ := os.ReadDir(filepath.Dir(out))
		if len(entries) != 1 {
			t.Errorf("left behind: %v", entries)
		}
	})
	t.Run("ErrForeignFolder", func(t *testing.T) {
		out := t.TempDir()
		precious := filepath.Join(out, "thesis.docx")
		if err := os.WriteFile(precious, []byte("mine"), 0o644); err != nil {
			t.Fatal(err)
		}
		r := mustRun(t, "run", "--out", out)
		if r.code != exitUsage || !strings.Contains(r.stderr, "holds files renkei did not write") {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		if _, err := os.Stat(precious); err != nil {
			t.Error("the folder's own file is gone")
		}
	})
	t.Run("SecondRunReplaces", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "out")
		for i := 0; i < 2; i++ {
			if r := mustRun(t, "run", "--out", out, "--formats", []string{"csv,json", "csv"}[i]); r.code != exitOK {
				t.Fatal(r.stderr)
			}
		}
		if _, err := os.Stat(filepath.Join(out, "summary.json")); err == nil {
			t.Error("summary.json of the first run survived a run that did not write it")
		}
	})
}

// TestDeterministic: identical input and settings give byte-identical outputs.
func TestDeterministic(t *testing.T) {
	skipShort(t)
	clearEnv(t)
	t.Setenv("SOURCE_DATE_EPOCH", "1790000000")
	dir := t.TempDir()
	for _, out := range []string{"a", "b"} {
		if r := mustRun(t, "run", "--out", filepath.Join(dir, out)); r.code != exitOK {
			t.Fatal(r.stderr)
		}
	}
	files := readTree(t, filepath.Join(dir, "a"))
	if len(files) < 6 {
		t.Fatalf("the output folder holds %d files, want every output", len(files))
	}
	for name, a := range files {
		b := readFile(t, filepath.Join(dir, "b", name))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two identical runs", name)
		}
	}
	if other := readTree(t, filepath.Join(dir, "b")); len(other) != len(files) {
		t.Errorf("the two runs wrote %d and %d files", len(files), len(other))
	}
	if !bytes.Contains(readFile(t, filepath.Join(dir, "a", "summary.json")), []byte(`"generated_at": "2026-09-21T`)) {
		t.Error("summary.json does not take its date from SOURCE_DATE_EPOCH")
	}
	if !bytes.Contains(readFile(t, filepath.Join(dir, "a", "summary.md")), []byte("generated 2026-09-21")) {
		t.Error("summary.md does not take its date from SOURCE_DATE_EPOCH")
	}
}

// TestSampleCommand writes the sample files, which equal the built-in ones, and a run
// on them gives the built-in run's scores.
func TestSampleCommand(t *testing.T) {
	clearEnv(t)
	dir := t.TempDir()
	r := mustRun(t, "sample", dir)
	if r.code != exitOK {
		t.Fatal(r.stderr)
	}
	for _, name := range []string{"responses.csv", "export_sjis.csv"} {
		if !bytes.Equal(readFile(t, filepath.Join(dir, name)), readFile(t, filepath.Join(repoRoot, "internal", "sample", "sample", name))) {
			t.Errorf("renkei sample wrote a different %s", name)
		}
	}
	if r := mustRun(t, "sample", "--seed", "7", filepath.Join(dir, "seven")); r.code != exitOK {
		t.Fatal(r.stderr)
	}
	if bytes.Equal(readFile(t, filepath.Join(dir, "seven", "responses.csv")), readFile(t, filepath.Join(dir, "responses.csv"))) {
		t.Error("another seed gave the same sample")
	}
}

func TestValidateCommand(t *testing.T) {
	clearEnv(t)
	r := mustRun(t, "validate")
	if r.code != exitOK {
		t.Fatal(r.stderr)
	}
	for _, want := range []string{
		"sample/responses.csv:1313:3: the wave is \"spring\"",
		"[error out_of_range]",
		"2 files, 3690 rows, 2 rejected, 15 problems",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("validate output lacks %q:\n%s", want, r.stdout)
		}
	}
}
