package feeds

import (
	"net/url"
	"strings"
)

// trackingParams are query parameters that say where a click came from,
// not what it points at.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "gbraid": true, "wbraid": true, "yclid": true,
	"ysclid": true, "msclkid": true, "mc_cid": true, "mc_eid": true, "igshid": true, "_hsenc": true,
	"_hsmi": true, "mkt_tok": true, "oly_anon_id": true, "oly_enc_id": true, "vero_id": true,
	"rb_clickid": true, "s_cid": true, "ref_src": true, "spm": true, "at_medium": true, "at_campaign": true,
}

// canonicalURL reduces a link to the form that identifies the page: scheme
// and host lower-cased, default port, fragment and tracking parameters
// (utm_*, fbclid, gclid, yclid, mc_cid…) removed, remaining parameters
// sorted. It is used for keys and deduplication; users are shown the
// original link. A link that does not parse is returned as is.
func canonicalURL(link string) string {
	u, err := url.Parse(strings.TrimSpace(link))
	if err != nil {
		return link
	}
	return canonicalize(u, link)
}

// canonicalize is canonicalURL on a parsed link (which it modifies); link
// is returned when it has no host.
func canonicalize(u *url.URL, link string) string {
	if u.Host == "" {
		return link
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	if port := u.Port(); (port == "80" && u.Scheme == "http") || (port == "443" && u.Scheme == "https") {
		u.Host = u.Hostname()
	}
	u.Fragment, u.RawFragment = "", ""
	if u.Path == "" {
		u.Path = "/"
	}
	// "page?" and "page? " are "page" (a fuzzer found the second unstable).
	u.RawQuery, u.ForceQuery = strings.TrimSpace(u.RawQuery), false
	if u.RawQuery != "" && needsQueryCleanup(u.RawQuery) {
		q := u.Query()
		for k := range q {
			if trackingParams[strings.ToLower(k)] || strings.HasPrefix(strings.ToLower(k), "utm_") {
				q.Del(k)
			}
		}
		u.RawQuery = q.Encode() // sorted by key
	}
	return u.String()
}

// needsQueryCleanup reports whether a query may hold tracking parameters or
// be out of order; most links' queries need no rewriting.
func needsQueryCleanup(q string) bool {
	return strings.Contains(q, "&") || strings.Contains(strings.ToLower(q), "utm_") || strings.Contains(q, "clid") ||
		strings.Contains(q, "mc_") || trackingParams[strings.ToLower(strings.SplitN(q, "=", 2)[0])]
}
