package main

import (
	"os"
	"syscall"
)

// peakRSS is the most memory a finished child process held resident, in
// bytes (Linux reports kilobytes).
func peakRSS(ps *os.ProcessState) (int64, bool) {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0, false
	}
	return ru.Maxrss << 10, true
}
