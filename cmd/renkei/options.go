package main

import (
	"os"
	"strconv"
	"strings"
	"time"

	"renkei/internal/usage"
)

// sourceDate reads SOURCE_DATE_EPOCH, the reproducible-builds convention for "now";
// without it no date is recorded, so that identical runs give identical files.
func sourceDate() (time.Time, error) {
	s := os.Getenv("SOURCE_DATE_EPOCH")
	if s == "" {
		return time.Time{}, nil
	}
	sec, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil {
		return time.Time{}, usage.Errorf("SOURCE_DATE_EPOCH must be seconds since 1970, got %q", s)
	}
	return time.Unix(sec, 0).UTC(), nil
}
