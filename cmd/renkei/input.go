package main

import (
	"errors"
	"io"
	"os"

	"renkei/survey"
)

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
	f, err := os.Open(path)
	if err != nil {
		return nil, &survey.FileError{File: path, Err: err}
	}
	return f, nil
}
