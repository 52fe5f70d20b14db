package config

import (
	"fmt"
	"os"
	"strings"
)

// Token returns the bot token from the file named by token_file, else from
// the environment variable named by token_env. The error never holds the token.
func (t *Telegram) Token() (string, error) {
	return secret("telegram token", t.TokenFile, t.TokenEnv)
}

// Password returns the SMTP password from password_file or password_env;
// "" when neither is set (a relay without authentication).
func (s *SMTP) Password() (string, error) {
	if s.Username == "" {
		return "", nil
	}
	return secret("SMTP password", s.PasswordFile, s.PasswordEnv)
}

func secret(what, file, env string) (string, error) {
	if file != "" {
		data, err := os.ReadFile(file)
		if err != nil {
			return "", fmt.Errorf("%s: read %s: %w", what, file, err)
		}
		if v := strings.TrimSpace(string(data)); v != "" {
			return v, nil
		}
		return "", fmt.Errorf("%s: %s is empty", what, file)
	}
	if v := strings.TrimSpace(os.Getenv(env)); v != "" {
		return v, nil
	}
	return "", fmt.Errorf("%s: set the environment variable %s (or a file in the config)", what, env)
}
