package render

import (
	"bytes"
	"cmp"
	"fmt"
	"strings"

	"github.com/riskguide/riskguide/internal/site"
)

// sheetsCSS is assets/css/sheets.css, the print rules made from the site:
// the paper size, and for every checklist and template a named page whose
// margins carry what the sheet is, which guidance it belongs to, the date it
// was printed and "Page x of y", so that each sheet identifies itself on
// paper without the browser's own header and footer.
//
// Each sheet has a page of its own name so that a pack of several prints
// each one's title on that one's pages; a page name is set on the sheet's
// element through its class, which the layouts give it. Pages that are not
// sheets (the self-assessment, the whole guidance) are left to site.css.
//
// The date is known only when the sheet is printed: page.js sets
// --sheet-printed then. Without scripts the footer leaves a space to write
// the date in by hand, since the build must not write a date of its own
// (the same input gives the same output).
func (r *renderer) sheetsCSS() []byte {
	var b bytes.Buffer
	b.WriteString("/* Printed sheets, made from the site's content by riskguide build. */\n")
	size := "A4"
	if r.s.Config.Paper == site.PaperLetter {
		size = "letter"
	}
	fmt.Fprintf(&b, "@page { size: %s; }\n", size)

	guidance := r.s.Config.Title
	if v := r.s.Config.Version; v != "" {
		if label, err := r.i18n.Format("footer.version", v); err == nil {
			guidance += " · " + label
		}
	}
	blank := cssString(r.i18n.Lookup("sheet.printed.blank"))
	sheet := func(name, title string) {
		// Each sheet counts its own pages (counter NAME, stepped on its
		// pages only), so that a sheet printed on its own says "Page 1 of
		// 4" and one printed in a pack starts again at 1. A pack's sheet
		// is on a page of its own kind (NAME-pack) that says both: the
		// sheet's page, and the page of the pack with the pack's count,
		// since CSS counts pages only for the whole document: no browser
		// knows a sheet's own count there. A pack with one sheet chosen
		// (pack.js marks it pack-single) prints that sheet as on its own.
		fmt.Fprintf(&b, ".%s { page: %s; }\n", name, name)
		fmt.Fprintf(&b, ".print-section.%s { page: %s-pack; }\n", name, name)
		fmt.Fprintf(&b, "html.pack-single .print-section.%s { page: %s; }\n", name, name)
		own := cssCounters(r.i18n.Lookup("sheet.page"), "counter("+name+")", "counter(pages)")
		pack := cssCounters(r.i18n.Lookup("sheet.page.pack"), "counter("+name+")", "counter(page)", "counter(pages)")
		for _, kind := range []struct{ page, number string }{{name, own}, {name + "-pack", pack}} {
			fmt.Fprintf(&b, "@page %s {\n", kind.page)
			b.WriteString("  margin: 17mm 14mm 15mm;\n")
			fmt.Fprintf(&b, "  counter-increment: %s;\n", name)
			b.WriteString("  font: 8pt/1.25 system-ui, \"Liberation Sans\", Arial, sans-serif; color: #000;\n")
			fmt.Fprintf(&b, "  @top-left { content: %s; font-weight: 700; vertical-align: bottom; padding-bottom: 2mm; }\n", cssString(title))
			fmt.Fprintf(&b, "  @top-right { content: %s; vertical-align: bottom; padding-bottom: 2mm; text-align: right; }\n", cssString(guidance))
			fmt.Fprintf(&b, "  @bottom-left { content: var(--sheet-printed, %s); vertical-align: top; padding-top: 2mm; }\n", blank)
			fmt.Fprintf(&b, "  @bottom-right { content: %s; vertical-align: top; padding-top: 2mm; text-align: right; }\n", kind.number)
			b.WriteString("}\n")
		}
	}
	for _, c := range r.s.Checklists {
		role := r.s.Role(c.Role.ID)
		if role == nil {
			continue
		}
		sheet(checklistSheet(role.ID), cmp.Or(c.Title, role.Name))
	}
	for _, p := range r.s.Protocols {
		sheet(protocolSheet(p.ID), p.Title)
	}
	return b.Bytes()
}

// cssString quotes s as a CSS string. A character CSS would read otherwise
// is written as a hexadecimal escape, followed by the space that ends one.
func cssString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, c := range s {
		switch {
		case c == '"' || c == '\\' || c < 0x20 || c == 0x7f:
			fmt.Fprintf(&b, "\\%x ", c)
		default:
			b.WriteRune(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// cssCounters turns an interface string with two %s, such as "Page %s of
// %s", into CSS content with the counters in their places.
func cssCounters(format string, counters ...string) string {
	parts := strings.Split(format, "%s")
	var out []string
	for i, p := range parts {
		if p != "" {
			out = append(out, cssString(p))
		}
		if i < len(parts)-1 && i < len(counters) {
			out = append(out, counters[i])
		}
	}
	return strings.Join(out, " ")
}
