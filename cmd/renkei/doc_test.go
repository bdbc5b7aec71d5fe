package main

// The manual cannot drift from the program: TestDoc runs every shell example of
// README.md and docs/*.md, as cmd/benchstat's doc_test.go runs the examples of its
// package comment. The conventions the examples follow are in docs/development.md,
// "The doc test":
//
//   - a shell example is a fenced block of language sh (bash, shell and console are
//     refused, so that no example escapes by its spelling); a fenced block without a
//     language is refused too;
//   - it runs unless the line before its fence is <!-- not run: reason -->;
//   - each line is one command (a trailing \ continues it); # starts a comment;
//     `go run ./cmd/renkei` runs the renkei binary, which is also on PATH as renkei;
//   - a command exits 0 unless its comment says otherwise: "# exit code 3", "# exits 2";
//   - in a block whose commands start with "$ ", the lines after a command are output it
//     must print: each shown line, in order, among its lines (stdout, then stderr);
//   - every block runs in a fresh empty folder: an example that needs files writes them
//     first, usually with renkei sample data.
//
// TestDocLinks checks that every relative link resolves to a file and heading,
// TestDocSettings that docs/ci.md lists exactly the settings 'renkei help' prints, and
// TestDocOutputColumns that docs/outputs.md shows each CSV's header as written.

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
)

// docRoot is the repository root as seen from this package's folder.
const docRoot = "../.."

// docFiles are the manual's files: README.md and docs/*.md, relative to docRoot.
func docFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(docRoot, "docs", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	files = append([]string{filepath.Join(docRoot, "README.md")}, files...)
	for i, f := range files {
		files[i] = strings.TrimPrefix(filepath.ToSlash(f), docRoot+"/")
	}
	return files
}

// docBlock is one fenced block of a markdown file.
type docBlock struct {
	file   string   // README.md, docs/ci.md
	line   int      // line of the opening fence
	lang   string   // the fence's info string, first word
	marker string   // the HTML comment on the line before the fence, if any
	lines  []string // the block's content
}

func (b docBlock) String() string { return fmt.Sprintf("%s:%d", b.file, b.line) }

// indentedCommand is an indented line that looks like a command: examples must be
// fenced, so that the test sees them.
var indentedCommand = regexp.MustCompile(`^(?: {4}|\t)\s*(?:\$ )?(?:renkei |go (?:run|test|build) |bash |RENKEI_[A-Z_]+=)`)

// parseBlocks returns the fenced blocks of a markdown file, and the problems found:
// a fence without a language, an unclosed fence, an indented command.
func parseBlocks(file string, text []byte) (blocks []docBlock, problems []string) {
	lines := strings.Split(string(text), "\n")
	var cur *docBlock
	fence := ""
	prev := "" // the last non-blank line outside a block
	for i, line := range lines {
		trimmed := strings.TrimSpace(line)
		if cur != nil {
			if strings.HasPrefix(trimmed, fence) && strings.Trim(trimmed, fence[:1]) == "" {
				blocks = append(blocks, *cur)
				cur, prev = nil, trimmed
				continue
			}
			cur.lines = append(cur.lines, line)
			continue
		}
		if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			n := len(trimmed) - len(strings.TrimLeft(trimmed, trimmed[:1]))
			fence = trimmed[:n]
			info := strings.Fields(trimmed[n:])
			cur = &docBlock{file: file, line: i + 1}
			if len(info) > 0 {
				cur.lang = info[0]
			} else {
				problems = append(problems, fmt.Sprintf("%s:%d: a fenced block needs a language (sh for commands; text, csv, yaml, json, …)", file, i+1))
			}
			if strings.HasPrefix(prev, "<!--") {
				cur.marker = prev
			}
			continue
		}
		if indentedCommand.MatchString(line) && (i == 0 || strings.TrimSpace(lines[i-1]) == "" || indentedCommand.MatchString(lines[i-1])) {
			problems = append(problems, fmt.Sprintf("%s:%d: an indented command; put it in a ```sh block so that TestDoc runs it", file, i+1))
		}
		if trimmed != "" {
			prev = trimmed
		}
	}
	if cur != nil {
		problems = append(problems, fmt.Sprintf("%s: the block opened on line %d is not closed", file, cur.line))
	}
	return blocks, problems
}

// notRun is the marker of a shell block that is not run.
var notRun = regexp.MustCompile(`^<!--\s*not run:\s*(\S.*?)\s*-->$`)

// docCommand is one command of a runnable block.
type docCommand struct {
	line   int      // line in the markdown file
	shell  string   // what bash runs
	exit   int      // the exit code the doc states, 0 unless a comment says otherwise
	output []string // the output a transcript shows
}

var (
	// stated exit code in a command's comment: "# exit code 3", "# exits 2".
	statedExit = regexp.MustCompile(`#.*\bexit(?:s| code)\s+(\d+)\b`)
	// envAssignments are the VAR=value words before a command.
	envAssignments = regexp.MustCompile(`^(?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)*`)
	goRunRenkei    = regexp.MustCompile(`\bgo run \./cmd/renkei\b`)
)

// parseCommands turns a runnable sh block into its commands.
func parseCommands(b docBlock) ([]docCommand, error) {
	transcript := slices.ContainsFunc(b.lines, func(l string) bool { return strings.HasPrefix(l, "$ ") })
	var cmds []docCommand
	for i := 0; i < len(b.lines); i++ {
		line, lineNo := b.lines[i], b.line+1+i
		if transcript && !strings.HasPrefix(line, "$ ") {
			if len(cmds) == 0 {
				if strings.TrimSpace(line) == "" {
					continue
				}
				return nil, fmt.Errorf("%s:%d: output before the first $ command", b.file, lineNo)
			}
			if out := strings.TrimRight(line, " \t"); out != "" && out != "…" {
				cmds[len(cmds)-1].output = append(cmds[len(cmds)-1].output, out)
			}
			continue
		}
		text := strings.TrimPrefix(line, "$ ")
		for strings.HasSuffix(text, `\`) && i+1 < len(b.lines) {
			i++
			text = strings.TrimSuffix(text, `\`) + " " + strings.TrimSpace(strings.TrimPrefix(b.lines[i], "$ "))
		}
		text = strings.TrimSpace(text)
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		cmd := docCommand{line: lineNo, shell: goRunRenkei.ReplaceAllString(text, "renkei")}
		if m := statedExit.FindStringSubmatch(text); m != nil {
			cmd.exit, _ = strconv.Atoi(m[1])
		}
		word := strings.Fields(envAssignments.ReplaceAllString(cmd.shell, "") + " ")
		if len(word) > 0 && (word[0] == "go" || word[0] == "bash" || word[0] == "sh") {
			return nil, fmt.Errorf("%s:%d: %q is not an example TestDoc can run; mark the block <!-- not run: why -->", b.file, lineNo, text)
		}
		cmds = append(cmds, cmd)
	}
	if !slices.ContainsFunc(cmds, func(c docCommand) bool { return strings.Contains(c.shell, "renkei") }) {
		return nil, fmt.Errorf("%s: a runnable block without a renkei command; mark it <!-- not run: why --> or use another language", b)
	}
	return cmds, nil
}

var (
	buildOnce   sync.Once
	builtRenkei string // the folder holding the renkei binary
	buildErr    error
)

// renkeiBinDir builds renkei once per test binary into a temporary folder.
func renkeiBinDir(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "renkei-doc-test-")
		if err != nil {
			buildErr = err
			return
		}
		builtRenkei = dir
		cmd := exec.Command("go", "build", "-o", filepath.Join(dir, "renkei"), "./cmd/renkei")
		cmd.Dir = docRoot
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return builtRenkei
}

// docEnv is the environment of an example: the test's without renkei's settings or
// the locale, so that the examples mean what they say on any machine.
func docEnv(binDir, home string) []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch {
		case strings.HasPrefix(name, "RENKEI_"), name == "GITHUB_STEP_SUMMARY", name == "SOURCE_DATE_EPOCH",
			name == "LANG", strings.HasPrefix(name, "LC_"), name == "PATH", name == "HOME":
			continue
		}
		env = append(env, kv)
	}
	return append(env, "PATH="+binDir+string(os.PathListSeparator)+os.Getenv("PATH"), "LANG=C.UTF-8", "HOME="+home)
}

// noJapaneseFont is how renkei says that a Japanese run needs a font this machine
// lacks (reports.ErrNoJapaneseFont).
const noJapaneseFont = "no Japanese TrueType font found"

func TestDoc(t *testing.T) {
	skipShort(t)
	start := time.Now()
	var runnable []docBlock
	for _, file := range docFiles(t) {
		text, err := os.ReadFile(filepath.Join(docRoot, file))
		if err != nil {
			t.Fatal(err)
		}
		blocks, problems := parseBlocks(file, text)
		for _, p := range problems {
			t.Error(p)
		}
		for _, b := range blocks {
			switch b.lang {
			case "sh":
			case "bash", "shell", "console", "zsh":
				t.Errorf("%s: a shell block of language %q; write sh, so that TestDoc runs it or sees it marked <!-- not run: why -->", b, b.lang)
				continue
			default:
				continue
			}
			if notRun.MatchString(b.marker) {
				continue
			}
			if b.marker != "" {
				t.Errorf("%s: the comment before the block is not <!-- not run: reason -->: %s", b, b.marker)
				continue
			}
			runnable = append(runnable, b)
		}
	}
	if len(runnable) == 0 {
		t.Fatal("no runnable example found")
	}
	binDir := renkeiBinDir(t)
	t.Run("examples", func(t *testing.T) {
		for _, b := range runnable {
			t.Run(b.String(), func(t *testing.T) {
				t.Parallel()
				runDocBlock(t, b, binDir)
			})
		}
	})
	t.Logf("%d runnable examples in %v", len(runnable), time.Since(start).Round(time.Millisecond))
}

// runDocBlock runs one example's commands in order in a fresh folder.
func runDocBlock(t *testing.T, b docBlock, binDir string) {
	cmds, err := parseCommands(b)
	if err != nil {
		t.Fatal(err)
	}
	dir, home := t.TempDir(), t.TempDir()
	env := docEnv(binDir, home)
	for _, c := range cmds {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		cmd := exec.CommandContext(ctx, "bash", "-c", c.shell)
		cmd.Dir, cmd.Env = dir, env
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		cancel()
		code := cmd.ProcessState.ExitCode()
		if err != nil && code < 0 {
			t.Fatalf("%s:%d: %s: %v", b.file, c.line, c.shell, err)
		}
		if code == 2 && c.exit != 2 && strings.Contains(stderr.String(), noJapaneseFont) {
			t.Skipf("%s:%d: %s needs a Japanese font this machine lacks (Debian: fonts-ipaexfont-gothic)", b.file, c.line, c.shell)
		}
		if code != c.exit {
			t.Fatalf("%s:%d: %s\nexited %d, the doc says %d\nstdout:\n%s\nstderr:\n%s", b.file, c.line, c.shell, code, c.exit, docTail(stdout.String()), docTail(stderr.String()))
		}
		if missing := missingOutput(c.output, stdout.String()+stderr.String()); missing != "" {
			t.Fatalf("%s:%d: %s\ndoes not print the line the doc shows:\n%s\nstdout:\n%s\nstderr:\n%s", b.file, c.line, c.shell, missing, stdout.String(), docTail(stderr.String()))
		}
	}
}

// missingOutput returns the first shown line that is not among got's lines in order
// after the lines before it, or "" when all are.
func missingOutput(shown []string, got string) string {
	var lines []string
	sc := bufio.NewScanner(strings.NewReader(got))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		lines = append(lines, strings.TrimRight(sc.Text(), " \t"))
	}
	i := 0
	for _, want := range shown {
		for i < len(lines) && lines[i] != want {
			i++
		}
		if i == len(lines) {
			return want
		}
		i++
	}
	return ""
}

// docTail is the end of a command's output, enough to see why it failed.
func docTail(s string) string {
	const max = 4000
	if len(s) > max {
		return "…" + s[len(s)-max:]
	}
	return s
}

// TestDocParse checks the example conventions on made-up markdown, so that a block
// cannot pass by being misread.
func TestDocParse(t *testing.T) {
	md := "text\n\n```sh\n$ renkei compare a.csv b.csv   # exit code 2\nline one\n  line two\n$ go run ./cmd/renkei version\n```\n\n<!-- not run: needs the benchmark data -->\n```sh\nbash bench/run.sh\n```\n\n```\nno language\n```\n\n    renkei run\n"
	blocks, problems := parseBlocks("x.md", []byte(md))
	if len(blocks) != 3 || len(problems) != 2 {
		t.Fatalf("%d blocks, problems %q; want 3 blocks and 2 problems (no language, indented command)", len(blocks), problems)
	}
	cmds, err := parseCommands(blocks[0])
	if err != nil {
		t.Fatal(err)
	}
	want := []docCommand{
		{line: 4, shell: "renkei compare a.csv b.csv   # exit code 2", exit: 2, output: []string{"line one", "  line two"}},
		{line: 7, shell: "renkei version"},
	}
	if fmt.Sprint(cmds) != fmt.Sprint(want) {
		t.Errorf("commands %+v, want %+v", cmds, want)
	}
	if !notRun.MatchString(blocks[1].marker) {
		t.Errorf("marker %q not read as not run", blocks[1].marker)
	}
	if _, err := parseCommands(blocks[1]); err == nil {
		t.Error("bash bench/run.sh was accepted as a runnable example")
	}
	if m := missingOutput([]string{"a", "c"}, "a\nb\nc\n"); m != "" {
		t.Errorf("a, c not found in order in a, b, c: %q", m)
	}
	if m := missingOutput([]string{"c", "a"}, "a\nb\nc\n"); m != "a" {
		t.Errorf("c, a found in a, b, c: missing %q", m)
	}
}

// mdLink is a markdown link with a relative target: file.md, file.md#anchor, #anchor.
var mdLink = regexp.MustCompile(`\]\(([^)\s]+)\)`)

// headingAnchors returns the anchors GitHub gives the headings of a markdown file:
// lower case, punctuation dropped, spaces to hyphens, -1, -2 … for repeats.
func headingAnchors(text string) map[string]bool {
	anchors := map[string]bool{}
	seen := map[string]int{}
	inFence := false
	for _, line := range strings.Split(text, "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			inFence = !inFence
			continue
		}
		if inFence || !strings.HasPrefix(line, "#") {
			continue
		}
		heading := strings.TrimSpace(strings.TrimLeft(line, "#"))
		var b strings.Builder
		for _, r := range strings.ToLower(heading) {
			switch {
			case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_':
				b.WriteRune(r)
			case r == ' ':
				b.WriteByte('-')
			}
		}
		a := b.String()
		if n := seen[a]; n > 0 {
			anchors[fmt.Sprintf("%s-%d", a, n)] = true
		} else {
			anchors[a] = true
		}
		seen[a]++
	}
	return anchors
}

func TestDocLinks(t *testing.T) {
	files := docFiles(t)
	texts := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(docRoot, f))
		if err != nil {
			t.Fatal(err)
		}
		texts[f] = string(b)
	}
	readme := texts["README.md"]
	if n := strings.Count(readme, "\n"); n > 200 {
		t.Errorf("README.md has %d lines; keep it to 200 and move the rest into docs/", n)
	}
	for _, f := range files {
		for _, m := range mdLink.FindAllStringSubmatch(texts[f], -1) {
			target := m[1]
			if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
				continue
			}
			path, anchor, _ := strings.Cut(target, "#")
			linked := f
			if path != "" {
				linked = filepath.ToSlash(filepath.Clean(filepath.Join(filepath.Dir(f), path)))
				if _, err := os.Stat(filepath.Join(docRoot, linked)); err != nil {
					t.Errorf("%s: link %s: no file %s", f, target, linked)
					continue
				}
			}
			if anchor == "" {
				continue
			}
			text, ok := texts[linked]
			if !ok {
				t.Errorf("%s: link %s: an anchor into a file that is not part of the manual", f, target)
				continue
			}
			if !headingAnchors(text)[anchor] {
				t.Errorf("%s: link %s: %s has no heading #%s", f, target, linked, anchor)
			}
		}
	}
	// The README points into docs/: every docs file is reachable from it.
	for _, f := range files[1:] {
		if !strings.Contains(readme, "]("+f) {
			t.Errorf("README.md does not link to %s", f)
		}
	}
}

// settingRow is a line of the settings table in 'renkei help' or docs/ci.md.
type settingRow struct{ env, flag, def string }

func TestDocSettings(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := command(context.Background(), []string{"help"}, &stdout, &stderr); code != 0 {
		t.Fatalf("renkei help exited %d: %s", code, stderr.String())
	}
	helpLine := regexp.MustCompile(`^\s+(RENKEI_[A-Z_]+)\s+(--[a-z-]+)\s+(\S+)\s`)
	var help []settingRow
	for _, line := range strings.Split(stdout.String(), "\n") {
		if m := helpLine.FindStringSubmatch(line); m != nil {
			help = append(help, settingRow{m[1], m[2], m[3]})
		}
	}
	if len(help) < 10 {
		t.Fatalf("read %d settings from renkei help:\n%s", len(help), stdout.String())
	}
	text, err := os.ReadFile(filepath.Join(docRoot, "docs", "ci.md"))
	if err != nil {
		t.Fatal(err)
	}
	// | `RENKEI_OUT` | `--out` | `renkei-out` | meaning |; – for no default.
	docLine := regexp.MustCompile("^\\| `(RENKEI_[A-Z_]+)` \\| `(--[a-z-]+)` \\| (?:`([^`]*)`|–) \\|")
	var doc []settingRow
	for _, line := range strings.Split(string(text), "\n") {
		if m := docLine.FindStringSubmatch(line); m != nil {
			def := m[3]
			if def == "" {
				def = "-"
			}
			doc = append(doc, settingRow{m[1], m[2], def})
		}
	}
	if !slices.Equal(doc, help) {
		t.Errorf("docs/ci.md's settings table differs from renkei help (same settings, order and defaults; – for none):\ndoc:  %v\nhelp: %v", doc, help)
	}
}

func TestDocOutputColumns(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	cmd := exec.Command(filepath.Join(renkeiBinDir(t), "renkei"), "run", "--formats", "csv", "--out", out)
	cmd.Env = docEnv(renkeiBinDir(t), t.TempDir())
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("renkei run --formats csv: %v\n%s", err, docTail(string(b)))
	}
	written, err := filepath.Glob(filepath.Join(out, "*.csv"))
	if err != nil || len(written) == 0 {
		t.Fatalf("no CSV written (%v)", err)
	}
	text, err := os.ReadFile(filepath.Join(docRoot, "docs", "outputs.md"))
	if err != nil {
		t.Fatal(err)
	}
	blocks, _ := parseBlocks("docs/outputs.md", text)
	columnsOf := regexp.MustCompile(`^<!--\s*columns of (\S+\.csv)\s*-->$`)
	documented := map[string]string{}
	for _, b := range blocks {
		if m := columnsOf.FindStringSubmatch(b.marker); m != nil && b.lang == "csv" && len(b.lines) > 0 {
			documented[m[1]] = strings.TrimSpace(b.lines[0])
		}
	}
	for _, path := range written {
		name := filepath.Base(path)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		header, _, _ := strings.Cut(string(data), "\n")
		doc, ok := documented[name]
		switch {
		case !ok:
			t.Errorf("docs/outputs.md shows no header of %s (a ```csv block after <!-- columns of %s -->)", name, name)
		case doc != header:
			t.Errorf("docs/outputs.md shows the header of %s as\n%s\nrenkei writes\n%s", name, doc, header)
		}
		delete(documented, name)
	}
	for name := range documented {
		t.Errorf("docs/outputs.md shows the header of %s, which renkei run --formats csv does not write", name)
	}
}
