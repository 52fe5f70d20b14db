package rules

import "sort"

// trie is a byte trie over the folded words of every keyword and place
// name, flattened into arrays. Each item's words are walked through it
// once: every pattern starts at a word boundary, so no Aho-Corasick
// failure links are needed, and a walk costs one step per byte of the word
// whatever the number of rules.
type trie struct {
	nodes []trieNode
	edges []trieEdge // each node's edges, sorted by byte
	ids   []int32    // terminal word-pattern ids, each node's exact ones then its prefix ones
	dense [][256]int32
}

type trieNode struct {
	edgeStart, edgeEnd   int32
	exactStart, exactEnd int32 // patterns that match a word ending here
	prefEnd              int32 // [exactEnd, prefEnd): patterns that match any word through here
	dense                int32 // index into dense, or -1: a 256-entry table for wide nodes
}

type trieEdge struct {
	b     byte
	child int32
}

// buildNode is the trie under construction.
type buildNode struct {
	children map[byte]*buildNode
	exact    []int32
	prefix   []int32
}

func newTrie(words []wordPat) *trie {
	root := &buildNode{}
	for id, w := range words {
		n := root
		for i := 0; i < len(w.text); i++ {
			if n.children == nil {
				n.children = map[byte]*buildNode{}
			}
			c, ok := n.children[w.text[i]]
			if !ok {
				c = &buildNode{}
				n.children[w.text[i]] = c
			}
			n = c
		}
		if w.kind == exactWord {
			n.exact = append(n.exact, int32(id))
		} else {
			n.prefix = append(n.prefix, int32(id))
		}
	}
	t := &trie{}
	t.add(root)
	return t
}

// add numbers bn and its subtree depth-first, so that the nodes a word
// walks through lie close together in memory, and returns bn's number.
func (t *trie) add(bn *buildNode) int32 {
	i := int32(len(t.nodes))
	t.nodes = append(t.nodes, trieNode{dense: -1})
	keys := make([]int, 0, len(bn.children))
	for b := range bn.children {
		keys = append(keys, int(b))
	}
	sort.Ints(keys)
	n := &t.nodes[i]
	n.exactStart = int32(len(t.ids))
	t.ids = append(t.ids, bn.exact...)
	n.exactEnd = int32(len(t.ids))
	t.ids = append(t.ids, bn.prefix...)
	n.prefEnd = int32(len(t.ids))
	n.edgeStart = int32(len(t.edges))
	n.edgeEnd = n.edgeStart + int32(len(keys))
	for _, b := range keys {
		t.edges = append(t.edges, trieEdge{b: byte(b)})
	}
	for k, b := range keys {
		child := t.add(bn.children[byte(b)])
		t.edges[t.nodes[i].edgeStart+int32(k)].child = child
	}
	if len(keys) > 16 {
		var table [256]int32
		for j := range table {
			table[j] = -1
		}
		for _, e := range t.edges[t.nodes[i].edgeStart:t.nodes[i].edgeEnd] {
			table[e.b] = e.child
		}
		t.nodes[i].dense = int32(len(t.dense))
		t.dense = append(t.dense, table)
	}
	return i
}

// child returns the node reached from n by b, or -1.
func (t *trie) child(n int32, b byte) int32 {
	node := &t.nodes[n]
	if node.dense >= 0 {
		return t.dense[node.dense][b]
	}
	edges := t.edges[node.edgeStart:node.edgeEnd]
	if len(edges) <= 8 {
		for _, e := range edges {
			if e.b == b {
				return e.child
			}
		}
		return -1
	}
	i := sort.Search(len(edges), func(i int) bool { return edges[i].b >= b })
	if i < len(edges) && edges[i].b == b {
		return edges[i].child
	}
	return -1
}

func (t *trie) exact(n int32) []int32 {
	node := &t.nodes[n]
	return t.ids[node.exactStart:node.exactEnd]
}

func (t *trie) prefix(n int32) []int32 {
	node := &t.nodes[n]
	return t.ids[node.exactEnd:node.prefEnd]
}
