// Package outdir owns renkei's output folder (docs/output-folder.md). renkei owns
// only the files it wrote into it, and its marker lists them. A run:
//
//  1. refuses an input that lies inside the output folder;
//  2. takes the lock .NAME.lock beside the folder, so that a second run into it exits
//     at once;
//  3. removes what killed runs left beside the folder (stale staging folders);
//  4. refuses a folder that holds anything its marker does not list unchanged;
//  5. reads and computes; writes every file into a staging folder .NAME.tmp-N beside
//     the folder: first a pending marker naming the files, then the files, then the
//     complete marker in its place;
//  6. checks the folder again (cheaply) and renames the staging folder into its place.
//
// An interruption (Guard) and the rename of step 6 exclude each other: the rename
// happens wholly or not at all, and an interrupted run leaves no staging folder.
//
// It knows nothing of what the files hold: each File brings its own renderer. It never
// deletes or replaces a file its marker does not list unchanged.
package outdir

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"renkei/internal/usage"
)

// File is one file of the output folder and the renderer that writes it; name
// is a slash-separated path inside the folder (charts/heatmap.svg).
type File struct {
	Name  string
	Write func(io.Writer) error
}

// MarkerFile marks a folder as renkei's output and lists the files renkei wrote into
// it (markerVersion); an earlier format held one line of text and no list.
const MarkerFile = ".renkei-output"

// markerVersion is the version of the marker's JSON format.
const markerVersion = 2

// marker is the content of MarkerFile. A staging folder's marker lists, while its
// files are written, only their names (Pending), so that the staging folder of a killed
// run can be told from anything else and removed; the complete list replaces it last.
type marker struct {
	Note    string        `json:"renkei"`
	Version int           `json:"version"`
	Files   []markerEntry `json:"files,omitempty"`
	Pending []string      `json:"pending,omitempty"`
}

// markerNext is where the complete marker is written before it replaces the pending one.
const markerNext = MarkerFile + ".next"

// markerEntry is one file renkei wrote.
type markerEntry struct {
	Path   string `json:"path"` // slash-separated, inside the folder
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"` // hex
}

const markerNote = "output folder written by renkei; the next run replaces it only while it holds nothing but these files, unchanged"

// knownOutputs are the names an output folder can hold, for a folder whose marker
// has no file list (written by an earlier renkei): such a folder is replaced only when
// it holds nothing else; charts/ may hold only .svg and .png files.
var knownOutputs = []string{
	"scores.csv", "trends.csv", "compare.csv", "reliability.csv", "quality.csv",
	"suppressed.csv", "gaps.csv", "network.csv", "network_links.csv", "response_rates.csv",
	"summary.json", "summary.md", "report.html", "report.pdf",
}

// ErrInterrupted is what a run's writing returns once its guard was stopped.
var ErrInterrupted = errors.New("interrupted")

// Guard is shared by run, which stops a command on SIGINT or SIGTERM without
// waiting for it, and the command's output folder: the final rename happens under mu
// and only while not stopped, and stop removes every staging folder registered with
// it and every lock taken through it.
type Guard struct {
	mu      sync.Mutex
	stopped atomic.Bool
	staging map[string]bool
	locks   map[*folderLock]bool
}

type guardKey struct{}

// WithGuard returns ctx carrying g for the command's output folder.
func WithGuard(ctx context.Context, g *Guard) context.Context {
	return context.WithValue(ctx, guardKey{}, g)
}

// guardOf returns the guard of ctx, or a new one nobody stops.
func guardOf(ctx context.Context) *Guard {
	if g, ok := ctx.Value(guardKey{}).(*Guard); ok {
		return g
	}
	return &Guard{}
}

// stop marks the command stopped, waiting for a rename under way to finish, and
// removes its staging folders and locks.
func (g *Guard) Stop() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.stopped.Store(true)
	for dir := range g.staging {
		removeStaging(dir)
	}
	g.staging = nil
	for l := range g.locks {
		l.unlock()
	}
	g.locks = nil
}

// addStaging registers a staging folder, or refuses when the guard is stopped.
func (g *Guard) addStaging(dir string) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.stopped.Load() {
		return ErrInterrupted
	}
	if g.staging == nil {
		g.staging = map[string]bool{}
	}
	g.staging[dir] = true
	return nil
}

// dropStaging removes a staging folder that is still registered (not yet renamed).
func (g *Guard) dropStaging(dir string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.staging[dir] {
		removeStaging(dir)
		delete(g.staging, dir)
	}
}

// removeStaging removes a staging folder whose writer may still be creating a file in
// it (a stopped command is not waited for), until it is gone.
func removeStaging(dir string) {
	for range 20 {
		os.RemoveAll(dir)
		if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
			return
		}
		time.Sleep(time.Millisecond)
	}
}

// Claim is a run's hold on its output folder, from before reading until the
// folder is in place.
type Claim struct {
	name   string // as the user gave it, for messages
	dir    string // absolute
	lock   *folderLock
	guard  *Guard
	before map[string]entryState // the folder as checked before reading
}

// Input is a file a setting names.
type Input struct {
	Setting, Path string
}

// Take prepares the output folder out before a run reads anything: it refuses
// inputs inside it, takes its lock, removes stale staging folders beside it and
// refuses a folder holding files renkei did not write. The claim holds the lock until
// release.
func Take(ctx context.Context, out string, inputs []Input) (*Claim, error) {
	name := filepath.Clean(out)
	dir, err := filepath.Abs(name)
	if err != nil {
		return nil, usage.Errorf("cannot use the output folder %s (%v); choose another RENKEI_OUT (--out)", name, err)
	}
	if base := filepath.Base(name); base == string(filepath.Separator) || base == "." || base == ".." || filepath.Dir(dir) == dir {
		return nil, usage.Errorf("cannot use %s as the output folder; choose another RENKEI_OUT (--out)", name)
	}
	if wd, err := os.Getwd(); err == nil && within(dir, wd) {
		// Replacing the folder would move the working folder away under the user.
		return nil, usage.Errorf("the output folder %s holds the working folder; choose another RENKEI_OUT (--out)", name)
	}
	if err := checkInputsOutside(name, dir, inputs); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return nil, usage.Errorf("cannot create the output folder %s (%v); choose another RENKEI_OUT (--out)", name, err)
	}
	c := &Claim{name: name, dir: dir, guard: guardOf(ctx)}
	c.lock, err = lockFolder(name, dir, c.guard)
	if err != nil {
		return nil, err
	}
	removeStale(dir)
	c.before, err = checkReplaceable(name, dir)
	if err != nil {
		c.Release()
		return nil, err
	}
	return c, nil
}

// release lets the folder go; it may be called more than once.
func (c *Claim) Release() {
	if c.lock != nil {
		c.lock.release(c.guard)
	}
}

// write writes files into a new staging folder beside the output folder and, only
// when all of them succeeded, puts it in the folder's place. A failing or interrupted
// run leaves the previous output untouched, and never a half-written one.
func (c *Claim) Write(files []File) error {
	tmp, err := newStaging(c.dir)
	if err != nil {
		return usage.Errorf("cannot write beside the output folder %s (%v); choose another RENKEI_OUT (--out)", c.name, err)
	}
	if err := c.guard.addStaging(tmp); err != nil {
		os.Remove(tmp)
		return err
	}
	defer c.guard.dropStaging(tmp) // also on a panic; a no-op once renamed
	pending := marker{Note: markerNote, Version: markerVersion, Pending: []string{markerNext}}
	for _, f := range files {
		pending.Pending = append(pending.Pending, f.Name)
	}
	if err := writeMarker(filepath.Join(tmp, MarkerFile), pending); err != nil {
		return err
	}
	m := marker{Note: markerNote, Version: markerVersion, Files: []markerEntry{}}
	for _, f := range files {
		if c.guard.stopped.Load() {
			return ErrInterrupted
		}
		e, err := writeFile(tmp, f)
		if err != nil {
			return fmt.Errorf("writing %s: %w", f.Name, err)
		}
		m.Files = append(m.Files, e)
	}
	slices.SortFunc(m.Files, func(a, b markerEntry) int { return strings.Compare(a.Path, b.Path) })
	if err := writeMarker(filepath.Join(tmp, markerNext), m); err != nil {
		return err
	}
	if err := os.Rename(filepath.Join(tmp, markerNext), filepath.Join(tmp, MarkerFile)); err != nil {
		return fmt.Errorf("writing %s: %w", MarkerFile, err)
	}
	old, err := c.rename(tmp)
	if err != nil {
		return err
	}
	if old != "" {
		removeOwned(old)
	}
	return nil
}

func writeMarker(path string, m marker) error {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", MarkerFile, err)
	}
	return nil
}

// rename puts tmp in the folder's place under the guard, after checking again that
// the folder holds nothing new; it returns where the previous folder was moved, for
// the caller to remove.
func (c *Claim) rename(tmp string) (old string, err error) {
	g := c.guard
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.stopped.Load() {
		return "", ErrInterrupted
	}
	if err := recheckReplaceable(c.name, c.dir, c.before); err != nil {
		return "", err
	}
	if _, err := os.Lstat(c.dir); err == nil {
		old = tmp + ".old"
		if err := os.Rename(c.dir, old); err != nil {
			return "", fmt.Errorf("cannot replace the output folder: %w", err)
		}
		if err := os.Rename(tmp, c.dir); err != nil {
			os.Rename(old, c.dir)
			return "", fmt.Errorf("cannot replace the output folder: %w", err)
		}
	} else if err := os.Rename(tmp, c.dir); err != nil {
		return "", fmt.Errorf("cannot create the output folder: %w", err)
	}
	delete(g.staging, tmp)
	return old, nil
}

// stagingPrefix begins the names of the staging folders of dir, in its parent:
// .NAME.tmp-DIGITS, and .NAME.tmp-DIGITS.old for a previous output moved aside.
func stagingPrefix(dir string) string { return "." + filepath.Base(dir) + ".tmp-" }

// newStaging creates an empty staging folder beside dir. Its name is made here, not
// by os.MkdirTemp, which would take a * in the folder's name for its own.
func newStaging(dir string) (string, error) {
	for {
		tmp := filepath.Join(filepath.Dir(dir), stagingPrefix(dir)+strconv.FormatUint(uint64(rand.Uint32()), 10))
		err := os.Mkdir(tmp, 0o755)
		if !errors.Is(err, fs.ErrExist) {
			return tmp, err
		}
	}
}

// writeFile writes one file inside the staging folder tmp and returns its marker
// entry. It creates at most the file's own folder, never tmp, so that a staging folder
// removed by an interruption is not recreated.
func writeFile(tmp string, file File) (markerEntry, error) {
	path := filepath.Join(tmp, filepath.FromSlash(file.Name))
	if sub := filepath.Dir(path); sub != tmp {
		if err := os.Mkdir(sub, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			return markerEntry{}, err
		}
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return markerEntry{}, err
	}
	h := sha256.New()
	cw := &countingWriter{w: io.MultiWriter(f, h)}
	bw := bufio.NewWriter(cw)
	if err := file.Write(bw); err != nil {
		f.Close()
		return markerEntry{}, err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return markerEntry{}, err
	}
	if err := f.Close(); err != nil {
		return markerEntry{}, err
	}
	return markerEntry{Path: file.Name, Size: cw.n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// entryState is what the cheap check before the rename compares.
type entryState struct {
	dir  bool
	size int64
	mod  time.Time
}

// folderReport is what inspectFolder found in an output folder.
type folderReport struct {
	entries map[string]entryState // every entry, by slash path, the marker included
	foreign []string              // not written by renkei; a folder ends in /
	changed []string              // written by renkei, changed since
}

// inspectFolder classifies every entry of dir (which exists) against its marker: an
// entry is renkei's when the marker lists it with its size and SHA-256 (a folder when
// it lists a file below it). Without a marker every entry is foreign. With an old
// marker that lists no files, the entries are renkei's when their names are known
// outputs (knownOutputs, charts/*.svg and *.png): such a folder cannot say whether a
// file was changed, and its known files are taken as renkei's.
func inspectFolder(dir string) (folderReport, error) {
	rep := folderReport{entries: map[string]entryState{}}
	listed, hasMarker, hasList := readMarker(dir)
	below := map[string]bool{} // folders holding a listed file
	for p := range listed {
		for d := pathDir(p); d != ""; d = pathDir(d) {
			below[d] = true
		}
	}
	err := walkFolder(dir, func(path, rel string, d fs.DirEntry, info fs.FileInfo) error {
		rep.entries[rel] = entryState{dir: d.IsDir(), size: info.Size(), mod: info.ModTime()}
		if rel == MarkerFile && hasMarker {
			return nil
		}
		switch {
		case d.IsDir():
			if !(hasList && below[rel]) && !(hasMarker && !hasList && rel == "charts") {
				rep.foreign = append(rep.foreign, rel+"/")
				return fs.SkipDir
			}
		case !d.Type().IsRegular():
			rep.foreign = append(rep.foreign, rel)
		case hasList:
			e, ok := listed[rel]
			if !ok {
				rep.foreign = append(rep.foreign, rel)
			} else if e.Size != info.Size() || !sameHash(path, e.SHA256) {
				rep.changed = append(rep.changed, rel)
			}
		case hasMarker:
			if !knownOutputName(rel) {
				rep.foreign = append(rep.foreign, rel)
			}
		default:
			rep.foreign = append(rep.foreign, rel)
		}
		return nil
	})
	return rep, err
}

// readMarker reads dir's marker: the files it lists, whether there is a marker, and
// whether it lists its files (an earlier renkei's marker does not, and a pending one
// lists only names: its files are listed as none).
func readMarker(dir string) (listed map[string]markerEntry, hasMarker, hasList bool) {
	m, ok := parseMarker(dir)
	if !ok {
		return nil, false, false
	}
	if m.Version < markerVersion {
		return nil, true, false
	}
	listed = map[string]markerEntry{}
	for _, e := range m.Files {
		if fs.ValidPath(e.Path) && e.Path != MarkerFile {
			listed[e.Path] = e
		}
	}
	return listed, true, true
}

// parseMarker reads dir's marker; a marker that is no JSON of this format has version 0.
func parseMarker(dir string) (m marker, ok bool) {
	path := filepath.Join(dir, MarkerFile)
	st, err := os.Lstat(path)
	if err != nil || !st.Mode().IsRegular() {
		return marker{}, false
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return marker{}, false
	}
	if json.Unmarshal(data, &m) != nil {
		return marker{}, true
	}
	return m, true
}

func knownOutputName(rel string) bool {
	if chart, ok := strings.CutPrefix(rel, "charts/"); ok {
		return !strings.Contains(chart, "/") && (strings.HasSuffix(chart, ".svg") || strings.HasSuffix(chart, ".png"))
	}
	return slices.Contains(knownOutputs, rel)
}

// pathDir is the folder of a slash path, "" at the top.
func pathDir(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return ""
}

func sameHash(path, want string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return false
	}
	return hex.EncodeToString(h.Sum(nil)) == want
}

// checkReplaceable refuses an output folder that holds anything but renkei's own
// unchanged files, and returns what it holds, for the check before the rename.
func checkReplaceable(name, dir string) (map[string]entryState, error) {
	st, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]entryState{}, nil
	}
	if err != nil {
		return nil, usage.Errorf("cannot create the output folder %s (%v); choose another RENKEI_OUT (--out)", name, err)
	}
	if st.Mode()&fs.ModeSymlink != 0 {
		return nil, usage.Errorf("the output %s is a symbolic link, which renkei would replace by a folder; give the folder it points to as RENKEI_OUT (--out)", name)
	}
	if !st.IsDir() {
		return nil, usage.Errorf("the output %s exists and is not a folder; choose another RENKEI_OUT (--out)", name)
	}
	rep, err := inspectFolder(dir)
	if err != nil {
		return nil, usage.Errorf("cannot read the output folder %s (%v); choose another RENKEI_OUT (--out)", name, err)
	}
	if err := refusal(name, rep.foreign, rep.changed); err != nil {
		return nil, err
	}
	return rep.entries, nil
}

// recheckReplaceable is the cheap check right before the rename: the folder must hold
// nothing that was not there, with the same size and time, when it was checked before
// reading (entries removed since are no loss).
func recheckReplaceable(name, dir string, before map[string]entryState) error {
	var foreign, changed []string
	err := walkFolder(dir, func(_, rel string, d fs.DirEntry, info fs.FileInfo) error {
		was, ok := before[rel]
		switch {
		case !ok && d.IsDir():
			foreign = append(foreign, rel+"/")
			return fs.SkipDir
		case !ok:
			foreign = append(foreign, rel)
		case was.dir != d.IsDir() || !d.IsDir() && (was.size != info.Size() || !was.mod.Equal(info.ModTime())):
			changed = append(changed, rel)
		}
		return nil
	})
	if errors.Is(err, errNotFolder) {
		return usage.Errorf("the output %s exists and is not a folder; choose another RENKEI_OUT (--out)", name)
	}
	if err != nil {
		return usage.Errorf("cannot read the output folder %s (%v); choose another RENKEI_OUT (--out)", name, err)
	}
	return refusal(name, foreign, changed)
}

var errNotFolder = errors.New("not a folder")

// walkFolder calls fn for each entry below dir with its path, its slash path inside
// dir and its Lstat information; fn may return fs.SkipDir. A dir that does not exist
// holds nothing; one that is not a folder is errNotFolder.
func walkFolder(dir string, fn func(path, rel string, d fs.DirEntry, info fs.FileInfo) error) error {
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if path == dir {
			switch {
			case errors.Is(err, fs.ErrNotExist):
				return fs.SkipAll
			case err != nil:
				return err
			case !d.IsDir():
				return errNotFolder
			}
			return nil
		}
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		return fn(path, filepath.ToSlash(rel), d, info)
	})
}

// refusal is the error naming a few of the files that stop a folder being replaced.
func refusal(name string, foreign, changed []string) error {
	if len(foreign) == 0 && len(changed) == 0 {
		return nil
	}
	var what []string
	if len(foreign) > 0 {
		what = append(what, usage.FewNames(foreign))
	}
	if len(changed) > 0 {
		what = append(what, "changed since renkei wrote them: "+usage.FewNames(changed))
	}
	return usage.Errorf("the output folder %s holds files renkei did not write (%s); renkei replaces only its own unchanged output: move those files out of it, or choose another RENKEI_OUT (--out)", name, strings.Join(what, "; "))
}

// checkInputsOutside refuses a file the run reads that lies inside its output folder,
// which the run replaces; symbolic links are followed where the paths exist.
func checkInputsOutside(name, dir string, inputs []Input) error {
	outs := []string{dir}
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		outs = append(outs, real)
	} else if parent, err := filepath.EvalSymlinks(filepath.Dir(dir)); err == nil {
		outs = append(outs, filepath.Join(parent, filepath.Base(dir)))
	}
	for _, in := range inputs {
		abs, err := filepath.Abs(in.Path)
		if err != nil {
			continue
		}
		paths := []string{abs}
		if real, err := filepath.EvalSymlinks(abs); err == nil {
			paths = append(paths, real)
		}
		for _, out := range outs {
			for _, p := range paths {
				if within(out, p) {
					return usage.Errorf("%s %s lies inside the output folder %s, which the run replaces; move it out, or choose another RENKEI_OUT (--out)", in.Setting, in.Path, name)
				}
			}
		}
	}
	return nil
}

// within reports whether path is dir or lies below it.
func within(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// removeStale removes what killed runs left beside the output folder dir, under its
// lock: staging folders (.NAME.tmp-N) that are empty or hold nothing but what their
// marker lists; a previous output moved aside (.NAME.tmp-N.old) is put back when dir is
// missing (the run died between its two renames), else removed by the same rule. Names
// are matched literally, never as a pattern, so a folder named * or [a] touches
// nothing of another folder's.
func removeStale(dir string) {
	parent, prefix := filepath.Dir(dir), stagingPrefix(dir)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	_, err = os.Lstat(dir)
	missing := errors.Is(err, fs.ErrNotExist)
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || !e.IsDir() {
			continue
		}
		digits, isOld := strings.CutSuffix(rest, ".old")
		if digits == "" || strings.Trim(digits, "0123456789") != "" {
			continue
		}
		path := filepath.Join(parent, e.Name())
		if isOld && missing && ownedOnly(path) {
			if os.Rename(path, dir) == nil {
				missing = false
				continue
			}
		}
		if isEmptyDir(path) {
			os.Remove(path)
		} else if ownedOnly(path) || !isOld && (pendingOnly(path) || markersOnly(path)) {
			removeOwned(path)
		}
	}
}

// markersOnly reports whether the staging folder dir holds nothing but renkei's marker
// files, read or not: a run killed while it wrote its first marker leaves one cut
// short, which names nothing.
func markersOnly(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) == 0 {
		return false
	}
	for _, e := range entries {
		if (e.Name() != MarkerFile && e.Name() != markerNext) || !e.Type().IsRegular() {
			return false
		}
	}
	return true
}

// ownedOnly reports whether dir holds nothing its marker does not list unchanged.
func ownedOnly(dir string) bool {
	if _, _, hasList := readMarker(dir); !hasList {
		return false
	}
	rep, err := inspectFolder(dir)
	return err == nil && len(rep.foreign) == 0 && len(rep.changed) == 0
}

// pendingOnly reports whether the staging folder dir, left by a run killed while it
// wrote, holds nothing but what its pending marker names (and their folders).
func pendingOnly(dir string) bool {
	m, ok := parseMarker(dir)
	if !ok || m.Version < markerVersion || len(m.Pending) == 0 {
		return false
	}
	names := map[string]bool{MarkerFile: true}
	for _, p := range m.Pending {
		names[p] = true
		for d := pathDir(p); d != ""; d = pathDir(d) {
			names[d] = true
		}
	}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || path == dir {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		if !names[filepath.ToSlash(rel)] || !d.IsDir() && !d.Type().IsRegular() {
			return errNotOwned
		}
		return nil
	})
	return err == nil
}

var errNotOwned = errors.New("not renkei's")

// removeOwned removes a folder of renkei's files: only the files its marker lists
// unchanged (or, while pending, names), folders only once empty, and the marker last,
// so that a removal cut short leaves a folder the next run's clean-up recognises, and
// a file that appeared or changed since the folder was checked stays where it is.
func removeOwned(dir string) {
	listed, _, _ := readMarker(dir)
	pending := map[string]bool{}
	if m, ok := parseMarker(dir); ok {
		for _, p := range m.Pending {
			pending[p] = true
		}
	}
	var dirs []string
	_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || path == dir {
			return nil
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return nil
		}
		rel = filepath.ToSlash(rel)
		switch e, ok := listed[rel]; {
		case d.IsDir():
			dirs = append(dirs, path)
		case rel == MarkerFile:
		case rel == markerNext && d.Type().IsRegular(): // a complete marker not yet in place, or cut short
			os.Remove(path)
		case ok && d.Type().IsRegular() && sameHash(path, e.SHA256), pending[rel] && d.Type().IsRegular():
			os.Remove(path)
		}
		return nil
	})
	for i := len(dirs) - 1; i >= 0; i-- {
		os.Remove(dirs[i]) // deepest first; a folder that still holds something stays
	}
	if entries, err := os.ReadDir(dir); err == nil && len(entries) == 1 && entries[0].Name() == MarkerFile {
		os.Remove(filepath.Join(dir, MarkerFile))
		os.Remove(dir)
	}
}

func isEmptyDir(dir string) bool {
	entries, err := os.ReadDir(dir)
	return err == nil && len(entries) == 0
}

// folderLock is the lock file .NAME.lock beside an output folder, held with flock
// and holding the pid of the run that holds it.
//
// The holder removes the file when it lets go. That is safe because a run that locks
// the file checks afterwards that the path still names the file it locked, and starts
// again if not: a run that opened the file just before its holder removed it would
// otherwise hold a lock on a file nobody else can see.
type folderLock struct {
	path string
	f    *os.File
}

// LockPath is the lock file of the output folder dir.
func LockPath(dir string) string {
	return filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".lock")
}

// lockFolder takes the lock of the output folder dir, or says which run holds it.
func lockFolder(name, dir string, g *Guard) (*folderLock, error) {
	path := LockPath(dir)
	for range 100 {
		f, err := openLock(path)
		if err != nil {
			return nil, usage.Errorf("cannot lock the output folder %s: %v; move it away or choose another RENKEI_OUT (--out)", name, err)
		}
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
			pid := lockHolder(f)
			f.Close()
			if errors.Is(err, syscall.EWOULDBLOCK) {
				return nil, usage.Errorf("another renkei run (pid %s) is writing %s; wait for it or choose another RENKEI_OUT (--out)", pid, name)
			}
			return nil, fmt.Errorf("cannot lock the output folder %s: %w", name, err)
		}
		if !sameFile(f, path) {
			f.Close() // removed by the run that held it: lock the new one
			continue
		}
		l := &folderLock{path: path, f: f}
		if err := l.writePid(); err != nil {
			l.unlock()
			return nil, fmt.Errorf("cannot lock the output folder %s: %w", name, err)
		}
		g.mu.Lock()
		defer g.mu.Unlock()
		if g.stopped.Load() {
			l.unlock()
			return nil, ErrInterrupted
		}
		if g.locks == nil {
			g.locks = map[*folderLock]bool{}
		}
		g.locks[l] = true
		return l, nil
	}
	return nil, fmt.Errorf("cannot lock the output folder %s: its lock file %s keeps being replaced", name, path)
}

// openLock opens the lock file at path: a new one, or one a renkei run left (empty or
// a pid), never a symlink or a file of the user's, which renkei would empty and remove.
func openLock(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL|syscall.O_NOFOLLOW, 0o644)
	if err == nil || !errors.Is(err, fs.ErrExist) {
		return f, err
	}
	f, err = os.OpenFile(path, os.O_RDWR|syscall.O_NOFOLLOW, 0)
	if err != nil {
		return nil, fmt.Errorf("%s is not renkei's lock file (%w)", path, err)
	}
	st, err := f.Stat()
	buf := make([]byte, 33)
	n, _ := f.ReadAt(buf, 0)
	if err != nil || !st.Mode().IsRegular() || st.Size() > 32 || strings.Trim(string(buf[:n]), "0123456789\n") != "" {
		f.Close()
		return nil, fmt.Errorf("%s is not renkei's lock file", path)
	}
	return f, nil
}

func (l *folderLock) writePid() error {
	if err := l.f.Truncate(0); err != nil {
		return err
	}
	_, err := l.f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	return err
}

// lockHolder reads the pid in a lock file another run holds; it may not have written
// it yet.
func lockHolder(f *os.File) string {
	for range 20 {
		buf := make([]byte, 32)
		n, _ := f.ReadAt(buf, 0)
		if pid := strings.TrimSpace(string(buf[:n])); pid != "" {
			return pid
		}
		time.Sleep(5 * time.Millisecond)
	}
	return "unknown"
}

// sameFile reports whether path still names the open file f.
func sameFile(f *os.File, path string) bool {
	a, err := f.Stat()
	if err != nil {
		return false
	}
	b, err := os.Lstat(path)
	return err == nil && os.SameFile(a, b)
}

// release removes the lock file and lets the lock go, unless the guard did already.
func (l *folderLock) release(g *Guard) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.locks[l] {
		l.unlock()
		delete(g.locks, l)
	}
}

// unlock removes the lock file while still holding it, then closes it.
func (l *folderLock) unlock() {
	os.Remove(l.path)
	l.f.Close()
}
