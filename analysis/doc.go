// Package analysis computes collaboration-health statistics from survey responses. It
// does no I/O and knows no file formats: responses come in as survey.Response values,
// results go out as plain structs (Result) for the reports package to render.
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
