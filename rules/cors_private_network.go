package rules

import "fmt"

// CORSPrivateNetwork reports flask-cors set-ups that grant private network
// access.
var CORSPrivateNetwork = &Rule{
	ID:        "FL306",
	Name:      "cors-private-network",
	Title:     "cors lets public sites reach the app on a private network",
	Severity:  Medium,
	Precision: HighPrecision,
	Tags:      []string{"security", "cors"},
	Needles:   AppNeedles,
	Doc: Doc{
		Why: "Browsers ask before a public website may send requests to a private address (an " +
			"intranet host, a router, `localhost`): the preflight carries " +
			"`Access-Control-Request-Private-Network: true`, and only an answer of " +
			"`Access-Control-Allow-Private-Network: true` lets the request through. " +
			"`allow_private_network=True` (or `CORS_ALLOW_PRIVATE_NETWORK`) sends that answer, so " +
			"every site the CORS origins allow can reach an app that was meant to be reachable " +
			"from inside only. flask-cors 4.0.0 up to (not including) 5.0.0 sent it by default " +
			"(CVE-2024-6221): a pin in that range without an explicit `allow_private_network=False` " +
			"is reported too. High when the origins allow every site.",
		Fix: "Drop `allow_private_network`, or set it to False; upgrade flask-cors to 5.0.0 or newer.",
		Limitations: "The pin that applies is the one nearest the file that calls flask-cors; a " +
			"version installed by other means is not known.",
	},
	Check: checkCORSPrivateNetwork,
}

func checkCORSPrivateNetwork(p *Pass) error {
	for _, u := range p.Project.AppModel().CORS {
		for _, pol := range u.Policies() {
			if f, ok := privateNetworkFinding(p, u, pol); ok {
				p.Report(f)
			}
		}
	}
	return nil
}

func privateNetworkFinding(p *Pass, u *CORSUse, pol CORSPolicy) (Finding, bool) {
	opt, set, known := u.option(pol, "allow_private_network")
	sev := Medium
	if v, ok := judgeCORS(u, pol); ok && v.anyOrigin {
		sev = High
	}
	res := policyResource(pol)
	switch {
	case set && opt.Value.IsOn():
		return Finding{
			Severity: sev,
			Pos:      nodePos(u.File, u.Node),
			Message: fmt.Sprintf("%s%s sets allow_private_network=%s%s: public sites its origins allow can send "+
				"requests to this app on a private network", u.callName(), res, opt.Value.Python(),
				originNote(opt.Value, u.File, u.Node)),
			Related: corsRelated(u, opt, "allow_private_network is set here"),
		}, true
	case set || !known:
		return Finding{}, false
	}
	fact := p.Project.VersionOf(u.File.Path, "flask-cors")
	if !fact.Pinned {
		return Finding{}, false
	}
	fixed, why := fact.AtLeast("5.0.0")
	introduced, _ := fact.AtLeast("4.0.0")
	if fixed || !introduced {
		return Finding{}, false
	}
	return Finding{
		Severity: sev,
		Pos:      nodePos(u.File, u.Node),
		Message: fmt.Sprintf("%s%s leaves allow_private_network unset, and %s answers private network "+
			"preflights with true by default (before 5.0.0): public sites its origins allow can reach this app "+
			"on a private network", u.callName(), res, why),
		Related: fact.Related("flask-cors is pinned here"),
	}, true
}
