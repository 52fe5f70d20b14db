//go:build clockshift

package clock

import (
	"fmt"
	"os"
	"time"
)

// ShiftEnv names the variable that, in a clockshift build, moves Wall by a
// Go duration ("61320h", "-52560h"): the whole test suite run years ahead
// or back shows that no test passes only near today's date.
const ShiftEnv = "NEWSALERT_CLOCK_SHIFT"

var shift = shiftOf(os.Getenv(ShiftEnv))

func shiftOf(v string) time.Duration {
	if v == "" {
		return 0
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		panic(fmt.Sprintf("%s=%q: %v", ShiftEnv, v, err))
	}
	return d
}
