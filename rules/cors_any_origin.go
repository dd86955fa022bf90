package rules

import "fmt"

// CORSAnyOrigin reports flask-cors set-ups that answer every site, without
// credentials.
var CORSAnyOrigin = &Rule{
	ID:        "FL302",
	Name:      "cors-any-origin",
	Title:     "cors allows any origin",
	Severity:  Low,
	Precision: HighPrecision,
	Tags:      []string{"security", "cors"},
	Needles:   AppNeedles,
	Doc: Doc{
		Why: "A bare `CORS(app)`, `origins=\"*\"` or `@cross_origin()` lets every website read " +
			"the app's responses from a visitor's browser. Without credentials the browser does " +
			"not attach cookies, so this only matters for data that the visitor's network position " +
			"grants (an intranet app, an API on localhost) or that should not be embeddable " +
			"elsewhere. It is the right setting for a truly public API.",
		Fix: "Pass the origins that need access: `CORS(app, origins=[\"https://app.example.com\"])`, " +
			"or limit CORS to the public routes with `resources={r\"/api/public/*\": {...}}`.",
		Limitations: "The level is not raised yet for apps that use cookie sessions or " +
			"Flask-Login. Options passed through `**kwargs` are not followed.",
	},
	Check: checkCORSAnyOrigin,
}

func checkCORSAnyOrigin(p *Pass) error {
	for _, v := range corsVerdicts(p) {
		if !v.anyOrigin || v.credentials || !v.credsKnown {
			continue
		}
		u := v.use
		p.Report(Finding{
			Pos: nodePos(u.File, u.Node),
			Message: fmt.Sprintf("%s%s allows any origin: %s (without credentials)",
				u.callName(), v.resourceNote(), v.origins),
			Related: v.related,
		})
	}
	return nil
}
