package feeds

import (
	"context"
	"net/netip"
)

// Hooks for the tests of package feeds_test, which run on 127.0.0.1 only
// and so need a way to call one of their servers public.

// SetAddressKinds replaces the rule that says what kind of non-public
// address an endpoint is ("" for public).
func (f *Fetcher) SetAddressKinds(kind func(netip.AddrPort) string) { f.kindOf = kind }

// SetResolver replaces the resolver that classifies host names.
func (f *Fetcher) SetResolver(lookup func(ctx context.Context, host string) ([]netip.Addr, error)) {
	f.lookup = lookup
}

// AddressKind is the production rule.
func AddressKind(ap netip.AddrPort) string { return addrKind(ap) }

// PollAll polls every source once and returns the results in the order of
// srcs (see PollEach).
func (p *Poller) PollAll(ctx context.Context, srcs []Source) []Result {
	results := make([]Result, len(srcs))
	index := make(map[string]int, len(srcs))
	for i, s := range srcs {
		index[s.URL] = i
	}
	p.PollEach(ctx, srcs, func(r Result) error { results[index[r.Source.URL]] = r; return nil })
	return results
}

// CanonicalURL is canonicalURL, for the fuzz test of package feeds_test.
var CanonicalURL = canonicalURL

// ParsePageDate is parsePageDate, for the table test of page dates.
var ParsePageDate = parsePageDate
