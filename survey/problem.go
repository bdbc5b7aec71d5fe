package survey

import (
	"fmt"
)

// Severity grades a Problem.
type Severity string

// Severities, from the row being dropped to a note for the record.
const (
	SeverityError   Severity = "error"   // the row, or the cell, was not used
	SeverityWarning Severity = "warning" // used, but worth a look
	SeverityInfo    Severity = "info"    // read in a way the user may want to know about
)

// Problem codes, stable identifiers a script can filter quality.csv on.
const (
	CodeMissingPartnership = "missing_partnership" // row rejected: no partnership
	CodeBadWave            = "bad_wave"            // row rejected: wave missing or unreadable
	CodeOutOfRange         = "out_of_range"        // answer off the scale; cell treated as missing
	CodeBadAnswer          = "bad_answer"          // answer unreadable; cell treated as missing
	CodeLabelAnswer        = "label_answer"        // answer written as a scale label; read as its value
	CodeWideDigit          = "wide_digit"          // answer in full-width digits; read as its value
	CodeBadPhase           = "bad_phase"           // phase neither before nor after; ignored
	CodeBadQuote           = "bad_quote"           // row rejected: a stray quote broke the row
	CodeLongRow            = "long_row"            // more cells than header columns; extras ignored
	CodeShortRow           = "short_row"           // fewer cells than header columns; the rest are missing
	CodeDelimiter          = "delimiter"           // the file uses semicolons or tabs; read as such
	CodeUnknownColumn      = "unknown_column"      // a column renkei does not use
	CodeMissingItemColumn  = "missing_item_column" // a codebook item has no column in the file
)

// Problem is one finding about the input: a rejected row, an unusable cell, or a
// column worth a note. Problems are values collected while reading; they stop nothing.
type Problem struct {
	File     string
	Line     int // 1-based line in the file; 0 for the file as a whole
	Column   int // 1-based column (field) number; 0 for the row as a whole
	Severity Severity
	Code     string
	Message  string
}

func (p Problem) String() string {
	switch {
	case p.Line == 0:
		return fmt.Sprintf("%s: %s", p.File, p.Message)
	case p.Column == 0:
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Message)
	}
	return fmt.Sprintf("%s:%d:%d: %s", p.File, p.Line, p.Column, p.Message)
}

// FileError is a fault that makes a whole file unusable (unreadable, wrong encoding,
// no header, required columns missing). It stops the run.
type FileError struct {
	File string
	Line int // 0 when the fault is not on one line
	Err  error
}

func (e *FileError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.File, e.Err)
}

func (e *FileError) Unwrap() error { return e.Err }
