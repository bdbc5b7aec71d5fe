# Reference values for analysis/gap_test.go (R 4.2). Every respondent answers every
# item of every dimension alike, so a dimension score is the answer itself.
p_a <- c(5, 5, 4, 5, 4, 5); p_b <- c(2, 3, 2, 3, 2, 2); p_c <- c(4, 3, 4, 3, 4)
q_a <- c(5, 1, 5, 1, 5);    q_b <- c(2, 2, 2, 3, 2)
show <- function(name, x) cat(sprintf("%s mean %.15g ci %.15g %.15g\n", name, mean(x), t.test(x)$conf.int[1], t.test(x)$conf.int[2]))
show("p_a", p_a); show("p_b", p_b); show("p_c", p_c); show("q_a", q_a); show("q_b", q_b)
cat(sprintf("p gap %.15g\nq gap %.15g\n", mean(p_a) - mean(p_b), mean(q_a) - mean(q_b)))
