// Package e2e holds the browser suite of koers: the public site driven in
// headless Chromium (chromedp), checked with axe-core for WCAG 2.1 A and
// AA, and with the Nu Html Checker for valid HTML.
//
// The tests skip where Chromium, Java or the npm tools are missing; CI
// (.ci/run) installs them and runs the suite for real. Locally:
//
//	apt-get install -y chromium default-jre-headless
//	npm ci --prefix e2e
//	go test ./e2e/
//
// Screenshots of every page type at 375 and 1280 pixels wide are written to
// $TMPDIR/koers-screenshots.
package e2e
