package analysis

import (
	"math"
	"math/rand/v2"
	"sort"

	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/iterator"
	graphlayout "gonum.org/v1/gonum/graph/layout"
	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/simple"

	"renkei/survey"
)

// OrgNode is one organisation of the stakeholder map.
type OrgNode struct {
	Org          string
	Partnerships []string // the partnerships it is a member of, sorted
	Degree       int      // organisations it shares a partnership with
	// WeightedDegree sums the weights of its links (each link's health on 0–1, see
	// Link.Weight); links whose health is not published count 0.
	WeightedDegree float64
	// Betweenness is the number of shortest paths between pairs of other organisations
	// that pass through it, each pair counted once and shared among its shortest paths
	// (Freeman's betweenness of the undirected, unweighted graph; R igraph's
	// betweenness(g, directed = FALSE)); NaN when the map has more than
	// MaxBetweennessOrgs organisations.
	Betweenness float64
	// Articulation is set when removing the organisation disconnects others from each
	// other: a single point of failure of the map.
	Articulation bool
	// CutOff counts the organisations its removal would separate from the largest part
	// of what remains of its connected component; 0 unless Articulation.
	CutOff int
	// X, Y is the layout position in [0, 1]²; NaN when the map has more than
	// MaxLayoutOrgs organisations.
	X, Y float64
}

// MaxBetweennessOrgs is the largest map whose betweenness is computed: its cost grows
// with organisations × links (and gonum's allocations with it), while a stakeholder
// map worth reading has tens of organisations.
const MaxBetweennessOrgs = 1000

// MaxLayoutOrgs is the largest map that is laid out: a drawing of more organisations
// is unreadable, and the layout's cost grows with the square of their number.
const MaxLayoutOrgs = 300

// Link joins two member organisations of one partnership.
type Link struct {
	Partnership string
	A, B        string // A < B
	// Reported is set when the partnership's health is published in some wave; Wave,
	// Health, Weight and Band then describe the latest such wave.
	Reported bool
	Wave     survey.Wave
	Health   float64
	Weight   float64 // health on 0–1: (health − scale min)/(scale max − scale min)
	Band     Band
	// Bridge is set when this partnership is the only link between A's side of the map
	// and B's: without it the two would fall apart.
	Bridge bool
	// OneContact is set when the roster says a member organisation takes part through a
	// single expected respondent: the partnership hangs on one person.
	OneContact bool
	Kind       survey.Kind // from the roster; unknown without one
}

// StakeholderMap is the organisation graph of a run: organisations as nodes, and a
// link between every two members of each partnership, with metrics and a layout.
type StakeholderMap struct {
	Orgs  []OrgNode // sorted by name
	Links []Link    // sorted by partnership, A, B
}

// MapSeed seeds the layout: maps of the same graph are identical.
const MapSeed = 2026

// NewStakeholderMap builds the map of the partnerships in members (partnership → its
// member organisations, as responses name them) and in the roster (which may be nil),
// with each partnership's health in its latest published wave (health; a partnership
// without an entry was never published) on the scale of cb.
//
// Centrality is computed on the simple graph: two organisations that share several
// partnerships are one edge, weighted by the mean of the partnerships' weights. The
// layout is gonum's Eades force-directed layout on that graph, seeded with MapSeed,
// fed nodes and neighbours in name order so that it is deterministic.
func NewStakeholderMap(health map[string]PartnershipHealth, cb *survey.Codebook, members map[string][]string, roster *survey.Roster) *StakeholderMap {
	orgsOf := map[string]map[string]bool{}
	add := func(p, org string) {
		if orgsOf[p] == nil {
			orgsOf[p] = map[string]bool{}
		}
		orgsOf[p][org] = true
	}
	for p, orgs := range members {
		for _, org := range orgs {
			add(p, org)
		}
	}
	if roster != nil {
		for _, rp := range roster.Partnerships {
			for _, org := range rp.Orgs() {
				add(rp.ID, org)
			}
		}
	}
	m := &StakeholderMap{}
	nodeOf := map[string]*OrgNode{}
	var names []string
	for _, p := range sortedKeys(orgsOf) {
		orgs := sortedKeys(orgsOf[p])
		for _, org := range orgs {
			if nodeOf[org] == nil {
				nodeOf[org] = &OrgNode{Org: org}
				names = append(names, org)
			}
			nodeOf[org].Partnerships = append(nodeOf[org].Partnerships, p)
		}
		rp := roster.Partnership(p)
		for i := range orgs {
			for j := i + 1; j < len(orgs); j++ {
				l := Link{Partnership: p, A: orgs[i], B: orgs[j]}
				if h, ok := health[p]; ok {
					l.Reported, l.Wave, l.Health, l.Band = true, h.Wave, h.Mean, h.Band
					l.Weight = (h.Mean - float64(cb.Min)) / float64(cb.Max-cb.Min)
				}
				if rp != nil {
					l.Kind, l.OneContact = rp.Kind, oneContact(rp)
				}
				m.Links = append(m.Links, l)
			}
		}
	}
	sort.Strings(names)
	id := map[string]int64{}
	for i, name := range names {
		id[name] = int64(i)
	}
	g := newOrgGraph(len(names), m.Links, id)
	var between map[int64]float64
	if len(names) <= MaxBetweennessOrgs {
		between = network.Betweenness(g)
	}
	art, bridges := cutPoints(g.adj)
	pos := mapLayout(g)
	for i, name := range names {
		n := nodeOf[name]
		n.Degree = len(g.adj[i])
		for _, j := range g.adj[i] {
			n.WeightedDegree += g.weight[[2]int{min(i, j), max(i, j)}]
		}
		n.Betweenness = math.NaN()
		if between != nil {
			n.Betweenness = between[int64(i)] / 2 // Brandes counts each unordered pair from both ends
		}
		if art[i] {
			n.Articulation, n.CutOff = true, separated(g.adj, i)
		}
		n.X, n.Y = pos[i][0], pos[i][1]
		m.Orgs = append(m.Orgs, *n)
	}
	for i := range m.Links {
		l := &m.Links[i]
		a, b := int(id[l.A]), int(id[l.B])
		l.Bridge = bridges[[2]int{min(a, b), max(a, b)}] && g.shared[[2]int{min(a, b), max(a, b)}] == 1
	}
	return m
}

// oneContact reports whether a member organisation of rp expects a single respondent.
func oneContact(rp *survey.RosterPartnership) bool {
	expected := map[string]int{}
	for _, m := range rp.Members {
		expected[m.Org] += m.Expected
	}
	for _, n := range expected {
		if n == 1 {
			return true
		}
	}
	return false
}

// PartnershipHealth is a partnership's health in its latest published wave.
type PartnershipHealth struct {
	Wave survey.Wave
	Mean float64
	Band Band
}

// orgGraph is the simple undirected graph of organisations, with adjacency lists in
// id order so that every traversal is deterministic.
type orgGraph struct {
	*simple.UndirectedGraph
	adj    [][]int
	weight map[[2]int]float64 // mean weight of the reported links of a pair
	shared map[[2]int]int     // partnerships linking a pair
}

func newOrgGraph(n int, links []Link, id map[string]int64) *orgGraph {
	g := &orgGraph{
		UndirectedGraph: simple.NewUndirectedGraph(),
		adj:             make([][]int, n),
		weight:          map[[2]int]float64{},
		shared:          map[[2]int]int{},
	}
	for i := range n {
		g.AddNode(simple.Node(i))
	}
	sum, count := map[[2]int]float64{}, map[[2]int]int{}
	for _, l := range links {
		a, b := int(id[l.A]), int(id[l.B])
		k := [2]int{min(a, b), max(a, b)}
		if g.shared[k] == 0 {
			g.adj[a] = append(g.adj[a], b)
			g.adj[b] = append(g.adj[b], a)
		}
		g.shared[k]++
		if l.Reported {
			sum[k] += l.Weight
			count[k]++
		}
	}
	for a := range g.adj {
		sort.Ints(g.adj[a])
		for _, b := range g.adj[a] {
			k := [2]int{a, b}
			if a > b {
				continue
			}
			if count[k] > 0 {
				g.weight[k] = sum[k] / float64(count[k])
			}
			g.SetEdge(g.NewEdge(simple.Node(a), simple.Node(b)))
		}
	}
	return g
}

// Nodes returns the nodes in id order (gonum's simple graphs return them in map order,
// which would make the layout differ between runs).
func (g *orgGraph) Nodes() graph.Nodes {
	nodes := make([]graph.Node, len(g.adj))
	for i := range nodes {
		nodes[i] = simple.Node(i)
	}
	return iterator.NewOrderedNodes(nodes)
}

// From returns the neighbours of id in id order.
func (g *orgGraph) From(id int64) graph.Nodes {
	if id < 0 || int(id) >= len(g.adj) {
		return graph.Empty
	}
	nodes := make([]graph.Node, len(g.adj[id]))
	for i, j := range g.adj[id] {
		nodes[i] = simple.Node(j)
	}
	return iterator.NewOrderedNodes(nodes)
}

// cutPoints finds the articulation points and the bridges of the graph with adjacency
// lists adj, by Hopcroft and Tarjan's depth-first search: with depth(u) the depth of u
// in the search tree and low(u) the least depth reachable from u's subtree by one back
// edge, a non-root vertex u is an articulation point when some child v has
// low(v) ≥ depth(u), the root when it has two or more children, and a tree edge u–v is
// a bridge when low(v) > depth(u). bridges holds pairs {a, b} with a < b.
func cutPoints(adj [][]int) (art []bool, bridges map[[2]int]bool) {
	n := len(adj)
	art, bridges = make([]bool, n), map[[2]int]bool{}
	depth, low := make([]int, n), make([]int, n)
	for i := range depth {
		depth[i] = -1
	}
	var visit func(u, parent, d int)
	visit = func(u, parent, d int) {
		depth[u], low[u] = d, d
		children := 0
		for _, v := range adj[u] {
			switch {
			case depth[v] < 0:
				children++
				visit(v, u, d+1)
				low[u] = min(low[u], low[v])
				if parent >= 0 && low[v] >= d {
					art[u] = true
				}
				if low[v] > d {
					bridges[[2]int{min(u, v), max(u, v)}] = true
				}
			case v != parent:
				low[u] = min(low[u], depth[v])
			}
		}
		if parent < 0 && children > 1 {
			art[u] = true
		}
	}
	for u := range n {
		if depth[u] < 0 {
			visit(u, -1, 0)
		}
	}
	return art, bridges
}

// separated counts the vertices of u's component, u excluded, that are not in the
// largest part left when u is removed.
func separated(adj [][]int, u int) int {
	seen := make([]bool, len(adj))
	seen[u] = true
	total, largest := 0, 0
	for _, start := range adj[u] {
		if seen[start] {
			continue
		}
		size := reach(adj, start, seen)
		total += size
		largest = max(largest, size)
	}
	return total - largest
}

// mapLayout places the nodes with gonum's Eades layout and scales the positions into
// [0, 1]², keeping the aspect ratio; a lone node sits in the middle.
func mapLayout(g *orgGraph) [][2]float64 {
	pos := make([][2]float64, len(g.adj))
	if len(pos) == 0 {
		return pos
	}
	if len(pos) > MaxLayoutOrgs {
		for i := range pos {
			pos[i] = [2]float64{math.NaN(), math.NaN()}
		}
		return pos
	}
	opt := graphlayout.NewOptimizerR2(g, graphlayout.IsomapR2{}.Update)
	if !connected(g.adj) {
		eades := graphlayout.EadesR2{Repulsion: 1, Rate: 0.05, Updates: 100, Theta: 0.2, Src: rand.NewPCG(MapSeed, MapSeed)}
		opt = graphlayout.NewOptimizerR2(g, eades.Update)
	}
	for opt.Update() {
	}
	for i := range pos {
		c := opt.Coord2(int64(i))
		pos[i] = [2]float64{c.X, c.Y}
	}
	normalize(pos)
	relax(pos, g.adj)
	normalize(pos)
	return pos
}

// normalize scales the positions into [0, 1]², keeping the aspect ratio and centring
// the shorter side; coincident positions all go to the middle.
func normalize(pos [][2]float64) {
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range pos {
		minX, maxX = math.Min(minX, p[0]), math.Max(maxX, p[0])
		minY, maxY = math.Min(minY, p[1]), math.Max(maxY, p[1])
	}
	span := math.Max(maxX-minX, maxY-minY)
	for i := range pos {
		if !(span > 0) || math.IsNaN(span) || math.IsInf(span, 0) {
			pos[i] = [2]float64{0.5, 0.5}
			continue
		}
		pos[i][0] = (pos[i][0]-minX)/span + (1-(maxX-minX)/span)/2
		pos[i][1] = (pos[i][1]-minY)/span + (1-(maxY-minY)/span)/2
	}
}

// relax spreads a layout out with Fruchterman and Reingold's forces (1991): every two
// organisations repel (k²/d), linked ones attract (d²/k), and each step moves a node at
// most a cooling distance. Started from the global layout, it keeps that shape while
// pulling apart organisations the layout put on top of each other, so their labels can
// be read. Deterministic: fixed steps, nodes in index order, coincident nodes nudged
// apart by their indices.
func relax(pos [][2]float64, adj [][]int) {
	n := len(pos)
	if n < 2 {
		return
	}
	const steps = 300
	k := 1 / math.Sqrt(float64(n))
	disp := make([][2]float64, n)
	for step := range steps {
		for i := range disp {
			disp[i] = [2]float64{}
		}
		for i := range n {
			for j := i + 1; j < n; j++ {
				dx, dy := pos[i][0]-pos[j][0], pos[i][1]-pos[j][1]
				d := math.Hypot(dx, dy)
				if d < 1e-9 {
					dx, dy, d = 1e-3*float64(j-i), 1e-3, math.Hypot(1e-3*float64(j-i), 1e-3)
				}
				f := k * k / d / d
				disp[i][0] += dx * f
				disp[i][1] += dy * f
				disp[j][0] -= dx * f
				disp[j][1] -= dy * f
			}
		}
		for i, nb := range adj {
			for _, j := range nb {
				if j <= i {
					continue
				}
				dx, dy := pos[i][0]-pos[j][0], pos[i][1]-pos[j][1]
				d := math.Hypot(dx, dy)
				f := d / k
				disp[i][0] -= dx * f
				disp[i][1] -= dy * f
				disp[j][0] += dx * f
				disp[j][1] += dy * f
			}
		}
		temp := 0.1 * (1 - float64(step)/steps)
		for i := range pos {
			d := math.Hypot(disp[i][0], disp[i][1])
			if d > 0 {
				m := math.Min(d, temp) / d
				pos[i][0] += disp[i][0] * m
				pos[i][1] += disp[i][1] * m
			}
		}
	}
}

// connected reports whether every vertex reaches every other.
func connected(adj [][]int) bool {
	seen := make([]bool, len(adj))
	return len(adj) == 0 || reach(adj, 0, seen) == len(adj)
}

// reach marks the vertices reachable from start in seen and returns how many it marked.
func reach(adj [][]int, start int, seen []bool) int {
	size := 0
	stack := []int{start}
	seen[start] = true
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		size++
		for _, w := range adj[v] {
			if !seen[w] {
				seen[w] = true
				stack = append(stack, w)
			}
		}
	}
	return size
}
