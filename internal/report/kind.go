package report

import (
	"bytes"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind is what a file given to report holds, as far as its first bytes
// (and, for text, its name) tell.
type Kind string

// The kinds of file that people give report by mistake, or that it may
// read one day. Each is named in the message that refuses it.
const (
	KindJSON     Kind = "JSON"
	KindCSV      Kind = "CSV"
	KindWorkbook Kind = "workbook" // .xlsx, .ods: a zip archive
	KindOldExcel Kind = "old Excel"
	KindPDF      Kind = "PDF"
	KindHTML     Kind = "HTML"
	KindXML      Kind = "XML"
	KindUTF16    Kind = "UTF-16 text"
	KindBinary   Kind = "binary"
	KindText     Kind = "text"
)

// Sniff names the kind of a file from its first bytes, then from its name:
// a file that starts as JSON does is JSON whatever its name, so that the
// format's own messages explain what is wrong inside it.
func Sniff(name string, data []byte) Kind {
	head := data[:min(len(data), 4096)]
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return KindWorkbook
	case bytes.HasPrefix(head, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")):
		return KindOldExcel
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return KindPDF
	case bytes.HasPrefix(head, []byte("\xff\xfe")), bytes.HasPrefix(head, []byte("\xfe\xff")):
		return KindUTF16
	}
	text := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(text) == 0 || text[0] == '{' || text[0] == '[' {
		return KindJSON
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return KindBinary
	}
	lower := strings.ToLower(string(text[:min(len(text), 64)]))
	switch {
	case strings.HasPrefix(lower, "<!doctype html"), strings.HasPrefix(lower, "<html"):
		return KindHTML
	case strings.HasPrefix(lower, "<?xml"):
		return KindXML
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv", ".tsv":
		return KindCSV
	case ".xlsx", ".xlsm", ".ods":
		return KindWorkbook
	case ".xls":
		return KindOldExcel
	}
	// A first line of several values separated by commas, semicolons or
	// tabs is a spreadsheet's CSV, whatever the file is called.
	line, _, _ := bytes.Cut(text, []byte("\n"))
	for _, sep := range []string{",", ";", "\t"} {
		if strings.Count(string(line), sep) >= 2 {
			return KindCSV
		}
	}
	return KindText
}

// refusals say, for each kind report does not read, what the file is and
// what to give instead.
var refusals = map[Kind]string{
	KindCSV:      "is a CSV file: report reads the JSON exports of the self-assessment page. Import the CSV there (Import), then export the assessment as JSON and give that file",
	KindWorkbook: "is a workbook or other zip archive (such as .xlsx): report reads the JSON exports of the self-assessment page. Import it there, then export the assessment as JSON and give that file",
	KindOldExcel: "is an old Excel workbook (.xls): report reads the JSON exports of the self-assessment page. Save it as CSV UTF-8, import that on the self-assessment page, then export the assessment as JSON",
	KindPDF:      "is a PDF file, such as a printed report: report reads the JSON exports of the self-assessment page (Export → JSON)",
	KindHTML:     "is a web page (HTML): report reads the JSON exports of the self-assessment page (Export → JSON), not the page itself",
	KindXML:      "is an XML file: report reads the JSON exports of the self-assessment page (Export → JSON)",
	KindUTF16:    "is UTF-16 text: report reads the JSON exports of the self-assessment page, which are UTF-8. Export the assessment again from the page, or save the file as UTF-8",
	KindBinary:   "is not a text file: report reads the JSON exports of the self-assessment page (Export → JSON)",
	KindText:     "is text but not JSON: report reads the JSON exports of the self-assessment page (Export → JSON)",
}

// Read reads an export file of any kind report knows, and refuses any
// other kind with a message that names it. Reading another kind is one
// case here.
func Read(name string, data []byte) (*Export, error) {
	if len(data) > MaxBytes {
		return nil, &Error{Msg: "is " + strconv.Itoa(len(data)) + " bytes, larger than the limit of " + strconv.Itoa(MaxBytes)}
	}
	switch k := Sniff(name, data); k {
	case KindJSON:
		return Parse(data)
	case KindWorkbook:
		return ParseWorkbook(name, data)
	default:
		return nil, &Error{Msg: refusals[k]}
	}
}

// Printable returns s as it is when every character of it shows as itself
// on a terminal, and otherwise quoted with Go's escapes ("\x1b]0;…"), as
// check quotes what it prints: text from an input file never reaches the
// terminal as control codes.
func Printable(s string) string {
	if !utf8.ValidString(s) {
		return strconv.Quote(s)
	}
	for _, r := range s {
		if !unicode.IsPrint(r) && r != ' ' {
			return strconv.Quote(s)
		}
	}
	return s
}
