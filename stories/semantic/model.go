// Package semantic tells how close two news texts are in meaning, where
// they share too few words for the stories package to see it ("magistrates"
// and "prosecutors"; "drills" and "exercises"). It runs Google's Universal
// Sentence Encoder lite — a two-layer Transformer over SentencePiece word
// pieces, trained on English — in pure Go, and embeds its weights, so the
// binary stays static and nothing is downloaded. Embed gives a unit vector;
// the cosine of two is their similarity.
//
// The encoder knows English only: Encoder.Knows says which texts it can
// judge.
package semantic

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sync"
)

//go:embed model/use-lite-en.bin
var modelFile []byte

// Dimensions of the model.
const (
	// Dims is the length of an embedding.
	Dims      = 512
	maxLen    = 128 // pieces beyond are cut, as the model was trained
	lnEpsilon = 1e-6
)

// Encoder embeds texts. It is safe for concurrent use.
type Encoder struct {
	vocab  vocabulary
	w      map[string]*matrix
	layers [2]layer
}

// matrix is a rows×cols float32 matrix, row-major (a vector has one row).
type matrix struct {
	rows, cols int
	data       []float32
}

// Load returns the encoder, reading the embedded weights once.
var Load = sync.OnceValues(func() (*Encoder, error) { return decode(modelFile) })

const fileMagic = "NAUSE001"

// Kinds of tensor in the model file (see tools/sentencemodel).
const (
	float32s    = 0
	int8Columns = 1
	int8Rows    = 2
)

var errShort = errors.New("model file ends early")

// decode reads the model file written by tools/sentencemodel.
func decode(b []byte) (*Encoder, error) {
	r := reader{b: b}
	if string(r.bytes(len(fileMagic))) != fileMagic {
		return nil, errors.New("semantic: not a model file")
	}
	e := &Encoder{w: map[string]*matrix{}}
	n := int(r.u32())
	pieces := make([]vocabPiece, 0, n)
	for range n {
		text := string(r.bytes(int(r.u16())))
		pieces = append(pieces, vocabPiece{text: text, score: math.Float64frombits(r.u64())})
	}
	e.vocab = newVocabulary(pieces)
	for range int(r.u32()) {
		name := string(r.bytes(int(r.u16())))
		m, err := r.tensor()
		if err != nil {
			return nil, fmt.Errorf("semantic: %s: %w", name, err)
		}
		e.w[name] = m
	}
	if r.err != nil {
		return nil, fmt.Errorf("semantic: %w", r.err)
	}
	for i := range e.layers {
		l, err := e.layer(i)
		if err != nil {
			return nil, err
		}
		e.layers[i] = l
	}
	if e.w["embeddings"] == nil || e.w["timing"] == nil || e.w["pool.kernel"] == nil || e.w["pool.bias"] == nil {
		return nil, errors.New("semantic: model lacks embeddings, timing or pool weights")
	}
	return e, nil
}

// reader reads little-endian values, remembering the first error.
type reader struct {
	b   []byte
	err error
}

func (r *reader) bytes(n int) []byte {
	if r.err != nil || n > len(r.b) {
		r.err = errShort
		return make([]byte, n)
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *reader) u16() uint16  { return binary.LittleEndian.Uint16(r.bytes(2)) }
func (r *reader) u32() uint32  { return binary.LittleEndian.Uint32(r.bytes(4)) }
func (r *reader) u64() uint64  { return binary.LittleEndian.Uint64(r.bytes(8)) }
func (r *reader) f32() float32 { return math.Float32frombits(r.u32()) }

func (r *reader) f32s(n int) []float32 {
	out := make([]float32, n)
	for i := range out {
		out[i] = r.f32()
	}
	return out
}

// tensor reads a tensor of one or two dimensions as a matrix.
func (r *reader) tensor() (*matrix, error) {
	rank := int(r.bytes(1)[0])
	if rank < 1 || rank > 2 {
		return nil, fmt.Errorf("rank %d", rank)
	}
	dims := []int{1, 1}
	for i := range rank {
		dims[2-rank+i] = int(r.u32())
	}
	m := &matrix{rows: dims[0], cols: dims[1]}
	n := m.rows * m.cols
	switch kind := r.bytes(1)[0]; kind {
	case float32s:
		m.data = r.f32s(n)
	case int8Columns, int8Rows:
		scales := r.f32s(map[byte]int{int8Columns: m.cols, int8Rows: m.rows}[kind])
		q := r.bytes(n)
		m.data = make([]float32, n)
		for i, v := range q {
			s := scales[i%m.cols]
			if kind == int8Rows {
				s = scales[i/m.cols]
			}
			m.data[i] = float32(int8(v)) * s
		}
	default:
		return nil, fmt.Errorf("kind %d", kind)
	}
	return m, r.err
}
