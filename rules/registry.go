package rules

import "sort"

// All lists every rule, sorted by id. A rule is added here once and its id
// is never reused, even after the rule is retired.
var All = sortedRules(
	ParseError,
	IncludeNotFound,
	IncludeOutsideTree,
	UnreadableFile,
	SuppressionWithoutReason,
	SuppressionUnknownRule,
	UnusedSuppression,
	NginxParseError,
	DockerfileParseError,
	ComposeParseError,
	EnvFileParseError,
	ProcfileParseError,
	ShellParseError,
	UnitParseError,
	PackageJSONParseError,
	DebugRun,
	DebugConfig,
	WerkzeugDebugger,
	DebugEnv,
	FlaskRunDebug,
	DevServerAllInterfaces,
	WSGIBindAllInterfaces,
	ServerNameAllInterfaces,
	SocketBindAllInterfaces,
	FlaskRunAllInterfaces,
	WSGIBindCLI,
	PortPublishedPastProxy,
	CORSCredentialsAnyOrigin,
	CORSAnyOrigin,
	CORSHeaderReflection,
	CORSWeakOrigin,
	CORSPrivateNetwork,
	NginxCORSAnyOrigin,
	ForwardedClientHeader,
	RealIPTrustAll,
	UnderscoresInHeaders,
	ProxyHeadersDropped,
	ProxyTrustDirect,
	ProxyFixTooManyHops,
	ClientIPFromForwardedHeader,
	ProxyFixHeaderNotSet,
	CatchAllDefaultServer,
	CatchAllHostForwarded,
	NoHostAllowlist,
	TrustedHostsSuspicious,
	ServerNameNotAGuard,
	AliasTraversal,
	AddHeaderDropped,
	HeaderInjection,
	VariableProxyPass,
	UpgradeForwarded,
	ServerTokensOn,
	AutoindexOn,
	ReturnBeforeAccess,
	HardcodedSecretKey,
	InsecureSessionCookie,
	CSRFDisabled,
	SSRFRequestURL,
)

func sortedRules(rs ...*Rule) []*Rule {
	sort.Slice(rs, func(i, j int) bool { return rs[i].ID < rs[j].ID })
	return rs
}

// ByID finds a rule by id, or nil.
func ByID(id string) *Rule {
	for _, r := range All {
		if r.ID == id {
			return r
		}
	}
	return nil
}
