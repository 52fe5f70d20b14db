package semantic

import (
	"fmt"
	"math"
	"unicode/utf8"
)

// layer is one Transformer layer's weights. The first widens the model
// from 256 to 512 and so projects its residual (residual); the second
// adds its input as it is.
type layer struct {
	ln, ffnLN          [2]*matrix // scale, bias
	qkv, qkvBias       *matrix
	out, outBias       *matrix
	residual, resBias  *matrix // nil in the second layer
	ffnIn, ffnInBias   *matrix
	ffnOut, ffnOutBias *matrix
	heads              int
}

func (e *Encoder) layer(i int) (layer, error) {
	get := func(name string) *matrix { return e.w[fmt.Sprintf("l%d.%s", i, name)] }
	l := layer{
		ln: [2]*matrix{get("ln.scale"), get("ln.bias")}, ffnLN: [2]*matrix{get("ffn.ln.scale"), get("ffn.ln.bias")},
		qkv: get("qkv.kernel"), qkvBias: get("qkv.bias"), out: get("out.kernel"), outBias: get("out.bias"),
		residual: get("residual.kernel"), resBias: get("residual.bias"),
		ffnIn: get("ffn.in.kernel"), ffnInBias: get("ffn.in.bias"), ffnOut: get("ffn.out.kernel"), ffnOutBias: get("ffn.out.bias"),
		heads: 4,
	}
	for _, m := range []*matrix{l.ln[0], l.ln[1], l.ffnLN[0], l.ffnLN[1], l.qkv, l.qkvBias, l.out, l.outBias, l.ffnIn, l.ffnInBias, l.ffnOut, l.ffnOutBias} {
		if m == nil {
			return l, fmt.Errorf("semantic: layer %d lacks weights", i)
		}
	}
	return l, nil
}

// maxRunes bounds the text tokenized: 128 pieces are fewer runes (the
// longest piece is 16), so a huge title costs no more than a long one.
const maxRunes = 16 * maxLen

// Embed returns text's embedding: a unit vector of Dims numbers. Texts
// longer than 128 word pieces are cut there.
func (e *Encoder) Embed(text string) []float32 {
	if utf8.RuneCountInString(text) > maxRunes {
		text = string([]rune(text)[:maxRunes])
	}
	ids := e.vocab.tokenize(text)
	if len(ids) > maxLen {
		ids = ids[:maxLen]
	}
	h := e.input(ids)
	for _, l := range e.layers {
		h = l.apply(h)
	}
	return e.pool(h)
}

// input is each piece's embedding, doubled, plus the sinusoid of its
// position (the graph adds the embeddings twice: once as the layer's
// input, once with the timing signal).
func (e *Encoder) input(ids []int) *matrix {
	emb, timing := e.w["embeddings"], e.w["timing"].data
	h := newMatrix(len(ids), emb.cols)
	half := len(timing)
	for t, id := range ids {
		row := h.row(t)
		src := emb.row(id)
		for k := range row {
			row[k] = 2 * src[k]
		}
		for k, inv := range timing {
			s, c := math.Sincos(float64(t) * float64(inv))
			row[k] += float32(s)
			row[half+k] += float32(c)
		}
	}
	return h
}

// apply runs the layer: self-attention on the normalised input, added to
// the input (or its projection), then the feed-forward block, added too.
func (l layer) apply(x *matrix) *matrix {
	a := l.attention(layerNorm(x, l.ln))
	if l.residual != nil {
		a.add(matmul(x, l.residual, l.resBias))
	} else {
		a.add(x)
	}
	f := matmul(layerNorm(a, l.ffnLN), l.ffnIn, l.ffnInBias)
	f.relu()
	f = matmul(f, l.ffnOut, l.ffnOutBias)
	f.add(a)
	return f
}

// attention is multi-head scaled dot-product self-attention.
func (l layer) attention(x *matrix) *matrix {
	qkv := matmul(x, l.qkv, l.qkvBias)
	width := qkv.cols / 3
	depth := width / l.heads
	scale := float32(1 / math.Sqrt(float64(depth)))
	ctx := newMatrix(x.rows, width)
	weights := make([]float32, x.rows)
	for h := range l.heads {
		q0, k0, v0 := h*depth, width+h*depth, 2*width+h*depth
		for i := range x.rows {
			q := qkv.row(i)[q0 : q0+depth]
			peak := float32(math.Inf(-1))
			for j := range x.rows {
				weights[j] = scale * dot(q, qkv.row(j)[k0:k0+depth])
				peak = max(peak, weights[j])
			}
			var sum float32
			for j := range weights {
				weights[j] = float32(math.Exp(float64(weights[j] - peak)))
				sum += weights[j]
			}
			out := ctx.row(i)[q0 : q0+depth]
			for j, w := range weights {
				axpy(out, w/sum, qkv.row(j)[v0:v0+depth])
			}
		}
	}
	return matmul(ctx, l.out, l.outBias)
}

// pool averages the pieces' vectors, passes the mean through a tanh layer
// and scales it to unit length.
func (e *Encoder) pool(h *matrix) []float32 {
	mean := newMatrix(1, h.cols)
	for t := range h.rows {
		axpy(mean.data, 1, h.row(t))
	}
	for k := range mean.data {
		mean.data[k] /= float32(max(h.rows, 1))
	}
	z := matmul(mean, e.w["pool.kernel"], e.w["pool.bias"]).data
	var norm float64
	for k, v := range z {
		z[k] = float32(math.Tanh(float64(v)))
		norm += float64(z[k]) * float64(z[k])
	}
	inv := float32(1 / math.Sqrt(max(norm, 1e-12)))
	for k := range z {
		z[k] *= inv
	}
	return z
}

// layerNorm normalises each row to zero mean and unit variance, then
// scales and shifts it.
func layerNorm(x *matrix, p [2]*matrix) *matrix {
	out := newMatrix(x.rows, x.cols)
	scale, bias := p[0].data, p[1].data
	for t := range x.rows {
		in, o := x.row(t), out.row(t)
		var mean, variance float64
		for _, v := range in {
			mean += float64(v)
		}
		mean /= float64(len(in))
		for _, v := range in {
			d := float64(v) - mean
			variance += d * d
		}
		inv := 1 / math.Sqrt(variance/float64(len(in))+lnEpsilon)
		for k, v := range in {
			o[k] = float32((float64(v)-mean)*inv)*scale[k] + bias[k]
		}
	}
	return out
}

// Cosine is the cosine of two embeddings (their dot product: both are unit
// vectors).
func Cosine(a, b []float32) float64 {
	if len(a) != len(b) {
		return 0
	}
	return float64(dot(a, b))
}
