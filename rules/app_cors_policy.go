package rules

import "fmt"

// corsVerdict is what one CORS policy allows, as the CORS rules read it.
type corsVerdict struct {
	use    *CORSUse
	policy CORSPolicy
	// credentials is set when supports_credentials is known to be on;
	// credsKnown when it is known at all.
	credentials, credsKnown bool
	wildcard                bool // send_wildcard known to be on
	// anyOrigin is set when origins is known to allow every site; origins
	// describes how, for messages.
	anyOrigin bool
	origins   string
	related   []Related
}

// judgeCORS reads the options of one policy. ok is false when the origins
// cannot be told.
func judgeCORS(u *CORSUse, p CORSPolicy) (corsVerdict, bool) {
	v := corsVerdict{use: u, policy: p}
	creds, set, known := u.option(p, "supports_credentials")
	on, truthKnown := creds.Value.Truthy()
	v.credentials, v.credsKnown = set && on && truthKnown, known && (!set || truthKnown)
	if set && v.credentials {
		v.related = append(v.related, corsRelated(u, creds, "supports_credentials is set here")...)
	}
	sw, set, _ := u.option(p, "send_wildcard")
	v.wildcard = set && sw.Value.IsOn()

	origins, set, known := u.option(p, "origins")
	switch {
	case !known:
		return v, false
	case !set:
		v.anyOrigin = true
		v.origins = `origins is not set and flask-cors's default "*" echoes back whatever Origin the request carries`
		return v, true
	}
	any, ok := anyOriginValue(origins.Value)
	if !ok {
		return v, false
	}
	v.anyOrigin, v.origins = any, fmt.Sprintf("origins=%s allows every site", origins.Value.Python())
	v.related = append(v.related, corsRelated(u, origins, "origins is set here")...)
	return v, true
}

// anyOriginValue tells whether an origins value matches every origin: "*"
// or ".*", alone or in a list.
func anyOriginValue(v Value) (any, known bool) {
	strs, ok := v.Strings()
	if !ok {
		return false, false
	}
	for _, s := range strs {
		if s.Partial {
			return false, false
		}
		switch s.Str {
		case "*", ".*", "^.*", "^.*$", ".*$":
			return true, true
		}
	}
	return false, true
}

// corsRelated points at an option set away from the CORS call.
func corsRelated(u *CORSUse, opt CORSOption, what string) []Related {
	if !opt.Where.Valid() {
		return nil
	}
	v := Value{Origin: opt.Where}
	return relatedOrigin(v, u.File, u.Node, what)
}

// callName names the CORS use in a message: CORS(app, ...),
// cors.init_app(app, ...), @cross_origin(...).
func (u *CORSUse) callName() string {
	name := shortText(u.File, u.Node.Child("function")) + "(...)"
	if u.Kind == "cross_origin" {
		name = "@" + name
	}
	return name
}

// resourceNote names the resource pattern of a policy, or "".
func (v corsVerdict) resourceNote() string {
	if v.policy.Resource == "" {
		return ""
	}
	return fmt.Sprintf(" for resources %q", v.policy.Resource)
}

// corsVerdicts judges every policy of every CORS use of the project.
func corsVerdicts(p *Pass) []corsVerdict {
	var out []corsVerdict
	for _, u := range p.Project.AppModel().CORS {
		for _, pol := range u.Policies() {
			if v, ok := judgeCORS(u, pol); ok {
				out = append(out, v)
			}
		}
	}
	return out
}
