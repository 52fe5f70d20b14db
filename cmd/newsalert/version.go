package main

import (
	"context"
	"fmt"
	"runtime/debug"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3";
// otherwise it comes from the module's build information.
var version = ""

func versionString() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

func userAgent() string {
	return "newsalert/" + versionString() + " (+https://github.com/newsalert/newsalert)"
}

func runVersion(_ context.Context, env cmdEnv, args []string) error {
	fs := newFlags("version", "Print the version of newsalert.", env.stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	fmt.Fprintln(env.stdout, "newsalert", versionString())
	return nil
}
