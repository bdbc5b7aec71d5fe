// Package survey reads collaboration-health survey data: the instrument (a codebook of
// items, dimensions and an answer scale), survey waves, and response files.
//
// Reading never aborts on a bad row. A row without a partnership or a readable wave is
// rejected, an unreadable or off-scale answer counts as unanswered, and each such finding
// becomes a Problem carrying file, line, column, a stable code and a message a quality
// manager can act on. Only faults of a whole file — unreadable, empty, no usable header,
// broken quoting, the wrong encoding — are errors (*FileError), and they stop a run.
//
// A QualityChecker (quality.go) given to every Reader also checks each accepted
// response for straight-lining, duplicate submissions and dimensions with too few
// answers, and counts problems and missing answers per partnership and wave.
//
// Response files are streamed with encoding/csv: memory does not grow with the number
// of rows. UTF-8 (with or without BOM) and Shift_JIS/CP932, as Excel in Japan writes it,
// are told apart automatically. The package knows nothing of statistics or rendering.
package survey
