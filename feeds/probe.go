package feeds

import (
	"fmt"

	"github.com/mmcdole/gofeed"
)

// ParseCharset is Parse that also says which encoding the body was read
// in, for `newsalert sources probe`.
func ParseCharset(body []byte, contentType string) (*gofeed.Feed, string, error) {
	feed, enc, err := parse(body, contentType)
	if err != nil {
		return nil, "", limitError(err)
	}
	if why := unreadable(feed, enc); why != "" {
		return nil, enc, limitError(fmt.Errorf("text decoded as %s %s", enc, why))
	}
	return feed, enc, nil
}
