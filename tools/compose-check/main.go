// compose-check loads docker-compose files the way `docker compose config` does, without Docker:
// compose-spec/compose-go merges the files, interpolates ${VAR}, ${VAR:-default} and ${VAR:?error}
// from the environment, and validates the result against the Compose specification's JSON schema.
// WithConsistency also refuses references to undefined networks, volumes, configs or secrets.
// Usage: compose-check -f docker-compose.yml [-f overlay.yml ...]; exit 0 and "ok" when valid.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/compose-spec/compose-go/v2/cli"
)

type files []string

func (f *files) String() string     { return strings.Join(*f, ",") }
func (f *files) Set(v string) error { *f = append(*f, v); return nil }

func main() {
	var paths files
	flag.Var(&paths, "f", "a compose file; repeat to stack overlays in order")
	flag.Parse()
	if len(paths) == 0 {
		fmt.Fprintln(os.Stderr, "usage: compose-check -f docker-compose.yml [-f overlay.yml ...]")
		os.Exit(2)
	}
	options, err := cli.NewProjectOptions(paths, cli.WithOsEnv, cli.WithConsistency(true))
	if err == nil {
		_, err = options.LoadProject(context.Background())
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", paths.String(), err)
		os.Exit(1)
	}
	fmt.Println("ok")
}
