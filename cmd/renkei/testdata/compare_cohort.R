# Reference values for TestCompareMatchesR (cmd/renkei/compare_test.go): the sample's
# training cohort scored and compared in R. Run from the repository root:
#   Rscript cmd/renkei/testdata/compare_cohort.R          (R 4.2.2, base R only)
score <- function(f) {
  d <- read.csv(f, stringsAsFactors = FALSE)
  dims <- list(communication = paste0("comm", 1:4), trust = paste0("trust", 1:4),
               role_clarity = paste0("role", 1:4), shared_goals = paste0("goal", 1:4))
  rev <- c("comm4", "trust4", "role4")
  for (it in rev) d[[it]] <- 6 - d[[it]]
  s <- sapply(dims, function(items) {
    m <- as.matrix(d[items])
    ifelse(rowSums(!is.na(m)) >= 2, rowMeans(m, na.rm = TRUE), NA)
  })
  s <- cbind(s, health = rowMeans(s))  # NA when any dimension is missing
  rownames(s) <- d$respondent
  s
}
b <- score("internal/sample/compare/before.csv"); a <- score("internal/sample/compare/after.csv")
ids <- intersect(rownames(b), rownames(a))
ps <- c()
for (v in colnames(b)) {
  x <- b[ids, v]; y <- a[ids, v]; ok <- !is.na(x) & !is.na(y); x <- x[ok]; y <- y[ok]
  tt <- t.test(y, x, paired = TRUE)
  # digits.rank = 7: ties that exact arithmetic has (renkei computes changes exactly) but
  # floating-point subtraction of thirds can split, e.g. for health.
  w <- suppressWarnings(wilcox.test(y, x, paired = TRUE, digits.rank = 7))
  d <- y - x; n <- length(d)
  ps[v] <- tt$p.value
  cat(sprintf("{\"%s\", %d, %.17g, %.17g, %.17g, %.17g, %.17g, %.17g, %.17g, %.17g, %.17g, %.17g},\n", v, n,
      mean(x), mean(y), tt$estimate, tt$conf.int[1], tt$conf.int[2], tt$statistic, tt$p.value,
      mean(d) / sd(d), w$statistic, w$p.value))
}
cat("holm", sprintf("%.17g", p.adjust(ps[1:4], "holm")), "\n")
