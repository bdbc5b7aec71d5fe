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
// Reader.ReadAll hands accepted responses on in Batches, never holding the file: memory
// does not grow with the number of rows. A plain file is read in pieces on several
// goroutines by a hand-written scanner (fastpath.go) for as long as its rows need no
// care; from the first that does, the general path (encoding/csv) reads on, so every
// problem is reported by the same code. Both give the same responses in the same
// counts. UTF-8 (with or without BOM) and Shift_JIS/CP932, as Excel in Japan writes
// it, are told apart automatically.
//
// survey knows nothing of statistics or rendering. It opens no file: it reads what it
// is given, and only the duplicate check spills its keys to an unnamed temporary file
// when they outgrow memory.
package survey
