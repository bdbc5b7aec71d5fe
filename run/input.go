package run

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"renkei/internal/outdir"
	"renkei/survey"
)

// openInput opens an input file (responses, codebook, roster, actions). Only regular
// files are read: a device (/dev/zero, /dev/stdin), a named pipe or a socket can be
// endless, cannot be read twice (duplicate rows are dropped on a second read) and have
// no size to read in parallel, so they are refused before anything is read, with what
// to do instead.
func openInput(path string) (io.ReadCloser, error) {
	st, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, &survey.FileError{File: path, Err: errors.New("no such file; check the path in RENKEI_INPUT (--input)")}
		}
		return nil, &survey.FileError{File: path, Err: err}
	}
	if st.IsDir() {
		return nil, &survey.FileError{File: path, Err: errors.New("is a folder, not a CSV file; name the file(s) inside it, comma-separated")}
	}
	if err := regular(path, st); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, &survey.FileError{File: path, Err: err}
	}
	// The path may have been replaced between the two looks: check what was opened.
	if st, err = f.Stat(); err == nil {
		err = regular(path, st)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// regular refuses anything but a regular file, naming what it is.
func regular(path string, st fs.FileInfo) error {
	mode := st.Mode()
	if mode.IsRegular() {
		return nil
	}
	kind := "not a regular file"
	switch {
	case mode&fs.ModeNamedPipe != 0:
		kind = "a named pipe (FIFO), not a regular file"
	case mode&fs.ModeSocket != 0:
		kind = "a socket, not a regular file"
	case mode&fs.ModeCharDevice != 0, mode&fs.ModeDevice != 0:
		kind = "a device, not a regular file"
	}
	return &survey.FileError{File: path, Err: fmt.Errorf("is %s; renkei reads only regular files, which it can read in parallel and read again — save the data to a file and name that file", kind)}
}

// inputPaths are the files a run reads, by the setting that names them. Every Options
// field naming a file to read belongs here.
func inputPaths(opts Options) []outdir.Input {
	var out []outdir.Input
	for _, p := range opts.Inputs {
		out = append(out, outdir.Input{Setting: "RENKEI_INPUT (--input)", Path: p})
	}
	for _, s := range []outdir.Input{
		{Setting: "RENKEI_CODEBOOK (--codebook)", Path: opts.Codebook},
		{Setting: "RENKEI_ROSTER (--roster)", Path: opts.Roster},
		{Setting: "RENKEI_ACTIONS (--actions)", Path: opts.Actions},
		{Setting: "RENKEI_FONT (--font)", Path: opts.Font},
	} {
		if s.Path != "" {
			out = append(out, s)
		}
	}
	return out
}
