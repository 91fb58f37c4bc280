package crawl

// SetMaxProblems lowers the number of problems kept, for a test.
func SetMaxProblems(n int) (restore func()) {
	old := maxProblems
	maxProblems = n
	return func() { maxProblems = old }
}

// Normalise is normalise, for a test.
var Normalise = normalise
