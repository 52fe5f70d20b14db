package email

import (
	"bytes"
	"net/mail"
	"regexp"
	"strings"
	"testing"
)

// dotAtom is RFC 5322's dot-atom-text: atext runs joined by single dots.
var dotAtom = regexp.MustCompile("^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")

// Every Message-ID is <dot-atom-text@dot-atom-text>, whatever the outbox
// key it is made from; distinct ids stay distinct, and one id gives the
// same Message-ID each time (a retry is the same message); a valid id
// without '=' (the escape) is kept as it is.
func TestMessageIDIsADotAtom(t *testing.T) {
	seen := map[string]string{}
	for _, id := range []string{
		"digest:1795000000.1.9f3a2b4c5d6e7f80", // a scheduled digest's part
		"digest-now:4242.1.9f3a2b4c5d6e7f80",   // the /digest command's
		"digest.1795000000.1.9f3a2b4c5d6e7f80", // the same with a dot: another id
		"digest-test.TestSendOverSTARTTLS",     // valid already: kept as it is
		".leading", "trailing.", "double..dot", "a=b", "a=3Ab",
		"with space", "<angle>", "at@sign", `quote"d`, "back\\slash", "(comment)", "ünïcödé", "",
	} {
		r := Rendered{Subject: "s", Text: "t", HTML: "<p>t</p>", ID: id}
		got := messageIDOf(t, r)
		if !validMessageID(got) {
			t.Errorf("id %q: Message-ID %s is not <dot-atom-text@dot-atom-text>", id, got)
			continue
		}
		if id == "" { // a new one each time: go-mail's random ones may start or end with a dot
			for range 500 {
				if again := messageIDOf(t, r); !validMessageID(again) {
					t.Errorf("new Message-ID %s is not <dot-atom-text@dot-atom-text>", again)
					break
				}
			}
			continue
		}
		if again := messageIDOf(t, r); again != got {
			t.Errorf("id %q: Message-ID %s, then %s", id, got, again)
		}
		if other, dup := seen[got]; dup {
			t.Errorf("ids %q and %q both give %s", other, id, got)
		}
		seen[got] = id
		if dotAtom.MatchString(id) && !strings.Contains(id, "=") && got != "<"+id+"@newsalert>" {
			t.Errorf("id %q is valid already, yet became %s", id, got)
		}
	}
}

func validMessageID(s string) bool {
	left, right, ok := strings.Cut(strings.TrimSuffix(strings.TrimPrefix(s, "<"), ">"), "@")
	return ok && strings.HasPrefix(s, "<") && strings.HasSuffix(s, ">") && dotAtom.MatchString(left) && dotAtom.MatchString(right)
}

func messageIDOf(t *testing.T, r Rendered) string {
	t.Helper()
	m, err := Message(r, Envelope{From: "na@example.org", To: []string{"you@example.org"}}, until)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	msg, err := mail.ReadMessage(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return msg.Header.Get("Message-Id")
}
