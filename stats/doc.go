// Package stats holds renkei's statistical routines, each defined once: the t quantile
// and the 95% CI of a mean, Welch's and the paired t test with their standard errors,
// df and minimum detectable change, Hedges' g and Cohen's d_z with their intervals,
// p-value adjustment (Benjamini–Hochberg, Holm), Kendall's tau (Mann–Kendall),
// Theil–Sen and OLS slopes, Wilcoxon rank tests, and Cronbach's alpha, its Feldt CI,
// r.drop and omega total.
//
// They are free functions over slices, small value structs (Summary) or row-major
// matrices in one slice, each following the R function its comment names, and
// returning NaN where R returns NA or NaN. Their R references are in this package's
// tests (testdata/*.R prints them).
//
// stats imports the standard library and gonum only: it knows nothing of surveys,
// groups, suppression or reports, and does no I/O.
package stats
