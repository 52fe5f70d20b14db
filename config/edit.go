package config

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"go.yaml.in/yaml/v3"
)

// AppendFeed adds a feed to the config file at path, keeping its comments,
// after checking that the result is a valid config. The previous file is
// kept as path + ".bak".
func AppendFeed(path string, f Feed) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read config: %w", err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return fmt.Errorf("%s is not a YAML mapping; add the feed by hand", path)
	}
	root := doc.Content[0]
	list := mappingValue(root, "feeds")
	if list == nil {
		list = &yaml.Node{Kind: yaml.SequenceNode}
		root.Content = append(root.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: "feeds"}, list)
	}
	if list.Kind != yaml.SequenceNode {
		return fmt.Errorf("%s: feeds is not a list; add the feed by hand", path)
	}
	list.Content = append(list.Content, feedNode(f))
	var out bytes.Buffer
	enc := yaml.NewEncoder(&out)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return fmt.Errorf("encode config: %w", err)
	}
	if _, err := Parse(path, out.Bytes()); err != nil {
		return fmt.Errorf("the config would not be valid with this feed:\n%w", err)
	}
	if err := os.WriteFile(path+".bak", data, 0o600); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".newsalert-*.yaml")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(out.Bytes()); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if info, err := os.Stat(path); err == nil {
		os.Chmod(tmp.Name(), info.Mode().Perm())
	}
	return os.Rename(tmp.Name(), path)
}

func mappingValue(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func feedNode(f Feed) *yaml.Node {
	str := func(v string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Value: v} }
	n := &yaml.Node{Kind: yaml.MappingNode}
	n.Content = append(n.Content, str("url"), str(f.URL))
	if f.Name != "" {
		n.Content = append(n.Content, str("name"), str(f.Name))
	}
	if len(f.Regions) > 0 {
		regions := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
		for _, r := range f.Regions {
			regions.Content = append(regions.Content, str(r.Value))
		}
		n.Content = append(n.Content, str("regions"), regions)
	}
	return n
}
