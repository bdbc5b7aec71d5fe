package main

import (
	"os"
	"testing"
)

func TestTmpProfile(t *testing.T) {
	in := os.Getenv("TMP_IN")
	if in == "" {
		t.Skip()
	}
	r := mustRun(t, "run", "--input", in, "--codebook", "../../testdata/bench/codebook.csv", "--columns", "partnership=partnership_id,respondent=respondent_id", "--out", t.TempDir(), "--formats", os.Getenv("TMP_FORMATS"))
	if r.code > 1 {
		t.Fatal(r.stderr)
	}
}
