//go:build !clockshift

package clock

// shift is zero in every build but the clockshift test builds.
const shift = 0
