package browsertest

import "github.com/chromedp/chromedp"

// evalVoid evaluates a script for its effect only.
func evalVoid(src string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](src)
}
