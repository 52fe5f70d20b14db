package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const emailHead = "metrics: {listen: '127.0.0.1:9464'}\nemail:\n  smtp: {host: mail, tls: tls}\n  from: a@b.c\n"

// A per-recipient unsubscribe link needs a secret of at least 16 bytes,
// from the environment or a file; each mistake is reported where it is,
// and never with the secret in it.
func TestUnsubscribeSecret(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "long"), []byte("a-secret-of-32-bytes-in-a-file!!\n"), 0o600)
	os.WriteFile(filepath.Join(dir, "short"), []byte("tooshort\n"), 0o600)
	t.Setenv("TEST_UNSUB_LONG", "0123456789abcdef")
	t.Setenv("TEST_UNSUB_SHORT", "0123456789abcde")
	t.Setenv("TEST_UNSUB_EMPTY", "")
	link := "  unsubscribe: https://news.example.org/unsubscribe?t={token}\n"
	for _, tc := range []struct {
		name, yaml, want string
	}{
		{"env", link + "  unsubscribe_secret_env: TEST_UNSUB_LONG\n", ""},
		{"file, relative to the config", link + "  unsubscribe_secret_file: long\n", ""},
		{"a link without {token} needs none", "  unsubscribe: mailto:leave@b.c\n", ""},
		{"no secret", link,
			"c.yaml:3:3: email.unsubscribe has {token}: set email.unsubscribe_secret_env"},
		{"short in env", link + "  unsubscribe_secret_env: TEST_UNSUB_SHORT\n",
			"c.yaml:6:27: email.unsubscribe_secret_env: the unsubscribe secret is shorter than 16 bytes"},
		{"short in file", link + "  unsubscribe_secret_file: short\n",
			"c.yaml:6:28: email.unsubscribe_secret_file: the unsubscribe secret is shorter than 16 bytes"},
		{"unset env", link + "  unsubscribe_secret_env: TEST_UNSUB_EMPTY\n",
			"c.yaml:6:27: email.unsubscribe_secret_env: unsubscribe secret: set the environment variable TEST_UNSUB_EMPTY"},
		{"missing file", link + "  unsubscribe_secret_file: nowhere\n",
			"c.yaml:6:28: email.unsubscribe_secret_file: unsubscribe secret: read "},
		{"secret for nothing", "  unsubscribe: https://news.example.org/unsubscribe\n  unsubscribe_secret_env: TEST_UNSUB_LONG\n",
			"c.yaml:6:27: email.unsubscribe_secret_env is set, but email.unsubscribe has no {token}"},
		{"token not in t", "  unsubscribe: https://news.example.org/unsubscribe/{token}\n  unsubscribe_secret_env: TEST_UNSUB_LONG\n",
			`c.yaml:3:3: email.unsubscribe "https://news.example.org/unsubscribe/{token}": a link with {token} must be an https URL that carries it as the parameter t`},
		{"token in a mailto", "  unsubscribe: mailto:leave+{token}@b.c\n  unsubscribe_secret_env: TEST_UNSUB_LONG\n",
			"c.yaml:3:3: email.unsubscribe \"mailto:leave+{token}@b.c\": a link with {token} must be an https URL"},
	} {
		c, err := Parse(filepath.Join(dir, "c.yaml"), []byte(emailHead+tc.yaml))
		if tc.want == "" {
			if err != nil {
				t.Errorf("%s: %v", tc.name, err)
				continue
			}
			if secret, err := c.Email.UnsubscribeSecret(); len(secret) < 16 && c.Email.HasUnsubscribeToken() {
				t.Errorf("%s: secret of %d bytes, %v", tc.name, len(secret), err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v; want %s", tc.name, err, tc.want)
			continue
		}
		for _, secret := range []string{"tooshort", "0123456789abcde"} {
			if strings.Contains(err.Error(), secret) {
				t.Errorf("%s: the secret is in the error: %v", tc.name, err)
			}
		}
	}
	// Nothing would answer the links without metrics.listen.
	_, err := Parse(filepath.Join(dir, "c.yaml"), []byte(strings.TrimPrefix(emailHead, "metrics: {listen: '127.0.0.1:9464'}\n")+
		link+"  unsubscribe_secret_env: TEST_UNSUB_LONG\n"))
	if want := "c.yaml:2:3: email.unsubscribe has {token}, but metrics.listen is not set"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("without metrics.listen: %v; want %s", err, want)
	}
}
