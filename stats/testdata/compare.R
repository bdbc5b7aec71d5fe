# Reference values for the t tests, effect sizes, rank tests and p-value adjustments
# (stats/*_test.go), and for the comparisons analysis builds from them
# (analysis/compare_test.go).
# Run: Rscript stats/testdata/compare.R   (R 4.2.2; base R only)
# Differences are after − before, so every test is called as f(after, before).
p <- function(name, v) cat(sprintf("%-28s %s\n", name, paste(sprintf("%.17g", v), collapse = ", ")))

# Paired, with ties and one zero difference (normal approximation).
tb <- c(3.25, 3.5, 2.75, 3, 4, 3.25, 2.5, 3.75, 3, 3.5, 2.25, 3)
ta <- c(3.75, 4, 3.25, 3, 4.25, 4, 3, 4, 3.5, 3.25, 3, 3.75)
tt <- t.test(ta, tb, paired = TRUE)
p("ties: mean diff", tt$estimate)
p("ties: t, df, p", c(tt$statistic, tt$parameter, tt$p.value))
p("ties: conf.int", tt$conf.int)
w <- suppressWarnings(wilcox.test(ta, tb, paired = TRUE))
p("ties: V, p", c(w$statistic, w$p.value))
d <- ta - tb; n <- length(d)
dz <- mean(d) / sd(d); se <- sqrt(1 / n + dz^2 / (2 * n))
p("ties: d_z, ci", c(dz, dz - qnorm(0.975) * se, dz + qnorm(0.975) * se))
p("ties: mdc", (qt(0.975, n - 1) + qt(0.8, n - 1)) * sd(d) / sqrt(n))
p("ties: means before, after", c(mean(tb), mean(ta)))

# Paired, exact: no ties, no zeros, n < 50.
eb <- c(2.1, 3.4, 2.8, 3.9, 3.0, 2.5, 3.3, 2.7, 3.6, 3.1)
ea <- c(2.4, 3.3, 3.35, 4.7, 3.25, 2.05, 4.2, 2.85, 4.8, 3.75)
w <- wilcox.test(ea, eb, paired = TRUE)
p("exact: V, p", c(w$statistic, w$p.value))
w <- wilcox.test(eb, ea, paired = TRUE)
p("exact reversed: V, p", c(w$statistic, w$p.value))

# Signed-rank, n = 60 without ties: normal approximation.
i <- 1:60
ld <- ((i * 37) %% 61) / 10 * ifelse(i %% 3 == 0, -1, 1)
w <- wilcox.test(ld)
p("large: V, p", c(w$statistic, w$p.value))

# Unpaired with ties: Welch, Mann–Whitney (normal approximation), Hedges' g.
ux <- c(3, 4, 4, 5, 3.5, 4.25, 3, 4)          # after
uy <- c(2.5, 3, 3.5, 3, 4, 2.75, 3.25)        # before
tt <- t.test(ux, uy)
p("welch: diff", tt$estimate[1] - tt$estimate[2])
p("welch: t, df, p", c(tt$statistic, tt$parameter, tt$p.value))
p("welch: conf.int", tt$conf.int)
w <- suppressWarnings(wilcox.test(ux, uy))
p("mw ties: W, p", c(w$statistic, w$p.value))
n1 <- length(ux); n2 <- length(uy)
sp <- sqrt(((n1 - 1) * var(ux) + (n2 - 1) * var(uy)) / (n1 + n2 - 2))
g <- (mean(ux) - mean(uy)) / sp * (1 - 3 / (4 * (n1 + n2) - 9))
se <- sqrt((n1 + n2) / (n1 * n2) + g^2 / (2 * (n1 + n2)))
p("hedges g, ci", c(g, g - qnorm(0.975) * se, g + qnorm(0.975) * se))
se <- sqrt(var(ux) / n1 + var(uy) / n2)
p("welch: mdc", (qt(0.975, tt$parameter) + qt(0.8, tt$parameter)) * se)

# Mann–Whitney exact: no ties, both samples < 50.
mx <- c(1.1, 2.3, 3.7, 4.2, 5.9)
my <- c(0.8, 1.9, 2.2, 3.1, 6.4, 0.5)
w <- wilcox.test(mx, my)
p("mw exact: W, p", c(w$statistic, w$p.value))
w <- wilcox.test(my, mx)
p("mw exact reversed: W, p", c(w$statistic, w$p.value))

# Difference in differences.
dt <- c(0.5, 0.75, 0.25, 1, 0.5, 0.25, 0.75)  # trained: after − before per respondent
du <- c(0, 0.25, -0.25, 0.5, 0, 0.25)        # untrained
tt <- t.test(dt, du)
p("paired did: est", tt$estimate[1] - tt$estimate[2])
p("paired did: t, df, p", c(tt$statistic, tt$parameter, tt$p.value))
p("paired did: conf.int", tt$conf.int)
tb2 <- c(3, 3.25, 2.75, 3.5, 3, 2.5); ta2 <- c(3.75, 4, 3.5, 3.25, 4.25, 3.5, 3.75)
ub2 <- c(3.25, 3, 3.5, 2.75, 3); ua2 <- c(3.5, 3, 3.25, 3.5, 3.25, 2.75)
sam <- list(ta2, tb2, ua2, ub2)
est <- mean(ta2) - mean(tb2) - (mean(ua2) - mean(ub2))
v <- sapply(sam, function(x) var(x) / length(x))
df <- sum(v)^2 / sum(v^2 / (sapply(sam, length) - 1))
se <- sqrt(sum(v)); tv <- est / se
p("unpaired did: est, t, df, p", c(est, tv, df, 2 * pt(-abs(tv), df)))
p("unpaired did: ci", est + c(-1, 1) * qt(0.975, df) * se)

# Multiple testing.
pv <- c(0.01, 0.04, 0.03, 0.005, NA, 0.04, 0.5)
p("holm", p.adjust(pv, "holm"))
p("BH", p.adjust(pv, "BH"))

# Percentile quantiles (type 7).
q <- c(0.3, -0.1, 0.25, 0.8, 1.2, 0.05, 0.6)
p("quantile 2.5, 97.5", quantile(sort(q), c(0.025, 0.975), names = FALSE))
