# Reference values for the tests of package analysis, computed with R.
#
# The tests never run R. This script prints the Go file reference_values_test.go;
# regenerate it from the analysis directory with
#
#   Rscript testdata/reference.R > reference_values_test.go && gofmt -w reference_values_test.go
#
# and review the diff. Produced with R 4.2.2 (base R only: mean, sd, var, median,
# t.test, table).
#
# Conventions (DESIGN.md, "What one run computes" and "Numerical conventions"):
#   - items are reverse-coded as min + max - x;
#   - a respondent's dimension score is the mean of the answered items of the dimension,
#     missing (NA) when fewer than half of them are answered;
#   - the health index is the mean of the dimension scores, missing when any dimension
#     score is missing (rowMeans without na.rm);
#   - per group: n, mean, sd (n - 1), t.test(x)$conf.int, median of the respondent
#     scores that are not missing;
#   - distribution: answered items of the dimension (all items for health) of every
#     response in the group, counted per scale point after reverse-coding, including
#     responses whose dimension score is missing; favourable share: the top two scale
#     points' share of that distribution;
#   - band: Wilder's thresholds 4.0 and 3.0 on 1-5, rescaled linearly to min..max.

options(stringsAsFactors = FALSE, warn = 2)

g17 <- function(x) ifelse(is.na(x), "math.NaN()", sprintf("%.17g", x))
ints <- function(x) paste(x, collapse = ", ")
gcd <- function(a, b) if (b == 0) a else gcd(b, a %% b)
lcm <- function(a, b) a / gcd(a, b) * b

# A codebook: item, dimension, reverse, min, max.
read_codebook <- function(...) {
  cb <- read.csv(..., colClasses = "character")
  cb$reverse <- cb$reverse == "true"
  cb$min <- as.integer(cb$min)
  cb$max <- as.integer(cb$max)
  cb
}

# The common denominator of dimension scores: lcm of every admissible answered count.
denominator <- function(cb) {
  den <- 1
  for (d in unique(cb$dimension)) {
    k <- sum(cb$dimension == d)
    for (m in ceiling(k / 2):k) den <- lcm(den, m)
  }
  den
}

# Scores of every response: the reverse-coded item matrix X, the dimension scores S
# (NA when missing) and the health index.
score <- function(resp, cb) {
  lo <- cb$min[1]
  hi <- cb$max[1]
  X <- sapply(cb$item, function(it) as.integer(resp[[it]]))
  X[, cb$reverse] <- lo + hi - X[, cb$reverse]
  dims <- unique(cb$dimension)
  S <- sapply(dims, function(d) {
    cols <- cb$item[cb$dimension == d]
    apply(X[, cols, drop = FALSE], 1, function(r) {
      if (sum(!is.na(r)) < length(cols) / 2) NA else mean(r, na.rm = TRUE)
    })
  })
  list(X = X, S = S, health = rowMeans(S), dims = dims)
}

wave_index <- function(w) {
  as.integer(substr(w, 1, 4)) * 4 + as.integer(substr(w, 6, 6)) - 1
}

# Groups in the order Result lists them: partnership, wave (chronological), breakdown
# all/org/role, group name (byte order).
groups <- function(resp) {
  out <- list()
  for (p in sort(unique(resp$partnership), method = "radix")) {
    ws <- unique(resp$wave[resp$partnership == p])
    for (w in ws[order(wave_index(ws))]) {
      rows <- resp$partnership == p & resp$wave == w
      out[[length(out) + 1]] <- list(p = p, w = w, b = "BreakdownAll", g = "", rows = rows)
      for (b in c("org", "role")) {
        names <- unique(resp[[b]][rows & resp[[b]] != ""])
        for (g in sort(names, method = "radix")) {
          out[[length(out) + 1]] <- list(
            p = p, w = w, b = if (b == "org") "BreakdownOrg" else "BreakdownRole",
            g = g, rows = rows & resp[[b]] == g
          )
        }
      }
    }
  }
  out
}

band <- function(m, lo, hi) {
  strength <- lo + (4 - 1) * (hi - lo) / 4
  borderline <- lo + (3 - 1) * (hi - lo) / 4
  if (is.na(m)) "BandConcern"
  else if (m >= strength) "BandStrength"
  else if (m >= borderline) "BandBorderline"
  else "BandConcern"
}

emit_respondents <- function(name, sc, den, cb) {
  cat(sprintf("// %s: respondent scores, one row per response in file order.\n", name))
  cat(sprintf("// R: score() in testdata/reference.R; a dimension score is mean(x, na.rm = TRUE) of its\n"))
  cat(sprintf("// reverse-coded items, NA when sum(!is.na(x)) < length(x) / 2; health is rowMeans(S).\n"))
  cat(sprintf("// Shown as numerators over the common denominator %d (health: %d).\n", den, den * length(sc$dims)))
  cat(sprintf("var %s = []respondentRef{\n", name))
  for (i in seq_len(nrow(sc$S))) {
    num <- round(sc$S[i, ] * den - cb$min[1] * den)
    hnum <- round((sc$health[i] - cb$min[1]) * den * length(sc$dims))
    cat(sprintf("\t// numerators c(%s), health %s\n", ints(ifelse(is.na(num), "NA", num)),
                ifelse(is.na(hnum), "NA", hnum)))
    cat(sprintf("\t{[]float64{%s}, %s},\n", paste(g17(sc$S[i, ]), collapse = ", "), g17(sc$health[i])))
  }
  cat("}\n\n")
}

emit_groups <- function(name, resp, sc, cb, den) {
  lo <- cb$min[1]
  hi <- cb$max[1]
  ndim <- length(sc$dims)
  cat(sprintf("// %s: every group and dimension, in Result order.\n", name))
  cat(sprintf("var %s = []groupRef{\n", name))
  for (gr in groups(resp)) {
    for (j in seq_len(ndim + 1)) {
      if (j <= ndim) {
        dim <- sc$dims[j]
        x <- sc$S[gr$rows, j]
        items <- sc$X[gr$rows, cb$dimension == dim, drop = FALSE]
        dden <- den
      } else {
        dim <- "health"
        x <- sc$health[gr$rows]
        items <- sc$X[gr$rows, , drop = FALSE]
        dden <- den * ndim
      }
      x <- x[!is.na(x)]
      n <- length(x)
      m <- if (n > 0) mean(x) else NA
      s <- if (n > 1) sd(x) else NA
      ci <- c(NA, NA)
      if (n > 1 && s > 0) ci <- t.test(x)$conf.int
      if (n > 1 && s == 0) ci <- c(m, m) # t.test refuses constant data; the interval is the point
      med <- if (n > 0) median(x) else NA
      d <- as.vector(table(factor(items[!is.na(items)], levels = lo:hi)))
      fav <- if (sum(d) > 0) sum(d[(hi - lo):(hi - lo + 1)]) / sum(d) else NA
      cat(sprintf("\t// R: x <- %d + c(%s) / %d\n", lo, ints(round((x - lo) * dden)), dden))
      cat("\t//    length(x); mean(x); sd(x); t.test(x)$conf.int; median(x)\n")
      cat(sprintf("\t//    d <- table(factor(items, levels = %d:%d)); sum(d[%d:%d]) / sum(d)\n",
                  lo, hi, hi - lo, hi - lo + 1))
      cat(sprintf("\t{%s, %s, %s, %s, %s, %d, %s, %s, %s, %s, %s, %s, %s, []int{%s}},\n",
                  dQuote(gr$p, FALSE), dQuote(gr$w, FALSE), gr$b, dQuote(gr$g, FALSE),
                  dQuote(dim, FALSE), n, g17(m), g17(s), g17(ci[1]), g17(ci[2]), g17(med),
                  g17(fav), band(m, lo, hi), ints(d)))
    }
  }
  cat("}\n\n")
}

cat("// Code generated by testdata/reference.R with ", R.version.string, "; DO NOT EDIT.\n\n", sep = "")
cat("package analysis\n\nimport \"math\"\n\n")

# 1. The built-in codebook (read from the survey package's embedded CSV).
builtin <- read_codebook("../survey/builtin_codebook.csv")
resp <- read.csv("testdata/builtin_responses.csv", colClasses = "character", na.strings = "NA")
sc <- score(resp, builtin)
den <- denominator(builtin)
emit_respondents("builtinRespondentRefs", sc, den, builtin)
emit_groups("builtinGroupRefs", resp, sc, builtin, den)

# 2. A custom codebook: five dimensions of 3, 5, 4, 2 and 4 items on a 1-6 scale.
custom_csv <- "item,dimension,reverse,min,max,text_en
l1,listening,false,1,6,They listen to our concerns.
l2,listening,false,1,6,They ask before they decide for us.
l3,listening,true,1,6,Our suggestions go unanswered.
r1,respect,false,1,6,They value our judgement.
r2,respect,false,1,6,They keep us informed as equals.
r3,respect,false,1,6,They credit our contribution.
r4,respect,false,1,6,They respect our time.
r5,respect,true,1,6,They talk down to our staff.
p1,planning,false,1,6,We plan cases together.
p2,planning,true,1,6,Plans change without notice.
p3,planning,false,1,6,Deadlines are agreed.
p4,planning,false,1,6,Plans are reviewed together.
s1,sharing,false,1,6,Records are shared when needed.
s2,sharing,true,1,6,We learn of changes too late.
n1,learning,false,1,6,We review what went well.
n2,learning,false,1,6,We review what went wrong.
n3,learning,false,1,6,We train together.
n4,learning,false,1,6,Lessons change how we work.
"
custom <- read_codebook(text = custom_csv)
cat("// customCodebookCSV is the custom instrument: five dimensions of 3, 5, 4, 2 and 4\n")
cat("// items on a 1–6 scale, one reverse item in each of the first four.\n")
cat("const customCodebookCSV = `", custom_csv, "`\n\n", sep = "")
cresp <- read.csv("testdata/custom_responses.csv", colClasses = "character", na.strings = "NA")
csc <- score(cresp, custom)
cden <- denominator(custom)
emit_respondents("customRespondentRefs", csc, cden, custom)
emit_groups("customGroupRefs", cresp, csc, custom, cden)

# 3. Histograms: values (numerators) with counts, read as min + value/den.
hist_case <- function(name, max, den, min, values, counts) {
  x <- min + rep(values, counts) / den
  cat(sprintf("\t// R: x <- %d + rep(c(%s), c(%s)) / %d; mean(x); var(x); median(x)\n",
              min, ints(values), ints(counts), den))
  cat(sprintf("\t{%s, %d, %d, %d, []int{%s}, []int{%s}, %s, %s, %s},\n", dQuote(name, FALSE), max, den,
              min, ints(values), ints(counts), g17(mean(x)), g17(var(x)), g17(median(x))))
}
cat("// histogramRefs: moments and median of histograms, dense (max < 1024) and sparse.\n")
cat("var histogramRefs = []histogramRef{\n")
hist_case("dense, even n", 48, 12, 1, c(0, 7, 12, 30, 48), c(1, 3, 2, 1, 1))
hist_case("dense, odd n", 48, 12, 1, c(3, 12, 13, 40), c(2, 1, 3, 1))
hist_case("dense, n = 2", 192, 48, 1, c(100, 151), c(1, 1))
hist_case("dense, one bin", 48, 12, 1, c(29), c(4))
hist_case("dense, scale from 0", 40, 4, 0, c(1, 2, 3, 5, 8, 13, 21, 34), c(1, 1, 1, 1, 1, 1, 1, 2))
hist_case("dense, scale from -3", 60, 10, -3, c(0, 15, 29, 31, 60), c(2, 2, 1, 1, 1))
hist_case("sparse, even n", 300000, 300, 1, c(1024, 1500, 70000, 250000), c(3, 1, 2, 4))
hist_case("sparse, odd n", 300000, 300, 1, c(2047, 5000, 5001, 99999), c(1, 2, 3, 1))
hist_case("sparse, middle values in different bins", 1500, 300, 1, c(0, 1024, 1499, 1500), c(2, 1, 1, 2))
hist_case("sparse, scale from 0", 2520, 252, 0, c(5, 1260, 1261, 2519, 2520), c(1, 1, 1, 3, 1))
cat("}\n")
