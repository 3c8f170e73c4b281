package diff

import "sort"

// pair is an old and a new index that correspond; -1 is none (added or
// removed).
type pair struct{ old, new int }

// lcs returns, for sequences of n old and m new things, the pairs of a
// longest common subsequence under eq, in order.
func lcs(n, m int, eq func(i, j int) bool) []pair {
	// Trim the common head and tail first: most comparisons are of
	// nearly equal sequences.
	head := 0
	for head < n && head < m && eq(head, head) {
		head++
	}
	tail := 0
	for tail < n-head && tail < m-head && eq(n-1-tail, m-1-tail) {
		tail++
	}
	var out []pair
	for i := 0; i < head; i++ {
		out = append(out, pair{i, i})
	}
	a, b := n-head-tail, m-head-tail
	if a > 0 && b > 0 {
		w := b + 1
		t := make([]int32, (a+1)*w)
		for i := a - 1; i >= 0; i-- {
			for j := b - 1; j >= 0; j-- {
				if eq(head+i, head+j) {
					t[i*w+j] = t[(i+1)*w+j+1] + 1
				} else {
					t[i*w+j] = max(t[(i+1)*w+j], t[i*w+j+1])
				}
			}
		}
		for i, j := 0, 0; i < a && j < b; {
			switch {
			case eq(head+i, head+j):
				out = append(out, pair{head + i, head + j})
				i++
				j++
			case t[(i+1)*w+j] >= t[i*w+j+1]:
				i++
			default:
				j++
			}
		}
	}
	for k := 0; k < tail; k++ {
		out = append(out, pair{n - tail + k, m - tail + k})
	}
	return out
}

// align pairs two sequences without identities (paragraphs, list items,
// blocks of one type): the equal ones by a longest common subsequence,
// then, between two equal ones, the others one by one while similar
// (they were reworded), the rest removed and added. The pairs come in
// reading order.
func align(n, m int, eq, similar func(i, j int) bool) []pair {
	anchors := append(lcs(n, m, eq), pair{n, m})
	var out []pair
	i, j := 0, 0
	for _, a := range anchors {
		for i < a.old || j < a.new {
			switch {
			case i < a.old && j < a.new && similar(i, j):
				out = append(out, pair{i, j})
				i++
				j++
			case i < a.old:
				out = append(out, pair{i, -1})
				i++
			default:
				out = append(out, pair{-1, j})
				j++
			}
		}
		if a.old < n {
			out = append(out, a)
		}
		i, j = a.old+1, a.new+1
	}
	return out
}

// byKey pairs two sequences of things with identities (numbers, keys).
// A key that occurs twice pairs in order.
func byKey(oldKeys, newKeys []string) (oldToNew []int) {
	at := make(map[string][]int, len(newKeys))
	for j, k := range newKeys {
		at[k] = append(at[k], j)
	}
	oldToNew = make([]int, len(oldKeys))
	for i, k := range oldKeys {
		oldToNew[i] = -1
		if js := at[k]; len(js) > 0 {
			oldToNew[i] = js[0]
			at[k] = js[1:]
		}
	}
	return oldToNew
}

// interleave lists the pairs of a matching in the new order, each
// removed thing right after the old thing before it (or first).
func interleave(oldToNew []int, m int) []pair {
	newToOld := make([]int, m)
	for j := range newToOld {
		newToOld[j] = -1
	}
	for i, j := range oldToNew {
		if j >= 0 {
			newToOld[j] = i
		}
	}
	// removed[j+1] holds the removed things to show after new thing j;
	// removed[0] those before everything.
	removed := make([][]int, m+1)
	anchor := 0
	for i, j := range oldToNew {
		if j >= 0 {
			anchor = j + 1
			continue
		}
		removed[anchor] = append(removed[anchor], i)
	}
	out := make([]pair, 0, len(oldToNew)+m)
	for j := 0; j <= m; j++ {
		for _, i := range removed[j] {
			out = append(out, pair{i, -1})
		}
		if j < m {
			out = append(out, pair{newToOld[j], j})
		}
	}
	return out
}

// moved says which of the matched old things changed order: those outside
// a longest run that kept its order (a longest increasing subsequence of
// their new places, in old order).
func moved(oldToNew []int) map[int]bool {
	var idx []int // old indices of the matched, in old order
	for i, j := range oldToNew {
		if j >= 0 {
			idx = append(idx, i)
		}
	}
	// Patience sorting with back links.
	tails := []int{} // positions in idx
	prev := make([]int, len(idx))
	for k, i := range idx {
		v := oldToNew[i]
		p := sort.Search(len(tails), func(t int) bool { return oldToNew[idx[tails[t]]] >= v })
		if p > 0 {
			prev[k] = tails[p-1]
		} else {
			prev[k] = -1
		}
		if p == len(tails) {
			tails = append(tails, k)
		} else {
			tails[p] = k
		}
	}
	keep := map[int]bool{}
	if len(tails) > 0 {
		for k := tails[len(tails)-1]; k >= 0; k = prev[k] {
			keep[idx[k]] = true
		}
	}
	out := map[int]bool{}
	for _, i := range idx {
		if !keep[i] {
			out[i] = true
		}
	}
	return out
}
