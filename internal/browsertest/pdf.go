package browsertest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// PDFText extracts the text of a PDF with poppler's pdftotext, in reading
// order, one string for the whole file (pages are separated by form feeds).
func PDFText(t testing.TB, pdf []byte) string {
	t.Helper()
	bin := NeedTool(t, "pdftotext", "poppler-utils")
	cmd := exec.Command(bin, "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

var (
	pagesLine    = regexp.MustCompile(`(?m)^Pages:\s+(\d+)`)
	pageSizeLine = regexp.MustCompile(`(?m)^Page size:\s+([0-9.]+) x ([0-9.]+) pts`)
)

// pdfInfo returns the line of poppler's pdfinfo output that re matches,
// split into re's groups.
func pdfInfo(t testing.TB, pdf []byte, re *regexp.Regexp, what string) [][]byte {
	t.Helper()
	bin := NeedTool(t, "pdfinfo", "poppler-utils")
	cmd := exec.Command(bin, "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	m := re.FindSubmatch(out)
	if m == nil {
		t.Fatalf("pdfinfo printed no %s:\n%s", what, out)
	}
	return m
}

// PDFPages returns the number of pages of a PDF.
func PDFPages(t testing.TB, pdf []byte) int {
	t.Helper()
	n, _ := strconv.Atoi(string(pdfInfo(t, pdf, pagesLine, "page count")[1]))
	return n
}

// PDFPageSize returns the size of the first page of a PDF in points.
func PDFPageSize(t testing.TB, pdf []byte) (width, height float64) {
	t.Helper()
	m := pdfInfo(t, pdf, pageSizeLine, "page size")
	width, _ = strconv.ParseFloat(string(m[1]), 64)
	height, _ = strconv.ParseFloat(string(m[2]), 64)
	return width, height
}

// KeepPDF writes pdf into the folder named by the BROWSERTEST_PDF_DIR
// environment variable, if set, so that a person can look at what the tests
// printed (pdftoppm -png -r 50 FILE.pdf page).
func KeepPDF(t testing.TB, name string, pdf []byte) {
	t.Helper()
	dir := os.Getenv("BROWSERTEST_PDF_DIR")
	if dir == "" {
		return
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), pdf, 0o644); err != nil {
		t.Fatal(err)
	}
}

// PDFPageTexts returns the text of each page of a PDF, in order.
func PDFPageTexts(t testing.TB, pdf []byte) []string {
	t.Helper()
	pages := strings.Split(PDFText(t, pdf), "\f")
	// pdftotext ends the last page with a form feed too.
	if n := len(pages); n > 1 && strings.TrimSpace(pages[n-1]) == "" {
		pages = pages[:n-1]
	}
	return pages
}
