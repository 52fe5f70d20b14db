// Package yamlstrict decodes YAML into Go structs strictly: unknown keys,
// wrong types and malformed documents are reported as errors that carry the
// file, line and column, with a suggestion when a key looks like a typo.
//
// It exists because the YAML libraries report type errors by line only and
// stop at the first unknown field; users editing rules.yaml by hand want every
// problem at once, each pointing at the exact place.
package yamlstrict

import (
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/newsalert/newsalert/text"
	"go.yaml.in/yaml/v3"
)

// Pos is a position in a YAML file. A struct field of type Pos tagged
// `yaml:"-"` is filled with the position of the mapping it was decoded from.
type Pos struct {
	Line, Col int
}

// String is a scalar string that remembers where it was written, so that
// later validation (an invalid regex, an unknown region) can point at it.
type String struct {
	Value string
	Pos   Pos
}

// Error is one problem found in a file.
type Error struct {
	File  string
	Pos   Pos
	Msg   string
	fatal bool
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Pos.Line, e.Pos.Col, e.Msg)
}

// Errors is every problem found in one file, in document order.
type Errors []*Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Collector accumulates positioned errors for one file. Validation code
// outside this package uses it to report semantic problems in the same form.
type Collector struct {
	File string
	errs Errors
}

// Addf records a problem at pos.
func (c *Collector) Addf(pos Pos, format string, args ...any) {
	c.errs = append(c.errs, &Error{File: c.File, Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

// Add records the problems of err when it is an Errors (from Decode), or
// err itself, without a position, otherwise.
func (c *Collector) Add(err error) {
	var es Errors
	if errors.As(err, &es) {
		c.errs = append(c.errs, es...)
		return
	}
	if err != nil {
		c.errs = append(c.errs, &Error{File: c.File, Pos: Pos{1, 1}, Msg: err.Error()})
	}
}

// Unknown records that s names no known kind ("topic", "region"):
// with the closest known name when it looks like a typo, else the list.
func (c *Collector) Unknown(s String, kind string, known []string) {
	if sug := text.Suggest(s.Value, known); sug != "" {
		c.Addf(s.Pos, "unknown %s %q (did you mean %q?)", kind, s.Value, sug)
		return
	}
	c.Addf(s.Pos, "unknown %s %q (known: %s)", kind, s.Value, strings.Join(known, ", "))
}

// Err returns the collected problems in file order, or nil when there are none.
func (c *Collector) Err() error {
	if len(c.errs) == 0 {
		return nil
	}
	sort.SliceStable(c.errs, func(i, j int) bool {
		a, b := c.errs[i].Pos, c.errs[j].Pos
		return a.Line < b.Line || a.Line == b.Line && a.Col < b.Col
	})
	return c.errs
}

// Fatal reports whether err is a problem that leaves nothing to validate
// further (unreadable YAML, an empty file).
func Fatal(err error) bool {
	var es Errors
	return errors.As(err, &es) && len(es) == 1 && es[0].fatal
}

// Decode parses data (named file in messages) into out, which must be a
// pointer to a struct. Every problem is returned as Errors; out holds what
// could be decoded, so that callers can go on validating and report
// everything at once (unless Fatal says the document could not be read).
func Decode(file string, data []byte, out any) error {
	c := &Collector{File: file}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		c.Addf(syntaxPos(err), "invalid YAML: %s", syntaxMsg(err))
		c.errs[0].fatal = true
		return c.Err()
	}
	if len(doc.Content) == 0 {
		c.Addf(Pos{1, 1}, "file is empty")
		c.errs[0].fatal = true
		return c.Err()
	}
	d := decoder{c: c}
	d.value(doc.Content[0], reflect.ValueOf(out).Elem(), "")
	return c.Err()
}

type decoder struct{ c *Collector }

var (
	posType      = reflect.TypeOf(Pos{})
	stringType   = reflect.TypeOf(String{})
	durationType = reflect.TypeOf(time.Duration(0))
)

func nodePos(n *yaml.Node) Pos { return Pos{n.Line, n.Column} }

// value decodes n into v; path names the place for messages ("topics[2].any").
func (d *decoder) value(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return // an empty value leaves the zero value
	}
	switch {
	case v.Type() == stringType:
		if d.expect(n, yaml.ScalarNode, path, "a string") {
			v.Set(reflect.ValueOf(String{Value: n.Value, Pos: nodePos(n)}))
		}
	case v.Type() == durationType:
		d.duration(n, v, path)
	case v.Kind() == reflect.Struct:
		d.structure(n, v, path)
	case v.Kind() == reflect.Slice:
		d.slice(n, v, path)
	case v.Kind() == reflect.Map:
		d.mapping(n, v, path)
	case v.Kind() == reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		d.value(n, p.Elem(), path)
		v.Set(p)
	default:
		d.scalar(n, v, path)
	}
}

func (d *decoder) expect(n *yaml.Node, kind yaml.Kind, path, what string) bool {
	if n.Kind == kind {
		return true
	}
	d.c.Addf(nodePos(n), "%s: expected %s, found %s", describe(path), what, kindName(n))
	return false
}

func (d *decoder) structure(n *yaml.Node, v reflect.Value, path string) {
	if !d.expect(n, yaml.MappingNode, path, "a mapping of keys") {
		return
	}
	fields, names := structFields(v.Type())
	for i := 0; i < v.NumField(); i++ {
		if v.Type().Field(i).Type == posType {
			v.Field(i).Set(reflect.ValueOf(nodePos(n)))
		}
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], n.Content[i+1]
		idx, ok := fields[key.Value]
		if !ok {
			msg := fmt.Sprintf("unknown key %q in %s", key.Value, describe(path))
			if s := text.Suggest(key.Value, names); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			} else {
				msg += fmt.Sprintf(" (known keys: %s)", strings.Join(names, ", "))
			}
			d.c.Addf(nodePos(key), "%s", msg)
			continue
		}
		if seen[key.Value] {
			d.c.Addf(nodePos(key), "key %q appears twice in %s", key.Value, describe(path))
			continue
		}
		seen[key.Value] = true
		d.value(val, v.Field(idx), join(path, key.Value))
	}
}

func (d *decoder) slice(n *yaml.Node, v reflect.Value, path string) {
	if !d.expect(n, yaml.SequenceNode, path, "a list") {
		return
	}
	s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	for i, item := range n.Content {
		d.value(item, s.Index(i), fmt.Sprintf("%s[%d]", path, i))
	}
	v.Set(s)
}

func (d *decoder) mapping(n *yaml.Node, v reflect.Value, path string) {
	if !d.expect(n, yaml.MappingNode, path, "a mapping") {
		return
	}
	m := reflect.MakeMap(v.Type())
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := reflect.New(v.Type().Key()).Elem()
		if !d.expect(n.Content[i], yaml.ScalarNode, path, "a single value as a key") {
			continue
		}
		d.value(n.Content[i], k, path)
		key := n.Content[i].Value
		if seen[key] {
			d.c.Addf(nodePos(n.Content[i]), "key %q appears twice in %s", key, describe(path))
			continue
		}
		seen[key] = true
		e := reflect.New(v.Type().Elem()).Elem()
		d.value(n.Content[i+1], e, join(path, n.Content[i].Value))
		m.SetMapIndex(k, e)
	}
	v.Set(m)
}

func (d *decoder) duration(n *yaml.Node, v reflect.Value, path string) {
	if !d.expect(n, yaml.ScalarNode, path, "a duration such as 15m or 2h") {
		return
	}
	dur, err := time.ParseDuration(n.Value)
	if err != nil {
		d.c.Addf(nodePos(n), "%s: %q is not a duration (use forms like 90s, 15m, 2h)", describe(path), n.Value)
		return
	}
	if dur < 0 {
		d.c.Addf(nodePos(n), "%s: %q must not be negative", describe(path), n.Value)
		return
	}
	v.SetInt(int64(dur))
}

func (d *decoder) scalar(n *yaml.Node, v reflect.Value, path string) {
	if !d.expect(n, yaml.ScalarNode, path, "a single value") {
		return
	}
	bad := func(what string) {
		d.c.Addf(nodePos(n), "%s: expected %s, found %q", describe(path), what, n.Value)
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(n.Value)
	case reflect.Bool:
		b, err := strconv.ParseBool(n.Value)
		if n.Tag != "!!bool" || err != nil {
			bad("true or false")
			return
		}
		v.SetBool(b)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		i, err := strconv.ParseInt(n.Value, 0, v.Type().Bits())
		if err != nil {
			bad("a whole number")
			return
		}
		v.SetInt(i)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		u, err := strconv.ParseUint(n.Value, 0, v.Type().Bits())
		if err != nil {
			bad("a whole number, zero or more")
			return
		}
		v.SetUint(u)
	case reflect.Float32, reflect.Float64:
		f, err := strconv.ParseFloat(n.Value, v.Type().Bits())
		if err != nil {
			bad("a number")
			return
		}
		v.SetFloat(f)
	default:
		panic(fmt.Sprintf("yamlstrict: unsupported type %s at %s", v.Type(), path))
	}
}

// structFields maps YAML keys to field indexes; names are the keys in
// declaration order, for suggestions.
func structFields(t reflect.Type) (map[string]int, []string) {
	fields := map[string]int{}
	var names []string
	for i := 0; i < t.NumField(); i++ {
		tag, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		if tag == "" || tag == "-" {
			continue
		}
		fields[tag] = i
		names = append(names, tag)
	}
	return fields, names
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func describe(path string) string {
	if path == "" {
		return "the top level"
	}
	return path
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	default:
		return fmt.Sprintf("%q", n.Value)
	}
}

const linePrefix = "line "

// syntaxPos extracts the line from a yaml.v3 syntax error ("yaml: line 3:
// mapping values are not allowed in this context"); the library gives no column.
func syntaxPos(err error) Pos {
	msg := err.Error()
	i := strings.Index(msg, linePrefix)
	if i < 0 {
		return Pos{1, 1}
	}
	rest := msg[i+len(linePrefix):]
	end := strings.IndexFunc(rest, func(r rune) bool { return r < '0' || r > '9' })
	if end <= 0 {
		return Pos{1, 1}
	}
	line, _ := strconv.Atoi(rest[:end])
	return Pos{line, 1}
}

func syntaxMsg(err error) string {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		return strings.Join(te.Errors, "; ")
	}
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if i := strings.Index(msg, ": "); i >= 0 && strings.HasPrefix(msg, linePrefix) {
		return msg[i+2:]
	}
	return msg
}
