package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"renkei/internal/outdir"
)

// previousOutput writes a complete output of the built-in sample into dir/out and
// returns its path.
func previousOutput(t *testing.T, dir string, formats string) string {
	t.Helper()
	out := filepath.Join(dir, "out")
	if r := mustRun(t, "run", "--formats", formats, "--out", out); r.code != exitOK {
		t.Fatalf("previous output: exit %d: %s", r.code, r.stderr)
	}
	return out
}

// mustWrite writes a file, creating its folder.
func mustWrite(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// treeOf lists every entry below dir, a folder ending in /, with its content.
func treeOf(t *testing.T, dir string) map[string]string {
	t.Helper()
	tree := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || path == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if d.IsDir() {
			tree[filepath.ToSlash(rel)+"/"] = ""
			return nil
		}
		data, err := os.ReadFile(path)
		tree[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

// checkNothingBeside fails when anything but the listed names lies in dir: no staging
// folder, no lock file.
func checkNothingBeside(t *testing.T, dir string, want ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("%s holds %v, want %v", dir, got, want)
	}
}

// checkMarkerExact fails unless dir's marker lists exactly the files in dir, each with
// its size and SHA-256, and dir holds no other entry.
func checkMarkerExact(t *testing.T, dir string) {
	t.Helper()
	var m struct {
		Files []struct {
			Path   string `json:"path"`
			Size   int64  `json:"size"`
			SHA256 string `json:"sha256"`
		} `json:"files"`
	}
	if err := json.Unmarshal(readFile(t, filepath.Join(dir, outdir.MarkerFile)), &m); err != nil {
		t.Fatalf("marker: %v", err)
	}
	listed := map[string]bool{}
	for _, e := range m.Files {
		listed[e.Path] = true
		data := fileOrNil(filepath.Join(dir, filepath.FromSlash(e.Path)))
		if sum := sha256.Sum256(data); int64(len(data)) != e.Size || hex.EncodeToString(sum[:]) != e.SHA256 {
			t.Errorf("%s does not match its marker entry (size %d, want %d)", e.Path, len(data), e.Size)
		}
	}
	for path := range treeOf(t, dir) {
		if path != outdir.MarkerFile && !strings.HasSuffix(path, "/") && !listed[path] {
			t.Errorf("%s is in the folder but not in its marker", path)
		}
		delete(listed, path)
	}
	for path := range listed {
		t.Errorf("the marker lists %s, which is not in the folder", path)
	}
}

// TestRerunRefusesForeignFiles: a rerun replaces a folder only when it holds nothing
// but renkei's unchanged files, and refuses before reading (the input named does not
// exist, so a run that read would fail on it) otherwise, naming what it found.
func TestRerunRefusesForeignFiles(t *testing.T) {
	skipShort(t)
	clearEnv(t)
	cases := []struct {
		name    string
		formats string                         // of the previous output
		add     func(t *testing.T, out string) // what the user does to the previous output
		names   []string                       // what the message must name
	}{
		{"ErrTopLevelUserFiles", "csv,md", func(t *testing.T, out string) {
			mustWrite(t, filepath.Join(out, "responses-2026q4.csv"), "partnership,wave\n")
			mustWrite(t, filepath.Join(out, "notes-for-board.md"), "# notes\n")
		}, []string{"responses-2026q4.csv", "notes-for-board.md"}},
		{"ErrUserFileInCharts", "csv,charts", func(t *testing.T, out string) {
			mustWrite(t, filepath.Join(out, "charts", "mine.svg"), "<svg/>")
		}, []string{"charts/mine.svg"}},
		{"ErrEditedOutputFile", "csv,md", func(t *testing.T, out string) {
			f, err := os.OpenFile(filepath.Join(out, "scores.csv"), os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			f.WriteString("my,own,row\n")
			f.Close()
		}, []string{"changed since renkei wrote them: scores.csv"}},
		{"ErrSameSizeEdit", "csv,md", func(t *testing.T, out string) {
			path := filepath.Join(out, "summary.md")
			data := readFile(t, path)
			data[0] ^= 1
			mustWrite(t, path, string(data))
		}, []string{"changed since renkei wrote them: summary.md"}},
		{"ErrEmptyUserFolder", "csv,md", func(t *testing.T, out string) {
			if err := os.Mkdir(filepath.Join(out, "drafts"), 0o755); err != nil {
				t.Fatal(err)
			}
		}, []string{"drafts/"}},
		{"ErrUserFolderWithFiles", "csv,md", func(t *testing.T, out string) {
			mustWrite(t, filepath.Join(out, "drafts", "a.md"), "a")
			mustWrite(t, filepath.Join(out, "drafts", "deeper", "b.md"), "b")
		}, []string{"drafts/"}},
		{"ErrSymlink", "csv,md", func(t *testing.T, out string) {
			if err := os.Symlink("scores.csv", filepath.Join(out, "latest.csv")); err != nil {
				t.Fatal(err)
			}
		}, []string{"latest.csv"}},
		{"ErrManyFiles", "csv,md", func(t *testing.T, out string) {
			for i := range 7 {
				mustWrite(t, filepath.Join(out, "n"+strconv.Itoa(i)+".txt"), "x")
			}
		}, []string{"n0.txt", "n3.txt", "and 3 more"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			out := previousOutput(t, dir, tc.formats)
			tc.add(t, out)
			before := treeOf(t, out)
			r := mustRun(t, "run", "--out", out, "--formats", "csv", "--input", filepath.Join(dir, "missing.csv"))
			if r.code != exitUsage {
				t.Fatalf("exit %d, want %d: %s", r.code, exitUsage, r.stderr)
			}
			msg := lastLine(r.stderr)
			for _, want := range append(tc.names, "holds files renkei did not write", "RENKEI_OUT (--out)") {
				if !strings.Contains(msg, want) {
					t.Errorf("message %q does not say %q", msg, want)
				}
			}
			if strings.Contains(r.stderr, "no such file") || strings.Contains(r.stderr, "msg=read") {
				t.Errorf("the run read its input before refusing the folder:\n%s", r.stderr)
			}
			if after := treeOf(t, out); !mapsEqual(before, after) {
				t.Error("the refused folder changed")
			}
			checkNothingBeside(t, dir, "out")
		})
	}
	t.Run("CleanPreviousOutputReplaced", func(t *testing.T) {
		dir := t.TempDir()
		out := previousOutput(t, dir, "csv,md,charts")
		if r := mustRun(t, "run", "--out", out, "--formats", "csv,json"); r.code != exitOK {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		if _, err := os.Stat(filepath.Join(out, "charts")); !errors.Is(err, fs.ErrNotExist) {
			t.Error("charts/ of the previous run survived a run that writes no charts")
		}
		checkMarkerExact(t, out)
		checkNothingBeside(t, dir, "out")
	})
	t.Run("ErrOutputIsSymlink", func(t *testing.T) {
		dir := t.TempDir()
		target := previousOutput(t, dir, "csv")
		before := treeOf(t, target)
		link := filepath.Join(dir, "latest")
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
		r := mustRun(t, "run", "--out", link, "--formats", "csv")
		if r.code != exitUsage || !strings.Contains(r.stderr, "is a symbolic link") {
			t.Fatalf("exit %d, want %d: %s", r.code, exitUsage, r.stderr)
		}
		if dest, err := os.Readlink(link); err != nil || dest != target || !mapsEqual(before, treeOf(t, target)) {
			t.Error("the link or the folder it points to changed")
		}
	})
	t.Run("OutputFileDeletedReplaced", func(t *testing.T) {
		dir := t.TempDir()
		out := previousOutput(t, dir, "csv,md")
		if err := os.Remove(filepath.Join(out, "summary.md")); err != nil {
			t.Fatal(err)
		}
		if r := mustRun(t, "run", "--out", out, "--formats", "csv"); r.code != exitOK {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		checkMarkerExact(t, out)
	})
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// TestOldStyleMarker: a folder marked by an earlier renkei (one line of text, no file
// list) is replaced only when every entry has a name renkei writes.
func TestOldStyleMarker(t *testing.T) {
	clearEnv(t)
	const oldMarker = "written by renkei; the next run replaces this folder\n"
	cases := []struct {
		name  string
		files []string // besides the marker; a name ending in / is an empty folder
		want  string   // a fragment of the refusal; "" when the folder is replaced
	}{
		{"KnownOutputsReplaced", []string{"scores.csv", "summary.json", "report.pdf", "charts/health.svg", "charts/health.png"}, ""},
		{"MarkerOnlyReplaced", nil, ""},
		{"ErrUserFile", []string{"scores.csv", "notes-for-board.md"}, "notes-for-board.md"},
		{"ErrUserFileInCharts", []string{"charts/health.svg", "charts/notes.txt"}, "charts/notes.txt"},
		{"ErrFolderInCharts", []string{"charts/sub/"}, "charts/sub/"},
		{"ErrUserFolder", []string{"scores.csv", "drafts/"}, "drafts/"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "out")
			mustWrite(t, filepath.Join(out, outdir.MarkerFile), oldMarker)
			for _, name := range tc.files {
				if strings.HasSuffix(name, "/") {
					os.MkdirAll(filepath.Join(out, name), 0o755)
				} else {
					mustWrite(t, filepath.Join(out, name), "old "+name)
				}
			}
			before := treeOf(t, out)
			r := mustRun(t, "run", "--out", out, "--formats", "csv")
			if tc.want == "" {
				if r.code != exitOK {
					t.Fatalf("exit %d: %s", r.code, r.stderr)
				}
				checkMarkerExact(t, out)
				return
			}
			if r.code != exitUsage || !strings.Contains(lastLine(r.stderr), tc.want) {
				t.Fatalf("exit %d, want %d naming %q: %s", r.code, exitUsage, tc.want, r.stderr)
			}
			if !mapsEqual(before, treeOf(t, out)) {
				t.Error("the refused folder changed")
			}
		})
	}
}

// TestInputInsideOutputRefused: a file the run reads may not lie inside the folder the
// run replaces, by any path to it.
func TestInputInsideOutputRefused(t *testing.T) {
	clearEnv(t)
	sample := readFile(t, filepath.Join(repoRoot, "internal", "sample", "sample", "responses.csv"))
	codebook := readFile(t, filepath.Join("testdata", "custom", "codebook.csv"))
	cases := []struct {
		name    string
		file    string // inside out, written before the run
		data    []byte
		args    func(dir, out string) []string
		setting string
	}{
		{"ErrInputTopLevel", "responses-2026q4.csv", sample, func(dir, out string) []string {
			return []string{"--input", filepath.Join(out, "responses-2026q4.csv")}
		}, "RENKEI_INPUT"},
		{"ErrSecondInputInSubfolder", "drafts/more.csv", sample, func(dir, out string) []string {
			return []string{"--input", filepath.Join(dir, "elsewhere.csv") + "," + filepath.Join(out, "drafts", "more.csv")}
		}, "RENKEI_INPUT"},
		{"ErrInputThroughDotDot", "responses.csv", sample, func(dir, out string) []string {
			return []string{"--input", filepath.Join(dir, "x", "..", "out", "responses.csv")}
		}, "RENKEI_INPUT"},
		{"ErrInputThroughSymlink", "responses.csv", sample, func(dir, out string) []string {
			link := filepath.Join(dir, "link.csv")
			os.Symlink(filepath.Join(out, "responses.csv"), link)
			return []string{"--input", link}
		}, "RENKEI_INPUT"},
		{"ErrCodebook", "codebook.csv", codebook, func(dir, out string) []string {
			return []string{"--codebook", filepath.Join(out, "codebook.csv")}
		}, "RENKEI_CODEBOOK"},
		{"ErrRoster", "roster.csv", []byte("partnership,name\n"), func(dir, out string) []string {
			return []string{"--roster", filepath.Join(out, "roster.csv")}
		}, "RENKEI_ROSTER"},
		{"ErrActions", "actions.csv", []byte("dimension,band,lang,action\n"), func(dir, out string) []string {
			return []string{"--actions", filepath.Join(out, "actions.csv")}
		}, "RENKEI_ACTIONS"},
		{"ErrFont", "font.ttf", []byte("not a font"), func(dir, out string) []string {
			return []string{"--font", filepath.Join(out, "font.ttf")}
		}, "RENKEI_FONT"},
		{"ErrOutputFolderNotYetThere", "", nil, func(dir, out string) []string {
			return []string{"--input", filepath.Join(out, "later.csv")}
		}, "RENKEI_INPUT"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			os.Mkdir(filepath.Join(dir, "x"), 0o755)
			mustWrite(t, filepath.Join(dir, "elsewhere.csv"), string(sample))
			out := filepath.Join(dir, "out")
			if tc.file != "" {
				previousOutput(t, dir, "csv")
				mustWrite(t, filepath.Join(out, tc.file), string(tc.data))
			}
			r := mustRun(t, append([]string{"run", "--out", out, "--formats", "csv"}, tc.args(dir, out)...)...)
			msg := lastLine(r.stderr)
			if r.code != exitUsage || !strings.Contains(msg, "lies inside the output folder") || !strings.Contains(msg, tc.setting) {
				t.Fatalf("exit %d, want %d and a message naming %s and the folder: %s", r.code, exitUsage, tc.setting, r.stderr)
			}
			if tc.file != "" && !bytes.Equal(readFile(t, filepath.Join(out, tc.file)), tc.data) {
				t.Errorf("%s changed", tc.file)
			}
		})
	}
}

// TestSampleNeverOverwrites: 'renkei sample' into a folder holding one of its files
// refuses, names the file and writes nothing.
func TestSampleNeverOverwrites(t *testing.T) {
	clearEnv(t)
	for _, name := range []string{"responses.csv", "roster.csv", "before.csv", "after.csv"} {
		t.Run("Err"+strings.TrimSuffix(name, ".csv"), func(t *testing.T) {
			dir := t.TempDir()
			mine := filepath.Join(dir, name)
			mustWrite(t, mine, "my own data\n")
			r := mustRun(t, "sample", dir)
			if r.code != exitUsage || !strings.Contains(r.stderr, mine) || !strings.Contains(r.stderr, "never overwrites") {
				t.Fatalf("exit %d, want %d naming %s: %s", r.code, exitUsage, mine, r.stderr)
			}
			if got := string(readFile(t, mine)); got != "my own data\n" {
				t.Errorf("%s was overwritten", name)
			}
			checkNothingBeside(t, dir, name)
		})
	}
	t.Run("SecondSampleRefused", func(t *testing.T) {
		dir := t.TempDir()
		if r := mustRun(t, "sample", dir); r.code != exitOK {
			t.Fatal(r.stderr)
		}
		before := treeOf(t, dir)
		r := mustRun(t, "sample", "--seed", "7", dir)
		if r.code != exitUsage || !strings.Contains(r.stderr, "responses.csv") {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		if !mapsEqual(before, treeOf(t, dir)) {
			t.Error("a refused sample changed the folder")
		}
	})
}

// holdLock takes the lock of the output folder out as another run would, writing pid.
func holdLock(t *testing.T, out string, pid int) *os.File {
	t.Helper()
	f, err := os.OpenFile(outdir.LockPath(out), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		t.Fatal(err)
	}
	f.WriteString(strconv.Itoa(pid) + "\n")
	return f
}

// TestRunWhileLocked: a run into a folder whose lock another run holds exits 2 at
// once, naming the holder's pid, and leaves the lock and the folder alone; once the
// lock is let go, a run goes ahead and removes its own lock file.
func TestRunWhileLocked(t *testing.T) {
	clearEnv(t)
	dir := t.TempDir()
	out := previousOutput(t, dir, "csv")
	before := treeOf(t, out)
	held := holdLock(t, out, 4242)
	start := time.Now()
	r := mustRun(t, "run", "--out", out, "--formats", "csv")
	elapsed := time.Since(start)
	want := "another renkei run (pid 4242) is writing " + out + "; wait for it or choose another RENKEI_OUT"
	if r.code != exitUsage || !strings.Contains(r.stderr, want) {
		t.Fatalf("exit %d, want %d and %q: %s", r.code, exitUsage, want, r.stderr)
	}
	// At once, before reading: checked by its log below, not by the clock.
	t.Logf("the locked-out run gave up after %v", elapsed)
	if strings.Contains(r.stderr, "msg=read") {
		t.Errorf("the locked-out run read its input:\n%s", r.stderr)
	}
	if !sameFile(held, outdir.LockPath(out)) {
		t.Error("the locked-out run removed or replaced the holder's lock file")
	}
	if !mapsEqual(before, treeOf(t, out)) {
		t.Error("the locked-out run changed the folder")
	}
	held.Close()
	if r := mustRun(t, "run", "--out", out, "--formats", "csv"); r.code != exitOK {
		t.Fatalf("after the lock was let go: exit %d: %s", r.code, r.stderr)
	}
	checkMarkerExact(t, out)
	checkNothingBeside(t, dir, "out")
}

// TestConcurrentRuns: two renkei processes into one folder: the second exits 2 at once
// naming the first's pid, and the folder ends up holding the first's complete output.
func TestConcurrentRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("runs renkei processes")
	}
	clearEnv(t)
	dir := t.TempDir()
	input, codebook := workloadIn(t, filepath.Join(dir, "in"), 200_000)
	parent := filepath.Join(dir, "review")
	out := previousOutput(t, parent, "csv")
	args := []string{"run", "--input", input, "--codebook", codebook, "--columns", "partnership=partnership_id,respondent=respondent_id", "--formats", "csv,json,md", "--out", out}
	first := renkeiCommand(t, nil, args...)
	var firstErr bytes.Buffer
	first.Stderr = &firstErr
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	pid := strconv.Itoa(first.Process.Pid)
	deadline := time.Now().Add(10 * time.Second)
	for !strings.HasPrefix(string(fileOrNil(outdir.LockPath(out))), pid) {
		if time.Now().After(deadline) {
			t.Fatal("the first run never took the lock")
		}
		time.Sleep(time.Millisecond)
	}
	second := renkeiCommand(t, nil, args...)
	start := time.Now()
	msg, err := second.CombinedOutput()
	elapsed := time.Since(start)
	if code := exitOf(err); code != exitUsage || !strings.Contains(string(msg), "another renkei run (pid "+pid+") is writing") {
		t.Errorf("second run: exit %d, want %d naming pid %s:\n%s", code, exitUsage, pid, msg)
	}
	// It gave up while the first held the lock (its message names the holder's pid),
	// so before the first finished; the time is logged, not asserted.
	t.Logf("the second run gave up after %v", elapsed)
	if err := first.Wait(); err != nil {
		t.Fatalf("first run: %v\n%s", err, firstErr.String())
	}
	if !strings.Contains(firstErr.String(), "rows=200000") {
		t.Errorf("the first run's log does not show its input read:\n%s", firstErr.String())
	}
	checkMarkerExact(t, out)
	if !bytes.Contains(readFile(t, filepath.Join(out, "summary.json")), []byte("review.csv")) {
		t.Error("the folder does not hold the first run's output")
	}
	checkNothingBeside(t, parent, "out")
}

// workloadIn writes a workload file and its codebook into a new folder dir.
func workloadIn(t *testing.T, dir string, rows int) (input, codebook string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return writeWorkload(t, dir, rows)
}

func fileOrNil(path string) []byte {
	data, _ := os.ReadFile(path)
	return data
}

// exitOf is the exit code of a finished command's error.
func exitOf(err error) int {
	var ee interface{ ExitCode() int }
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}

// TestStagingCleanupMatchesLiterally: clean-up of stale staging folders matches the
// output folder's name literally, so an output named * or [o]ther, or one whose name
// extends another's, leaves the other folder's staging alone, while its own stale
// staging goes.
func TestStagingCleanupMatchesLiterally(t *testing.T) {
	clearEnv(t)
	for _, name := range []string{"*", "[o]ther", "othe?", "o*", "other.tmp-1"} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			// Another output's staging folders: one just created (empty), one finished
			// but not yet renamed (its marker lists its content), one moved aside.
			// Another output's staging folders: one just created (empty), one being
			// written (pending marker), one finished but not yet renamed (its marker
			// lists its content), one moved aside.
			others := []string{".other.tmp-123", ".other.tmp-234", ".other.tmp-456", ".other.tmp-789.old"}
			os.Mkdir(filepath.Join(dir, others[0]), 0o755)
			writePending(t, filepath.Join(dir, others[1]))
			for _, o := range others[2:] {
				writeOwned(t, filepath.Join(dir, o))
			}
			mustWrite(t, filepath.Join(dir, "other", "scores.csv"), "other's")
			// This output's own stale staging, left by killed runs: empty, killed
			// while writing, complete; and one holding a file renkei did not write.
			own := []string{"." + name + ".tmp-42", "." + name + ".tmp-43", "." + name + ".tmp-44"}
			os.Mkdir(filepath.Join(dir, own[0]), 0o755)
			writePending(t, filepath.Join(dir, own[1]))
			writeOwned(t, filepath.Join(dir, own[2]))
			foreign := "." + name + ".tmp-45"
			writePending(t, filepath.Join(dir, foreign))
			mustWrite(t, filepath.Join(dir, foreign, "notes.md"), "mine")
			r := mustRun(t, "run", "--out", filepath.Join(dir, name), "--formats", "csv")
			if r.code != exitOK {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			for _, o := range append(others, foreign) {
				if _, err := os.Stat(filepath.Join(dir, o)); err != nil {
					t.Errorf("%s is gone; it is not the output's own stale staging", o)
				}
			}
			for _, o := range own {
				if _, err := os.Stat(filepath.Join(dir, o)); !errors.Is(err, fs.ErrNotExist) {
					t.Errorf("the output's own stale staging folder %s is still there", o)
				}
			}
			checkMarkerExact(t, filepath.Join(dir, name))
		})
	}
}

// writeOwned writes a folder holding one file and a marker listing it.
func writeOwned(t *testing.T, dir string) {
	t.Helper()
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	mustWrite(t, filepath.Join(dir, "scores.csv"), "x\n")
	sum := sha256.Sum256([]byte("x\n"))
	mustWrite(t, filepath.Join(dir, outdir.MarkerFile), fmt.Sprintf(`{"renkei": "output folder written by renkei; the next run replaces it only while it holds nothing but these files, unchanged", "version": 2, "files": [{"path": "scores.csv", "size": 2, "sha256": %q}]}`, hex.EncodeToString(sum[:])))
}

// writePending writes a staging folder as a run killed while writing leaves it: a
// pending marker and part of the files it names.
func writePending(t *testing.T, dir string) {
	t.Helper()
	mustWrite(t, filepath.Join(dir, outdir.MarkerFile), `{"renkei": "output folder written by renkei; the next run replaces it only while it holds nothing but these files, unchanged", "version": 2, "pending": [".renkei-output.next", "scores.csv", "charts/a.svg"]}`)
	mustWrite(t, filepath.Join(dir, "charts", "a.svg"), "<sv")
}

// TestStaleOutputMovedAsideRestored: a previous output moved aside by a run that died
// between its two renames is put back before the next run checks the folder.
func TestStaleOutputMovedAsideRestored(t *testing.T) {
	clearEnv(t)
	dir := t.TempDir()
	out := previousOutput(t, dir, "csv")
	before := treeOf(t, out)
	if err := os.Rename(out, filepath.Join(dir, ".out.tmp-77.old")); err != nil {
		t.Fatal(err)
	}
	claim, err := outdir.Take(context.Background(), out, nil)
	if err != nil {
		t.Fatal(err)
	}
	claim.Release()
	if !mapsEqual(before, treeOf(t, out)) {
		t.Error("the previous output was not put back")
	}
	checkNothingBeside(t, dir, "out")
}

// TestPanicIsBug: a panic on the command's goroutine exits 1, says it is a bug and
// logs the stack; bad input still exits 2.
func TestPanicIsBug(t *testing.T) {
	clearEnv(t)
	out := filepath.Join(t.TempDir(), "out")
	cases := []struct {
		name  string
		panic bool
		args  []string
		code  int
		want  []string
	}{
		{"PanicExit1", true, []string{"run", "--out", out}, exitFailure, []string{"renkei: this is a bug in renkei; please report it: panic: injected", "goroutine ", "cmd/renkei.command.func1"}},
		{"BadInputStillExit2", false, []string{"run", "--out", out, "--input", "testdata/custom/codebook.csv"}, exitUsage, []string{`no "wave" column`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.panic {
				defer func(old func([]string)) { beforeCommand = old }(beforeCommand)
				beforeCommand = func([]string) { panic("injected") }
			}
			r := mustRun(t, tc.args...)
			if r.code != tc.code {
				t.Errorf("exit %d, want %d", r.code, tc.code)
			}
			for _, want := range tc.want {
				if !strings.Contains(r.stderr, want) {
					t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
				}
			}
		})
	}
	t.Run("PanicWhileWritingLeavesNothing", func(t *testing.T) {
		dir := t.TempDir()
		out := previousOutput(t, dir, "csv")
		before := treeOf(t, out)
		claim, err := outdir.Take(context.Background(), out, nil)
		if err != nil {
			t.Fatal(err)
		}
		func() {
			defer func() { recover() }()
			defer claim.Release()
			claim.Write([]outdir.File{{Name: "scores.csv", Write: func(w io.Writer) error { panic("injected") }}})
		}()
		if !mapsEqual(before, treeOf(t, out)) {
			t.Error("the previous output changed")
		}
		checkNothingBeside(t, dir, "out")
	})
}

// TestCancelStopsRunInProcess: run returns 130 soon after its context is cancelled,
// whatever the command is doing, and the previous output stays as it was.
func TestCancelStopsRunInProcess(t *testing.T) {
	clearEnv(t)
	dir := t.TempDir()
	input, codebook := workloadIn(t, filepath.Join(dir, "in"), 100_000)
	out := previousOutput(t, filepath.Join(dir, "review"), "csv")
	before := treeOf(t, out)
	for _, after := range []time.Duration{0, 300 * time.Millisecond} {
		t.Run(after.String(), func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			var cancelled time.Time
			timer := time.AfterFunc(after, func() { cancelled = time.Now(); cancel() })
			defer timer.Stop()
			var stdout, stderr bytes.Buffer
			code := command(ctx, []string{"run", "--input", input, "--codebook", codebook, "--columns", "partnership=partnership_id,respondent=respondent_id", "--out", out}, &stdout, &stderr)
			took := time.Since(cancelled)
			if code != exitInterrupted || !strings.Contains(stderr.String(), "msg=interrupted") {
				t.Fatalf("exit %d, want %d and \"interrupted\":\n%s", code, exitInterrupted, stderr.String())
			}
			// Exit 130 means it returned on the cancel, not on the computation's end
			// (which gives 0); the time is logged, not asserted.
			t.Logf("returned %v after the cancel", took)
			if !mapsEqual(before, treeOf(t, out)) {
				t.Error("the previous output changed")
			}
			// Cancelled at once, the abandoned command may be taking the lock just now:
			// it lets go when it sees it was stopped.
			for deadline := time.Now().Add(time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
				if _, err := os.Lstat(outdir.LockPath(out)); err != nil {
					break
				}
			}
			checkNothingBeside(t, filepath.Join(dir, "review"), "out")
		})
	}
}

// TestStagingWithACutMarkerRemoved: a run killed while it wrote its first marker
// leaves a staging folder with nothing but a marker cut short; the next run removes
// it, and keeps a staging folder that holds anything else.
func TestStagingWithACutMarkerRemoved(t *testing.T) {
	clearEnv(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	cut := filepath.Join(dir, ".out.tmp-123")
	kept := filepath.Join(dir, ".out.tmp-456")
	for _, d := range []string{cut, kept} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, outdir.MarkerFile), []byte(`{"renkei": "output fol`), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(kept, "mine.txt"), []byte("a user's file\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := mustRun(t, "run", "--formats", "csv", "--out", out); r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if _, err := os.Stat(cut); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the staging folder with a cut marker is still there (%v)", err)
	}
	if _, err := os.Stat(filepath.Join(kept, "mine.txt")); err != nil {
		t.Errorf("a staging folder holding another file was touched: %v", err)
	}
}

// TestFilesBesideAndAroundTheFolderKept: renkei touches no file it did not write
// beside the output folder or around it — a user's file named as the lock file, a
// symlink there, the output folder named as the working folder itself — and refuses,
// naming what it found.
func TestFilesBesideAndAroundTheFolderKept(t *testing.T) {
	t.Run("UserFileAsLock", func(t *testing.T) {
		clearEnv(t)
		dir := t.TempDir()
		out := filepath.Join(dir, "out")
		lock := filepath.Join(dir, ".out.lock")
		if err := os.WriteFile(lock, []byte("my notes, not a pid\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		r := mustRun(t, "run", "--formats", "csv", "--out", out)
		if r.code != exitUsage || !strings.Contains(r.stderr, "not renkei's lock file") {
			t.Fatalf("exit %d, want %d naming the lock file: %s", r.code, exitUsage, r.stderr)
		}
		if got := string(readFile(t, lock)); got != "my notes, not a pid\n" {
			t.Errorf("the user's file became %q", got)
		}
	})
	t.Run("SymlinkAsLock", func(t *testing.T) {
		clearEnv(t)
		dir := t.TempDir()
		target := filepath.Join(dir, "elsewhere")
		if err := os.Symlink(target, filepath.Join(dir, ".out.lock")); err != nil {
			t.Fatal(err)
		}
		if r := mustRun(t, "run", "--formats", "csv", "--out", filepath.Join(dir, "out")); r.code != exitUsage {
			t.Fatalf("exit %d, want %d: %s", r.code, exitUsage, r.stderr)
		}
		if _, err := os.Lstat(target); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("the symlink's target was created (%v)", err)
		}
	})
	t.Run("StaleLockReused", func(t *testing.T) {
		clearEnv(t)
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, ".out.lock"), []byte("4242\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if r := mustRun(t, "run", "--formats", "csv", "--out", filepath.Join(dir, "out")); r.code != exitOK {
			t.Fatalf("a lock file a killed run left: exit %d: %s", r.code, r.stderr)
		}
	})
	t.Run("WorkingFolderAsOutput", func(t *testing.T) {
		// A previous output is the working folder of the next run (cd out; renkei
		// run --out .): replacing it would move the folder away under the user.
		clearEnv(t)
		out := filepath.Join(t.TempDir(), "out")
		if r := mustRun(t, "run", "--formats", "csv", "--out", out); r.code != exitOK {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		before := treeOf(t, out)
		for _, arg := range []string{".", out} {
			cmd := renkeiCommand(t, nil, "run", "--formats", "csv", "--out", arg)
			cmd.Dir = out
			msg, err := cmd.CombinedOutput()
			refused := strings.Contains(string(msg), "holds the working folder") || strings.Contains(string(msg), "cannot use . as the output folder")
			if code := exitOf(err); code != exitUsage || !refused {
				t.Errorf("--out %s from inside it: exit %d, want %d: %s", arg, code, exitUsage, msg)
			}
		}
		if !mapsEqual(before, treeOf(t, out)) {
			t.Error("the output folder changed")
		}
	})
}

// TestFolderCheckedAgainBeforeRename: a file that appears in the output folder while
// a run reads (after its first check) stops the run at the rename: the folder, the
// new file and the previous output stay as they are, and nothing is left beside it.
func TestFolderCheckedAgainBeforeRename(t *testing.T) {
	clearEnv(t)
	dir := t.TempDir()
	out := previousOutput(t, dir, "csv")
	claim, err := outdir.Take(context.Background(), out, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer claim.Release()
	if err := os.WriteFile(filepath.Join(out, "new.md"), []byte("written meanwhile\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := treeOf(t, out)
	err = claim.Write([]outdir.File{{Name: "scores.csv", Write: func(w io.Writer) error { _, err := io.WriteString(w, "x\n"); return err }}})
	if err == nil || !strings.Contains(err.Error(), "new.md") {
		t.Fatalf("write returned %v, want a refusal naming new.md", err)
	}
	if exitCode(err) != exitUsage {
		t.Errorf("exit code %d, want %d", exitCode(err), exitUsage)
	}
	if !mapsEqual(before, treeOf(t, out)) {
		t.Error("the output folder changed")
	}
	claim.Release()
	checkNothingBeside(t, dir, "out")
}

// sameFile reports whether f is the file at path.
func sameFile(f *os.File, path string) bool {
	a, err := f.Stat()
	if err != nil {
		return false
	}
	b, err := os.Lstat(path)
	return err == nil && os.SameFile(a, b)
}
