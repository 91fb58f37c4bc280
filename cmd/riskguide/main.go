// Command riskguide builds, checks and serves guidance websites.
package main

import (
	"os"

	"github.com/riskguide/riskguide/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
