package rules

import "fmt"

// CORSCredentialsAnyOrigin reports flask-cors set-ups that grant
// credentialed access to every site.
var CORSCredentialsAnyOrigin = &Rule{
	ID:        "FL301",
	Name:      "cors-credentials-any-origin",
	Title:     "cors sends credentials to any origin",
	Severity:  Critical,
	Precision: HighPrecision,
	Tags:      []string{"security", "cors"},
	Needles:   AppNeedles,
	Doc: Doc{
		Why: "flask-cors's default `origins` is `\"*\"`, and unless `send_wildcard=True` it does " +
			"not send `*`: it echoes back the request's `Origin`. With " +
			"`supports_credentials=True` it also sends `Access-Control-Allow-Credentials: true`. " +
			"Together, every website a logged-in user visits can send requests with the user's " +
			"cookies and read the answers, although no `*` appears in the code. The same holds " +
			"for `origins=\"*\"`, `\".*\"` or a list holding one of them, per resource in " +
			"`resources={...}`, and for the `CORS_ORIGINS` / `CORS_SUPPORTS_CREDENTIALS` " +
			"configuration keys.\n\n" +
			"`send_wildcard=True` together with credentials is reported at medium: flask-cors " +
			"raises `ValueError` at start-up, so the app does not start.",
		Fix: "List the origins that may make credentialed requests explicitly: " +
			"`CORS(app, origins=[\"https://app.example.com\"], supports_credentials=True)`. " +
			"If no other site needs the user's session, drop `supports_credentials`.",
		Limitations: "Options passed through `**kwargs` or computed at run time are not " +
			"followed; such set-ups are not reported. For `@cross_origin` the app's `CORS_*` " +
			"configuration is not merged.",
	},
	Check: checkCORSCredentialsAnyOrigin,
}

func checkCORSCredentialsAnyOrigin(p *Pass) error {
	for _, v := range corsVerdicts(p) {
		if !v.credentials || !v.anyOrigin {
			continue
		}
		u := v.use
		f := Finding{Pos: nodePos(u.File, u.Node), Related: v.related}
		if v.wildcard {
			f.Severity = Medium
			f.Message = fmt.Sprintf("%s%s sets supports_credentials together with send_wildcard=True: "+
				"flask-cors raises ValueError at start-up, so the app does not start", u.callName(), v.resourceNote())
		} else {
			f.Message = fmt.Sprintf("%s%s sends Access-Control-Allow-Credentials to any origin: "+
				"supports_credentials is on and %s", u.callName(), v.resourceNote(), v.origins)
		}
		p.Report(f)
	}
	return nil
}
