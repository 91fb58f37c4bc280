//go:build race

package main

// raceDetector: this test binary, which the tests run as riskguide, was
// built with -race. The detector's shadow memory multiplies the resident
// set several times over, so a bound on the memory of riskguide says
// nothing about an instrumented binary.
const raceDetector = true
