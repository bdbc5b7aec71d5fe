package sample

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	"renkei/internal/usage"
)

// WriteFolder writes the files of the sample for seed into dir (made when missing),
// each under its base name: responses.csv, export_sjis.csv, before.csv, after.csv and
// roster.csv. It never overwrites: when any of them exists it writes none and returns
// a usage.Error naming them. It returns the paths it wrote.
func WriteFolder(dir string, seed uint64) ([]string, error) {
	var paths []string
	var files []SampleFile
	var existing []string
	for _, f := range Generate(seed) {
		if !strings.HasPrefix(f.Path, "sample/") && !strings.HasPrefix(f.Path, "compare/") {
			continue
		}
		path := filepath.Join(dir, filepath.Base(f.Path))
		if _, err := os.Lstat(path); err == nil {
			existing = append(existing, path)
		} else if !errors.Is(err, os.ErrNotExist) {
			return nil, usage.Errorf("renkei sample: cannot write %s (%v); choose another folder", path, err)
		}
		files = append(files, f)
	}
	if len(existing) == 1 {
		return nil, usage.Errorf("renkei sample never overwrites, and %s exists; choose another folder, or move the file away", existing[0])
	}
	if len(existing) > 1 {
		return nil, usage.Errorf("renkei sample never overwrites, and %s exist; choose another folder, or move the files away", usage.FewNames(existing))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	for _, f := range files {
		path := filepath.Join(dir, filepath.Base(f.Path))
		if err := writeNew(path, f.Data); err != nil {
			return paths, err
		}
		paths = append(paths, path)
	}
	return paths, nil
}

// writeNew writes a file that must not exist yet (one created since the check is not
// overwritten either).
func writeNew(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return usage.Errorf("renkei sample never overwrites, and %s already exists; choose another folder, or move the file away", path)
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
