package stats

import (
	"math"
	"testing"
)

// tol is the agreement asked of values compared with R (DESIGN.md asks for 1e-6).
const tol = 1e-9

// near reports whether got agrees with want to within tol, absolutely for values up to
// 1 and relatively above; NaN agrees only with NaN.
func near(got, want, tol float64) bool {
	if math.IsNaN(want) || math.IsNaN(got) {
		return math.IsNaN(want) && math.IsNaN(got)
	}
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

func checkNear(t *testing.T, name string, got, want float64) {
	t.Helper()
	if !near(got, want, tol) {
		t.Errorf("%s = %.17g, want %.17g (R)", name, got, want)
	}
}
