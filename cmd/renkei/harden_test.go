package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain lets a test run the renkei binary as a real process: the test binary
// re-executed with RENKEI_TEST_MAIN=1 is renkei.
func TestMain(m *testing.M) {
	if os.Getenv("RENKEI_TEST_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// renkeiCommand returns a command running renkei in a separate process.
func renkeiCommand(t *testing.T, env []string, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(append(os.Environ(), "RENKEI_TEST_MAIN=1"), env...)
	return cmd
}

// writeLargeInput writes n rows of responses for the kill test.
func writeLargeInput(t *testing.T, path string, n int) {
	t.Helper()
	var b bytes.Buffer
	b.WriteString("partnership,wave,org,role,comm1,comm2,comm3,comm4,trust1,trust2,trust3,trust4,role1,role2,role3,role4,goal1,goal2,goal3,goal4\n")
	for i := range n {
		fmt.Fprintf(&b, "p%03d,2026Q%d,org%d,frontline", i%400, i%4+1, i%3)
		for j := range 16 {
			fmt.Fprintf(&b, ",%d", 1+(i*7+j*3)%5)
		}
		b.WriteByte('\n')
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestKilledRunKeepsPreviousOutput kills real runs with SIGKILL while they write their
// output folder: the previous folder must stay whole and readable, and the next run
// must clean up what the killed one left.
func TestKilledRunKeepsPreviousOutput(t *testing.T) {
	if testing.Short() {
		t.Skip("runs renkei processes")
	}
	clearEnv(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	if r := mustRun(t, "run", "--formats", "csv,json,md", "--out", out); r.code != exitOK {
		t.Fatal(r.stderr)
	}
	before := map[string][]byte{}
	for _, name := range []string{"scores.csv", "quality.csv", "summary.json"} {
		before[name] = readFile(t, filepath.Join(out, name))
	}
	input := filepath.Join(dir, "large.csv")
	writeLargeInput(t, input, 60000)
	killedWhileWriting := 0
	for attempt := 0; attempt < 8 && killedWhileWriting < 2; attempt++ {
		cmd := renkeiCommand(t, nil, "run", "--formats", "csv,json,md", "--input", input, "--out", out)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		// Wait until the run has begun writing its temporary folder, then kill it.
		deadline := time.Now().Add(30 * time.Second)
	poll:
		for time.Now().Before(deadline) {
			select {
			case <-done:
				break poll // finished before it could be killed: try again
			default:
			}
			if tmp, _ := filepath.Glob(filepath.Join(dir, ".out.tmp-*")); len(tmp) > 0 {
				_ = cmd.Process.Signal(syscall.SIGKILL)
				<-done
				killedWhileWriting++
				break poll
			}
			time.Sleep(200 * time.Microsecond)
		}
		if killedWhileWriting == 0 {
			// The run completed: restore the previous output for the next attempt.
			if r := mustRun(t, "run", "--formats", "csv,json,md", "--out", out); r.code != exitOK {
				t.Fatal(r.stderr)
			}
			continue
		}
		for name, want := range before {
			if got := readFile(t, filepath.Join(out, name)); !bytes.Equal(got, want) {
				t.Fatalf("after a killed run %s differs from the previous output", name)
			}
		}
	}
	if killedWhileWriting == 0 {
		t.Skip("every run finished before it could be killed while writing")
	}
	t.Logf("%d runs killed while writing", killedWhileWriting)
	// The next run cleans up after the killed ones.
	if r := mustRun(t, "run", "--formats", "csv,json,md", "--out", out); r.code != exitOK {
		t.Fatal(r.stderr)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".out.tmp-*")); len(left) > 0 {
		t.Errorf("left behind after the next run: %v", left)
	}
}

// TestDeterministicAcrossProcesses: byte-identical output folders across reruns,
// GOMAXPROCS 1 and 2, and time zones.
func TestDeterministicAcrossProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("runs renkei processes")
	}
	clearEnv(t)
	dir := t.TempDir()
	envs := [][]string{
		{"GOMAXPROCS=1", "TZ=UTC"},
		{"GOMAXPROCS=2", "TZ=Asia/Tokyo"},
		{"GOMAXPROCS=2", "TZ=America/Los_Angeles", "SOURCE_DATE_EPOCH="},
	}
	var first map[string][]byte
	for i, env := range envs {
		out := filepath.Join(dir, fmt.Sprintf("out%d", i))
		cmd := renkeiCommand(t, env, "run", "--out", out, "--formats", "csv,json,md")
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v: %v\n%s", env, err, b)
		}
		files := readTree(t, out)
		if first == nil {
			first = files
			continue
		}
		for name, want := range first {
			if !bytes.Equal(files[name], want) {
				t.Errorf("%s differs under %v", name, env)
			}
		}
		if len(files) != len(first) {
			t.Errorf("%d files under %v, %d under %v", len(files), env, len(first), envs[0])
		}
	}
}

// readTree reads every file below dir, by relative path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		files[rel], err = os.ReadFile(path)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestNoRespondentIdsInOutputs: respondent ids are used only to pair answers; no output
// file contains one.
func TestNoRespondentIdsInOutputs(t *testing.T) {
	skipShort(t)
	clearEnv(t)
	out := filepath.Join(t.TempDir(), "out")
	if r := mustRun(t, "run", "--out", out); r.code != exitOK {
		t.Fatal(r.stderr)
	}
	id := regexp.MustCompile(`\bR[0-9]{4}\b`) // the sample's ids: R0001 …
	for name, data := range readTree(t, out) {
		if strings.HasSuffix(name, ".png") || strings.HasSuffix(name, ".pdf") {
			continue // binary: any four digits may follow an R by chance; its text is in the SVG, or report.html
		}
		if m := id.Find(data); m != nil {
			t.Errorf("%s contains the respondent id %s", name, m)
		}
	}
}

// TestHostileNamesNeutralised runs partnership and org names built to attack
// spreadsheets, Markdown and HTML through every output.
func TestHostileNamesNeutralised(t *testing.T) {
	skipShort(t)
	clearEnv(t)
	dir := t.TempDir()
	names := []string{`=HYPERLINK("http://x","y")`, `+cmd|' /C calc'!A0`, `@SUM(1+1)`, `-2+3`, `<script>alert(1)</script>`, "a|b*c*_d_"}
	var b strings.Builder
	b.WriteString("partnership,wave,org,comm1,comm2,comm3,comm4\n")
	for i, name := range names {
		for j := range 6 {
			fmt.Fprintf(&b, "%q,2026Q1,%q,%d,%d,4,2\n", name, names[(i+1)%len(names)], 1+j%5, 1+(j+i)%5)
		}
	}
	input := filepath.Join(dir, "hostile.csv")
	if err := os.WriteFile(input, []byte(strings.ReplaceAll(b.String(), `\"`, `""`)), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	if r := mustRun(t, "run", "--input", input, "--out", out); r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	files := readTree(t, out)
	for name, data := range files {
		switch {
		case strings.HasSuffix(name, ".csv"):
			for _, row := range csvRows(t, filepath.Join(out, name)) {
				for col, cell := range row {
					if cell != "" && strings.ContainsRune("=+@", rune(cell[0])) || strings.HasPrefix(cell, "-2+3") {
						t.Errorf("%s column %s: cell %q would run as a formula", name, col, cell)
					}
				}
			}
		case strings.HasSuffix(name, ".json"), strings.HasSuffix(name, ".md"), strings.HasSuffix(name, ".svg"), strings.HasSuffix(name, ".html"):
			if bytes.Contains(data, []byte("<script>")) {
				t.Errorf("%s contains an unescaped <script>", name)
			}
		}
	}
	if !bytes.Contains(files["scores.csv"], []byte(`'=HYPERLINK(""http://x"",""y"")`)) || !bytes.Contains(files["scores.csv"], []byte("'-2+3")) {
		t.Errorf("scores.csv does not carry the hostile names, neutralised:\n%.600s", files["scores.csv"])
	}
	if md := string(files["summary.md"]); strings.Contains(md, "a|b") {
		t.Errorf("summary.md leaves a table-breaking | unescaped")
	}
}
