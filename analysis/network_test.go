package analysis

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/simple"

	"renkei/survey"
)

// adjacency builds sorted adjacency lists of n vertices from edges.
func adjacency(n int, edges ...[2]int) [][]int {
	g := newOrgGraph(n, nil, nil)
	for _, e := range edges {
		g.adj[e[0]] = append(g.adj[e[0]], e[1])
		g.adj[e[1]] = append(g.adj[e[1]], e[0])
	}
	return g.adj
}

// Hand-computed references. Betweenness counts each unordered pair {s, t} of other
// vertices once, adding the share of its shortest paths through the vertex:
//   - path 0–1–2–3: vertex 1 lies on the only path of {0,2} and {0,3}: 2; likewise 2.
//   - star, centre 0, leaves 1–4: every pair of leaves, C(4,2) = 6, passes the centre.
//   - 4-cycle 0–1–2–3–0: {0,2} has two shortest paths, via 1 and via 3: 1 gets ½; the
//     pair {1,3} avoids 1. So ½ each.
//   - triangles {0,1,2} and {3,4,5} joined by 2–3: each of the 2 × 3 pairs across
//     passes both 2 and 3: 6 each.
//
// Articulation points and bridges by inspection; cut-off: removing 1 from the path
// leaves {0} and {2,3}: 1 is cut off; the star's centre cuts off 3 of 4 leaves; 2 in
// the triangles leaves {0,1} beside {3,4,5}: 2.
func TestGraphMetrics(t *testing.T) {
	for _, tc := range []struct {
		name        string
		adj         [][]int
		betweenness []float64
		art         []bool
		cutOff      []int
		bridges     map[[2]int]bool
	}{
		{"Path", adjacency(4, [2]int{0, 1}, [2]int{1, 2}, [2]int{2, 3}),
			[]float64{0, 2, 2, 0}, []bool{false, true, true, false}, []int{0, 1, 1, 0},
			map[[2]int]bool{{0, 1}: true, {1, 2}: true, {2, 3}: true}},
		{"Star", adjacency(5, [2]int{0, 1}, [2]int{0, 2}, [2]int{0, 3}, [2]int{0, 4}),
			[]float64{6, 0, 0, 0, 0}, []bool{true, false, false, false, false}, []int{3, 0, 0, 0, 0},
			map[[2]int]bool{{0, 1}: true, {0, 2}: true, {0, 3}: true, {0, 4}: true}},
		{"Cycle", adjacency(4, [2]int{0, 1}, [2]int{1, 2}, [2]int{2, 3}, [2]int{3, 0}),
			[]float64{0.5, 0.5, 0.5, 0.5}, []bool{false, false, false, false}, []int{0, 0, 0, 0},
			map[[2]int]bool{}},
		{"TwoTriangles", adjacency(6, [2]int{0, 1}, [2]int{1, 2}, [2]int{0, 2}, [2]int{2, 3}, [2]int{3, 4}, [2]int{4, 5}, [2]int{3, 5}),
			[]float64{0, 0, 6, 6, 0, 0}, []bool{false, false, true, true, false, false}, []int{0, 0, 2, 2, 0, 0},
			map[[2]int]bool{{2, 3}: true}},
		{"TwoComponents", adjacency(5, [2]int{0, 1}, [2]int{1, 2}, [2]int{3, 4}),
			[]float64{0, 1, 0, 0, 0}, []bool{false, true, false, false, false}, []int{0, 1, 0, 0, 0},
			map[[2]int]bool{{0, 1}: true, {1, 2}: true, {3, 4}: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := newOrgGraph(len(tc.adj), nil, nil)
			g.adj = tc.adj
			for a, ns := range tc.adj {
				for _, b := range ns {
					if a < b {
						g.SetEdge(g.NewEdge(simple.Node(a), simple.Node(b)))
					}
				}
			}
			between := network.Betweenness(g)
			for v, want := range tc.betweenness {
				if got := between[int64(v)] / 2; math.Abs(got-want) > 1e-12 {
					t.Errorf("betweenness of %d = %v, want %v", v, got, want)
				}
			}
			art, bridges := cutPoints(tc.adj)
			if !reflect.DeepEqual(art, tc.art) || !reflect.DeepEqual(bridges, tc.bridges) {
				t.Errorf("articulation %v, bridges %v; want %v, %v", art, bridges, tc.art, tc.bridges)
			}
			for v := range tc.adj {
				if art[v] {
					if got := separated(tc.adj, v); got != tc.cutOff[v] {
						t.Errorf("removing %d cuts off %d, want %d", v, got, tc.cutOff[v])
					}
				}
			}
		})
	}
}

// mapHealth: partnership br's health is 4.0 (strength) in 2026Q1; the others were
// never published.
func mapHealth(t *testing.T) map[string]PartnershipHealth {
	return map[string]PartnershipHealth{"br": {Wave: mustParseWave(t, "2026Q1"), Mean: 4, Band: BandStrength}}
}

func TestStakeholderMap(t *testing.T) {
	members := map[string][]string{"t1": {"A", "B", "C"}, "br": {"C", "D"}, "t2": {"D", "E", "F"}}
	roster, err := survey.ReadRoster(strings.NewReader(survey.RosterHeader+"\nbr,Bridge,C,person,,3\nbr,,D,,,1\nr1,,F,,,4\nr1,,G,,,4\n"), "roster.csv")
	if err != nil {
		t.Fatal(err)
	}
	m := NewStakeholderMap(mapHealth(t), survey.BuiltinCodebook(), members, roster)
	var names []string
	byName := map[string]OrgNode{}
	for _, o := range m.Orgs {
		names = append(names, o.Org)
		byName[o.Org] = o
		if !(o.X >= 0 && o.X <= 1 && o.Y >= 0 && o.Y <= 1) {
			t.Errorf("%s lies at (%v, %v), outside [0, 1]²", o.Org, o.X, o.Y)
		}
	}
	if want := []string{"A", "B", "C", "D", "E", "F", "G"}; !reflect.DeepEqual(names, want) {
		t.Fatalf("orgs %v, want %v", names, want)
	}
	// The graph: triangles ABC and DEF, C–D, F–G. Pairs through C: {A,B} × {D,E,F,G} = 8.
	// Through D: {A,B,C} × {E,F,G} = 9. Through F: G × {A,B,C,D,E} = 5.
	for _, c := range []struct {
		org         string
		degree      int
		betweenness float64
		cutOff      int
		weighted    float64
	}{
		{"A", 2, 0, 0, 0}, {"C", 3, 8, 2, 0.75}, {"D", 3, 9, 3, 0.75}, {"F", 3, 5, 1, 0}, {"G", 1, 0, 0, 0},
	} {
		o := byName[c.org]
		if o.Degree != c.degree || math.Abs(o.Betweenness-c.betweenness) > 1e-12 || o.CutOff != c.cutOff || o.Articulation != (c.cutOff > 0) || math.Abs(o.WeightedDegree-c.weighted) > 1e-12 {
			t.Errorf("%s: %+v, want degree %d, betweenness %v, cut-off %d, weighted degree %v", c.org, o, c.degree, c.betweenness, c.cutOff, c.weighted)
		}
	}
	var br *Link
	for i := range m.Links {
		l := &m.Links[i]
		if l.Partnership == "br" {
			br = l
		} else if l.Bridge && l.Partnership != "r1" {
			t.Errorf("%s %s–%s is marked a bridge", l.Partnership, l.A, l.B)
		}
	}
	if br == nil || !br.Bridge || !br.OneContact || br.Kind != survey.KindPerson || !br.Reported || br.Health != 4 || br.Weight != 0.75 || br.Band != BandStrength {
		t.Errorf("link br: %+v, want a reported person-level bridge on one contact, health 4 (weight 0.75, strength)", br)
	}
	t.Run("Deterministic", func(t *testing.T) {
		again := NewStakeholderMap(mapHealth(t), survey.BuiltinCodebook(), members, roster)
		if !reflect.DeepEqual(again, m) {
			t.Error("a second map of the same data differs")
		}
	})
	t.Run("DisconnectedDeterministic", func(t *testing.T) {
		members := map[string][]string{"x": {"A", "B"}, "y": {"C", "D", "E"}}
		a, b := NewStakeholderMap(mapHealth(t), survey.BuiltinCodebook(), members, nil), NewStakeholderMap(mapHealth(t), survey.BuiltinCodebook(), members, nil)
		if !reflect.DeepEqual(a, b) {
			t.Error("two maps of a disconnected graph differ")
		}
		for _, o := range a.Orgs {
			if !(o.X >= 0 && o.X <= 1 && o.Y >= 0 && o.Y <= 1) {
				t.Errorf("%s lies at (%v, %v)", o.Org, o.X, o.Y)
			}
		}
	})
	t.Run("Empty", func(t *testing.T) {
		if m := NewStakeholderMap(mapHealth(t), survey.BuiltinCodebook(), nil, nil); len(m.Orgs) != 0 || len(m.Links) != 0 {
			t.Errorf("an empty map has %+v", m)
		}
	})
}
