# Reference values for stats/trendstat_test.go, ttest_test.go and adjust_test.go, from R 4.2.2:
#   Rscript stats/testdata/trend.R
# Every series is small and hand-made; each block prints the R call and its results
# to 17 significant digits.
f <- function(...) cat(sprintf("%.17g", c(...)), "\n")

series <- list(
  declining_one_inversion = list(x = 0:7, y = c(4.06, 3.98, 3.72, 3.75, 3.26, 3.21, 3.01, 2.80)),
  step_with_gaps          = list(x = c(0, 1, 2, 4, 5, 7), y = c(3.2, 3.25, 3.1, 3.9, 3.8, 3.95)),
  ties_in_y               = list(x = 0:5, y = c(3.2, 3.4, 3.4, 3.6, 3.5, 3.6)),
  ties_in_x_and_y         = list(x = c(1, 1, 2, 3, 3, 4), y = c(2, 3, 3, 5, 4, 6)),
  three_points            = list(x = c(0, 1, 2), y = c(3.5, 3.1, 3.6))
)
for (name in names(series)) {
  x <- series[[name]]$x; y <- series[[name]]$y
  cat("==", name, "\n")
  fit <- lm(y ~ x)
  cat("coef(lm(y ~ x))[2], confint(lm(y ~ x))[2, ], summary(lm(y ~ x))$coefficients[2, 4]\n")
  f(coef(fit)[2], confint(fit)[2, ], summary(fit)$coefficients[2, 4])
  cat("theil-sen: median of pairwise slopes\n")
  ij <- combn(length(x), 2); keep <- x[ij[2, ]] != x[ij[1, ]]
  f(median(((y[ij[2, ]] - y[ij[1, ]]) / (x[ij[2, ]] - x[ij[1, ]]))[keep]))
  cat("cor.test(x, y, method = \"kendall\"): estimate, p.value\n")
  k <- suppressWarnings(cor.test(x, y, method = "kendall"))
  f(k$estimate, k$p.value)
}

cat("== long_no_ties: x <- 0:59; y <- sin(x) + x / 30 (n >= 50: normal approximation)\n")
x <- 0:59; y <- sin(x) + x / 30
k <- cor.test(x, y, method = "kendall"); f(k$estimate, k$p.value)

welch_cases <- list(
  similar = list(
    a = c(3, 3.25, 3.5, 2.75, 4, 3.5, 3, 3.75, 2.5, 3.25),
    b = c(3.75, 4, 3.5, 4.25, 3, 4.5, 3.75, 4, 3.25)),
  unequal = list(
    a = c(4, 4.5, 3.75, 4.25, 5, 3.5, 4, 4.75, 4.25, 3.25, 4.5, 4),
    b = c(2.5, 4.75, 3, 1.75, 4))
)
for (name in names(welch_cases)) {
  a <- welch_cases[[name]]$a; b <- welch_cases[[name]]$b
  cat("==", name, "\n")
  tt <- t.test(b, a)
  cat("t.test(b, a): statistic, parameter, p.value\n")
  f(tt$statistic, tt$parameter, tt$p.value)
  na <- length(a); nb <- length(b)
  sp <- sqrt(((na - 1) * var(a) + (nb - 1) * var(b)) / (na + nb - 2))
  d <- (mean(b) - mean(a)) / sp
  J <- 1 - 3 / (4 * (na + nb) - 9)
  g <- J * d
  se <- J * sqrt((na + nb) / (na * nb) + d^2 / (2 * (na + nb)))
  cat("Hedges' g = J*d; CI g +- qnorm(0.975) * J * sqrt((na+nb)/(na*nb) + d^2/(2*(na+nb)))\n")
  f(g, g - qnorm(0.975) * se, g + qnorm(0.975) * se)
}

cat("== p.adjust\n")
p <- c(0.01, 0.04, 0.03, 0.005, 0.2, 0.04, NA)
cat("p.adjust(p, \"BH\")\n"); f(p.adjust(p, "BH"))
cat("p.adjust(p, \"holm\")\n"); f(p.adjust(p, "holm"))
