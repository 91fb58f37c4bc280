// Package riskguide embeds the default site: the European guidance on police
// risk management of intimate partner violence (content/ and checklists/),
// and the default layouts and assets every site builds on. The tool itself
// lives in cmd/riskguide and internal/.
package riskguide

import "embed"

// Default is the default site and theme. It sits at the module root because
// an embed directive cannot reach into parent folders.
//
//go:embed content checklists layouts assets
var Default embed.FS
