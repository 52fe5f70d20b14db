package feeds

import (
	"net/netip"
	"testing"
)

func TestAddressKinds(t *testing.T) {
	for addr, want := range map[string]string{
		"127.0.0.1:80":             "loopback",
		"127.8.9.10:80":            "loopback",
		"[::1]:443":                "loopback",
		"[::ffff:127.0.0.1]:80":    "loopback",
		"10.1.2.3:8080":            "private",
		"172.16.0.1:80":            "private",
		"192.168.1.1:80":           "private",
		"[fd00::1]:80":             "private",
		"169.254.169.254:80":       "link-local",
		"[fe80::1]:80":             "link-local",
		"0.0.0.0:80":               "unspecified",
		"0.1.2.3:80":               "unspecified",
		"[::]:80":                  "unspecified",
		"100.64.0.1:80":            "shared (carrier-grade NAT)",
		"224.0.0.1:80":             "link-local",
		"239.1.2.3:80":             "multicast",
		"255.255.255.255:80":       "broadcast",
		"203.0.113.7:80":           "",
		"93.184.215.14:443":        "",
		"[2a00:1450:4001::65]:443": "",
	} {
		if got := addrKind(netip.MustParseAddrPort(addr)); got != want {
			t.Errorf("addrKind(%s) = %q; want %q", addr, got, want)
		}
	}
}
