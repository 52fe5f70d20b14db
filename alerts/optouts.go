package alerts

import (
	"strings"
	"time"

	"github.com/newsalert/newsalert/store"
)

// ReasonUnsubscribed is the Reason of an e-mail reader that unsubscribed.
const ReasonUnsubscribed = "unsubscribed"

// markOptedOut makes the e-mail readers whose address unsubscribed
// (store.OptOut) inactive: they get no digest, whatever the config says,
// until `newsalert email resubscribe`.
func markOptedOut(readers []Reader, optedOut map[string]time.Time) {
	if len(optedOut) == 0 {
		return
	}
	for i := range readers {
		addr, ok := strings.CutPrefix(readers[i].Destination, "email:")
		if _, out := optedOut[store.OptOutKey(addr)]; ok && out {
			readers[i].unsubscribed()
		}
	}
}

// unsubscribed makes r, an e-mail reader whose address opted out, inactive.
func (r *Reader) unsubscribed() { r.Active, r.Reason = false, ReasonUnsubscribed }
