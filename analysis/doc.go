// Package analysis aggregates survey responses into collaboration-health results:
// scores per group, trends and flags, the quality gate, before/after comparisons
// (Cohort), reliability, the seams between partners (gaps, the stakeholder map,
// response rates) and the disclosure control's sets (atoms.go, *_disclosure.go; the
// auditor is package disclosure). It does no I/O and knows no file formats: responses
// come in as survey.Batch values (Ingest, RelationIngest, AtomCounter, one per reading
// goroutine) or, for the comparison, as survey.Response values; results go out as
// plain structs (Result, Comparison, Seams) for the reports package to render. The
// statistical routines themselves are package stats'.
//
// Ingestion is streaming and exact: an Aggregator keeps, per group (partnership × wave,
// whole or per org or role), integer histograms of respondent scores and counts of raw
// answers. Memory grows with the number of groups, not of responses; aggregators of
// disjoint parts of the data Merge into exactly the aggregator of the whole, so the
// result does not depend on how the input was split.
//
// Reliability (reliability.go) keeps, per wave and dimension, exact pairwise sums (or
// answer-pattern counts) and hands their covariance matrix to package stats for
// Cronbach's alpha, its item statistics and omega total.
//
// Conventions follow R: sample SD (n−1), t-based 95% CI of a mean (t.test), median as
// the mean of the two middle values for even n.
package analysis
