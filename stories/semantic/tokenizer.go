package semantic

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The tokenizer splits a text into the model's word pieces the way the
// model's own TensorFlow.js tokenizer does — the most probable split under
// the SentencePiece unigram scores, found by Viterbi over a trie — quirks
// included, so that the pieces, and so the embeddings, are the ones the
// weights were checked against (testdata/golden.json).

const (
	wordStart     = '▁' // SentencePiece's mark of a word's start
	unknown       = 0   // the id of a piece not in the vocabulary
	reservedVocab = 6   // ids the tokenizer never produces (<unk>, <s>, …)
)

type vocabPiece struct {
	text  string
	score float64
}

// vocabulary is the pieces and a trie of them for prefix search.
type vocabulary struct {
	pieces []vocabPiece
	lens   []int // each piece's length in runes
	root   *trieNode
}

type trieNode struct {
	children map[rune]*trieNode
	id       int // the piece ending here, or -1
}

func newVocabulary(pieces []vocabPiece) vocabulary {
	v := vocabulary{pieces: pieces, lens: make([]int, len(pieces)), root: newTrieNode()}
	for id, p := range pieces {
		v.lens[id] = utf8.RuneCountInString(p.text)
		if id < reservedVocab {
			continue
		}
		n := v.root
		for _, r := range p.text {
			child := n.children[r]
			if child == nil {
				child = newTrieNode()
				n.children[r] = child
			}
			n = child
		}
		n.id = id
	}
	return v
}

func newTrieNode() *trieNode { return &trieNode{children: map[rune]*trieNode{}, id: -1} }

// match is a piece found at a position: its id and length in runes.
type match struct{ id, runes int }

// prefixes lists the pieces that begin symbols, shortest first; a symbol
// that begins none is an unknown piece of one rune.
func (v vocabulary) prefixes(symbols []rune) []match {
	var out []match
	n := v.root.children[symbols[0]]
	for i := 0; n != nil; i++ {
		if n.id >= 0 {
			out = append(out, match{n.id, i + 1})
		}
		if i+1 >= len(symbols) {
			break
		}
		n = n.children[symbols[i+1]]
	}
	if len(out) == 0 {
		out = append(out, match{unknown, 1})
	}
	return out
}

// tokenize returns the ids of text's pieces.
func (v vocabulary) tokenize(text string) []int {
	text = norm.NFKC.String(text)
	if text == "" {
		return nil
	}
	symbols := []rune(string(wordStart) + strings.ReplaceAll(text, " ", string(wordStart)))
	// ending[e] lists the pieces that end at e, by start position
	// ascending (the order in which JavaScript walks an object's integer
	// keys, as the original does).
	ending := make([][]match, len(symbols)+1)
	for i := range symbols {
		for _, m := range v.prefixes(symbols[i:]) {
			ending[i+m.runes] = append(ending[i+m.runes], m)
		}
	}
	best := make([]float64, len(symbols)+1)
	words := make([]int, len(symbols)+1)
	for e := range ending {
		for _, m := range ending[e] {
			// 0 stands for "not reached" (scores are negative), and a
			// later piece wins a tie: both as in the original.
			score := v.score(m.id) + best[e-m.runes]
			if best[e] == 0 || score >= best[e] {
				best[e] = score
				words[e] = m.id
			}
		}
	}
	var ids []int
	for i := len(symbols); i > 0; i -= v.lens[words[i]] {
		if id := words[i]; !(id == unknown && len(ids) > 0 && ids[len(ids)-1] == unknown) {
			ids = append(ids, id)
		}
	}
	for i, j := 0, len(ids)-1; i < j; i, j = i+1, j-1 {
		ids[i], ids[j] = ids[j], ids[i]
	}
	return ids
}

func (v vocabulary) score(id int) float64 {
	if id == unknown {
		return 0
	}
	return v.pieces[id].score
}
