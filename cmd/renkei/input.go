package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

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
