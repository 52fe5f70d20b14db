package telegrambot

import "testing"

// TestEveryCommandHasAHandler guards the command table: a command listed
// in /help and the menu without a handler would crash the bot.
func TestEveryCommandHasAHandler(t *testing.T) {
	for _, c := range commands {
		if c.run == nil {
			t.Errorf("/%s has no handler", c.name)
		}
	}
}
