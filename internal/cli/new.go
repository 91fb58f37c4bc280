package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/riskguide/riskguide/internal/scaffold"
)

func newCommand(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "new DIR",
		Short: "Write an editable copy of the default site into DIR",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError{fmt.Errorf("new takes one folder, got %d arguments", len(args))}
			}
			return nil
		},
		RunE: func(_ *cobra.Command, args []string) error {
			n, err := scaffold.Write(args[0])
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "wrote %d files into %s\nNext: cd %s && riskguide serve\n", n, args[0], args[0])
			return nil
		},
	}
}
