package stats

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// Limits of the one-factor fit behind omega.
const (
	omegaMaxIter = 5000
	omegaTol     = 1e-13 // on the largest change of a communality between iterations
)

// OmegaTotal returns McDonald's omega total of the m×m correlation matrix r from a
// one-factor model, as psych::omega(r, nfactors = 1) computes it:
//
//	ω_t = (V − Σu²)/V, with V = ΣR after keying every item by the sign of its loading,
//
// and u² = 1 − λ² the uniquenesses. The loadings λ are the least-squares (minres) fit
// of the off-diagonal correlations, found by iterated principal axis factoring to
// convergence: its fixed point, λ_i·Σ_{j≠i}λ_j² = Σ_{j≠i}r_ij·λ_j, is exactly the
// stationary point of the minres criterion Σ_{i≠j}(r_ij − λ_iλ_j)² that psych::fa
// minimises numerically. Iteration starts from the squared multiple correlations, as
// psych does. It reports false when the fit does not converge or a communality passes
// 1 (a Heywood case, which psych's bounded optimiser would clip instead).
func OmegaTotal(r []float64, m int) (omega float64, ok bool) {
	h2 := smc(r, m)
	work := mat.NewSymDense(m, nil)
	var eig mat.EigenSym
	var vecs mat.Dense
	lambda := make([]float64, m)
	converged := false
	for iter := 0; iter < omegaMaxIter && !converged; iter++ {
		for a := 0; a < m; a++ {
			for b := a; b < m; b++ {
				v := r[a*m+b]
				if a == b {
					v = h2[a]
				}
				work.SetSym(a, b, v)
			}
		}
		if !eig.Factorize(work, true) {
			return math.NaN(), false
		}
		values := eig.Values(nil)
		eig.VectorsTo(&vecs)
		top := len(values) - 1 // ascending order
		scale := math.Sqrt(math.Max(values[top], 0))
		change := 0.0
		for a := 0; a < m; a++ {
			lambda[a] = vecs.At(a, top) * scale
			next := lambda[a] * lambda[a]
			change = math.Max(change, math.Abs(next-h2[a]))
			h2[a] = next
		}
		converged = change < omegaTol
	}
	if !converged {
		return math.NaN(), false
	}
	sum := 0.0
	for _, l := range lambda {
		sum += l
	}
	if sum < 0 { // orient the factor as psych does: loadings positive on the whole
		for a := range lambda {
			lambda[a] = -lambda[a]
		}
	}
	v, u2 := 0.0, 0.0
	for a := 0; a < m; a++ {
		if lambda[a]*lambda[a] > 1 {
			return math.NaN(), false
		}
		u2 += 1 - lambda[a]*lambda[a]
		for b := 0; b < m; b++ {
			v += signOrOne(lambda[a]) * signOrOne(lambda[b]) * r[a*m+b]
		}
	}
	return (v - u2) / v, true
}

// signOrOne returns −1 for a negative x, else 1.
func signOrOne(x float64) float64 {
	if x < 0 {
		return -1
	}
	return 1
}

// smc returns the squared multiple correlation of each variable with the others,
// 1 − 1/(R⁻¹)_ii; when R is singular, each variable's largest absolute correlation.
func smc(r []float64, m int) []float64 {
	out := make([]float64, m)
	var inv mat.Dense
	if err := inv.Inverse(mat.NewDense(m, m, append([]float64(nil), r...))); err == nil {
		ok := true
		for a := 0; a < m; a++ {
			out[a] = 1 - 1/inv.At(a, a)
			if !(out[a] >= 0 && out[a] <= 1) {
				ok = false
			}
		}
		if ok {
			return out
		}
	}
	for a := 0; a < m; a++ {
		out[a] = 0
		for b := 0; b < m; b++ {
			if b != a {
				out[a] = math.Max(out[a], math.Abs(r[a*m+b]))
			}
		}
	}
	return out
}
