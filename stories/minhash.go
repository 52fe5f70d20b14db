package stories

import (
	"hash/fnv"
)

func hash32(s string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(s))
	return h.Sum32()
}

// bands computes the MinHash signature (numBands × rowsPerBand hash
// functions of the form a·x+b over 64 bits) and folds each band's rows into
// one key, salted with the band number and the script.
func bands(ws []uint32, script string) []uint64 {
	var sig [numBands * rowsPerBand]uint64
	for i := range sig {
		sig[i] = ^uint64(0)
	}
	for _, w := range ws {
		x := uint64(w)
		for i := range sig {
			a, b := multipliers[i], offsets[i]
			if v := mix(x*a + b); v < sig[i] {
				sig[i] = v
			}
		}
	}
	salt := uint64(hash32(script))
	out := make([]uint64, numBands)
	for band := range numBands {
		k := uint64(band)<<56 ^ salt
		for r := range rowsPerBand {
			k = mix(k ^ sig[band*rowsPerBand+r])
		}
		out[band] = k >> 1 // stays a positive SQLite integer
	}
	return out
}

// mix is the SplitMix64 finaliser: it spreads the bits of a·x+b.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}

var multipliers, offsets = func() (a, b [numBands * rowsPerBand]uint64) {
	seed := uint64(0x9e3779b97f4a7c15)
	for i := range a {
		seed = mix(seed + uint64(i))
		a[i] = seed | 1
		seed = mix(seed)
		b[i] = seed
	}
	return
}()
