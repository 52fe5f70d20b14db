package rules

import "github.com/newsalert/newsalert/internal/yamlstrict"

// NameIn is the topic's name in lang (an i18n code): its names: entry for
// lang, else its name.
func (t *Topic) NameIn(lang string) string {
	if n := t.Names[lang]; n != "" {
		return n
	}
	return t.Name
}

// DescriptionIn is the topic's description in lang, as NameIn.
func (t *Topic) DescriptionIn(lang string) string {
	if d := t.Descriptions[lang]; d != "" {
		return d
	}
	return t.Description
}

func byLanguage(m map[yamlstrict.String]string) map[string]string {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k.Value] = v
	}
	return out
}
