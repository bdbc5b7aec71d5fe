# Reference values for gaps_test.go: Welch's t test between two views of one
# partnership, computed with R 4.2.2 (base R only).
#
#   Rscript testdata/gaps.R        (from the analysis directory)
#
# prints, per comparison and variable, n and mean of each side and
# t.test(a, b)'s estimate difference, conf.int, statistic, parameter and p.value,
# in the form the test's table takes. Scores follow DESIGN.md: reverse-coded items
# (6 - x on the 1-5 scale), a dimension score is the mean of its answered items and
# missing when fewer than half are answered; health is the mean of the dimension
# scores, missing when any is missing.
d <- read.csv("testdata/gaps_responses.csv", na.strings = "NA", stringsAsFactors = FALSE)
dims <- c(communication = "comm", trust = "trust", role_clarity = "role", shared_goals = "goal")
rev <- c("comm4", "trust4", "role4")
for (r in rev) d[[r]] <- 6 - d[[r]]
scores <- sapply(dims, function(p) {
  x <- d[, paste0(p, 1:4)]
  s <- rowMeans(x, na.rm = TRUE)
  s[rowSums(!is.na(x)) < 2] <- NA
  s
})
scores <- cbind(scores, health = rowMeans(scores))
show <- function(name, a, b) {
  for (v in colnames(scores)) {
    x <- na.omit(scores[a, v]); y <- na.omit(scores[b, v])
    t <- t.test(x, y)
    cat(sprintf('{"%s", "%s", %d, %.17g, %d, %.17g, %.17g, %.17g, %.17g, %.17g, %.17g, %.17g},\n',
                name, v, length(x), mean(x), length(y), mean(y),
                mean(x) - mean(y), t$conf.int[1], t$conf.int[2], t$statistic, t$parameter, t$p.value))
  }
}
show("directed", d$org == "Clinic" & d$partner == "Office", d$org == "Office" & d$partner == "Clinic")
show("layers", d$role == "top", d$role == "frontline")
