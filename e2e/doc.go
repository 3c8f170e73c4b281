// Package e2e holds the browser suite of koers: the public site and the
// back office (/beheer) driven in headless Chromium (chromedp), checked
// with axe-core for WCAG 2.1 A and AA, and with the Nu Html Checker for
// valid HTML. The suite serves koers as koers serve wires it: the site,
// the API and the back office on one database with the demo data.
//
// TestJourney is the back office's story from the issue, by clicking and
// typing: people added, a draft changed and previewed while the public
// page, its PDF, the API and search stay as published, then published and
// renewed, and every step in the audit log. TestBackOfficeAxe and
// TestBackOfficeValidHTML check every state of every back-office page
// type (errors shown, conflicts, refusals); TestXSS types a corpus of
// injection payloads into every field and block form and looks for
// anything that ran or was injected wherever they are shown.
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
