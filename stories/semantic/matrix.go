package semantic

import (
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
)

func newMatrix(rows, cols int) *matrix {
	return &matrix{rows: rows, cols: cols, data: make([]float32, rows*cols)}
}

func (m *matrix) row(i int) []float32 { return m.data[i*m.cols : (i+1)*m.cols] }

// add adds o to m, element by element.
func (m *matrix) add(o *matrix) {
	for i, v := range o.data {
		m.data[i] += v
	}
}

func (m *matrix) relu() {
	for i, v := range m.data {
		m.data[i] = max(v, 0)
	}
}

// matmul is x·w + bias (bias a row added to every row).
func matmul(x, w, bias *matrix) *matrix {
	out := newMatrix(x.rows, w.cols)
	for t := range x.rows {
		copy(out.row(t), bias.data)
	}
	blas32.Gemm(blas.NoTrans, blas.NoTrans, 1, x.general(), w.general(), 1, out.general())
	return out
}

// axpy adds a·x to y.
func axpy(y []float32, a float32, x []float32) {
	x = x[:len(y)]
	for i := range y {
		y[i] += a * x[i]
	}
}

func dot(a, b []float32) float32 {
	b = b[:len(a)]
	var s float32
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func (m *matrix) general() blas32.General {
	return blas32.General{Rows: m.rows, Cols: m.cols, Stride: m.cols, Data: m.data}
}
