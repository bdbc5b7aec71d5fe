// Package run is renkei's pipeline: from checked options to every result and every
// output file of a command.
//
// Settings are the settings as the user writes them; Settings.Options checks and
// parses them once into Options, which the rest trusts. Analyse reads the inputs
// (survey), aggregates them (analysis), and completes the result with the comparison,
// quality and reliability, the seams between partners, the disclosure control's
// decisions, the trends and the quality gate. Job is 'renkei run': it claims the
// output folder before reading (internal/outdir), renders every requested output
// (reports) and writes them whole or not at all. Validate and Compare are 'renkei
// validate' and 'renkei compare'.
//
// run holds no statistics (analysis and stats do), renders nothing itself (reports
// does) and never reads the environment or the command line (cmd/renkei does): every
// choice arrives in Options. Its errors tell the command's exit code: a usage.Error
// or a survey.FileError is the user's to fix (2), a QualityError too many flawed rows
// with Strict (2), a GateError a failed quality gate (3); anything else is a failure
// (1).
package run
